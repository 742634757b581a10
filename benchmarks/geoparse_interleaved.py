"""Old geoparser against this one, in turns (issues 17 and 19, Speed).

Starts one worker process per checkout (``PYTHONPATH`` at its ``src/``, so the
whole of each checkout's geoparser runs: ``toponyms.py`` and the
``toponym_*.py`` modules it uses), each with a warm
:class:`~deploymap.extract.toponyms.Geoparser` over the gazetteer, and asks
them in alternating turns (old, new, new, old, ...) to parse the same
documents; each reports the CPU time of its turn.  Only one worker runs at a
time, so the swings of a shared machine's speed fall on both alike.  The
documents: GeoVirus (``--lang en``, ``demonyms="adjectives"``, as
``deploymap geoparse`` reads) or the French news texts of
``../shared/eval/news_fr_cases.py`` (``--lang fr``, ten copies a turn, with
``lang="fr"`` and the context rules :class:`~deploymap.read.Reader` switches
off, and the name index not built, as a Reader reads a French story).  Prints
CPU docs/s of each and the median of the paired turns' ratios; ``--stages``
also times the stages of each (a timer around each stage's method, which
costs a little of its own)::

    git worktree add /tmp/old_7e51387 7e51387
    .venv/bin/python benchmarks/geoparse_interleaved.py /tmp/old_7e51387 [--reps 20] [--stages]
    .venv/bin/python benchmarks/geoparse_interleaved.py /tmp/old_7e51387 --lang fr --stages

``--per-document`` instead runs both in this process, taking turns document
by document, which a machine whose speed swings from second to second
disturbs far less: the old checkout's package is copied to a temporary
folder as ``deploymap_old`` (its imports rewritten, its ``geodata`` linked)
and imported beside this one.  ``--reader`` does the same with
``Reader().read`` (the whole extraction) instead of the geoparser.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _turns

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
STAGES = (
    ("_scan", "scan"),
    ("_lower_demonyms", "lower-case demonyms"),
    ("_filter", "filters"),
    ("_extend", "extend"),
    ("_resolve", "resolution"),
    ("_loose_matches", "spelling variants"),
    ("parse", "all"),
)

WORKER = r"""
import importlib.util, json, sys, time
lang, evald, stages = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if lang == "fr":
    spec = importlib.util.spec_from_file_location("cases", evald + "/news_fr_cases.py")
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    docs = [c["text"] for c in mod.CASES] * 10
else:
    with open(evald + "/corpora/geovirus.jsonl", encoding="utf-8") as f:
        docs = [json.loads(x)["text"] for x in f if x.strip()]
import deploymap
from deploymap.extract.toponyms import Geoparser
from deploymap.gazetteer import Gazetteer
acc = {}
def timed(name, f):
    def wrapper(*a, **k):
        t0 = time.process_time()
        try:
            return f(*a, **k)
        finally:
            acc[name] = acc.get(name, 0.0) + time.process_time() - t0
    return wrapper
for meth, name in stages:
    if hasattr(Geoparser, meth):
        setattr(Geoparser, meth, timed(name, getattr(Geoparser, meth)))
if lang == "fr":
    from deploymap.read import STORY_RULES_OFF
    gp = Geoparser(Gazetteer(), lang="fr", rules_off=STORY_RULES_OFF)
else:
    gp = Geoparser(Gazetteer(), demonyms="adjectives")
    gp.build_index()
for d in docs:  # warm the lookup caches, as a long run has them
    gp.parse(d)
acc.clear()
print("ready", deploymap.__file__, flush=True)
parse = gp.parse
for line in sys.stdin:
    t = time.process_time()
    for d in docs:
        parse(d)
    print(json.dumps([len(docs), time.process_time() - t, acc]), flush=True)
