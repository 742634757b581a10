"""build_map: what each layer draws, the chrome, online and offline assets, budgets."""

from __future__ import annotations

import re

import pytest

from deploymap.errors import InputError
from deploymap.mapping import style as st
from tests.mapping.conftest import DATA as ROOT_DATA
from tests.mapping.conftest import call_args, layers_of

OVERLAYS = [
    "Host country",
    "Contributors (troops)",
    "Other countries named",
    "Mission area and HQ",
    "Force size (troops)",
    "Contributor flows",
    "Places named",
]
EXTERNAL_ASSET = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I
)
TILE_TEMPLATE = re.compile(r"\{z\}|\{x\}|\{y\}|tile\.openstreetmap|L\.tileLayer", re.I)


def by_name(layer, name):
    return [
        f
        for f in layer.features
        if re.search(rf"<b>{re.escape(name)}</b>", f["properties"].get("t", ""))
    ]


# -- layers -------------------------------------------------------------------------------------
def test_every_layer_is_in_the_layer_control(kfor_offline):
    layers = layers_of(kfor_offline)
    # offline, the basemap's detail round the host comes right after its outlines
    assert list(layers) == ["Countries (Natural Earth 1:110m)", "Rivers, admin-1, towns", *OVERLAYS]
    assert "L.control.layers(" in kfor_offline


