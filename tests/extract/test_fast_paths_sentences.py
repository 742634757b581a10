"""The shortcuts of sentence reading give what the code they stand in for gives.

Each fast path of the deployment stage (issue 19's speed work) is checked
against the pattern or loop it replaces, on texts drawn from the pieces those
patterns know, mixed in case, with elisions, digits, odd spaces and the letters
the regex engine folds otherwise than ``str.lower`` does.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.extract import dates, deployments, events, figures, structure
from deploymap.extract.events import sentence_words
from deploymap.extract.mission_roles import mission_figures, mission_leaves
from deploymap.extract.roles import Context, read_claims
from deploymap.extract.structure import Sentence, Token, build_sentence
from deploymap.extract.wordscan import CASE_ODD, has_case_odd
from deploymap.model import Toponym
from tests.extract.pieces import bounds, texts_of

_PIECES = [
    "©",
    "(c)",
    "(C)",
    "Copyright",
    "COPYRIGHT",
    "copyrİght",
    "2019",
    "1999",
    "20201999",
    "a2019",
    "2019b",
    "3",
    "12",
    "2024-03-05",
    "1er",
    "mars",
    "3 mars",
    "1er juillet 2024",
    "12 MARS",
    "10 October 2023",
    "Oct. 10",
    "March",
    "Mar.",
    "Sept",
    "juillet",
    "jeudi",
    "Monday",
    "about",
    "About",
    "a",
    "an",
    "some",
    "more than",
    "plus de",
    "plus d'",
    "plus d’",
    "près de",
    "environ",
    "d'environ",
    "au moins",
    "jusqu'à",
    "approx.",
    "up to",
    "un",
    "Un",
    "une",
    "2un",
    "un_",
    "deux3",
    "deux",
    "mille",
    "cent",
    "cents",
    "1 200",
    "13.000",
    "2,5",
    "soldats",
    "troops",
    "la force",
    "la Mission",
    "les casques bleus",
    "l'opération",
    "l’Opération",
    "cette force",
    "laforce",
    "FARDC",
    "UPDF",
    "xUPDF",
    "UPDF-led",
    "Bundeswehr",
    "command",
    "commandement",
    "between",
    "Σ",
    "İ",
    "ı",
    "ſ",
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
    "\u00a0",
    "\u202f",
    "x",
]
texts = texts_of(_PIECES)
_LETTERS = re.compile(r"[^\W\d_]+")


def _article_year_by_patterns(text: str) -> int | None:
    m = re.search(r"(?:©|\(c\)|copyright)\s*((?:19|20)\d\d)", text, re.IGNORECASE)
    if m:
        return int(m.group(1))
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]
    return max(years) if years else None


@settings(max_examples=400, deadline=None)
@given(texts)
def test_article_year_reads_copyright_and_years_as_the_patterns_do(text):
    assert dates.article_year(text, own_date="") == _article_year_by_patterns(text)


@settings(max_examples=300, deadline=None)
@given(texts, st.data(), st.sampled_from(["en", "fr"]))
def test_dates_are_the_same_without_the_month_tests(text, data, lang):
    s, e = bounds(text, data)
    got = dates.find_dates(text, s, e, default_year=2020, lang=lang, ref="2024-07-16")
    gates, needs = dates._date_gates, dates._date_words
    try:
        # every pattern tried: no month word or hyphens looked for first
        nothing = lambda lang: (None,) * len(dates._date_patterns(lang))  # noqa: E731
        dates._date_gates = dates._date_words = nothing  # type: ignore[assignment]
        plain = dates.find_dates(text, s, e, default_year=2020, lang=lang, ref="2024-07-16")
    finally:
        dates._date_gates, dates._date_words = gates, needs
    assert got == plain


@settings(max_examples=300, deadline=None)
@given(texts, st.data(), st.sampled_from(["en", "fr"]))
def test_number_words_among_the_sentence_words_are_where_the_hint_finds_them(text, data, lang):
    s, e = bounds(text, data)
    nw = figures.number_words(lang)
    words = sentence_words(text, s, e)
    got = figures._number_word_starts(nw, text, s, e, words)
    assert got == [m.start() for m in nw.hint.finditer(text, s, e)]
    assert figures.find_numbers(text, s, e, lang, words) == figures.find_numbers(text, s, e, lang)


_QUALIFIED = st.lists(
    st.tuples(
        st.sampled_from([p for p in _PIECES if not any(c.isdigit() for c in p)]),
        st.sampled_from(["", " ", "  ", "\n", "\u00a0"]),
        st.sampled_from(["3", "12", "1 200", "13.000", "deux", "mille", "un millier"]),
    ).map("".join),
    max_size=6,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(texts | _QUALIFIED, st.data(), st.sampled_from(["en", "fr"]))
def test_qualifiers_are_the_same_without_the_ending_test(text, data, lang):
    s, e = bounds(text, data)
    got = figures.find_numbers(text, s, e, lang)
    may = figures._may_qualify
    try:
        figures._may_qualify = lambda *a: True  # type: ignore[assignment]
        plain = figures.find_numbers(text, s, e, lang)
    finally:
        figures._may_qualify = may
    assert got == plain


def test_a_qualifier_spread_over_odd_spaces_is_still_read():
    text = "avec plus\u00a0 de\n 1 200 soldats et About  2,000 troops"
    got = [(n.value, n.qualifier) for n in figures.find_numbers(text, lang="fr")]
    assert (1200, "plus\u00a0 de") in got
    assert [(n.value, n.qualifier) for n in figures.find_numbers(text)][-1] == (2000, "about")


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_sentence_words_are_the_lowered_runs_of_letters(text, data):
    s, e = bounds(text, data)
    got = sentence_words(text, s, e)
    assert has_case_odd(text, s, e) == (CASE_ODD.search(text, s, e) is not None)
    if CASE_ODD.search(text, s, e):
        assert got is None
    else:
        assert got == frozenset(map(str.lower, _LETTERS.findall(text, s, e)))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_force_names_are_where_the_look_behind_pattern_finds_them(text):
    pattern = re.compile(r"(?<![\w-])" + deployments._FORCE_NAMES.pattern)
    expected = [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]
    got = deployments._force_names(text)
    assert [(a, b, text[a:b]) for a, b, _ in got] == expected


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_mission_phrases_are_found_as_the_pattern_finds_them(text, data):
    s, e = bounds(text, data)
    words = sentence_words(text, s, e)
    got = deployments._mission_phrase(text, s, e, words)
    assert got == (deployments._MISSION_PHRASES.search(text, s, e) is not None)


@settings(max_examples=300, deadline=None)
@given(texts, st.data(), st.sampled_from(["en", "fr"]))
def test_a_sentence_without_event_words_matches_no_event_pattern(text, data, lang):
    s, e = bounds(text, data)
    if events.may_tell_events(sentence_words(text, s, e), lang):
        return
    assert events._command_hint(lang).search(text, s, e) is None
    assert events.TENSION.search(text, s, e) is None


def _sentence(lows: list[str]) -> Sentence:
    return Sentence("", 0, 0, [Token("word", k, k + 1, w) for k, w in enumerate(lows)])


_LOWS = st.lists(
    st.sampled_from(["x", "the", ";", "but", "mais", "of", "some", "troops"]), max_size=90
)


@settings(max_examples=300, deadline=None)
@given(_LOWS, st.integers(-5, 95), st.integers(-5, 95))
def test_clause_and_word_look_ups_are_the_loops_they_replace(lows, i, j):
    sn = _sentence(lows)
    words = frozenset(["some", "troops"])

    def has(i: int, j: int) -> int:
        return next((k for k in range(max(0, i), min(j, len(lows))) if lows[k] in words), -1)

    def has_last(i: int, j: int) -> int:
        ks = [k for k in range(max(0, i), min(j, len(lows))) if lows[k] in words]
        return ks[-1] if ks else -1

    assert sn.has(i, j, words) == has(i, j)
    assert sn.has_last(i, j, words) == has_last(i, j)
    assert sn.find_phrase(i, j, (("of", "the"),)) == next(
        (k for k in range(max(0, i), min(j, len(lows) - 1)) if lows[k : k + 2] == ["of", "the"]),
        -1,
    )
    if 0 <= i < len(lows):
        a, lo = i, max(0, i - 36)
        while a > lo and lows[a - 1] not in structure._BREAK_WORDS:
            a -= 1
        b, hi = i + 1, min(len(lows), i + 36)
        while b < hi and lows[b] not in structure._BREAK_WORDS:
            b += 1
        assert sn.clause(i) == (a, b)


def _nation(text: str, name: str, iso3: str) -> Toponym:
    k = text.index(name)
    return Toponym(k, k + len(name), name, name, "country", iso3, 0, 0, iso3.lower())


def test_possessives_are_flagged_and_their_s_dropped():
    text = "Nepal's and India’s troops, Chad 's and Niger's"
    tops = [_nation(text, n, i) for n, i in [("Nepal", "NPL"), ("India", "IND"), ("Chad", "TCD")]]
    tops.append(_nation(text, "Niger", "NER"))
    sn = build_sentence(text, 0, len(text), tops, [])
    assert [(t.low, t.possessive) for t in sn.tokens if t.kind == "nation"] == [
        ("nepal", True),
        ("india", True),
        ("chad", False),  # a space before the apostrophe: no possessive
        ("niger", True),
    ]
    assert [t.low for t in sn.tokens].count("s") == 1


# Sentences that name only the host, are not about the mission and hold no
# figure: deployments skips them, which holds while such a sentence gives no
# claim, no mission figure and no exit.
_HOST_ONLY = [
    # (sentence, whether it would be a claim if the nation were no host)
    ("Le Mali a envoyé des soldats dans le nord du pays.", True),
    ("Les casques bleus déployés au Mali patrouillent à Gao.", False),
    ("Mali has deployed troops to the north, and they have left Kidal for good.", True),
    ("MALI: the army sent reinforcements.", False),
    ("Mali contributes troops from its own army, with a battalion.", True),
]


def test_a_sentence_naming_only_the_host_without_figures_gives_nothing():
    for text, contributes in _HOST_ONLY:
        tops = [_nation(text, "Mali" if "Mali" in text else "MALI", "MLI")]
        assert not structure.sentence_figures(text, 0, len(text), [], "fr")
        sn = build_sentence(text, 0, len(text), tops, [], lang="fr")
        ctx = Context({"MLI"}, False, "onu", ())
        claims, owned = read_claims(sn, ctx)
        assert claims == [] and not sn.figures and not sn.foreign({"MLI"})
        assert mission_figures(sn, ctx, owned) == [] and not mission_leaves(sn, ctx)
        # what keeps it out is its being the host: another mission's would claim
        assert bool(read_claims(sn, Context({"NER"}, False, "onu", ()))[0]) == contributes
