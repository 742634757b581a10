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

import re
from bisect import bisect_right
from dataclasses import dataclass

from deploymap.extract.lexicon import ARTICLE_ONE, DOZEN, SCALES, TENS, UNITS

# Troop figures are whole numbers in this range; anything else in text is no
# troop figure (a 400-digit run, "1e400", a fraction).
MAX_FIGURE = 10_000_000
APPROX = (
    r"(?:about|around|some|roughly|nearly|almost|approximately|approx\.|close to|more than|"
    r"over|up to|at least|fewer than|less than|an estimated|just over|just under|upwards of|"
    r"just short of)"
)
# Digits first, then a look back for the qualifier: trying the qualifier words
# at every position of a long text costs more than the rare digits do.  Each
# alternative is a fixed-shape run (no nested repeats), so matching is linear.
_THIN = "\u00a0\u202f\u2009 "
_NUM = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?![\d])"  # 1,200
    rf"|\d{{1,3}}(?:[{_THIN}]\d{{3}})+(?![\d]|[.,]\d)"  # 4 664, 2\u202f900
    r"|\d{1,3}(?:\.\d{3})+(?![\d.])"  # 1.200 (European), a decimal before a multiplier
    r"|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<mult>million|thousand|k)\b)?"
    r"(?P<strong>-strong)?"
    r"(?![^\W_])",  # "1st", "15km", "1e400" are no figures
    re.IGNORECASE,
)
_QUALIFIER = re.compile(rf"\b{APPROX}\s+(?:an?\s+)?$", re.IGNORECASE)
_NUMWORD_ALT = "|".join(sorted([*UNITS, *TENS, *SCALES, DOZEN], key=len, reverse=True))
# one run of number words: "thirty-five", "one hundred and fifty", "three thousand two hundred"
_WORDNUM = re.compile(
    rf"\b(?:{_NUMWORD_ALT})\b(?:[\s-]+(?:and\s+)?(?:{_NUMWORD_ALT})\b)*"
    r"(?P<strong>-strong)?",
    re.IGNORECASE,
)
_WORD_HINT = re.compile(rf"\b(?:{_NUMWORD_ALT})\b", re.IGNORECASE)
_PARENS_DIGITS = re.compile(r"\s*\(\s*\d")


def words_value(words: str) -> int | None:
    """The value of a run of English number words, or None.

    >>> words_value("thirty-five"), words_value("one hundred and fifty")
    (35, 150)
    >>> words_value("three thousand two hundred"), words_value("a dozen")
    (3200, 12)
    """
    total = current = 0
    seen = False
    for w in re.split(r"[\s-]+", words.lower().strip()):
        if w == "and" or not w:
            continue
        if w in ARTICLE_ONE and not seen:
            current, seen = 1, True
        elif w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == DOZEN:
            current = max(current, 1) * 12
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in SCALES:
            total += max(current, 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


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


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Whole figures in ``text[start:end]``; years (1900-2099 alone) are left out.

    Thousands may be grouped with commas, spaces or narrow no-break spaces
    ("4 664"), or European dots ("1.200" when no multiplier follows); small
    figures may be written in words ("thirty-five").  Only values from 0 to
    :data:`MAX_FIGURE` are figures.

    >>> [n.value for n in find_numbers("4 664 troops, 1.200 soldiers, thirty-five officers")]
    [4664, 1200, 35]
    >>> find_numbers("9" * 400 + " troops")
    []
    """
    end = len(text) if end is None else end
    out: list[Number] = []
    for m in _NUM.finditer(text, start, end):
        raw = m.group("num")
        mult = (m.group("mult") or "").lower()
        value = _parse_digits(raw, mult)
        if value is None:
            continue
        if not mult and raw.isdigit() and 1900 <= value <= 2099 and not m.group("strong"):
            continue  # a year
        nxt = text[m.end() : m.end() + 2]
        if nxt.startswith("%") or text[m.end() : m.end() + 8].lower().startswith(" percent"):
            continue
        out.append(_number(text, start, m, value, words=False))
    if _WORD_HINT.search(text, start, end):
        digit_spans = [(n.vstart, n.end) for n in out]
        for m in _WORDNUM.finditer(text, start, end):
            value = words_value(m.group(0).removesuffix("-strong"))
            if value is None or value > MAX_FIGURE or _covered(digit_spans, m.start()):
                continue
            if _PARENS_DIGITS.match(text, m.end()):
                continue  # "one hundred fifty (150)": the digits carry the figure
            w0 = m.start()
            art = re.search(r"\b(?:an?)\s+$", text[max(start, w0 - 3) : w0], re.IGNORECASE)
            if art and m.group(0).split()[0].lower() in (*SCALES, DOZEN):
                w0 -= len(art.group(0))
            out.append(_number(text, start, m, value, words=True, vstart=w0))
    out.sort(key=lambda n: n.start)
    return out


def _covered(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, MAX_FIGURE * 10)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _number(
    text: str, start: int, m: re.Match[str], value: int, words: bool, vstart: int = -1
) -> Number:
    v0 = m.start() if vstart < 0 else vstart
    q = _QUALIFIER.search(text, max(start, v0 - 30), v0)
    return Number(
        value,
        q.start() if q else v0,
        m.end(),
        approx=q is not None,
        strong=bool(m.group("strong")),
        qualifier=q.group(0).strip().lower() if q else "",
        vstart=v0,
        words=words,
    )


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
DATE_PATTERNS = [
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
    ),
    re.compile(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<monthnum>\d\d)-(?P<day>\d\d)\b"),
]
MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    iso: str
    start: int
    end: int
    has_year: bool


def find_dates(
    text: str, start: int = 0, end: int | None = None, default_year: int | None = None
) -> list[DateMention]:
    """Calendar dates in ``text[start:end]`` as ISO strings (YYYY-MM-DD, or MM-DD
    prefixed with ``default_year`` when the text gives no year)."""
    end = len(text) if end is None else end
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pat in DATE_PATTERNS:
        for m in pat.finditer(text, start, end):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            gd = m.groupdict()
            month = int(gd["monthnum"]) if gd.get("monthnum") else MONTHS[gd["month"].lower()]
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
    out.sort(key=lambda d: d.start)
    return out


def parse_date(text: str, default_year: int | None = None) -> str | None:
    """The first date in *text* as ISO, or None."""
    found = find_dates(text, default_year=default_year)
    return found[0].iso if found else None


def article_date(text: str, head_chars: int = 600) -> str:
    """The article's own date: a full date in the dateline/first lines, else ""."""
    for d in find_dates(text, 0, min(len(text), head_chars)):
        if d.has_year:
            return d.iso
    return ""


def article_year(text: str) -> int | None:
    """A year for dates written without one: the article date's, else a copyright
    line's, else the latest year the text names (not in the future of the others)."""
    iso = article_date(text)
    if iso:
        return int(iso[:4])
    m = re.search(r"(?:©|\(c\)|copyright)\s*((?:19|20)\d\d)", text, re.IGNORECASE)
    if m:
        return int(m.group(1))
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]
    return max(years) if years else None
