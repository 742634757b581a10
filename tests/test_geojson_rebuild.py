"""A GeoJSON export that lost its ``deploymap_story`` member (QGIS, GDAL, geopandas
save only the features) reads back to a Story with the same missions, contributors
and figures, rebuilt from the features' own properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deploymap.export import export, story_to_geojson
from deploymap.inputs import read_inputs
from deploymap.inputs.geojson import story_document_from_features
from deploymap.inputs.story import read_story

from .conftest import EXAMPLES
from .test_cli import run

DATA = Path(__file__).parent / "data"
SAMPLE = EXAMPLES / "geopko-sample"

CASES = {
    "article": [EXAMPLES / "kfor-command-2023.txt"],
    "two articles": [EXAMPLES / "kfor-command-2023.txt", EXAMPLES / "undof-golan-2024.txt"],
    "geo-pko front and tcc": [DATA / "geopko_front_small.csv", DATA / "geopko_tcc_small.csv"],
    "geo-pko tcc only": [DATA / "geopko_tcc_small.csv"],
    "un contributions": [DATA / "un_contributions.csv"],
    "article and plain csv": [EXAMPLES / "kfor-command-2023.txt", DATA / "deployments.csv"],
}
# what the map and the export draw from a feature
KEYS = (
    "layer",
    "name",
    "iso3",
    "role",
    "mission",
    "troops",
    "pledged",
    "change",
    "status",
    "date",
    "kind",
    "contributors",
    "peak",
    "authorised",
    "source",
)


def drawn(story):
    out = []
    for f in story_to_geojson(story)["features"]:
        p, g = f["properties"], f["geometry"]
        point = tuple(g["coordinates"]) if g and g["type"] == "Point" else None
        out.append((tuple(p.get(k) for k in KEYS), point))
    return sorted(out, key=repr)


def _add(a, b):
    known = [t for t in (a, b) if t is not None]
    return sum(known) if known else None


def figures(story):
    """Missions; the troops of each contributor, mission, date and place; and of each
    site (its own total, or what its contributors add up to)."""
    missions = [(m.mission.id, m.troops, m.peak, m.authorised) for m in story.missions]
    parts: dict[tuple, int | None] = {}
    sites: dict[tuple, list] = {}
    for d in story.deployments:
        # to the 6 decimals GeoJSON keeps
        at = (round(d.location.lat, 6), round(d.location.lon, 6)) if d.location else None
        if d.role == "all contributors":
            sites.setdefault((d.mission, d.date, at), [None, None])[0] = d.troops
            continue
        key = (d.contributor, d.mission, d.date, d.status, at)
        parts[key] = _add(parts.get(key), d.troops)
        if at is not None and d.status in ("deployed", "withdrawing"):
            site = sites.setdefault((d.mission, d.date, at), [None, None])
            site[1] = _add(site[1], d.troops)
    drawn_sites = {
        k: total if total is not None else summed for k, (total, summed) in sites.items()
    }
    return sorted(missions), sorted(parts.items(), key=repr), sorted(drawn_sites.items(), key=repr)


def stripped(story, tmp_path: Path) -> Path:
    export(story, tmp_path / "full.geojson")
    fc = json.loads((tmp_path / "full.geojson").read_text(encoding="utf-8"))
    assert "deploymap_story" in fc
    del fc["deploymap_story"]
    out = tmp_path / "features.geojson"
    out.write_text(json.dumps(fc), encoding="utf-8")
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_export_without_the_member_reads_back_to_the_same_map(case, tmp_path, capsys):
    story = read_inputs(CASES[case])
    (back,) = read_story(stripped(story, tmp_path))
    assert "rebuilt the Story from the features" in capsys.readouterr().err
    assert drawn(back) == drawn(story)
    assert figures(back) == figures(story)
    assert back.deployments  # not trivially equal


def test_geopko_sample_reads_back(tmp_path):
    story = read_inputs(
        [SAMPLE / "geopko_v2.3_frontmap_sample.csv", SAMPLE / "geopko_v2.3_tccmap_sample.csv"]
    )
    (back,) = read_story(stripped(story, tmp_path))
    assert drawn(back) == drawn(story)
    assert figures(back) == figures(story)


@pytest.mark.parametrize("case", ["article", "geo-pko front and tcc", "un contributions"])
def test_round_trip_through_geopandas_which_drops_the_member(case, tmp_path):
    gpd = pytest.importorskip("geopandas")
    pytest.importorskip("pyogrio")
    story = read_inputs(CASES[case])
    export(story, tmp_path / "full.geojson")
    saved = tmp_path / "saved.geojson"
    # as a GIS user does: open the export, save it again (GDAL writes 600.0, dates as
    # timestamps, a null for every column a feature lacks, and no foreign member)
    gpd.read_file(tmp_path / "full.geojson", engine="pyogrio").to_file(
        saved, driver="GeoJSON", engine="pyogrio"
    )
    assert "deploymap_story" not in json.loads(saved.read_text(encoding="utf-8"))
    (back,) = read_story(saved)
    assert drawn(back) == drawn(story)
    assert figures(back) == figures(story)


def test_map_and_export_of_the_stripped_file(tmp_path):
    src = stripped(read_inputs(CASES["article"]), tmp_path)
    r = run("map", str(src), "-o", str(tmp_path / "m.html"))
    assert r.returncode == 0, r.stderr
    assert "warning" in r.stderr and "rebuilt the Story" in r.stderr
    r = run("export", str(src), "-o", str(tmp_path / "again.geojson"))
    assert r.returncode == 0, r.stderr
    again = json.loads((tmp_path / "again.geojson").read_text(encoding="utf-8"))
    troops = {
        f["properties"]["iso3"]: f["properties"]["troops"]
        for f in again["features"]
        if f["properties"].get("role") == "contributor"
    }
    assert troops == {"TUR": 600}


def test_an_edited_feature_is_the_figure_read():
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [35.1, 33.1]},
                "properties": {
                    "layer": "force",
                    "kind": "site",
                    "name": "Hill 880",
                    "mission": "UNIFIL",
                    "troops": 412.0,
                    "contributors": "GHA 300, unnamed ?",
                    "date": "2024",
                },
            }
        ],
    }
    doc = story_document_from_features(fc)
    got = [(d["contributor"], d["troops"], d.get("role")) for d in doc["deployments"]]
    assert got == [("", 412, "all contributors"), ("GHA", 300, None), ("", None, None)]
    assert doc["date"] == "2024"


def test_other_geojson_and_bad_properties_are_refused(tmp_path):
    other = tmp_path / "roads.geojson"
    other.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "geometry": None, "properties": {"km": 3}}],
            }
        )
    )
    r = run("map", str(other), "-o", str(tmp_path / "m.html"))
    assert r.returncode == 2
    assert "no 'layer' property: not a deploymap export" in r.stderr
    assert "Traceback" not in r.stderr
    bad = tmp_path / "bad.geojson"
    feature = {
        "type": "Feature",
        "geometry": None,
        "properties": {"layer": "country", "role": "contributor", "iso3": "GHA", "troops": "many"},
    }
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    r = run("map", str(bad), "-o", str(tmp_path / "m.html"))
    assert r.returncode == 2
    assert "deployments[0].troops: expected a whole number" in r.stderr
    assert not (tmp_path / "m.html").exists()
