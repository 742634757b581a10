"""Corpora at scale: stream many documents through the geoparser or the reader.

    inputs (JSONL, folders of .txt, globs) -> chunks of documents
        -> engine: ``local`` (this process) or ``dask`` (a dask.distributed cluster)
        -> JSONL lines, written in input order through a temporary file and a rename

Memory stays constant whatever the corpus size: documents are read lazily,
grouped into chunks of ``chunk_size`` and only a few chunks are in flight at
once (the dask engine waits for the oldest chunk before submitting another).
Output lines come out in input order with either engine, so two runs over the
same corpus give byte-identical files.

Each process builds its :class:`~deploymap.extract.toponyms.Geoparser` or
:class:`~deploymap.read.Reader` once: the local engine once per run, every dask
worker process once for its lifetime (see :func:`_worker_engine`), never once
per document.

A malformed JSONL line (or an unreadable text file) is reported on stderr as
``FILE:LINE: skipped: why`` and left out; the other documents are processed
and the result says how many were skipped, so the command can end non-zero.

Examples
--------
>>> import json, os, tempfile
>>> d = tempfile.mkdtemp()
>>> src = os.path.join(d, "news.jsonl")
>>> with open(src, "w") as f:
...     _ = f.write('{"id": "a", "text": "Rain fell on Nairobi."}\\n')
>>> result = run_batch([src], os.path.join(d, "out.jsonl"), job="geoparse")
>>> result.documents, result.skipped
(1, 0)
>>> with open(os.path.join(d, "out.jsonl")) as f:
...     [t["name"] for t in json.loads(f.readline())["toponyms"]]
['Nairobi']
"""

from __future__ import annotations

import glob
import json
import os
import sys
import time
import zlib
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, NamedTuple

from deploymap.errors import InputError
from deploymap.terminal import printable, printable_json

__all__ = ["JOBS", "BatchResult", "iter_documents", "run_batch"]

JOBS = ("geoparse", "extract")
ENGINES = ("local", "dask")
# 500 GeoVirus-sized documents take a worker ~0.25 s to geoparse (1.5 s to
# extract): long enough that dask's per-task overhead (~1 ms) vanishes, short
# enough that both workers get work early and the progress bar moves.
DEFAULT_CHUNK_SIZE = 500
# A chunk also ends at this many characters, so a corpus of long documents
# does not ship multi-megabyte task payloads through the scheduler.
MAX_CHUNK_CHARS = 4_000_000
# Reports printed on stderr before the rest are only counted.
MAX_REPORTS = 100
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_BOM = b"\xef\xbb\xbf"
#: ``--max-doc-size``: a larger record (JSONL line or text file) is reported and skipped.
DEFAULT_MAX_DOC_SIZE = 20_000_000
#: ``--doc-timeout``: seconds one document may take in a corpus run (0: no limit).
DEFAULT_DOC_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch run did.

    Attributes
    ----------
    documents : int
        Documents written to the output.
    skipped : int
        Malformed lines and unreadable documents left out (each was reported).
    seconds : float
        Wall time of the run, cluster start-up included.
    output : str
        Where the lines went (``"-"`` for standard output).
    reports : tuple of str
        The first :data:`MAX_REPORTS` reports (skips and warnings), as printed.
    """

    documents: int
    skipped: int
    seconds: float
    output: str
    reports: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when no document was skipped."""
        return self.skipped == 0

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0


class _Item(NamedTuple):
    """One document as read, not yet decoded: decoding happens where it is processed.

    ``line`` is the 1-based line of a JSONL record, 0 for a whole text file;
    ``doc_id`` is None for JSONL records (the id is inside the line).  An item
    with an ``error`` is no document but the report of one left out (counted
    as skipped); one with a ``warning`` only reports (a symlink loop skipped).
    """

    where: str
    line: int
    payload: bytes
    doc_id: str | None
    stem: str
    error: str = ""
    warning: str = ""


class _ChunkOut(NamedTuple):
    text: str  # output JSONL lines, each ending in "\n"
    documents: int
    skipped: int
    reports: list[str]


