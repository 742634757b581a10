"""Reading corpora: JSONL files (gzipped or not), text files, folders and globs, streamed
lazily as undecoded items, grouped into chunks, and decoded where they are processed."""

from __future__ import annotations

import glob
import itertools
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from deploymap.errors import InputError
from deploymap.terminal import printable

# 500 GeoVirus-sized documents take a worker ~0.25 s to geoparse (1.5 s to
# extract): long enough that dask's per-task overhead (~1 ms) vanishes, short
# enough that both workers get work early and the progress bar moves.
DEFAULT_CHUNK_SIZE = 500
# A chunk also ends at this many characters, so a corpus of long documents
# does not ship multi-megabyte task payloads through the scheduler.
MAX_CHUNK_CHARS = 4_000_000
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_BOM = b"\xef\xbb\xbf"
#: ``--max-doc-size``: a larger record (JSONL line or text file) is reported and skipped.
DEFAULT_MAX_DOC_SIZE = 20_000_000


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

    def stdin_items(self) -> Iterator[_Item]:
        """Standard input: JSONL when its first non-blank byte opens a JSON object,
        otherwise one text document (id ``stdin``), as ``deploymap extract -`` reads it."""
        blocks = _blocks(sys.stdin.buffer)
        head = b""
        for block in blocks:
            head += block
            if head.removeprefix(_BOM).lstrip(b" \t\r\n"):
                break
        if head.removeprefix(_BOM).lstrip(b" \t\r\n").startswith(b"{"):
            yield from self.jsonl_lines(itertools.chain([head], blocks), "<stdin>", "stdin")
            return
        if not head.strip():
            return  # nothing on standard input: no document
        data = bytearray(head)
        for block in itertools.chain([b""], blocks):
            data += block
            if len(data) > self.max_size:
                yield _Item(
                    "<stdin>",
                    0,
                    b"",
                    "stdin",
                    "stdin",
                    error=f"<stdin>: skipped: the text is over --max-doc-size {_mb(self.max_size)}",
                )
                return
        yield _Item("<stdin>", 0, bytes(data), "stdin", "stdin")

    def jsonl_items(self, path: Path | None) -> Iterator[_Item]:
        if path is None:
            yield from self.stdin_items()
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
        (``"news/**/*.jsonl"``) or ``-`` for standard input (JSONL, or one
        plain-text document when it does not start with ``{``).

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
