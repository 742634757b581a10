"""The offline basemap's detail round the host: admin-1 boundaries, rivers and lakes,
and town labels that give way to the story's, within a stated size budget."""

from __future__ import annotations

import json
import sqlite3

import pytest
import shapely

from tests.mapping.conftest import DATA, layers_of

DETAIL = "Rivers, admin-1, towns"
SOUTH_SUDAN = DATA / "south-sudan-floods.txt"
#: What the detail may add to a map's HTML (bytes): the stated budget (SOURCES.md).
BUDGET = 150_000


@pytest.fixture(scope="module")
def ssd_story(reader):
    return reader.read(SOUTH_SUDAN.read_text(encoding="utf-8"), source=str(SOUTH_SUDAN))


@pytest.fixture(scope="module")
def ssd_offline(render, ssd_story):
    return render(ssd_story, offline=True)


def _kinds(layer):
    """The detail's features by what they draw: admin1, river, lake, town."""
    from deploymap.mapping.layers.detail import DETAIL_STYLE

    by_style = {json.dumps(v, sort_keys=True): k for k, v in DETAIL_STYLE.items()}
    out: dict[str, list] = {}
    for f in layer.features:
        s = f["properties"].get("s")
        kind = by_style[json.dumps(s, sort_keys=True)] if s else "town"
        out.setdefault(kind, []).append(f)
    return out


def _story_labels(html):
    return [
        f["properties"]["lb"]
        for name, layer in layers_of(html).items()
        if name != DETAIL
        for f in layer.features
        if f["properties"].get("lb")
    ]


@pytest.mark.parametrize("which", ["kfor", "ssd"])
def test_offline_map_draws_admin1_and_towns_round_the_host(
    which, kfor_offline, ssd_offline, kfor_story, ssd_story
):
    html, story = (kfor_offline, kfor_story) if which == "kfor" else (ssd_offline, ssd_story)
    layer = layers_of(html)[DETAIL]
    kinds = _kinds(layer)
    assert kinds.get("admin1"), "no admin-1 boundaries"
    towns = kinds.get("town", [])
    assert 10 <= len(towns) <= 40
    # quiet and under the story: not interactive, in its own pane, lowest label priority
    assert layer.opts["interactive"] is False and layer.opts["pane"] == "dm-detail"
    assert all(t["properties"]["lb"][1] == 0 for t in towns)
    assert min(lb[1] for lb in _story_labels(html)) >= 1
    # no town label repeats a place the story names (it has its own label)
    named = {t.name for t in story.places}
    assert not named & {t["properties"]["lb"][0] for t in towns}


def test_south_sudan_map_draws_the_nile_and_its_lakes(ssd_offline):
    kinds = _kinds(layers_of(ssd_offline)[DETAIL])
    rivers = shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in kinds["river"]])
    # the White Nile runs through Juba, Bor and Malakal
    for lon, lat in ((31.58, 4.85), (31.56, 6.21), (31.66, 9.53)):
        assert rivers.distance(shapely.Point(lon, lat)) < 0.3, (lon, lat)
    assert kinds.get("lake")


@pytest.mark.parametrize("which", ["kfor", "ssd"])
def test_detail_stays_within_its_window_and_its_size_budget(
    which, kfor_offline, ssd_offline, kfor_story, ssd_story, gaz, catalogue
):
    from deploymap.mapping.layers import MapContext
    from deploymap.mapping.layers.detail import detail_window
    from deploymap.mapping.view import home_frame

    html, story = (kfor_offline, kfor_story) if which == "kfor" else (ssd_offline, ssd_story)
    frame = home_frame(MapContext.of(story, gaz, catalogue))
    w, s, e, n = detail_window(frame)
    box = shapely.box(w - 1e-3, s - 1e-3, e + 1e-3, n + 1e-3)
    kinds = _kinds(layers_of(html)[DETAIL])
    for kind in ("admin1", "river", "town"):
        for f in kinds.get(kind, []):
            assert box.covers(shapely.geometry.shape(f["geometry"])), kind
    for f in kinds.get("lake", []):  # lakes are kept whole: they reach into the window
        assert box.intersects(shapely.geometry.shape(f["geometry"]))
    size = len(json.dumps([f for fs in kinds.values() for f in fs]))
    assert size < BUDGET, f"{size} bytes of basemap detail"


