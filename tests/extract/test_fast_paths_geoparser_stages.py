"""The geoparser's stage shortcuts give what the full stages give.

Each shortcut is switched off while the geoparser keeps a trace of its drops
(``Geoparser._trace``, which must record every match the filters drop), so a
geoparser with a trace is the reference: it parses every text to the same
toponyms as one without.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.extract.toponyms import Geoparser
from deploymap.read import STORY_RULES_OFF

# Words whose one-token matches the filters drop (French function words,
# calendar words, directions, in capitals too), what stands around them (a
# comma, "of", a line break, a dateline's credit) and what they could be read
# with (towns, countries, provinces, abbreviations, names a title opens).
_PIECES = [
    *("Le", "La", "Les", "Il", "Son", "Sur", "Lors", "LE", "LA", "Le Caire", "La Paz"),
    *("Mai", "May", "Lundi", "Monday", "Nord", "North", "Sud", "West", "NORTH"),
    *("Mali", "MALI", "Bamako", "Paris", "Texas", "Georgia", "Washington", "Niger", "Goma"),
    *("Kivu", "Tchad", "tchadien", "Ituri", "l'Ituri", "La.", "Ky.", "W. Va.", "Va."),
    *("le", "la", "of", "residents of", "state", ",", ".", "-", "(AP)", "AP"),
    *("Reuters", "said", "President", "Mr.", "John", "Chad", "de", "et"),
]
# ... joined as news joins them: by a space, ", ", a line break or nothing
_TEXTS = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", " ", ", ", "\n", ""])),
    max_size=14,
).map(lambda drawn: "".join(p + sep for p, sep in drawn))


def _pair(**kw: object) -> tuple[Geoparser, Geoparser]:
    return Geoparser(**kw), Geoparser(**kw)  # type: ignore[arg-type]


_GEOPARSERS = [
    _pair(lang="fr", rules_off=STORY_RULES_OFF),
    _pair(lang="fr"),
    _pair(),
    _pair(demonyms="adjectives"),
]


def _parsed(gp: Geoparser, text: str, traced: bool) -> list[tuple[object, ...]]:
    gp._trace = [] if traced else None
    return [dataclasses.astuple(t) for t in gp.parse(text)]


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_matches_left_unmade_change_no_toponym(text):
    for fast, reference in _GEOPARSERS:
        assert _parsed(fast, text, False) == _parsed(reference, text, True)


# What a dropped one-token match still does on its way through the filters,
# one text for each (each fails if the shortcut leaves out its test): the town
# of an abbreviation after ", "; the qualifier of "Town, Province" ("Centre",
# a province of Cameroon, keeps a town that is a common word); a dateline
# fixing a key that an abbreviation of the same key then keeps.
@pytest.mark.parametrize(
    "text",
    [
        "Rain fell in May, Ky. and Paris.",
        "Pluie à Le, W. Va. et Paris.",
        "Vers Yoko, Centre et Goma.",
        "QUE (AP) - Président Roy.\nQuebec, Que. Roy a dit.",
    ],
)
def test_matches_left_unmade_change_no_toponym_here(text):
    for fast, reference in _GEOPARSERS:
        assert _parsed(fast, text, False) == _parsed(reference, text, True)
