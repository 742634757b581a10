"""Events in a mission's life, sentence by sentence: command handovers and tensions.

>>> from deploymap.extract.dates import find_dates
>>> from deploymap.model import Toponym
>>> text = "Command of the force passes from Italy to Turkey on 10 October 2023."
>>> tops = [Toponym(33, 38, "Italy", "Italy", "country", "ITA", 0, 0, "i"),
...         Toponym(42, 48, "Turkey", "Turkey", "country", "TUR", 0, 0, "t")]
>>> found = []
>>> handovers(text, 0, len(text), [CountryMention(t.iso3, t.start, t.end, False, t.text)
...           for t in tops], find_dates(text), None, Evidence(0, len(text), text), found)
>>> [(e.kind, e.actors, e.date) for e in found]
[('handover', ('TUR', 'ITA'), '2023-10-10')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import filterfalse

from deploymap.extract.dates import DateMention
from deploymap.extract.figures import lexicon_of
from deploymap.extract.wordscan import has_case_odd
from deploymap.model import Event, Evidence, Mission

# "will assume command of", "take over leadership of", "took charge of"
TAKE_COMMAND = re.compile(
    r"\b(?:assum\w*|tak\w* over|took over|tak(?:e|es|ing)|took|get\w*|inherit\w*)"
    r" (?:the )?(?:(?:rotating|overall) )?(?:command|leadership|charge|control|helm)\b",
    re.IGNORECASE,
)
# "command passes from Italy to Turkey"
PASS_COMMAND = re.compile(
    r"\b(?:command|leadership)\b[^.;]{0,60}?\b(?:pass\w*|mov\w*|transfer\w*|shift\w*|go\w*)"
    r" from\b",
    re.IGNORECASE,
)
# "Italy handed over command to Turkey"
HAND_COMMAND = re.compile(
    r"\bhand\w* (?:over )?(?:the )?(?:command|leadership|reins)\b", re.IGNORECASE
)
# ", which fields one of the alliance's biggest armies," is an aside, not the subject
APPOSITIVE = re.compile(r",\s*(?:which|who|whose|that|a|an|the)\b[^,]{0,120},")
TENSION = re.compile(
    r"\b(?:tensions?|clash(?:es)?|dispute|standoff|stand-off|conflict|hostilities|violence)\b"
    r"[^.;]{0,60}?\bbetween\b",
    re.IGNORECASE,
)


def _alt(words: object) -> str:
    items = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in items)


@lru_cache(maxsize=8)
def _language_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], str, str] | None:
    """(take command, hand command, "from" tail, "to" tail) of a language whose
    lexicon lists its handover words (``TAKE_VERBS``, ``COMMAND_NOUNS``, ...)."""
    lx = lexicon_of(lang)
    if not hasattr(lx, "TAKE_VERBS"):
        return None
    # a time word may come between the verb and its noun: "a pris jeudi le commandement"
    nouns = rf"(?:(?:{_alt(lx.TIME_HOPS)})\s+)?(?:{_alt(lx.COMMAND_NOUNS)})"
    take = re.compile(rf"(?<!\w)(?:{_alt(lx.TAKE_VERBS)})\s+{nouns}(?!\w)", re.IGNORECASE)
    hand = re.compile(rf"(?<!\w)(?:{_alt(lx.HAND_VERBS)})\s+{nouns}(?!\w)", re.IGNORECASE)
    arts = rf"(?:(?:{_alt(lx.ARTICLES)})\s*)?"
    return (
        take,
        hand,
        rf"(?:{_alt(lx.HANDOVER_FROM)})\s*{arts}$",
        rf"(?:{_alt(lx.HANDOVER_TO)})\s*{arts}$",
    )


@lru_cache(maxsize=8)
def _command_words(lang: str) -> frozenset[str]:
    """The words without which no handover pattern of *lang* (or English) matches."""
    words = {"command", "leadership", "charge", "control", "helm", "reins"}
    lx = lexicon_of(lang)
    words |= {n.split()[-1] for n in getattr(lx, "COMMAND_NOUNS", ())}
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=8)
def _command_set(lang: str) -> frozenset[str] | None:
    """:func:`_command_words` when each is one run of letters (a set look-up
    in :func:`sentence_words` finds them), else None."""
    words = _command_words(lang)
    return words if all(w.isalpha() for w in words) else None


# The words each English pattern ends its match with (a whole run of letters
# there): without one of them in the sentence, the pattern is not tried.
_TAKE_NOUNS = frozenset(["command", "leadership", "charge", "control", "helm"])
_PASS_NOUNS = frozenset(["command", "leadership"])  # (and "from")
_HAND_NOUNS = frozenset(["command", "leadership", "reins"])


def _last_runs(phrases: Iterable[str]) -> frozenset[str] | None:
    """The last run of letters of each of *phrases*, lower case, when each ends
    with one (the run before the ``\\s+`` or ``(?!\\w)`` that follows it in the
    patterns: a whole run of the sentence where the phrase matches), else None."""
    out = set()
    for p in phrases:
        runs = _LETTERS.findall(p.lower())
        if not runs or not p.lower().endswith(runs[-1]):
            return None
        out.add(runs[-1])
    return frozenset(out)


@lru_cache(maxsize=8)
def _verb_words(lang: str) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(take, hand): the last runs of letters of *lang*'s handover verbs
    (:func:`_last_runs`), without one of which its take or hand pattern does not
    match (None: tried always)."""
    lx = lexicon_of(lang)
    if not hasattr(lx, "TAKE_VERBS"):
        return None, None
    return _last_runs(lx.TAKE_VERBS), _last_runs(lx.HAND_VERBS)


