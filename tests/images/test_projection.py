"""The static map's projection: centred on the host, whole across the antimeridian."""

from __future__ import annotations

import pytest

from deploymap.images.projection import Frame, Projection, centre_of, fit_frame
from deploymap.images.render import World, basemap


@pytest.fixture(scope="module")
def world(gaz):
    return World(gaz)


def test_fiji_is_whole_across_the_antimeridian(gaz, world):
    proj = Projection(178.4, -17.8)
    frame = Frame(-400_000, -300_000, 400_000, 300_000)
    fiji = next(c for c in basemap(world, proj, frame) if c.iso3 == "FJI")
    # Fiji's islands lie on both sides of 180°: both sides are drawn, next to each other
    east_of_180 = proj.point(-179.9, -16.5)[0]
    x0, _, x1, _ = fiji.geometry.bounds
    assert x0 < 0 < east_of_180 <= x1 + 1
    assert x1 - x0 < 800_000  # no band across the world


def test_centre_takes_the_short_way_round():
    import shapely

    left = shapely.box(178, -19, 180, -16)
    right = shapely.box(-180, -19, -178, -16)
    lon, lat = centre_of([left, right])
    assert abs(abs(lon) - 180) < 0.01 and lat == -17.5


def test_frame_fits_the_aspect_and_leaves_far_points_out():
    proj = Projection(21.0, 42.6)
    import shapely

    host = proj.project(shapely.box(20.0, 42.0, 21.8, 43.2))
    near, far = proj.point(21.5, 43.4), proj.point(32.9, 39.9)  # Mitrovica-ish, Ankara
    f = fit_frame(proj, [host], [near, far], aspect=1.6)
    assert f.contains(*near) and not f.contains(*far)
    assert abs(f.width / f.height - 1.6) < 1e-9


def test_the_frame_stays_on_the_host_with_contributors_far_away(draw):
    from deploymap.read import read_text

    story = read_text(
        "Troops from Ghana, Mongolia, India and Uruguay serve with UNMISS in South Sudan. "
        "Ghana sent 700 soldiers to Juba."
    )
    out = draw(story, "png", size="6x4in", dpi=80)
    f = out.panels[0].frame
    assert max(f.width, f.height) < 2_500_000  # South Sudan, not a world map
    assert "+lon_0=30" in out.crs or "+lon_0=29" in out.crs or "+lon_0=31" in out.crs


def test_a_small_mission_area_is_framed_with_its_troops(draw, gaz, catalogue):
    from deploymap.tables import read_table
    from tests.images.conftest import DATA

    story = read_table(
        DATA / "geopko_front_small.csv", mission="UNDOF", gazetteer=gaz, catalogue=catalogue
    )
    out = draw(story, "png", size="6x4in", dpi=80)
    f = out.panels[0].frame
    # UNDOF's area of separation on the Golan, not the whole of Syria (about 800 km across)
    assert max(f.width, f.height) < 300_000
    for lon, lat in ((35.9317, 33.3589), (35.84, 33.25)):  # Camp Faouar, Position 10
        col, row = out.pixel(lon, lat)
        left, top, right, bottom = out.panels[0].box
        assert left < col < right and top < row < bottom