@pytest.mark.parametrize(
    "frame",
    [
        [[-13.5, 12.0], [5.4, 31.3]],  # a host the size of the DR Congo
        [[10.0, -12.0], [25.0, 4.5]],  # the Sahel, wide and empty
    ],
)
def test_a_large_hosts_detail_keeps_the_budget(gaz, frame):
    """The lines' tolerance follows the window's span, and doubles while they
    are over the budget: a large host's detail fits too."""
    from deploymap.mapping.layers.detail import (
        LINES_BUDGET,
        _make_features,
        _town_window,
        detail_window,
    )

    window = detail_window(frame)
    lines, towns = _make_features(gaz, window, _town_window(frame))
    assert len(lines) > 10_000  # the detail is there
    assert len(lines) <= LINES_BUDGET
    assert len(lines) + len(json.dumps(towns)) < BUDGET


def test_a_shared_admin1_boundary_is_drawn_once(gaz):
    """Two units' rings both hold the boundary they share; one copy is drawn.
    Points along the drawn lines rarely have another drawn line close by (only
    at the junctions of three units), where a doubled boundary has one everywhere."""
    from deploymap.gazetteer.basemap import admin1_lines

    lines = admin1_lines(gaz, (29.0, 4.0, 34.0, 12.0))  # South Sudan's states
    parts = list(shapely.get_parts(lines))
    assert len(parts) > 3
    doubled = total = 0
    for i, part in enumerate(parts):
        others = shapely.union_all([p for j, p in enumerate(parts) if j != i])
        for k in range(1, 20):
            point = part.interpolate(k / 20, normalized=True)
            total += 1
            doubled += others.distance(point) < 0.01
    assert doubled / total < 0.15, f"{doubled} of {total} points lie on two lines"


def test_online_map_has_no_detail_layer(kfor_online):
    assert DETAIL not in layers_of(kfor_online)


def test_towns_are_spread_and_largest_first(gaz):
    from deploymap.gazetteer.basemap import towns
    from deploymap.mapping.layers.detail import spread

    window = (29.0, 3.0, 35.0, 11.0)  # South Sudan's middle
    found = towns(gaz, window, limit=200, min_population=2000)
    assert [t.population for t in found] == sorted((t.population for t in found), reverse=True)
    assert all(29 <= t.lon <= 35 and 3 <= t.lat <= 11 for t in found)
    picked = spread(found, window, grid=4)[:16]
    cells = {(int((t.lon - 29) / 1.5), int((t.lat - 3) / 2)) for t in picked}
    by_size = {(int((t.lon - 29) / 1.5), int((t.lat - 3) / 2)) for t in found[:16]}
    assert len(cells) >= len(by_size)


def test_admin1_lines_leave_coasts_and_borders_to_the_countries(gaz):
    from deploymap.gazetteer.basemap import OUTLINE_GAP, admin1_lines

    window = (29.0, 3.0, 35.0, 11.0)
    lines = admin1_lines(gaz, window)
    assert lines.length > 10
    ssd = gaz.geometry(gaz.country("SSD"), "detail")
    border = shapely.clip_by_rect(ssd.boundary, *window)
    # what remains runs inside the countries, not along their edges
    along = lines.intersection(border.buffer(OUTLINE_GAP / 2)).length
    assert along < 0.02 * lines.length


def test_a_gazetteer_without_rivers_gives_an_empty_basemap_water(tmp_path):
    from deploymap.gazetteer import Gazetteer
    from deploymap.gazetteer.basemap import water

    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE places (pk INTEGER PRIMARY KEY)")
    con.execute("INSERT INTO places VALUES (1)")
    con.commit()
    con.close()
    rivers, lakes = water(Gazetteer(path), (29.0, 3.0, 35.0, 11.0))
    assert rivers.is_empty and lakes.is_empty


def test_no_town_label_repeats_a_force_site(render, gaz):
    """A table's locations are force sites, not story places: their names are labelled too."""
    from deploymap.model import Deployment, Mission, MissionMention, Place, Story

    town = gaz.best("Juba", country="SSD")  # the capital: always among the largest towns
    assert town is not None
    site = Place(f"table:UNMISS:{town.name}", town.name, "site", "SSD", town.lat, town.lon)
    mission = Mission("UNMISS", "UNMISS", "UN", ("SSD",), in_catalogue=False)
    story = Story(
        title="Sites",
        missions=(MissionMention(mission, 0, 0, ""),),
        deployments=(Deployment("IND", "UNMISS", 850, "2020", site),),
    )
    labels = {
        t["properties"]["lb"][0]
        for t in _kinds(layers_of(render(story, offline=True))[DETAIL]).get("town", [])
    }
    assert town.name not in labels
