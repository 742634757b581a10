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


# -- stages given the tokens' words ---------------------------------------------------------

_STAGE_PIECES = [
    *_PIECES,
    *("tchadien", "sénégalaise", "maliens", "Tchadien", "République démocratique du Congo"),
    *("République centrafricaine", "Guinée équatoriale", "la République centrafricaine"),
    *("Côte d'Ivoire", "Bosnie-Herzégovine", "Deutsche Welle", "dpa", "allAfrica", "(AFP)"),
]
_STAGE_TEXTS = st.lists(
    st.tuples(st.sampled_from(_STAGE_PIECES), st.sampled_from([" ", " ", ", ", "\n", ""])),
    max_size=14,
).map(lambda drawn: "".join(p + sep for p, sep in drawn))


def _stage_inputs(gp: Geoparser, text: str):
    """What parse hands the scan, the lower-case demonyms and the filters."""
    from deploymap.extract import _french_places as frp
    from deploymap.extract.toponym_tokens import _tokens_words_capitalised

    toks, words, caps = _tokens_words_capitalised(text)
    if gp.lang == "fr":
        toks, changed = frp.split_elisions_at(text, toks)
        if changed:
            caps = sorted({*caps, *changed})
            for i in changed:
                words[i] = toks[i][2]
    return toks, words, caps


def _lower_demonyms_reference(gp: Geoparser, toks, matches, words):
    """Geoparser._lower_demonyms as first written: every match's tokens taken."""
    from deploymap.extract.toponym_types import _Match

    dem = gp._lower_dem
    taken = {i for m in matches for i in range(m.i, m.j + 1)}
    out = list(matches)
    for i, w in enumerate(words):
        if dem[w] and i not in taken:
            s, e, _ = toks[i]
            key, cands = dem[w]
            out.append(_Match(s, e, i, i, key, cands))
    out.sort(key=lambda m: m.start)
    return out


@settings(max_examples=200, deadline=None)
@given(_STAGE_TEXTS)
def test_stages_given_the_words_are_those_without(text):
    import copy

    for gp, _ in _GEOPARSERS:
        gp._trace = None
        idx = gp.index
        toks, words, caps = _stage_inputs(gp, text)
        matches = gp._scan(text, toks, idx, caps, words)
        assert matches == gp._scan(text, toks, idx)
        if gp.lang == "fr":
            gp._lower_demonyms(toks, [], words)  # (the table made)
            want = _lower_demonyms_reference(gp, toks, matches, words)
            matches = gp._lower_demonyms(toks, matches, words)
            assert matches == want
        fast = gp._filter(text, toks, copy.deepcopy(matches), idx, caps, words)
        assert fast == gp._filter(text, toks, copy.deepcopy(matches), idx)


# -- the whole parse against the stages as first written ------------------------------------


def _reference_pair(**kw: object) -> tuple[Geoparser, Geoparser]:
    from ._geoparser_reference import ReferenceGeoparser

    return Geoparser(**kw), ReferenceGeoparser(**kw)  # type: ignore[arg-type]


_AGAINST_REFERENCE = [
    _reference_pair(lang="fr", rules_off=STORY_RULES_OFF),
    _reference_pair(lang="fr"),
    _reference_pair(),
    _reference_pair(demonyms="adjectives"),
]
# ... and the runs the scan and the spelling variants walk: capitalised words
# joined by hyphens, dashes, ". " after an abbreviation, possessives, "of"
_RUN_PIECES = [
    *_STAGE_PIECES,
    *("St. Louis", "Mt. Kenya", "Port-au-Prince", "Nord–Kivu", "Bandundu‑Ville", "Mali's"),
    *("state of Washington", "New York state", "Hiraan", "Middle Shabelle", "Somalia"),
    *("Kenya Airways", "US$", "Sud-Kivu", "County", "Scott County", "south Sudan", "S. Sudan"),
    *("New", "York", "Port", "Louis", "Shabelle", "Middle", "State Of", "STATE OF", "Of"),
]
_RUN_TEXTS = st.lists(
    st.tuples(
        st.sampled_from(_RUN_PIECES),
        st.sampled_from([" ", " ", ", ", "\n", "", "-", "–", ". ", "  ", " - ", "- "]),
    ),
    max_size=14,
).map(lambda drawn: "".join(p + sep for p, sep in drawn))


@settings(max_examples=500, deadline=None)
@given(_RUN_TEXTS)
def test_parse_is_that_of_the_stages_as_first_written(text):
    for fast, reference in _AGAINST_REFERENCE:
        fast._trace = reference._trace = None
        assert _parsed(fast, text, False) == _parsed(reference, text, False)


def _joined(pieces: list[str], gaps: list[str], max_size: int = 10) -> st.SearchStrategy[str]:
    drawn = st.lists(st.tuples(st.sampled_from(pieces), st.sampled_from(gaps)), max_size=max_size)
    return drawn.map(lambda d: "".join(p + sep for p, sep in d))


# Few pieces, so that the runs they make are drawn often: names of several
# words, abbreviations before ". ", spelling variants in a country named
_RUNS = _joined(
    [
        *("New", "York", "St", "Louis", "Mt", "Kenya", "Port", "Prince", "au", "Nord", "Kivu"),
        *("Middle", "Shabelle", "Hiraan", "Somalia", "County", "Scott", "Mali", "Le", "Caire"),
    ],
    [" ", ". ", "-", "–", "  ", " - ", ", ", "'s ", "\n"],
)
# ... and "state of" in its cases, "residents of", "New York state"
_STATE_OF = _joined(
    [
        *("State", "state", "STATE", "Of", "of", "OF", "oF", "Washington", "New", "York"),
        *("Georgia", "residents", "Mali", "Dana", "41", "the"),
    ],
    [" ", ", ", "\n"],
)


# ... and spelling variants' runs ("Galgudud" for Galguduud) in running text
# (not a headline) that names their country
_VARIANTS = _joined(
    ["Galgudud", "Bakol", "Central", "Shabelle", "Gedo", "Bay", "the", "Mogadishu", "in"],
    [" ", "  ", " - ", "-", "–", ", ", " (", "\n"],
).map("the troops of the army left Somalia and went on to ".__add__)


@settings(max_examples=400, deadline=None)
@given(_RUNS | _STATE_OF | _VARIANTS)
def test_runs_and_states_are_those_of_the_stages_as_first_written(text):
    for fast, reference in _AGAINST_REFERENCE:
        fast._trace = reference._trace = None
        assert _parsed(fast, text, False) == _parsed(reference, text, False)


@pytest.mark.parametrize("of", ["state of", "State of", "State Of", "STATE OF", "state oF"])
def test_state_of_in_any_case_is_that_of_the_stages_as_first_written(of):
    text = f"Voters in the {of} Washington and in Georgia, the {of} Georgia."
    for fast, reference in _AGAINST_REFERENCE:
        assert _parsed(fast, text, False) == _parsed(reference, text, False)


# a run of two words that is a spelling variant, then a capitalised word past
# a gap of more than one character: the run stops at the gap
@pytest.mark.parametrize("gap", ["  ", " - ", " (", "-", " "])
def test_runs_past_a_gap_are_those_of_the_stages_as_first_written(gap):
    text = f"the troops of the army left Somalia and went on to Central Shabelle{gap}Gedo."
    for fast, reference in _AGAINST_REFERENCE:
        assert _parsed(fast, text, False) == _parsed(reference, text, False)