def test_host_is_highlighted(kfor_offline):
    host = layers_of(kfor_offline)["Host country"]
    assert len(host.features) == 1
    assert host.features[0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert "<b>Kosovo</b>" in host.features[0]["properties"]["t"]
    assert host.opts["style"]["fillColor"] == st.HOST
    assert host.opts["pane"] == "dm-countries"


def test_contributors_are_a_choropleth_with_a_legend(kfor_offline):
    contrib = layers_of(kfor_offline)["Contributors (troops)"]
    (turkey,) = by_name(contrib, "Turkey")
    # 600 troops is the top class of 0-200-400-600
    assert turkey["properties"]["s"]["fillColor"] == st.CONTRIBUTOR_RAMP[-1]
    assert "600 troops" in turkey["properties"]["t"]
    legend = re.search(r'<details class="dm-legend".*?</details>', kfor_offline, re.S)
    assert legend is not None
    assert "401–600" in legend.group(0) and "Contributors by troops" in legend.group(0)


def test_other_countries_are_outlined(kfor_offline):
    named = layers_of(kfor_offline)["Other countries named"]
    names = {re.search(r"<b>(.*?)</b>", p["t"]).group(1) for p in named.props()}
    assert {"Serbia", "Italy"} <= names
    assert "Turkey" not in names and "Kosovo" not in names
    assert named.opts["style"]["dashArray"]
    assert named.opts["style"]["fillOpacity"] < 0.1


def test_mission_area_and_hq(kfor_offline):
    mission = layers_of(kfor_offline)["Mission area and HQ"]
    kinds = [f["geometry"]["type"] for f in mission.features]
    assert kinds.count("Point") == 1 and len(kinds) == 2
    hq = next(f for f in mission.features if f["geometry"]["type"] == "Point")
    assert hq["geometry"]["coordinates"] == [21.15, 42.665]  # lon, lat of Camp Film City
    assert hq["properties"]["s"]["icon"] == "dm-hq"
    assert "Camp Film City" in hq["properties"]["t"]


def test_force_symbols_are_pixel_circles_with_area_by_troops(kfor_offline):
    force = layers_of(kfor_offline)["Force size (troops)"]
    (kfor,) = force.features
    assert kfor["geometry"]["coordinates"] == [21.15, 42.665]
    assert kfor["properties"]["s"]["radius"] == st.MAX_RADIUS
    assert kfor["properties"]["t"].startswith("KFOR HQ\n3,500 troops")
    popup = kfor["properties"]["p"]
    assert "KFOR now numbers roughly 3,500 troops" in popup
    assert "2023-10-05" in popup and "kfor-command-2023.txt" in popup
    assert not force.opts.get("canvas") and not force.opts.get("cluster")
    assert force.opts["labels"] is True


@pytest.mark.parametrize(("troops", "largest"), [(600, 3500), (100, 10_000), (2500, 2500)])
def test_circle_area_is_proportional_to_troops(troops, largest):
    ratio = (st.radius(troops, largest) / st.radius(largest, largest)) ** 2
    assert ratio == pytest.approx(troops / largest, rel=0.01)


def test_flow_from_capital_labelled_with_the_figure(kfor_offline, gaz):
    flows = layers_of(kfor_offline)["Contributor flows"]
    (flow,) = flows.features
    coords = flow["geometry"]["coordinates"]
    ankara = gaz.country_info("TUR")
    assert coords[0] == pytest.approx([ankara["capital_lon"], ankara["capital_lat"]], abs=1e-3)
    assert coords[-1] == pytest.approx([21.15, 42.665], abs=1e-3)
    assert len(coords) > 10  # drawn as an arc, not a straight segment
    assert flow["properties"]["lb"][:2] == ["Turkey · 600", 2]  # a label, decluttered
    assert "<b>Turkey</b>" in flow["properties"]["t"]
    assert "Turkey already keeps about 600 soldiers" in flow["properties"]["p"]


def test_places_are_towns_and_sites_with_their_sentence(kfor_offline):
    places = layers_of(kfor_offline)["Places named"]
    names = {re.search(r"<b>(.*?)</b>", p["t"]).group(1) for p in places.props()}
    assert {"Pristina", "Camp Film City", "Camp Bondsteel", "Ferizaj"} <= names
    (bondsteel,) = by_name(places, "Camp Bondsteel")
    assert "Camp Bondsteel" in bondsteel["properties"]["p"]
    assert "<blockquote>" in bondsteel["properties"]["p"]


def test_regions_and_continents_get_no_marker(seed_story, render):
    places = layers_of(render(seed_story, offline=True))["Places named"]
    names = {re.search(r"<b>(.*?)</b>", p["t"]).group(1) for p in places.props()}
    assert "Balkans" not in names and "Europe" not in names


def test_seed_article_has_host_contributor_mission_and_force(seed_story, render):
    html = render(seed_story, offline=True)
    layers = layers_of(html)
    assert {"Host country", "Contributors (troops)", "Mission area and HQ"} <= set(layers)
    force = layers["Force size (troops)"].features
    assert any("KFOR HQ\n3,500 troops" in f["properties"]["t"] for f in force)
    mission_popup = layers["Mission area and HQ"].features[0]["properties"]["p"]
    assert "Turkey takes command from Italy on 2023-10-10" in mission_popup


# -- view, title, attribution ------------------------------------------------------------------
def test_view_frames_the_host_not_the_contributors(kfor_offline):
    ((south, west), (north, east)) = call_args(kfor_offline, "fit")[0]
    # Kosovo (about 20.0-21.8 E, 41.85-43.27 N) with a margin; Turkey (to 44.8 E) is not in it
    assert west < 20.1 and east > 21.7 and south < 41.9 and north > 43.2
    assert east < 22.5 and west > 19.3 and north < 44.0 and south > 41.1
    (views,) = call_args(kfor_offline, "views")
    ((_, _), (_, world_east)) = views["world"]
    assert world_east > 44.5  # the World button reaches Turkey


def test_title_and_attribution(kfor_offline, catalogue):
    assert "<title>Turkish general to lead NATO peacekeepers in Kosovo</title>" in kfor_offline
    assert '<div class="dm-title"><h1>Turkish general to lead NATO peacekeepers in Kosovo</h1>' in (
        kfor_offline
    )
    (attribution,) = call_args(kfor_offline, "attribute")
    assert "Natural Earth" in attribution and "GeoNames" in attribution
    assert "Geo-PKO" not in attribution  # KFOR is NATO: no Geo-PKO data on this map


def test_geo_pko_is_credited_for_un_mission_hqs(reader, render):
    story = reader.read("UNIFIL, the UN force in south Lebanon, has about 10,000 troops.")
    (attribution,) = call_args(render(story, offline=True), "attribute")
    assert "Geo-PKO" in attribution


def test_title_override(render, kfor_story):
    html = render(kfor_story, offline=True, title="KFOR & friends")
    assert "<h1>KFOR &amp; friends</h1>" in html and "<title>KFOR &amp; friends</title>" in html


def test_mission_without_a_figure_uses_the_catalogue_and_says_so(reader, render):
    story = reader.read("UNIFIL patrols continued in south Lebanon on Monday.")
    force = layers_of(render(story, offline=True))["Force size (troops)"].features
    assert force and "not from the text" in force[0]["properties"]["p"]


def test_an_empty_story_still_makes_a_map(render):
    from deploymap.model import Story

    html = render(Story(), offline=True)
    assert "L.map(" in html and call_args(html, "fit") == []
    assert "deploymap.panel(" not in html


# -- online and offline -------------------------------------------------------------------------
def test_offline_file_is_self_contained(kfor_offline):
    assert EXTERNAL_ASSET.search(kfor_offline) is None
    assert "<script src" not in kfor_offline and "<link" not in kfor_offline
    assert TILE_TEMPLATE.search(kfor_offline) is None
    assert 'version="1.9.3"' in kfor_offline  # Leaflet itself is inlined
    assert "url(images/" not in kfor_offline  # Leaflet's CSS images are data: URIs
    assert "sourceMappingURL" not in kfor_offline


def test_online_uses_cdn_and_tiles(kfor_online):
    assert re.search(r'<script src="https://cdn\.jsdelivr\.net/npm/leaflet@1\.9\.3', kfor_online)
    assert "tile.openstreetmap.org/{z}/{x}/{y}.png" in kfor_online
    assert "Countries (Natural Earth 1:110m)" not in layers_of(kfor_online)


def test_online_without_tiles_draws_the_vector_basemap(render, kfor_story):
    html = render(kfor_story, tiles="none")
    assert TILE_TEMPLATE.search(html) is None
    assert "Countries (Natural Earth 1:110m)" in layers_of(html)


def test_named_tile_provider(render, kfor_story):
    html = render(kfor_story, tiles="Esri.WorldGrayCanvas")
    assert "server.arcgisonline.com" in html


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tiles": "No.Such.Tiles"}, "unknown tile provider"),
        ({"tiles": "CartoDB.Positron"}, "API key"),
        ({"tiles": "OpenStreetMap.Mapnik", "offline": True}, "tiles need the network"),
    ],
)
def test_bad_tile_choices_are_input_errors(render, kfor_story, kwargs, message):
    with pytest.raises(InputError, match=message):
        render(kfor_story, **kwargs)


