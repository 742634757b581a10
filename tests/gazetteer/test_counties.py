"""US counties (kind ``admin2``) from the Census Bureau boundaries in us-atlas."""

from __future__ import annotations

import sqlite3

import pytest

from deploymap.gazetteer import Gazetteer
from deploymap.gazetteer.us_counties import _county_names


@pytest.fixture(scope="module")
def counties(gaz):
    con = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT p.ref, p.name, p.iso3, a.name, a.kind, p.population, p.lat5, p.lon5 "
        "FROM places p LEFT JOIN places a ON a.pk = p.admin1 WHERE p.kind = 'admin2'"
    ).fetchall()
    con.close()
    return rows


def test_county_count_is_the_census_count_without_independent_cities(counties):
    # 3,142 county equivalents in the 50 states and DC (2017), less DC and the
    # 41 independent cities: 3,100.
    assert 3050 <= len(counties) <= 3200
    refs = [r[0] for r in counties]
    assert len(set(refs)) == len(refs)
    assert all(ref.startswith("fips:") and len(ref) == 10 for ref in refs)


def test_every_county_is_in_a_us_state(counties):
    assert {r[2] for r in counties} == {"USA"}
    assert {r[4] for r in counties} == {"admin1"}
    assert len({r[3] for r in counties}) == 50
    assert "District of Columbia" not in {r[3] for r in counties}


def test_county_points_are_in_the_united_states(gaz, counties):
    # Points only (no county polygons are stored); a handful of coastal
    # centroids fall in bays that the simplified national outline leaves out.
    on_land = sum(gaz.country_at(lat / 1e5, lon / 1e5) == "USA" for *_, lat, lon in counties)
    assert on_land >= len(counties) - 20


def test_metcalfe_county_kentucky(gaz):
    cands = gaz.candidates("Metcalfe County")
    assert [c.place.id for c in cands] == ["fips:21169"]
    p = cands[0].place
    assert (p.name, p.kind, p.iso3, p.admin1) == ("Metcalfe County", "admin2", "USA", "Kentucky")
    assert 36.8 < p.lat < 37.2 and -85.9 < p.lon < -85.4
    assert p.source.startswith("U.S. Census Bureau")


def test_the_bare_name_is_not_a_county(gaz):
    assert gaz.candidates("Metcalfe", kinds=["admin2"]) == []
    assert gaz.candidates("Monroe", kinds=["admin2"]) == []


def test_seventeen_monroe_counties_ranked_by_population(gaz):
    cands = gaz.candidates("Monroe County")
    assert len(cands) == 17
    assert {c.place.kind for c in cands} == {"admin2"}
    assert len({c.place.admin1 for c in cands}) == 17
    top = cands[0].place
    assert top.admin1 == "New York" and top.id == "fips:36055"  # Rochester's
    assert top.population > 300_000
    pops = [c.place.population for c in cands]
    assert pops == sorted(pops, reverse=True)


@pytest.mark.parametrize(
    ("name", "ref", "state"),
    [
        ("Laurel County", "fips:21125", "Kentucky"),  # the largest of the Laurel Counties
        ("Black Hawk County", "fips:19013", "Iowa"),
        ("St. Tammany Parish", "fips:22103", "Louisiana"),
        ("Saint Tammany Parish", "fips:22103", "Louisiana"),
        ("Orleans Parish", "fips:22071", "Louisiana"),
        ("Doña Ana County", "fips:35013", "New Mexico"),
        ("Dona Ana County", "fips:35013", "New Mexico"),
        ("Prince George's County", "fips:24033", "Maryland"),
        ("Prince Georges County", "fips:24033", "Maryland"),
        ("Baltimore County", "fips:24005", "Maryland"),
        ("Fairfax County", "fips:51059", "Virginia"),
        ("Matanuska-Susitna Borough", "fips:02170", "Alaska"),
        ("Bethel Census Area", "fips:02050", "Alaska"),
        ("City and Borough of Juneau", "fips:02110", "Alaska"),
        ("Ste. Genevieve County", "fips:29186", "Missouri"),
    ],
)
def test_county_names_and_spellings(gaz, name, ref, state):
    best = gaz.candidates(name, kinds=["admin2"])[0].place
    assert (best.id, best.admin1) == (ref, state)


def test_st_louis_county_is_kept_and_st_louis_city_is_not_a_county(gaz):
    mo = [c.place for c in gaz.candidates("St. Louis County") if c.place.admin1 == "Missouri"]
    assert [p.id for p in mo] == ["fips:29189"]
    with pytest.raises(KeyError):
        gaz.get("fips:29510")  # St. Louis city
    with pytest.raises(KeyError):
        gaz.get("fips:24510")  # Baltimore city


@pytest.mark.parametrize("city", ["Richmond", "Alexandria", "Norfolk", "Virginia Beach"])
def test_virginia_independent_cities_are_not_counties(gaz, city):
    va = [c.place for c in gaz.candidates(city) if c.place.admin1 == "Virginia"]
    assert va and all(p.kind in ("city", "capital") for p in va)
    assert gaz.candidates(f"{city} city", kinds=["admin2"]) == []


def test_richmond_county_virginia_is_a_county_but_richmond_city_is_not(gaz):
    with pytest.raises(KeyError):
        gaz.get("fips:51760")  # Richmond city, independent
    county = gaz.get("fips:51159")
    assert (county.name, county.kind, county.admin1) == ("Richmond County", "admin2", "Virginia")


def test_county_ids_are_stable(gaz):
    first = gaz.best("Monroe County")
    again = Gazetteer(gaz.path).best("Monroe County")
    assert first == again and first.id == "fips:36055"
    assert gaz.get("fips:21169") == gaz.get("fips:21169")
    assert gaz.get("fips:21169").name == "Metcalfe County"


def test_county_names_function():
    assert _county_names("21169", "Metcalfe") == ("Metcalfe County", [])
    assert _county_names("22103", "St. Tammany") == (
        "St. Tammany Parish",
        ["Saint Tammany Parish"],
    )
    assert _county_names("17037", "DeKalb") == ("DeKalb County", ["De Kalb County"])
    assert _county_names("48283", "La Salle") == ("La Salle County", ["LaSalle County"])
    assert _county_names("02261", "Valdez-Cordova")[0] == "Valdez-Cordova Census Area"
    assert _county_names("02020", "Anchorage") == (
        "Anchorage Municipality",
        ["Municipality of Anchorage"],
    )
    assert _county_names("02185", "North Slope")[0] == "North Slope Borough"
