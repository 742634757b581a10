"""The word look-ups that stand in for alternations give what the patterns give.

Each fast path of extraction (number words, mission names and nouns, dates,
sentence words, the language vote) is checked against the pattern or loop it
replaces, on texts drawn from the words those patterns know, mixed in case,
with elisions, digits, hyphens and the letters the regex engine folds otherwise
than ``str.lower`` does.
"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.extract import language, missions, structure, word_tokens
from deploymap.extract import mission_patterns as patterns
from deploymap.extract.dates import find_dates
from deploymap.extract.events import sentence_words
from deploymap.extract.figures import _number_word_starts as number_word_starts
from deploymap.extract.figures import find_numbers, number_words
from deploymap.extract.wordscan import CASE_ODD, matches_at, word_runs
from tests.extract.pieces import bounds, texts_of, vote_word_by_word, words_by_finditer

_PIECES = [
    "deux",
    "Deux",
    "MILLE",
    "cent",
    "un",
    "une",
    "vingt-cinq",
    "thirty",
    "hundred",
    "a",
    "and",
    "et",
    "force",
    "Forces",
    "mission",
    "peacekeeping",
    "UN",
    "Un",
    "AU",
    "African",
    "union",
    "the",
    "of",
    "Mission",
    "Stabilization",
    "stabilisation",
    "mars",
    "Jan.",
    "Sepember",
    "jeudi",
    "Monday",
    "1er",
    "3",
    "2024",
    "1 200",
    "13.000",
    "l'",
    "d’",
    "aujourd'hui",
    "qu'il",
    "ſix",
    "İ",
    "ı",
    "é",
    "_",
    "-",
    "'",
    "’",
    ",",
    ".",
    "(",
    ")",
    " ",
    "  ",
    "\n",
    "x",
    "2deux",
]
texts = texts_of(_PIECES)


_RUN = re.compile(r"(?<!\w)\w+")


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_word_runs_are_the_runs_finditer_gives(text, data):
    s, e = bounds(text, data)
    runs = word_runs(text, s, e)
    if CASE_ODD.search(text, s, e):
        assert runs is None
        return
    assert runs is not None
    expected = [(m.start(), m.group()) for m in _RUN.finditer(text, s, e)]
    assert list(zip(*runs, strict=True)) == expected


@settings(max_examples=300, deadline=None)
@given(texts, st.data(), st.sampled_from(["en", "fr"]))
def test_number_words_are_where_the_hint_pattern_finds_them(text, data, lang):
    s, e = bounds(text, data)
    nw = number_words(lang)
    assert number_word_starts(nw, text, s, e) == [m.start() for m in nw.hint.finditer(text, s, e)]
    runs = [m.span() for m in nw.run.finditer(text, s, e)]
    starts = number_word_starts(nw, text, s, e)
    assert [m.span() for m in matches_at(nw.run, text, starts, e)] == runs
    find_numbers(text, s, e, lang=lang)  # never raises


@settings(max_examples=200, deadline=None)
@given(texts)
def test_mission_nouns_and_names_are_found_as_the_patterns_find_them(text):
    runs = word_runs(text)
    lows = None if runs is None else list(zip(runs[0], map(str.lower, runs[1]), strict=True))
    assert patterns._noun_windows(text, lows) == patterns._noun_windows(text)
    if lows is not None:
        starts = [p for p, w in lows if w in patterns._NOUN_KEYS]
        got = [m.span() for m in matches_at(patterns._NOUN_ANYWHERE, text, starts)]
        assert got == [m.span() for m in patterns._NOUN_ANYWHERE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(texts, st.data(), st.sampled_from(["en", "fr"]))
def test_dates_are_the_same_with_the_sentence_words(text, data, lang):
    s, e = bounds(text, data)
    plain = find_dates(text, s, e, default_year=2020, lang=lang, ref="2024-07-16")
    words = sentence_words(text, s, e)
    assert find_dates(text, s, e, 2020, lang, "2024-07-16", words=words) == plain


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_sentence_words_are_the_tokens_finditer_gives(text, data):
    a, b = bounds(text, data)
    out: list[structure.Token] = []
    word_tokens.words_into(text, a, b, out)
    assert [(t.kind, t.start, t.end, t.low) for t in out] == words_by_finditer(text, a, b)


_VOTERS = ["the", "of", "a", "on", "le", "la", "des", "l'armée", "qu'il", "d’un", "x" * 25]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_VOTERS), max_size=2300).map(" ".join))
def test_language_vote_counts_as_the_word_by_word_vote(text):
    assert language.detect_language(text) == vote_word_by_word(text)


def test_language_vote_stops_at_max_words_on_a_text_of_long_words():
    filler = " ".join(["x" * 30] * (language.MAX_WORDS - 5))
    text = filler + " the the the " + " ".join(["les"] * 40)
    assert len(text) > language._HEAD_CHARS
    assert language.detect_language(text) == vote_word_by_word(text) == "en"


def test_case_odd_holds_every_letter_that_ignorecase_folds_otherwise():
    """CASE_ODD's claim: on Latin letters, IGNORECASE and str.lower() agree but
    for the letters it lists."""
    letters = {chr(i) for i in [*range(0x61, 0x7B), *range(0xC0, 0x250)] if chr(i).isalpha()}
    letters = {c.lower() for c in letters if len(c.lower()) == 1 and not CASE_ODD.match(c)}
    chars = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    odd = set()
    for p in letters:
        odd |= {c for c in re.findall(f"(?i:{re.escape(p)})", chars) if c.lower() != p}
    assert odd and all(CASE_ODD.match(c) for c in odd)


def test_a_misspelt_month_is_no_date_and_no_error():
    # "Sept?(?:ember)?" reads "Sepember": it used to raise KeyError
    assert find_dates("On 3 Sepember 2020 the last company left.") == []
    assert [d.iso for d in find_dates("On 3 September 2020 they left.")] == ["2020-09-03"]


_FINDER = None


def _finder() -> missions.MissionFinder:
    global _FINDER
    if _FINDER is None:
        from deploymap.gazetteer import Gazetteer
        from deploymap.gazetteer.missions import MissionCatalogue

        _FINDER = missions.MissionFinder(MissionCatalogue(), Gazetteer())
    return _FINDER


_NAME_PIECES = [
    "United",
    "Nations",
    "nations",
    "Mission",
    "mission",
    "in",
    "the",
    "South",
    "Sudan",
    "Stabilization",
    "Stabilisation",
    "African",
    "Union",
    "Somalia",
    "Multidimensional",
    "Integrated",
    "Mali",
    "Interim",
    "Force",
    "for",
    "Lebanon",
    "Transition",
    "-",
    " ",
    "(",
    ")",
    ",",
    "MINUSMA",
    "Minusma",
    "UNMISS",
    "x",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=16).map(" ".join))
def test_mission_names_by_their_first_word_are_the_names_pattern_finds(text):
    finder = _finder()
    runs = word_runs(text)
    assert runs is not None
    lows = list(zip(runs[0], map(str.lower, runs[1]), strict=True))
    got = [m.span() for m in finder._name_matches(text, lows)]
    assert got == [m.span() for m in finder._names.finditer(text)]


def test_a_text_with_a_letter_folded_otherwise_is_read_with_the_whole_patterns():
    finder = _finder()
    text = "Troops of the United Nations Mission in South Sudan left Juba; the AU force too."
    plain = [(h.mission.id, h.start, h.how) for h in finder.find(text)]
    odd = [(h.mission.id, h.start, h.how) for h in finder.find(text + " İ")]
    assert plain == odd and ("UNMISS", 14, "name") in plain


_DESCRIPTION_PIECES = [
    "the",
    "The",
    "a",
    "an",
    "its",
    "UN",
    "Un",
    "un",
    "AU",
    "au",
    "A.U.",
    "U.N.",
    "African",
    "Union",
    "union",
    "NATO",
    "NATO-led",
    "EU's",
    "East",
    "Community",
    "regional",
    "force",
    "Force",
    "peacekeeping",
    "mission",
    "peacekeepers",
    "blue",
    "helmets",
    "of",
    "in",
    "Somalia",
    "Kosovo",
    "Lebanon",
    "(EAC)",
    "troops",
    "said",
    "new",
    "-",
    ",",
    ".",
]


_DESCRIPTIONS = [
    "the NATO-led force in Kosovo",
    "the UN's stabilisation mission in Haiti",
    "NATO's Kosovo force",
    "the regional force of the East African Community (EAC) in Congo",
    "a new peacekeeping force in Lebanon",
    "peacekeepers in South Sudan",
    "the AU peacekeeping force",
    "Un mission in Mali",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(_DESCRIPTION_PIECES) | st.sampled_from(_DESCRIPTIONS), max_size=18
    ).map(" ".join)
)
def test_descriptions_tried_at_organisations_are_the_patterns_own_matches(text):
    starts, words = word_runs(text) or ([], [])
    lows = list(zip(starts, map(str.lower, words), strict=True))
    orgs = [
        p
        for (p, low), w in zip(lows, words, strict=True)
        if w in patterns._ORG_CASED or low in patterns._ORG_KEYS
    ]
    windows = patterns._noun_windows(text, lows)
    for k, pat in enumerate(patterns.DESCRIPTIONS):
        got = [m.span() for m in patterns._descriptions(k, pat, text, windows, orgs)]
        assert got == [m.span() for a, b in windows for m in pat.finditer(text, a, b)], k
