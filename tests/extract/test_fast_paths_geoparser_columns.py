"""The geoparser's C-speed shortcuts of the sixth speed round give what the
loops they replace give.

Each helper is checked against the comprehension or loop it stands for (written
here as it was), on drawn inputs; the stages that use them are checked by
running each stage with and without what the shortcut needs (``caps`` and
``words``: without them, the stage takes its full loop), and the whole parse
against :class:`tests.extract._geoparser_reference.ReferenceGeoparser` (see
``test_fast_paths_geoparser_stages.py``).
"""

from __future__ import annotations

import copy
import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.extract import _place_lexicon as plex
from deploymap.extract.toponym_resolve import _match_facts
from deploymap.extract.toponym_scan import _may_extend
from deploymap.extract.toponym_spelling import _countries_of, _maybe_spelt, _tokens_of
from deploymap.extract.toponym_tokens import _tokens_words_capitalised
from deploymap.extract.toponym_types import _Match
from deploymap.extract.toponyms import Geoparser
from deploymap.model import Place
from deploymap.read import STORY_RULES_OFF

from ._geoparser_reference import ReferenceGeoparser

_WORDS = ["Mali", "Gao", "north", "x", "Nord", "de", "A", "l", "South", "Kivu"]
_KINDS = ["gazetteer", "suffix", "abbreviation", "loose"]


@st.composite
def _matches(draw: st.DrawFn) -> tuple[list[_Match], list[str]]:
    """Matches over a drawn list of words: in order, not overlapping, of one to
    three tokens, of drawn kinds and places (none, a country, a town)."""
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=16))
    places = [
        None,
        Place("country:MLI", "Mali", "country", "MLI", 17.0, -4.0),
        Place("country:TCD", "Chad", "country", "TCD", 15.0, 19.0),
        Place("geonames:1", "Gao", "city", "MLI", 16.3, 0.0),
    ]
    out = []
    i = draw(st.integers(0, 2))
    while i < len(words):
        j = min(len(words) - 1, i + draw(st.integers(0, 2)))
        m = _Match(i * 5, j * 5 + 4, i, j, " ".join(words[i : j + 1]).lower(), ())
        m.kind = draw(st.sampled_from(_KINDS))
        m.place = draw(st.sampled_from(places))
        out.append(m)
        i = j + 1 + draw(st.integers(0, 2))
    return out, words


@settings(max_examples=300, deadline=None)
@given(_matches())
def test_tokens_and_countries_are_the_comprehensions(drawn):
    matches, _ = drawn
    assert _tokens_of(matches) == {k for m in matches for k in range(m.i, m.j + 1)}
    assert _countries_of(matches) == {
        m.place.iso3 for m in matches if m.place and m.place.kind == "country"
    }


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=16),
    st.sets(st.sampled_from(_WORDS)),
    st.data(),
)
def test_maybe_spelt_drops_only_known_one_word_runs(words, unspelt, data):
    caps = [k for k, w in enumerate(words) if w[0].isupper()]
    free = sorted(data.draw(st.sets(st.sampled_from(caps))) if caps else [])
    # the loop's own skip: a word known to have no variant, its run that word alone
    want = [i for i in free if not (words[i] in unspelt and i + 1 not in caps)]
    assert _maybe_spelt(free, caps, words, unspelt) == want


@settings(max_examples=300, deadline=None)
@given(_matches())
def test_may_extend_lets_through_every_match_the_loop_may_grow(drawn):
    matches, words = drawn
    caps = [k for k, w in enumerate(words) if w[0].isupper()]
    lower = plex.LOWER_DIRECTIONS
    # the first tests of each of _extend's branches
    want = [
        m
        for m in matches
        if m.kind == "gazetteer"
        and (
            (m.j + 1 < len(words) and words[m.j + 1][0].isupper())
            or (
                m.i > 0
                and (
                    words[m.i - 1][0].isupper()
                    or words[m.i - 1] in lower
                    or len(words[m.i - 1]) == 1
                )
            )
        )
    ]
    got = list(_may_extend(matches, caps, words, lower))
    assert all(m in got for m in want)
    # ... and no other, but at the first token (its "before" is the last word)
    assert all(m in want or m.i == 0 for m in got)


_GP_FR = Geoparser(lang="fr", rules_off=STORY_RULES_OFF)
_GP_EN = Geoparser()

_PIECES = [
    *("Mali", "Gao", "Tchad", "Chad", "Kivu", "Nord", "North", "Sud", "South", "south"),
    *("Scott", "County", "Road", "Georgia", "Atlanta", "Paris", "Texas", "Somalia", "Hiraan"),
    *("Middle", "Shabelle", "Galgudud", "S.", "Sudan", "le", "la", "of", "in", "et", "de"),
    *("tchadien", "l'Ituri", "Ituri", "Bunia", "Goma", "Niger", "Congo", "A", "x"),
]
_TEXTS = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", " ", ", ", "\n", "-", ". ", ""])),
    max_size=16,
).map(lambda drawn: "".join(p + sep for p, sep in drawn))


def _stage_inputs(gp: Geoparser, text: str):
    toks, words, caps = _tokens_words_capitalised(text)
    matches = gp._scan(text, toks, gp.index, caps, words)
    return toks, words, caps, gp._filter(text, toks, matches, gp.index, caps, words)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_extend_and_variants_given_the_words_are_those_without(text):
    for gp in (_GP_FR, _GP_EN):
        toks, words, caps, matches = _stage_inputs(gp, text)
        fast, full = copy.deepcopy(matches), copy.deepcopy(matches)
        gp._extend(text, toks, fast, caps, words)
        gp._extend(text, toks, full)
        assert fast == full
        gp._resolve(text, full)
        # (the lone words known to have no variant are skipped only with words)
        assert gp._loose_matches(text, toks, full, caps, words) == gp._loose_matches(
            text, toks, full, caps
        )


@settings(max_examples=200, deadline=None)
@given(_TEXTS, st.booleans())
def test_match_facts_are_those_of_each_match(text, forget):
    for gp in (_GP_FR, _GP_EN):
        *_, matches = _stage_inputs(gp, text)
        if forget:  # (a cold memo: each list's facts worked out)
            gp._facts_of.clear()
        assert _match_facts(gp, matches) == [gp._facts(m.cands) for m in matches]


_REFERENCES = [
    (
        Geoparser(lang="fr", rules_off=STORY_RULES_OFF),
        ReferenceGeoparser(lang="fr", rules_off=STORY_RULES_OFF),
    ),
    (Geoparser(), ReferenceGeoparser()),
]


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_parse_is_that_of_the_reference_stages(text):
    for fast, reference in _REFERENCES:
        got = [dataclasses.astuple(t) for t in fast.parse(text)]
        assert got == [dataclasses.astuple(t) for t in reference.parse(text)]
        # the toponyms are whole Toponyms, equal field by field
        assert fast.parse(text) == reference.parse(text)
