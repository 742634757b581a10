"""Export: RFC 7946 GeoJSON, GeoPackage and CSV, from articles and tables, library and CLI."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from deploymap.errors import InputError
from deploymap.export import LAYERS, export, story_to_geojson
from deploymap.read import read_text
from deploymap.tables import read_table, read_tables

from .conftest import EXAMPLES
from .test_cli import run
from .test_tables import DATA, front_total, geopko  # noqa: F401  (geopko is a fixture)

KFOR = EXAMPLES / "kfor-command-2023.txt"


@pytest.fixture(scope="module")
def kfor_story():
    return read_text(KFOR.read_text(encoding="utf-8"), source=KFOR.name)


@pytest.fixture(scope="module")
def unifil_2024(geopko):  # noqa: F811
    front, _ = geopko
    return read_table(front, mission="UNIFIL", year=2024)


def _coords(obj):
    if isinstance(obj, (int, float)):
        yield obj
    elif isinstance(obj, list):
        for x in obj:
            yield from _coords(x)


def assert_rfc7946(text: str) -> dict:
    """The rules of RFC 7946 that deploymap promises, checked on a file's text."""
    import shapely
    from shapely.geometry import shape

    fc = json.loads(text)
    assert fc["type"] == "FeatureCollection"
    assert "crs" not in fc
    for f in fc["features"]:
        assert f["type"] == "Feature"
        props = f["properties"]
        assert props["layer"] in LAYERS
        assert "date" in props
        g = f["geometry"]
        if g is None:
            continue
        for x in _coords(g["coordinates"]):
            assert round(x, 6) == x, x
        lon_lat = list(_coords(g["coordinates"]))
        assert all(-180 <= v <= 180 for v in lon_lat[0::2])
        assert all(-90 <= v <= 90 for v in lon_lat[1::2])
        geom = shape(g)
        assert geom.is_valid or geom.geom_type not in ("Polygon", "MultiPolygon")
        polys = list(getattr(geom, "geoms", [geom]))
        for p in polys:
            if p.geom_type == "Polygon":
                assert shapely.is_ccw(p.exterior), props["name"]
                assert all(not shapely.is_ccw(ring) for ring in p.interiors)
    # at most 6 decimals in the text itself, as written
    for number in re.findall(r"-?\d+\.(\d+)", json.dumps([f["geometry"] for f in fc["features"]])):
        assert len(number) <= 6
    return fc


# -- articles ----------------------------------------------------------------------------


def test_kfor_article_to_geojson(kfor_story, tmp_path):
    out = tmp_path / "kfor.geojson"
    n = export(kfor_story, out)
    text = out.read_bytes().decode("utf-8")
    fc = assert_rfc7946(text)
    assert len(fc["features"]) == n
    layers = {f["properties"]["layer"] for f in fc["features"]}
    assert {"country", "mission_area", "force"} <= layers
    assert {f["properties"]["date"] for f in fc["features"]} == {"2023-10-05"}
    assert "Zvečan" in text  # UTF-8 as characters, not \\u escapes
    force = [f for f in fc["features"] if f["properties"]["layer"] == "force"]
    assert force[0]["properties"]["mission"] == "KFOR"
    assert all(f["properties"]["source"] == KFOR.name for f in fc["features"])


def test_story_methods(kfor_story, tmp_path):
    fc = kfor_story.to_geojson()
    assert fc == story_to_geojson(kfor_story)
    assert kfor_story.to_file(tmp_path / "k.geojson") == len(fc["features"])
    written = json.loads((tmp_path / "k.geojson").read_text(encoding="utf-8"))
    # the file also carries the Story document (a foreign member), to be read back
    assert written.pop("deploymap_story") == json.loads(json.dumps(kfor_story.to_dict(text=True)))
    assert written == json.loads(json.dumps(fc))


def test_same_story_same_bytes(kfor_story, tmp_path):
    export(kfor_story, tmp_path / "a.geojson")
    export(kfor_story, tmp_path / "b.geojson")
    assert (tmp_path / "a.geojson").read_bytes() == (tmp_path / "b.geojson").read_bytes()


def test_gis_fields_on_every_feature(kfor_story):
    for f in kfor_story.to_geojson()["features"]:
        assert {"layer", "name", "iso3", "mission", "date", "source", "evidence"} <= set(
            f["properties"]
        )
        if f["properties"]["layer"] in ("force", "flow", "country", "mission_area"):
            assert "troops" in f["properties"]


