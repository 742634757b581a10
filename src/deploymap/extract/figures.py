"""Numbers as news writes them (dates: :mod:`deploymap.extract.dates`).

>>> [(n.value, n.approx) for n in find_numbers("about 3,500 troops, down from some 50,000")]
[(3500, True), (50000, True)]
>>> [n.value for n in find_numbers("the 14,400-strong force and 1.2 million people")]
[14400, 1200000]
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
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
_WORD_CHAR = re.compile(r"\w")


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