# -- inputs -------------------------------------------------------------------------------


def _is_jsonl(path: Path) -> bool:
    name = path.name.lower()
    name = name.removesuffix(".gz")
    return name.endswith(JSONL_SUFFIXES)


def _stem(path: Path) -> str:
    name = path.name.removesuffix(".gz")
    return Path(name).stem


def _resolve(spec: str) -> list[tuple[str, Path | None]]:
    """Check one input spec before the run starts; return what to stream from it.

    Returns (kind, path) pairs: ("stdin", None), ("file", path), ("folder", path)
    or ("glob", None) with the pattern kept in *spec* (expanded lazily later).
    """
    if spec == "-":
        return [("stdin", None)]
    p = Path(spec)
    if p.is_dir():
        return [("folder", p)]
    if p.exists():
        return [("file", p)]
    if glob.has_magic(spec):
        if next(glob.iglob(spec, recursive=True), None) is None:
            raise InputError(f"{spec}: no file matches this pattern")
        return [("glob", None)]
    raise InputError(f"{p}: no such file or folder")


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


_BLOCK = 1 << 20


def _blocks(f: IO[bytes]) -> Iterator[bytes]:
    while block := f.read(_BLOCK):
        yield block


def _gunzip(f: IO[bytes]) -> Iterator[bytes]:
    """The decompressed bytes of a gzip stream (several members too), block by block.

    Unlike :mod:`gzip`, what a truncated file holds before its end is given
    out before the error; a CRC or header error raises :class:`zlib.error`.
    """
    d = zlib.decompressobj(wbits=31)
    started = False
    # small input pieces: a CRC error at the end loses at most one piece's lines
    while raw := f.read(1 << 14):
        while raw:
            started = True
            out = d.decompress(raw, _BLOCK)
            if out:
                yield out
            while d.unconsumed_tail:  # the output was capped: drain it
                out = d.decompress(d.unconsumed_tail, _BLOCK)
                if out:
                    yield out
            raw = b""
            if d.eof:
                raw = d.unused_data.lstrip(b"\0")  # another member, or padding
                d = zlib.decompressobj(wbits=31)
                started = False
    if started and not d.eof:
        raise EOFError("the gzip file is truncated (it ends inside the compressed data)")


def _bounded_lines(blocks: Iterable[bytes], limit: int) -> Iterator[bytes | int]:
    """Lines (each with its ``\\n``), holding at most *limit* bytes of one line;
    a longer line is dropped and only its size (an int) is given."""
    buf = bytearray()
    over = 0  # > 0: inside a line over the limit, counting its bytes
    for block in blocks:
        start = 0
        while start < len(block):
            nl = block.find(b"\n", start)
            end = len(block) if nl < 0 else nl + 1
            piece = block[start:end]
            start = end
            if over:
                over += len(piece)
            else:
                buf += piece
                if len(buf) - buf.endswith(b"\n") > limit:
                    over = len(buf)
                    buf = bytearray()
            if nl >= 0:
                if over:
                    yield over
                    over = 0
                else:
                    yield bytes(buf)
                    buf = bytearray()
    if over:
        yield over
    elif buf:
        yield bytes(buf)


def _note(path: Path, what: str) -> _Item:
    return _Item(str(path), 0, b"", None, "", warning=f"{path}: warning: {what}")


