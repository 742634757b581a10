"""One map panel on a matplotlib Axes: basemap, host, mission area, symbols, labels, scale.

The panel draws in projected metres (:mod:`deploymap.images.projection`)
with the frame as its limits, so a test can map any lon/lat to a pixel
from the frame and the axes box alone.  Polygons are plotted with
geopandas; text from the input is always set with ``parse_math=False``, so a
``$`` in a name prints as itself.

Examples
--------
>>> circle_radius(3500, 3500, 20.0), circle_radius(875, 3500, 20.0)
(20.0, 10.0)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from deploymap.images.labels import Box, Label, Placed, place_labels
from deploymap.images.palette import FONT, Palette
from deploymap.images.projection import Frame, Projection
from deploymap.images.scene import TOP, Scene

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from deploymap.gazetteer import Gazetteer

__all__ = ["Country", "PanelResult", "World", "basemap", "circle_radius", "draw_panel", "fill"]

MIN_RADIUS = 2.5  # points: a handful of observers still shows
AREA_SHARE_LABEL = 0.015  # a neighbour's visible part must be this share of the frame


@dataclass(frozen=True, slots=True)
class Country:
    """A basemap country, projected and clipped to the frame."""

    iso3: str
    name: str
    geometry: Any


@dataclass(frozen=True, slots=True)
class PanelResult:
    """What a drawn panel tells the caller: its labels and how many were left out."""

    placed: tuple[Placed, ...]
    dropped: int


def circle_radius(troops: float, largest: float, max_radius: float) -> float:
    """Radius in points of a force symbol: its *area* is proportional to troops."""
    if troops <= 0 or largest <= 0:
        return MIN_RADIUS
    return round(max(MIN_RADIUS, max_radius * math.sqrt(troops / largest)), 2)


class World:
    """The gazetteer's countries with their 1:110m shapes, read once per figure."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.light: list[tuple[Any, Any]] = []
        for place in gaz.countries():
            geom = gaz.geometry(place, "light")
            if geom is not None:
                self.light.append((place, geom))


def basemap(
    world: World, proj: Projection, frame: Frame, *, scale: str = "detail"
) -> list[Country]:
    """Every country that reaches into *frame*: 1:10m (simplified) where it shows."""
    import shapely

    window = proj.window(frame.grown(0.05))
    clip = frame.grown(0.03)
    wx0, _, wx1, _ = window.bounds
    # where the window passes the antimeridian, the shapes beyond it a turn round
    # (Fiji's islands at -179° in a window reaching 182°)
    shifts = [0.0, *([-360.0] if wx0 < -180 else []), *([360.0] if wx1 > 180 else [])]
    out = []
    for place, light in world.light:
        near = [dx for dx in shifts if _shifted(light, dx).intersects(window)]
        if not near:
            continue
        geom = world.gaz.geometry(place, scale) if scale != "light" else light
        # cut to the window first: no projected part far outside (or behind) the centre
        part = shapely.union_all([shapely.intersection(_shifted(geom, dx), window) for dx in near])
        if part.is_empty:
            continue
        part = shapely.segmentize(part, 1.0)
        projected = shapely.clip_by_rect(proj.project(part), clip.x0, clip.y0, clip.x1, clip.y1)
        if not projected.is_empty:
            out.append(Country(place.iso3 or place.id, place.name, projected))
    return out


def _shifted(geom: Any, dx: float) -> Any:
    import shapely.affinity

    return geom if dx == 0 else shapely.affinity.translate(geom, xoff=dx)


def polygons(geom: Any) -> Any:
    """The polygonal parts of *geom* (a clip can leave lines and points) as one MultiPolygon."""
    import shapely

    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    flat = [p for g in parts for p in shapely.get_parts(g)]
    return shapely.MultiPolygon(flat) if flat else None


def fill(ax: Axes, geoms: Sequence[Any], **style: Any) -> None:
    """Polygons on *ax*: shapely's matplotlib paths, as one collection.

    One collection, added without updating the data limits (the frame sets
    them), keeps a world of coastlines from costing seconds.
    """
    from matplotlib.collections import PathCollection
    from shapely.plotting import patch_from_polygon

    paths = [patch_from_polygon(p).get_path() for g in geoms if (p := polygons(g)) is not None]
    if paths:
        linestyle = style.pop("linestyle", "solid")
        ax.add_collection(PathCollection(paths, linestyles=[linestyle], **style), autolim=False)


