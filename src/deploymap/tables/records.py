"""What every table format is read into (sites, contributor parts), and the values they share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as _date
from datetime import datetime

from deploymap.errors import InputError
from deploymap.model import Unit
from deploymap.tables.csvfile import (
    NumberStyle,
    coordinate,
)
from deploymap.tables.formats import TableFormat

#: ``Deployment.role`` of a location's total over all its contributors.
SITE_TOTAL = "all contributors"
#: ``Place.kind`` of the locations tables give, by Geo-PKO's ``hq`` code.
HQ_KINDS = {3: "mission HQ", 2: "sector HQ", 1: "HQ", 0: "site"}
SITE_KINDS = frozenset(HQ_KINDS.values())

GEOPKO = "Geo-PKO v2.3"
GEOPKO_CITE = "Geo-PKO v2.3 (Cil, Fjelde, Hultman & Nilsson 2020)"
UN_SOURCE = "UN Peacekeeping: contributions of uniformed personnel"


# -- values ----------------------------------------------------------------------------


_DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%Y", "%d-%b-%y", "%d %b %Y", "%d %B %Y", "%Y%m%d", "%Y/%m/%d")


def _iso_date(value: str, where: str, day_first: bool = True) -> str:
    """A table date as ISO: ``2023-10-31``, or a bare year ``2024``."""
    v = value.strip()
    if not v:
        return ""
    if re.fullmatch(r"\d{4}", v):
        return v
    v = re.split(r"[ T](?=\d{1,2}:)", v)[0]  # drop a time of day
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", v)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        d, mo = (a, b) if (day_first and a <= 31 and b <= 12) or b > 12 else (b, a)
        try:
            return _date(y, mo, d).isoformat()
        except ValueError:
            raise InputError(f"{where}: date {value!r} is not a valid date") from None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(v, fmt).date().isoformat()
        except ValueError:
            continue
    raise InputError(f"{where}: date {value!r} not understood; write it as YYYY-MM-DD or YYYY")


def _day_first(values: Iterable[str]) -> bool:
    """Whether a column's a/b/YYYY dates are day first (one unambiguous value decides)."""
    for v in values:
        m = re.match(r"\s*(\d{1,2})[/.](\d{1,2})[/.]\d{4}", v)
        if m:
            if int(m[1]) > 12:
                return True
            if int(m[2]) > 12:
                return False
    return True  # the UN's own files write 31/10/2023


# -- the records every format is read into ---------------------------------------------


@dataclass
class _Site:
    mission: str  # raw mission name as the table spells it
    date: str
    location: str
    lat: float
    lon: float
    country: str  # ISO3 or ""
    hq: int
    troops: int | None
    line: int
    source: str
    text: str
    total: bool  # the troops are the location's total (front map)
    units: tuple[Unit, ...] = ()  # what the front map says is there


@dataclass
class _Part:
    contributor: str  # ISO3 or ""
    name: str  # as the table spells it
    mission: str
    date: str
    troops: int | None
    line: int
    source: str
    text: str
    site: tuple[str, str, str, float, float] | None = None
    units: tuple[Unit, ...] = ()
    place: tuple[str, float, float] | None = None  # plain CSV: (location, lat, lon)


@dataclass
class _Read:
    fmt: TableFormat
    name: str
    sites: list[_Site] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)
    sources: tuple[str, ...] = ()
    note: str = ""
    # every mission and year of the table, also those whose rows were left out
    # (0 troops, other personnel), so an empty filter can say what there is
    seen: dict[str, set[str]] = field(default_factory=dict)
    countries: dict[tuple, str] = field(default_factory=dict)

    def saw(self, mission: str, date: str) -> None:
        self.seen.setdefault(mission, set()).add(date[:4])


@dataclass(frozen=True, slots=True)
class _Table:
    """What every format reader needs beside the rows: their lines, the number style."""

    lines: list[int]
    style: NumberStyle


#: Columns holding figures: the number style of a file is read from them.
_FIGURE_COLUMNS = ("troops", "ave.no.troops", "hq", "female_personnel", "male_personnel")


def _site_key(mission: str, date: str, location: str, lat: float, lon: float) -> tuple:
    # both Geo-PKO maps write the same coordinate strings, so the floats match exactly
    return (mission, date, location, lat, lon)


def _col(row: list[str], cols: dict[str, int], name: str) -> str:
    i = cols.get(name) if name.islower() else cols.get(name.casefold())
    return row[i] if i is not None and i < len(row) else ""


def _latlon(
    row: list[str], cols: dict[str, int], lat: str, lon: str, where: str, na: bool = True
) -> tuple:
    y = coordinate(_col(row, cols, lat), lat, where, na=na)
    x = coordinate(_col(row, cols, lon), lon, where, na=na)
    if y is None or x is None:
        if not na and (y is None) != (x is None):
            given, empty = (lat, lon) if x is None else (lon, lat)
            raise InputError(
                f"{where}: {given} is given and {empty} is empty; give both or neither"
            )
        return None, None
    if not (-90 <= y <= 90 and -180 <= x <= 180):
        raise InputError(f"{where}: {lat}/{lon} {y}, {x} is not a WGS84 latitude/longitude")
    return y, x
