"""Start-up and big input (issue 8).

Cold start: `deploymap extract` on a short text, at most 1.0 s wall (median of
5 fresh processes); also `deploymap --version` and `import deploymap.cli`.
Big input: a 20 MB article (the bundled example repeated) through
`deploymap extract`, under 60 s and 2 GB.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHORT = "Kenyan troops joined ATMIS in Kismayo, which has about 14,600 troops.\n"


def wall(cmd: list[str], n: int = 5) -> float:
    runs = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        article = Path(d) / "short.txt"
        article.write_text(SHORT, encoding="utf-8")
        rows = {
            "`import deploymap.cli`": wall([sys.executable, "-c", "import deploymap.cli"]),
            "`deploymap --version`": wall([sys.executable, "-m", "deploymap", "--version"]),
            "`deploymap extract short.txt --format json`": wall(
                [sys.executable, "-m", "deploymap", "extract", str(article), "--format", "json"]
            ),
        }
    print("| command (median of 5 cold processes) | wall |\n|---|---|")
    for k, v in rows.items():
        print(f"| {k} | {v:.2f} s |")
    seconds, peak_mb, size_mb = big_article()
    print(f"\n20 MB article: {size_mb:.1f} MB in {seconds:.1f} s, peak RSS {peak_mb:,.0f} MB")


def big_article(megabytes: float = 20.0) -> tuple[float, float, float]:
    """Wall time and peak memory of `deploymap extract` on a ~20 MB article."""
    example = Path(__file__).resolve().parents[1] / "src/deploymap/examples/kfor-command-2023.txt"
    base = example.read_text(encoding="utf-8") + "\n\n"
    with tempfile.TemporaryDirectory() as d:
        big = Path(d) / "big.txt"
        big.write_text(base * int(megabytes * 1e6 / len(base)), encoding="utf-8")
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "deploymap", "extract", str(big), "-o", str(Path(d) / "o.json")],
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - t
        size = big.stat().st_size / 1e6
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB -> MiB
    return seconds, peak, size


if __name__ == "__main__":
    main()
