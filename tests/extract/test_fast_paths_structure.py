"""The shortcuts of sentence building give what the patterns they stand in for give.

Tokens read from the sentence's lower case piece by piece
(:func:`word_tokens.lowered_words`, :func:`word_tokens._odd_piece`) are checked
against :data:`word_tokens._WORD_ELIDED`'s ``finditer`` over the same span, on
texts of elisions in both apostrophes and cases, figures, marks, odd spaces and
the letters whose lower case is no single letter of its own.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.extract import structure
from deploymap.extract.structure import build_sentence
from deploymap.extract.wordscan import has_case_odd
from deploymap.model import Toponym
from tests.extract.pieces import bounds, lowered_tokens, texts_of, words_by_finditer

_PIECES = [
    "l'",
    "L’",
    "d’un",
    "D'UNE",
    "qu’il",
    "jusqu'à",
    "Lorsqu’",
    "puisqu'",
    "aujourd’hui",
    "AUJOURD'HUI",
    "s'est",
    "x'y",
    "'",
    "’",
    "’’",
    "l´onu",
    "porte-parole",
    "a-t-il",
    "Mali",
    "Mali's",
    "Mali’s",
    "'s",
    "Tchad",
    "casques",
    "bleus",
    "é",
    "Été",
    "2013",
    "15",
    "3",
    "1er",
    "²",
    "½",
    "٣",
    "_",
    "x_y",
    ",",
    ".",
    "),",
    "»",
    "«",
    "(",
    ")",
    "Ⓐ",
    "Σ",
    "ΑΣ",
    "İ",
    "ı",
    "ſ",
    " ",
    "  ",
    "\n",
    "\t",
    "\u00a0",
    "\u202f",
]
texts = texts_of(_PIECES)


@settings(max_examples=500, deadline=None)
@given(texts, st.data())
def test_tokens_read_from_the_lower_case_are_the_patterns(text, data):
    s, e = bounds(text, data)
    if has_case_odd(text, s, e) or "Σ" in text[s:e]:
        return  # (build_sentence reads such a sentence with the pattern)
    a, b = s + data.draw(st.integers(0, e - s)), e
    out = lowered_tokens(text, text[s:e].lower(), s, a, b)
    assert [(t.kind, t.start, t.end, t.low) for t in out] == words_by_finditer(text, a, b)


def _nations(text: str) -> list[Toponym]:
    out, k = [], text.find("Mali")
    while k >= 0:
        out.append(Toponym(k, k + 4, "Mali", "Mali", "country", "MLI", 0, 0, "m"))
        k = text.find("Mali", k + 4)
    return out


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_a_sentence_is_built_as_with_the_pattern_alone(text, data):
    s, e = bounds(text, data)
    tops = [t for t in _nations(text) if s <= t.start and t.end <= e]
    got = build_sentence(text, s, e, tops, [], lang="fr")
    odd = structure.has_case_odd
    try:
        structure.has_case_odd = lambda *a: True  # type: ignore[assignment]
        plain = build_sentence(text, s, e, tops, [], lang="fr")
    finally:
        structure.has_case_odd = odd
    assert got == plain
    # the nation tokens' indices, known while building, are where they are
    # once the possessives' "'s" are dropped
    assert got.nation_at == [i for i, t in enumerate(got.tokens) if t.kind == "nation"]
    assert got.lows == [t.low for t in got.tokens]


def test_the_pieces_fast_paths_are_exercised():
    text = "«D’UN l'ONU, jusqu’à 2013. »), x"
    out = lowered_tokens(text, text.lower(), 0, 0, len(text))
    lows = ["«", "d'", "un", "l'", "onu", ",", "jusqu'", "à", "2013", "."]
    assert [t.low for t in out][:10] == lows
    assert [(t.kind, t.low) for t in out[10:]] == [
        ("punct", "»"),
        ("punct", ")"),
        ("punct", ","),
        ("word", "x"),
    ]
    assert [(t.start, t.end) for t in out[:3]] == [(0, 1), (1, 3), (3, 5)]


_NAMED = texts_of(["Mali", "Mali's", "Mali’s", "'s", " ", ",", "and", "l'", "2013"])


@settings(max_examples=200, deadline=None)
@given(_NAMED)
def test_the_nation_indices_hold_after_the_possessives(text):
    sn = build_sentence(text, 0, len(text), _nations(text), [], lang="fr")
    assert sn.nation_at == [i for i, t in enumerate(sn.tokens) if t.kind == "nation"]
    assert sn.lows == [t.low for t in sn.tokens]