@lru_cache(maxsize=8)
def _command_hint(lang: str) -> re.Pattern[str]:
    """A pattern of :func:`_command_words`."""
    return re.compile(rf"(?<!\w)(?:{_alt(_command_words(lang))})(?!\w)", re.IGNORECASE)


def sentence_words(text: str, s: int, e: int) -> frozenset[str] | None:
    """The runs of letters of ``text[s:e]``, in lower case: a set look-up tells
    whether an IGNORECASE pattern's whole word is there.  None when the text has
    a letter the regex engine folds otherwise than ``str.lower`` ("İ", "ſ")."""
    if has_case_odd(text, s, e):
        return None
    seg = text[s:e]
    if "\u03a3" in seg:  # a capital sigma: its lower case depends on the letters around
        return frozenset(map(str.lower, _LETTERS.findall(seg)))
    # split at spaces, a piece of letters only is one run; the pattern reads
    # the others ("l´onu", "x²"), looked at once each
    return _words_of_pieces(_spaced_lower(seg).split())


def _spaced_lower(seg: str) -> str:
    """*seg* lowered at once (every letter but the capital sigma lowers alone to
    one letter of the same class), the marks news writes most between words
    made spaces (no letter: the runs stay) and the ASCII non-letters too, in
    the UTF-8 bytes (one C pass)."""
    low = seg.lower()
    for mark in _MARKS:
        low = low.replace(mark, " ")
    return (
        low.encode("utf-8", "surrogatepass")
        .translate(_ASCII_NON_LETTERS)
        .decode("utf-8", "surrogatepass")
    )


def text_words(text: str) -> Callable[[int, int], frozenset[str] | None]:
    """``sentence_words(text, s, e)`` as a function of ``(s, e)``, for the
    sentences of one text: the text lowered, its marks and ASCII non-letters
    made spaces once (each letter but the capital sigma lowers alone to one
    letter, U+0130 aside, which changes the length: a text with either, or
    with a letter of CASE_ODD, is left to :func:`sentence_words`), each
    sentence's piece of it split; and when every character of the whole but
    its spaces (" ") is a letter, every piece of each sentence's is a run of
    letters.

    >>> words_of = text_words("Deux soldats. L’ONU « part ».")
    >>> sorted(words_of(0, 13)), sorted(words_of(14, 29))
    (['deux', 'soldats'], ['l', 'onu', 'part'])
    """
    if "\u03a3" in text or has_case_odd(text):
        return partial(sentence_words, text)
    low = _spaced_lower(text)
    if low.replace(" ", "").isalpha():  # (no other space, no non-letter)

        def plain(s: int, e: int) -> frozenset[str]:
            return frozenset(low[s:e].split())

        return plain

    def pieces(s: int, e: int) -> frozenset[str]:
        return _words_of_pieces(low[s:e].split())

    return pieces


def _words_of_pieces(parts: list[str]) -> frozenset[str]:
    """The runs of letters of *parts* (a sentence lowered, its marks and ASCII
    non-letters made spaces, split): a piece of letters only is one run, the
    pattern reads the others ("l´onu", "x²"), looked at once each."""
    if "".join(parts).isalpha():
        return frozenset(parts)  # (every piece a run of letters)
    words = set(parts)
    others = list(filterfalse(str.isalpha, words))
    if others:
        words.difference_update(others)
        words.update(_LETTERS.findall(" ".join(others)))
    return frozenset(words)


_LETTERS = re.compile(r"[^\W\d_]+")
# each ASCII byte that is no letter, a space; the other bytes kept
_ASCII_NON_LETTERS = bytes(c if c >= 0x80 or chr(c).isalpha() else 0x20 for c in range(256))
# marks (no letters) that news writes next to words, made spaces before the split
_MARKS = ("\u2019", "\u00ab", "\u00bb", "\u201c", "\u201d", "\u2013", "\u2014", "\u00a0", "\u2026")


def may_tell_events(words: AbstractSet[str] | None, lang: str = "en") -> bool:
    """False when a sentence of these *words* (:func:`sentence_words`) holds no
    word that :func:`handovers` or :func:`tensions` needs: neither has to run.

    >>> may_tell_events(frozenset({"the", "talks", "went", "on"}))
    False
    >>> may_tell_events(frozenset({"tensions", "between"}))
    True
    """
    if words is None or "between" in words:
        return True
    single = _command_set(lang)
    return single is None or not words.isdisjoint(single)


@dataclass
class CountryMention:
    iso3: str
    start: int
    end: int
    demonym: bool
    text: str


