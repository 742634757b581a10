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
from dataclasses import dataclass

WORD_NUMBERS = {
    "a dozen": 12,
    "dozens": None,
    "hundred": 100,
    "a hundred": 100,
    "one hundred": 100,
    "two hundred": 200,
    "three hundred": 300,
    "four hundred": 400,
    "five hundred": 500,
    "a thousand": 1000,
    "one thousand": 1000,
    "two thousand": 2000,
    "three thousand": 3000,
}
SMALL_WORDS = {
    "one": 1,
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
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}
APPROX = (
    r"(?:about|around|some|roughly|nearly|almost|approximately|approx\.|close to|more than|"
    r"over|up to|at least|fewer than|less than|an estimated|just over|just under|upwards of)"
)
# Digits first, then a look back for the qualifier: trying the qualifier words
# at every position of a long text costs more than the rare digits do.
_NUM = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<mult>million|thousand|k)\b)?"
    r"(?P<strong>-strong)?",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(rf"\b{APPROX}\s+(?:an?\s+)?$", re.IGNORECASE)
_WORD_ALT = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_WORDNUM = re.compile(rf"\b(?P<word>{_WORD_ALT})\b", re.IGNORECASE)
_WORD_HINT = re.compile(r"hundred|thousand|dozen", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Number:
    """A number in text: its value, span and how it was written."""

    value: int
    start: int
    end: int
    approx: bool = False
    strong: bool = False  # "600-strong"
    qualifier: str = ""  # "about", "more than", ...


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Integer figures in ``text[start:end]``; years (1900-2099 alone) are left out."""
    end = len(text) if end is None else end
    out: list[Number] = []
    for m in _NUM.finditer(text, start, end):
        raw = m.group("num")
        mult = (m.group("mult") or "").lower()
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            continue
        if mult == "million":
            value *= 1_000_000
        elif mult in ("thousand", "k"):
            value *= 1_000
        elif "." in raw:
            continue  # decimals without a multiplier are not head counts
        if not mult and "," not in raw and 1900 <= value <= 2099 and not m.group("strong"):
            continue  # a year
        nxt = text[m.end() : m.end() + 2]
        if nxt.startswith("%") or text[m.end() : m.end() + 8].lower().startswith(" percent"):
            continue
        q = _QUALIFIER.search(text, max(start, m.start() - 30), m.start())
        out.append(
            Number(
                int(value),
                q.start() if q else m.start(),
                m.end(),
                approx=q is not None,
                strong=bool(m.group("strong")),
                qualifier=q.group(0).strip().lower() if q else "",
            )
        )
    if _WORD_HINT.search(text, start, end):
        for m in _WORDNUM.finditer(text, start, end):
            v = WORD_NUMBERS[m.group("word").lower()]
            if v is None:
                continue
            q = _QUALIFIER.search(text, max(start, m.start() - 30), m.start())
            out.append(
                Number(
                    v,
                    q.start() if q else m.start(),
                    m.end(),
                    approx=q is not None,
                    qualifier=q.group(0).strip() if q else "",
                )
            )
    out.sort(key=lambda n: n.start)
    return out


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
