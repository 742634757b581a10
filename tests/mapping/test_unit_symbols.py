"""Unit symbols: Geo-PKO's unit columns and Story documents' units on the force layer."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from deploymap.model import Deployment, Evidence, Mission, MissionMention, Place, Story, Unit

FRONT_HEADER = (
    "mission,year,country,location,latitude,longitude,Infantry,NoTroops,Reserve,hq,UNPOL,"
    "Med,Av,UNMO,ave.no.troops"
)
_POINTS = re.compile(r"deploymap\.points\(\w+, \w+, ")


def points_data(html: str) -> dict:
    m = _POINTS.search(html)
    assert m, "no force layer"
    return json.JSONDecoder().raw_decode(html, m.end())[0]


def _front(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "front.csv"
    path.write_text(FRONT_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def front_story(tmp_path):
    from deploymap.tables import read_table

    path = _front(
        tmp_path,
        [
            # a mission HQ with a medical unit and two aviation units
            "MINUSCA,2021,Central African Republic,Bangui,4.3612,18.5550,0,400,0,3,1,1,2,1,400",
            # one standard infantry battalion, one company, and a figure of no one size
            "MINUSCA,2021,Central African Republic,Bria,6.5423,21.9862,650,650,0,0,0,0,0,0,650",
            "MINUSCA,2021,Central African Republic,Ndele,8.4109,20.6473,150,150,0,0,0,0,0,0,150",
            "MINUSCA,2021,Central African Republic,Bouar,5.9340,15.5960,300,450,150,2,0,0,0,0,450",
            # NA and junk unit cells add no unit, the troops stay
            "MINUSCA,2021,Central African Republic,Kaga,7.0,19.2,NA,200,x,0,NA,0,0,0,200",
        ],
    )
    return read_table(path)


def _units(story, place):
    d = next(d for d in story.deployments if d.location and d.location.name == place)
    return [(u.kind, u.echelon, u.count, u.troops) for u in d.units], d


def test_geopko_unit_columns_become_units(front_story):
    units, _ = _units(front_story, "Bangui")
    assert units == [
        ("headquarters", "", None, None),
        ("police", "", 1, None),
        ("medical", "", 1, None),
        ("aviation", "", 2, None),
        ("observers", "", 1, None),
    ]
    assert _units(front_story, "Bria")[0] == [("infantry", "battalion", 1, 650)]
    assert _units(front_story, "Ndele")[0] == [("infantry", "company", 1, 150)]
    # 300 is no single standard unit: infantry, size not inferred; reserve troops kept
    assert _units(front_story, "Bouar")[0] == [
        ("headquarters", "", None, None),
        ("infantry", "", None, 300),
        ("reserve", "", None, 150),
    ]
    units, d = _units(front_story, "Kaga")
    assert units == [] and d.troops == 200
    # the location's evidence (table and line) says the cells the units come from
    d = _units(front_story, "Bria")[1]
    assert d.evidence[0].text.endswith("; units: infantry 650")
    assert d.evidence[0].source.endswith("front.csv")
    assert (
        _units(front_story, "Bangui")[1]
        .evidence[0]
        .text.endswith("units: hq 3, unpol 1, med 1, av 2, unmo 1")
    )


def test_geopko_units_are_drawn_as_symbols_once_each(front_story, render):
    html = render(front_story, offline=True)
    data = points_data(html)
    sym, ru = data["sym"], data["ru"]
    # every record here has units; each distinct symbol is written once
    assert len(ru) == len(data["x"]) - 1  # Kaga has none and keeps its circle
    codes = [json.loads(json.dumps(s))[5] for s in sym]
    assert len(codes) == len(set(codes))
    drawn = {sym[i][5] for v in ru.values() for i in v[1]}
    assert {"Headquarters", "Infantry battalion", "Infantry company", "Medical unit"} <= drawn
    for uri, *_ in sym:
        svg = base64.b64decode(uri.removeprefix("data:image/svg+xml;base64,")).decode()
        assert uri.startswith("data:image/svg+xml;base64,") and svg.startswith("<svg")
        assert "<script" not in svg and "on" not in re.findall(r"\s(on)\w+=", svg)
    # the popup says the units in words; the legend explains each symbol in words
    assert "Infantry battalion (650 troops)" in data["str"]
    assert all(data["str"][v[2]] for v in ru.values())  # each record's units in words
    legend = html[html.index('class="dm-lsub"') :]
    for words in ("Headquarters", "Medical unit", "Aviation unit", "APP-6 unit symbols"):
        assert words in legend


def test_many_markers_carry_one_symbol(render, tmp_path):
    from deploymap.tables import read_table

    rows = [
        f"MINUSCA,2021,Central African Republic,Post {i},{4 + i / 100:.4f},{18 + i / 100:.4f},"
        "150,150,0,0,0,0,0,0,150"
        for i in range(300)
    ]
    html = render(read_table(_front(tmp_path, rows)), offline=True)
    data = points_data(html)
    assert len(data["ru"]) == 300 and len(data["sym"]) == 1
    # one SVG in the page, not one per marker
    assert html.count("data:image/svg+xml;base64,") == 2  # the data and its legend row


def _document_story(name: str, units: tuple[Unit, ...]) -> Story:
    mission = Mission("UNMISS", "UNMISS", "UN", ("SSD",), in_catalogue=False)
    site = Place("doc:site", name, "site", "SSD", 9.53, 31.66)
    return Story(
        title="Units",
        missions=(MissionMention(mission, 0, 0, ""),),
        deployments=(
            Deployment("GHA", "UNMISS", 850, "2024", site, units=units),
            Deployment("NPL", "UNMISS", 150, "2024", site),
        ),
    )


def test_unit_label_names_the_contributors_and_figures(render):
    story = _document_story("Malakal", (Unit("engineer", "company", 1),))
    data = points_data(render(story, offline=True))
    (label, ids, text), *_ = data["ru"].values()
    assert data["str"][label] == "Ghana 850 · Nepal 150"
    assert data["sym"][ids[0]][5] == "Engineer company" == data["str"][text]


def test_unit_text_is_data_never_markup_or_template(render):
    from tests.test_injection import PAYLOAD

    ev = Evidence(0, 10, PAYLOAD)
    story = _document_story(PAYLOAD, (Unit("medical", "", 1, evidence=ev),))
    html = render(story, offline=True)
    data = points_data(html)
    assert any(PAYLOAD in s for s in data["str"])  # the location's name, kept as text
    i = html.index("deploymap.points(")
    chunk = html[i : html.index("\n", i)]
    assert "<img" not in chunk and "{{" not in chunk  # escaped in the JSON
    assert "\\u007b\\u007b 7*191 }}" in chunk  # the template syntax stayed text, unrendered


def test_story_document_keeps_units_and_old_documents_stay_valid(tmp_path):
    from deploymap.inputs.story import story_document, story_from_document

    ev = Evidence(4, 25, "an engineering company", "a.txt", "2024-01-02")
    story = _document_story("Malakal", (Unit("engineer", "company", 1, evidence=ev),))
    doc = story_document(story)
    back = story_from_document(json.loads(json.dumps(doc)))
    assert back.deployments[0].units == story.deployments[0].units
    for d in doc["deployments"]:
        d.pop("units", None)
    assert story_from_document(doc).deployments[0].units == ()


def test_schema_enums_are_the_lexicon():
    from deploymap.inputs.story import story_schema
    from deploymap.units import echelons, kinds

    unit = story_schema()["$defs"]["unit"]["properties"]
    assert unit["kind"]["enum"] == list(kinds())
    assert unit["echelon"]["enum"] == list(echelons())


def test_symbol_table_holds_every_code_and_is_pinned():
    from deploymap.mapping import symbols, symbols_build

    table = json.loads(symbols._path().read_text(encoding="utf-8"))
    assert sorted(table["symbols"]) == symbols_build.codes()
    assert table["renderer"] == symbols_build.MILSYMBOL.spec
    assert table["sha256"] == symbols_build.MILSYMBOL.sha256
    sources = (Path(__file__).resolve().parents[2] / "geodata" / "SOURCES.md").read_text()
    assert "`milsymbol` 3.0.4" in sources and symbols_build.MILSYMBOL.sha256 in sources


def test_text_units_without_a_place_are_said_in_the_contributors_panel(render):
    from deploymap.read import read_text
    from tests.mapping.conftest import call_args

    story = read_text(
        "Uruguay keeps 900 troops in MONUSCO, among them a riverine company. "
        "Tanzania has 850 soldiers in MONUSCO."
    )
    (panel,) = call_args(render(story, offline=True), "panel")
    rows = {r["n"]: r for r in panel["rows"]}
    assert rows["Uruguay"]["u"] == "Naval company"
    assert "u" not in rows["Tanzania"]


def test_a_plain_csv_unit_column_gives_units_and_symbols(render, tmp_path):
    from deploymap.errors import InputError
    from deploymap.tables import read_table

    path = tmp_path / "plain.csv"
    path.write_text(
        "contributor,mission,troops,date,location,lat,lon,unit\n"
        "Ghana,UNIFIL,850,2024-01-01,Tibnin,33.19,35.41,infantry battalion\n"
        "Italy,UNIFIL,1000,2024-01-01,Shama,33.20,35.25,aviation; HQ\n"
        "Spain,UNIFIL,600,2024-01-01,Marjayoun,33.36,35.59,\n",
        encoding="utf-8",
    )
    story = read_table(path)
    got = {d.contributor: [u.label for u in d.units] for d in story.deployments}
    assert got == {
        "GHA": ["Infantry battalion"],
        "ITA": ["Aviation unit", "Headquarters"],
        "ESP": [],
    }
    data = points_data(render(story, offline=True))
    assert len(data["ru"]) == 2  # Spain keeps its circle
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "contributor,mission,troops,date,unit\nGhana,UNIFIL,850,2024-01-01,tea party\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"bad\.csv line 2, column unit: 'tea party'"):
        read_table(bad)
