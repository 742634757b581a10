"""Old geoparser against this one, interleaved in one process (issue 17, Speed).

Loads ``src/deploymap/extract/toponyms.py`` of an older checkout (for example
``git worktree add /tmp/old_cd6 cd6ed1f``, the code when issue 17 was filed)
under another module name beside this checkout's, over the same gazetteer, and
parses GeoVirus in alternating turns (old, new, new, old, ...), so the load of a
shared machine falls on both alike.  Prints CPU docs/s of each and the ratio;
``--stages`` also times the stages of each (a timer around each stage's method,
which costs a little of its own).  The old file must import only what this
checkout still has (cd6ed1f's does).

    .venv/bin/python benchmarks/geoparse_interleaved.py /tmp/old_cd6 [--reps 20] [--stages]
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "eval" / "corpora" / "geovirus.jsonl"
STAGES = (
    ("_scan", "scan"),
    ("_filter", "filters"),
    ("_extend", "extend"),
    ("_resolve", "resolution"),
    ("_loose_matches", "spelling variants"),
    ("parse", "all"),
)


def _load_old(checkout: Path) -> Any:
    path = checkout / "src" / "deploymap" / "extract" / "toponyms.py"
    spec = importlib.util.spec_from_file_location("old_toponyms", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not found; give the root of an older checkout")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["old_toponyms"] = mod
    spec.loader.exec_module(mod)
    return mod


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path, help="root of the older checkout")
    ap.add_argument("--reps", type=int, default=20, help="turns of the corpus for each")
    ap.add_argument("--stages", action="store_true", help="time each stage too")
    args = ap.parse_args(argv)

    old = _load_old(args.old)
    from deploymap.extract import toponyms as new
    from deploymap.gazetteer import Gazetteer

    docs = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8") if line.strip()]
    acc: dict[str, dict[str, float]] = {"old": {}, "new": {}}
    turn = ["old"]
    if args.stages:

        def timed(name: str, f: Callable[..., Any]) -> Callable[..., Any]:
            def wrapper(*a: Any, **k: Any) -> Any:
                t0 = time.process_time()
                try:
                    return f(*a, **k)
                finally:
                    d = acc[turn[0]]
                    d[name] = d.get(name, 0.0) + time.process_time() - t0

            return wrapper

        for mod in (old, new):
            for meth, name in STAGES:
                setattr(mod.Geoparser, meth, timed(name, getattr(mod.Geoparser, meth)))

    gaz = Gazetteer()
    parsers = {
        "old": old.Geoparser(gaz, demonyms="adjectives"),
        "new": new.Geoparser(gaz, demonyms="adjectives"),
    }
    for name, gp in parsers.items():
        if hasattr(gp, "build_index"):
            gp.build_index()
        turn[0] = name
        for d in docs:  # warm the lookup caches, as a long run has them
            gp.parse(d)
    acc = {"old": {}, "new": {}}
    cpu = {"old": 0.0, "new": 0.0}
    gc.collect()
    for r in range(args.reps):
        for name in ("old", "new") if r % 2 == 0 else ("new", "old"):
            turn[0] = name
            parse = parsers[name].parse
            t0 = time.process_time()
            for d in docs:
                parse(d)
            cpu[name] += time.process_time() - t0
    n = args.reps * len(docs)
    print(
        f"{n} documents each: old {n / cpu['old']:.0f} docs/s, new {n / cpu['new']:.0f} docs/s, "
        f"speed-up {cpu['old'] / cpu['new']:.2f}x (CPU time)"
    )
    if args.stages:
        print("| stage | old µs/doc | new µs/doc | speed-up |\n|---|---|---|---|")
        for _, name in STAGES:
            o, w = acc["old"].get(name, 0.0), acc["new"].get(name, 0.0)
            ratio = f"{o / w:.2f}x" if o and w else ""
            print(f"| {name} | {1e6 * o / n:,.0f} | {1e6 * w / n:,.0f} | {ratio} |")
        rest = {k: d["all"] - sum(v for s, v in d.items() if s != "all") for k, d in acc.items()}
        print(
            f"| other (tokens, rules, output) | {1e6 * rest['old'] / n:,.0f} | "
            f"{1e6 * rest['new'] / n:,.0f} | {rest['old'] / rest['new']:.2f}x |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