@dataclass(frozen=True, slots=True)
class _Reader:
    """How inputs are read: the record size cap and the run's own output to leave out."""

    max_size: int = DEFAULT_MAX_DOC_SIZE
    output: Path | None = None

    def own_output(self, path: Path) -> bool:
        """A folder or glob re-run over its own output folder must not read it."""
        from deploymap.io import is_temp_of

        return self.output is not None and is_temp_of(path, self.output)

    def walk_txt(self, folder: Path, _up: frozenset[tuple[int, int]] = frozenset()) -> Iterator:
        """Every ``.txt`` below *folder* in sorted path order (Paths), and an error or
        warning _Item for a folder that cannot be listed or a symlink loop."""
        try:
            st = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda d: d.name)
        except OSError as err:
            yield _Item(str(folder), 0, b"", None, "", error=f"{folder}: skipped: {err.strerror}")
            return
        up = _up | {(st.st_dev, st.st_ino)}
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError:  # a symlink to itself: ELOOP
                is_dir = is_file = False
            if is_dir:
                try:
                    sub = path.stat()
                except OSError:
                    continue
                if (sub.st_dev, sub.st_ino) in up:
                    where = os.path.realpath(path)
                    yield _note(path, f"skipped a symlink loop (it leads back to {where})")
                    continue
                yield from self.walk_txt(path, up)
            elif entry.name.lower().endswith(".txt"):
                if is_file:
                    if not self.own_output(path):
                        yield path
                elif entry.is_symlink():
                    yield _note(path, "skipped a broken or looping symlink")

    def jsonl_items(self, path: Path | None) -> Iterator[_Item]:
        if path is None:
            yield from self.jsonl_lines(_blocks(sys.stdin.buffer), "<stdin>", "stdin")
            return
        try:
            f = path.open("rb")
        except OSError as e:
            yield _Item(str(path), 0, b"", None, "", error=f"{path}: skipped: {e.strerror or e}")
            return
        with f:
            blocks = _gunzip(f) if path.name.lower().endswith(".gz") else _blocks(f)
            yield from self.jsonl_lines(blocks, str(path), _stem(path))

    def jsonl_lines(self, blocks: Iterator[bytes], where: str, stem: str) -> Iterator[_Item]:
        # Lines stay bytes here: the process that handles them decodes and parses
        # them, so this process only reads, and a bad line is reported by number.
        ln = 0
        try:
            for line in _bounded_lines(blocks, self.max_size):
                ln += 1
                if isinstance(line, int):
                    yield _Item(
                        where,
                        ln,
                        b"",
                        None,
                        stem,
                        error=f"{where}:{ln}: skipped: the record is {_mb(line)}, over "
                        f"--max-doc-size {_mb(self.max_size)}",
                    )
                    continue
                if ln == 1 and line.startswith(_BOM):
                    line = line[len(_BOM) :]
                if line.strip():
                    yield _Item(where, ln, line, None, stem)
        # a truncated or damaged .gz, or a file named .gz that is not one: the
        # lines read before are kept, and the run ends non-zero
        except (EOFError, OSError, zlib.error) as e:
            why = str(e)
            if "incorrect header check" in why:
                why = "not a gzip file"
            elif "incorrect data check" in why:
                why = "the file is damaged (CRC check failed)"
            yield _Item(
                where,
                ln + 1,
                b"",
                None,
                stem,
                error=f"{where}: stopped reading at line {ln + 1}: {why}; the {ln} lines "
                "before were kept",
            )

    def text_item(self, path: Path, doc_id: str) -> _Item:
        try:
            size = path.stat().st_size
            if size > self.max_size:
                return _Item(
                    str(path),
                    0,
                    b"",
                    doc_id,
                    doc_id,
                    error=f"{path}: skipped: the file is {_mb(size)}, over --max-doc-size "
                    f"{_mb(self.max_size)}",
                )
            data = path.read_bytes()
        except OSError as e:
            return _Item(
                str(path), 0, b"", doc_id, doc_id, error=f"{path}: skipped: {e.strerror or e}"
            )
        return _Item(str(path), 0, data, doc_id, doc_id)

    def file_items(self, path: Path) -> Iterator[_Item]:
        if _is_jsonl(path):
            yield from self.jsonl_items(path)
        else:
            yield self.text_item(path, _stem(path))

    def folder_items(self, folder: Path) -> Iterator[_Item]:
        for f in self.walk_txt(folder):
            if isinstance(f, _Item):
                yield f
            else:
                # ids relative to the folder keep same-named files in subfolders apart
                yield self.text_item(f, f.relative_to(folder).with_suffix("").as_posix())

    def stream(self, resolved: list[tuple[str, str, Path | None]]) -> Iterator[_Item]:
        for spec, kind, p in resolved:
            if kind == "stdin":
                yield from self.jsonl_items(None)
            elif kind == "file" and p is not None:
                yield from self.file_items(p)
            elif kind == "folder" and p is not None:
                yield from self.folder_items(p)
            else:
                for m in sorted(glob.iglob(spec, recursive=True)):
                    mp = Path(m)
                    if mp.is_dir():
                        yield from self.folder_items(mp)
                    elif mp.is_file() and not self.own_output(mp):
                        yield from self.file_items(mp)


