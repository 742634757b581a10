"""The figure, date and word readers of the sentence stage written plainly:
each pattern searched over the whole slice, no word-set gate, no shortcut.
The reference that :mod:`tests.extract.test_fast_paths_figures` holds the
fast readers of :mod:`deploymap.extract.figures`, :mod:`~deploymap.extract.dates`,
:mod:`~deploymap.extract.events` and :mod:`~deploymap.extract.sentences` to.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from deploymap.extract.dates import MONTHS, DateMention
from deploymap.extract.figures import MAX_FIGURE, Number, lexicon_of, number_words, words_value
from deploymap.extract.wordscan import CASE_ODD

_THIN = "\u00a0\u202f\u2009 "
_NUM = re.compile(
    r"(?P<num>\d(?<![\w.,]\d)"
    r"(?:\d{0,2}(?:,\d{3})+(?![\d])"
    rf"|\d{{0,2}}(?:[{_THIN}]\d{{3}})+(?![\d]|[.,]\d)"
    r"|\d{0,2}(?:\.\d{3})+(?![\d.])"
    r"|\d*(?:[.,]\d+)?))"
    r"(?:\s*(?P<mult>(?i:million|thousand|k|millions?|milliers?))\b)?"
    r"(?P<strong>(?i:-strong))?"
    r"(?P<ordinal>-[^\W\d_]{1,3}\b)?"
    r"(?![^\W_])",
)
_DROP_SEPARATORS = str.maketrans("", "", ",." + _THIN)
_DROP_SPACES = str.maketrans("", "", _THIN)
_LETTERS = re.compile(r"[^\W\d_]+")


def words(text: str, s: int, e: int) -> frozenset[str] | None:
    """The lower-case runs of letters of ``text[s:e]`` (None: a letter of CASE_ODD)."""
    if CASE_ODD.search(text, s, e):
        return None
    return frozenset(map(str.lower, _LETTERS.findall(text, s, e)))


def _parse_digits(raw: str, mult: str) -> int | None:
    digits = raw.translate(_DROP_SEPARATORS)
    if len(digits) > 12:
        return None
    if mult:
        scale = 1_000_000 if mult == "million" else 1_000
        value = float(raw.replace(",", "").translate(_DROP_SPACES)) * scale
    elif "." in raw:
        groups = raw.split(".")
        if "," in raw or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
            return None
        value = float(digits)
    else:
        value = float(digits)
    if value != value or not 0 <= value <= MAX_FIGURE or value != int(value):
        return None
    return int(value)


def _qualified(text: str, start: int, v0: int, end: int, value: int, lang: str, **kw) -> Number:
    nw = number_words(lang)
    q = nw.qualifier.search(text, max(start, v0 - 30), v0)
    return Number(
        value,
        q.start() if q else v0,
        end,
        approx=q is not None,
        qualifier=q.group(0).strip().lower() if q else "",
        vstart=v0,
        **kw,
    )


def numbers(text: str, start: int, end: int, lang: str) -> list[Number]:
    """:func:`~deploymap.extract.figures.find_numbers`, every pattern searched."""
    nw = number_words(lang)
    out: list[Number] = []
    for m in _NUM.finditer(text, start, end):
        raw = m.group("num")
        if m.group("ordinal") and m.group("ordinal")[1:].lower() in nw.ordinals:
            continue
        mult = (m.group("mult") or "").lower()
        if mult.startswith("millier"):
            mult = "thousand"
        elif mult.startswith("million"):
            mult = "million"
        if "," in raw and "," not in raw[:-4] and len(raw.split(",")[-1]) != 3:
            if not mult:
                continue
            raw = raw.replace(",", ".")
        value = _parse_digits(raw, mult)
        if value is None:
            continue
        if not mult and raw.isdigit() and 1900 <= value <= 2099 and not m.group("strong"):
            nxt_word = re.compile(r"\s+([^\W\d_]+)").match(text, m.end(), end)
            if not (nxt_word and nxt_word.group(1).lower() in nw.counted):
                continue
        nxt = text[m.end() : m.end() + 2]
        if nxt.startswith("%") or text[m.end() : m.end() + 8].lower().startswith(" percent"):
            continue
        if nxt.startswith(" %") or text[m.end() : m.end() + 10].lower().startswith(" pour cent"):
            continue
        out.append(
            _qualified(text, start, m.start(), m.end(), value, lang, strong=bool(m.group("strong")))
        )
    digit_spans = [(n.vstart, n.end) for n in out]
    for m in nw.run.finditer(text, start, end):
        run = m.group(0).removesuffix("-strong")
        first = run.split()[0].lower() if run.split() else ""
        if first in nw.determiners and len(run.split()) == 1:
            continue
        value = words_value(run, lang)
        if value is None or value > MAX_FIGURE:
            continue
        if any(a <= m.start() < b for a, b in digit_spans):
            continue
        if text[max(start, m.start() - 5) : m.start()].lower().endswith("pour "):
            continue
        after = text[m.end() : m.end() + 12].lower()
        if after.startswith((" pour cent", " per cent", " percent", "%", " %")):
            continue
        if re.compile(r"\s*\(\s*\d").match(text, m.end()):
            continue
        w0 = m.start()
        art = re.search(r"\b(?:an?|une?)\s+$", text[max(start, w0 - 4) : w0], re.IGNORECASE)
        if art and (first in nw.scales or first in nw.collectives or first in nw.hundreds):
            w0 -= len(art.group(0))
        strong = bool(m.group("strong"))
        out.append(_qualified(text, start, w0, m.end(), value, lang, strong=strong, words=True))
    out.sort(key=lambda n: n.start)
    return out


_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ENGLISH = [
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    r"\b(?P<year>(?:19|20)\d\d)-(?P<monthnum>\d\d)-(?P<day>\d\d)\b",
]


def _patterns(lang: str) -> list[tuple[re.Pattern[str], dict[str, int]]]:
    english = [(re.compile(p), MONTHS) for p in _ENGLISH]
    if lang == "en":
        return english
    lx = lexicon_of(lang)
    names = "|".join(sorted(lx.MONTHS, key=len, reverse=True))
    suffix = "|".join(lx.DAY_SUFFIXES)
    own = re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:{suffix})?\s+(?P<month>{names})(?:\s+(?P<year>(?:19|20)\d\d))?\b",
        re.IGNORECASE,
    )
    return [(own, dict(lx.MONTHS)), *english]


def dates(
    text: str, start: int, end: int, default_year: int | None, lang: str, ref: str
) -> list[DateMention]:
    """:func:`~deploymap.extract.dates.find_dates`, every pattern searched."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pat, months in _patterns(lang):
        for m in pat.finditer(text, start, end):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            gd = m.groupdict()
            if gd.get("monthnum"):
                month = int(gd["monthnum"])
            else:
                month = months.get(gd["month"].lower(), 0)
            day = int(gd["day"])
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            year = int(gd["year"]) if gd.get("year") else default_year
            iso = (
                f"--{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"
            )
            out.append(DateMention(iso, m.start(), m.end(), bool(gd.get("year"))))
            taken.append((m.start(), m.end()))
    if ref[:10].count("-") == 2 and ref[:4].isdigit():
        days = {d: i for i, d in enumerate(lexicon_of(lang).WEEKDAYS)}
        pat = re.compile(rf"\b(?:{'|'.join(days)})\b", re.IGNORECASE)
        for m in pat.finditer(text, start, end):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            try:
                d = date.fromisoformat(ref[:10])
            except ValueError:
                break
            weekday = days[m.group(0).lower()]
            iso = (d - timedelta(days=(d.weekday() - weekday) % 7)).isoformat()
            out.append(DateMention(iso, m.start(), m.end(), True))
    out.sort(key=lambda d: d.start)
    return out


def article_date(text: str, lang: str) -> str:
    """:func:`~deploymap.extract.dates.article_date` of *text*."""
    for d in dates(text, 0, min(len(text), 600), None, lang, ""):
        if d.has_year:
            return d.iso
    return ""
