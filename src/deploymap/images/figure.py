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
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deploymap.errors import InputError
from deploymap.images import panels
from deploymap.images.palette import FONT, Palette, palette, rc_params
from deploymap.images.projection import Frame, Projection, centre_of, fit_frame
from deploymap.images.render import (
    PanelResult,
    World,
    basemap,
    draw_panel,
    free_corners,
    north_arrow,
    scale_bar,
)
from deploymap.images.scene import Notes, Scene, build_scene
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
MAX_RADIUS = 20.0  # points: the largest force symbol on a full-page map
EACH = "centred on each map's subject"  # no shorter than "centred on 120.5°W, 45.3°N"
SMALL_AREA = 0.15  # a mission area this share of its host's extent is framed on its own
_UNITS = {"in": 1.0, "cm": 1 / 2.54, "mm": 1 / 25.4}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(in|cm|mm|px)?\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Panel:
    """One map panel: its step, projection, frame and its box in the image's pixels.

    ``box`` is (left, top, right, bottom) in pixels of the PNG (origin top left);
    a point (x, y) of the frame is at ``left + (x - x0) / width * (right - left)``
    across and ``top + (y1 - y) / height * (bottom - top)`` down.
    """

    step: str | None
    crs: str  # PROJ string: each panel is centred on what it shows
    frame: Frame
    box: tuple[float, float, float, float]


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

    Returns
    -------
    StaticMap

    Raises
    ------
    InputError
        For an unknown format, style or size, or a year the story does not have.

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
    ctx = MapContext.of(one, gazetteer, catalogue)
    steps = _steps(ctx, year, small_multiples)

    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    params: Any = rc_params()
    with matplotlib.rc_context(params):
        fig = Figure(figsize=(w, h), dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)
        page = _Page(fig, ctx, pal, title, flows=flows, raster=fmt == "png")
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


