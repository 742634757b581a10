"""The figure, date and word readers give what their plain form gives
(:mod:`tests.extract.reference_figures`): every pattern searched over the
whole slice, without the word-set gates, the digit fast path or the cheaper
tests before a search.

Texts are drawn from pieces the patterns know: figures in every grouping,
years, shares, ordinals, qualifiers, number words and articles in both
languages, marks news writes between words, odd spaces and the letters the
regex engine folds otherwise than ``str.lower`` does.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.extract import dates, figures
from deploymap.extract.events import sentence_words
from tests.extract import reference_figures as ref
from tests.extract.pieces import DATE_TEXTS, WORD_PIECES, bounds, texts_of

_NUMBER_PIECES = [
    "3",
    "12",
    "450",
    "1 200",
    "1\u202f200",
    "4\u00a0664",
    "1,200",
    "12,500",
    "1.200",
    "13.000",
    "2,5",
    "5,4",
    "1.5",
    "2000",
    "1999",
    "2099",
    "2100",
    "9999999",
    "10000000",
    "10000001",
    "12345678",
    "1234567890123",
    "٣",
    "3 million",
    "2 millions",
    "1,5 million",
    "3 thousand",
    "5k",
    "2 milliers",
    "600-strong",
    "600-STRONG",
    "26-ème",
    "11-th",
    "3-xy",
    "1st",
    "2e",
    "15km",
    "%",
    " %",
    "percent",
    "pour cent",
    "per cent",
    "(150)",
    "$",
    "soldiers",
    "soldats",
    "troops",
    "about",
    "About",
    "some",
    "more than",
    "up to",
    "approx.",
    "plus de",
    "plus d'",
    "plus d’",
    "près de",
    "environ",
    "d'environ",
    "quelque",
    "jusqu'à",
    "a",
    "an",
    "un",
    "Un",
    "UN",
    "une",
    "et",
    "and",
    "deux",
    "trois",
    "cent",
    "mille",
    "millier",
    "vingt",
    "quatre-vingt-dix",
    "thirty-five",
    "hundred",
    "dozen",
    "one",
    "chacun",
    "x",
    "é",
    "-",
    ",",
    ".",
    "'",
    "’",
    " ",
    "  ",
    "\n",
    "\u00a0",
    "Σ",
    "İ",
    "ſ",
]
# articles, which alone are no figure, and runs of them, which are
_ARTICLE_TEXTS = texts_of(
    ["un", "Un", "UN", "une", "Une", "et", "and", "a", "an", "chacun", "deux", "3", "-", " ", "x"]
)
_NUMBER_TEXTS = texts_of(_NUMBER_PIECES) | _ARTICLE_TEXTS


def _slice(text: str, data: st.DataObject) -> tuple[int, int]:
    """The whole *text* or a slice of it."""
    return (0, len(text)) if data.draw(st.booleans()) else bounds(text, data)


@settings(max_examples=800, deadline=None)
@given(_NUMBER_TEXTS, st.data(), st.sampled_from(["en", "fr"]))
def test_numbers_are_those_every_pattern_finds(text, data, lang):
    s, e = _slice(text, data)
    expected = ref.numbers(text, s, e, lang)
    assert figures.find_numbers(text, s, e, lang) == expected
    words = sentence_words(text, s, e)
    assert figures.find_numbers(text, s, e, lang, words) == expected


@settings(max_examples=800, deadline=None)
@given(texts_of(WORD_PIECES) | _NUMBER_TEXTS, st.data())
def test_sentence_words_are_the_lowered_runs_of_letters(text, data):
    s, e = _slice(text, data)
    assert sentence_words(text, s, e) == ref.words(text, s, e)


def test_a_run_of_articles_is_a_figure_when_articles_are_all_the_number_words():
    for text in ["x un un x", "Une et une", "un-UN", "chacun un", "un x un", "aucun un un"]:
        words = sentence_words(text, 0, len(text))
        expected = ref.numbers(text, 0, len(text), "fr")
        assert figures.find_numbers(text, 0, len(text), "fr", words) == expected


@settings(max_examples=800, deadline=None)
@given(DATE_TEXTS, st.data(), st.sampled_from(["en", "fr"]), st.sampled_from(["", "2024-07-16"]))
def test_dates_are_those_every_pattern_finds(text, data, lang, day):
    s, e = _slice(text, data)
    expected = ref.dates(text, s, e, 2020, lang, day)
    assert dates.find_dates(text, s, e, 2020, lang, day) == expected
    words = sentence_words(text, s, e)
    assert dates.find_dates(text, s, e, 2020, lang, day, words) == expected
    assert dates.find_dates(text, s, e, None, lang, day, words) == ref.dates(
        text, s, e, None, lang, day
    )


@settings(max_examples=300, deadline=None)
@given(DATE_TEXTS | _NUMBER_TEXTS, st.sampled_from(["en", "fr"]))
def test_the_article_date_is_the_first_full_date_of_its_head(text, lang):
    assert dates.article_date(text, lang=lang) == ref.article_date(text, lang)
    assert dates.article_date("x" * 590 + text, lang=lang) == ref.article_date(
        "x" * 590 + text, lang
    )


@settings(max_examples=500, deadline=None)
@given(
    texts_of(["19", "20", "2021999", "1920201", "2", "0", "1", "9", "٣", "²", "x", " "])
    | _NUMBER_TEXTS
)
def test_year_like_runs_are_where_the_pattern_finds_them(text):
    expected = [m.span() for m in re.finditer(r"(?:19|20)\d\d", text)]
    assert dates._year_like(text) == expected