def test_unknown_extension(kfor_story, tmp_path):
    with pytest.raises(InputError, match=r"unknown output format '\.shp'; use \.geojson"):
        export(kfor_story, tmp_path / "k.shp")


# -- tables ------------------------------------------------------------------------------


def test_unifil_2024_geojson_and_geopackage(unifil_2024, geopko, tmp_path):  # noqa: F811
    import geopandas as gpd
    import pyogrio

    located, with_troops, total = front_total(geopko[0], "UNIFIL", "2024")
    gj, gpkg = tmp_path / "unifil.geojson", tmp_path / "unifil.gpkg"
    n = export(unifil_2024, gj)
    assert export(unifil_2024, gpkg) == n
    fc = assert_rfc7946(gj.read_text(encoding="utf-8"))
    force = [f["properties"] for f in fc["features"] if f["properties"]["layer"] == "force"]
    # one force feature per location, no HQ marker on top of the table's own HQ
    assert len(force) == located == len({p["name"] for p in force})
    assert sum(1 for p in force if p["troops"]) == with_troops
    assert sum(p["troops"] or 0 for p in force) == total == 13250
    assert {p["date"] for p in force} == {"2024"}
    assert all(p["source"].startswith("Geo-PKO v2.3") for p in force)
    naqoura = next(p for p in force if p["name"] == "Naqoura")
    assert naqoura["kind"] == "mission HQ"

    # both files read back by geopandas with the same count
    back = gpd.read_file(gj)
    layers = [name for name, _ in pyogrio.list_layers(gpkg)]
    assert set(layers) <= set(LAYERS) and "force" in layers
    per_layer = {name: gpd.read_file(gpkg, layer=name) for name in layers}
    assert sum(len(g) for g in per_layer.values()) == len(back) == n
    gforce = per_layer["force"]
    assert len(gforce) == len(force) and int(gforce["troops"].sum()) == total
    assert gforce.crs.to_epsg() == 4326
    assert set(gforce["layer"]) == {"force"}


def test_front_and_tcc_force_features_list_contributors(geopko, tmp_path):  # noqa: F811
    front, tcc = geopko
    story = read_tables([front, tcc], mission="UNIFIL", year=2024)
    fc = story.to_geojson()
    force = [f["properties"] for f in fc["features"] if f["properties"]["layer"] == "force"]
    assert sum(p["troops"] or 0 for p in force) == 13250
    naqoura = next(p for p in force if p["name"] == "Naqoura")
    assert naqoura["troops"] == 2850
    assert naqoura["contributors"].startswith("ITA 1375, IDN 875")
    layers = {f["properties"]["layer"] for f in fc["features"]}
    assert {"country", "mission_area", "force", "flow"} <= layers
    italy = [
        f["properties"]
        for f in fc["features"]
        if f["properties"]["layer"] == "country" and f["properties"]["iso3"] == "ITA"
    ]
    assert len(italy) == 1 and italy[0]["role"] == "contributor" and italy[0]["date"] == "2024"


def test_several_years_give_dated_features(tmp_path):
    story = read_table(DATA / "geopko_front_small.csv", mission="UNDOF")
    fc = assert_rfc7946(json.dumps(story.to_geojson()))
    force = [f["properties"] for f in fc["features"] if f["properties"]["layer"] == "force"]
    assert sorted((p["date"], p["name"]) for p in force) == [
        ("2022", "Camp Faouar"),
        ("2022", "Observation Post 52"),
        ("2022", "Position 10"),
        ("2023", "Camp Faouar"),
        ("2023", "Position 10"),
    ]
    area = next(
        f["properties"] for f in fc["features"] if f["properties"]["layer"] == "mission_area"
    )
    assert area["date"] == "2022/2023"  # an ISO 8601 interval


def test_un_contributions_give_countries_and_flows_per_date():
    story = read_table(DATA / "un_contributions.csv")
    feats = story.to_geojson()["features"]
    flows = {
        (f["properties"]["iso3"], f["properties"]["mission"]): f["properties"]
        for f in feats
        if f["properties"]["layer"] == "flow"
    }
    assert flows[("GHA", "UNMISS")]["troops"] == 740  # to its own mission's HQ
    assert flows[("IDN", "UNIFIL")]["date"] == "2023-09-30"
    hq = [f["properties"] for f in feats if f["properties"]["layer"] == "force"]
    assert {p["mission"] for p in hq} == {"UNIFIL", "UNMISS"}
    assert all(f["properties"]["date"] for f in feats)


