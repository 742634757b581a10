"""A time budget per item: work runs in a forked child that is killed when it overruns.

A corpus run must not stall on one document: a pathological text (a regex
that backtracks, a quadratic loop) can hold the interpreter inside C code,
where neither a signal handler nor an asynchronous exception gets to run.
Only a process can always be stopped, so :func:`run_with_budget` forks a
child (copy-on-write: the geoparser built in the parent is shared, not built
again) that works through the items and sends each result back over a pipe.
When one item takes longer than its budget the child is killed, the item is
reported as over time, and a new child goes on with the next item.  A child
that dies (a crash, the out-of-memory killer) costs only the item it held.

Without ``os.fork`` (Windows) the items run in this process, without a budget.

Examples
--------
>>> import time
>>> def work(x):
...     if x == 2:
...         time.sleep(5)
...     return x * 10
>>> [(i, r) for i, r in run_with_budget(work, [1, 2, 3], timeout=0.5)]
[(0, 10), (1, OverBudget(seconds=0.5)), (2, 30)]
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = ["Died", "OverBudget", "can_fork", "run_with_budget"]

T = TypeVar("T")
_HEADER = struct.Struct("<Q")


@dataclass(frozen=True, slots=True)
class OverBudget:
    """The item took longer than *seconds* and was stopped."""

    seconds: float


@dataclass(frozen=True, slots=True)
class Died:
    """The process working on the item ended without an answer (*how*: signal or code)."""

    how: str


def can_fork() -> bool:
    """Whether this platform can run items in a killable child (POSIX)."""
    return hasattr(os, "fork")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _child(fd: int, work: Callable[[T], Any], items: Sequence[T]) -> None:
    """In the forked child: answer each item in order, then leave without cleanup."""
    code = 0
    try:
        # the parent decides about signals; Ctrl-C reaches the whole group
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for item in items:
            data = pickle.dumps(work(item), protocol=pickle.HIGHEST_PROTOCOL)
            _write_all(fd, _HEADER.pack(len(data)) + data)
    except BaseException:
        code = 1
    finally:
        # no atexit handlers, no flushing of the parent's buffered stdout
        os._exit(code)


class _Pipe:
    """Reads length-prefixed frames from the child, waiting at most until a deadline."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buf = bytearray()

    def _fill(self, n: int, deadline: float) -> bool | None:
        """True when *n* bytes are buffered; False on end of file; None on timeout."""
        while len(self.buf) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.fd, max(1 << 16, n - len(self.buf)))
            if not chunk:
                return False
            self.buf += chunk
        return True

    def frame(self, deadline: float) -> tuple[str, Any]:
        got = self._fill(_HEADER.size, deadline)
        if got:
            (size,) = _HEADER.unpack_from(self.buf)
            got = self._fill(_HEADER.size + size, deadline)
            if got:
                data = bytes(self.buf[_HEADER.size : _HEADER.size + size])
                del self.buf[: _HEADER.size + size]
                return "ok", pickle.loads(data)
        return ("timeout", None) if got is None else ("eof", None)


def _reap(pid: int, kill: bool) -> str:
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit code {os.WEXITSTATUS(status)}"


def run_with_budget(
    work: Callable[[T], Any], items: Sequence[T], timeout: float | None
) -> Iterator[tuple[int, Any]]:
    """``(index, work(item))`` for each item in order, each within *timeout* seconds.

    An item over budget gives :class:`OverBudget`, one whose process died
    :class:`Died`; the next items go on in a new child.  *work* must return
    something picklable.  With no *timeout* (None or 0), or without fork,
    the items run here.
    """
    if not timeout or timeout <= 0 or not can_fork():
        for i, item in enumerate(items):
            yield i, work(item)
        return
    i = 0
    while i < len(items):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            os.close(r)
            _child(w, work, items[i:])
        os.close(w)
        pipe = _Pipe(r)
        alive = True
        try:
            while i < len(items):
                kind, value = pipe.frame(time.monotonic() + timeout)
                if kind == "ok":
                    yield i, value
                    i += 1
                    continue
                alive = False
                how = _reap(pid, kill=True)
                yield i, OverBudget(timeout) if kind == "timeout" else Died(how)
                i += 1
                break
        finally:
            os.close(r)
            if alive:
                _reap(pid, kill=i < len(items))
