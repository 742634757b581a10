"""Static map budgets (issue 18): cold and warm time, file sizes, reproducibility.

Run: ``.venv/bin/python benchmarks/static.py [GEOPKO_DIR]``.  Targets: the
example article as a PNG in under 3 s from a cold process; a PNG at 150 dpi
on A5 under 1.5 MB; an SVG under 2 MB; the same input gives the same bytes.
The Geo-PKO part (UNDOF 2015-2023 as small multiples) needs the Geo-PKO front
map (default ``../shared/data/geopko``) and is skipped with a note without it.
Prints a Markdown table for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src" / "deploymap" / "examples" / "kfor-command-2023.txt"
GEOPKO = ROOT.parent / "shared" / "data" / "geopko"
MB = 1_000_000


def cold(args: list[str], n: int = 5) -> str:
    """Median wall and CPU seconds of ``deploymap ARGS`` in a new process.

    CPU time (user + system of the child) is what an idle machine's wall time
    would be for this single-threaded run; wall time grows with the load.
    """
    import resource

    walls, cpus = [], []
    for _ in range(n):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "deploymap", *args], check=True, capture_output=True)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return f"{statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU"


def main() -> None:
    from deploymap.gazetteer import Gazetteer
    from deploymap.gazetteer.missions import MissionCatalogue
    from deploymap.images import build_static
    from deploymap.read import read_text

    geopko = Path(sys.argv[1]) if len(sys.argv) > 1 else GEOPKO
    gaz, cat = Gazetteer(), MissionCatalogue()
    story = read_text(EXAMPLE.read_text(encoding="utf-8"), source=str(EXAMPLE))
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "kfor.png")
        rows.append(
            (
                "example article, `deploymap map -o map.png`, cold (median of 5)",
                cold(["map", str(EXAMPLE), "-o", png]),
                "< 3 s",
            )
        )
        html = os.path.join(tmp, "kfor.html")
        rows.append(
            (
                "the same run, for scale: `deploymap map --offline -o map.html`, cold",
                cold(["map", str(EXAMPLE), "--offline", "-o", html]),
                "—",
            )
        )
        for fmt in ("png", "svg", "pdf"):
            build_static(story, fmt, gazetteer=gaz, catalogue=cat)  # warm-up
            runs, cpus, data = [], [], b""
            for _ in range(5):
                t, c = time.perf_counter(), time.process_time()
                data = build_static(story, fmt, gazetteer=gaz, catalogue=cat).data or b""
                runs.append(time.perf_counter() - t)
                cpus.append(time.process_time() - c)
            again = build_static(story, fmt, gazetteer=gaz, catalogue=cat).data
            size = f"{len(data) / MB:.3f} MB"
            target = {"svg": "< 2 MB", "png": "—", "pdf": "—"}[fmt]
            rows.append((f"example {fmt.upper()}, 11 x 7 in (1650 x 1050 px): size", size, target))
            rows.append(
                (
                    f"example {fmt.upper()}: build, warm (median of 5)",
                    f"{statistics.median(runs):.2f} s wall, {statistics.median(cpus):.2f} s CPU",
                    "—",
                )
            )
            rows.append((f"example {fmt.upper()}: same bytes twice", str(data == again), "True"))
        a5 = build_static(story, "png", size="210x148mm", dpi=150, gazetteer=gaz, catalogue=cat)
        rows.append(
            (
                "example PNG, A5 at 150 dpi (1240 x 874 px): size",
                f"{len(a5.data or b'') / MB:.3f} MB",
                "< 1.5 MB",
            )
        )
        front = geopko / "geopko_v2.3_frontmap.csv"
        if front.is_file():
            out = os.path.join(tmp, "undof.png")
            args = [
                "map",
                str(front),
                "--mission",
                "UNDOF",
                "--year",
                "2015-2023",
                "--small-multiples",
                "--size",
                "210x148mm",
                "-o",
                out,
            ]
            rows.append(
                (
                    "Geo-PKO UNDOF 2015-2023, 9 small maps, A5 PNG, cold (median of 3)",
                    cold(args, n=3),
                    "—",
                )
            )
            rows.append(("the same: size", f"{os.path.getsize(out) / MB:.3f} MB", "< 1.5 MB"))
        else:
            print(f"(Geo-PKO front map not at {front}: its rows are left out)", file=sys.stderr)
    load = os.getloadavg()[0]
    print(f"load average during the run: {load:.1f} on {os.cpu_count()} cores\n")
    print("| measure | value | target |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