def _iter_items(
    inputs: Sequence[str],
    max_size: int = DEFAULT_MAX_DOC_SIZE,
    output: str | os.PathLike[str] | None = None,
) -> Iterator[_Item]:
    """Check every input now, then stream its documents lazily."""
    resolved = [(spec, kind, p) for spec in inputs for kind, p in _resolve(spec)]
    out = None if output is None or str(output) == "-" else Path(output)
    return _Reader(max_size, out).stream(resolved)


def iter_documents(inputs: Sequence[str | os.PathLike[str]]) -> Iterator[tuple[str, str]]:
    """Stream ``(id, text)`` pairs from JSONL files, text files, folders and globs.

    Malformed JSONL lines are reported on stderr with ``FILE:LINE`` and skipped.

    Parameters
    ----------
    inputs : sequence of str or path
        JSONL files (``{"id", "text"}`` per line; ``.jsonl``, ``.ndjson``,
        ``.json``, optionally ``.gz``), other files read as one text each,
        folders (every ``.txt`` below them, in path order), glob patterns
        (``"news/**/*.jsonl"``) or ``-`` for JSONL on standard input.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with open(os.path.join(d, "a.txt"), "w") as f:
    ...     _ = f.write("Troops reached Goma.")
    >>> list(iter_documents([d]))
    [('a', 'Troops reached Goma.')]
    """
    for item in _iter_items([str(i) for i in inputs]):
        if item.warning:
            print(printable(item.warning), file=sys.stderr)
            continue
        got = _decode(item)
        if isinstance(got, str):
            print(printable(got), file=sys.stderr)
            continue
        doc_id, text, _meta, warning = got
        if warning:
            print(printable(warning), file=sys.stderr)
        yield doc_id, text


def _chunks(items: Iterable[_Item], size: int) -> Iterator[list[_Item]]:
    chunk: list[_Item] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += len(item.payload)
        if len(chunk) >= size or chars >= MAX_CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


# -- work (runs where the documents are processed: this process or a dask worker) -------


def _where(item: _Item) -> str:
    return f"{item.where}:{item.line}" if item.line else item.where


def _decode(item: _Item) -> tuple[str, str, dict[str, Any], str] | str:
    """``(id, text, record, warning)`` of one item, or the report of why it is skipped."""
    if item.error:
        return item.error
    if item.doc_id is not None:
        # a text file's path names its source, as `deploymap extract FILE` does
        rec = {"_path": item.where}
        try:
            return item.doc_id, item.payload.decode("utf-8-sig"), rec, ""
        except UnicodeDecodeError as e:
            if b"\x00" in item.payload[:8192]:
                return f"{_where(item)}: skipped: looks like a binary file, not text"
            warning = (
                f"{_where(item)}: warning: not valid UTF-8 (byte {e.start}); "
                "read it as Windows-1252"
            )
            return item.doc_id, item.payload.decode("cp1252", errors="replace"), rec, warning
    try:
        d = json.loads(item.payload)
        if isinstance(d, dict) and "text" not in d and isinstance(d.get("html"), str):
            d = _from_html(d)
        if not isinstance(d, dict) or not isinstance(d.get("text"), str):
            raise ValueError('expected an object with a "text" string (or an "html" page)')
    except ValueError as e:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return f"{_where(item)}: skipped: {e}"
    # JSON may escape a lone surrogate ("\\ud800"): no UTF-8 output can hold it
    for key in ("id", "text", "title", "url", "date", "source"):
        value = d.get(key)
        if isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as e:
                return (
                    f"{_where(item)}: skipped: {key!r} holds a lone surrogate "
                    f"{value[e.start]!r} at character {e.start} (not Unicode text); "
                    "fix the record's encoding"
                )
    return str(d.get("id", f"{item.stem}:{item.line}")), d["text"], d, ""


