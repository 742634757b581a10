"""The shortcuts of the sentence stage (dates, numbers, sentence building) give
what the code they stand in for gives.

Each is checked against the plain search or loop it skips, on texts drawn from
the pieces the patterns know: days and months in both languages, suffixes in
both cases, ISO dates and near misses, articles and number words, marks and
odd spaces.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.extract import dates, figures, word_tokens
from deploymap.extract.events import sentence_words
from deploymap.extract.wordscan import has_case_odd
from tests.extract.pieces import DATE_TEXTS, bounds, lowered_tokens, texts_of, words_by_finditer


def _slice(text: str, data: st.DataObject) -> tuple[int, int]:
    """The whole *text* or a slice of it (a drawn slice seldom holds a whole date)."""
    return (0, len(text)) if data.draw(st.booleans()) else bounds(text, data)


_NUMBER_PIECES = [
    "un",
    "Un",
    "UNE",
    "une",
    "a",
    "an",
    "A",
    "one",
    "deux",
    "mille",
    "millier",
    "cent",
    "vingt",
    "et",
    "and",
    "dozen",
    "hundred",
    "thousand",
    "un-",
    "-strong",
    "strong",
    "2un",
    "un_",
    "12",
    "1 200",
    "pour",
    "cent",
    "%",
    "(",
    "150",
    ")",
    "soldats",
    "troops",
    "-",
    "'",
    "’",
    ",",
    " ",
    "  ",
    "\n",
    "\u00a0",
    "é",
    "Σ",
    "İ",
]


# a day, its suffix, a space and a month (in either language, any case): what
# the day-month patterns match, drawn whole


_WEEKDAY_TEXTS = texts_of(
    [
        "jeudi",
        "JEUDI",
        "Jeudi",
        "xjeudi",
        "jeudi2",
        "jeudi_",
        "lundimardi",
        "mardi",
        "dimanche",
        "Monday",
        "monday",
        "MONDAYS",
        "Thursday",
        "3",
        "10",
        "octobre",
        "October",
        "mars",
        "é",
        "-",
        "'",
        ",",
        " ",
        "\n",
        "Σ",
        "İ",
    ]
)


@settings(max_examples=500, deadline=None)
@given(_WEEKDAY_TEXTS | DATE_TEXTS, st.data(), st.sampled_from(["en", "fr"]))
def test_dates_are_the_same_read_with_the_sentence_words(text, data, lang):
    s, e = _slice(text, data)
    words = sentence_words(text, s, e)
    got = dates.find_dates(text, s, e, 2020, lang, "2024-07-16", words)
    assert got == dates.find_dates(text, s, e, 2020, lang, "2024-07-16")


@settings(max_examples=500, deadline=None)
@given(texts_of(_NUMBER_PIECES), st.data(), st.sampled_from(["en", "fr"]))
def test_numbers_are_the_same_when_only_articles_are_number_words(text, data, lang):
    s, e = _slice(text, data)
    words = sentence_words(text, s, e)
    assert figures.find_numbers(text, s, e, lang, words) == figures.find_numbers(text, s, e, lang)
    nw = figures.number_words(lang)
    hits = nw.lowered & words if words is not None and nw.plain else {"?"}
    at = figures._hit_starts(text, s, e, hits)
    if not hits or (hits <= nw.determiners and figures._articles_only(nw, text, at, e)):
        # no run of number words there is more than one article
        starts = figures._number_word_starts(nw, text, s, e)
        runs = [m.group(0) for m in figures.matches_at(nw.run, text, starts, e)]
        assert all(r.removesuffix("-strong").lower() in nw.determiners for r in runs)


_HYPHEN_PIECES = [
    "porte-parole",
    "Nord-Kivu",
    "a-t-il",
    "état-major",
    "l’état-major",
    "L'État-Major",
    "d’",
    "qu'",
    "x'",
    "-",
    "--",
    "-x",
    "x-",
    "m23",
    "23",
    "_",
    "²",
    "İ",
    "’",
    "'",
    ",",
    ".",
    "»",
    "«",
    ")",
    " ",
    "\n",
    "\u00a0",
]


@settings(max_examples=500, deadline=None)
@given(texts_of(_HYPHEN_PIECES, max_size=8), st.data())
def test_hyphenated_words_are_read_as_the_pattern_reads_them(text, data):
    s, e = _slice(text, data)
    if has_case_odd(text, s, e) or "Σ" in text[s:e]:
        return  # (build_sentence reads such a sentence with the pattern)
    a = s + data.draw(st.integers(0, e - s))
    out = lowered_tokens(text, text[s:e].lower(), s, a, e)
    assert [(t.kind, t.start, t.end, t.low) for t in out] == words_by_finditer(text, a, e)


def test_hyphenated_pieces_take_the_short_way():
    # (the shortcut is taken, not the pattern: a piece it reads is not read again)
    calls = []
    pattern = word_tokens._WORD_ELIDED
    text = "le porte-parole de l’état-major, a-t-il dit"
    try:
        word_tokens._WORD_ELIDED = _Spy(pattern, calls)  # type: ignore[assignment]
        out = lowered_tokens(text, text.lower(), 0, 0, len(text))
    finally:
        word_tokens._WORD_ELIDED = pattern
    assert calls == []
    lows = ["le", "porte", "-", "parole", "de", "l'", "état", "-", "major"]
    assert [t.low for t in out][:9] == lows


class _Spy:
    def __init__(self, pattern: object, calls: list[object]) -> None:
        self.pattern, self.calls = pattern, calls

    def finditer(self, *args: object) -> object:
        self.calls.append(args)
        return self.pattern.finditer(*args)  # type: ignore[attr-defined]


# the figure pattern as it was written before it began with its digit: a
# look-ahead for the digit and IGNORECASE over the whole
_NUM_BEFORE = re.compile(
    r"(?=\d)(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?![\d])"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d]|[.,]\d)"
    r"|\d{1,3}(?:\.\d{3})+(?![\d.])"
    r"|\d+(?:[.,]\d+)?)"
    r"(?:\s*(?P<mult>million|thousand|k|millions?|milliers?)\b)?"
    r"(?P<strong>-strong)?"
    r"(?P<ordinal>-[^\W\d_]{1,3}\b)?"
    r"(?![^\W_])",
    re.IGNORECASE,
)
_FIGURE_PIECES = [
    "1",
    "12",
    "123",
    "1234",
    "2019",
    "٣",
    "²",
    ",",
    ".",
    ",000",
    ".000",
    "000",
    "5,4",
    "\u00a0",
    "\u202f",
    "\u2009",
    " ",
    "\n",
    "million",
    "MILLION",
    "Millions",
    "thousand",
    "thouſand",
    "k",
    "K",
    "\u212a",  # Kelvin sign: "k" when case is ignored
    "milliers",
    "-strong",
    "-STRONG",
    "-ſtrong",
    "-e",
    "-ème",
    "er",
    "st",
    "km",
    "_",
    "x",
    "é",
    "-",
    "(",
]


@settings(max_examples=800, deadline=None)
@given(texts_of(_FIGURE_PIECES), st.data())
def test_the_figure_pattern_matches_as_it_did_with_its_look_ahead(text, data):
    s, e = _slice(text, data)
    got = [(m.span(), m.groupdict()) for m in figures._NUM.finditer(text, s, e)]
    assert got == [(m.span(), m.groupdict()) for m in _NUM_BEFORE.finditer(text, s, e)]
