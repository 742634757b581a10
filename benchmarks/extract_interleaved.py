"""An older checkout's extraction against this one's, in turns (issue 19, Speed).

Starts one worker process per checkout (``PYTHONPATH`` at its ``src/``), each
with a warm ``Reader``, and asks them in alternating turns (old, new, new,
old, ...) to read the same documents through ``Reader.read``; each reports the
CPU time of its turn.  Only one worker runs at a time, so the swings of a
shared machine's speed fall on both alike.  Prints CPU docs/s of each, the
median turn of each and the ratio.  The documents: the French news texts of
``../shared/eval/news_fr_cases.py`` (``--lang fr``, ten copies per turn) or
GeoVirus (``--lang en``)::

    git worktree add /tmp/old_1500800 1500800
    .venv/bin/python benchmarks/extract_interleaved.py /tmp/old_1500800 [--reps 10] [--lang fr]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import _turns

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"

WORKER = r"""
import importlib.util, json, sys, time
lang, evald = sys.argv[1], sys.argv[2]
if lang == "fr":
    spec = importlib.util.spec_from_file_location("score_extract", evald + "/score_extract.py")
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    docs = [c["text"] for c in mod.load_cases(evald + "/news_fr_cases.py")] * 10
else:
    with open(evald + "/corpora/geovirus.jsonl", encoding="utf-8") as f:
        docs = [json.loads(x)["text"] for x in f if x.strip()]
from deploymap.read import Reader
import deploymap
reader = Reader()
for d in docs[: len(docs) // 2 + 1]:
    reader.read(d)
print("ready", deploymap.__file__, flush=True)
for line in sys.stdin:
    t = time.process_time()
    for d in docs:
        reader.read(d)
    print(len(docs), time.process_time() - t, flush=True)
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path, help="root of the older checkout")
    ap.add_argument("--reps", type=int, default=10, help="turns for each")
    ap.add_argument("--lang", choices=("fr", "en"), default="fr")
    args = ap.parse_args(argv)
    sides = (("old", args.old), ("new", ROOT))
    workers = {name: _turns.start(path, WORKER, args.lang, str(EVAL)) for name, path in sides}
    rates: dict[str, list[float]] = {"old": [], "new": []}
    n = 0
    for name, line in _turns.in_turns(workers, args.reps):
        n_docs, cpu = line.split()
        n = int(n_docs)
        rates[name].append(n / float(cpu))
    _turns.report(rates, n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
