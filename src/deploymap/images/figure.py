"""Story -> a print-ready static map: PNG, SVG or PDF, offline and byte-for-byte reproducible.

The page: a title and date; the host-focused map (equal-area, centred on the
host) with its scale bar and north arrow; beside it a locator of the region
(with the contributors' flows when there are any), the legend and the ranked
contributors with their figures; below, the source of every figure and the
data attribution.  A story over several years draws its last year, or one
small map per year (``small_multiples=True``) on one troop scale.

Reproducible: a fixed SVG hash salt, no dates in the metadata, and fonts
(DejaVu) shipped with matplotlib, so the same input gives the same SVG and
PDF bytes, and the same PNG pixels on the same machine.

Examples
--------
>>> parse_size("8x5in"), parse_size("1600x1000px", dpi=200), parse_size("210x148mm")
((8.0, 5.0), (8.0, 5.0), (8.268, 5.827))
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deploymap.errors import InputError
from deploymap.images.page import Page, Panel
from deploymap.images.palette import palette, rc_params
from deploymap.model import Story

if TYPE_CHECKING:
    from deploymap.gazetteer import Gazetteer
    from deploymap.gazetteer.missions import MissionCatalogue
    from deploymap.mapping.layers import MapContext

__all__ = ["FORMATS", "Panel", "StaticMap", "build_static", "parse_size"]

FORMATS = ("png", "svg", "pdf")
DEFAULT_SIZE = (11.0, 7.0)  # inches: 1650 x 1050 pixels at the default 150 dpi
DEFAULT_DPI = 150
MAX_PANELS = 36
_UNITS = {"in": 1.0, "cm": 1 / 2.54, "mm": 1 / 25.4}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(in|cm|mm|px)?\s*$", re.I)


@dataclass(frozen=True, slots=True)
class StaticMap:
    """What :func:`build_static` made: where, how big, and how to find places in it."""

    format: str
    path: Path | None
    data: bytes | None  # the file's bytes when no path was given
    width: int  # pixels at *dpi*
    height: int
    dpi: float
    crs: str  # the PROJ string of the first panel's projection
    panels: tuple[Panel, ...]
    dropped_labels: int
    labels: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()
    """Each map label placed: its text and box (left, top, right, bottom) in pixels."""

    def pixel(self, lon: float, lat: float, panel: int = 0) -> tuple[float, float]:
        """Where (lon, lat) is in the image, as (column, row) pixels."""
        from pyproj import Transformer

        p = self.panels[panel]
        x, y = Transformer.from_crs(4326, p.crs, always_xy=True).transform(lon, lat)
        left, top, right, bottom = p.box
        f = p.frame
        return (
            left + (x - f.x0) / f.width * (right - left),
            top + (f.y1 - y) / f.height * (bottom - top),
        )


def parse_size(text: str, dpi: float = DEFAULT_DPI) -> tuple[float, float]:
    """``"8x5in"``, ``"1600x1000px"``, ``"210x148mm"`` or ``"21x14.8cm"`` as inches."""
    m = _SIZE.match(text)
    if not m:
        raise InputError(
            f"size {text!r} is not WIDTHxHEIGHT with a unit: use for example 8x5in, "
            "210x148mm or 1600x1000px"
        )
    w, h, unit = float(m.group(1)), float(m.group(2)), (m.group(3) or "in").lower()
    scale = 1 / dpi if unit == "px" else _UNITS[unit]
    w, h = round(w * scale, 3), round(h * scale, 3)
    if not (2 <= w <= 60 and 2 <= h <= 60):
        raise InputError(f"size {text!r} is {w:g} x {h:g} in: each side must be 2 to 60 in")
    return w, h


def build_static(
    story: Story | Sequence[Story],
    path_or_format: str | Path,
    *,
    size: str | tuple[float, float] | None = None,
    dpi: float = DEFAULT_DPI,
    style: str = "light",
    flows: bool = True,
    year: str | None = None,
    small_multiples: bool = False,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
    catalogue: MissionCatalogue | None = None,
    ui_lang: str = "en",
) -> StaticMap:
    """Draw *story* as a static map and write it to *path_or_format*.

    Parameters
    ----------
    story : Story or sequence of Story
        What to draw (several are combined as :func:`deploymap.build_map` does).
    path_or_format : str or Path
        ``map.png``, ``map.svg`` or ``map.pdf``; or just ``"png"``, ``"svg"``
        or ``"pdf"`` for the bytes in the result's ``data``.
    size : str or (width, height), optional
        Inches as a pair, or ``"8x5in"``, ``"210x148mm"``, ``"1600x1000px"``;
        default 11 x 7 in.
    dpi : float
        Pixels per inch of a PNG (and of the pixel sizes); default 150.
    style : {"light", "print"}
        ``print`` is grayscale-safe.
    flows : bool
        Draw the contributors' flows in the locator map (default True).
    year : str, optional
        Draw this step of a story over several dates (``"2019"``); default the last.
    small_multiples : bool
        One small map per step, on one troop scale.
    title : str, optional
        Defaults to the story's title.
    gazetteer, catalogue : optional
        Reuse already opened data.
    ui_lang : str
        The language of the page's words: legend, headings, notes, numbers and
        country names (``"en"`` or ``"fr"``); the story's title as written.

    Returns
    -------
    StaticMap

    Raises
    ------
    InputError
        For an unknown format, style, size or *ui_lang*, or a year the story does not have.

    Examples
    --------
    >>> from deploymap.read import read_text
    >>> out = build_static(read_text("KFOR, the NATO force in Kosovo, has 3,500 troops."), "svg")
    >>> out.format, out.data.startswith(b"<?xml"), (out.width, out.height)
    ('svg', True, (1650, 1050))
    """
    from deploymap.mapping.layers import MapContext

    fmt, path = _format_of(path_or_format)
    pal = palette(style)
    if dpi <= 0 or dpi > 1200:
        raise InputError(f"dpi {dpi:g} is out of range: use 50 to 1200")
    w, h = parse_size(size, dpi) if isinstance(size, str) else (size or DEFAULT_SIZE)
    one = _one_story(story)
    ctx = MapContext.of(one, gazetteer, catalogue, ui_lang=ui_lang)
    steps = _steps(ctx, year, small_multiples)

    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    params: Any = rc_params()
    with matplotlib.rc_context(params):
        fig = Figure(figsize=(w, h), dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)
        page = Page(fig, ctx, pal, title, flows=flows, raster=fmt == "png")
        if small_multiples:
            page.small_multiples(steps)
        else:
            page.single(steps[0])
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=_metadata(fmt), facecolor="white")
    data = buf.getvalue()
    if path is not None:
        from deploymap.io import write_bytes_atomic

        write_bytes_atomic(path, data)
    width, height = round(w * dpi), round(h * dpi)
    return StaticMap(
        format=fmt,
        path=path,
        data=None if path is not None else data,
        width=width,
        height=height,
        dpi=dpi,
        crs=page.panels[0].crs,
        panels=tuple(page.panels),
        dropped_labels=page.dropped,
        labels=tuple(page.labels),
    )


def _format_of(target: str | Path) -> tuple[str, Path | None]:
    name = str(target)
    if name.lower() in FORMATS:
        return name.lower(), None
    path = Path(name)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(
            f"{name}: a static map is .png, .svg or .pdf (an interactive one is .html)"
        )
    return fmt, path


def _metadata(fmt: str) -> dict[str, Any]:
    # no creation dates: the same input gives the same bytes
    if fmt == "svg":
        return {"Date": None, "Creator": "deploymap"}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None, "Creator": "deploymap", "Producer": None}
    return {"Software": "deploymap"}


def _one_story(story: Story | Sequence[Story]) -> Story:
    if isinstance(story, Story):
        return story
    from deploymap.tables import concat_stories

    stories = list(story)
    if not stories:
        raise InputError("nothing to map: no input stories")
    return concat_stories(stories)


def _steps(ctx: MapContext, year: str | None, small: bool) -> list[int | None]:
    axis = ctx.axis
    if axis is None:
        if year and ctx.story.date and not ctx.story.date.startswith(str(year)):
            raise InputError(f"the story is of {ctx.story.date}, not of {year}")
        return [None]
    if year:
        found = [i for i, s in enumerate(axis.steps) if s.startswith(str(year))]
        if not found:
            raise InputError(
                f"no {year} in the story: its dates are {axis.steps[0]} to {axis.steps[-1]}"
            )
        return [found[-1]]
    if small:
        if len(axis) > MAX_PANELS:
            raise InputError(
                f"{len(axis)} dates are too many small maps (at most {MAX_PANELS}): "
                "choose a range with --year, e.g. --year 2015-2023"
            )
        return list(range(len(axis)))
    return [len(axis) - 1]
