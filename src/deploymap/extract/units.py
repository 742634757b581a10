"""What a contingent is: unit kinds and echelons in the text ("an engineering company").

A small reader over the lexicon of :mod:`deploymap.units`.  It knows four
constructions, each a whole class of phrasing:

* a kind word before a unit noun: "an *infantry battalion*", "a *medical
  unit*", "two *formed police units*", "a *helicopter squadron*";
* a unit noun, "of", and a kind: "a *company of engineers*", "a *team of
  medics*";
* a phrase that names such a unit on its own: "*military observers*",
  "a *field hospital*", "*sappers*";
* a UN contingent abbreviation, a country prefix and a unit suffix:
  "NEP*BATT*" (an infantry battalion), "BAN*ENGR*" (engineers).

A unit noun alone names a unit only when it cannot be anything else
("a battalion"; "a company" is as often a business).  Each unit found in a
sentence then belongs to the contributor that sentence speaks of, the
nearest one when it names several (:func:`contingent_units`).  Nothing here
changes who contributes or how many: units only describe the contingents.

Examples
--------
>>> [(u.kind, u.echelon, u.count) for u in find_units("Ghana sent an infantry battalion.")]
[('infantry', 'battalion', 1)]
>>> [u.text for u in find_units("two companies of engineers and a unit of military observers")]
['two companies of engineers', 'a unit of military observers']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from deploymap.extract import lexicon as lx
from deploymap.model import Evidence, Toponym, Unit
from deploymap.units import terms

__all__ = ["UnitMention", "contingent_units", "find_units", "read_unit_cell"]

_TOKEN = re.compile(r"[A-Za-z][A-Za-z]*(?:['’-][A-Za-z]+)*|\d+")
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
# Words that may stand between a kind word and its noun ("a medical *level II* unit"
# is not one; "an engineering *construction* company" is the kind word's own phrase).
_BETWEEN = lx._words(
    "formed combat composite light heavy utility tactical additional new further "
    "specialised specialized multi-role multirole mobile field"
)
_PLURAL_NOUNS = lx._words(
    "battalions companies coys batteries platoons detachments sections squads teams crews "
    "regiments brigades divisions units contingents elements squadrons"
)
_MAX_PHRASE = 4  # words in the longest phrase of the lexicon
# a contingent abbreviation: a 3-5 letter country prefix and a unit suffix
_ABBREV = re.compile(r"^[A-Z]{3,5}([A-Z]{2,5})$")


@dataclass(frozen=True, slots=True)
class UnitMention:
    """A unit named in the text: where, and what kind and echelon."""

    start: int
    end: int
    text: str
    kind: str
    echelon: str = ""
    count: int | None = None


@dataclass(frozen=True)
class _Lexicon:
    before: dict[tuple[str, ...], str]  # kind words before a noun
    alone: dict[tuple[str, ...], str]  # phrases that name a unit by themselves
    nouns: dict[tuple[str, ...], str]  # unit nouns -> echelon ("" for "unit")
    nouns_alone: frozenset[tuple[str, ...]]  # nouns that are military without a kind word
    kind_suffix: dict[str, str]
    echelon_suffix: dict[str, str]
    heads: frozenset[str]  # last words of unit nouns and phrases alone: a sentence worth reading
    suffixes: tuple[str, ...]  # of contributor abbreviations


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(m.group(0).lower() for m in _TOKEN.finditer(phrase))


@cache
def lexicon() -> _Lexicon:
    """The lexicon of :mod:`deploymap.units` as phrase tables (lower-case word tuples)."""
    before: dict[tuple[str, ...], str] = {}
    alone: dict[tuple[str, ...], str] = {}
    nouns: dict[tuple[str, ...], str] = {}
    nouns_alone: set[tuple[str, ...]] = set()
    kind_suffix: dict[str, str] = {}
    echelon_suffix: dict[str, str] = {}
    for t in terms():
        if t.field == "kind":
            for p in t.before:
                before.setdefault(_words(p), t.key)
            for p in t.alone:
                alone.setdefault(_words(p), t.key)
            for sfx in t.suffix:
                kind_suffix.setdefault(sfx, t.key)
        else:  # echelon or noun
            for p in t.before:
                nouns.setdefault(_words(p), t.key)
            nouns_alone.update(_words(p) for p in t.alone)
            for sfx in t.suffix:
                echelon_suffix.setdefault(sfx, t.key)
    heads = frozenset(p[-1] for p in (*nouns, *alone))
    endings = tuple(sorted({*kind_suffix, *echelon_suffix}, key=len, reverse=True))
    return _Lexicon(
        before, alone, nouns, frozenset(nouns_alone), kind_suffix, echelon_suffix, heads, endings
    )


_WORD = re.compile(r"[A-Za-z]+")


def _worth_reading(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """Whether ``text[start:end]`` holds a unit noun, a last word of a phrase or an abbreviation."""
    for m in _WORD.finditer(text, start, end):
        w = m.group(0)
        if w.lower() in lex.heads or (_ABBREV.match(w) and w.endswith(lex.suffixes)):
            return True
    return False


def _match(words: Sequence[str], i: int, table: Mapping[tuple[str, ...], str]) -> int:
    """The length of the longest phrase of *table* starting at *i* (0 for none)."""
    for n in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
        if tuple(words[i : i + n]) in table:
            return n
    return 0


def _match_ending(words: Sequence[str], j: int, table: Mapping[tuple[str, ...], str]) -> int:
    """The length of the longest phrase of *table* ending at word *j* (inclusive)."""
    for n in range(min(_MAX_PHRASE, j + 1), 0, -1):
        if tuple(words[j - n + 1 : j + 1]) in table:
            return n
    return 0


def find_units(text: str, start: int = 0, end: int | None = None) -> list[UnitMention]:
    """The units named in ``text[start:end]``, in text order.

    Examples
    --------
    >>> [u.text for u in find_units("Nepal's NEPBATT and a medical unit from Egypt")]
    ['NEPBATT', 'a medical unit']
    >>> find_units("a Chinese company built the road")
    []
    """
    end = len(text) if end is None else end
    lex = lexicon()
    if not _worth_reading(text, start, end, lex):
        return []  # most sentences: no unit noun at all, nothing to tokenise
    toks = list(_TOKEN.finditer(text, start, end))
    words = [m.group(0).lower() for m in toks]
    out: list[UnitMention] = []
    used = -1  # tokens up to here belong to a unit already found

    def mention(a: int, b: int, kind: str, echelon: str, plural: bool) -> None:
        nonlocal used
        count = None
        if a - 1 > used:
            w = words[a - 1]
            n = _NUMBERS.get(w) if w in _NUMBERS else (int(w) if w.isdigit() else None)
            if n is not None and 0 < n <= 50 and (n == 1) != plural:
                count, a = n, a - 1
        s, e = toks[a].start(), toks[b - 1].end()
        out.append(UnitMention(s, e, text[s:e], kind, echelon, count))
        used = b - 1

    i = 0
    while i < len(words):
        if i <= used:
            i += 1
            continue
        n = _match(words, i, lex.nouns)
        if n:
            noun = tuple(words[i : i + n])
            echelon = lex.nouns[noun]
            plural = words[i + n - 1] in _PLURAL_NOUNS
            kind, a, b = None, i, i + n
            # a kind word before the noun, perhaps over a word such as "formed"
            j = i - 1
            while j > used and j >= i - 3:
                k = _match_ending(words, j, lex.before)
                if k:
                    kind, a = lex.before[tuple(words[j - k + 1 : j + 1])], j - k + 1
                    break
                if words[j] not in _BETWEEN:
                    break
                j -= 1
            # "a company of engineers"
            if kind is None and b < len(words) and words[b] == "of":
                k = _match(words, b + 1, lex.alone) or _match(words, b + 1, lex.before)
                if k:
                    phrase = tuple(words[b + 1 : b + 1 + k])
                    kind = lex.alone.get(phrase) or lex.before[phrase]
                    b = b + 1 + k
            if kind is None and noun in lex.nouns_alone:
                kind = ""
            if kind is not None:
                mention(a, b, kind, echelon, plural)
                i = b
                continue
        n = _match(words, i, lex.alone)
        if n:
            mention(i, i + n, lex.alone[tuple(words[i : i + n])], "", False)
            i += n
            continue
        m = _ABBREV.match(toks[i].group(0))
        if m:
            word = toks[i].group(0)
            kind_s = next((v for s, v in lex.kind_suffix.items() if word.endswith(s)), None)
            ech_s = next((v for s, v in lex.echelon_suffix.items() if word.endswith(s)), None)
            if (kind_s or ech_s) and len(word) - max(
                len(s) for s in (*lex.kind_suffix, *lex.echelon_suffix) if word.endswith(s)
            ) >= 3:
                mention(i, i + 1, kind_s or "", ech_s or "", False)
        i += 1
    return out


def read_unit_cell(cell: str) -> list[UnitMention]:
    """The units a table cell names: a phrase as in text, or a kind or size word alone.

    Examples
    --------
    >>> [(u.kind, u.echelon) for u in read_unit_cell("infantry battalion; medical")]
    [('infantry', 'battalion'), ('medical', '')]
    >>> read_unit_cell("tea party")
    []
    """
    out: list[UnitMention] = []
    lex = lexicon()
    start = 0
    for part in re.split(r"[;|/]", cell):
        found = find_units(cell, start, start + len(part))
        words = _words(part)
        kind = lex.before.get(words, lex.alone.get(words))
        echelon = lex.nouns.get(words)
        if not found and words and (kind is not None or echelon is not None):
            a = start + len(part) - len(part.lstrip())
            b = start + len(part.rstrip())
            found = [UnitMention(a, b, cell[a:b], kind or "", echelon or "")]
        out.extend(found)
        start += len(part) + 1
    return out


def contingent_units(
    text: str,
    claims: Mapping[str, Iterable[tuple[object, Evidence]]],
    toponyms: Sequence[Toponym],
) -> dict[str, tuple[Unit, ...]]:
    """The units of each contributor: those of the sentences its claims come from.

    *claims* maps a contributor (ISO3) to its ``(claim, sentence evidence)``
    pairs, as :class:`deploymap.extract.deployments.Findings` holds them.  A
    sentence that speaks of one contributor gives it every unit it names; one
    that speaks of several gives each unit to the nation it names: the one
    right after it ("a medical unit *from Egypt*"), else the nearest before
    it ("*Nepal* sent an engineering company").  A unit whose nation has no
    contingent in the text belongs to no one.
    """
    by_sentence: dict[Evidence, list[str]] = {}
    for iso3, items in claims.items():
        for _, ev in items:
            who = by_sentence.setdefault(ev, [])
            if iso3 not in who:
                who.append(iso3)
    out: dict[str, list[Unit]] = {}
    seen: set[tuple[str, int]] = set()
    nations = [t for t in toponyms if t.iso3 and t.kind in ("country", "capital")]
    for ev, who in by_sentence.items():
        found = find_units(text, ev.start, ev.end)
        if not found:
            continue
        named = [t for t in nations if ev.start <= t.start < ev.end]
        for u in found:
            owner = _owner(text, u, named)
            if owner is not None:
                iso3 = owner
            elif len(who) == 1 and not named:
                iso3 = who[0]  # "the contingent includes a medical unit"
            else:
                continue
            if iso3 not in who:
                continue  # the nearest nation is the host, or one the text gives no contingent
            if (iso3, u.start) in seen:
                continue
            seen.add((iso3, u.start))
            span = Evidence(u.start, u.end, u.text, ev.source, ev.date, ev.page)
            out.setdefault(iso3, []).append(Unit(u.kind, u.echelon, u.count, evidence=span))
    return {k: tuple(v) for k, v in out.items()}


_FROM = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:from|of)\s+(?:the\s+)?", re.IGNORECASE)


def _owner(text: str, u: UnitMention, nations: Sequence[Toponym]) -> str | None:
    """The nation *u* belongs to by position (see :func:`contingent_units`), or None."""
    after = [t for t in nations if t.start >= u.end]
    if after:
        t = min(after, key=lambda t: t.start)
        if _FROM.fullmatch(text, u.end, t.start):
            return t.iso3
    before = [t for t in nations if t.end <= u.start]
    if before:
        return max(before, key=lambda t: t.end).iso3
    return min(after, key=lambda t: t.start).iso3 if after else None
