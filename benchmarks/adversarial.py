"""Extraction time and memory on adversarial inputs at 1x, 4x and 16x (issue 14).

Each input used to take super-linear time somewhere in extraction (nested
repeats in a source-list pattern, a quadratic sentence splitter, a troop-noun
search from every number).  Growth must stay at most linear: about x4 time
for x4 input, with slack for a shared machine::

    .venv/bin/python benchmarks/adversarial.py [--write-results]

``--write-results`` rewrites the "## Adversarial inputs (issue 14)" section of
``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import platform
import re
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "RESULTS.md"
SECTION = "## Adversarial inputs (issue 14)"
CAPS = (
    "KENYA HAS SENT ABOUT 400 MORE TROOPS TO THE AFRICAN UNION MISSION IN SOMALIA, "
    "JOINING SOLDIERS FROM UGANDA, BURUNDI AND ETHIOPIA, OFFICIALS SAID ON MONDAY. "
)
# name -> (input of size factor k)
INPUTS: dict[str, Callable[[int], str]] = {
    "`'Troops came. ' + 'A ' * n + '1 Kenya.'` (n = 1,000 k)": lambda k: (
        "Troops came. " + "A " * (1000 * k) + "1 Kenya."
    ),
    "ALL-CAPS news sentence x (16 k)": lambda k: CAPS * (16 * k),
    "a line of `.` (5 KB k)": lambda k: "." * (5000 * k),
    "a line of `!?` (5 KB k)": lambda k: "!?" * (2500 * k),
    "`'KFOR has ' + '1 ' * n + 'troops.'` (n = 1,250 k)": lambda k: (
        "KFOR has " + "1 " * (1250 * k) + "troops."
    ),
}
FACTORS = (1, 4, 16)


def measure(text: str) -> tuple[float, float]:
    """(seconds, peak MB of Python allocations) of ``read_text``: timed on a plain
    run, memory on a second one under tracemalloc (which slows it several times)."""
    from deploymap.read import read_text

    t = time.perf_counter()
    read_text(text)
    seconds = time.perf_counter() - t
    tracemalloc.start()
    read_text(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 1e6


def run() -> str:
    from deploymap.read import read_text

    read_text("Kenyan troops joined ATMIS.")  # build the reader once
    rows = [
        "| input | size 1x | time 1x / 4x / 16x (s) | growth 16x/1x | peak MB 1x / 4x / 16x |",
        "|---|---|---|---|---|",
    ]
    for name, make in INPUTS.items():
        times, mems = [], []
        for k in FACTORS:
            s, mb = measure(make(k))
            times.append(s)
            mems.append(mb)
        growth = times[-1] / max(times[0], 1e-4)
        rows.append(
            f"| {name} | {len(make(1)):,} chars | "
            + " / ".join(f"{t:.3f}" for t in times)
            + f" | x{growth:.1f} | "
            + " / ".join(f"{m:.1f}" for m in mems)
            + " |"
        )
    return "\n".join(rows)


def write_results(body: str) -> None:
    text = RESULTS.read_text(encoding="utf-8")
    stamp = (
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python "
        f"{platform.python_version()}, by `.venv/bin/python benchmarks/adversarial.py "
        "--write-results`: `read_text` in one process (tracemalloc peak; the machine is "
        "shared, so times are noisy). Linear growth is x16 for x16 input."
    )
    section = f"{SECTION}\n\n{stamp}\n\n{body}\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write-results", action="store_true")
    args = ap.parse_args()
    body = run()
    print(body)
    if args.write_results:
        write_results(body)


if __name__ == "__main__":
    main()
