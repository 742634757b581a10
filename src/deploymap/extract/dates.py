"""Dates as news writes them: day and month in English and in each language's
own month names, weekdays against the article's date, ISO dates, and the
article's own date and year.

>>> parse_date("Oct. 10", default_year=2023)
'2023-10-10'
>>> parse_date("10 October 2023")
'2023-10-10'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter

from deploymap._frozen import fast_init
from deploymap.extract.figures import lexicon_of
from deploymap.extract.wordscan import matches_at

_DIGIT = re.compile(r"\d")
_START = attrgetter("start")
_WORD_CHAR = re.compile(r"\w")


MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# The patterns open with a character the engine can skip to (a digit, a
# month's capital): a leading ``\b`` would have it try every position.  The
# boundary is a look-behind after that first character instead ("no word
# character before it"), which is what ``\b`` before a word character means.
_DAY = r"(?P<day>\d(?<!\w\d)\d?)"  # \b\d{1,2}
# \b then _MONTH's names, grouped by their first letter (in their order there)
_MONTH_FIRST = (
    r"(?P<month>J(?<!\wJ)(?:an(?:uary)?|une?|uly?)|F(?<!\wF)eb(?:ruary)?|M(?<!\wM)(?:ar(?:ch)?|ay)|"
    r"A(?<!\wA)(?:pr(?:il)?|ug(?:ust)?)|S(?<!\wS)ept?(?:ember)?|O(?<!\wO)ct(?:ober)?|"
    r"N(?<!\wN)ov(?:ember)?|D(?<!\wD)ec(?:ember)?)\.?"
)
DATE_PATTERNS = [
    re.compile(rf"{_DAY}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"),
    re.compile(
        rf"{_MONTH_FIRST}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
    ),
    re.compile(r"(?P<year>(?:1(?<!\w1)9|2(?<!\w2)0)\d\d)-(?P<monthnum>\d\d)-(?P<day>\d\d)\b"),
]


@lru_cache(maxsize=8)
def _date_patterns(lang: str) -> tuple[tuple[re.Pattern[str], dict[str, int]], ...]:
    """Day-month patterns of *lang* with its month names: English ones always,
    then "le 3 mars 2024", "1er juillet" from the language's ``MONTHS``."""
    english = tuple((p, MONTHS) for p in DATE_PATTERNS)
    if lang == "en":
        return english
    lx = lexicon_of(lang)
    names = "|".join(sorted(lx.MONTHS, key=len, reverse=True))
    suffix = "|".join(lx.DAY_SUFFIXES)
    own = re.compile(
        rf"{_DAY}(?:{suffix})?\s+(?P<month>{names})(?:\s+(?P<year>(?:19|20)\d\d))?\b",
        re.IGNORECASE,  # (the digit first: the engine still skips to it)
    )
    return ((own, dict(lx.MONTHS)), *english)


# the words the English patterns' month can be (a superset: "Sept?(?:ember)?"
# also reads "Sepember"), in lower case
_ENGLISH_MONTH_WORDS = frozenset(
    w.lower()
    for stem, tail in (
        ("Jan", "uary"),
        ("Feb", "ruary"),
        ("Mar", "ch"),
        ("Apr", "il"),
        ("May", ""),
        ("Jun", "e"),
        ("Jul", "y"),
        ("Aug", "ust"),
        ("Sep", "tember"),
        ("Sept", "ember"),
        ("Sep", "ember"),
        ("Oct", "ober"),
        ("Nov", "ember"),
        ("Dec", "ember"),
    )
    for w in (stem, stem + tail)
)


@lru_cache(maxsize=8)
def _date_words(lang: str) -> tuple[frozenset[str] | None, ...]:
    """For each of :func:`_date_patterns`, the words (lower case) one of which
    every match holds as a whole run of letters, or None (no such word)."""
    out: list[frozenset[str] | None] = []
    for pat, months in _date_patterns(lang):
        if "monthnum" in pat.groupindex:
            out.append(None)  # "2024-03-05": digits alone
        elif months is MONTHS:
            out.append(_ENGLISH_MONTH_WORDS)
        else:
            names = frozenset(m.lower() for m in months)
            out.append(names if all(m.isalpha() for m in names) else None)
    return tuple(out)


