"""The split of a text that the language vote and the mission finder's word
index share (speed round 4) gives what each used to cut for itself: the text's
lower case, the vote word by word and the runs of the index's keys, whichever
reader reads the split first.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from deploymap.extract import language
from deploymap.extract._text_split import CASE_CONTEXT, TextSplit
from deploymap.extract._word_index import Keys, WordIndex
from tests.extract.pieces import texts_of

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


def _vote(text: str) -> str:
    """The language vote word by word, as it was first written."""
    en = fr = 0
    for m in language._WORD.finditer(text):
        w = m.group().lower()
        if "'" in w or "’" in w:
            fr += w[:2] in ("l'", "d'", "l’", "d’", "n'", "n’", "s'", "s’", "qu")
            continue
        en += w in language.ENGLISH_STOPWORDS
        fr += w in language.FRENCH_STOPWORDS
    return "fr" if fr > en else "en"


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
        assert language.detect_language(text, split) == _vote(text)
    index = WordIndex.of(text, _KEYS, split)
    if index is None:
        assert any(c in text for c in "İıſΣ")
    else:
        runs = [(m.start(), m.group().lower()) for m in _RUN.finditer(text)]
        assert index.low == text.lower()
        assert index.keyed(_KEYS) == [(p, w) for p, w in runs if w in _KEYS]
    assert language.detect_language(text, split) == _vote(text)


def test_a_split_of_another_text_is_not_used():
    split = TextSplit.of("the of and the")
    text = "le la les et"
    assert language.detect_language(text, split) == "fr"
    index = WordIndex.of(text, _KEYS, split)
    assert index is not None and index.present(_KEYS) == {"le"}
