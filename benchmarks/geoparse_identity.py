"""Dump every geoparser output a speed change must leave byte-identical (issue 17).

Writes one file per run into OUT_DIR: ``Geoparser.parse`` of GeoVirus and
TR-News with ``demonyms`` all, adjectives and none (every ``Toponym`` field,
confidence too), upper- and lower-cased texts, French mode on the French news
texts and on English ones, GeoVirus x3 through one instance, ``Reader().read``
JSON of the French texts and of 80 English ones, and ``deploymap geoparse`` of
both corpora.  Run it before and after a change and compare the folders:

    .venv/bin/python benchmarks/geoparse_identity.py /tmp/before
    ... change ...
    .venv/bin/python benchmarks/geoparse_identity.py /tmp/after && diff -r /tmp/before /tmp/after
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: geoparse_identity.py OUT_DIR", file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(EVAL))
    from news_fr_cases import CASES  # type: ignore[import-not-found]

    from deploymap.extract.toponyms import Geoparser
    from deploymap.gazetteer import Gazetteer
    from deploymap.read import Reader

    def load(corpus: str) -> list[str]:
        path = EVAL / "corpora" / f"{corpus}.jsonl"
        return [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]

    gv, tr = load("geovirus"), load("trnews")
    fr = [c["text"] for c in CASES]
    gaz = Gazetteer()

    def dump(name: str, gp: Geoparser, texts: list[str]) -> None:
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as f:
            for t in texts:
                rows = [dataclasses.astuple(x) for x in gp.parse(t)]
                f.write(json.dumps(rows, ensure_ascii=False) + "\n")

    for mode in ("all", "adjectives", "none"):
        gp = Geoparser(gaz, demonyms=mode)
        dump(f"gv-{mode}", gp, gv)
        dump(f"tr-{mode}", gp, tr)
        dump(f"gv-upper-{mode}", gp, [t.upper() for t in gv[:80]])
        dump(f"gv-lower-{mode}", gp, [t.lower() for t in gv[:80]])
        gpf = Geoparser(gaz, demonyms=mode, lang="fr")
        dump(f"fr-{mode}", gpf, fr)
        dump(f"fr-upper-{mode}", gpf, [t.upper() for t in fr])
        dump(f"fr-lower-{mode}", gpf, [t.lower() for t in fr])
        dump(f"gv-asfr-{mode}", gpf, gv[:60])
    # one instance over the repeated corpus: caches warm
    dump("gv-x3", Geoparser(gaz, demonyms="adjectives"), gv * 3)
    reader = Reader()
    for name, texts in (("fr-read", fr), ("en-read", gv[:40] + tr[:40])):
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as f:
            for t in texts:
                story = reader.read(t).to_dict()
                f.write(json.dumps(story, ensure_ascii=False, sort_keys=True) + "\n")
    exe = Path(sys.executable).with_name("deploymap")
    for corpus in ("geovirus", "trnews"):
        src, dst = EVAL / "corpora" / f"{corpus}.jsonl", out / f"cli-{corpus}.jsonl"
        subprocess.run(
            [str(exe), "geoparse", str(src), "-o", str(dst)],
            check=True,
            capture_output=True,
        )
    print(f"{len(list(out.iterdir()))} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