def test_csv_export_one_row_per_feature_and_script_survives(tmp_path):
    import shapely

    story = read_table(DATA / "deployments.csv")
    out = tmp_path / "kfor.csv"
    n = export(story, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == n
    assert all(r["layer"] in LAYERS and r["date"] for r in rows)
    assert max(len(r["wkt"]) for r in rows) < 32_767  # what a spreadsheet cell holds
    for r in rows:
        geom = shapely.from_wkt(r["wkt"])
        assert geom.is_valid or geom.geom_type != "Point"
        float(r["lon"]), float(r["lat"])
    force = {r["name"]: r for r in rows if r["layer"] == "force"}
    assert "<script>alert(1)</script>" in force  # data here; maps escape it
    assert force["<script>alert(1)</script>"]["troops"] == "470"
    gj = tmp_path / "kfor.geojson"
    export(story, gj)
    assert "<script>alert(1)</script>" in gj.read_text(encoding="utf-8")


def test_geopackage_of_an_article_has_one_layer_per_kind(kfor_story, tmp_path):
    import pyogrio

    out = tmp_path / "k.gpkg"
    export(kfor_story, out)
    kinds = dict(pyogrio.list_layers(out))
    assert kinds == {
        "country": "MultiPolygon",
        "mission_area": "MultiPolygon",
        "force": "Point",
        "place": "Point",
        "flow": "LineString",
    }
    assert not list(tmp_path.glob(".k.gpkg*"))  # no temporary file left


# -- the command line --------------------------------------------------------------------


def test_cli_export_texts_and_tables(tmp_path):
    import geopandas as gpd

    out = tmp_path / "mixed.gpkg"
    r = run(
        "export",
        str(KFOR),
        str(DATA / "geopko_front_small.csv"),
        str(DATA / "geopko_tcc_small.csv"),
        "--mission",
        "UNDOF",
        "--year",
        "2022",
        "-o",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    assert "wrote" in r.stderr and "Geo-PKO" in r.stderr
    force = gpd.read_file(out, layer="force")
    assert set(force["mission"]) == {"KFOR", "UNDOF"}
    undof = force[force["mission"] == "UNDOF"]
    assert int(undof["troops"].sum()) == 1050


def test_cli_export_geojson_and_csv(tmp_path):
    for name in ("front.geojson", "front.csv"):
        out = tmp_path / name
        r = run("export", str(DATA / "geopko_front_small.csv"), "-o", str(out))
        assert r.returncode == 0, r.stderr
        assert out.stat().st_size > 0
    assert_rfc7946((tmp_path / "front.geojson").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mission", "UNDFO"], "did you mean UNDOF"),
        (["--year", "1950"], "no rows in 1950"),
    ],
)
def test_cli_export_errors_are_one_line(tmp_path, args, message):
    r = run(
        "export", str(DATA / "geopko_front_small.csv"), *args, "-o", str(tmp_path / "x.geojson")
    )
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "x.geojson").exists()


def test_cli_export_missing_column(tmp_path):
    bad = tmp_path / "front.csv"
    text = (DATA / "geopko_front_small.csv").read_text(encoding="utf-8")
    bad.write_text(text.replace("ave.no.troops", "troops_mean"), encoding="utf-8")
    r = run("export", str(bad), "-o", str(tmp_path / "x.geojson"))
    assert r.returncode == 2
    assert "front.csv: missing column 'ave.no.troops'" in r.stderr


def test_export_is_written_atomically(kfor_story, tmp_path):
    out = tmp_path / "k.geojson"
    out.write_text("old", encoding="utf-8")
    export(kfor_story, out)
    assert out.read_text(encoding="utf-8").startswith('{"type":"FeatureCollection"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.geojson"]
    with pytest.raises(InputError, match="does not exist"):
        export(kfor_story, tmp_path / "no" / "k.geojson")
    with pytest.raises(InputError, match="does not exist"):
        export(kfor_story, Path(tmp_path / "no" / "k.gpkg"))


def test_territories_the_un_counts_in_the_host_are_drawn_as_host():
    from deploymap.read import read_text

    story = read_text(
        "Kenyan troops serve with the African Union Transition Mission in Somalia (ATMIS)."
    )
    roles = {
        f["properties"]["iso3"]: f["properties"]["role"]
        for f in story.to_geojson()["features"]
        if f["properties"]["layer"] == "country"
    }
    assert roles["SOM"] == "host" and roles["SOL"] == "host"  # Somaliland, in the UN view
    assert roles["KEN"] == "contributor"


# -- CSV formula injection (issue 12): spreadsheets must show a cell, never run it ---------

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
]


