"""APP-6 unit symbols as SVG text, rendered once by milsymbol and shipped as data.

``geodata/unit_symbols.json`` holds one SVG per symbol code that
:mod:`deploymap.units` can make (built by :mod:`deploymap.mapping.symbols_build`
from the pinned milsymbol package).  A map writes each distinct symbol it
uses once, however many markers show it, and needs no script to draw them.

Examples
--------
>>> s = symbol("10031000161211000000")  # an infantry battalion
>>> s.svg.startswith("<svg"), s.width > 0, 0 < s.anchor[1] < s.height
(True, True, True)
>>> symbol_uri(s.svg)[:26]
'data:image/svg+xml;base64,'
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["Symbol", "symbol", "symbol_uri"]

FILENAME = "unit_symbols.json"


@dataclass(frozen=True, slots=True)
class Symbol:
    """One rendered symbol: its SVG, size in pixels and anchor (the unit's point)."""

    sidc: str
    svg: str
    width: float
    height: float
    anchor: tuple[float, float]


def _path() -> Path:
    from deploymap.gazetteer import geodata_path

    p = geodata_path(FILENAME)
    if p.is_file():
        return p
    checkout = Path(__file__).resolve().parents[3] / "geodata" / FILENAME
    if checkout.is_file():
        return checkout
    return Path(str(resources.files("deploymap") / "_geodata" / FILENAME))


@cache
def _table() -> dict[str, Any]:
    with _path().open(encoding="utf-8") as f:
        doc: dict[str, Any] = json.load(f)
    return doc


def renderer() -> str:
    """What drew the symbols: ``"milsymbol@3.0.4"``."""
    return str(_table()["renderer"])


def symbol(sidc: str) -> Symbol:
    """The rendered symbol of *sidc*.

    Raises
    ------
    KeyError
        For a code the table does not hold (one :mod:`deploymap.units` cannot make).
    """
    svg, w, h, ax, ay = _table()["symbols"][sidc]
    return Symbol(sidc, svg, float(w), float(h), (float(ax), float(ay)))


def symbol_uri(svg: str) -> str:
    """*svg* as a ``data:`` URI for an ``<img>``: an image cannot run script or touch the page."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
