"""The letters the readers of a text's split must not meet ("İ", "Σ", "ı", "ſ")
are looked for in its pieces (the chunks with a non-ASCII character), not in
the whole text: each reader says what it says when it looks in the text.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from deploymap.extract import language
from deploymap.extract._text_split import CASE_CONTEXT, TextSplit
from deploymap.extract._word_index import _ODD, WordIndex
from tests.extract.test_fast_paths_shared_split import _KEYS, texts

_LETTERS = st.sampled_from([CASE_CONTEXT, _ODD, ("é",), ("\u212a", "ǅ"), ("x",)])


@settings(max_examples=500, deadline=None)
@given(texts, _LETTERS)
@example("Ankara, İzmir", CASE_CONTEXT)
@example("x ΟΔΟΣ", CASE_CONTEXT)
@example("2ſ", _ODD)
def test_the_split_holds_the_letters_the_text_holds(text, letters):
    split = TextSplit.of(text)
    assert (split is None) == any(c in text for c in CASE_CONTEXT)
    if split is None:
        return
    if all(not c.isascii() for c in letters):
        assert split.holds(letters) == any(c in text for c in letters)


@settings(max_examples=500, deadline=None)
@given(texts)
@example("ıx l'onu")
@example("İ")
def test_the_readers_of_a_split_say_what_they_say_of_the_text(text):
    split = TextSplit.of(text)
    assert language.detect_language(text, split) == language.detect_language(text)
    got, plain = WordIndex.of(text, _KEYS, split), WordIndex.of(text, _KEYS)
    assert (got is None) == (plain is None) == any(c in text for c in _ODD)
    if got is not None and plain is not None:
        assert got.words == plain.words
