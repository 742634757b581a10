"""The split of a text that the language vote and the mission finder's word
index share (speed round 4) gives what each used to cut for itself: the text's
lower case, the vote word by word and the runs of the index's keys, whichever
reader reads the split first; and the descriptions that the runs of a text
rule out (no preposition, no "of the") match nowhere in it.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from deploymap.extract import language
from deploymap.extract import mission_patterns as patterns
from deploymap.extract._text_split import CASE_CONTEXT, TextSplit
from deploymap.extract._word_index import Keys, WordIndex
from deploymap.extract.missions import MissionFinder
from deploymap.gazetteer import Gazetteer
from deploymap.gazetteer.missions import MissionCatalogue
from tests.extract.pieces import texts_of, vote_word_by_word

_PIECES = [
    "le", "Le", "LA", "les", "the", "The", "of", "and", "a", "À", "à", "É", "été", "Été",
    "ÉTÉ", "l'ONU", "L'onu", "d’un", "l’Armée", "qu'il", "n’est", "2le", "le2", "g5", "G5",
    "1er", "_x", "x_y", "a_b", "«la»", "–force", "x…", "Force", "FORCE", "opération",
    "OPÉRATION", "Opération", "\u212aFOR", "ſ", "ı", "İ", "Σ", "ΟΔΟΣ", "Straße", "ǅ", "²",
    "Ⅻ", "\xa0", "\u202f", "'", "’", " ", "\n", ",", ".", "-", "x",
]  # fmt: skip
texts = texts_of(_PIECES, max_size=14) | st.text(max_size=30)
_KEYS = Keys({"le", "un", "a", "onu", "armée", "force", "opération", "été", "g5", "x_y", "kfor"})
_RUN = re.compile(r"\w+")


@settings(max_examples=500, deadline=None)
@given(texts)
@example("ÉTÉ à l'ONU")  # a capital the bytes' lower case leaves
@example("\u212aFOR")  # the Kelvin sign, whose lower case is an ASCII letter
@example("x\xa0Y")
def test_the_lower_case_of_the_split_is_the_texts(text):
    split = TextSplit.of(text)
    if split is None:
        assert any(c in text for c in CASE_CONTEXT)
        return
    assert split.low == text.lower()


@settings(max_examples=500, deadline=None)
@given(texts, st.booleans())
@example("2le le2 l'onu d’un", True)
@example("1er été ÉTÉ", False)
def test_the_vote_and_the_index_from_one_split_are_each_own(text, vote_first):
    split = TextSplit.of(text)
    if vote_first:  # the vote reads the split's pieces first, or the index does
        assert language.detect_language(text, split) == vote_word_by_word(text)
    index = WordIndex.of(text, _KEYS, split)
    if index is None:
        assert any(c in text for c in "İıſΣ")
    else:
        runs = [(m.start(), m.group().lower()) for m in _RUN.finditer(text)]
        assert index.low == text.lower()
        assert index.keyed(_KEYS) == [(p, w) for p, w in runs if w in _KEYS]
    assert language.detect_language(text, split) == vote_word_by_word(text)


def test_a_split_of_another_text_is_not_used():
    split = TextSplit.of("the of and the")
    text = "le la les et"
    assert language.detect_language(text, split) == "fr"
    index = WordIndex.of(text, _KEYS, split)
    assert index is not None and index.present(_KEYS) == {"le"}


_DESCRIPTION_PIECES = [
    "the", "The", "a", "an", "its", "of", "of the", "OF", "UN", "un", "AU", "A.U.", "EU",
    "NATO-led", "UN's", "African Union", "East African Community", "(EAC)", "regional",
    "peacekeeping", "Force", "force", "mission", "Mission", "peacekeepers", "blue helmets",
    "in", "In", "IN", "for", "to", "on", "into", "at", "inside", "Mali", "South Sudan",
    "Kosovo", "the north", "eastern", "l'ONU", "la", "\xa0", "\n", ",", "-", "x",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(texts_of(_DESCRIPTION_PIECES, max_size=12))
@example("the UN force in Mali")
@example("the regional force of the East African Community")
@example("peacekeepers in South Sudan")
@example("the UN force IN Mali")  # a preposition the pattern does not read
def test_a_description_the_runs_rule_out_matches_nowhere(text):
    index = WordIndex.of(text, patterns.PATTERN_KEYS)
    if index is None:
        return
    possible = patterns.possible_descriptions(index)
    for k, pat in enumerate(patterns.DESCRIPTIONS):
        if k not in possible:
            assert pat.search(text) is None, k


_FINDERS: list[tuple[MissionFinder, MissionFinder]] = []


def _finders() -> tuple[MissionFinder, MissionFinder]:
    """A mission finder, and one that reads every text with the whole patterns."""
    if not _FINDERS:
        fast = MissionFinder(MissionCatalogue(), Gazetteer())
        plain = MissionFinder(fast.catalogue, fast.gazetteer)
        plain._by_runs = False
        _FINDERS.append((fast, plain))
    return _FINDERS[0]


@settings(max_examples=300, deadline=None)
@given(texts_of([*_DESCRIPTION_PIECES, "MINUSMA", "Minusma", "KFOR"], max_size=12))
@example("Troops of the NATO-led force in Kosovo.")
@example("the AU peacekeeping force and the regional force of the East African Community")
@example("des casques bleus de la Minusma au Mali")
@example("the peacekeepers in South Sudan")  # a description with no organisation
def test_the_finder_with_its_gates_finds_what_the_whole_patterns_find(text):
    fast, plain = _finders()
    split = TextSplit.of(text)
    assert fast.find(text, split=split) == plain.find(text)


_PAREN_PIECES = [
    "the", "The", "European", "Union", "Joint", "Mission", "Force", "Forces", "Operation",
    "Observer Group", "Office", "in", "for", "to", "of", "and", "South", "Sudan", "Mali",
    "au", "la", "(EAC)", "(Minusma)", "(", ")", "x",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(texts_of(_PAREN_PIECES, max_size=10))
@example("the European Union Force to South Sudan (EAC)")
@example("the Joint Forces (EAC)")
@example("the Observer Group for Mali (EAC)")
@example("la Mission au Mali (Minusma)")
def test_the_uncatalogued_gates_keep_every_match_ending_at_its_parenthesis(text):
    for paren in patterns._ACRONYM_IN_PARENS.finditer(text):
        start = max(0, paren.start() - patterns._NAME_WINDOW)
        plain = patterns.UNCATALOGUED.search(text, start, paren.end())
        want = plain.span() if plain and plain.end() == paren.end() else None
        got = patterns._uncatalogued(text, paren)
        assert (got.span() if got and got.end() == paren.end() else None) == want
