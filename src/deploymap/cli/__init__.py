"""The ``deploymap`` command: a thin layer that parses, calls the library, writes.

Heavy packages (folium, geopandas, geopy, pandas) are imported inside the
subcommands that need them, so ``deploymap --version`` and the argument parser
start fast.  Every failure ends as one line on stderr and an exit code:
2 for usage or input, 3 for network or geocoder, 1 otherwise; ``--debug``
shows the traceback instead.

The parts: :mod:`.parser` (the arguments), :mod:`.commands` (``extract``,
``geoparse``, ``map``, ``export``, ``schema``, ``review``), :mod:`.geocode`
(``geocode``), and here :func:`main`, which runs one and turns its failure
into that one line.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from deploymap.cli import commands
from deploymap.cli.parser import build_parser
from deploymap.errors import DeploymapError
from deploymap.terminal import printable

__all__ = ["Terminated", "build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, removing temporary outputs.

    A BaseException, as KeyboardInterrupt is, so the per-document ``except
    Exception`` of a corpus run does not swallow it.
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: Any) -> None:
    raise Terminated(signum)


class _QuietStderr:
    """``--quiet``: standard error keeps only what went wrong, line by line.

    Errors by deploymap's own convention pass (``deploymap: error: ...``, an
    internal error, an interrupted or stopped run, ``FILE:LINE: skipped: ...``
    for a document a corpus run left out, a query that found no place);
    warnings, notes, progress and "wrote ..." summaries are dropped, wherever
    in deploymap they are printed.
    """

    _ERROR = re.compile(
        r"^deploymap: (?:error|internal error|interrupted|stopped|no place found)\b"
        r"|: (?:error|skipped): |: stopped reading at line "
    )

    def __init__(self, stream: Any):
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            if self._ERROR.search(line):
                self._stream.write(line + "\n")
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        """Write what is left of an unfinished line (when it is an error), then flush."""
        if self._pending and self._ERROR.search(self._pending):
            self._stream.write(self._pending)
        self._pending = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return False  # no progress bar, no colours

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    import signal
    import threading
    import time

    commands.started = time.time()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    func: Handler = args.func
    quiet = getattr(args, "quiet", False)
    if quiet and hasattr(args, "progress"):
        args.progress = False
    stderr = sys.stderr
    if quiet:
        sys.stderr = _QuietStderr(stderr)
    # SIGTERM and SIGHUP end a run as Ctrl-C does: temporary outputs are removed
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
            if sig is not None:
                previous[sig] = signal.signal(sig, _on_signal)
    try:
        return func(args)
    except KeyboardInterrupt:
        print("deploymap: interrupted", file=sys.stderr)
        return 130
    except Terminated as e:
        name = signal.Signals(e.signum).name
        print(f"deploymap: stopped by {name}; nothing was written", file=sys.stderr)
        return 128 + e.signum
    except BrokenPipeError:
        # the reader went away (`deploymap extract x.txt | head`): stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except DeploymapError as e:
        if args.debug:
            raise
        for line in getattr(e, "lines", None) or [str(e)]:  # one problem a line
            print(f"deploymap: error: {printable(line)}", file=sys.stderr)
        return e.exit_code
    except OSError as e:
        if args.debug:
            raise
        where = f" {e.filename}" if getattr(e, "filename", None) else ""
        print(f"deploymap: error:{printable(where)} {printable(e.strerror or e)}", file=sys.stderr)
        return 2
    except Exception as e:  # the last line of defence: one line, not a traceback
        if args.debug:
            raise
        print(
            f"deploymap: internal error: {type(e).__name__}: {printable(e)} (rerun with --debug "
            "and report it)",
            file=sys.stderr,
        )
        return 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if quiet and isinstance(sys.stderr, _QuietStderr):
            sys.stderr.close()
            sys.stderr = stderr


if __name__ == "__main__":
    sys.exit(main())