"""


def _documents(lang: str) -> list[str]:
    if lang == "fr":
        sys.path.insert(0, str(EVAL))
        from news_fr_cases import CASES  # type: ignore[import-not-found]

        return [c["text"] for c in CASES]
    path = EVAL / "corpora" / "geovirus.jsonl"
    return [json.loads(x)["text"] for x in path.open(encoding="utf-8") if x.strip()]


def _old_package(checkout: Path, into: Path) -> None:
    """Copy *checkout*'s ``src/deploymap`` to ``into/src/deploymap_old`` with its
    imports rewritten, and link ``into/geodata`` to the checkout's (the package
    finds its data three folders above its modules)."""
    dst = into / "src" / "deploymap_old"
    shutil.copytree(checkout / "src" / "deploymap", dst)
    (into / "geodata").symlink_to((checkout / "geodata").resolve())
    name = re.compile(r"\bdeploymap(?=[.\s]|$)", re.MULTILINE)
    for py in dst.rglob("*.py"):
        text = py.read_text(encoding="utf-8")
        py.write_text(name.sub("deploymap_old", text), encoding="utf-8")


def _per_document(old: Path, lang: str, reps: int, reader: bool) -> None:
    """Old and new in this process, in turns document by document (CPU time)."""
    docs = _documents(lang)
    with tempfile.TemporaryDirectory() as tmp:
        _old_package(old, Path(tmp))
        sys.path.insert(0, str(Path(tmp) / "src"))
        runs: dict[str, Any] = {}
        for name, package in (("old", "deploymap_old"), ("new", "deploymap")):
            if reader:
                runs[name] = importlib.import_module(f"{package}.read").Reader().read
                continue
            Geoparser = importlib.import_module(f"{package}.extract.toponyms").Geoparser
            gaz = importlib.import_module(f"{package}.gazetteer").Gazetteer()
            if lang == "fr":
                off = importlib.import_module(f"{package}.read").STORY_RULES_OFF
                gp = Geoparser(gaz, lang="fr", rules_off=off)
            else:
                gp = Geoparser(gaz, demonyms="adjectives")
                gp.build_index()
            runs[name] = gp.parse
        for run in runs.values():
            for d in docs * 2:  # warm the lookup caches
                run(d)
        cpu = {"old": 0.0, "new": 0.0}
        clock = time.process_time
        for r in range(reps):
            for k, d in enumerate(docs):
                for name in ("old", "new") if (r + k) % 2 == 0 else ("new", "old"):
                    run = runs[name]
                    t0 = clock()
                    run(d)
                    cpu[name] += clock() - t0
    n = reps * len(docs)
    what = "Reader.read" if reader else "Geoparser.parse"
    print(
        f"{what}, {n} documents each, in turns document by document: old "
        f"{1e6 * cpu['old'] / n:,.0f} µs/doc, new {1e6 * cpu['new'] / n:,.0f} µs/doc, "
        f"speed-up {cpu['old'] / cpu['new']:.3f}x (CPU time)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path, help="root of the older checkout")
    ap.add_argument("--reps", type=int, default=20, help="turns for each")
    ap.add_argument("--stages", action="store_true", help="time each stage too")
    ap.add_argument("--lang", choices=("en", "fr"), default="en", help="GeoVirus or French news")
    ap.add_argument(
        "--per-document", action="store_true", help="both in this process, in turns per document"
    )
    ap.add_argument("--reader", action="store_true", help="with --per-document: Reader().read")
    args = ap.parse_args(argv)
    if args.per_document or args.reader:
        _per_document(args.old, args.lang, args.reps, args.reader)
        return 0
    stages = json.dumps(STAGES if args.stages else [])
    workers = {
        name: _turns.start(path, WORKER, args.lang, str(EVAL), stages)
        for name, path in (("old", args.old), ("new", ROOT))
    }
    rates: dict[str, list[float]] = {"old": [], "new": []}
    stage_time: dict[str, dict[str, float]] = {"old": {}, "new": {}}
    total = {"old": 0, "new": 0}
    n = 0
    for name, line in _turns.in_turns(workers, args.reps):
        n, cpu, acc = json.loads(line)
        rates[name].append(n / cpu)
        total[name] += n
        stage_time[name] = acc  # cumulative over the worker's turns
    _turns.report(rates, n)
    if args.stages:
        print("| stage | old µs/doc | new µs/doc | speed-up |\n|---|---|---|---|")
        for _, name in STAGES:
            o = stage_time["old"].get(name, 0.0) / total["old"]
            w = stage_time["new"].get(name, 0.0) / total["new"]
            ratio_s = f"{o / w:.2f}x" if o and w else ""
            print(f"| {name} | {1e6 * o:,.0f} | {1e6 * w:,.0f} | {ratio_s} |")
        rest = {
            k: (d.get("all", 0.0) - sum(v for s, v in d.items() if s != "all")) / total[k]
            for k, d in stage_time.items()
        }
        print(
            f"| other (tokens, rules, output) | {1e6 * rest['old']:,.0f} | "
            f"{1e6 * rest['new']:,.0f} | {rest['old'] / rest['new']:.2f}x |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
