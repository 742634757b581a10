"""Numbers and dates as news writes them.

>>> [(n.value, n.approx) for n in find_numbers("about 3,500 troops, down from some 50,000")]
[(3500, True), (50000, True)]
>>> [n.value for n in find_numbers("the 14,400-strong force and 1.2 million people")]
[14400, 1200000]
>>> parse_date("Oct. 10", default_year=2023)
'2023-10-10'
>>> parse_date("10 October 2023")
'2023-10-10'
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter
from types import ModuleType

from deploymap._frozen import fast_init
from deploymap.extract.wordscan import has_case_odd, matches_at, word_runs

# Troop figures are whole numbers in this range; anything else in text is no
# troop figure (a 400-digit run, "1e400", a fraction).
MAX_FIGURE = 10_000_000
# Digits first, then a look back for the qualifier: trying the qualifier words
# at every position of a long text costs more than the rare digits do.  Each
# alternative is a fixed-shape run (no nested repeats), so matching is linear.
_THIN = "\u00a0\u202f\u2009 "
# The pattern starts with a digit and ignores case only where letters are (a
# case-sensitive digit first lets the engine skip to the digits: a look-ahead
# or a pattern-wide IGNORECASE would have it try every position); the look
# back, after the first digit, sees the character before it.
_NUM = re.compile(
    r"(?P<num>\d(?<![\w.,]\d)"  # no word character, "." or "," before the figure
    r"(?:\d{0,2}(?:,\d{3})+(?![\d])"  # 1,200
    rf"|\d{{0,2}}(?:[{_THIN}]\d{{3}})+(?![\d]|[.,]\d)"  # 4 664, 2\u202f900
    r"|\d{0,2}(?:\.\d{3})+(?![\d.])"  # 1.200 (European), a decimal before a multiplier
    r"|\d*(?:[.,]\d+)?))"  # 5,4 (a French decimal) is read and refused below
    r"(?:\s*(?P<mult>(?i:million|thousand|k|millions?|milliers?))\b)?"
    r"(?P<strong>(?i:-strong))?"
    r"(?P<ordinal>-[^\W\d_]{1,3}\b)?"
    r"(?![^\W_])",  # "1st", "15km", "1e400" are no figures
)
_PARENS_DIGITS = re.compile(r"\s*\(\s*\d")
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|une?)\s+$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8)
def lexicon_of(lang: str) -> ModuleType:
    """The word lists of a language: :mod:`.lexicon` for English, else
    ``deploymap.extract.lexicon_<lang>`` (a known language code only; looked up
    once a language, as stages ask for it per sentence)."""
    from deploymap.extract.language import LANGUAGES

    if lang not in LANGUAGES or lang == "en":
        return importlib.import_module("deploymap.extract.lexicon")
    return importlib.import_module(f"deploymap.extract.lexicon_{lang}")


@dataclass(frozen=True, slots=True)
class _NumberWords:
    """One language's number words, and the patterns built from them."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    hundreds: frozenset[str]
    scores: frozenset[str]
    collectives: dict[str, int]
    article_one: frozenset[str]
    joiners: frozenset[str]
    determiners: frozenset[str]
    run: re.Pattern[str]
    hint: re.Pattern[str]
    qualifier: re.Pattern[str]
    ordinals: tuple[str, ...]
    counted: frozenset[str]  # personnel nouns: "2000 soldiers" is no year
    lowered: frozenset[str]  # the number words, lower case (what ``hint`` matches)
    plain: bool  # every number word a run of letters (a set look-up finds it)
    # what a text before a figure ends with (lower case, spaces made one) when
    # ``qualifier`` matches there: the search is tried only then
    qualifier_ends: tuple[str, ...]
    # two articles that are number words in a row ("un un", "une et une"): a
    # run of number words of articles alone, more than one (None: no such article)
    article_pair: re.Pattern[str] | None
    # an article that is a number word ("un", "une") with a number word after
    # it, as ``run`` goes on from it ("une vingtaine", "un-deux"), anywhere
    # (inside a word too: "chacun deux"); None: no such article
    article_run: re.Pattern[str] | None


