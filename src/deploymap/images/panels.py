"""The side column of a static map: locator, legend, ranked contributors, totals by year.

Each function draws one block into the column ``(x, y, width, height)``
(inches, y from the page's bottom) starting at *top* and returns the top of
the space left below it.  Contributors are ranked bars with their figures,
so the map can stay on the host however far away they are; their flows to
the mission HQ are drawn in the locator, which widens to reach them.

Examples
--------
>>> short("Democratic Republic of the Congo", 20)
'Democratic Republic…'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from deploymap.images.labels import Label, place_labels
from deploymap.images.palette import FONT
from deploymap.images.projection import Frame, Projection
from deploymap.images.render import basemap, circle_radius, fill, text_measurer
from deploymap.images.scene import Scene, superscript

if TYPE_CHECKING:
    from deploymap.images.page import Page

__all__ = ["contributors", "legend", "locator", "short", "totals"]

ROW = 0.2  # inches per bar
MAX_LEGEND_RADIUS = 20.0  # points: the largest circle the legend draws
LOCATOR_MIN = 1_500_000.0  # metres: the locator shows at least this around the centre
WORLD_REACH = 4_500_000.0  # metres: farther flows make the locator a world map
LOCATOR_LABELS = 8  # contributors named at their capitals in the locator


def short(name: str, n: int) -> str:
    """*name* cut to *n* characters with an ellipsis."""
    return name if len(name) <= n else name[: n - 1].rstrip() + "…"


def _heading(page: Page, x: float, top: float, text: str) -> float:
    page.text(x, top, text, fontsize=page.font * 1.05, fontweight="bold", va="top")
    return top - page.font * 1.05 / 72 - 0.08


def below_locator(page: Page, scene: Scene, largest: int, rows: int) -> float:
    """About how many inches the legend and *rows* bars take: what the locator leaves them."""
    from deploymap.mapping.style import legend_circles

    heading = page.font * 1.05 / 72 + 0.08
    kinds = {m.kind for m in scene.marks} & {"hq", "capital", "place"}
    entries = bool(scene.hosts) + bool(scene.areas) + len(kinds)
    need = heading + entries * page.font * 0.95 * 1.45 / 72 + 0.2
    circles = legend_circles(largest)
    if circles:
        need += heading + max(2 * MAX_LEGEND_RADIUS, len(circles) * page.font * 1.15) / 72 + 0.1
    if rows:
        need += heading + min(rows, 6) * ROW + 0.15
    return need


def locator(
    page: Page,
    col: Sequence[float],
    scene: Scene,
    proj: Projection,
    frame: Frame,
    leave: float = 0.0,
) -> float:
    """The region around the map (its frame outlined), with the flows when asked for.

    The locator is the map's projection, widened; when flows reach farther
    than a region, it is a world map (Equal Earth) centred on the host's meridian.
    """
    x, y, w, h = col
    top = y + h
    flows = scene.flows if page.flows else ()
    title = page.ctx.ui("static.locator_flows" if flows else "static.locator")
    top = _heading(page, x, top, title)
    # as tall as the column allows once the legend and the panel below have their room
    ih = max(0.8, min(w * 0.72, h * 0.42, top - y - 0.18 - leave))
    ax = page.axes((x, top - ih, w, ih))
    aspect = w / ih
    reach = max(LOCATOR_MIN, 3.0 * max(frame.width, frame.height))
    for fl in flows:
        px, py = proj.point(*fl.coords[0])
        reach = max(reach, 1.12 * math.hypot(px, py))
    if reach > WORLD_REACH:
        view = Projection(proj.lon0, 0.0, kind="eqearth")
        half_w, half_h = 17_250_000.0, 8_400_000.0
        if half_w / half_h > aspect:
            half_h = half_w / aspect
        else:
            half_w = half_h * aspect
        inset = Frame(-half_w, -half_h, half_w, half_h)
    else:
        view = proj
        cx, cy = (frame.x0 + frame.x1) / 2, (frame.y0 + frame.y1) / 2
        hw, hh = reach * max(1.0, aspect), reach / min(1.0, aspect)
        inset = Frame(cx - hw, cy - hh, cx + hw, cy + hh)
    pal = page.pal
    countries = basemap(page.world, view, inset, scale="light")
    ax.set_xlim(inset.x0, inset.x1)
    ax.set_ylim(inset.y0, inset.y1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor(pal.sea)
    for spine in ax.spines.values():
        spine.set_edgecolor(pal.muted)
        spine.set_linewidth(0.6)
    hosts = {h.key for h in scene.hosts}
    fill(
        ax,
        [c.geometry for c in countries],
        facecolor=pal.land,
        edgecolor=pal.land_edge,
        linewidth=0.3,
    )
    fill(
        ax,
        [c.geometry for c in countries if c.iso3 in hosts],
        facecolor=pal.host,
        edgecolor=pal.host_edge,
        linewidth=0.5,
    )
    largest = max((f.troops or 0 for f in flows), default=0)
    renderer = page.fig.canvas.get_renderer()
    ends: list[Label] = []
    for fl in sorted(flows, key=lambda f: f.troops or 0):
        lw = 0.6 + (2.2 * math.sqrt((fl.troops or 0) / largest) if largest else 0)
        for xs, ys in _pieces(view, fl.coords):
            ax.plot(xs, ys, color=pal.flow, linewidth=lw, alpha=0.8, solid_capstyle="round")
        sx, sy = view.point(*_wrap(view, fl.coords[0]))
        ax.plot([sx], [sy], "o", color=pal.flow, markersize=2.2)
        px, py = ax.transData.transform((sx, sy))
        name = page.ctx.country_name(fl.iso3)
        ends.append(
            Label(name, px, py, gap=2, priority=1, rank=fl.troops or 0, size=page.font * 0.75)
        )
    _outline(ax, proj, view, frame, pal.force if pal.name == "light" else pal.text)
    if ends:
        bb = ax.get_window_extent(renderer)
        measure = text_measurer(page.fig, renderer)
        placed, _ = place_labels(
            ends[-LOCATOR_LABELS:] if len(ends) > LOCATOR_LABELS else ends,
            measure,
            bounds=(bb.x0 + 1, bb.y0 + 1, bb.x1 - 1, bb.y1 - 1),
        )
        inv = ax.transData.inverted()
        for p in placed:
            tx, ty = inv.transform((p.box[0] + 1.5, p.box[1] + 1.5))
            ax.text(
                tx,
                ty,
                p.label.text,
                fontsize=p.label.size,
                color=pal.text,
                ha="left",
                va="bottom",
                parse_math=False,
                family=FONT,
                zorder=6,
            )
    return top - ih - 0.18


def _wrap(view: Projection, lonlat: tuple[float, float]) -> tuple[float, float]:
    lon, lat = lonlat
    return view.lon0 + ((lon - view.lon0 + 180) % 360 - 180), lat


def _pieces(
    view: Projection, coords: Sequence[tuple[float, float]]
) -> list[tuple[list[float], list[float]]]:
    """A lon/lat line projected, split where it crosses the view's far meridian."""
    out: list[tuple[list[float], list[float]]] = [([], [])]
    prev = None
    for c in coords:
        lon, lat = _wrap(view, c)
        if prev is not None and abs(lon - prev) > 180:
            out.append(([], []))
        prev = lon
        px, py = view.point(lon, lat)
        out[-1][0].append(px)
        out[-1][1].append(py)
    return [p for p in out if len(p[0]) > 1]