def _from_html(d: dict[str, Any]) -> dict[str, Any]:
    """A record with ``html`` instead of ``text``: the page reduced to its article (the
    record's own title, date and url win over the page's)."""
    from deploymap.inputs.html import html_article

    art = html_article(d["html"], '"html"', url=str(d.get("url") or ""))
    out = {k: v for k, v in d.items() if k != "html"}
    out["text"] = art.text
    for key, value in (("title", art.title), ("date", art.date), ("url", art.source)):
        if value and not out.get(key):
            out[key] = value
    return out


# One function per job: (engine, id, text, record, default date) -> output record.
_Work = Callable[[Any, str, str, dict[str, Any], str], dict[str, Any]]


def _geoparse_doc(
    gp: Any, doc_id: str, text: str, rec: dict[str, Any], date: str
) -> dict[str, Any]:
    from deploymap.extract.toponyms import geoparse_record

    return geoparse_record(doc_id, gp.parse(text))


def _extract_doc(
    reader: Any, doc_id: str, text: str, rec: dict[str, Any], date: str
) -> dict[str, Any]:
    # a JSONL record's "source" is often the corpus or publisher: the url or id names the article
    source = rec.get("url") or rec.get("_path") or doc_id
    story = reader.read(
        text,
        title=str(rec.get("title") or ""),
        date=str(rec.get("date") or date or ""),
        source=str(source),
        # a record's "lang" is taken when it is one the reader knows, else detected
        lang=lang if (lang := str(rec.get("lang") or "")) in ("en", "fr") else "",
    )
    return {"id": doc_id, **story.to_dict()}


_WORK: dict[str, _Work] = {"geoparse": _geoparse_doc, "extract": _extract_doc}


# One short text through a new engine, so what it builds on first use is built
# before the per-chunk children are forked (they would each build it again).
_WARM_UP = "Kenyan troops of ATMIS reached Kismayo, Somalia, on 5 May 2023."


def _build_engine(job: str, country_point: str = "auto") -> Any:
    engine: Any
    if job == "geoparse":
        from deploymap.extract.toponyms import Geoparser

        # adjectival demonyms only, as `geoparse_jsonl` and the geoparsing benchmark
        engine = Geoparser(demonyms="adjectives", country_point=country_point)
    else:
        from deploymap.read import Reader

        engine = Reader()
    _WORK[job](engine, "warm-up", _WARM_UP, {}, "")
    return engine


@lru_cache(maxsize=len(JOBS))
def _worker_engine(job: str, country_point: str = "auto") -> Any:
    """The job's geoparser or reader of this process, built on its first chunk.

    A dask worker process keeps it between tasks, so the gazetteer index is
    built once per worker, not once per chunk or document.
    """
    return _build_engine(job, country_point)


def _one(engine: Any, job: str, date: str, item: _Item) -> list[tuple[str, str]]:
    """One item through the job: ``("line", JSONL line)``, ``("skip", report)`` or
    ``("warn", report)`` messages, never an exception."""
    if item.warning:
        return [("warn", item.warning)]
    out: list[tuple[str, str]] = []
    try:
        got = _decode(item)
        if isinstance(got, str):
            return [("skip", got)]
        doc_id, text, rec, warning = got
        if warning:
            out.append(("warn", warning))
        line = printable_json(
            json.dumps(_WORK[job](engine, doc_id, text, rec, date), ensure_ascii=False)
        )
        line.encode("utf-8")  # fails here, for this record, not later at the write
    # One odd document must not end a run over millions: it is reported with
    # its place and counted, and the run ends non-zero.
    except Exception as e:
        out.append(("skip", f"{_where(item)}: skipped: {job} failed: {type(e).__name__}: {e}"))
        return out
    out.append(("line", line + "\n"))
    return out


