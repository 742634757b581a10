"""The page of a static map: where the title, the map panels, the side column and the
caption go (in inches), and the text they hold.

:class:`Page` lays out one map (:meth:`Page.single`) or a grid of small maps, one per
step (:meth:`Page.small_multiples`), on a matplotlib Figure that
:func:`deploymap.images.figure.build_static` then saves.  Every string from the input is
set with ``parse_math=False``.

Examples
--------
>>> _grid_columns(9, 6.0, 4.0), _grid_columns(3, 6.0, 4.0)
(3, 2)
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from deploymap.images import panels
from deploymap.images.palette import FONT, Palette
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

if TYPE_CHECKING:
    from deploymap.mapping.layers import MapContext

__all__ = ["Page", "Panel"]

MAX_RADIUS = 20.0  # points: the largest force symbol on a full-page map
# static.each ("centred on each map's subject") is no shorter than "centred on 120.5°W, 45.3°N"
SMALL_AREA = 0.15  # a mission area this share of its host's extent is framed on its own


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


class Page:
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
        ax = self.axes(map_box)
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
            ax = self.axes(box)
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
            t = self.ctx.ui
            total = f" · {t.troops(scene.total)}" if scene.total is not None else ""
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

    def axes(self, box: Sequence[float]) -> Any:
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

        t = self.ctx.ui
        story = self.ctx.story
        axis = self.ctx.axis
        bits = []
        missions = [
            f"{m.mission.id} ({m.mission.organisation})" for m in self.ctx.missions.values()
        ]
        if missions:
            bits.append(
                ", ".join(missions[:4])
                + (t("title.more", n=t.number(len(missions) - 4)) if len(missions) > 4 else "")
            )
        if axis is not None and multiples:
            maps = t.plural("count.map", multiples)
            bits.append(t("static.range_maps", first=axis.steps[0], last=axis.steps[-1], maps=maps))
        elif axis is not None and scene.step:
            bits.append(
                t("static.step_of", step=scene.step, first=axis.steps[0], last=axis.steps[-1])
            )
        elif story.date:
            bits.append(story.date)
        srcs = [source_name(s) for s in story.sources[:2]]
        if srcs:
            more = (
                t("title.more", n=t.number(len(story.sources) - 2))
                if len(story.sources) > 2
                else ""
            )
            bits.append(t("static.source", sources=", ".join(srcs) + more))
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
        from deploymap.mapping.layers.base import _event_text

        t = self.ctx.ui
        events = [_event_text(self.ctx, ev) for ev in self.ctx.story.events[:4]]
        lines = []
        if events:
            lines.append(t("static.events", events="; ".join(dict.fromkeys(events))))
        notes = self.notes.lines(t)
        if notes:
            lines.append(t("static.figures", notes=" · ".join(notes)))
        c = t("list.colon")
        parts = [t("credit.boundaries") + c + "Natural Earth"]
        if any(str(p.id).startswith("geonames:") for p in self.ctx.story.places):
            parts.append(t("credit.places") + c + "GeoNames (CC BY 4.0)")
        if _uses_geo_pko(self.ctx.story):
            parts.append(t("credit.mission_data") + c + "Geo-PKO v2.3 (Cil et al. 2020)")
        # "{centre}" stays a placeholder here: filled in by _footer
        lines.append("; ".join(parts) + t("static.projection"))
        self._extra = extra
        return lines

    def _wrap(self, lines: Sequence[str]) -> list[str]:
        width = max(40, int((self.w - 2 * self.margin) * 72 / (self.font * 0.92 * 0.56)))
        out = []
        for line in lines:
            out.extend(textwrap.wrap(line, width=width) or [""])
        return out

    def _footer_height(self, lines: Sequence[str]) -> float:
        each = self.ctx.ui("static.each")
        n = len(self._wrap([line.replace("{centre}", each) for line in lines])) + self._extra
        return 0.14 + n * self.font * 0.92 * 1.35 / 72

    def _footer(self, lines: Sequence[str], height: float, dropped: int) -> None:
        t = self.ctx.ui
        centres = list(dict.fromkeys(p.crs for p in self.panels))
        if len(centres) == 1:
            proj = next(p for p in self.projections.values() if p.proj4 == centres[0])
            where = t(
                "static.centred",
                lon=_deg(proj.lon0, t("static.east"), t("static.west"), t.decimal),
                lat=_deg(proj.lat0, "N", "S", t.decimal),
            )
        else:
            where = t("static.each")
        # the placeholder is about as long as its value: the height was reserved for it
        wrapped = self._wrap([line.replace("{centre}", where) for line in lines])
        if dropped:
            wrapped.append(t.plural("static.dropped", dropped))
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


def _deg(v: float, pos: str, neg: str, decimal: str = ".") -> str:
    return f"{abs(v):.1f}°{pos if v >= 0 else neg}".replace(".", decimal)


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
