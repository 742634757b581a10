"""The jobs (geoparse, extract) run on chunks of documents: in this process or on a dask worker."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from typing import Any, NamedTuple

from deploymap.batch.corpus import _decode, _Item, _where
from deploymap.terminal import printable_json

JOBS = ("geoparse", "extract")


class _ChunkOut(NamedTuple):
    text: str  # output JSONL lines, each ending in "\n"
    documents: int
    skipped: int
    reports: list[str]


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


def _build_engine(job: str, country_point: str = "auto", full_index: bool = True) -> Any:
    """The job's geoparser or reader, warmed up; with *full_index* (a corpus of
    more than a chunk) its name index is built in memory at once, else it is
    asked of the gazetteer until it pays (see :mod:`deploymap.extract.toponym_index`)."""
    engine: Any
    if job == "geoparse":
        from deploymap.extract.toponyms import Geoparser

        # adjectival demonyms only, as `geoparse_jsonl` and the geoparsing benchmark
        engine = Geoparser(demonyms="adjectives", country_point=country_point)
        geoparser = engine
    else:
        from deploymap.read import Reader

        engine = Reader()
        geoparser = engine.geoparser
    if full_index:
        geoparser.build_index()
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
    engine: Any,
    job: str,
    items: Sequence[_Item],
    date: str,
    timeout: float | None = None,
    worker: Any = None,
) -> _ChunkOut:
    """A chunk through the job; with a *timeout*, each document within that many seconds
    (in a forked child, see :mod:`deploymap.watchdog`): the child of *worker* when one
    is given (it keeps its caches from chunk to chunk), else one for this chunk."""
    from deploymap.watchdog import Died, OverBudget, run_with_budget

    lines: list[str] = []
    reports: list[str] = []
    skipped = 0
    if worker is not None and timeout and timeout > 0:
        results = worker.run(items, timeout)
    else:
        results = run_with_budget(partial(_one, engine, job, date), items, timeout)
    for i, got in results:
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


def _budget_worker(engine: Any, job: str, date: str, timeout: float | None) -> Any:
    """The :class:`~deploymap.watchdog.Worker` that runs a whole run's chunks under
    *timeout* (one child per run, not per chunk), or None without a timeout or fork."""
    from deploymap.watchdog import Worker, can_fork

    if not timeout or timeout <= 0 or not can_fork():
        return None
    return Worker(partial(_one, engine, job, date))


# this process's budget workers, by (job, country point, date): see _worker_child
_CHILDREN: dict[tuple[str, str, str], Any] = {}


def _worker_child(engine: Any, job: str, country_point: str, date: str) -> Any:
    """This dask worker process's budget worker for a job (see :func:`_budget_worker`):
    its child lives as long as this process, across tasks (None without fork)."""
    from deploymap.watchdog import Worker, can_fork

    key = (job, country_point, date)
    if key not in _CHILDREN:
        if len(_CHILDREN) >= 4:  # a long-lived worker serving many runs
            old = _CHILDREN.pop(next(iter(_CHILDREN)))
            if old is not None:
                old.close()
        _CHILDREN[key] = Worker(partial(_one, engine, job, date)) if can_fork() else None
    return _CHILDREN[key]


def _run_chunk(
    job: str,
    items: list[_Item],
    date: str,
    timeout: float | None = None,
    country_point: str = "auto",
) -> _ChunkOut:
    """The dask task: one chunk through this worker's cached engine (and, with a
    *timeout*, through its long-lived child)."""
    engine = _worker_engine(job, country_point)
    worker = _worker_child(engine, job, country_point, date) if timeout and timeout > 0 else None
    return _process(engine, job, items, date, timeout, worker)


def _deploymap_version() -> str:
    from deploymap._version import __version__

    return __version__