def test_offline_embeds_plugin_assets_it_knows(kfor_story, gaz, catalogue):
    from folium.plugins import MarkerCluster

    from deploymap.mapping import build_map

    fmap = build_map(kfor_story, offline=True, gazetteer=gaz, catalogue=catalogue)
    MarkerCluster().add_to(fmap)
    html = fmap.get_root().render()
    assert EXTERNAL_ASSET.search(html) is None
    assert "L.MarkerClusterGroup" in html and ".marker-cluster" in html


def test_offline_refuses_what_it_cannot_embed(kfor_story, gaz, catalogue):
    import folium

    from deploymap.mapping import build_map
    from deploymap.mapping.assets import OfflineAssetError

    fmap = build_map(kfor_story, offline=True, gazetteer=gaz, catalogue=catalogue)
    folium.TileLayer("OpenStreetMap").add_to(fmap)
    with pytest.raises(OfflineAssetError, match="cannot load tiles"):
        fmap.get_root().render()


def test_sizes_within_budget(seed_story, render):
    assert len(render(seed_story).encode()) <= 1_500_000
    assert len(render(seed_story, offline=True).encode()) <= 3_000_000


# -- several inputs -------------------------------------------------------------------------
def test_several_stories_are_drawn_together(render, kfor_story, seed_story):
    html = render([kfor_story, seed_story], offline=True)
    layers = layers_of(html)
    assert len(layers["Contributor flows"].features) == 1  # Turkey once, not twice
    # merged as the CLI merges articles: both sources named, oldest first
    sub = re.search(r'<div class="dm-sub">(.*?)</div>', html).group(1)
    assert "kfor-command-2023.txt" in sub and "kosovo-kfor-2023.txt" in sub
    (turkey,) = layers["Contributors (troops)"].features
    assert "600 troops" in turkey["properties"]["t"]  # the same contingent, not 1,200


@pytest.mark.parametrize(
    ("figures", "total"),
    [
        ([(600, "2023-10-05", None)], 600),
        ([(600, "2023-10-05", None), (600, "2023-10-05", None)], 600),
        ([(500, "2022-01-01", None), (600, "2023-10-05", None)], 600),
        ([(None, "", None)], None),
        ([(100, "", "a"), (250, "", "b")], 350),
        ([(900, "", None), (100, "", "a")], 900),
    ],
)
def test_contributor_total(figures, total):
    from deploymap.mapping.layers import contributor_total
    from deploymap.model import Deployment, Place

    ds = [
        Deployment(
            "TUR", "KFOR", n, date, Place(loc, loc, "base", "XKX", 42.0, 21.0) if loc else None
        )
        for n, date, loc in figures
    ]
    assert contributor_total(ds) == total


