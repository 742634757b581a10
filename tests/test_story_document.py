"""The Story document: extract writes it, map/export/read_story read it back after edits."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from deploymap.cli import main
from deploymap.inputs.story import (
    DocumentError,
    document_problems,
    read_story,
    story_from_document,
    story_schema,
)
from deploymap.model import (
    STORY_SCHEMA,
    Deployment,
    Event,
    Evidence,
    Mission,
    MissionMention,
    Place,
    Story,
    Toponym,
    Unit,
)

# Our own article (no evaluation text).
ARTICLE = """Dutch engineers widen a UNIFIL base

NAQOURA, Lebanon, 12 March 2024 - The Netherlands has sent 150 engineers to the United \
Nations Interim Force in Lebanon (UNIFIL), the mission said on Tuesday.

Ghana keeps 870 troops in the force, most of them around Tibnin, while Indonesian soldiers \
patrol near Marjayoun.

UNIFIL has about 10,000 peacekeepers in the south of the country.
"""

OTHER = """Irish soldiers rotate in Lebanon

SHAMA, Lebanon, 2 June 2024 - Ireland has 340 troops with UNIFIL after a rotation this week, \
the Irish defence forces said.
"""


def run(*argv: str) -> int:
    return main(list(argv))


@pytest.fixture()
def extracted(tmp_path: Path) -> Path:
    art = tmp_path / "unifil.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "story.json"
    assert run("extract", str(art), "-o", str(out)) == 0
    return out


def _features(path: Path, layer: str) -> list[dict]:
    fc = json.loads(path.read_text(encoding="utf-8"))
    return [f for f in fc["features"] if f["properties"]["layer"] == layer]


def test_extract_writes_a_versioned_document_that_validates(extracted: Path) -> None:
    doc = json.loads(extracted.read_text(encoding="utf-8"))
    assert doc["schema"] == STORY_SCHEMA == "deploymap/story/v1"
    jsonschema.Draft202012Validator(story_schema()).validate(doc)
    assert doc["text"] == ARTICLE  # the spans point into it
    t = doc["places"][0]
    assert doc["text"][t["start"] : t["end"]] == t["text"]


def test_schema_command_prints_a_valid_draft_2020_12_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("schema") == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == story_schema()
    assert schema["properties"]["schema"]["const"] == STORY_SCHEMA


def test_edit_one_figure_delete_one_place_map_and_export_follow(
    extracted: Path, tmp_path: Path
) -> None:
    """The issue's check: a script edits a contributor's troops and deletes a place."""
    doc = json.loads(extracted.read_text(encoding="utf-8"))
    ghana = next(d for d in doc["deployments"] if d["contributor"] == "GHA")
    assert ghana["troops"] == 870
    ghana["troops"] = 4321
    gone = next(p for p in doc["places"] if p["name"] == "Marjayoun")
    doc["places"] = [p for p in doc["places"] if p["id"] != gone["id"]]
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc), encoding="utf-8")

    html, geo = tmp_path / "edited.html", tmp_path / "edited.geojson"
    assert run("map", str(edited), "-o", str(html), "--offline") == 0
    assert run("export", str(edited), "-o", str(geo)) == 0
    page = html.read_text(encoding="utf-8")
    # the contributor's figure on the map (the article's sentence, quoted, still says 870)
    assert "<b>Ghana<\\/b><br>4,321 troops" in page and "<br>870 troops" not in page
    assert "<td>4,321 troops<" in page and "<td>870 troops<" not in page
    # the place's marker is gone (the quoted sentence still names it)
    assert "<h4>Marjayoun<" not in page and "<h4>Tebnine<" in page
    (gha,) = [f for f in _features(geo, "country") if f["properties"]["iso3"] == "GHA"]
    assert gha["properties"]["troops"] == 4321
    names = {f["properties"]["name"] for f in _features(geo, "place")}
    assert "Marjayoun" not in names and "Tebnine" in names
    # the unedited document still maps the figure the article gave
    before = tmp_path / "before.geojson"
    assert run("export", str(extracted), "-o", str(before)) == 0
    (gha,) = [f for f in _features(before, "country") if f["properties"]["iso3"] == "GHA"]
    assert gha["properties"]["troops"] == 870


def test_a_document_maps_exactly_as_its_article(extracted: Path, tmp_path: Path) -> None:
    art = extracted.parent / "unifil.txt"
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert run("map", str(art), "-o", str(a), "--offline") == 0
    assert run("map", str(extracted), "-o", str(b), "--offline") == 0
    assert a.read_bytes() == b.read_bytes()


def test_coordinates_contributor_and_mission_edits_are_followed(
    extracted: Path, tmp_path: Path
) -> None:
    doc = json.loads(extracted.read_text(encoding="utf-8"))
    for p in doc["places"]:
        if p["name"] == "Tebnine":
            p["lat"], p["lon"] = 33.25, 35.5
    nld = next(d for d in doc["deployments"] if d["contributor"] == "NLD")
    nld["contributor"] = "BEL"
    doc["missions"][0]["hq_lat"], doc["missions"][0]["hq_lon"] = 33.3, 35.3
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc), encoding="utf-8")
    geo = tmp_path / "edited.geojson"
    assert run("export", str(edited), "-o", str(geo)) == 0
    (tib,) = [f for f in _features(geo, "place") if f["properties"]["name"] == "Tebnine"]
    assert tib["geometry"]["coordinates"] == [35.5, 33.25]
    roles = {f["properties"]["iso3"]: f["properties"]["role"] for f in _features(geo, "country")}
    assert roles["BEL"] == "contributor" and roles["NLD"] == "mentioned"  # still named
    (hq,) = [f for f in _features(geo, "force") if f["properties"]["kind"] == "mission"]
    assert hq["geometry"]["coordinates"] == [35.3, 33.3]
    # a mission id edited in both places: the area drawn is the other mission's
    doc["missions"][0]["id"] = "UNDOF"
    for d in doc["deployments"]:
        d["mission"] = "UNDOF"
    edited.write_text(json.dumps(doc), encoding="utf-8")
    assert run("export", str(edited), "-o", str(geo)) == 0
    (area,) = _features(geo, "mission_area")
    assert area["properties"]["mission"] == "UNDOF"


def test_a_wrong_document_is_refused_with_one_line_per_problem(
    extracted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = json.loads(extracted.read_text(encoding="utf-8"))
    doc["deployments"][2]["troops"] = "abc"
    doc["places"][1]["lat"] = 95
    doc["missions"][0]["hosts"] = ["lb"]
    doc["deployments"][0]["status"] = "arrived"
    doc["troop"] = 5
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "map.html"
    out.write_text("old map")
    capsys.readouterr()
    assert run("map", str(bad), "-o", str(out)) == 2
    err = capsys.readouterr().err.splitlines()
    troops = 'deployments[2].troops: expected a whole number >= 0 or null, got "abc"'
    assert f"deploymap: error: {bad}: {troops}" in err
    assert any("places[1].lat: expected a number from -90 to 90, got 95" in e for e in err)
    assert any("missions[0].hosts[0]: expected an ISO 3166-1 alpha-3" in e for e in err)
    assert any('deployments[0].status: expected one of "deployed", "pledged"' in e for e in err)
    assert any('unknown key "troop"' in e for e in err)
    assert len(err) == 5
    assert out.read_text() == "old map"  # nothing written
    geo = tmp_path / "x.geojson"
    assert run("export", str(bad), "-o", str(geo)) == 2
    assert not geo.exists()
    with pytest.raises(DocumentError) as e:
        read_story(bad)
    assert len(e.value.lines) == 5


def test_records_that_must_agree(extracted: Path) -> None:
    doc = json.loads(extracted.read_text(encoding="utf-8"))
    doc["deployments"][0]["mission"] = "UNMISS"
    doc["missions"][0]["host"] = "SYR"
    problems = document_problems(doc)
    assert any(p.startswith('deployments[0].mission: "UNMISS" is not the id') for p in problems)
    assert any(p.startswith('missions[0].host: "SYR" is not hosts[0]') for p in problems)


def test_stories_jsonl_is_merged_as_its_articles_are(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    jl = tmp_path / "stories.jsonl"
    assert run("extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(jl)) == 0
    lines = jl.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(x)["schema"] == STORY_SCHEMA for x in lines)
    g1, g2 = tmp_path / "texts.geojson", tmp_path / "stories.geojson"
    assert run("export", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(g1)) == 0
    assert run("export", str(jl), "-o", str(g2)) == 0
    f1 = json.loads(g1.read_text())["features"]
    f2 = json.loads(g2.read_text())["features"]
    for f in f1 + f2:  # a corpus run names its files by path, a map run by name
        f["properties"].pop("source", None)
    assert f1 == f2
    troops = {
        f["properties"]["iso3"]: f["properties"]["troops"]
        for f in f2
        if f["properties"].get("role") == "contributor"
    }
    assert troops["IRL"] == 340 and troops["GHA"] == 870
    # one document and a list of documents read the same way
    docs = [json.loads(x) for x in lines]
    (tmp_path / "list.json").write_text(json.dumps(docs))
    assert len(read_story(tmp_path / "list.json")) == 2


def test_geojson_export_reads_back_to_the_same_story(extracted: Path, tmp_path: Path) -> None:
    (story,) = read_story(extracted)
    geo = tmp_path / "out.geojson"
    story.to_file(geo)
    (back,) = read_story(geo)
    assert back.to_dict(text=True) == story.to_dict(text=True)
    again = tmp_path / "again.geojson"
    back.to_file(again)
    assert again.read_bytes() == geo.read_bytes()
    # a FeatureCollection without the document (a GIS tool saved it again) is rebuilt
    # from its features, with a warning, not read as an article
    # (tests/test_geojson_rebuild.py compares what is drawn)
    fc = json.loads(geo.read_text())
    del fc["deploymap_story"]
    geo.write_text(json.dumps(fc))
    (rebuilt,) = read_story(geo)
    troops = [(d.contributor, d.troops) for d in rebuilt.deployments]
    assert troops == [(d.contributor, d.troops) for d in story.deployments]
    assert rebuilt.text == ""


def test_json_that_is_no_story_is_refused_not_read_as_an_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = tmp_path / "notes.json"
    p.write_text('{"remarks": "KFOR has 4,000 troops in Kosovo"}')
    assert run("map", str(p), "-o", str(tmp_path / "m.html")) == 2
    assert "remarks" in capsys.readouterr().err
    p.write_text('{"schema": "deploymap/story/v9"}')
    assert run("export", str(p), "-o", str(tmp_path / "m.geojson")) == 2
    assert 'expected "deploymap/story/v1", got "deploymap/story/v9"' in capsys.readouterr().err
    p.write_text("{not json")
    assert run("map", str(p), "-o", str(tmp_path / "m.html")) == 2
    assert "not JSON" in capsys.readouterr().err


def test_an_older_extract_output_without_schema_still_reads(extracted: Path) -> None:
    doc = json.loads(extracted.read_text(encoding="utf-8"))
    del doc["schema"]
    extracted.write_text(json.dumps(doc))
    (story,) = read_story(extracted)
    assert {d.contributor for d in story.deployments} == {"NLD", "GHA", "IDN"}


def _full_story() -> Story:
    ev = Evidence(3, 9, "some words", "a.pdf", "2024-05-02", page=2)
    mission = Mission("UNIFIL", "UNIFIL", "UN", ("LBN",), "Naqoura", 33.1, 35.1)
    site = Place("table:x", "Naqoura", "mission HQ", "LBN", 33.11, 35.12)
    return Story(
        text="0123456789 and more",
        title="T",
        date="2024-05-02",
        places=(
            Toponym(0, 4, "Gaza", "Gaza", "city", "PSE", 31.5, 34.46, "geonames:1", 0.8, True, 1),
        ),
        missions=(MissionMention(mission, 0, 6, "UNIFIL", 9000, 15000, (ev,), 15000, ev, ev, ev),),
        deployments=(
            Deployment(
                "ITA",
                "UNIFIL",
                1000,
                "2024",
                site,
                "lead nation",
                (ev,),
                -50,
                "withdrawing",
                "police",
                0.7,
                ev,
                (Unit("police", "company", 2, 120, ev),),
            ),
            Deployment("FRA", "UNIFIL", 600, status="withdrawn"),
        ),
        events=(Event("handover", "UNIFIL", "2024-05-02", ("ITA", "ESP"), (ev,)),),
        sources=("a.pdf",),
    )


def test_the_schema_covers_every_field_of_the_records() -> None:
    story = _full_story()
    # every field holds a value other than its default, so each must be written
    for record in (story.deployments[0], story.missions[0], story.places[0], story.events[0]):
        for f in dataclasses.fields(record):
            assert getattr(record, f.name) != f.default, f.name
    doc = json.loads(json.dumps(story.to_dict(text=True)))
    assert document_problems(doc) == []
    back = story_from_document(doc)
    assert back.to_dict(text=True) == doc
    assert back.deployments[0].figure == story.deployments[0].figure
    assert back.deployments[0].location.id == "table:x"
    assert back.missions[0].troops_evidence.page == 2
    # a key the schema does not know is a problem: the schema lists every key written
    schema = story_schema()
    for name in ("deployment", "mission", "place", "event", "evidence"):
        assert schema["$defs"][name]["additionalProperties"] is False


def test_whole_numbers_written_as_floats_become_ints() -> None:
    doc = {"schema": STORY_SCHEMA, "deployments": [{"contributor": "KEN", "troops": 3000.0}]}
    (d,) = story_from_document(doc).deployments
    assert d.troops == 3000 and isinstance(d.troops, int)
    assert document_problems({**doc, "deployments": [{"contributor": "KEN", "troops": 2.5}]})
    assert document_problems({**doc, "deployments": [{"contributor": "KEN", "troops": True}]})
