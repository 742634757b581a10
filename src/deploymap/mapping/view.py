"""Where the map looks: the host and mission area first, the world on request.

The initial view frames the story's mission areas (the host countries of
missions drawn without one), HQs and sites with a margin, never the
contributors (a contributor on another continent would shrink the host to a
dot); they sit in the contributors panel and in the "World" view.  Over
time, each slider step frames the missions that exist at that step.
Bounds are ``[[south, west], [north, east]]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deploymap.mapping.layers import MapContext

__all__ = ["MARGIN", "country_bounds", "home_frame", "step_frames", "world_frame"]

Bounds = list[list[float]]
#: The margin around the framed area, as a share of its span on each side.
MARGIN = 0.08
#: A host's polygon smaller than this share of its largest is left out of the frame
#: (France's overseas departments, far islands).
PART_SHARE = 0.1


def _main_parts(geom: Any) -> list[Any]:
    parts = list(getattr(geom, "geoms", [geom]))
    if len(parts) < 2:
        return parts
    top = max(p.area for p in parts)
    return [p for p in parts if p.area >= PART_SHARE * top]


def _bounds(geoms: Iterable[Any], margin: float = MARGIN) -> Bounds | None:
    import shapely

    boxes: list[tuple[float, float, float, float]] = []
    for g in geoms:
        if isinstance(g, tuple):  # a point's (lon, lat), as it is
            boxes.append((g[0], g[1], g[0], g[1]))
        elif g is not None and not g.is_empty:
            a, b, c, d = (float(v) for v in shapely.bounds(g))
            boxes.append((a, b, c, d))
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    dx = max((x1 - x0) * margin, 0.2)
    dy = max((y1 - y0) * margin, 0.2)
    return [
        [round(max(-85.0, y0 - dy), 4), round(x0 - dx, 4)],
        [round(min(85.0, y1 + dy), 4), round(x1 + dx, 4)],
    ]


def _shapes(feats: Iterable[dict[str, Any]]) -> list[Any]:
    import shapely

    out: list[Any] = []
    for f in feats:
        g = f.get("geometry")
        if not g:
            continue
        if g["type"] == "Point":
            out.append((float(g["coordinates"][0]), float(g["coordinates"][1])))
        else:
            out += _main_parts(shapely.geometry.shape(g))
    return out


def _focus_features(ctx: MapContext, missions: set[str] | None) -> list[dict[str, Any]]:
    """What the view frames: each drawn mission's area (or, without one, its hosts), HQ and sites.

    A mission area that is only part of its host (UNDOF's strip of the Golan,
    southern Somalia) is framed, not the whole host.
    """
    from deploymap.mapping.layers.countries import host_missions

    keep = set(ctx.drawn) if missions is None else missions
    areas = [f for f in ctx.features.get("mission_area", []) if f["properties"]["mission"] in keep]
    with_area = {f["properties"]["mission"] for f in areas if f.get("geometry")}
    feats = [
        f
        for f in ctx.features.get("country", [])
        if f["properties"]["role"] == "host"
        and (
            not ctx.missions
            or set(host_missions(ctx, f["properties"]["iso3"])) & (keep - with_area)
        )
    ]
    feats += areas
    feats += [
        f
        for f in ctx.features.get("force", [])
        if f["properties"]["mission"] in keep and f["properties"]["kind"] == "mission"
    ]
    return feats


def _site_corners(ctx: MapContext, missions: set[str] | None) -> list[tuple[float, float]]:
    """The south-west and north-east corners of the force sites of *missions* (None: all).

    A site a table or text places abroad (a logistics base) does not pull the
    view away: with *missions* given, only sites inside a host count.
    """
    sites = ctx.sites
    lons: Sequence[float] = sites.lon
    lats: Sequence[float] = sites.lat
    if missions is not None:
        hosts = {mid: set(mm.mission.hosts) for mid, mm in ctx.missions.items() if mid in missions}
        keep = [
            i
            for i, (mid, iso3) in enumerate(zip(sites.mission, sites.iso3, strict=True))
            if mid in hosts and (not iso3 or iso3 in hosts[mid])
        ]
        lons, lats = [sites.lon[i] for i in keep], [sites.lat[i] for i in keep]
    if not lons:
        return []
    return [(min(lons), min(lats)), (max(lons), max(lats))]


def home_frame(ctx: MapContext) -> Bounds | None:
    """The initial view: host and mission area; else the points drawn; else anything."""
    hqs = [f for f in ctx.features.get("force", []) if f["properties"]["kind"] == "mission"]
    for shapes in (
        _shapes(_focus_features(ctx, None)) + _site_corners(ctx, set(ctx.drawn)),
        _shapes(hqs + ctx.features.get("place", [])) + _site_corners(ctx, None),
        _shapes(ctx.features.get("country", [])),
    ):
        b = _bounds(shapes)
        if b is not None:
            return b
    return None


def step_frames(ctx: MapContext) -> list[Bounds | None] | None:
    """Over time: the frame of the missions that exist at each step, or None if one fits all."""
    if ctx.axis is None or len(ctx.drawn) < 2:
        return None
    cache: dict[frozenset[str], Bounds | None] = {}
    out: list[Bounds | None] = []
    for i in range(len(ctx.axis)):
        live = frozenset(
            mid for mid in ctx.drawn if any(a <= i <= b for a, b in ctx.windows.get(mid, []))
        )
        if live not in cache:
            shapes = _shapes(_focus_features(ctx, set(live))) + _site_corners(ctx, set(live))
            cache[live] = _bounds(shapes) if live else None
        out.append(cache[live])
    return out if len({str(b) for b in out}) > 1 else None


def world_frame(ctx: MapContext) -> Bounds:
    """Every country of the story, contributors included; the whole world if none."""
    b = _bounds(_shapes(f for f in ctx.features.get("country", [])), margin=0.03)
    return b or [[-58.0, -170.0], [78.0, 190.0]]


def country_bounds(ctx: MapContext, iso3: str) -> Bounds | None:
    """The frame of one country's main land (for a panel row)."""
    try:
        place = ctx.gazetteer.country(iso3)
    except KeyError:
        return None
    geom = ctx.gazetteer.geometry(place, "light")
    if geom is None:
        return None
    return _bounds(_main_parts(geom))
