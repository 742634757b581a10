"""Build the small Geo-PKO sample that ships with deploymap, from the full Geo-PKO v2.3 files.

The sample is an excerpt, not a synthesis: the rows of a few missions over a few
years, copied field for field from the two Geo-PKO v2.3 CSVs (front map and TCC
map), so that ``notebooks/02-geopko-over-the-years.ipynb`` and the docs run
from a clean clone.  Provenance and terms: ``geodata/SOURCES.md``.  Rebuilding
from the same files gives the same bytes::

    python -m deploymap.examples.build_geopko_sample /path/to/geopko

Examples
--------
>>> keep({"mission": "UNIFIL", "year": "2021"}), keep({"mission": "UNIFIL", "year": "2019"})
(True, False)
"""

from __future__ import annotations

import argparse
import csv
import sys
from importlib import resources
from pathlib import Path

__all__ = ["FILES", "MISSIONS", "YEARS", "build", "keep", "sample_dir"]

MISSIONS = ("UNIFIL", "UNMISS", "UNFICYP")  # Lebanon, South Sudan, Cyprus
YEARS = range(2020, 2024)  # 2020-2023
# full file name -> sample file name (the sample keeps the version in its name)
FILES = {
    "geopko_v2.3_frontmap.csv": "geopko_v2.3_frontmap_sample.csv",
    "geopko_v2.3_tccmap.csv": "geopko_v2.3_tccmap_sample.csv",
}


def sample_dir() -> Path:
    """The folder of the shipped sample (inside the installed package)."""
    return Path(str(resources.files("deploymap.examples") / "geopko-sample"))


def keep(row: dict[str, str]) -> bool:
    """Whether a Geo-PKO row belongs to the sample."""
    year = row.get("year", "")
    return row.get("mission") in MISSIONS and year.isdigit() and int(year) in YEARS


def build(source: Path, out: Path) -> dict[str, int]:
    """Write the sample of the Geo-PKO files in *source* into *out*; rows kept per file."""
    counts = {}
    out.mkdir(parents=True, exist_ok=True)
    for full, sample in FILES.items():
        with (source / full).open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            header = list(reader.fieldnames or [])
            rows = [r for r in reader if keep(r)]
        with (out / sample).open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        counts[sample] = len(rows)
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("source", type=Path, help="folder holding the full Geo-PKO v2.3 CSVs")
    p.add_argument("--out", type=Path, default=None, help="default: the package's sample folder")
    args = p.parse_args(argv)
    missing = [n for n in FILES if not (args.source / n).is_file()]
    if missing:
        print(
            f"build_geopko_sample: {args.source}: no {', '.join(missing)}; download Geo-PKO "
            "v2.3 from https://www.pcr.uu.se/data/geo-pko/ and pass its folder",
            file=sys.stderr,
        )
        return 2
    for name, n in build(args.source, args.out or sample_dir()).items():
        print(f"{name}: {n} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
