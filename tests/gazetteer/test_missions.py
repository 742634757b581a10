"""The mission catalogue (geodata/missions.csv): what every row must hold, and the
successor chains and dates the extractor reads missions against."""

from __future__ import annotations

import csv
import re

import pytest

from deploymap.errors import DataError
from deploymap.gazetteer import geodata_path
from deploymap.gazetteer.missions import MissionCatalogue, mission_key, runs_on

ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@pytest.fixture(scope="module")
def cat():
    return MissionCatalogue()


@pytest.fixture(scope="module")
def rows():
    with geodata_path("missions.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_mission_has_a_host_dates_hq_and_a_source(cat, rows, gaz):
    for r in rows:
        m = cat.get(r["id"])
        assert m.hosts, r["id"]
        for h in m.hosts:
            gaz.country(h)  # a known country code
        assert ISO_DATE.match(m.start), r["id"]
        assert not m.end or (ISO_DATE.match(m.end) and m.end >= m.start), r["id"]
        assert m.hq_lat is not None and m.hq_lon is not None, r["id"]
        assert r["source"] or r["strength_source"] or r["parent"], r["id"]


@pytest.mark.parametrize(
    "acronym",
    [
        "ECOMOG",
        "ECOMIL",
        "ECOMIB",
        "ECOMICI",
        "ECOMIG",
        "SAMIM",
        "SAMIDRC",
        "EACRF",
        "MNJTF",
        "MSS",
        "MFO",
        "UNAMSIL",
        "ONUB",
        "AMIS",
        "UNPROFOR",
        "MISCA",
        "AFISMA",
        "UNMIL",
        "UNOCI",
        "UNMEE",
        "UNAMID",
        "MINURCAT",
        "UNMIS",
        "UNMIT",
        "MINUSTAH",
        "IFOR",
        "SFOR",
        "AMISOM",
        "ATMIS",
        "AUSSOM",
    ],
)
def test_regional_ad_hoc_and_past_missions_are_catalogued(cat, acronym):
    assert cat.lookup(acronym), acronym


@pytest.mark.parametrize(
    ("start", "chain"),
    [
        ("AMISOM", ["AMISOM", "ATMIS", "AUSSOM"]),
        ("MISCA", ["MICOPAX", "MISCA", "MINUSCA"]),
        ("MINUSMA", ["AFISMA", "MINUSMA"]),
    ],
)
def test_successor_chains(cat, start, chain):
    assert [m.id for m in cat.chain(cat.get(start))] == chain


def test_successors_take_over_from_missions_that_ended(cat):
    for m in cat:
        nxt = cat.successor(m)
        if nxt is not None:
            assert m.end, m.id
            assert int(nxt.start[:4]) <= int(m.end[:4]) + 1, (m.id, nxt.id)
            assert not nxt.end or nxt.end >= m.end, (m.id, nxt.id)


def test_a_successor_outside_the_catalogue_is_a_data_error(tmp_path):
    src = geodata_path("missions.csv").read_text(encoding="utf-8").splitlines()
    head, row = src[0], src[1]
    cols = head.split(",")
    assert "successor" in cols
    r = next(csv.reader([row]))
    r[cols.index("successor")] = "NOSUCHMISSION"
    path = tmp_path / "m.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        w.writerow(r)
    with pytest.raises(DataError, match="NOSUCHMISSION"):
        MissionCatalogue(path)


def test_co_led_operations_are_found_under_each_organisation(cat):
    assert "UNAMID" in [m.id for m in cat.by_host("SDN", "AU")]
    assert "UNAMID" in [m.id for m in cat.by_host("SDN", "UN")]
    assert "AFISMA" in [m.id for m in cat.by_host("MLI", "AU")]


def test_missions_by_date(cat):
    somalia = cat.by_host("SOM", "AU")
    assert cat.at_date(somalia, "2010")[0].id == "AMISOM"
    assert cat.at_date(somalia, "2023-03-01")[0].id == "ATMIS"
    assert cat.at_date(somalia, "2026-01-01")[0].id == "AUSSOM"
    # before any of them: the nearest in time
    assert cat.at_date(somalia, "2006-06-01")[0].id == "AMISOM"
    assert runs_on(cat.get("ATMIS"), "2022") and not runs_on(cat.get("ATMIS"), "2021-12-31")


def test_names_in_british_or_american_spelling_look_up_alike(cat):
    assert mission_key("Stabilisation Force") == mission_key("Stabilization Force")
    assert [
        m.id for m in cat.lookup("African Union Support and Stabilisation Mission in Somalia")
    ] == ["AUSSOM"]


def test_readme_and_sources_count_the_missions(cat):
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    n = len(cat)
    assert f"mission catalogue ({n} missions" in (root / "README.md").read_text(encoding="utf-8")
    assert f"{n} missions" in (root / "geodata" / "SOURCES.md").read_text(encoding="utf-8")