class _Page:
    """The page's layout in inches, and the pieces drawn on it."""

    def __init__(
        self,
        fig: Any,
        ctx: MapContext,
        pal: Palette,
        title: str | None,
        *,
        flows: bool,
        raster: bool,
    ) -> None:
        self.fig, self.ctx, self.pal = fig, ctx, pal
        self.flows, self.raster = flows, raster
        self.notes = Notes()
        self.world = World(ctx.gazetteer)
        self.panels: list[Panel] = []
        self.labels: list[tuple[str, tuple[float, float, float, float]]] = []
        self.dropped = 0
        self.projections: dict[tuple[float, float], Projection] = {}
        self.w, self.h = (float(v) for v in fig.get_size_inches())
        self.font = max(6.5, min(9.0, 7.2 * math.sqrt(self.w * self.h / 77)))
        story = ctx.story
        from deploymap.mapping.build import _default_title

        self.title = title if title is not None else (story.title or _default_title(story))
        self.margin = 0.22
        self.side = min(max(0.3 * self.w, 2.3), 3.8)
        self.top = 0.42 + 0.028 * self.font * 2.2

    # -- the two page kinds --------------------------------------------------------------------
    def single(self, step: int | None) -> None:
        scene = build_scene(self.ctx, self.notes, step)
        foot = self._footer_lines(extra=1)
        bottom = self._footer_height(foot)
        map_box = self._map_box(bottom)
        ax = self._axes(map_box)
        proj, frame = self._frame(scene, map_box[2] / map_box[3])
        countries = basemap(self.world, proj, frame)
        largest = max((m.troops or 0 for m in scene.forces), default=0)
        radius = MAX_RADIUS * min(1.0, map_box[3] / 5.5)
        corners = free_corners(scene, proj, frame)
        furniture = [scale_bar(ax, self.pal, self.font * 0.9, corners[0])]
        furniture.append(north_arrow(ax, proj, frame, self.pal, self.font, corners[1]))
        obstacles = self._extents(furniture)
        res = draw_panel(
            ax,
            scene,
            proj,
            frame,
            self.pal,
            countries,
            largest=largest,
            max_radius=radius,
            font=self.font,
            halo=self.raster,
            obstacles=obstacles,
        )
        self.dropped = res.dropped
        self._record(ax, scene.step, proj, frame, res)
        self._header(self._subtitle(scene))
        col = self._side_column(map_box)
        leave = panels.below_locator(self, scene, largest, len(scene.contributors))
        y = panels.locator(self, col, scene, proj, frame, leave)
        y = panels.legend(self, col, y, scene, largest, radius)
        panels.contributors(self, col, y, scene)
        self._footer(foot, bottom, res.dropped)

    def small_multiples(self, steps: Sequence[int | None]) -> None:
        scenes = [build_scene(self.ctx, self.notes, s) for s in steps]
        last = scenes[-1]
        same = len({tuple(sorted(h.key for h in s.hosts)) for s in scenes}) == 1
        foot = self._footer_lines(extra=1)
        bottom = self._footer_height(foot)
        x, y, bw, bh = self._map_box(bottom)
        n = len(scenes)
        cols = _grid_columns(n, bw, bh)
        rows = math.ceil(n / cols)
        gap, head = 0.08, 0.2
        pw = (bw - gap * (cols - 1)) / cols
        ph = (bh - gap * (rows - 1)) / rows - head
        common = self._frame(_union(scenes), pw / ph) if same else None
        largest = max((m.troops or 0 for s in scenes for m in s.forces), default=0)
        radius = MAX_RADIUS * min(1.0, ph / 4.5)
        font = max(5.5, self.font * min(1.0, math.sqrt(pw / 3.5)))
        base_cache: dict[Any, Any] = {}
        for i, scene in enumerate(scenes):
            r, c = divmod(i, cols)
            box = (x + c * (pw + gap), y + bh - (r + 1) * (ph + head) - r * gap, pw, ph)
            ax = self._axes(box)
            proj, frame = common or self._frame(scene, pw / ph)
            key = (proj.proj4, frame)
            if key not in base_cache:
                base_cache[key] = basemap(self.world, proj, frame)
            corner = free_corners(scene, proj, frame)[0]
            furniture = (
                [scale_bar(ax, self.pal, font * 0.85, corner)] if i == 0 or not common else []
            )
            res = draw_panel(
                ax,
                scene,
                proj,
                frame,
                self.pal,
                base_cache[key],
                largest=largest,
                max_radius=radius,
                font=font,
                min_priority=2,
                halo=self.raster,
                obstacles=self._extents(furniture),
            )
            self.dropped += res.dropped
            self._record(ax, scene.step, proj, frame, res)
            total = f" · {scene.total:,} troops" if scene.total is not None else ""
            ax.set_title(
                f"{scene.step}{total}",
                fontsize=font * 1.15,
                fontweight="bold",
                loc="left",
                pad=3,
                color=self.pal.text,
                family=FONT,
            )
        self._header(self._subtitle(last, multiples=n))
        col = self._side_column((x, y, bw, bh))
        first_proj, first_frame = common or self._frame(last, pw / ph)
        leave = panels.below_locator(self, last, largest, len(scenes))
        top = panels.locator(self, col, last, first_proj, first_frame, leave)
        top = panels.legend(self, col, top, last, largest, radius)
        panels.totals(self, col, top, scenes)
        self._footer(foot, bottom, self.dropped)

    # -- geometry of the page ------------------------------------------------------------------
    def _map_box(self, bottom: float) -> tuple[float, float, float, float]:
        """(x, y, width, height) in inches of the map area, y from the page's bottom."""
        m = self.margin
        return (m, bottom, self.w - self.side - 3 * m, self.h - self.top - bottom - 0.05)

    def _side_column(self, map_box: tuple[float, float, float, float]) -> tuple[float, ...]:
        x = map_box[0] + map_box[2] + 2 * self.margin
        return (x, map_box[1], self.w - x - self.margin, map_box[3])

    def _axes(self, box: Sequence[float]) -> Any:
        x, y, w, h = box
        return self.fig.add_axes((x / self.w, y / self.h, w / self.w, h / self.h))

    def _frame(self, scene: Scene, aspect: float) -> tuple[Projection, Frame]:
        import shapely

        core = [r.geometry for r in (*scene.hosts, *scene.areas)]
        areas = [r.geometry for r in scene.areas]
        if areas and scene.hosts and _share(areas, [r.geometry for r in scene.hosts]) < SMALL_AREA:
            # a small area of operations (UNDOF's Golan, a buffer zone): frame it and the
            # troops, not the whole host
            sites = [(m.lon, m.lat) for m in scene.marks if m.kind in ("force", "hq")]
            core = [*areas, *([shapely.MultiPoint(sites)] if sites else [])]
        if not core and scene.marks:
            core = [shapely.MultiPoint([(m.lon, m.lat) for m in scene.marks])]
        lon, lat = centre_of(core) if core else (0.0, 0.0)
        proj = self.projections.setdefault((lon, lat), Projection(lon, lat))
        points = [proj.point(m.lon, m.lat) for m in scene.marks]
        return proj, fit_frame(proj, [proj.project(g) for g in core], points, aspect)

    def _record(
        self, ax: Any, step: str | None, proj: Projection, frame: Frame, res: PanelResult
    ) -> None:
        bb = ax.get_window_extent(self.fig.canvas.get_renderer())
        hpx = self.h * self.fig.dpi
        box = (float(bb.x0), float(hpx - bb.y1), float(bb.x1), float(hpx - bb.y0))
        self.panels.append(Panel(step, proj.proj4, frame, box))
        for p in res.placed:
            x0, y0, x1, y1 = p.box
            self.labels.append((p.label.text, (x0, hpx - y1, x1, hpx - y0)))

    def _extents(self, artists: Sequence[Any]) -> list[tuple[float, float, float, float]]:
        from matplotlib_scalebar.scalebar import ScaleBar

        renderer = self.fig.canvas.get_renderer()
        out = []
        for a in artists:
            if isinstance(a, ScaleBar):  # it knows its size once drawn (the page redraws)
                a.draw(renderer)
                b = a.info.window_extent
            else:
                b = a.get_window_extent(renderer)
            out.append((b.x0, b.y0, b.x1, b.y1))
        return out

    # -- text ------------------------------------------------------------------------------------
    def text(self, x: float, y: float, s: str, **kw: Any) -> Any:
        """Page text at (x, y) inches: input is data, never mathtext."""
        kw.setdefault("color", self.pal.text)
        kw.setdefault("fontsize", self.font)
        return self.fig.text(x / self.w, y / self.h, s, parse_math=False, family=FONT, **kw)

    def _subtitle(self, scene: Scene, multiples: int = 0) -> str:
        from deploymap.mapping.style import source_name

        story = self.ctx.story
        axis = self.ctx.axis
        bits = []
        missions = [
            f"{m.mission.id} ({m.mission.organisation})" for m in self.ctx.missions.values()
        ]
        if missions:
            bits.append(
                ", ".join(missions[:4])
                + (f" and {len(missions) - 4} more" if len(missions) > 4 else "")
            )
        if axis is not None and multiples:
            bits.append(f"{axis.steps[0]} to {axis.steps[-1]}, {multiples} maps")
        elif axis is not None and scene.step:
            bits.append(f"{scene.step} (of {axis.steps[0]} to {axis.steps[-1]})")
        elif story.date:
            bits.append(story.date)
        srcs = [source_name(s) for s in story.sources[:2]]
        if srcs:
            more = f" and {len(story.sources) - 2} more" if len(story.sources) > 2 else ""
            bits.append("Source: " + ", ".join(srcs) + more)
        return " · ".join(bits)

    def _header(self, subtitle: str) -> None:
        y = self.h - 0.2
        title = _ellipsis(self.title, int(self.w * 72 / (self.font * 1.9 * 0.6)))
        self.text(self.margin, y, title, fontsize=self.font * 1.9, fontweight="bold", va="top")
        if subtitle:
            self.text(
                self.margin,
                y - self.font * 1.9 / 72 - 0.1,
                subtitle,
                fontsize=self.font * 1.05,
                va="top",
                color=self.pal.muted,
            )

    def _footer_lines(self, extra: int = 0) -> list[str]:
        from deploymap.mapping.build import _uses_geo_pko
        from deploymap.mapping.layers import _event_text

        events = [_event_text(self.ctx, ev) for ev in self.ctx.story.events[:4]]
        lines = []
        if events:
            lines.append("Events: " + "; ".join(dict.fromkeys(events)) + ".")
        notes = self.notes.lines()
        if notes:
            lines.append("Figures: " + " · ".join(notes))
        parts = ["Boundaries: Natural Earth"]
        if any(str(t.id).startswith("geonames:") for t in self.ctx.story.places):
            parts.append("places: GeoNames (CC BY 4.0)")
        if _uses_geo_pko(self.ctx.story):
            parts.append("mission data: Geo-PKO v2.3 (Cil et al. 2020)")
        lines.append(
            "; ".join(parts) + ". Lambert azimuthal equal-area projection {centre}; "
            "scale true at the centre. The boundaries and names shown do not imply "
            "official endorsement or acceptance. Made with deploymap."
        )
        self._extra = extra
        return lines

    def _wrap(self, lines: Sequence[str]) -> list[str]:
        width = max(40, int((self.w - 2 * self.margin) * 72 / (self.font * 0.92 * 0.56)))
        out = []
        for line in lines:
            out.extend(textwrap.wrap(line, width=width) or [""])
        return out

    def _footer_height(self, lines: Sequence[str]) -> float:
        n = len(self._wrap([line.replace("{centre}", EACH) for line in lines])) + self._extra
        return 0.14 + n * self.font * 0.92 * 1.35 / 72

    def _footer(self, lines: Sequence[str], height: float, dropped: int) -> None:
        centres = list(dict.fromkeys(p.crs for p in self.panels))
        if len(centres) == 1:
            proj = next(p for p in self.projections.values() if p.proj4 == centres[0])
            where = f"centred on {_deg(proj.lon0, 'E', 'W')}, {_deg(proj.lat0, 'N', 'S')}"
        else:
            where = EACH
        # the placeholder is about as long as its value: the height was reserved for it
        wrapped = self._wrap([line.replace("{centre}", where) for line in lines])
        if dropped:
            wrapped.append(
                f"{dropped} label{'s' if dropped != 1 else ''} left out where they "
                "would overlap (capitals and HQs first, then places with a figure)."
            )
        step = self.font * 0.92 * 1.35 / 72
        y = height - 0.1
        for line in wrapped:
            self.text(
                self.margin, y, line, fontsize=self.font * 0.92, va="top", color=self.pal.muted
            )
            y -= step


