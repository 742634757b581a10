"""CSV files as they come: the delimiter, the number convention, and strict values.

Tables come from many tools.  Excel in most of Europe writes ``;`` between
fields and ``1.400`` for one thousand four hundred; a UN download writes
``,`` and ``"1,400"``.  This module finds out which a file uses, reads it
strictly (an unclosed quote or a short row is an error with its line, not a
silently merged row) and reads figures as whole numbers without a float
round trip, within the one domain deploymap accepts for troop figures.

>>> figure("1.400", "troops", "t.csv line 2", NumberStyle(decimal=","))
1400
>>> figure("1,400", "troops", "t.csv line 2", NumberStyle())
1400
>>> figure("-500", "troops", "t.csv line 2", NumberStyle())  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
deploymap.errors.InputError: t.csv line 2, column troops: '-500' is negative; ...
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deploymap.errors import InputError
from deploymap.io import read_input_text

__all__ = ["MAX_FIGURE", "NumberStyle", "Rows", "coordinate", "figure", "read_rows"]

#: The largest troop or personnel figure a table may give (no force is larger).
MAX_FIGURE = 10_000_000
#: The largest CSV field read (Python's own limit is 128 KB).
MAX_FIELD = 10_000_000
#: Cells that mean "no value".
NA = frozenset({"", "na", "n/a", "nan", "null", "none", "-"})

DELIMITERS = ",;\t|"


@dataclass(frozen=True, slots=True)
class NumberStyle:
    """How a file writes numbers: its decimal mark (the other one groups thousands)."""

    decimal: str = "."

    @property
    def thousands(self) -> str:
        return "," if self.decimal == "." else "."


@dataclass(frozen=True, slots=True)
class Rows:
    """A CSV file read: header, data rows, and the line each row starts on."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    delimiter: str


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line, counting only outside quoted names.

    >>> sniff_delimiter('"contributor";"mission, name";"troops"')
    ';'
    >>> sniff_delimiter("a\\tb\\tc")
    '\\t'
    """
    bare = re.sub(r'"[^"]*"', "", line)
    return max(DELIMITERS, key=lambda d: (bare.count(d), d == ","))


@contextmanager
def _field_limit(n: int) -> Iterator[None]:
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, n))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def read_rows(path: str | os.PathLike[str]) -> Rows:
    """Read a CSV strictly: every row as long as the header, every quote closed.

    Raises
    ------
    InputError
        An empty file, an unclosed quote, a field over 10 MB, or a row with
        another number of fields than the header: each with its line.
    """
    name = Path(path).name
    text = read_input_text(path, expect="a CSV file")
    first = text.lstrip("\ufeff").replace("\r", "\n").split("\n", 1)[0]
    delimiter = sniff_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    with _field_limit(MAX_FIELD):
        try:
            for row in reader:
                rows.append(row)
                lines.append(start)
                start = reader.line_num + 1
        except csv.Error as e:
            why = str(e)
            if "end of data" in why:
                why = "a quote opened here is never closed"
            elif "field larger" in why:
                why = f"a field is over {MAX_FIELD // 1_000_000} MB"
            raise InputError(f"{name} line {start}: not valid CSV: {why}") from None
    if not rows:
        raise InputError(f"{name}: empty file; give a CSV table with a header line")
    header = rows[0]
    width = len(header)
    for row, line in zip(rows[1:], lines[1:], strict=True):
        if not any(row) or len(row) == width:
            continue
        if len(row) > width and not any(c.strip() for c in row[width:]):
            continue  # trailing empty fields
        shown = delimiter if delimiter != "\t" else "tab"
        raise InputError(
            f"{name} line {line}: {len(row)} fields, the header has {width} "
            f"(fields are separated by {shown!r}; quote a value that holds one)"
        )
    return Rows(header, rows[1:], lines[1:], delimiter)


_DOT_GROUPS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_COMMA_GROUPS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")
_DOT_DECIMAL = re.compile(r"\d*\.\d+")
_COMMA_DECIMAL = re.compile(r"\d*,\d+")


def number_style(values: Iterable[str], delimiter: str, name: str) -> NumberStyle:
    """The decimal mark of a file, from its figure cells (and its delimiter).

    A ``;`` file is European unless its figures say otherwise: ``1.400`` is
    1400 there, and ``1,5`` one and a half.  A file whose figures use both
    ``1.400`` and ``812.5`` is refused: which is which cannot be known.

    >>> number_style(["1.400", "600"], ";", "t.csv").decimal
    ','
    >>> number_style(["1,400", "812.5"], ",", "t.csv").decimal
    '.'
    """
    dot_groups = dot_decimal = comma_groups = comma_decimal = ""
    for raw in values:
        v = raw.strip().replace(" ", "").replace("\u202f", "").replace("\xa0", "")
        if not v or v[0] not in "0123456789+-.,":
            continue
        v = v.lstrip("+-")
        if _DOT_GROUPS.fullmatch(v):
            dot_groups = dot_groups or raw
        elif _DOT_DECIMAL.fullmatch(v):
            dot_decimal = dot_decimal or raw
        elif _COMMA_GROUPS.fullmatch(v):
            comma_groups = comma_groups or raw
        elif _COMMA_DECIMAL.fullmatch(v):
            comma_decimal = comma_decimal or raw
    if dot_groups and dot_decimal:
        raise InputError(
            f"{name}: figures are written both as {dot_groups!r} and as {dot_decimal!r}: "
            "cannot tell thousands from decimals; write figures without thousands "
            "separators (1400)"
        )
    if comma_decimal and (dot_decimal or comma_groups):
        other = dot_decimal or comma_groups
        raise InputError(
            f"{name}: figures are written both as {comma_decimal!r} and as {other!r}: "
            "cannot tell the decimal mark; write figures without thousands separators (1400)"
        )
    if comma_decimal:
        return NumberStyle(",")
    if dot_decimal or comma_groups:
        return NumberStyle(".")
    if dot_groups and delimiter != ";":
        raise InputError(
            f"{name}: the figure {dot_groups!r} could be a thousands figure or a decimal; "
            "write figures without thousands separators (1400)"
        )
    # Excel writes ';' where the decimal mark is a comma
    return NumberStyle("," if delimiter == ";" else ".")


_WHOLE = re.compile(r"\+?(\d+)(?:\.(\d*))?")
_DEGREES = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)")


def figure(
    value: str, what: str, where: str, style: NumberStyle, *, mean: bool = False
) -> int | None:
    """A troop or personnel figure: a whole number from 0 to :data:`MAX_FIGURE`
    (None for an empty or NA cell).  A *mean* (Geo-PKO's yearly average) may
    have decimals and is rounded.

    >>> figure("2,850", "troops", "x", NumberStyle()), figure("NA", "troops", "x", NumberStyle())
    (2850, None)
    >>> figure("812.5", "ave.no.troops", "x", NumberStyle(), mean=True)
    812
    """
    v = value.strip()
    if v.isascii() and v.isdigit() and len(v) <= 8:  # the common case: plain digits
        n = int(v)
        if n <= MAX_FIGURE:
            return n
    if v.casefold() in NA:
        return None
    t = v.replace(" ", "").replace("\u202f", "").replace("\xa0", "")
    sep = style.thousands
    if re.fullmatch(rf"\d{{1,3}}(?:\{sep}\d{{3}})+(?:\{style.decimal}\d*)?", t):
        t = t.replace(sep, "")
    if style.decimal == ",":
        t = t.replace(",", ".")
    rule = "troop figures are whole numbers from 0 to 10,000,000"
    m = _WHOLE.fullmatch(t)
    if not m:
        if re.fullmatch(r"-\d+(?:\.\d*)?", t):
            raise InputError(f"{where}, column {what}: {value!r} is negative; {rule}")
        raise InputError(f"{where}, column {what}: {value[:40]!r} is not a number; {rule}")
    digits, frac = m[1].lstrip("0") or "0", m[2] or ""
    if len(digits) > len(str(MAX_FIGURE)) or int(digits) > MAX_FIGURE:
        shown = (
            repr(value) if len(value) <= 20 else f"{value[:12]!r}... ({len(value):,} characters)"
        )
        raise InputError(f"{where}, column {what}: {shown} is too large; {rule}")
    n = int(digits)
    if frac.strip("0"):
        if not mean:
            raise InputError(f"{where}, column {what}: {value!r} is not a whole number; {rule}")
        # round half to even on the exact decimal, as round() did on the float
        from decimal import ROUND_HALF_EVEN, Decimal

        n = int(Decimal(f"{n}.{frac[:12]}").quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
    return n


def coordinate(value: str, what: str, where: str, *, na: bool = True) -> float | None:
    """A latitude or longitude in degrees (``33.27`` or ``33,27``), or None when empty.

    With *na* false, only an empty cell is "no value": ``nan`` or ``NA`` is an error.

    >>> coordinate("33,27", "lat", "x"), coordinate("", "lat", "x")
    (33.27, None)
    >>> coordinate("nan", "lat", "t.csv line 3", na=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    deploymap.errors.InputError: t.csv line 3, column lat: 'nan' is not a latitude/longitude...
    """
    v = value.strip()
    if not v or (na and v.casefold() in NA):
        return None
    t = v.replace(",", ".") if "." not in v and v.count(",") == 1 else v
    if len(t) < 40 and _DEGREES.fullmatch(t):
        return float(t)
    raise InputError(
        f"{where}, column {what}: {value[:40]!r} is not a latitude/longitude in degrees; "
        "give a number, or leave lat and lon both empty"
    )


def columns_values(rows: Sequence[list[str]], indexes: Iterable[int]) -> Iterator[str]:
    """The cells of some columns, row by row (for :func:`number_style`)."""
    idx = [i for i in indexes if i is not None]
    for row in rows:
        for i in idx:
            if i < len(row):
                yield row[i]
