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

The package holds one module per job: :mod:`~deploymap.batch.corpus` (reading
corpora), :mod:`~deploymap.batch.work` (the jobs on a chunk),
:mod:`~deploymap.batch.cluster` (the dask engine) and
:mod:`~deploymap.batch.output` (the output and the progress bar); the local
engine and :func:`run_batch` are here.

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

import itertools
import os
import sys
import time
from collections.abc import Generator, Iterable, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass

from deploymap.batch.cluster import SCHEDULER_PROTOCOLS as SCHEDULER_PROTOCOLS
from deploymap.batch.cluster import _run_dask, check_scheduler
from deploymap.batch.corpus import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_MAX_DOC_SIZE,
    _chunks,
    _Item,
    _iter_items,
)
from deploymap.batch.corpus import JSONL_SUFFIXES as JSONL_SUFFIXES
from deploymap.batch.corpus import MAX_CHUNK_CHARS as MAX_CHUNK_CHARS
from deploymap.batch.corpus import _decode as _decode
from deploymap.batch.corpus import iter_documents as iter_documents
from deploymap.batch.output import _progress_bar, _sink
from deploymap.batch.work import _WORK as _WORK
from deploymap.batch.work import JOBS, _budget_worker, _build_engine, _ChunkOut, _process
from deploymap.batch.work import _extract_doc as _extract_doc
from deploymap.batch.work import _geoparse_doc as _geoparse_doc
from deploymap.batch.work import _run_chunk as _run_chunk
from deploymap.batch.work import _worker_engine as _worker_engine
from deploymap.errors import InputError
from deploymap.terminal import printable

__all__ = ["JOBS", "BatchResult", "iter_documents", "run_batch"]

ENGINES = ("local", "dask")
# Reports printed on stderr before the rest are only counted.
MAX_REPORTS = 100
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


# -- engines ------------------------------------------------------------------------------


def _run_local(
    job: str,
    chunks: Iterable[list[_Item]],
    date: str,
    timeout: float | None = None,
    country_point: str = "auto",
) -> Generator[_ChunkOut, None, None]:
    chunks = iter(chunks)
    first = next(chunks, None)
    second = next(chunks, None)
    # a corpus of one chunk reads too little for the in-memory name index to pay
    engine = _build_engine(job, country_point, second is not None)  # full_index
    # one child for the whole run: its lookup caches serve every chunk
    worker = _budget_worker(engine, job, date, timeout)
    try:
        for chunk in itertools.chain(filter(None, (first, second)), chunks):
            yield _process(engine, job, chunk, date, timeout, worker)
    finally:
        if worker is not None:
            worker.close()


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
        ``.txt`` files, glob patterns, or ``-`` for standard input (JSONL, or one
        plain-text document when it does not start with ``{``).
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
