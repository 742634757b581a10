"""Two checkouts' workers taking turns, for the interleaved speed benchmarks.

Each worker is a Python process running *code* with ``PYTHONPATH`` at one
checkout's ``src/``; it prints ``ready FILE`` once warm, then answers one line
per ``go`` it reads.  Only one runs at a time, so a shared machine's swings of
speed fall on both alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path


def start(checkout: Path, code: str, *args: str) -> subprocess.Popen[str]:
    """A warm worker of *checkout* (its ``ready`` line read and shown)."""
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))
    p = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert p.stdout is not None
    ready = p.stdout.readline().split()
    if not ready or ready[0] != "ready":
        raise SystemExit(f"{checkout}: the worker did not start")
    print(f"{checkout.name}: {ready[1]}", file=sys.stderr)
    return p


def in_turns(workers: dict[str, subprocess.Popen[str]], reps: int) -> Iterator[tuple[str, str]]:
    """(name, answer line) of each turn, *reps* rounds of "old" and "new" in
    alternating order (old, new, new, old, ...); the workers end afterwards."""
    try:
        for r in range(reps):
            for name in ("old", "new") if r % 2 == 0 else ("new", "old"):
                p = workers[name]
                assert p.stdin is not None and p.stdout is not None
                p.stdin.write("go\n")
                p.stdin.flush()
                yield name, p.stdout.readline()
    finally:
        for p in workers.values():
            assert p.stdin is not None
            p.stdin.close()
            p.wait()


def report(rates: dict[str, list[float]], n: int) -> None:
    """Each side's docs/s range and median, and the median of the paired turns' ratios."""
    for name, got in rates.items():
        print(
            f"{name}: {min(got):.0f}-{max(got):.0f} docs/s, median "
            f"{statistics.median(got):.0f} ({n} documents a turn, CPU time)"
        )
    ratio = statistics.median(b / a for a, b in zip(rates["old"], rates["new"], strict=True))
    print(f"speed-up, median of paired turns: {ratio:.2f}x")
