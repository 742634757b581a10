"""Missions named, described and dated, on sentences written for these tests."""

from __future__ import annotations

import pytest

from deploymap.extract.missions import MissionFinder, is_national_force
from deploymap.gazetteer.missions import MissionCatalogue
from deploymap.read import Reader


@pytest.fixture(scope="module")
def reader(gaz):
    return Reader(gaz)


@pytest.fixture(scope="module")
def finder(gaz):
    return MissionFinder(MissionCatalogue(), gaz)


def mission_of(reader, text, date=""):
    story = reader.read(text, date=date)
    return story.mission.mission if story.mission else None


def ids(reader, text, date=""):
    return [m.mission.id for m in reader.read(text, date=date).missions]


# -- described without the acronym ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # no organisation named: a peace word and a host are enough
        ("Ghana rotated a battalion into the peacekeeping force in Lebanon.", "", "UNIFIL"),
        ("Nepal has about 1,700 peacekeepers in South Sudan.", "2021-05-01", "UNMISS"),
        # organisation + words + noun + host
        ("Chad's troops joined the AU force in Darfur last week.", "2005-03-01", "AMIS"),
        ("Egyptian engineers joined the UN mission in South Sudan.", "2019-02-01", "UNMISS"),
        ("Brazil leads the UN's stabilisation mission in Haiti.", "2010-02-01", "MINUSTAH"),
        # "the <noun> of the <organisation>"
        (
            "Burundi sent a battalion to the regional force of the East African Community "
            "deployed around Goma.",
            "2023-01-10",
            "EACRF",
        ),
    ],
)
def test_mission_found_by_its_description(reader, text, date, expected):
    assert mission_of(reader, text, date).id == expected


def test_joint_un_au_operation_is_found_as_an_au_force_after_the_handover(reader):
    # UNAMID was led by the UN and the AU together: an "AU force in Darfur" of 2010 is it
    text = "Rwanda added 800 troops to the African Union force in Darfur."
    assert mission_of(reader, text, "2010-05-01").id == "UNAMID"
    assert mission_of(reader, text, "2005-05-01").id == "AMIS"


def test_description_without_a_host_takes_the_country_the_text_is_about(reader):
    text = (
        "Bangladesh will send 150 engineers to join the UN peacekeeping operation next month. "
        "The engineers will rebuild roads in northern Mali, where the army is fighting "
        "rebels. Mali's government welcomed the offer."
    )
    m = mission_of(reader, text, "2016-03-01")
    assert m.id == "MINUSMA" and m.host == "MLI"


def test_descriptions_of_one_organisation_mean_one_mission(reader):
    # "stabilisation" says which UN mission in Haiti; the bare "UN troops" is that one too
    text = (
        "Uruguay will bring home 250 soldiers from the United Nations stabilisation "
        "mission there. UN troops have been in Haiti since the crisis."
    )
    assert ids(reader, text) == ["MINUSTAH"]


# -- chosen by the article's date --------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2015-06-01", "AMISOM"),
        ("2022-02-01", "AMISOM"),
        ("2022-06-01", "ATMIS"),
        ("2025-06-01", "AUSSOM"),
    ],
)
def test_same_host_missions_chosen_by_date(reader, date, expected):
    text = "Uganda sent more troops to the African Union mission in Somalia."
    assert mission_of(reader, text, date).id == expected


def test_same_acronym_missions_chosen_by_date(reader):
    text = "Pakistani soldiers of UNOSOM guarded the port."
    assert mission_of(reader, text, "1992-10-01").id == "UNOSOM-I"
    assert mission_of(reader, text, "1994-10-01").id == "UNOSOM-II"


def test_same_name_missions_chosen_by_date(reader):
    text = "Troops of the UN Mission in the Central African Republic patrolled Bangui."
    assert mission_of(reader, text, "1999-01-01").id == "MINURCA"
    assert mission_of(reader, text, "2016-01-01").id == "MINUSCA"


