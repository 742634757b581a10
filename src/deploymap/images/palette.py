"""How a static map looks: the two styles (light, print), fonts and symbol sizes.

``light`` takes the interactive map's colours (:mod:`deploymap.mapping.style`)
as opaque fills, so the host's pixels are one colour a test can look for;
``print`` is grayscale-safe: every meaning is carried by lightness, line
pattern or shape, never by hue alone.

Examples
--------
>>> palette("print").host
'#bdbdbd'
>>> palette("sepia")
Traceback (most recent call last):
...
deploymap.errors.InputError: unknown style 'sepia'; use one of: light, print
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from deploymap.errors import InputError
from deploymap.mapping import style as st

__all__ = ["FONT", "STYLES", "Palette", "palette", "rc_params"]

#: Shipped with matplotlib, so a fresh machine draws the same glyphs (Priština, Côte d'Ivoire).
FONT = "DejaVu Sans"


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours of one style; every value is a ``#rrggbb`` string."""

    name: str
    sea: str
    land: str
    land_edge: str
    host: str
    host_edge: str
    area: str
    area_fill: str
    force: str
    force_fill: str
    force_alpha: float
    place: str
    hq: str
    flow: str
    bar: str
    text: str
    muted: str
    neighbour_label: str


LIGHT = Palette(
    name="light",
    sea=st.SEA,
    land=st.BASEMAP_LAND,
    land_edge=st.BASEMAP_EDGE,
    # the interactive map's host at 50 % over the land, made opaque
    host="#f2b594",
    host_edge=st.HOST_EDGE,
    area=st.AREA,
    area_fill="#1d4e89",
    force=st.FORCE,
    force_fill=st.FORCE,
    force_alpha=0.35,
    place=st.PLACE,
    hq=st.AREA,
    flow=st.FLOW,
    bar="#756bb1",
    text="#1a1a1a",
    muted="#5c5c5c",
    neighbour_label="#8a8578",
)

PRINT = Palette(
    name="print",
    sea="#ffffff",
    land="#f2f2f2",
    land_edge="#9e9e9e",
    host="#bdbdbd",
    host_edge="#252525",
    area="#000000",
    area_fill="#000000",
    force="#000000",
    force_fill="#ffffff",  # white veils on the grey host: outlines read in print
    force_alpha=0.55,
    place="#000000",
    hq="#000000",
    flow="#525252",
    bar="#737373",
    text="#000000",
    muted="#525252",
    neighbour_label="#737373",
)

STYLES = {p.name: p for p in (LIGHT, PRINT)}


def palette(name: str) -> Palette:
    """The style called *name* (``light`` or ``print``)."""
    try:
        return STYLES[name]
    except KeyError:
        raise InputError(f"unknown style {name!r}; use one of: {', '.join(STYLES)}") from None


def rc_params() -> dict[str, Any]:
    """matplotlib settings for a reproducible figure, applied with ``rc_context``.

    A fixed SVG hash salt (its clip-path ids), text kept as ``<text>`` in SVG,
    TrueType fonts in PDF, and DejaVu only, never a system font.
    """
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT],
        "svg.fonttype": "none",
        "svg.hashsalt": "deploymap",
        "svg.image_inline": True,
        "pdf.fonttype": 42,
        "pdf.compression": 6,
        "path.simplify": True,
        "axes.unicode_minus": False,
        "text.usetex": False,
        "text.parse_math": False,  # input is data: "$5 million" prints as written
        "hatch.linewidth": 0.6,
    }