# -- API ------------------------------------------------------------------------------------
def test_story_to_map_and_repr_html(kfor_story):
    import folium

    fmap = kfor_story.to_map(offline=True)
    assert isinstance(fmap, folium.Map)
    shown = kfor_story._repr_html_()
    assert shown.startswith("<div") and "<iframe srcdoc=" in shown


def test_mapping_package_import_is_light():
    from tests.test_imports import imported_after

    assert imported_after("import deploymap.mapping") == []


# -- catalogue honesty, API ------------------------------------------------------------------
def test_catalogue_figure_is_styled_apart_and_never_summed(reader, render):
    from deploymap.mapping.layers.force import CATALOGUE

    story = reader.read("UNIFIL patrols continued in south Lebanon on Monday.")
    html = render(story, offline=True)
    (hq,) = layers_of(html)["Force size (troops)"].features
    assert hq["properties"]["style"] == CATALOGUE
    assert hq["properties"]["s"]["dashArray"]  # dashed, not by colour alone
    assert (
        "catalogue figure" in hq["properties"]["t"] and "not from the text" in hq["properties"]["t"]
    )
    assert "Catalogue figure, not from the text" in html  # the legend says it in words
    assert call_args(html, "panel") == []  # no contributor: no panel, no total to add it to


def test_closed_predecessors_stay_in_the_table_only(reader, render):
    text = (ROOT_DATA / "aussom-successor.txt").read_text(encoding="utf-8")
    html = render(reader.read(text), offline=True)
    layers = layers_of(html)
    assert [f["properties"]["title"] for f in layers["Force size (troops)"].features] == [
        "AUSSOM HQ"
    ]
    areas = [f for f in layers["Mission area and HQ"].features if "area" in f["properties"]["t"]]
    assert len(areas) == 1 and "AUSSOM" in areas[0]["properties"]["t"]
    (table,) = call_args(html, "table")
    missions = {row[0]: row[6] for row in table["sections"][0]["rows"]}
    assert missions == {
        "AUSSOM": "drawn",
        "ATMIS": "closed on 2024-12-31; not drawn as current",
        "AMISOM": "closed on 2022-03-31; not drawn as current",
    }


def test_build_map_of_several_stories_is_the_cli_map(tmp_path, gaz, catalogue):
    from deploymap.cli import main
    from deploymap.mapping import map_html
    from deploymap.read import read_text

    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Turkey keeps about 600 soldiers in KFOR, the NATO force in Kosovo.")
    b.write_text("Turkey keeps about 650 soldiers in KFOR, the NATO force in Kosovo.")
    out = tmp_path / "m.html"
    assert main(["map", str(a), str(b), "--date", "2023-10-05", "-o", str(out)]) == 0
    stories = [read_text(p.read_text(), date="2023-10-05", source=p.name) for p in (a, b)]
    html = map_html(stories, gazetteer=gaz, catalogue=catalogue)
    assert html == out.read_text(encoding="utf-8")


def test_api_options_size_view_legend_panel(render, kfor_story):
    html = render(kfor_story, width=600, height="400px", legend=False, panel=False, zoom=7)
    assert "dm-legend" not in html.split("<body>", 1)[1] and "deploymap.panel(" not in html
    assert "width: 600.0px" in html and "height: 400.0px" in html
    assert ", 7.0);" in html
    html = render(kfor_story, bounds=[[40, 18], [45, 24]])
    assert call_args(html, "fit")[0] == [[40.0, 18.0], [45.0, 24.0]]


def test_draws_onto_a_given_folium_map(kfor_story, gaz, catalogue):
    import folium

    from deploymap.mapping import build_map

    m = folium.Map(location=[42.6, 21.0], zoom_start=8)
    out = build_map(kfor_story, m=m, gazetteer=gaz, catalogue=catalogue)
    assert out is m
    html = m.get_root().render()
    assert "deploymap.layer(" in html and "tile.openstreetmap.org" in html
    with pytest.raises(InputError, match="offline"):
        build_map(kfor_story, m=folium.Map(), offline=True, gazetteer=gaz, catalogue=catalogue)