def draw_panel(
    ax: Axes,
    scene: Scene,
    proj: Projection,
    frame: Frame,
    pal: Palette,
    countries: Sequence[Country],
    *,
    largest: int,
    max_radius: float,
    font: float = 8.0,
    min_priority: int = 0,
    halo: bool = True,
    obstacles: Sequence[Box] = (),
) -> PanelResult:
    """Draw *scene* on *ax* (limits: *frame*) and place its labels; see the module docstring."""
    import shapely

    ax.set_xlim(frame.x0, frame.x1)
    ax.set_ylim(frame.y0, frame.y1)
    ax.set_aspect("auto")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor(pal.sea)
    for spine in ax.spines.values():
        spine.set_edgecolor(pal.muted)
        spine.set_linewidth(0.8)

    host_keys = {h.key for h in scene.hosts}
    land = [c.geometry for c in countries]
    fill(ax, land, facecolor=pal.land, edgecolor=pal.land_edge, linewidth=0.5, zorder=1)
    clip = frame.grown(0.03)

    def projected(geom: Any) -> Any:
        return shapely.clip_by_rect(proj.project(geom), clip.x0, clip.y0, clip.x1, clip.y1)

    hosts = [c.geometry for c in countries if c.iso3 in host_keys] or [
        projected(h.geometry) for h in scene.hosts
    ]
    fill(ax, hosts, facecolor=pal.host, edgecolor=pal.host_edge, linewidth=1.1, zorder=2)
    areas = [projected(a.geometry) for a in scene.areas]
    fill(
        ax,
        areas,
        facecolor="none",
        edgecolor=pal.area,
        linewidth=1.3,
        linestyle=(0, (5, 3)),
        zorder=3,
    )

    fig = ax.figure
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    to_px = ax.transData
    px_per_pt = fig.dpi / 72.0
    symbols: list[Box] = []
    labels: list[Label] = []

    # force symbols, largest first so the small ones stay visible on top
    forces = sorted(scene.forces, key=lambda m: -(m.troops or 0))
    xs, ys, sizes, dashed = [], [], [], []
    for m in forces:
        x, y = proj.point(m.lon, m.lat)
        if not frame.contains(x, y):
            continue
        r = circle_radius(m.troops or 0, largest, max_radius)
        xs.append(x)
        ys.append(y)
        sizes.append((2 * r) ** 2)
        dashed.append(m.troops is None)
        px, py = to_px.transform((x, y))
        if m.priority >= min_priority:
            labels.append(
                Label(
                    m.label,
                    px,
                    py,
                    gap=r * px_per_pt,
                    priority=m.priority,
                    rank=m.troops or 0,
                    size=font,
                )
            )
    if xs:
        ax.scatter(
            xs,
            ys,
            s=sizes,
            facecolor=pal.force_fill,
            alpha=pal.force_alpha,
            edgecolor="none",
            zorder=5,
        )
        # outlines: solid where the figure is known, dotted where it is not (one style each:
        # a style per marker costs seconds at 10,000 markers)
        for style, want in (("solid", False), ((0, (2, 2)), True)):
            pick = [i for i, d in enumerate(dashed) if d == want]
            if pick:
                ax.scatter(
                    [xs[i] for i in pick],
                    [ys[i] for i in pick],
                    s=[sizes[i] for i in pick],
                    facecolor="none",
                    edgecolor=pal.force,
                    linewidth=1.0,
                    zorder=5,
                    linestyle=style,
                )
    for kind, marker, size, face, edge in (
        ("place", "o", 3.6, pal.place, "white"),
        ("capital", "s", 4.6, "white", pal.place),
        ("hq", "s", 6.0, pal.hq, "white"),
    ):
        pts = []
        for m in scene.marks:
            if m.kind != kind:
                continue
            x, y = proj.point(m.lon, m.lat)
            if not frame.contains(x, y):
                continue
            pts.append((x, y))
            px, py = to_px.transform((x, y))
            half = size / 2 * px_per_pt
            symbols.append((px - half, py - half, px + half, py + half))
            if m.label and m.priority >= min_priority:
                labels.append(
                    Label(
                        m.label,
                        px,
                        py,
                        gap=half,
                        priority=m.priority,
                        size=font,
                        weight="bold" if m.priority >= TOP else "normal",
                    )
                )
        if pts:
            ax.scatter(
                [p[0] for p in pts],
                [p[1] for p in pts],
                s=size**2,
                marker=marker,
                facecolor=face,
                edgecolor=edge,
                linewidth=1.0 if kind != "place" else 0.6,
                zorder=7 if kind == "hq" else 6,
            )
    # country names: the host's bold, the neighbours' muted, both under the places
    frame_area = frame.width * frame.height
    for c in countries:
        host = c.iso3 in host_keys
        if c.geometry.area < AREA_SHARE_LABEL * frame_area and not host:
            continue
        pt = c.geometry.representative_point()
        px, py = to_px.transform((pt.x, pt.y))
        labels.append(
            Label(
                scene.names.get(c.iso3, c.name).upper(),
                px,
                py,
                priority=TOP + 1 if host else 0,
                rank=c.geometry.area,
                size=font * (1.15 if host else 0.95),
                weight="bold" if host else "normal",
                centred=True,
            )
        )

    bbox = ax.get_window_extent(renderer)
    measure = text_measurer(fig, renderer)
    placed, dropped = place_labels(
        labels,
        measure,
        bounds=(bbox.x0 + 2, bbox.y0 + 2, bbox.x1 - 2, bbox.y1 - 2),
        obstacles=[*symbols, *obstacles],
    )
    inv = to_px.inverted()
    for p in placed:
        x, y = inv.transform((p.box[0] + 1.5, p.box[1] + 1.5))
        lab = p.label
        country = lab.centred
        colour = pal.text if not country or lab.priority > TOP else pal.neighbour_label
        t = ax.text(
            x,
            y,
            lab.text,
            ha="left",
            va="bottom",
            fontsize=lab.size,
            fontweight=lab.weight,
            color=colour,
            parse_math=False,
            zorder=9,
            family=FONT,
        )
        if country:
            continue
        if halo:
            from matplotlib import patheffects

            t.set_path_effects([patheffects.withStroke(linewidth=2.2, foreground="white")])
        else:  # vector text stays text: a white box instead of a stroke
            t.set_bbox({"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 0.6})
    return PanelResult(tuple(placed), dropped)


def text_measurer(fig: Any, renderer: Any) -> Any:
    """``measure(label) -> (width, height)`` in pixels, as the label will be drawn."""
    from matplotlib.text import Text

    cache: dict[tuple[str, float, str], tuple[float, float]] = {}

    def measure(lab: Label) -> tuple[float, float]:
        key = (lab.text, lab.size, lab.weight)
        if key not in cache:
            t = Text(
                0,
                0,
                lab.text,
                fontsize=lab.size,
                fontweight=lab.weight,
                family=FONT,
                parse_math=False,
                figure=fig,
            )
            b = t.get_window_extent(renderer)
            cache[key] = (b.width, b.height)
        return cache[key]

    return measure


CORNERS = ("lower left", "lower right", "upper left", "upper right")


def free_corners(scene: Scene, proj: Projection, frame: Frame) -> list[str]:
    """The map's corners, emptiest first (fewest symbols), for the scale bar and north arrow."""
    counts = dict.fromkeys(CORNERS, 0)
    for m in scene.marks:
        x, y = proj.point(m.lon, m.lat)
        if not frame.contains(x, y):
            continue
        u, v = (x - frame.x0) / frame.width, (y - frame.y0) / frame.height
        if 0.3 < u < 0.7 or 0.3 < v < 0.7:
            continue
        counts[f"{'lower' if v <= 0.3 else 'upper'} {'left' if u <= 0.3 else 'right'}"] += 1
    return sorted(CORNERS, key=lambda c: (counts[c], CORNERS.index(c)))


def scale_bar(ax: Axes, pal: Palette, font: float, corner: str = "lower left") -> Any:
    """A metric scale bar (true at the projection's centre)."""
    from matplotlib_scalebar.scalebar import ScaleBar

    bar = ScaleBar(
        1.0,
        "m",
        location=corner,
        length_fraction=0.2,
        box_alpha=0.8,
        color=pal.text,
        font_properties={"family": FONT, "size": font},
        border_pad=0.6,
        scale_loc="top",
        width_fraction=0.012,
        rotation="horizontal-only",
    )
    ax.add_artist(bar)
    return bar


def north_arrow(
    ax: Axes, proj: Projection, frame: Frame, pal: Palette, font: float, corner: str = "upper left"
) -> Any:
    """An arrow to true north in a corner of the map, turned by the meridian's angle there."""
    ax_x = 0.045 if corner.endswith("left") else 0.955
    ax_y = 0.86 if corner.startswith("upper") else 0.1
    x = frame.x0 + ax_x * frame.width
    y = frame.y0 + ax_y * frame.height
    angle = math.radians(proj.north(x, y))
    length = 0.07
    fig: Any = ax.figure
    h = fig.get_size_inches()
    aspect = (h[0] * ax.get_position().width) / (h[1] * ax.get_position().height)
    dx, dy = -math.sin(angle) * length / aspect, math.cos(angle) * length
    ann = ax.annotate(
        "N",
        xy=(ax_x + dx, ax_y + dy),
        xytext=(ax_x, ax_y),
        xycoords="axes fraction",
        textcoords="axes fraction",
        ha="center",
        va="top",
        fontsize=font,
        fontweight="bold",
        color=pal.text,
        family=FONT,
        arrowprops={"arrowstyle": "-|>", "color": pal.text, "linewidth": 1.2},
        annotation_clip=False,
        zorder=10,
    )
    return ann
