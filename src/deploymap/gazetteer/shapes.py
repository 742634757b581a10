"""Geometry steps of the gazetteer build: cutting at 180°, cleaning and
simplifying, label and centroid points, and the stored WKB form."""

from __future__ import annotations

import tempfile
import zlib
from typing import Any

COORD_DECIMALS = 5


def _e5(x: float) -> int:
    """Degrees as integer 1e-5 degrees (about 1 m): compact and exact in SQLite."""
    return round(x * 100_000)


def _geom_blob(geom: Any) -> bytes:
    """WKB, rounded to 1e-5 degrees, zlib-compressed (read by ``Gazetteer.geometry``)."""
    import shapely

    snapped = shapely.set_precision(geom, 10**-COORD_DECIMALS)
    if snapped.is_empty or not snapped.is_valid:
        snapped = geom
    return zlib.compress(shapely.to_wkb(snapped, output_dimension=2), 9)


def _winds_round_a_pole(coords: Any) -> bool:
    """Whether a ring's longitudes, taken the short way between vertices, add up
    to a whole turn: it encloses a pole (Antarctica), not an area beside 180°."""
    import numpy as np

    steps = np.diff(coords[:, 0])
    steps = (steps + 180) % 360 - 180
    return bool(abs(steps.sum()) > 180)


def _fix_antimeridian(geom: Any) -> Any:
    """Cut polygons whose rings cross 180° (Russia's mainland, Fiji, Chukotka,
    the Aleutians) at the antimeridian, as RFC 7946 asks: whole polygons either
    side of it, no seams.  The ``antimeridian`` package does the cutting; this
    only sets each crossing ring's winding first (the TopoJSON sources wind
    their shells clockwise, as d3 does), measured on longitudes unwrapped to
    0..360 so that a ring across 180° has a plain orientation.  Must run on
    the source geometry, before ``make_valid``: validating a ring that jumps
    from 180° to -180° draws edges across the whole world, and repairing
    those gives latitude strips.
    """
    import antimeridian
    import numpy as np
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    def crosses(ring: Any) -> bool:
        return bool((np.abs(np.diff(np.asarray(ring.coords)[:, 0])) > 180).any())

    def oriented(ring: Any, shell: bool) -> Any:
        xy = np.asarray(ring.coords)[:, :2]
        if _winds_round_a_pole(xy):
            return xy
        unwrapped = np.column_stack([xy[:, 0] % 360, xy[:, 1]])
        ccw = shapely.is_ccw(shapely.linearrings(unwrapped))
        return xy if bool(ccw) == shell else xy[::-1]

    parts: list[Any] = []
    changed = False
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon" or not any(
            crosses(r) for r in (poly.exterior, *poly.interiors)
        ):
            parts.append(poly)
            continue
        changed = True
        shell = oriented(poly.exterior, True)
        # a ring round a pole (Antarctica) is closed over that pole, whatever its winding
        pole = _winds_round_a_pole(shell)
        fixed = antimeridian.fix_polygon(
            Polygon(shell, [oriented(r, False) for r in poly.interiors]),
            force_north_pole=pole and float(shell[:, 1].mean()) > 0,
            force_south_pole=pole and float(shell[:, 1].mean()) < 0,
            great_circle=False,  # the data's edges are straight in lon/lat, as maps draw them
            fix_winding=True,
        )
        # the cut leaves zero-area slivers where a ring ran along 180° itself
        parts.extend(p for p in shapely.get_parts(fixed) if p.area > 0)
    if not changed:
        return geom
    return MultiPolygon(parts) if len(parts) > 1 else parts[0]


def _clean(geom: Any, tolerance: float) -> Any:
    """Valid, simplified, normalised polygons; tiny states keep their full shape."""
    import shapely

    geom = shapely.make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        polys = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        geom = shapely.union_all(polys)
    if tolerance:
        simple = shapely.make_valid(shapely.simplify(geom, tolerance, preserve_topology=True))
        if simple.geom_type == "GeometryCollection":
            simple = shapely.union_all(
                [g for g in simple.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
            )
        # The Vatican is smaller than the tolerance: keep what there is.
        if not simple.is_empty and simple.area > 0.5 * geom.area:
            geom = simple
    return shapely.normalize(geom)


def _label_point(geom: Any) -> tuple[float, float]:
    """An interior point of the largest part: France's is in Europe, not Guiana."""
    from shapely.ops import polylabel

    parts = list(getattr(geom, "geoms", [geom]))
    largest = max(parts, key=lambda g: g.area)
    p = polylabel(largest, tolerance=0.01)
    return round(p.y, COORD_DECIMALS), round(p.x, COORD_DECIMALS)


def _read_topojson_layer(raw: bytes, layer: str) -> Any:
    import geopandas as gpd

    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        f.write(raw)
        f.flush()
        return gpd.read_file(f.name, layer=layer)


def _area_centroid(geom: Any) -> tuple[float, float]:
    """Equal-area centroid of the largest part of *geom*, as (lat, lon).

    News geoparsing gold (GeoNames, Wikipedia) puts a country near the centre
    of its main landmass; a label point can sit far from it (Canada, Russia).
    """
    import math

    import numpy as np
    import shapely

    parts = list(getattr(geom, "geoms", [geom]))
    big = max(parts, key=lambda g: g.area)
    # Cylindrical equal-area projection: y = sin(lat), so the centroid weighs true area.
    proj = shapely.transform(big, lambda a: np.column_stack([a[:, 0], np.sin(np.radians(a[:, 1]))]))
    c = proj.centroid
    return round(math.degrees(math.asin(c.y)), COORD_DECIMALS), round(c.x, COORD_DECIMALS)
