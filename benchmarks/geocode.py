"""Geocoder speed: cold start, warm lookups per second, CLI wall time.

Run: ``.venv/bin/python benchmarks/geocode.py`` (``make bench``).  Targets from
issue 2: gazetteer ready < 0.3 s cold; >= 20,000 lookups/s warm; ``deploymap
geocode X`` < 1 s wall, cold.  Prints a Markdown table for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

COLD = (
    "import time; t=time.perf_counter(); "
    "from deploymap.gazetteer import Gazetteer; g=Gazetteer(); g.best('Pristina'); "
    "print(time.perf_counter()-t)"
)


def cold_ready(n: int = 5) -> float:
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", COLD], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(n)
    ]
    return statistics.median(runs)


def cli_wall(n: int = 5) -> float:
    exe = [sys.executable, "-m", "deploymap", "geocode", "Zvecan", "--format", "json"]
    runs = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(exe, capture_output=True, check=True)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def warm_lookups() -> tuple[float, float, int]:
    """Lookups/s over GeoNames names, first as distinct names then repeated."""
    from deploymap.gazetteer import Gazetteer
    from deploymap.geocode import OfflineGeocoder

    gaz = Gazetteer()
    names = [
        r[0]
        for r in gaz._con.execute(
            "SELECT name FROM places WHERE population > 20000 ORDER BY pk LIMIT 20000"
        )
    ]
    geo = OfflineGeocoder(gaz)
    t = time.perf_counter()
    for q in names:
        geo.geocode(q)
    distinct = len(names) / (time.perf_counter() - t)
    t = time.perf_counter()
    for q in names:
        geo.geocode(q)
    repeated = len(names) / (time.perf_counter() - t)
    return distinct, repeated, len(names)


def main() -> None:
    cold = cold_ready()
    wall = cli_wall()
    distinct, repeated, n = warm_lookups()
    rows = {
        "gazetteer ready, cold (median of 5)": f"{cold:.3f} s",
        "`deploymap geocode X` wall, cold (median of 5)": f"{wall:.3f} s",
        f"geocode lookups/s, {n} distinct names, first pass": f"{distinct:,.0f}",
        f"geocode lookups/s, {n} names, second pass (cached)": f"{repeated:,.0f}",
    }
    print("| measure | value |\n|---|---|")
    for k, v in rows.items():
        print(f"| {k} | {v} |")
    print(
        json.dumps(
            {"cold_s": cold, "cli_s": wall, "distinct_per_s": distinct, "repeated_per_s": repeated}
        )
    )


if __name__ == "__main__":
    main()
