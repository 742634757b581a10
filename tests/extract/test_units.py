"""Unit kinds and echelons read from text: one sentence per construction (our own words)."""

from __future__ import annotations

import pytest

from deploymap.extract.units import find_units
from deploymap.units import echelons, kinds, sidc


def _units(text: str) -> list[tuple[str, str, int | None, str]]:
    return [(u.kind, u.echelon, u.count, u.text) for u in find_units(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind word before an echelon noun
        (
            "Togo flew in an infantry battalion last week.",
            ("infantry", "battalion", 1, "an infantry battalion"),
        ),
        (
            "Peru keeps an engineering company near the river.",
            ("engineer", "company", 1, "an engineering company"),
        ),
        # a kind word before a unit noun that says no size
        ("Jordan opened a medical unit at the camp.", ("medical", "", 1, "a medical unit")),
        (
            "Chile lent a helicopter unit to the mission.",
            ("aviation", "", 1, "a helicopter unit"),
        ),
        ("Senegal has a police unit in the capital.", ("police", "", 1, "a police unit")),
        # a filler word between the kind and the noun
        (
            "Benin sent two formed police units in May.",
            ("police", "", 2, "two formed police units"),
        ),
        # a number word with a plural noun
        (
            "Kenya rotated three infantry companies home.",
            ("infantry", "company", 3, "three infantry companies"),
        ),
        # noun, "of", kind
        (
            "Nepal added a company of engineers to its contingent.",
            ("engineer", "company", 1, "a company of engineers"),
        ),
        ("A team of medics from Fiji arrived.", ("medical", "team", 1, "A team of medics")),
        # a phrase that names the unit on its own
        (
            "Ireland sends military observers to the region.",
            ("observers", "", None, "military observers"),
        ),
        (
            "Egypt set up a field hospital outside the town.",
            ("hospital", "", 1, "a field hospital"),
        ),
        # an echelon noun that is military with no kind word
        ("Mongolia deployed a battalion to the north.", ("", "battalion", 1, "a battalion")),
        # a UN contingent abbreviation: country prefix and unit suffix
        ("Patrols by GHANBATT resumed.", ("infantry", "battalion", None, "GHANBATT")),
        ("The PAKENGR road crew finished.", ("engineer", "", None, "PAKENGR")),
        # a multi-word kind
        (
            "Spain placed an air defence battery on the hill.",
            ("air defence", "company", 1, "an air defence battery"),
        ),
    ],
)
def test_each_construction_reads_kind_echelon_and_count(text, expected):
    assert expected in _units(text)


@pytest.mark.parametrize(
    "text",
    [
        "A Chinese company built the new road.",  # a business, not a unit
        "Police officers from Ghana trained local recruits.",  # people, not a unit
        "The mission's headquarters moved to the coast.",  # a place, not a unit
        "Election observers praised the vote.",  # not military observers
        "The ARMED men NAMED no demands.",  # capitals, not contingent abbreviations
    ],
)
def test_words_that_are_not_units(text):
    assert _units(text) == []


def test_every_kind_and_echelon_has_a_symbol_code():
    from deploymap.mapping.symbols import symbol

    for k in kinds():
        for e in echelons():
            code = sidc(k, e)
            assert len(code) == 20 and code.isdigit()
            assert symbol(code).svg.startswith("<svg")


def test_units_go_to_the_contributor_their_sentence_names(reader):
    story = reader.read(
        "Ghana keeps 800 troops in UNIFIL, and a medical unit from Malaysia also serves in "
        "UNIFIL. Malaysia has 830 soldiers in the mission. Italy has 1,000 troops in UNIFIL, "
        "among them an aviation unit."
    )
    by = {d.contributor: d for d in story.deployments}
    assert [u.kind for u in by["MYS"].units] == ["medical"]
    assert by["GHA"].units == ()
    assert [u.kind for u in by["ITA"].units] == ["aviation"]
    ev = by["ITA"].units[0].evidence
    assert ev is not None and story.text[ev.start : ev.end] == "an aviation unit"
    # the figures are what they were without the units
    assert by["ITA"].troops == 1000 and by["MYS"].troops == 830


def test_a_unit_of_a_nation_without_a_contingent_is_nobodys(reader):
    story = reader.read(
        "Indonesia has 1,200 troops in UNIFIL; Chad, not in the mission, has a helicopter unit."
    )
    assert all(d.units == () for d in story.deployments)


@pytest.fixture(scope="module")
def reader():
    from deploymap.read import Reader

    return Reader()
