"""Start-up and big input (issues 8 and 13).

Cold start: `deploymap extract` on a short text and on the bundled example
article, at most 1.0 s wall (median of 5 fresh processes, each also timed in
CPU: user + system); also `deploymap --version` and `import deploymap.cli`.
Big input: a 20 MB article (the bundled example repeated) through
`deploymap extract`, under 60 s and 2 GB.

``--src DIR`` times the checkout at DIR instead (its ``src`` first on the
path: before/after comparisons in the same conditions); ``--no-big`` leaves
the 20 MB article out.  Python's bytecode cache matters for a cold start (a
process that must compile every module from source takes about 0.1 s more):
the table says whether it was on.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src/deploymap/examples/kfor-command-2023.txt"
SHORT = "Kenyan troops joined ATMIS in Kismayo, which has about 14,600 troops.\n"


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list[str], env: dict[str, str], n: int = 5) -> tuple[float, float]:
    """Median wall and median CPU seconds of *n* fresh processes running *cmd*."""
    walls, cpus = [], []
    for _ in range(n):
        c0, t0 = _children_cpu(), time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        walls.append(time.perf_counter() - t0)
        cpus.append(_children_cpu() - c0)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, help="time the checkout at this folder")
    ap.add_argument("--no-big", action="store_true", help="leave out the 20 MB article")
    args = ap.parse_args(argv)
    env = dict(os.environ)
    if args.src is not None:
        env["PYTHONPATH"] = str(args.src.resolve() / "src")
    py = [sys.executable]
    with tempfile.TemporaryDirectory() as d:
        article = Path(d) / "short.txt"
        article.write_text(SHORT, encoding="utf-8")
        extract = [*py, "-m", "deploymap", "extract"]
        rows = {
            "`import deploymap.cli`": timed([*py, "-c", "import deploymap.cli"], env),
            "`deploymap --version`": timed([*py, "-m", "deploymap", "--version"], env),
            "`deploymap extract short.txt --format json`": timed(
                [*extract, str(article), "--format", "json"], env
            ),
            "`deploymap extract kfor-command-2023.txt --format json` (the example)": timed(
                [*extract, str(EXAMPLE), "--format", "json"], env
            ),
        }
    cache = "off" if env.get("PYTHONDONTWRITEBYTECODE") else "on"
    load = os.getloadavg()[0]
    print(f"bytecode cache {cache}, load average {load:.1f}, src {args.src or ROOT}")
    print("| command (median of 5 cold processes) | wall | CPU |\n|---|---|---|")
    for k, (w, c) in rows.items():
        print(f"| {k} | {w:.2f} s | {c:.2f} s |")
    if not args.no_big:
        seconds, peak_mb, size_mb = big_article(env)
        print(f"\n20 MB article: {size_mb:.1f} MB in {seconds:.1f} s, peak RSS {peak_mb:,.0f} MB")


def big_article(env: dict[str, str], megabytes: float = 20.0) -> tuple[float, float, float]:
    """Wall time and peak memory of `deploymap extract` on a ~20 MB article."""
    base = EXAMPLE.read_text(encoding="utf-8") + "\n\n"
    with tempfile.TemporaryDirectory() as d:
        big = Path(d) / "big.txt"
        big.write_text(base * int(megabytes * 1e6 / len(base)), encoding="utf-8")
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "deploymap", "extract", str(big), "-o", str(Path(d) / "o.json")],
            check=True,
            capture_output=True,
            env=env,
        )
        seconds = time.perf_counter() - t
        size = big.stat().st_size / 1e6
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB -> MiB
    return seconds, peak, size


if __name__ == "__main__":
    main()