def test_british_spelling_and_a_dropped_article_still_name_the_mission(reader):
    text = (
        "India has 1,800 troops with the UN Organisation Stabilisation Mission in the "
        "Democratic Republic of Congo (DRC)."
    )
    assert ids(reader, text) == ["MONUSCO"]


# -- regional and ad hoc forces ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "expected", "host"),
    [
        ("Nigeria led ECOMIL into Monrovia.", "2003-08-10", "ECOMIL", "LBR"),
        ("ECOMOG troops retook Freetown from the rebels.", "1999-02-01", "ECOMOG", "SLE"),
        ("Senegal kept troops with ECOMIB in Bissau.", "2015-01-01", "ECOMIB", "GNB"),
        ("Kenyan police of the MSS patrolled the capital.", "2024-09-01", "MSS", "HTI"),
        (
            "Nigerian and Chadian troops of the MNJTF fought near Maiduguri.",
            "2016-01-01",
            "MNJTF",
            "NGA",
        ),
        (
            "Niger's battalion of the MNJTF fought near Diffa, in Niger.",
            "2016-01-01",
            "MNJTF",
            "NER",
        ),
        ("Togo pledged 500 soldiers to AFISMA.", "2013-01-15", "AFISMA", "MLI"),
        ("Gabon's contingent of MISCA left Bangui.", "2014-05-01", "MISCA", "CAF"),
        ("Kenya's battalion of the EACRF left Goma.", "2023-11-01", "EACRF", "COD"),
        ("Malawi sent troops to SAMIDRC.", "2024-02-01", "SAMIDRC", "COD"),
    ],
)
def test_regional_and_ad_hoc_forces(reader, text, date, expected, host):
    m = mission_of(reader, text, date)
    assert (m.id, m.host) == (expected, host)


# -- what is not a mission ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers of the Rwanda Defence Force (RDF) arrived in Cabo Delgado.",
        "The Uganda People's Defence Forces (UPDF) sent a battalion to Somalia.",
        "The Malawi Defence Force (MDF) said its troops were safe.",
        "Officials of the Ministry of Defence Office (MODO) in Nairobi declined to comment.",
    ],
)
def test_armed_forces_and_ministries_are_not_missions(reader, text):
    assert ids(reader, text) == []


def test_national_force_names():
    assert is_national_force("Kenya Defence Forces")
    assert is_national_force("Armed Forces of the Democratic Republic of the Congo")
    assert not is_national_force("Multinational Joint Task Force")
    assert not is_national_force("United Nations Interim Force in Lebanon")


def test_an_acronym_of_the_place_is_not_a_mission(finder):
    text = "Talks on a Peace Support Force in the Central African Republic (CAR) went on."
    assert [h.mission.id for h in finder.find(text)] == []


# -- hosts -------------------------------------------------------------------------------


def test_mission_outside_the_catalogue_takes_its_host_from_the_text(reader):
    text = (
        "Observers of the Joint Border Verification Force (JBVF) crossed from Kadugli. "
        "Sudan's army escorted them."
    )
    m = mission_of(reader, text)
    assert m.id == "JBVF" and not m.in_catalogue and m.host == "SDN"


def test_every_mission_found_has_a_host(reader):
    text = (
        "The Lake Victoria Support Mission (LVSM) and the UN peacekeepers in Cyprus, "
        "the AU force in Somalia and KFOR all sent reports from Kampala."
    )
    story = reader.read(text, date="2020-01-01")
    assert story.missions
    assert all(m.mission.host for m in story.missions)


def test_the_host_the_text_says_a_mission_is_based_in_comes_first(reader):
    text = (
        "India and Pakistan traded fire across the line. The UN Military Observer Group in "
        "India and Pakistan (UNMOGIP), based in Rawalpindi, sent a team to the area."
    )
    m = mission_of(reader, text, "2019-01-01")
    assert m.id == "UNMOGIP" and m.host == "PAK"
    assert set(m.hosts) == {"IND", "PAK"}
