"""Geoparser rules of issue 17 (general error classes), one test per mechanism,
on sentences of our own."""

from __future__ import annotations

import json
import math

import pytest

from deploymap.extract.toponyms import Geoparser


@pytest.fixture(scope="module")
def gp(gaz):
    return Geoparser(gaz)


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def point(gp, text, name):
    (t,) = [t for t in gp.parse(text) if t.text == name]
    return t.lat, t.lon


# -- country points ------------------------------------------------------------------------


def test_country_point_conventions(gp, gaz):
    text = "Canada and Vietnam sent engineers."
    conv = Geoparser(gaz, country_point="conventional")
    auto = point(gp, text, "Canada")
    conventional = point(conv, text, "Canada")
    centroid = point(Geoparser(gaz, country_point="centroid"), text, "Canada")
    label = point(Geoparser(gaz, country_point="label"), text, "Canada")
    assert conventional == (60.0, -95.0)
    assert auto == centroid  # over 2 million km²: the equal-area centroid
    assert km(label, centroid) > 100 and km(conventional, centroid) > 100
    # a small country keeps its conventional point unless asked otherwise
    assert point(gp, text, "Vietnam") == point(conv, text, "Vietnam")
    with pytest.raises(ValueError, match="country_point must be one of"):
        Geoparser(gaz, country_point="geonames-ish")


def test_cli_country_point_option(tmp_path):
    from deploymap.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Canada sent engineers."}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["geoparse", str(src), "-o", str(out), "--country-point", "conventional"]) == 0
    (t,) = json.loads(out.read_text())["toponyms"]
    assert (t["lat"], t["lon"]) == (60.0, -95.0)


# -- rules (each one is also checked switched off: that is the behaviour before it) -------


def found(gp, text):
    return [(t.text, t.kind) for t in gp.parse(text)]


class without:
    """The shared geoparser with one parse-time rule switched off (one index for all)."""

    def __init__(self, gp, rule):
        self.gp, self.rule = gp, rule

    def parse(self, text):
        saved = self.gp.rules_off
        self.gp.rules_off = saved | {self.rule}
        try:
            return self.gp.parse(text)
        finally:
            self.gp.rules_off = saved


def test_speaker_of_a_place_is_not_the_place(gp, gaz):
    text = "The mayor of Fairfield told reporters the bridge would reopen."
    assert ("Fairfield", "city") in found(gp, text)
    assert found(without(gp, "speaker_of"), text) == []


def test_resident_of_makes_a_place_of_a_common_name(gp, gaz):
    text = "Dana Voss, 41, of Tyler said the creek rose overnight."
    assert [t.iso3 for t in gp.parse(text)] == ["USA"]
    assert found(without(gp, "resident_of"), text) == []
    text = "Crews reached the village of Bath overnight."
    assert [t.text for t in gp.parse(text)] == ["Bath"]
    assert found(without(gp, "resident_of"), text) == []


def test_streets_are_put_at_the_town_of_the_text(gp, gaz):
    text = (
        "Crews closed Rest Acres Road and Mill Creek Drive near Brantford, Ontario, "
        "and Highway 24 stayed shut. The Wall Street Journal did not report it."
    )
    got = {t.text: t for t in gp.parse(text)}
    for street in ("Rest Acres Road", "Mill Creek Drive", "Highway 24"):
        assert got[street].kind == "street"
        assert got[street].iso3 == "CAN"
        assert km((got[street].lat, got[street].lon), (43.14, -80.26)) < 20
    assert not any("Wall" in name for name in got)
    off = {t.text: t for t in without(gp, "streets").parse(text)}
    assert "Rest Acres Road" not in off and "Highway 24" not in off
    assert off["Mill Creek Drive"].iso3 != "CAN"  # the namesake town, far away


def test_a_street_needs_a_town(gp, gaz):
    assert found(gp, "Traffic on Rest Acres Road was slow.") == []