@lru_cache(maxsize=8)
def number_words(lang: str = "en") -> _NumberWords:
    """The number words of *lang* (from its lexicon module), patterns compiled once."""
    lx = lexicon_of(lang)
    words = [*lx.UNITS, *lx.TENS, *lx.SCALES, *lx.HUNDREDS, *lx.COLLECTIVES]
    alt = "|".join(sorted(set(words), key=len, reverse=True))
    joiners = "|".join(sorted(lx.NUMBER_AND))
    # one run: "thirty-five", "one hundred and fifty", "quatre-vingt-dix", "vingt et un"
    run = re.compile(
        rf"\b(?:{alt})\b(?:[\s-]+(?:(?:{joiners})[\s-]+)?(?:{alt})\b)*(?P<strong>-strong)?",
        re.IGNORECASE,
    )
    quals = "|".join(
        re.escape(q).replace("\\ ", r"\s+").replace("'", "['’]")
        for q in sorted(lx.QUALIFIERS, key=len, reverse=True)
    )
    arts = "|".join(sorted(lx.ARTICLE_ONE - set(lx.UNITS)))
    determiners = frozenset(lx._words("a an un une")) & frozenset(lx.ARTICLE_ONE)
    counted_arts = sorted(determiners & {w.lower() for w in words}, key=len, reverse=True)
    pair = "|".join(counted_arts)
    return _NumberWords(
        dict(lx.UNITS),
        dict(lx.TENS),
        dict(lx.SCALES),
        frozenset(lx.HUNDREDS),
        frozenset(lx.SCORES),
        dict(lx.COLLECTIVES),
        frozenset(lx.ARTICLE_ONE),
        frozenset(lx.NUMBER_AND),
        determiners,
        run,
        re.compile(rf"\b(?:{alt})\b", re.IGNORECASE),
        re.compile(
            rf"(?<![^\W\d_])(?:{quals})\s*(?:(?:{arts})\s+)?$" if arts else rf"(?:{quals})\s*$",
            re.IGNORECASE,
        ),
        tuple(lx.ORDINAL_SUFFIXES),
        frozenset(lx.PERSONNEL_NOUNS) - {"military", "men"},
        frozenset(w.lower() for w in words),
        all(w.isalpha() for w in words),
        _qualifier_ends(lx.QUALIFIERS, lx.ARTICLE_ONE - set(lx.UNITS)),
        re.compile(rf"(?:{pair})\b[\s-]+(?:(?:{joiners})[\s-]+)?(?:{pair})\b", re.IGNORECASE)
        if pair
        else None,
        re.compile(rf"(?:{pair})\b[\s-]+(?:(?:{joiners})[\s-]+)?(?:{alt})\b", re.IGNORECASE)
        if pair
        else None,
    )


def _qualifier_ends(qualifiers: Iterable[str], articles: Iterable[str]) -> tuple[str, ...]:
    """Each qualifier, and each with an article after it ("about a"), as
    :func:`_number` normalises the text before a figure."""
    quals = {" ".join(q.lower().split()).replace("’", "'") for q in qualifiers}
    arts = {a.lower() for a in articles}
    forms = quals | {q + sep + a for q in quals for a in arts for sep in ("", " ")}
    return tuple(sorted(forms))