def _process(
    engine: Any, job: str, items: Sequence[_Item], date: str, timeout: float | None = None
) -> _ChunkOut:
    """A chunk through the job; with a *timeout*, each document within that many seconds
    (in a forked child, see :mod:`deploymap.watchdog`)."""
    from functools import partial

    from deploymap.watchdog import Died, OverBudget, run_with_budget

    lines: list[str] = []
    reports: list[str] = []
    skipped = 0
    work = partial(_one, engine, job, date)
    for i, got in run_with_budget(work, items, timeout):
        if isinstance(got, OverBudget):
            reports.append(
                f"{_where(items[i])}: skipped: took longer than --doc-timeout {got.seconds:g} s"
            )
            skipped += 1
            continue
        if isinstance(got, Died):
            reports.append(f"{_where(items[i])}: skipped: the {job} process died ({got.how})")
            skipped += 1
            continue
        for kind, text in got:
            if kind == "line":
                lines.append(text)
            else:
                reports.append(text)
                skipped += kind == "skip"
    return _ChunkOut("".join(lines), len(lines), skipped, reports)


def _run_chunk(
    job: str,
    items: list[_Item],
    date: str,
    timeout: float | None = None,
    country_point: str = "auto",
) -> _ChunkOut:
    """The dask task: one chunk through this worker's cached engine."""
    return _process(_worker_engine(job, country_point), job, items, date, timeout)


def _deploymap_version() -> str:
    from deploymap._version import __version__

    return __version__


# -- engines ------------------------------------------------------------------------------


def _run_local(
    job: str,
    chunks: Iterable[list[_Item]],
    date: str,
    timeout: float | None = None,
    country_point: str = "auto",
) -> Generator[_ChunkOut, None, None]:
    engine = _build_engine(job, country_point)
    for chunk in chunks:
        yield _process(engine, job, chunk, date, timeout)


def _run_dask(
    job: str,
    chunks: Iterable[list[_Item]],
    date: str,
    workers: int | None,
    scheduler: str | None,
    report: Callable[[str], None],
    timeout: float | None = None,
    country_point: str = "auto",
) -> Generator[_ChunkOut, None, None]:
    try:
        import logging

        from distributed import Client, LocalCluster
    except ImportError as e:
        raise InputError(
            "the dask engine needs dask.distributed: pip install 'deploymap[batch]'"
        ) from e
    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="20s"))
                client.wait_for_workers(1, timeout=60)
            except (OSError, TimeoutError) as e:
                raise InputError(
                    f"cannot use the dask scheduler at {scheduler} ({e}); start one with "
                    "`dask scheduler` and at least one `dask worker ADDRESS`"
                ) from e
        else:
            n = workers or os.cpu_count() or 1
            import dask

            # Build the engine here first, then fork the workers (POSIX): they start
            # with the gazetteer index already in memory instead of importing and
            # building it again, which is most of a local cluster's start-up.
            method = "fork" if os.name == "posix" and job in JOBS else "spawn"
            if method == "fork":
                _worker_engine(job, country_point)
            # processes, not threads: geoparsing is pure Python and holds the GIL
            with dask.config.set({"distributed.worker.multiprocessing-method": method}):
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=n,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                )
            client = stack.enter_context(Client(cluster))
        _check_workers(client, report)
        # Two chunks per worker thread keep every worker busy while the oldest
        # result is written; more would only hold documents in memory.
        slots = max(2, 2 * sum(client.nthreads().values()))
        pending: deque[Any] = deque()
        try:
            for chunk in chunks:
                pending.append(
                    client.submit(_run_chunk, job, chunk, date, timeout, country_point, pure=False)
                )
                if len(pending) >= slots:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            if pending:
                client.cancel(list(pending))


#: Protocols a dask scheduler address may start with.
SCHEDULER_PROTOCOLS = ("tcp", "tls", "inproc", "ucx", "ws", "wss")