def test_dotted_state_abbreviation_with_a_space(gp, gaz):
    text = "Floods reached Beckley, W. Va., on Monday."
    got = [(t.text, t.name) for t in gp.parse(text)]
    assert ("W. Va.", "West Virginia") in got
    off = [t.text for t in without(gp, "dotted_states").parse(text)]
    assert "W. Va." not in off
    text = "Floods reached Charleston, W.Va., on Monday."
    assert [t.name for t in gp.parse(text)][1:] == ["West Virginia"]
    assert [t.text for t in without(gp, "dotted_states").parse(text)] == ["Charleston"]


def test_state_of_the_sure_towns_decides_a_namesake_town(gp, gaz):
    text = "Paris police said the man from Lufkin and Nacogdoches was held in Paris overnight."
    got = [(t.text, t.iso3) for t in gp.parse(text)]
    assert got.count(("Paris", "USA")) == 2
    off = [(t.text, t.iso3) for t in without(gp, "state_votes").parse(text)]
    assert ("Paris", "FRA") in off
    # a name that reads best as a province keeps it: the votes choose among towns
    text = "Flooding in Ontario reached towns near Kingston and Belleville."
    (ontario,) = [t for t in gp.parse(text) if t.text == "Ontario"]
    assert (ontario.kind, ontario.iso3) == ("admin1", "CAN")


def test_landmarks_are_places_at_their_town(gp, gaz):
    text = "Flights left Goma International Airport; later the Kivu Art Museum in Goma reopened."
    got = {t.text: t for t in gp.parse(text)}
    airport, museum = got["Goma International Airport"], got["Kivu Art Museum"]
    assert airport.kind == museum.kind == "street" and airport.iso3 == "COD"
    assert km((airport.lat, airport.lon), (museum.lat, museum.lon)) < 1
    off = [t.text for t in without(gp, "landmarks").parse(text)]
    assert "Goma International Airport" not in off and "Kivu Art Museum" not in off


def test_places_heading_organisations_are_left_out_unless_asked(gp, gaz):
    text = "The Lufkin Independent School District closed on Monday."
    assert found(gp, text) == []
    assert [t for t, _ in found(without(gp, "inside_org"), text)] == ["Lufkin"]


def test_a_common_word_listed_with_a_place_is_a_place(gp, gaz):
    text = "Students at Oxford and Cambridge protested."
    assert [t for t, _ in found(gp, text)] == ["Oxford", "Cambridge"]
    assert [t for t, _ in found(without(gp, "list_mates"), text)] == ["Oxford"]


def test_direction_only_provinces_need_their_country(gp, gaz):
    text = "Youth crime rose in Far North Queensland."
    assert "Far North" not in [t for t, _ in found(gp, text)]
    assert "Far North" in [t for t, _ in found(without(gp, "direction_areas"), text)]
    text = "The Far North region of Cameroon is tense; the Middle East is calm."
    got = {t.text: t.iso3 for t in gp.parse(text)}
    assert got["Far North"] == "CMR" and "Middle East" in got


def test_initialisms_skip_the_common_word_test(gp, gaz):
    text = "Samples went from the farm to a NY laboratory."
    assert [t.name for t in gp.parse(text)] == ["New York"]
    assert found(without(gp, "initialisms"), text) == []


def test_region_demonyms_follow_the_demonym_choice(gp, gaz):
    text = "European and West African envoys met Latin Americans in Lima."
    got = [(t.text, t.name, t.demonym) for t in gp.parse(text)]
    assert got[:3] == [
        ("European", "Europe", True),
        ("West African", "West Africa", True),
        ("Latin Americans", "Latin America", True),
    ]
    adjectives = [t.text for t in Geoparser(gaz, demonyms="adjectives").parse(text)]
    assert "European" in adjectives and "Latin Americans" not in adjectives
    assert [t.text for t in Geoparser(gaz, demonyms="none").parse(text)] == ["Lima"]
    off = [(t.text, t.name) for t in Geoparser(gaz, rules_off=["region_demonyms"]).parse(text)]
    assert ("Americans", "United States") in off and "European" not in [t for t, _ in off]


def test_titles_addresses_and_demonym_names_are_not_streets(gp):
    text = (
        "In Brantford, Ontario, the clinic at 12 Court Street is run by Medical Service "
        "Dr. Ada Brown and the Iranian Red Crescent."
    )
    assert [t.kind for t in gp.parse(text) if t.kind == "street"] == []