@pytest.fixture
def hostile_table(tmp_path):
    """A plain deployments CSV whose location cells are formulas; one site at a
    negative longitude (west of Greenwich)."""
    rows = [("Ghana", "UNIFIL", 100 + i, 33.1 + i / 10, 35.1) for i in range(len(FORMULAS))]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["contributor", "mission", "troops", "date", "location", "lat", "lon"])
    for (c, m, t, lat, lon), loc in zip(rows, FORMULAS, strict=True):
        w.writerow([c, m, t, "2024-06-30", loc, lat, lon])
    w.writerow(["Senegal", "MINUSMA", 13, "2024-06-30", "Camp West", 14.69, -17.44])
    path = tmp_path / "hostile.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _raw_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_neutralises_formula_cells_from_a_table(hostile_table, tmp_path):
    out = tmp_path / "x.csv"
    export(read_table(hostile_table), out)
    rows = _raw_rows(out.read_text(encoding="utf-8"))
    header, body = rows[0], rows[1:]
    cells = [cell for row in body for cell in row]
    for formula in FORMULAS:
        assert "'" + formula in cells  # the location name, as text
    # no cell at all starts like a formula (evidence quotes the row, too)
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    name, lon, lat = header.index("name"), header.index("lon"), header.index("lat")
    camp = next(r for r in body if r[name] == "Camp West")
    assert (camp[lon], camp[lat]) == ("-17.44", "14.69")  # a number, not "'-17.44"
    # every lon/lat cell is a plain number, negative ones included
    numbers = [float(r[i]) for r in body for i in (lon, lat) if r[i]]
    assert min(numbers) < 0
    troops = header.index("troops")
    assert all(r[troops] == "" or r[troops].lstrip("-").isdigit() for r in body)


def test_csv_export_neutralises_formula_cells_from_article_text(tmp_path):
    text = (
        "-Kenya keeps 900 soldiers in ATMIS in Somalia.\n"
        "@Uganda sends 400 troops to ATMIS.\n"
        "=Burundi adds 300 troops to ATMIS.\n"
    )
    story = read_text(text, source="+SUM(1,2).txt")
    out = tmp_path / "a.csv"
    export(story, out)
    rows = _raw_rows(out.read_text(encoding="utf-8"))
    header, body = rows[0], rows[1:]
    ev, src = header.index("evidence"), header.index("source")
    evidence = {r[ev] for r in body if r[ev]}
    assert "'-Kenya keeps 900 soldiers in ATMIS in Somalia." in evidence
    assert "'@Uganda sends 400 troops to ATMIS." in evidence
    assert "'=Burundi adds 300 troops to ATMIS." in evidence
    assert {r[src] for r in body} == {"'+SUM(1,2).txt"}


def test_csv_cells_of_any_feature_and_header_are_neutralised():
    from deploymap.export import features_to_csv

    f = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [-0.5, -12.25]},
        "properties": {
            "layer": "place",
            "name": "\tTabbed",
            "text": "\rReturned",
            "@head": "x",
            "troops": -40,  # a number the exporter was given: stays a number
            "note": "-40",  # the same as text: neutralised
        },
    }
    header, row = _raw_rows(features_to_csv([f]))
    assert header == ["layer", "name", "text", "'@head", "troops", "note", "lon", "lat", "wkt"]
    assert row == [
        "place",
        "'\tTabbed",
        "'\rReturned",
        "x",
        "-40",
        "'-40",
        "-0.5",
        "-12.25",
        "POINT (-0.5 -12.25)",
    ]


def test_geojson_and_geopackage_keep_the_original_text(hostile_table, tmp_path):
    import pyogrio

    story = read_table(hostile_table)
    gj = tmp_path / "x.geojson"
    export(story, gj)
    features = json.loads(gj.read_text(encoding="utf-8"))["features"]
    assert set(FORMULAS) <= {f["properties"]["name"] for f in features}
    gpkg = tmp_path / "x.gpkg"
    export(story, gpkg)
    force = pyogrio.read_dataframe(gpkg, layer="force")
    assert set(FORMULAS) <= set(force["name"])
    assert not any(str(n).startswith("'") for n in force["name"])