def check_scheduler(address: str) -> str:
    """A dask scheduler address as ``tcp://host:port`` (or ``host:port``), checked.

    Examples
    --------
    >>> check_scheduler("tcp://10.0.0.5:8786")
    'tcp://10.0.0.5:8786'
    >>> check_scheduler("http://10.0.0.5:8787")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    deploymap.errors.InputError: --scheduler 'http://10.0.0.5:8787': ...
    """
    import re

    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    hint = "give the scheduler's address, e.g. tcp://host:8786"
    if scheme.lower() in ("http", "https"):
        raise InputError(
            f"--scheduler {address!r}: {scheme}:// is the dashboard, not the scheduler; {hint}"
        )
    if scheme.lower() not in SCHEDULER_PROTOCOLS:
        raise InputError(f"--scheduler {address!r}: unknown protocol {scheme!r}; {hint}")
    if scheme.lower() != "inproc" and not re.fullmatch(
        r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.\-]+)(:\d{1,5})?", rest
    ):
        raise InputError(f"--scheduler {address!r}: not a host[:port]; {hint}")
    return address


def _check_workers(client: Any, report: Callable[[str], None]) -> None:
    """Fail early, with the fix, when a worker cannot run deploymap."""
    from deploymap._version import __version__

    try:
        versions = client.run(_deploymap_version)
    except Exception as e:  # a worker without deploymap fails to unpickle the function
        raise InputError(
            f"a dask worker cannot run deploymap ({type(e).__name__}: {e}); install "
            "deploymap with its geodata on every worker: pip install 'deploymap[batch]'"
        ) from e
    for address, version in sorted(versions.items()):
        if version != __version__:
            report(
                f"deploymap: warning: worker {address} runs deploymap {version}, "
                f"this process {__version__}; outputs may differ"
            )


# -- output -------------------------------------------------------------------------------


@contextmanager
def _sink(output: str | os.PathLike[str] | None) -> Iterator[IO[str]]:
    """Standard output, or a temporary file renamed over *output* on success."""
    from deploymap.io import output_stream

    with output_stream("-" if output is None else output) as f:
        yield f


