"""Deployment extraction on sentences written for these tests (news-style, real facts)."""

from __future__ import annotations

import pytest

from deploymap.read import read_text


def contributors(story):
    return {d.contributor: d.troops for d in story.deployments}


def test_strong_force_and_total_with_peak():
    s = read_text(
        "NATO's Kosovo Force (KFOR) now counts about 4,500 troops, down from some 50,000 at "
        "its peak in 1999. Turkey commands a 780-strong Turkish contingent there."
    )
    assert s.mission.mission.id == "KFOR"
    assert s.mission.troops == 4500
    assert s.mission.peak == 50000
    assert contributors(s) == {"TUR": 780}


def test_has_troops_and_followed_by_with():
    s = read_text(
        "Indonesia has around 1,230 troops in the UN Interim Force in Lebanon (UNIFIL), "
        "followed by Italy with some 1,070 and India with about 900."
    )
    assert s.mission.mission.id == "UNIFIL"
    assert contributors(s) == {"IDN": 1230, "ITA": 1070, "IND": 900}


def test_bringing_its_contingent_to_a_new_total():
    s = read_text(
        "Rwanda sent an additional battalion of 750 soldiers to MINUSCA this month, "
        "bringing its contingent to more than 2,100."
    )
    assert s.mission.mission.id == "MINUSCA"
    assert contributors(s) == {"RWA": 2100}


def test_figure_shared_with_each():
    s = read_text(
        "In the UN buffer zone, UNFICYP relies on Argentina and Slovakia, which field "
        "roughly 240 soldiers each."
    )
    assert contributors(s) == {"ARG": 240, "SVK": 240}


def test_strong_mission_total():
    s = read_text(
        "The 14,400-strong force, MINUSCA, protects civilians across the Central African "
        "Republic. Rwandan and Egyptian units hold Bangui."
    )
    assert s.mission.troops == 14400
    assert set(contributors(s)) == {"RWA", "EGY"}
    assert s.mission.mission.hosts == ("CAF",)


@pytest.mark.parametrize(
    ("text", "not_contributor"),
    [
        (
            "Indian peacekeepers of MONUSCO backed Congolese forces near Goma as rebels advanced.",
            "COD",
        ),
        (
            "UNFICYP patrols the buffer zone where Greek Cypriot farmers work the fields; "
            "Slovakia provides 240 soldiers.",
            "CYP",
        ),
        (
            "Ghana has 870 troops with UNIFIL, and Israel and Hezbollah traded fire across "
            "the Blue Line.",
            "ISR",
        ),
        (
            "Kenya sent 600 soldiers to ATMIS, replacing Ethiopian units that left the "
            "mission in June.",
            "ETH",
        ),
        (
            "Turkey leads KFOR with about 780 soldiers; it also sold drones to Ukraine to "
            "fight Russian forces.",
            "RUS",
        ),
    ],
)
def test_not_contributors(text, not_contributor):
    s = read_text(text)
    assert not_contributor not in contributors(s)
    assert contributors(s), "the real contributor is still found"


def test_mission_by_description_and_handover_with_date():
    s = read_text(
        "PRISTINA, 5 October 2023 - Hungary will take over command of the NATO-led force in "
        "Kosovo from Turkey on Oct. 10, officials said."
    )
    assert s.mission.mission.id == "KFOR"
    (ev,) = [e for e in s.events if e.kind == "handover"]
    assert ev.actors == ("HUN", "TUR")
    assert ev.date == "2023-10-10"
    assert "HUN" in contributors(s)
    assert "TUR" not in contributors(s)


def test_command_passes_from_to():
    s = read_text("Command of KFOR passes from Italy to Turkey on 10 October 2023.")
    (ev,) = [e for e in s.events if e.kind == "handover"]
    assert ev.actors == ("TUR", "ITA") and ev.date == "2023-10-10"


def test_uncatalogued_mission_by_pattern():
    s = read_text(
        "Monitors of the Multinational Observer Mission in Chad (MOMC) said Niger and "
        "Benin sent 120 observers."
    )
    m = s.mission.mission
    assert m.id == "MOMC" and m.hosts == ("TCD",) and not m.in_catalogue


def test_the_un_mission_in_mali_is_minusma():
    s = read_text("Senegal withdrew its last 300 troops from the UN mission in Mali.")
    assert s.mission.mission.id == "MINUSMA"


def test_every_record_points_at_its_sentence():
    text = (
        "Fiji sends 150 soldiers to UNDOF. The observer force has about 1,100 troops. "
        "Patrols leave from Camp Faouar."
    )
    s = read_text(text)
    for d in s.deployments:
        for ev in d.evidence:
            assert text[ev.start : ev.end] == ev.text
            assert "Fiji" in ev.text
    assert s.mission.troops == 1100
    (ev,) = s.mission.evidence
    assert text[ev.start : ev.end] == ev.text and "1,100" in ev.text


def test_empty_and_placeless_text():
    assert read_text("").deployments == ()
    s = read_text("nothing to see here, 42 apples.")
    assert s.missions == () and s.deployments == ()


def test_parenthesised_figures_and_lead_nations():
    s = read_text(
        "Indonesia is the largest contributor to UNIFIL with 1,231 soldiers, ahead of Italy "
        "(1,068) and India (903). Spain leads Sector East from Marjayoun."
    )
    assert contributors(s) == {"IDN": 1231, "ITA": 1068, "IND": 903, "ESP": None}


def test_each_before_the_verb_and_noun_of_figure():
    s = read_text(
        "Rwanda, India and Nepal each provide more than 1,000 troops to the 17,000-strong "
        "UN Mission in South Sudan (UNMISS). China deployed an infantry battalion of 700 "
        "to Juba in May."
    )
    assert s.mission.mission.id == "UNMISS" and s.mission.troops == 17000
    assert contributors(s) == {"RWA": 1000, "IND": 1000, "NPL": 1000, "CHN": 700}


def test_taking_the_force_to_a_new_total():
    s = read_text(
        "EUFOR Althea will bring in 500 reserve troops from Austria and Romania, taking the "
        "force to about 1,100."
    )
    assert s.mission.troops == 1100
    assert set(contributors(s)) == {"AUT", "ROU"}


def test_story_layers_are_geodataframes():
    s = read_text(
        "Turkey keeps about 600 soldiers in KFOR, the NATO-led force in Kosovo, based at "
        "Camp Film City in Pristina."
    )
    layers = s.layers()
    assert set(layers) == {"country", "mission_area", "force", "place", "flow"}
    assert str(layers["force"].crs) == "EPSG:4326"
    hosts = layers["country"][layers["country"]["role"] == "host"]
    assert list(hosts["iso3"]) == ["XKX"]
    assert (
        layers["mission_area"]
        .geometry.iloc[0]
        .contains(layers["place"][layers["place"]["name"] == "Pristina"].geometry.iloc[0])
    )
    assert (layers["flow"]["iso3"] == "TUR").any()