def words_value(words: str, lang: str = "en") -> int | None:
    """The value of a run of number words of *lang*, or None.

    >>> words_value("thirty-five"), words_value("one hundred and fifty")
    (35, 150)
    >>> words_value("three thousand two hundred"), words_value("a dozen")
    (3200, 12)
    >>> words_value("deux mille", "fr"), words_value("quatre-vingt-dix", "fr")
    (2000, 90)
    >>> words_value("trois cent cinquante", "fr"), words_value("un millier", "fr")
    (350, 1000)
    """
    nw = number_words(lang)
    total = current = 0
    seen = False
    for w in re.split(r"[\s-]+", words.lower().strip()):
        if w in nw.joiners or not w:
            continue
        if w in nw.article_one and not seen and w not in nw.units:
            current, seen = 1, True
            continue
        if w in nw.scores and current and current < 20:
            current *= nw.tens.get(w, 20)  # "quatre-vingts"
        elif w in nw.units:
            current += nw.units[w]
        elif w in nw.tens:
            current += nw.tens[w]
        elif w in nw.collectives:
            current = max(current, 1) * nw.collectives[w]
        elif w in nw.hundreds:
            current = max(current, 1) * 100
        elif w in nw.scales:
            total += max(current, 1) * nw.scales[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


@fast_init
@dataclass(frozen=True, slots=True)
class Number:
    """A number in text: its value, span and how it was written.

    ``start`` includes a qualifier ("about 400"); ``vstart`` is where the
    figure itself starts.
    """

    value: int
    start: int
    end: int
    approx: bool = False
    strong: bool = False  # "600-strong"
    qualifier: str = ""  # "about", "more than", ...
    vstart: int = -1
    words: bool = False  # written in words ("two hundred")


def _parse_digits(raw: str, mult: str) -> int | None:
    """The whole number *raw* (with *mult*) stands for, in 0..MAX_FIGURE, or None."""
    digits = raw.translate(_DROP_SEPARATORS)
    if len(digits) > 12:  # far past any troop figure: never parsed (no huge ints, no inf)
        return None
    if mult:
        scale = 1_000_000 if mult == "million" else 1_000
        value = float(raw.replace(",", "").translate(_DROP_SPACES)) * scale
    elif "." in raw:
        groups = raw.split(".")
        if "," in raw or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
            return None  # decimals without a multiplier are not head counts
        value = float(digits)  # "1.200": European thousands
    else:
        value = float(digits)
    if value != value or not 0 <= value <= MAX_FIGURE or value != int(value):
        return None
    return int(value)


_DROP_SEPARATORS = str.maketrans("", "", ",." + _THIN)
_DROP_SPACES = str.maketrans("", "", _THIN)
_START = attrgetter("start")


def find_numbers(
    text: str,
    start: int = 0,
    end: int | None = None,
    lang: str = "en",
    words: AbstractSet[str] | None = None,
) -> list[Number]:
    """Whole figures in ``text[start:end]``; years (1900-2099 alone) are left out.

    Thousands may be grouped with commas, spaces or narrow no-break spaces
    ("4 664"), or European dots ("1.200" when no multiplier follows); small
    figures may be written in words of *lang* ("thirty-five", "deux mille",
    "un millier").  Only values from 0 to :data:`MAX_FIGURE` are figures;
    ordinals ("2e", "26-ème") and decimals ("5,4") are none.

    >>> [n.value for n in find_numbers("4 664 troops, 1.200 soldiers, thirty-five officers")]
    [4664, 1200, 35]
    >>> [n.value for n in find_numbers("quelque 1 200 hommes, un millier de policiers", lang="fr")]
    [1200, 1000]
    >>> find_numbers("9" * 400 + " troops")
    []

    *words*, when given, are the lower-case runs of letters of
    ``text[start:end]`` (:func:`deploymap.extract.events.sentence_words`):
    number words are looked for only among them.
    """
    end = len(text) if end is None else end
    nw = number_words(lang)
    out: list[Number] = []
    # a letter of CASE_ODD in the text: looked for at the first figure (none
    # when *words* are given: sentence_words gives None for a text with one)
    odd: bool | None = None if words is None else False
    for m in _NUM.finditer(text, start, end):
        raw, mult, strong, ordinal = m.groups()
        if mult is None and ordinal is None and raw.isdigit():
            # digits alone (most figures): what _parse_digits reads, int(raw)
            if len(raw) > 12:
                continue
            value = int(raw)
            if value > MAX_FIGURE:
                continue
        else:
            parsed = _value_of(raw, mult, ordinal, nw)
            if parsed is None:
                continue
            value = parsed
        me = m.end()
        if mult is None and strong is None and 1900 <= value <= 2099 and raw.isdigit():
            nxt_word = _NEXT_WORD.match(text, me, end)
            if not (nxt_word and nxt_word.group(1).lower() in nw.counted):
                continue  # a year, not "2000 soldiers"
        # "%", " %", " percent", " pour cent": a share (each opens with "%" or a space)
        c = text[me : me + 2]
        if c[:1] == "%" or (c in _SHARE_OPENINGS and _share_after(text, me)):
            continue
        if odd is None:
            odd = has_case_odd(text, start, end)
        out.append(_number(text, start, m.start(), me, value, strong, nw, odd, False))
    if words is not None and nw.plain:
        # number words looked for among the sentence's words only
        if words.isdisjoint(nw.lowered):
            return _in_order(out)
        hits = nw.lowered.intersection(words)
        if (
            nw.article_run is not None
            and not hits.isdisjoint(nw.determiners)
            and nw.article_run.search(text, start, end) is None
        ):
            # no article ("un", "une") that a number word follows: where one
            # is a whole run of letters, the run of number words there is the
            # article alone, which _word_numbers leaves out (nor does it lie
            # inside a longer run, which would begin at a number word before
            # it that no article is): only the other words are looked for
            hits = hits - nw.determiners
            if not hits:
                return _in_order(out)
        starts = _hit_starts(text, start, end, hits)
        if hits <= nw.determiners and _articles_only(nw, text, starts, end):
            return _in_order(out)  # only "un", "une" among the number words: each an article
    else:
        starts = _number_word_starts(nw, text, start, end)
    if starts:
        return _word_numbers(text, start, end, lang, nw, starts, out, odd)
    return _in_order(out)


def _in_order(out: list[Number]) -> list[Number]:
    """*out* sorted by start (a qualifier may start a figure before its digits)."""
    if len(out) > 1:
        out.sort(key=_START)
    return out


def _value_of(raw: str, mult: str | None, ordinal: str | None, nw: _NumberWords) -> int | None:
    """The value of a match of ``_NUM`` other than digits alone (*raw*, its
    *mult* and *ordinal* groups), or None: an ordinal, a decimal, too large."""
    if ordinal and ordinal[1:].lower() in nw.ordinals:
        return None  # "26-ème", "11-th"
    mult = (mult or "").lower()
    if mult.startswith("millier"):
        mult = "thousand"
    elif mult.startswith("million"):
        mult = "million"
    if "," in raw and "," not in raw[:-4] and len(raw.split(",")[-1]) != 3:
        if not mult:
            return None  # "5,4": a decimal comma, no head count
        raw = raw.replace(",", ".")
    return _parse_digits(raw, mult)


# the two characters a share opens with after a figure: " p" (" percent",
# " pour cent": only "P" lowers to "p") and " %"
_SHARE_OPENINGS = frozenset([" p", " P", " %"])


def _share_after(text: str, me: int) -> bool:
    """Whether ``text[me:]`` opens with " percent", " %" or " pour cent"."""
    return (
        text[me : me + 8].lower().startswith(" percent")
        or text.startswith(" %", me)
        or text[me : me + 10].lower().startswith(" pour cent")
    )


def _word_numbers(
    text: str,
    start: int,
    end: int,
    lang: str,
    nw: _NumberWords,
    starts: list[int],
    out: list[Number],
    odd: bool | None = None,
) -> list[Number]:
    """*out* (the digit figures of ``text[start:end]``) with the runs of number
    words that begin at *starts*, in order; *odd*: whether the text has a
    letter of :data:`~deploymap.extract.wordscan.CASE_ODD` (None: unknown)."""
    digit_spans = [(n.vstart, n.end) for n in out]
    if odd is None:
        odd = has_case_odd(text, start, end)
    for m in matches_at(nw.run, text, starts, end):
        run = m.group(0).removesuffix("-strong")
        first = run.split()[0].lower() if run.split() else ""
        if first in nw.determiners and len(run.split()) == 1:
            continue  # French "un", "une": an article, not a figure
        value = words_value(run, lang)
        if value is None or value > MAX_FIGURE or _covered(digit_spans, m.start()):
            continue
        if text[max(start, m.start() - 5) : m.start()].lower().endswith("pour "):
            continue  # "pour cent": per cent
        after = text[m.end() : m.end() + 12].lower()
        if after.startswith((" pour cent", " per cent", " percent", "%", " %")):
            continue  # "vingt-cinq pour cent": a share
        if _PARENS_DIGITS.match(text, m.end()):
            continue  # "one hundred fifty (150)": the digits carry the figure
        w0 = m.start()
        art = _ARTICLE_BEFORE.search(text[max(start, w0 - 4) : w0])
        if art and (first in nw.scales or first in nw.collectives or first in nw.hundreds):
            w0 -= len(art.group(0))
        out.append(_number(text, start, w0, m.end(), value, m.group("strong"), nw, odd, True))
    return _in_order(out)


def _articles_only(nw: _NumberWords, text: str, starts: list[int], end: int) -> bool:
    """Whether no two articles follow each other ("un un", "une et une") in
    ``text[:end]``, when *starts* are where its runs of letters that are
    articles start (a sentence's number words all articles): then every run
    of number words is one article alone, which :func:`find_numbers` leaves
    out.  (Such a run begins with an article that is a whole run of letters,
    the next article too: two of *starts*.)"""
    if nw.article_pair is None:
        return False
    if len(starts) < 2:
        return True
    pair = nw.article_pair.match
    return not any(pair(text, a, end) for a in starts)


def _number_word_starts(
    nw: _NumberWords,
    text: str,
    start: int,
    end: int,
    words: AbstractSet[str] | None = None,
) -> list[int]:
    """Where ``nw.hint`` matches in ``text[start:end]`` (see :mod:`.wordscan`).

    With the sentence's *words* (lower-case runs of letters), only the number
    words among them are looked for: every match of ``nw.hint`` is a whole run
    of letters, its lower case one of them."""
    if words is not None and nw.plain:
        hits = nw.lowered.intersection(words)
        return _hit_starts(text, start, end, hits) if hits else []
    runs = word_runs(text, start, end)
    if runs is None:
        return [m.start() for m in nw.hint.finditer(text, start, end)]
    lowered = nw.lowered
    return [p for p, w in zip(*runs, strict=True) if w.lower() in lowered]


def _hit_starts(text: str, start: int, end: int, hits: AbstractSet[str]) -> list[int]:
    """Where the runs of letters of ``text[start:end]`` whose lower case is one
    of *hits* (runs of letters of it, lower case) start, in order."""
    # each found in the lowered text (no letter of CASE_ODD, whose lower case
    # alone changes length or differs from the engine's: the offsets hold),
    # kept where it is a whole run of word characters
    low = text[start:end].lower()
    found = set()
    for w in hits:
        k = low.find(w)
        while k >= 0:
            a, b = start + k, start + k + len(w)
            if not (a and _WORD_CHAR.match(text, a - 1)) and not _WORD_CHAR.match(text, b, end):
                found.add(a)
            k = low.find(w, k + 1)
    return sorted(found)


def _covered(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, MAX_FIGURE * 10)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _number(
    text: str,
    start: int,
    v0: int,
    end: int,
    value: int,
    strong: str | None,
    nw: _NumberWords,
    odd: bool,
    words: bool,
) -> Number:
    """The :class:`Number` of *value* written in ``text[v0:end]``, with the
    qualifier just before it (looked for after ``start``); *strong*: the
    match's "-strong" group; *odd*: whether ``text[start:end]`` has a letter
    of :data:`~deploymap.extract.wordscan.CASE_ODD`."""
    lo = max(start, v0 - 30)
    if odd or _may_qualify(text, lo, v0, nw.qualifier_ends):
        q = nw.qualifier.search(text, lo, v0)
        if q is not None:
            qualifier = q.group(0).strip().lower()
            return Number(value, q.start(), end, True, strong is not None, qualifier, v0, words)
    return Number(value, v0, end, False, strong is not None, "", v0, words)


def _may_qualify(text: str, lo: int, v0: int, ends: tuple[str, ...]) -> bool:
    """False when ``text[lo:v0]``, lower case and its spaces made one, ends with
    none of *ends*: no qualifier (which ignores case) can end there.  (For a
    text without a letter of :data:`~deploymap.extract.wordscan.CASE_ODD`:
    the caller leaves a text with one to the search.)"""
    tail = " ".join(text[lo:v0].split()).lower().replace("’", "'")
    return tail.endswith(ends)


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
_WORD_CHAR = re.compile(r"\w")


def _copyright_before(text: str, a: int) -> bool:
    """``(?:©|\\(c\\)|copyright)\\s*`` ends at *a* (the whitespace walked back)."""
    q = a
    while q and text[q - 1].isspace():
        q -= 1
    return any(q >= n and _COPYRIGHT.fullmatch(text, q - n, q) for n in (1, 3, 9))