def _count_documents(inputs: Sequence[str]) -> int | None:
    """Documents in plain files, for the progress bar's total (None when unknown cheaply)."""
    total = 0
    for spec in inputs:
        p = Path(spec)
        if spec == "-" or not p.is_file() or p.name.lower().endswith(".gz"):
            return None
        if _is_jsonl(p):
            with p.open("rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return total


def _progress_bar(show: bool | None, inputs: Sequence[str]) -> Any:
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        print(
            "deploymap: warning: no progress bar without tqdm: pip install 'deploymap[batch]'",
            file=sys.stderr,
        )
        return None
    return tqdm(total=_count_documents(inputs), unit="doc", file=sys.stderr, dynamic_ncols=True)


# -- the run ------------------------------------------------------------------------------


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    *,
    job: str = "geoparse",
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    date: str = "",
    progress: bool | None = None,
    max_doc_size: int = DEFAULT_MAX_DOC_SIZE,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    country_point: str = "auto",
) -> BatchResult:
    """Geoparse or extract every document of a corpus into JSONL, in constant memory.

    Parameters
    ----------
    inputs : sequence of str or path
        JSONL files (``{"id", "text"}`` lines, optionally ``"title"``,
        ``"date"``, ``"url"``; may be gzipped), text files, folders of
        ``.txt`` files, glob patterns, or ``-`` for JSONL on standard input.
        Every input is checked before the run starts.
    output : str or path, optional
        The JSONL to write (through a temporary file renamed at the end);
        ``None`` or ``"-"`` streams to standard output.
    job : {"geoparse", "extract"}
        ``geoparse`` writes ``{"id", "toponyms": [...]}`` lines as
        :func:`~deploymap.extract.toponyms.geoparse_jsonl` does; ``extract``
        writes ``{"id", ...}`` plus :meth:`Story.to_dict() <deploymap.model.Story.to_dict>`.
    engine : {"local", "dask"}
        ``local`` runs in this process; ``dask`` runs on a dask.distributed
        cluster: the one at *scheduler*, or a LocalCluster of *workers*
        single-threaded processes (default: one per CPU).
    workers : int, optional
        Worker processes of the LocalCluster.
    scheduler : str, optional
        Address of a running dask scheduler (``tcp://host:8786``).
    chunk_size : int
        Documents per task (a chunk also ends at 4 million characters).
    date : str
        For ``extract``: the article date (ISO) of documents without a ``"date"``.
    progress : bool, optional
        Show a progress bar on stderr; by default only when stderr is a terminal.
    max_doc_size : int
        Bytes a record (a JSONL line, a text file) may hold; a larger one is
        reported and skipped without being read into memory (20 MB).
    doc_timeout : float or None
        Seconds one document may take (30); one over budget is stopped,
        reported and skipped, and the run goes on.  Each chunk runs in a forked
        child that can be killed (POSIX); None or 0: no limit, in this process.
    country_point : {"auto", "conventional", "centroid", "label"}
        For ``geoparse``: where a country named in text is put (see
        :mod:`deploymap.gazetteer.country_points`).

    Returns
    -------
    BatchResult
        Documents written, documents skipped (each reported on stderr), time.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with open(os.path.join(d, "kfor.txt"), "w") as f:
    ...     _ = f.write("Turkey keeps about 600 soldiers in KFOR, the NATO force in Kosovo.")
    >>> r = run_batch([d], os.path.join(d, "stories.jsonl"), job="extract")
    >>> r.documents
    1
    """
    if job not in JOBS:
        raise InputError(f"job must be one of {', '.join(JOBS)}, not {job!r}")
    if engine not in ENGINES:
        raise InputError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if chunk_size < 1:
        raise InputError(f"chunk size must be at least 1, not {chunk_size}")
    if workers is not None and workers < 1:
        raise InputError(f"workers must be at least 1, not {workers}")
    if max_doc_size < 1:
        raise InputError(f"max doc size must be at least 1 byte, not {max_doc_size}")
    if doc_timeout is not None and (doc_timeout < 0 or doc_timeout != doc_timeout):
        raise InputError(f"doc timeout must be 0 (no limit) or more seconds, not {doc_timeout}")
    from deploymap.gazetteer.country_points import CONVENTIONS

    if country_point not in CONVENTIONS:
        raise InputError(
            f"country point must be one of {', '.join(sorted(CONVENTIONS))}, not {country_point!r}"
        )
    if scheduler is not None:
        check_scheduler(scheduler)
    specs = [str(i) for i in inputs]
    if not specs:
        raise InputError("no input given")
    from deploymap.io import refuse_overwriting_inputs

    refuse_overwriting_inputs(output, specs)
    t0 = time.perf_counter()
    items = _iter_items(specs, max_doc_size, output)

    documents = skipped = printed = 0
    kept: list[str] = []

    def report(msg: str) -> None:
        nonlocal printed
        printed += 1
        if printed <= MAX_REPORTS:
            print(printable(msg), file=sys.stderr)
            kept.append(msg)
        elif printed == MAX_REPORTS + 1:
            print("deploymap: further reports not shown; see the summary", file=sys.stderr)

    chunks = _chunks(items, chunk_size)
    with ExitStack() as stack:
        sink = stack.enter_context(_sink(output))
        bar = _progress_bar(progress, specs)
        if bar is not None:
            stack.callback(bar.close)
        if engine == "local":
            results = _run_local(job, chunks, date, doc_timeout, country_point)
        else:
            results = _run_dask(
                job, chunks, date, workers, scheduler, report, doc_timeout, country_point
            )
        # closing() ends the generator (and so the dask cluster) on any error here
        for out in stack.enter_context(closing(results)):
            sink.write(out.text)
            documents += out.documents
            skipped += out.skipped
            for msg in out.reports:
                report(msg)
            if bar is not None:
                bar.update(out.documents + out.skipped)
    return BatchResult(
        documents=documents,
        skipped=skipped,
        seconds=time.perf_counter() - t0,
        output="-" if output is None else str(output),
        reports=tuple(kept),
    )
