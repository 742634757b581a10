"""Dump every extraction output a speed change must leave byte-identical (issue 19).

Writes ``Reader().read`` JSON (``Story.iter_json``) of the development sets of
``../shared/eval`` (``dev_cases``, ``news_cases``, ``news_fr_cases``, each with
its case date), of the English news read as French and the French news read as
English (``lang=`` forced: the other language's paths on real text), and of the
first 229 GeoVirus documents, one file per set, into OUT_DIR.  Run it before
and after a change and compare the folders::

    .venv/bin/python benchmarks/extract_identity.py /tmp/before
    ... change ...
    .venv/bin/python benchmarks/extract_identity.py /tmp/after && diff -r /tmp/before /tmp/after
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extract import EVAL, _module  # benchmarks/extract.py: the eval folder and its loader


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: extract_identity.py OUT_DIR", file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    from deploymap.read import Reader

    scorer = _module(EVAL / "score_extract.py")
    reader = Reader()
    runs: dict[str, list[tuple[str, str, str]]] = {}
    for name in ("dev_cases", "news_cases", "news_fr_cases"):
        cases = scorer.load_cases(str(EVAL / f"{name}.py"))
        runs[name] = [(c["text"], c.get("date") or "", "") for c in cases]
        other = "en" if name == "news_fr_cases" else "fr"
        runs[f"{name}.as_{other}"] = [(c["text"], c.get("date") or "", other) for c in cases]
    lines = (EVAL / "corpora" / "geovirus.jsonl").read_text(encoding="utf-8").splitlines()
    runs["geovirus"] = [(json.loads(x)["text"], "", "") for x in lines if x.strip()][:229]
    for name, docs in runs.items():
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for text, date, lang in docs:
                story = reader.read(text, date=date, lang=lang)
                f.write("".join(story.iter_json()).replace("\n", " ") + "\n")
        print(f"{name}: {len(docs)} stories", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