@lru_cache(maxsize=8)
def _date_names(lang: str) -> frozenset[str] | None:
    """The words of :func:`_date_words` of every pattern but the ISO one, and
    *lang*'s weekdays, lower case: a sentence whose words (lower case) hold
    none has no date but an ISO one.  None when a pattern has no such words."""
    out: set[str] = set(_weekdays(lang)[1])
    for (pat, _months), need in zip(_date_patterns(lang), _date_words(lang), strict=True):
        if "monthnum" in pat.groupindex:
            continue
        if need is None:
            return None
        out.update(need)
    return frozenset(out)


@lru_cache(maxsize=8)
def _date_gates(lang: str) -> tuple[str, ...]:
    """For each of :func:`_date_patterns`, what a text must hold for it to
    match, looked for first: "iso", two hyphens three characters apart
    ("24-03-05"); "stem" or "stem first", an English month's stem as written
    (``_ENGLISH_STEM``: the English patterns are case-sensitive), with which
    every match begins ("stem first"); "" none (the pattern opens with a
    digit, which the engine skips to)."""
    out = []
    for pat, months in _date_patterns(lang):
        if "monthnum" in pat.groupindex:
            out.append("iso")
        elif months is MONTHS:
            out.append("stem first" if pat.pattern.startswith(_MONTH_FIRST) else "stem")
        else:
            out.append("")
    return tuple(out)


# every match of an English pattern holds one of these as written
_ENGLISH_STEM = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")


