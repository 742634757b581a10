"""The dask engine: chunks through a dask.distributed cluster (a local one or a scheduler's)."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Iterable
from contextlib import ExitStack
from typing import Any

from deploymap.batch.corpus import _Item
from deploymap.batch.work import _ChunkOut, _deploymap_version, _run_chunk
from deploymap.errors import InputError


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

            # Spawned workers, each building its own engine once (about 2 s of
            # start-up): forking this process, its cluster's event-loop thread
            # running, can copy a lock another thread holds (a logging stream's)
            # and leave the worker waiting forever (seen in CI, 2026-12-02); a fork
            # server that builds the engine first measured slower still.
            method = "spawn"
            # processes, not threads: geoparsing is pure Python and holds the GIL
            with dask.config.set({"distributed.worker.multiprocessing-method": method}):
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=n,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        # the scheduler's HTTP server (health routes) on a free
                        # loopback port: a second run at once finds 8787 taken
                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
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
