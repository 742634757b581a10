"""Build ``geodata/unit_symbols.json``: the APP-6 symbol of every unit kind and echelon.

Run with ``python -m deploymap.mapping.symbols_build`` (needs ``npm`` and
``node``).  ``npm pack`` fetches the pinned milsymbol tarball from the npm
registry, its SHA-256 is checked, and node renders one SVG per symbol code
that :mod:`deploymap.units` can make (every kind times every echelon).  The
maps then carry each distinct symbol once, as SVG text, and no JavaScript
library: milsymbol 3.0.4's minified file is 862 KB, one symbol about 0.5 KB.
Rebuilding from the same tarball gives the same file.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from deploymap.gazetteer.sources import NpmSource, fetch_npm
from deploymap.units import echelons, kinds, sidc

MILSYMBOL = NpmSource(
    "milsymbol@3.0.4",
    "51f45f50e6c1a51b4b52db9d99b8d9cd032338669abd4ce2c31b811119226e33",
    ("package/dist/milsymbol.js", "package/LICENSE"),
)
#: milsymbol's ``size`` option: the frame's height in pixels is about 0.67 of it.
SIZE = 24
FILENAME = "unit_symbols.json"

_RENDER = r"""
const ms = require(process.argv[2]);
const codes = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const code of codes) {
  const sym = new ms.Symbol(code, { size: %(size)d, standard: "APP6" });
  if (!sym.isValid()) { throw new Error("milsymbol does not know " + code); }
  const size = sym.getSize(), anchor = sym.getAnchor();
  const r = (x) => Math.round(x * 10) / 10;
  out[code] = [sym.asSVG(), r(size.width), r(size.height), r(anchor.x), r(anchor.y)];
}
process.stdout.write(JSON.stringify(out));
"""


def codes() -> list[str]:
    """Every symbol code a unit of the lexicon can have, sorted."""
    return sorted({sidc(k, e) for k in kinds() for e in echelons()})


def build(out: Path | None = None, cache: Path | None = None) -> Path:
    """Render the symbols and write *out* (default ``geodata/unit_symbols.json``)."""
    root = Path(__file__).resolve().parents[3]
    out = out or root / "geodata" / FILENAME
    cache = cache or root / ".cache" / "npm"
    fetch_npm(MILSYMBOL, cache)  # checks the pin
    name, version = MILSYMBOL.spec.rsplit("@", 1)
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(cache / f"{name}-{version}.tgz", "r:gz") as tar:
            tar.extract("package/dist/milsymbol.js", tmp, filter="data")
        script = Path(tmp) / "render.cjs"
        script.write_text(_RENDER % {"size": SIZE}, encoding="utf-8")
        run = subprocess.run(
            ["node", str(script), str(Path(tmp) / "package" / "dist" / "milsymbol.js")],
            input=json.dumps(codes()),
            capture_output=True,
            text=True,
            check=True,
        )
    symbols = json.loads(run.stdout)
    doc = {
        "renderer": MILSYMBOL.spec,
        "sha256": MILSYMBOL.sha256,
        "licence": "MIT (milsymbol, Måns Beckman)",
        "standard": "APP-6 D, friendly land units",
        "size": SIZE,
        "fields": ["svg", "width", "height", "anchor_x", "anchor_y"],
        "symbols": {k: symbols[k] for k in sorted(symbols)},
    }
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
