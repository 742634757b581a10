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
import os
import statistics
import subprocess
import sys
from pathlib import Path

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


def _worker(checkout: Path, lang: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))
    p = subprocess.Popen(
        [sys.executable, "-c", WORKER, lang, str(EVAL)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert p.stdout is not None
    ready = p.stdout.readline().split()
    if not ready or ready[0] != "ready":
        raise SystemExit(f"{checkout}: the worker did not start")
    print(f"{checkout.name}: {ready[1]}", file=sys.stderr)
    return p


def _turn(p: subprocess.Popen[str]) -> tuple[int, float]:
    assert p.stdin is not None and p.stdout is not None
    p.stdin.write("go\n")
    p.stdin.flush()
    n, cpu = p.stdout.readline().split()
    return int(n), float(cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path, help="root of the older checkout")
    ap.add_argument("--reps", type=int, default=10, help="turns for each")
    ap.add_argument("--lang", choices=("fr", "en"), default="fr")
    args = ap.parse_args(argv)
    workers = {"old": _worker(args.old, args.lang), "new": _worker(ROOT, args.lang)}
    turns: dict[str, list[float]] = {"old": [], "new": []}
    for r in range(args.reps):
        for name in ("old", "new") if r % 2 == 0 else ("new", "old"):
            n, cpu = _turn(workers[name])
            turns[name].append(n / cpu)
    for p in workers.values():
        assert p.stdin is not None
        p.stdin.close()
        p.wait()
    for name, rates in turns.items():
        print(
            f"{name}: {min(rates):.0f}-{max(rates):.0f} docs/s, "
            f"median {statistics.median(rates):.0f} ({n} documents a turn, CPU time)"
        )
    ratio = statistics.median(b / a for a, b in zip(turns["old"], turns["new"], strict=True))
    print(f"speed-up, median of paired turns: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
