"""A time budget per item: work runs in a forked child that is killed when it overruns.

A corpus run must not stall on one document: a pathological text (a regex
that backtracks, a quadratic loop) can hold the interpreter inside C code,
where neither a signal handler nor an asynchronous exception gets to run.
Only a process can always be stopped, so a :class:`Worker` forks a child
(copy-on-write: the geoparser built in the parent is shared, not built
again) that works through the items it is sent and sends each result back
over a pipe.  When one item takes longer than its budget the child is killed,
the item is reported as over time, and a new child goes on with the next
item.  A child that dies (a crash, the out-of-memory killer) costs only the
item it held.

The child lives as long as its :class:`Worker`: a corpus run sends it every
chunk, so what it learns on the way (the geoparser's lookup caches, its
in-memory name index) serves the whole run, not one chunk.  It leaves when
the parent closes the worker, or when the parent is gone (its pipe ends).
:func:`run_with_budget` is one worker for one sequence of items.

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

__all__ = ["Died", "OverBudget", "Worker", "can_fork", "run_with_budget"]

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


def _serve(commands: int, answers: int, work: Callable[[T], Any]) -> None:
    """In the forked child: answer each item of each list of items sent, in order,
    until the parent closes its end; then leave without cleanup."""
    code = 0
    try:
        # the parent decides about signals; Ctrl-C reaches the whole group
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        inbox = _Pipe(commands)
        while True:
            kind, items = inbox.frame(None)
            if kind != "ok":
                break
            for item in items:
                data = pickle.dumps(work(item), protocol=pickle.HIGHEST_PROTOCOL)
                _write_all(answers, _HEADER.pack(len(data)) + data)
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

    def _fill(self, n: int, deadline: float | None) -> bool | None:
        """True when *n* bytes are buffered; False on end of file; None on timeout
        (no *deadline*: wait as long as it takes)."""
        while len(self.buf) < n:
            if deadline is not None:
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

    def frame(self, deadline: float | None) -> tuple[str, Any]:
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


class Worker:
    """A forked child that works through the items it is sent, each within a budget.

    Parameters
    ----------
    work : callable
        Run on each item in the child; what it returns must pickle.  The child
        is forked on first use, so it sees this process as it is then.

    Notes
    -----
    Items are pickled to the child (the results back); the child keeps its
    memory between calls of :meth:`run`, which is the point.  Use it as a
    context manager, or :meth:`close` it: the child is killed then.

    Examples
    --------
    >>> seen = []
    >>> def work(x):
    ...     seen.append(x)  # in the child: its memory outlives one run
    ...     return len(seen)
    >>> with Worker(work) as w:
    ...     list(w.run([7, 8], timeout=5)), list(w.run([9], timeout=5))
    ([(0, 1), (1, 2)], [(0, 3)])
    """

    def __init__(self, work: Callable[[T], Any]):
        self.work = work
        self._pid: int | None = None
        self._commands = -1  # write end, to the child
        self._answers: _Pipe | None = None  # read end, from the child

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            os.close(down_w)
            os.close(up_r)
            _serve(down_r, up_w, self.work)
        os.close(down_r)
        os.close(up_w)
        self._pid, self._commands, self._answers = pid, down_w, _Pipe(up_r)

    def _stop(self) -> str:
        """Kill the child (if any) and tell how it ended."""
        how = ""
        if self._pid is not None:
            os.close(self._commands)
            assert self._answers is not None
            os.close(self._answers.fd)
            how = _reap(self._pid, kill=True)
            self._pid, self._answers = None, None
        return how

    def close(self) -> None:
        """End the child; a later :meth:`run` forks a new one."""
        self._stop()

    def _send(self, items: Sequence[T]) -> bool:
        """Hand *items* to the child (forked if need be); False if it died first."""
        if self._pid is None:
            self._start()
        data = pickle.dumps(list(items), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            _write_all(self._commands, _HEADER.pack(len(data)) + data)
        except BrokenPipeError:  # the child died idle (the out-of-memory killer)
            return False
        return True

    def run(self, items: Sequence[T], timeout: float) -> Iterator[tuple[int, Any]]:
        """``(index, work(item))`` for each item in order, each within *timeout*
        seconds: :class:`OverBudget` for one that took longer, :class:`Died` for
        one whose child died; the next items go on in a new child."""
        i = 0
        answered = True
        try:
            while i < len(items):
                if not self._send(items[i:]):
                    how = self._stop()
                    if not self._send(items[i:]):  # a new child died at once too
                        yield i, Died(self._stop() or how)
                        i += 1
                        continue
                answered = False
                assert self._answers is not None
                while i < len(items):
                    kind, value = self._answers.frame(time.monotonic() + timeout)
                    if kind == "ok":
                        i += 1
                        answered = i == len(items)
                        yield i - 1, value
                        continue
                    how = self._stop()
                    answered = True
                    yield i, OverBudget(timeout) if kind == "timeout" else Died(how)
                    i += 1
                    break
        finally:
            if not answered:  # left early: the child still works on this run's items
                self._stop()


def run_with_budget(
    work: Callable[[T], Any], items: Sequence[T], timeout: float | None
) -> Iterator[tuple[int, Any]]:
    """``(index, work(item))`` for each item in order, each within *timeout* seconds.

    An item over budget gives :class:`OverBudget`, one whose process died
    :class:`Died`; the next items go on in a new child.  *work* must return
    something picklable, and the items must pickle.  With no *timeout* (None
    or 0), or without fork, the items run here.  One :class:`Worker` serves
    all the items; keep a worker to serve several sequences.
    """
    if not timeout or timeout <= 0 or not can_fork():
        for i, item in enumerate(items):
            yield i, work(item)
        return
    with Worker(work) as worker:
        yield from worker.run(items, timeout)