def _share(inner: Sequence[Any], outer: Sequence[Any]) -> float:
    """How much of *outer*'s bounding box *inner*'s takes (lon/lat, near enough for a ratio)."""
    import shapely

    def size(geoms: Sequence[Any]) -> float:
        x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(list(geoms)))
        return max(x1 - x0, 1e-6) * max(y1 - y0, 1e-6)

    return size(inner) / size(outer)


def _deg(v: float, pos: str, neg: str) -> str:
    return f"{abs(v):.1f}°{pos if v >= 0 else neg}"


def _ellipsis(s: str, n: int) -> str:
    return s if len(s) <= n else s[: max(1, n - 1)].rstrip() + "…"


def _grid_columns(n: int, w: float, h: float) -> int:
    """The columns that give the largest square-ish panels for *n* maps in w x h."""
    best, best_side = 1, 0.0
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        side = min(w / cols, h / rows * 1.3)
        if side > best_side + 1e-9:
            best, best_side = cols, side
    return best


def _union(scenes: Sequence[Scene]) -> Scene:
    """One scene holding every step's hosts, areas and marks: the common frame of a grid."""
    hosts = {h.key: h for s in scenes for h in s.hosts}
    areas = {a.key: a for s in scenes for a in s.areas}
    marks = tuple(m for s in scenes for m in s.marks)
    return Scene(None, tuple(hosts.values()), tuple(areas.values()), marks, (), (), None)