def _iso_hyphens(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds two hyphens three characters apart."""
    k = text.find("-", start, end)
    while k >= 0:
        if text.startswith("-", k + 3) and k + 3 < end:
            return True
        k = text.find("-", k + 1, end)
    return False


@lru_cache(maxsize=8)
def _weekdays(lang: str) -> tuple[re.Pattern[str], dict[str, int]]:
    lx = lexicon_of(lang)
    days = {d: i for i, d in enumerate(lx.WEEKDAYS)}
    return re.compile(rf"\b(?:{'|'.join(days)})\b", re.IGNORECASE), days


def _weekday_before(ref: str, weekday: int) -> str:
    """The latest date on or before *ref* (ISO) that falls on *weekday* (0 = Monday)."""
    d = date.fromisoformat(ref)
    return (d - timedelta(days=(d.weekday() - weekday) % 7)).isoformat()


@fast_init
@dataclass(frozen=True, slots=True)
class DateMention:
    iso: str
    start: int
    end: int
    has_year: bool


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    default_year: int | None = None,
    lang: str = "en",
    ref: str = "",
    words: AbstractSet[str] | None = None,
) -> list[DateMention]:
    """Calendar dates in ``text[start:end]`` as ISO strings (YYYY-MM-DD, or MM-DD
    prefixed with ``default_year`` when the text gives no year).

    Month names are *lang*'s (and English); with *ref*, the article's date as
    ISO, a weekday alone ("jeudi", "on Thursday") is the latest such day on or
    before it.  *words*, when given, are the lower-case runs of letters of
    ``text[start:end]`` (:func:`deploymap.extract.events.sentence_words`): a
    pattern whose month or weekday words are not among them is not tried.

    >>> [d.iso for d in find_dates("le 3 mars 2024 puis le 1er avril", lang="fr")]
    ['2024-03-03', '--04-01']
    >>> [d.iso for d in find_dates("arrivés jeudi", lang="fr", ref="2024-07-16")]
    ['2024-07-11']
    """
    end = len(text) if end is None else end
    if words is not None:
        names = _date_names(lang)
        if names is not None and words.isdisjoint(names) and not _iso_hyphens(text, start, end):
            # no month or weekday name among the words, no "-dd-": no pattern
            # of a month's name can match, nor the ISO one, nor a weekday
            return []
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    digits: bool | None = None  # whether the text has a digit (every pattern needs one)
    needs = _date_words(lang)
    gates = _date_gates(lang)
    stem: re.Match[str] | None = None  # the first English month stem, once looked for
    stem_sought = False
    for k, (pat, months) in enumerate(_date_patterns(lang)):
        need = needs[k]
        if words is not None and need is not None and words.isdisjoint(need):
            continue  # no month name in the sentence
        gate = gates[k]
        frm = start
        if gate == "iso":
            if not _iso_hyphens(text, start, end):
                continue  # no "-dd-", as the ISO pattern needs
        elif gate and words is None:
            if not stem_sought:
                stem, stem_sought = _ENGLISH_STEM.search(text, start, end), True
            if stem is None:
                continue  # no English month
            if gate == "stem first":
                frm = stem.start()  # (no match begins before)
        if digits is None:
            digits = _DIGIT.search(text, start, end) is not None
        if not digits:
            break
        for m in pat.finditer(text, frm, end):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            gd = m.groupdict()
            if gd.get("monthnum"):
                month = int(gd["monthnum"])
            else:
                # "Sept?(?:ember)?" also reads "Sepember": no month, no date
                month = months.get(gd["month"].lower(), 0)
            day = int(gd["day"])
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            year = int(gd["year"]) if gd.get("year") else default_year
            if year is None:
                iso = f"--{month:02d}-{day:02d}"
            else:
                iso = f"{year:04d}-{month:02d}-{day:02d}"
            out.append(DateMention(iso, m.start(), m.end(), bool(gd.get("year"))))
            taken.append((m.start(), m.end()))
    if ref[:10].count("-") == 2 and ref[:4].isdigit():
        pat, days = _weekdays(lang)
        if words is None:
            found: Iterable[re.Match[str]] = pat.finditer(text, start, end)
        elif words.isdisjoint(days):
            found = ()  # no weekday there
        else:
            found = _matches_of_words(pat, text, start, end, days.keys() & words)
        for m in found:
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue  # "Thursday 10 October": the full date is there
            try:
                iso = _weekday_before(ref[:10], days[m.group(0).lower()])
            except ValueError:
                break  # not a real date: no weekday can be placed
            out.append(DateMention(iso, m.start(), m.end(), True))
    if len(out) > 1:
        out.sort(key=_START)
    return out


def _matches_of_words(
    pat: re.Pattern[str], text: str, start: int, end: int, names: Iterable[str]
) -> list[re.Match[str]]:
    """What ``pat.finditer(text, start, end)`` finds, for a *pat* whose every
    match, in lower case, is one of *names* (runs of letters, lower case, each
    a run of letters of the text: no letter of
    :data:`~deploymap.extract.wordscan.CASE_ODD` there): *pat* tried only where
    the lowered text has one of them, not at each position."""
    low = text[start:end].lower()  # (no CASE_ODD letter: each at its own place)
    at = []
    for w in names:
        k = low.find(w)
        while k >= 0:
            at.append(start + k)
            k = low.find(w, k + 1)
    return list(matches_at(pat, text, sorted(at), end))


def parse_date(text: str, default_year: int | None = None) -> str | None:
    """The first date in *text* as ISO, or None."""
    found = find_dates(text, default_year=default_year)
    return found[0].iso if found else None


def article_date(text: str, head_chars: int = 600, lang: str = "en") -> str:
    """The article's own date: a full date in the dateline/first lines, else ""."""
    end = min(len(text), head_chars)
    for d in find_dates(text, 0, end, lang=lang):
        if d.has_year:
            return d.iso
    return ""


def article_year(text: str, lang: str = "en", own_date: str | None = None) -> int | None:
    """A year for dates written without one: the article date's, else a copyright
    line's, else the latest year the text names (not in the future of the others).

    *own_date* is :func:`article_date`'s answer when the caller has it already."""
    iso = article_date(text, lang=lang) if own_date is None else own_date
    if iso:
        return int(iso[:4])
    # one scan for the year-like runs: ``_COPYRIGHT`` then ``\b(year)\b`` are
    # read at them (every match of either begins one that no other run covers)
    found = _year_like(text)
    for a, b in found:
        if _copyright_before(text, a):
            return int(text[a:b])
    years = [
        int(text[a:b])
        for a, b in found
        if not (a and _WORD_CHAR.match(text, a - 1)) and not _WORD_CHAR.match(text, b)
    ]
    return max(years) if years else None


_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")


def _year_like(text: str) -> list[tuple[int, int]]:
    """The spans ``_YEAR_LIKE.finditer(text)`` gives, from the places "19" and
    "20" stand (found by ``str.find``, faster than the engine's scan for two
    characters): the first at or after the last span's end that two digits
    follow, each time."""
    at = []
    for lead in ("19", "20"):
        k = text.find(lead)
        while k >= 0:
            at.append(k)
            k = text.find(lead, k + 1)
    at.sort()
    out = []
    pos = 0
    n = len(text)
    for k in at:
        if k >= pos and k + 4 <= n and text[k + 2 : k + 4].isdecimal():
            out.append((k, k + 4))
            pos = k + 4
    return out


_COPYRIGHT = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)


def _copyright_before(text: str, a: int) -> bool:
    """``(?:©|\\(c\\)|copyright)\\s*`` ends at *a* (the whitespace walked back)."""
    q = a
    while q and text[q - 1].isspace():
        q -= 1
    return any(q >= n and _COPYRIGHT.fullmatch(text, q - n, q) for n in (1, 3, 9))
