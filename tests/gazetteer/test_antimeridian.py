"""Boundaries across 180°: Russia, Fiji and Chukotka are whole polygons either side
of the antimeridian (RFC 7946 §3.1.9), with no seams inside the land, in the
gazetteer, the GeoJSON export and the map's basemap."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

# An edge at least this long (degrees of the equator) running along one latitude, with land on both
# sides this close to it (degrees): a cut through the land.  The old split's seams
# ran for degrees; a coastline's straight bit beside a narrow fjord is shorter.
SEAM_MIN = 0.5
SIDE = 0.01


def _rings(geom):
    for poly in shapely.get_parts(geom):
        yield np.asarray(poly.exterior.coords)
        for r in poly.interiors:
            yield np.asarray(r.coords)


def seams(geom) -> list[tuple[float, float, float]]:
    """Edges along a line of latitude (within a slope of 1:100) with the country on
    both sides: cuts the land was split along (the old hand-written split made
    latitude strips whose edges met inside the land)."""
    found = []
    for xy in _rings(geom):
        a, b = xy[:-1], xy[1:]
        dx, dy = np.abs(a[:, 0] - b[:, 0]), np.abs(a[:, 1] - b[:, 1])
        # long on the ground: degrees of longitude shrink towards the poles
        ground = dx * np.cos(np.radians((a[:, 1] + b[:, 1]) / 2))
        flat = (dy <= 0.01 * dx) & (ground >= SEAM_MIN)
        for (x0, y0), (x1, y1) in zip(a[flat], b[flat], strict=True):
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            both = shapely.contains_xy(geom, [mx, mx], [my + SIDE, my - SIDE])
            if both.all():
                found.append((float(x0), float(x1), float(my)))
    return found


def jumps(geom) -> int:
    """Consecutive vertices more than 180° of longitude apart (a ring across the map),
    but for the edge along a pole that closes a ring round it (Antarctica)."""
    n = 0
    for xy in _rings(geom):
        wide = np.abs(np.diff(xy[:, 0])) > 180
        at_pole = (np.abs(xy[:-1, 1]) == 90) & (xy[:-1, 1] == xy[1:, 1])
        n += int((wide & ~at_pole).sum())
    return n


@pytest.mark.parametrize("scale", ["detail", "light"])
def test_russia_mainland_is_one_polygon_without_seams(gaz, scale):
    russia = gaz.geometry(gaz.country("RUS"), scale)
    assert russia.is_valid
    parts = list(shapely.get_parts(russia))
    mainland = max(parts, key=lambda p: p.area)
    x0, y0, x1, y1 = mainland.bounds
    # from the Baltic to the Bering Strait and from the Caucasus to the Arctic coast
    assert x0 < 30 and x1 == pytest.approx(180, abs=0.5), mainland.bounds
    assert y0 < 42 and y1 > 75, mainland.bounds
    assert len(mainland.interiors) == 0
    # the mainland holds almost all of the country west of 180°
    west = shapely.clip_by_rect(russia, 0, -90, 180, 90)
    assert mainland.area > 0.9 * west.area
    assert seams(russia) == []
    assert jumps(russia) == 0


@pytest.mark.parametrize("scale", ["detail", "light"])
def test_chukotka_east_of_180_is_whole_too(gaz, scale):
    russia = gaz.geometry(gaz.country("RUS"), scale)
    east = [p for p in shapely.get_parts(russia) if p.bounds[2] < 0]
    assert east, "Chukotka's coast beyond 180° is missing"
    big = max(east, key=lambda p: p.area)
    x0, y0, x1, y1 = big.bounds
    assert x0 == pytest.approx(-180, abs=0.5) and x1 > -172
    assert 64 < y0 < 66 and y1 > 68
    # it meets the mainland along 180°: the two halves of one coast, cut once
    mainland = max(shapely.get_parts(russia), key=lambda p: p.area)
    assert shapely.contains_xy(mainland, 179.95, 67.0)
    assert shapely.contains_xy(big, -179.95, 67.0)


@pytest.mark.parametrize("scale", ["detail", "light"])
def test_fiji_straddles_the_antimeridian(gaz, scale):
    fiji = gaz.geometry(gaz.country("FJI"), scale)
    assert fiji.is_valid
    parts = list(shapely.get_parts(fiji))
    # no part spans the world: every island is within a few degrees
    assert all(p.bounds[2] - p.bounds[0] < 5 for p in parts)
    assert any(p.bounds[0] > 176 for p in parts)  # Viti Levu, Vanua Levu
    if scale == "detail":
        assert any(p.bounds[2] < -178 for p in parts)  # the Lau islands, east of 180
    # the land is the islands' area, not a band round the globe (the old split
    # kept such bands at the 10m scale)
    assert fiji.area < 2.5
    assert seams(fiji) == [] and jumps(fiji) == 0


def test_no_country_has_a_seam_or_a_ring_across_the_map(gaz):
    bad = []
    for place in gaz.countries():
        for scale in ("detail", "light"):
            geom = gaz.geometry(place, scale)
            if geom is None:
                continue
            if jumps(geom):
                bad.append((place.iso3, scale, "jump"))
            x0, _, x1, _ = geom.bounds
            if x0 < -179 and x1 > 179 and seams(geom):  # near 180° only: cheap
                bad.append((place.iso3, scale, "seam"))
    assert bad == []


def test_antarctica_still_closes_over_the_south_pole(gaz):
    ata = gaz.geometry(gaz.country("ATA"), "light")
    assert ata.bounds[1] == pytest.approx(-90) and ata.bounds[3] < -60
    assert shapely.contains_xy(ata, 0, -89.5)


def test_geojson_export_is_rfc7946_across_the_antimeridian(gaz):
    """Russia and Fiji in a story's GeoJSON: CCW shells, longitudes within ±180,
    no ring across the map, valid polygons."""
    from deploymap.export import story_to_geojson
    from deploymap.read import read_text

    story = read_text("Russia and Fiji each keep 200 soldiers with UNDOF on the Golan Heights.")
    fc = story_to_geojson(story, gazetteer=gaz)
    polys = {
        f["properties"].get("iso3"): f["geometry"]
        for f in fc["features"]
        if f["properties"]["layer"] == "country" and f["geometry"]
    }
    assert {"RUS", "FJI"} <= set(polys)
    for iso3 in ("RUS", "FJI"):
        g = polys[iso3]
        geom = shapely.geometry.shape(g)
        assert geom.is_valid and jumps(geom) == 0 and seams(geom) == []
        rings = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        for poly in rings:
            shell = shapely.LinearRing(poly[0])
            assert shell.is_ccw, f"{iso3}: RFC 7946 shells are counterclockwise"
            for ring in poly:
                assert ring[0] == ring[-1]
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)


def test_map_basemap_draws_russia_whole(gaz):
    from deploymap.mapping.layers.countries import _basemap_features

    rus = gaz.geometry(gaz.country("RUS"), "light")
    feats = _basemap_features(gaz)
    shapes = [shapely.geometry.shape(f["geometry"]) for f in feats]
    drawn = max(shapes, key=lambda s: s.intersection(rus.envelope).area)
    assert seams(drawn) == [] and jumps(drawn) == 0
    assert max(p.bounds[3] for p in shapely.get_parts(drawn) if p.area > 1000) > 75


def test_fix_antimeridian_cuts_a_clockwise_ring_into_two_whole_parts():
    """A d3-style (clockwise) ring from 170°E to 170°W becomes two polygons,
    one each side of 180°, with the ring's whole area."""
    pytest.importorskip("antimeridian")
    from deploymap.gazetteer.shapes import _fix_antimeridian

    ring = [(170, 10), (170, 20), (-170, 20), (-170, 10), (170, 10)]  # clockwise, unwrapped
    fixed = _fix_antimeridian(shapely.Polygon(ring))
    parts = sorted(shapely.get_parts(fixed), key=lambda p: p.bounds[0])
    assert len(parts) == 2
    assert parts[0].bounds == pytest.approx((-180, 10, -170, 20))
    assert parts[1].bounds == pytest.approx((170, 10, 180, 20))
    assert sum(p.area for p in parts) == pytest.approx(200)
    # a polygon away from 180° is returned as it is
    square = shapely.box(10, 10, 11, 11)
    assert _fix_antimeridian(square) is square
