"""The fast paths of mission finding, the language vote and the sentence
splitter give what the plain patterns and loops they stand in for give.

Each is checked against the slow, obvious reading on texts drawn from the
words those paths know, mixed in case, with elisions, digits, hyphens,
non-ASCII letters and punctuation, and the letters the regex engine folds
otherwise than ``str.lower`` does.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from deploymap.extract import language
from deploymap.extract import mission_patterns as patterns
from deploymap.extract._word_index import Keys, WordIndex
from deploymap.extract.missions import MissionFinder
from deploymap.extract.sentences import _END, _END_PERIOD, _last_word, sentence_spans
from deploymap.gazetteer import Gazetteer
from deploymap.gazetteer.missions import MissionCatalogue
from deploymap.model import Toponym
from tests.extract.pieces import texts_of, votes_word_by_word

_PIECES = [
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
    "EU",
    "eu",
    "NATO",
    "NATO-led",
    "African",
    "Union",
    "union",
    "United",
    "Nations",
    "Mission",
    "mission",
    "force",
    "Forces",
    "FORCE",
    "peacekeeping",
    "peacekeepers",
    "Blue",
    "helmets",
    "regional",
    "new",
    "of",
    "in",
    "MINUSMA",
    "Minusma",
    "EUFOR",
    "Althea",
    "Opération",
    "OPÉRATION",
    "Barkhane",
    "l’ONU",
    "«force»",
    "d'un",
    "qu'il",
    "été",
    "Été",
    "où",
    "à",
    "Mali",
    "Somalia",
    "(EAC)",
    "1 200",
    "13.000",
    "_",
    "-",
    "'",
    "’",
    ",",
    ".",
    "(",
    ")",
    " ",
    "\n",
    "\xa0",
    "x",
    "2deux",
    "ſ",
    "İ",
    "ı",
    "Σ",
    "K",
    "\ud800",
]
texts = texts_of(_PIECES, max_size=16)

_RUN = re.compile(r"\w+")
_FINDER: list[MissionFinder] = []


def _finder() -> MissionFinder:
    if not _FINDER:
        _FINDER.append(MissionFinder(MissionCatalogue(), Gazetteer()))
    return _FINDER[0]


def _runs(text: str) -> list[tuple[int, str]]:
    """Every run of word characters, lower case, one by one."""
    return [(m.start(), m.group().lower()) for m in _RUN.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_word_index_finds_the_runs_of_its_keys(text):
    keys = Keys({"the", "un", "au", "force", "mission", "opération", "été", "x", "a", "deux", "_"})
    index = WordIndex.of(text, keys)
    if index is None:
        assert any(c in text for c in "İıſΣ")
        return
    assert index.keyed(keys) == [(p, w) for p, w in _runs(text) if w in keys]
    assert index.starts(keys) == [p for p, w in _runs(text) if w in keys]
    written = [(m.start(), m.group().lower()) for m in _RUN.finditer(text)]
    upper = [(p, w) for p, w in written if w in keys and text[p : p + len(w)] == w.upper()]
    assert index.keyed_upper(keys) == upper


@settings(max_examples=300, deadline=None)
@given(texts)
def test_names_and_acronyms_at_their_runs_are_what_the_whole_patterns_find(text):
    finder = _finder()
    index = WordIndex.of(text, finder._index_keys)
    if index is None:
        return
    names = finder._name_matches(text, index.keyed(finder._name_keys))
    assert [m.span() for m in names] == [m.span() for m in finder._names.finditer(text)]
    acronyms = finder._acronym_branches.matches(text, index.keyed(finder._acronym_keys))
    assert [m.span() for m in acronyms] == [m.span() for m in finder._acronyms.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_descriptions_at_organisations_and_articles_are_the_patterns_own_matches(text):
    index = WordIndex.of(text, patterns.PATTERN_KEYS)
    if index is None:
        return
    lows = index.keyed(patterns._NOUN_KEYS)
    windows = patterns._noun_windows(text, lows)
    assert windows == patterns._noun_windows(text)
    orgs = patterns._org_starts(text, index)
    starts = patterns._article_starts(text, index)
    for k, pat in enumerate(patterns.DESCRIPTIONS):
        got = [m.span() for m in patterns._descriptions(k, pat, text, windows, orgs, starts)]
        assert got == [m.span() for a, b in windows for m in pat.finditer(text, a, b)], k


def test_an_article_before_a_modifier_opens_a_description():
    text = "Troops of a new peacekeeping force left the north; peacekeepers stay."
    index = WordIndex.of(text, patterns.PATTERN_KEYS)
    assert index is not None
    starts = patterns._article_starts(text, index)
    assert text.index("a new") in starts and text.index("peacekeepers") in starts
    assert text.index("the") not in starts  # "the north": no modifier, no noun


@settings(max_examples=500, deadline=None)
@given(texts | st.text(max_size=40))
@example("les\xa0forces et la\u202fmission")  # breaks that bytes.split() keeps
@example("«la» l’ONU d'un À l'été")
@example("l’armée d'un le la the of Été à")
def test_the_vote_of_a_short_text_from_its_bytes_is_the_word_by_word_vote(text):
    if any(c in text for c in language._CASE_CONTEXT):
        return
    assert language._short_votes(text) == votes_word_by_word(text)


def test_a_text_with_a_letter_cased_by_its_context_is_read_word_by_word():
    text = "XİTHE le la les ΟΔΟΣ"  # "İ" lowers to two characters, the second no letter
    en, fr = votes_word_by_word(text)
    assert (language.detect_language(text) == "fr") == (fr > en)


_OLD_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_OLD_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s)")
_STOP_PIECES = ["Gen", "U.S", "e.g", "x" * 45, ".", "..", "!", "?", "\n", " ", "”", ")", "A", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_STOP_PIECES), max_size=14).map("".join))
@example("Gen\n. Next")  # the pattern's $ before a last line break
@example("..U.S. and " + "x" * 45 + ".")
def test_the_word_before_a_period_is_the_one_the_pattern_finds(text):
    for dot in range(len(text) + 1):
        m = _OLD_LAST_WORD.search(text, max(0, dot - 40), dot)
        assert _last_word(text, dot) == (m.group(1) if m else ""), dot


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_STOP_PIECES), max_size=14).map("".join))
def test_sentence_ends_are_those_of_the_look_behind_pattern(text):
    spans = [m.span() for m in _OLD_END.finditer(text)]
    assert [m.span() for m in _END.finditer(text)] == spans
    if "!" not in text and "?" not in text:
        assert [m.span() for m in _END_PERIOD.finditer(text)] == spans
    sentence_spans(text)  # never raises


# missions of one host and of several, and their hosts' names, for the host order
_HOST_MISSIONS = ["UNMOGIP", "UNISFA", "MINURCAT", "UNMEE", "MINUSMA", "UNIFIL", "KFOR"]
_COUNTRIES = {
    "India": "IND",
    "Pakistan": "PAK",
    "Sudan": "SDN",
    "South Sudan": "SSD",
    "Chad": "TCD",
    "Central African Republic": "CAF",
    "Eritrea": "ERI",
    "Ethiopia": "ETH",
    "Mali": "MLI",
    "Lebanon": "LBN",
}
_HOST_PIECES = [*_HOST_MISSIONS, *_COUNTRIES, "troops based in", "and", "as host to", "."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_HOST_PIECES), max_size=14))
def test_each_mission_has_the_hosts_the_eager_counts_give(pieces):
    """The finder counts the text's countries only when a mission of several
    hosts (or none) or a description needs them: each mission found is what
    ``_order_hosts`` makes of its catalogue entry with the counts made at once."""
    finder = _finder()
    text, places = "", []
    for piece in pieces:
        text += " " if text else ""
        if piece in _COUNTRIES:
            places.append(
                Toponym(len(text), len(text) + len(piece), piece, piece, "country",
                        _COUNTRIES[piece], 0.0, 0.0, "country:" + _COUNTRIES[piece])
            )  # fmt: skip
        text += piece
    mentions = finder._mentions(places)
    for hit in finder.find(text, places=places):
        entry = finder.catalogue.get(hit.mission.id)
        assert entry is not None
        assert hit.mission == finder._order_hosts(entry, text, places, mentions)