def _country_at(in_sent: list[CountryMention], start: int, end: int) -> CountryMention | None:
    for c in in_sent:
        if start <= c.start < end:
            return c
    return None


def handovers(
    text: str,
    s: int,
    e: int,
    in_sent: list[CountryMention],
    dates: list[DateMention],
    mission: Mission | None,
    ev: Evidence,
    found: list[Event],
    lang: str = "en",
    words: AbstractSet[str] | None = None,
) -> None:
    """Command handovers: who takes over (lead), from whom, and when.

    English phrasing is read by the patterns above; another language's by
    the handover words of its lexicon ("prend le commandement ... des mains
    de", "cède le commandement à").  *words*, when given, are the sentence's
    runs of letters in lower case (see :func:`sentence_words`)."""
    single = _command_set(lang)
    if words is not None and single is not None:
        if words.isdisjoint(single):
            return  # no word of command in the sentence: no handover to read
    elif not _command_hint(lang).search(text, s, e):
        return
    asides = [(m.start(), m.end()) for m in APPOSITIVE.finditer(text, s, e)]

    def outside(c: CountryMention) -> bool:
        return not any(a <= c.start < b for a, b in asides)

    def subject_before(pos: int) -> CountryMention | None:
        before = [c for c in in_sent if c.end <= pos and outside(c)]
        return before[-1] if before else None

    def after(pos: int, word: str) -> CountryMention | None:
        for c in in_sent:
            if c.start >= pos and re.search(rf"\b{word}\s+(?:the\s+)?$", text[pos : c.start]):
                return c
        return None

    def after_tail(pos: int, tail: str) -> CountryMention | None:
        for c in in_sent:
            if c.start >= pos and re.search(rf"(?<!\w){tail}", text[pos : c.start], re.I):
                return c
        return None

    def may(needs: frozenset[str] | None) -> bool:
        """Whether the sentence has one of *needs* (or its words are not known)."""
        return words is None or needs is None or not words.isdisjoint(needs)

    pairs: list[tuple[CountryMention | None, CountryMention | None, int]] = []
    if may(_TAKE_NOUNS):
        for m in TAKE_COMMAND.finditer(text, s, e):
            pairs.append((subject_before(m.start()), after(m.end(), "from"), m.start()))
    if may(_PASS_NOUNS) and (words is None or "from" in words):
        for m in PASS_COMMAND.finditer(text, s, e):
            prev = next((c for c in in_sent if c.start >= m.end()), None)
            lead = after(prev.end, "to") if prev else None
            pairs.append((lead, prev, m.start()))
    if may(_HAND_NOUNS):
        for m in HAND_COMMAND.finditer(text, s, e):
            pairs.append((after(m.end(), "to"), subject_before(m.start()), m.start()))
    own = _language_patterns(lang) if lang != "en" else None
    if own is not None:
        take, hand, from_tail, to_tail = own
        take_words, hand_words = _verb_words(lang)
        if may(take_words):
            for m in take.finditer(text, s, e):
                pairs.append((subject_before(m.start()), after_tail(m.end(), from_tail), m.start()))
        if may(hand_words):
            for m in hand.finditer(text, s, e):
                pairs.append((after_tail(m.end(), to_tail), subject_before(m.start()), m.start()))
    for lead, prev, pos in pairs:
        if lead is None or (prev is not None and lead.iso3 == prev.iso3):
            continue
        # the date after the verb, else one before it ("On 3 March, Spain took over")
        # that is not the article's own (a dateline's "5 October 2023 - ...")
        when = next((d.iso for d in dates if d.start >= pos), "")
        when = when or next(
            (d.iso for d in reversed(dates) if d.start < pos and d.iso != ev.date[:10]), ""
        )
        actors = (lead.iso3, prev.iso3) if prev else (lead.iso3,)
        event = Event("handover", mission.id if mission else "", when, actors, (ev,))
        same = [i for i, x in enumerate(found) if x.kind == "handover" and x.actors[0] == lead.iso3]
        if not same:
            found.append(event)
            continue
        # a later sentence completes what an earlier one left out (date, previous lead)
        i = same[0]
        x = found[i]
        found[i] = Event(
            x.kind,
            x.mission,
            x.date or when,
            x.actors if len(x.actors) >= len(actors) else actors,
            # sentences come in order: only the last evidence can be this one
            x.evidence if x.evidence[-1].start == ev.start else (*x.evidence, ev),
        )


def tensions(
    text: str,
    s: int,
    e: int,
    in_sent: list[CountryMention],
    found: list[Event],
    ev: Evidence,
    words: AbstractSet[str] | None = None,
) -> None:
    if words is not None and "between" not in words:
        return  # every tension pattern has it
    m = TENSION.search(text, s, e)
    if not m:
        return
    parties = [c.iso3 for c in in_sent if c.start >= m.end() and c.start < m.end() + 80]
    if len(set(parties)) >= 2:
        actors = tuple(dict.fromkeys(parties))[:2]
        if all(set(x.actors) != set(actors) for x in found if x.kind == "tension"):
            found.append(Event("tension", "", "", actors, (ev,)))
