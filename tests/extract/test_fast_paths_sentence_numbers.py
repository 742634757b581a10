"""The sentence stage's shortcuts in :func:`~deploymap.extract.figures.find_numbers`
and :func:`~deploymap.extract.dates.find_dates` give what their plain forms
give (:mod:`tests.extract.reference_figures`): the articles that are number
words ("un", "une") left out of the word look-ups when no number word follows
one anywhere, a share looked for only after " p", " P" or " %", and no date
pattern tried in a sentence without a month's or weekday's name or "-dd-".

Texts are drawn from articles, the number words that go on from them ("une
vingtaine", "un millier", "vingt et un"), words that end with an article
("chacun"), figures and shares written every way, month and weekday names and
hyphens placed as ISO dates place them.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from deploymap.extract import dates, figures
from deploymap.extract.events import sentence_words, text_words
from deploymap.extract.structure import sentence_figures
from tests.extract import reference_figures as ref
from tests.extract.pieces import DATE_PIECES, DATE_TEXTS, WORD_PIECES, bounds, texts_of

_ARTICLE_PIECES = [
    "un",
    "Un",
    "UN",
    "une",
    "Une",
    "UNE",
    "et",
    "ET",
    "deux",
    "Deux",
    "vingt",
    "vingtaine",
    "Vingtaine",
    "centaine",
    "millier",
    "milliers",
    "cent",
    "mille",
    "chacun",
    "aucune",
    "unité",
    "-",
    "  ",
    "\n",
    "x",
    "3",
    "450",
    "-strong",
    "soldats",
    "(150)",
    "pour",
    "%",
]
_SHARE_PIECES = [
    "3",
    "45",
    "2000",
    "1 200",
    " ",
    "p",
    "P",
    "%",
    " %",
    "percent",
    "PERCENT",
    "Percent",
    "pour cent",
    "Pour Cent",
    "POUR CENT",
    "per cent",
    "pourcent",
    "pour",
    "cent",
    "soldiers",
    "x",
    "İ",
]


def _slice(text: str, data: st.DataObject) -> tuple[int, int]:
    return (0, len(text)) if data.draw(st.booleans()) else bounds(text, data)


@settings(max_examples=1000, deadline=None)
@given(texts_of(_ARTICLE_PIECES), st.data())
@example("chacun deux", None)
@example("une vingtaine de soldats et un millier", None)
@example("Un-deux et une", None)
def test_articles_no_number_word_follows_are_left_out_as_the_plain_reader_does(text, data):
    s, e = (0, len(text)) if data is None else _slice(text, data)
    expected = ref.numbers(text, s, e, "fr")
    assert figures.find_numbers(text, s, e, "fr", sentence_words(text, s, e)) == expected


@settings(max_examples=600, deadline=None)
@given(texts_of(_SHARE_PIECES), st.data(), st.sampled_from(["en", "fr"]))
def test_a_share_is_looked_for_after_a_space_and_p_or_percent_only(text, data, lang):
    s, e = _slice(text, data)
    expected = ref.numbers(text, s, e, lang)
    assert figures.find_numbers(text, s, e, lang) == expected
    assert figures.find_numbers(text, s, e, lang, sentence_words(text, s, e)) == expected


@settings(max_examples=600, deadline=None)
@given(DATE_TEXTS, st.data(), st.sampled_from(["en", "fr"]))
def test_a_sentence_without_month_weekday_or_iso_hyphens_has_no_date(text, data, lang):
    s, e = _slice(text, data)
    words = sentence_words(text, s, e)
    for day in ("", "2024-07-16"):
        expected = ref.dates(text, s, e, 2020, lang, day)
        assert dates.find_dates(text, s, e, 2020, lang, day, words) == expected


@settings(max_examples=400, deadline=None)
@given(texts_of(_ARTICLE_PIECES + DATE_PIECES + ["$", "€", "£"]), st.data())
def test_sentence_figures_without_dates_are_its_numbers_not_money(text, data):
    s, e = _slice(text, data)
    words = sentence_words(text, s, e)
    expected = [
        n
        for n in ref.numbers(text, s, e, "fr")
        if not any(c in text[max(s, n.vstart - 2) : n.vstart] for c in "$€£")
    ]
    assert sentence_figures(text, s, e, [], "fr", words) == expected


@settings(max_examples=1000, deadline=None)
@given(texts_of(WORD_PIECES, max_size=20), st.data())
def test_the_words_of_a_text_s_sentences_are_each_sentence_s_words(text, data):
    words_of = text_words(text)
    for _ in range(3):
        s, e = bounds(text, data)
        assert words_of(s, e) == sentence_words(text, s, e) == ref.words(text, s, e)