def _outline(ax: Any, proj: Projection, view: Projection, frame: Frame, colour: str) -> None:
    """The main map's frame, drawn in the locator's projection."""
    pts = []
    for i in range(4 * 8):
        side, k = divmod(i, 8)
        t = k / 8
        x, y = (
            (frame.x0 + t * frame.width, frame.y0),
            (frame.x1, frame.y0 + t * frame.height),
            (frame.x1 - t * frame.width, frame.y1),
            (frame.x0, frame.y1 - t * frame.height),
        )[side]
        pts.append(view.point(*proj.lonlat(x, y)) if view is not proj else (x, y))
    pts.append(pts[0])
    ax.plot([p[0] for p in pts], [p[1] for p in pts], color=colour, linewidth=1.2, zorder=5)


def legend(
    page: Page, col: Sequence[float], top: float, scene: Scene, largest: int, max_radius: float
) -> float:
    """Symbols of the map, and the force circles at three round figures."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from deploymap.mapping.style import legend_circles

    pal = page.pal
    t = page.ctx.ui
    x, _, w, _ = col
    top = _heading(page, x, top, t("legend.title"))
    handles: list[Any] = []
    labels: list[str] = []
    if scene.hosts:
        handles.append(Patch(facecolor=pal.host, edgecolor=pal.host_edge, linewidth=1))
        labels.append(t("layer.host"))
    if scene.areas:
        handles.append(Line2D([], [], color=pal.area, linewidth=1.3, linestyle=(0, (5, 3))))
        labels.append(t("static.area"))
    kinds = {m.kind for m in scene.marks}
    for kind, marker, size, face, edge, text in (
        ("hq", "s", 6.0, pal.hq, "white", t("legend.hq")),
        ("capital", "s", 4.6, "white", pal.place, t("static.capital")),
        ("place", "o", 3.6, pal.place, "white", t("legend.places")),
    ):
        if kind in kinds:
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker=marker,
                    markersize=size,
                    markerfacecolor=face,
                    markeredgecolor=edge,
                )
            )
            labels.append(text)
    if handles:
        # an invisible axes down to the column's foot; the legend's extent says where it ends
        ax = page.axes((x, col[1], w, max(0.3, top - col[1])))
        ax.set_axis_off()
        leg = ax.legend(
            handles,
            labels,
            loc="upper left",
            frameon=False,
            borderaxespad=0,
            handletextpad=0.8,
            borderpad=0.1,
            labelspacing=0.45,
            handlelength=2.2,
            prop={"family": FONT, "size": page.font * 0.95},
        )
        for text in leg.get_texts():
            text.set_parse_math(False)
            text.set_color(pal.text)
        bb = leg.get_window_extent(page.fig.canvas.get_renderer())
        top = bb.y0 / page.fig.dpi - 0.1
    circles = legend_circles(largest)
    if circles:
        top = _circle_legend(page, x, top, w, circles, largest, max_radius)
    return top - 0.1


def _circle_legend(
    page: Page, x: float, top: float, w: float, values: list[int], largest: int, rmax: float
) -> float:
    """Nested circles on one baseline, each figure on a leader from its top: areas compare."""
    from matplotlib.patches import Circle

    pal = page.pal
    top = _heading(page, x, top + 0.02, page.ctx.ui("section.troops_area"))
    gap = page.font * 1.15  # points between two figures
    first = max(
        2 + 2 * circle_radius(values[0], largest, rmax), (len(values) - 1) * gap + page.font * 0.8
    )
    hpt = first + page.font * 0.7
    wpt = w * 72
    ax = page.axes((x, top - hpt / 72, w, hpt / 72))
    ax.set_xlim(0, wpt)
    ax.set_ylim(0, hpt)
    ax.set_axis_off()
    cx = circle_radius(values[0], largest, rmax) + 8
    label_y = first + gap
    for v in values:
        r = circle_radius(v, largest, rmax)
        ax.add_patch(
            Circle(
                (cx, 2 + r),
                r,
                facecolor=_blend(pal.force_fill, pal.force_alpha),
                edgecolor=pal.force,
                linewidth=0.9,
            )
        )
        y = 2 + 2 * r
        # labels one line apart even where the circles' tops are close
        label_y = min(max(y, page.font * 0.8), label_y - gap)
        end = cx + circle_radius(values[0], largest, rmax) + 12
        ax.plot([cx, end, end + 4], [y, y, label_y], color=pal.muted, linewidth=0.5)
        ax.text(
            end + 6,
            label_y,
            page.ctx.ui.number(v),
            va="center",
            ha="left",
            fontsize=page.font * 0.9,
            color=pal.text,
            family=FONT,
        )
    return top - hpt / 72


def _blend(colour: str, alpha: float) -> str:
    """*colour* at *alpha* over white, opaque (a legend swatch that matches the map)."""
    c = colour.lstrip("#")
    rgb = [int(c[i : i + 2], 16) for i in (0, 2, 4)]
    out = [round(255 - alpha * (255 - v)) for v in rgb]
    return "#" + "".join(f"{v:02x}" for v in out)


def _bars(
    page: Page,
    col: Sequence[float],
    top: float,
    rows: list[tuple[str, int | None, str]],
    title: str,
    squeeze: bool = False,
) -> float:
    """Ranked bars: (name, figure, text after the figure) in order, as many as fit.

    *squeeze* narrows the rows (down to 60 %) before it folds the last ones into "N others".
    """
    from matplotlib.patches import Rectangle

    pal = page.pal
    x, y, w, _ = col
    if not rows or top - y < 0.6:
        return top
    top = _heading(page, x, top, title)
    row = ROW
    if squeeze and rows:
        row = max(0.6 * ROW, min(ROW, (top - y) / len(rows)))
    fit = max(1, int((top - y) / row))
    others = None
    if len(rows) > fit:
        rest = rows[fit - 1 :]
        known = [n for _, n, _ in rest if n is not None]
        others = (page.ctx.ui.plural("static.others", len(rest)), sum(known) if known else None, "")
        rows = rows[: fit - 1]
    largest = max((t or 0 for _, t, _ in rows), default=0) or 1
    if others is not None:  # a sum, not a contributor: its figure only, off the bars' scale
        rows = [*rows, others]
    hgt = len(rows) * row
    ax = page.axes((x, top - hgt, w, hgt))
    ax.set_xlim(0, 1)
    ax.set_ylim(len(rows), 0)
    ax.set_axis_off()
    name_w = 0.42
    chars = max(8, int(w * name_w * 72 / (page.font * 0.56)))
    for i, (name, troops, after) in enumerate(rows):
        ax.text(
            0,
            i + 0.5,
            short(name, chars),
            va="center",
            ha="left",
            fontsize=page.font * 0.95,
            color=pal.text,
            parse_math=False,
            family=FONT,
        )
        summed = others is not None and i == len(rows) - 1
        span = 0.0 if summed else (troops or 0) / largest * 0.3
        if span:
            ax.add_patch(
                Rectangle((name_w, i + 0.18), span, 0.64, facecolor=pal.bar, edgecolor="none")
            )
        figure = (
            page.ctx.ui.number(troops) if troops is not None else page.ctx.ui("troops.no_figure")
        )
        ax.text(
            name_w + span + 0.015,
            i + 0.5,
            f"{figure}{after}",
            va="center",
            ha="left",
            fontsize=page.font * 0.9,
            color=pal.text if troops is not None else pal.muted,
            parse_math=False,
            family=FONT,
        )
    return top - hgt - 0.15


def contributors(page: Page, col: Sequence[float], top: float, scene: Scene) -> float:
    """The contributors ranked by troops, with each figure's source mark."""
    t = page.ctx.ui
    rows = []
    for b in scene.contributors:
        name = t("static.lead", name=b.name) if b.lead else b.name
        rows.append((name, b.troops, superscript(b.note)))
    when = f", {scene.step}" if scene.step else ""
    return _bars(page, col, top, rows, t("static.contributors", when=when), squeeze=True)


def totals(page: Page, col: Sequence[float], top: float, scenes: Sequence[Scene]) -> float:
    """Troops on the map at each step: the small multiples' common scale in one column."""
    rows = [(s.step or "", s.total, "") for s in scenes]
    return _bars(page, col, top, rows, page.ctx.ui("static.totals"), squeeze=True)
