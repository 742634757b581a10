"""Structured inputs -> Story: Geo-PKO maps, UN contributions and a plain deployments CSV.

The format of a table is detected from its header (see :data:`FORMATS`):

``geopko-front``
    Geo-PKO v2.3 "front map": one row per mission, year, location and source
    map, with ``ave.no.troops`` (the mean troops at that location over the
    year's maps; ``NA`` when the size is unknown).
``geopko-tcc``
    Geo-PKO v2.3 "TCC map": the same locations with a free-text list of
    troop-contributing countries, ``"Rwanda (1600), Egypt (950)"``.
``un-contributions``
    The UN peacekeeping contributions CSV (``Contributing_Country``,
    ``ISOCode3``, ``Mission_Acronym``, ``Personnel_Type``, ``Female_Personnel``,
    ``Male_Personnel``, ``Last_Reporting_Date``; the newer variant spells them
    in lower case).
``deployments``
    A plain CSV: ``contributor, mission, troops, date`` and optionally
    ``location, lat, lon``.

How the records come out (what the force layer of an export relies on):

* A Geo-PKO location becomes **one** :class:`~deploymap.model.Deployment`
  with ``contributor=""`` and ``role="all contributors"``
  (:data:`SITE_TOTAL`), located at the row's latitude/longitude, with the
  location's troops and ``date`` = the year.  The front map repeats a location
  once per source map of the year with the same ``ave.no.troops``; those
  repeats are read once, so the sites' troops add up to the year's total.
  Rows with 0 troops (police, observer or HQ-only sites) are left out; rows
  with ``NA`` give a site whose troops are unknown (None).
* Contributors (TCC map, UN contributions, plain CSV) become one Deployment
  each, with their ISO3 code.  When a front map and a TCC map are read
  together (:func:`read_tables`), the TCC contributors are placed at the
  front-map sites and the site record keeps the front map's total.
* Each mission gets a :class:`~deploymap.model.MissionMention` whose
  ``troops`` is its total at the latest date read and ``peak`` the highest
  total over the dates (when there are several).

Table years and UN reporting dates stay as the table gives them, in ISO form
(``"2024"``, ``"2023-10-31"``), so a time slider can use them.

Examples
--------
>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "d.csv").write_text(
...     "contributor,mission,troops,date\\nTurkey,KFOR,600,2023-10-05\\n")
>>> story = read_table(folder / "d.csv")
>>> [(d.contributor, d.mission, d.troops, d.date) for d in story.deployments]
[('TUR', 'KFOR', 600, '2023-10-05')]
"""

from __future__ import annotations

import csv
import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as _date
from datetime import datetime
from pathlib import Path

from deploymap.errors import InputError
from deploymap.gazetteer import Gazetteer
from deploymap.gazetteer.missions import MissionCatalogue
from deploymap.model import (
    Deployment,
    Evidence,
    Mission,
    MissionMention,
    Place,
    Story,
    Toponym,
    Unit,
)
from deploymap.tables.csvfile import (
    NumberStyle,
    coordinate,
    figure,
    number_style,
    read_rows,
    sniff_delimiter,
)
from deploymap.tables.geopko_units import front_units
from deploymap.textnorm import name_key

__all__ = [
    "FORMATS",
    "SITE_KINDS",
    "SITE_TOTAL",
    "TableFormat",
    "concat_stories",
    "detect_format",
    "is_table",
    "read_inputs",
    "read_table",
    "read_tables",
    "table_format",
]

#: ``Deployment.role`` of a location's total over all its contributors.
SITE_TOTAL = "all contributors"
#: ``Place.kind`` of the locations tables give, by Geo-PKO's ``hq`` code.
HQ_KINDS = {3: "mission HQ", 2: "sector HQ", 1: "HQ", 0: "site"}
SITE_KINDS = frozenset(HQ_KINDS.values())

GEOPKO = "Geo-PKO v2.3"
GEOPKO_CITE = "Geo-PKO v2.3 (Cil, Fjelde, Hultman & Nilsson 2020)"
UN_SOURCE = "UN Peacekeeping: contributions of uniformed personnel"


@dataclass(frozen=True, slots=True)
class TableFormat:
    """A table format: the columns it needs and the ones that identify it."""

    name: str
    label: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()  # any of these (lower case) points to this format


FORMATS: dict[str, TableFormat] = {
    f.name: f
    for f in (
        TableFormat(
            "geopko-front",
            "Geo-PKO front map",
            ("mission", "year", "country", "location", "latitude", "longitude", "ave.no.troops"),
            ("hq", "notroops", "infantry"),
            markers=("ave.no.troops", "notroops", "infantry", "reserve", "unmo"),
        ),
        TableFormat(
            "geopko-tcc",
            "Geo-PKO TCC map",
            ("mission", "year", "location", "latitude", "longitude", "year.overview"),
            ("no.tcc",),
            markers=("year.overview", "no.tcc"),
        ),
        TableFormat(
            "un-contributions",
            "UN contributions",
            (
                "Contributing_Country",
                "ISOCode3",
                "Mission_Acronym",
                "Personnel_Type",
                "Female_Personnel",
                "Male_Personnel",
                "Last_Reporting_Date",
            ),
            markers=("personnel_type", "mission_acronym", "isocode3", "contributing_country"),
        ),
        TableFormat(
            "deployments",
            "plain deployments CSV",
            ("contributor", "mission", "troops", "date"),
            ("location", "lat", "lon", "unit"),
            markers=("contributor",),
        ),
    )
}

# Geo-PKO contributor entries: "Korea (ROK) (600)", "France (size unknown)".
_TCC_ITEM = re.compile(r"^(?P<name>.*?)\s*\((?P<size>\d+|size unknown)\)\s*$")
_TCC_SPLIT = re.compile(r",\s*(?![^()]*\))")


def _norm(col: str) -> str:
    return col.strip().lstrip("\ufeff").casefold()


def detect_format(
    header: Sequence[str], name: str = "<table>"
) -> tuple[TableFormat, dict[str, int]]:
    """The format of a table from its header, and where each of its columns is.

    Parameters
    ----------
    header : sequence of str
        The column names as the file gives them (any case).
    name : str
        The file name, for messages.

    Returns
    -------
    (TableFormat, dict)
        The format and ``{column (lower case): index}``.

    Raises
    ------
    InputError
        For a header no format matches (the message lists the accepted ones), or
        a known format with a column missing (the message names it).

    Examples
    --------
    >>> fmt, cols = detect_format(["contributor", "mission", "troops", "date"])
    >>> fmt.name, cols["troops"]
    ('deployments', 2)
    >>> detect_format(["mission", "year", "country", "location", "longitude", "ave.no.troops"],
    ...               "front.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    deploymap.errors.InputError: front.csv: missing column 'latitude' (a Geo-PKO front map ...)
    """
    cols: dict[str, int] = {}
    for i, c in enumerate(header):
        cols.setdefault(_norm(c), i)

    def score(f: TableFormat) -> tuple[int, float]:
        marked = any(m in cols for m in f.markers)
        found = sum(_norm(c) in cols for c in f.required)
        return (int(marked), found / len(f.required))

    best = max(FORMATS.values(), key=score)
    marked, share = score(best)
    # A marker column and at least half of the required ones: this format with a
    # column missing, worth naming, rather than an unrelated CSV.
    if not marked or share < 0.5:
        accepted = "; ".join(f"{f.label} ({', '.join(f.required)})" for f in FORMATS.values())
        shown = ", ".join(repr(c) for c in list(header)[:8])
        raise InputError(
            f"{name}: not a table deploymap knows (columns {shown}); accepted formats: {accepted}"
        )
    missing = [c for c in best.required if _norm(c) not in cols]
    if missing:
        what = ", ".join(repr(c) for c in missing)
        plural = "s" if len(missing) > 1 else ""
        raise InputError(
            f"{name}: missing column{plural} {what} (a {best.label} needs "
            f"{', '.join(best.required)})"
        )
    return best, cols


def table_format(path: str | os.PathLike[str]) -> str | None:
    """The name of the table format of *path*, or None when it is not a table.

    Only the first line is read, so the CLI can tell tables from texts cheaply.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("KFOR has a new commander.\\n")
    >>> table_format(p) is None
    True
    """
    p = Path(path)
    try:
        with p.open("rb") as f:
            first = f.readline(65536)
    except OSError:
        return None
    line = first.decode("utf-8-sig", errors="replace").strip()
    if not line:
        return None
    if "\x00" in line:
        return None  # binary: the text reader refuses it with a clear message
    # old Mac files end lines with a bare CR; the first "line" then holds them all
    line = line.replace("\r", "\n").split("\n", 1)[0]
    delimiter = sniff_delimiter(line)
    try:
        header = next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return None
    try:
        return detect_format(header, p.name)[0].name
    except InputError as e:
        # a table of a known format with a column missing is still a table
        return "?" if "missing column" in str(e) else None


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


# -- resolution ------------------------------------------------------------------------


@dataclass
class _Resolver:
    """Country names and mission names to codes and records, cached per name."""

    gaz: Gazetteer
    cat: MissionCatalogue
    _countries: dict[str, str] = field(default_factory=dict)

    def country(self, name: str) -> str:
        """ISO3 of a country name or code, "" when it is none (``"Multinational"``)."""
        key = name.strip()
        if key in self._countries:
            return self._countries[key]
        iso3 = self._country_uncached(key)
        self._countries[key] = iso3
        return iso3

    def _country_uncached(self, name: str) -> str:
        if not name:
            return ""
        if re.fullmatch(r"[A-Za-z]{3}", name):
            try:
                return self.gaz.country(name).iso3
            except KeyError:
                pass
        tries = [name]
        # "Korea (ROK)", "Gambia (Republic of The)": the name before the bracket
        bare = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
        tries.append(bare)
        # "Congo, Dem. Rep." -> "Dem. Rep. Congo"; "Ethiopia/Eritrea" -> "Ethiopia"
        if "," in bare:
            a, _, b = bare.partition(",")
            tries.append(f"{b.strip()} {a.strip()}")
        tries.extend(p for p in re.split(r"\s*/\s*", bare) if p)
        for t in tries:
            cands = self.gaz.candidates(t, kinds=("country",))
            if cands:
                return cands[0].place.iso3
        return ""

    def mission(self, raw: str, hosts: Sequence[str] = ()) -> Mission:
        found = self.cat.lookup(raw)
        if found:
            return found[0]
        return Mission(
            id=raw.strip().upper().replace(" ", "-"),
            name=raw.strip(),
            organisation="UN",
            hosts=tuple(h for h in hosts if h),
            in_catalogue=False,
        )


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


def _read_front(
    name: str, rows: list[list[str]], cols: dict[str, int], res: _Resolver, t: _Table
) -> _Read:
    out = _Read(FORMATS["geopko-front"], name, sources=(GEOPKO,))
    seen: set[tuple] = set()
    for n, row in zip(t.lines, rows, strict=True):
        if not any(row):
            continue
        where = f"line {n}"  # made whole only for a message: the front map has 8,783 rows
        mission = _col(row, cols, "mission").strip()
        year = _col(row, cols, "year").strip()
        location = _col(row, cols, "location").strip()
        lat, lon = _latlon(row, cols, "latitude", "longitude", f"{name} {where}")
        if lat is None or lon is None:
            continue
        key = _site_key(mission, year, location, lat, lon)
        # one row per source map of the year, all with the same yearly mean
        if key in seen:
            continue
        seen.add(key)
        where = f"{name} {where}"
        out.saw(mission, year)
        troops = figure(
            _col(row, cols, "ave.no.troops"), "ave.no.troops", where, t.style, mean=True
        )
        hq = figure(_col(row, cols, "hq"), "hq", where, t.style) or 0
        country = _col(row, cols, "country").strip()
        out.countries[key] = res.country(country)
        if troops == 0:
            continue
        size = "size unknown" if troops is None else f"{troops} troops"
        units, said = front_units(row, cols)
        out.sites.append(
            _Site(
                mission,
                year,
                location,
                lat,
                lon,
                res.country(country),
                hq,
                troops,
                n,
                name,
                f"{GEOPKO} front map: {mission} {year}, {location} "
                f"({HQ_KINDS.get(hq, 'site')}): {size} (mean over the year's maps)"
                + (f"; units: {said}" if said else ""),
                total=True,
                units=units,
            )
        )
    return out


def _read_tcc(
    name: str, rows: list[list[str]], cols: dict[str, int], res: _Resolver, t: _Table
) -> _Read:
    out = _Read(FORMATS["geopko-tcc"], name, sources=(GEOPKO,))
    for n, row in zip(t.lines, rows, strict=True):
        if not any(row):
            continue
        where = f"{name} line {n}"
        mission = _col(row, cols, "mission").strip()
        year = _col(row, cols, "year").strip()
        location = _col(row, cols, "location").strip()
        lat, lon = _latlon(row, cols, "latitude", "longitude", where)
        if lat is None or lon is None:
            continue
        overview = _col(row, cols, "year.overview").strip()
        key = _site_key(mission, year, location, lat, lon)
        out.saw(mission, year)
        text = f"{GEOPKO} TCC map: {mission} {year}, {location}: {overview}"
        out.sites.append(
            _Site(mission, year, location, lat, lon, "", 0, None, n, name, text, total=False)
        )
        for item in _TCC_SPLIT.split(overview):
            m = _TCC_ITEM.match(item.strip())
            if not m:
                continue
            cname = m["name"].strip()
            size = m["size"]
            troops = figure(size, "year.overview", where, t.style) if size.isdigit() else None
            out.parts.append(
                _Part(res.country(cname), cname, mission, year, troops, n, name, text, site=key)
            )
    return out


def _personnel_match(value: str, keep: Sequence[str] | None) -> bool:
    if keep is None:
        return True
    v = name_key(value).rstrip("s")
    return any(v == name_key(k).rstrip("s") or v == f"contingent {name_key(k)}" for k in keep)


def _read_un(
    name: str,
    rows: list[list[str]],
    cols: dict[str, int],
    res: _Resolver,
    t: _Table,
    personnel: Sequence[str] | None,
) -> _Read:
    out = _Read(FORMATS["un-contributions"], name, sources=(UN_SOURCE,))
    day_first = _day_first(_col(r, cols, "last_reporting_date") for r in rows[:2000])
    left_out: dict[str, int] = {}
    # one Deployment per contributor, mission and date, summing the kept personnel types
    sums: dict[tuple[str, str, str], _Part] = {}
    for n, row in zip(t.lines, rows, strict=True):
        if not any(row):
            continue
        where = f"{name} line {n}"
        ptype = _col(row, cols, "personnel_type").strip()
        female = figure(_col(row, cols, "female_personnel"), "Female_Personnel", where, t.style)
        male = figure(_col(row, cols, "male_personnel"), "Male_Personnel", where, t.style)
        female, male = female or 0, male or 0
        mission = _col(row, cols, "mission_acronym").strip()
        when = _iso_date(_col(row, cols, "last_reporting_date"), where, day_first)
        out.saw(mission, when)
        if not _personnel_match(ptype, personnel):
            left_out[ptype] = left_out.get(ptype, 0) + female + male
            continue
        cname = _col(row, cols, "contributing_country").strip()
        code = _col(row, cols, "isocode3").strip()
        iso3 = res.country(code) if code else ""
        iso3 = iso3 or res.country(cname)
        key = (iso3 or cname, mission, when)
        text = f"UN contributions: {cname} {ptype}, {female} women + {male} men on {when}"
        part = sums.get(key)
        if part is None:
            sums[key] = _Part(iso3, cname, mission, when, female + male, n, name, text)
        else:
            part.troops = (part.troops or 0) + female + male
            part.text += f"; {ptype}, {female} women + {male} men"
    out.parts = list(sums.values())
    kept = ", ".join(personnel) if personnel is not None else "all personnel types"
    if left_out:
        dropped = ", ".join(f"{k or '(blank)'} {v:,}" for k, v in sorted(left_out.items()))
        out.note = f"kept {kept}; left out {dropped}"
    else:
        out.note = f"kept {kept}"
    return out


def _unit_cell(cell: str, where: str, source: str, when: str) -> tuple[Unit, ...]:
    """The units a plain CSV's ``unit`` cell names: "infantry battalion; medical unit"."""
    if not cell.strip():
        return ()
    from deploymap.extract.units import read_unit_cell

    found = read_unit_cell(cell)
    if not found:
        raise InputError(
            f"{where}, column unit: {cell[:60]!r} names no unit deploymap knows; write a kind "
            "and a size such as 'infantry battalion', 'medical unit', 'military observers' "
            "(the words are in deploymap/units.csv), or leave it empty"
        )
    return tuple(
        Unit(u.kind, u.echelon, u.count, evidence=Evidence(u.start, u.end, u.text, source, when))
        for u in found
    )


def _read_plain(
    name: str, rows: list[list[str]], cols: dict[str, int], res: _Resolver, t: _Table
) -> _Read:
    out = _Read(FORMATS["deployments"], name, sources=(name,))
    for n, row in zip(t.lines, rows, strict=True):
        if not any(row):
            continue
        where = f"{name} line {n}"
        cname = _col(row, cols, "contributor").strip()
        iso3 = res.country(cname)
        if not iso3:
            raise InputError(
                f"{where}: unknown contributor {cname!r}; give a country name or ISO3 code"
            )
        mission = _col(row, cols, "mission").strip()
        if not mission:
            raise InputError(f"{where}: the mission is empty")
        troops = figure(_col(row, cols, "troops"), "troops", where, t.style)
        when = _iso_date(_col(row, cols, "date"), where)
        out.saw(mission, when)
        location = _col(row, cols, "location").strip()
        lat, lon = _latlon(row, cols, "lat", "lon", where, na=False)
        place = None
        if lat is not None and lon is not None:
            place = (location or f"{lat:.4f}, {lon:.4f}", lat, lon)
        elif location:
            hosts = res.mission(mission).hosts
            found = res.gaz.best(location, country=hosts[0] if hosts else None)
            if found is None:
                raise InputError(
                    f"{where}: location {location!r} not in the gazetteer; add lat and lon columns"
                )
            place = (location, found.lat, found.lon)
        text = ", ".join(c for c in row if c.strip())
        units = _unit_cell(_col(row, cols, "unit"), where, name, when)
        out.parts.append(
            _Part(iso3, cname, mission, when, troops, n, name, text, place=place, units=units)
        )
    return out


# -- filters ---------------------------------------------------------------------------

#: A year filter: a year (``2024``), a range (``"2015-2024"``), several of these, or None.
YearSpec = int | str | Iterable[int | str] | None


def parse_years(value: YearSpec) -> tuple[str, ...] | None:
    """The years a *year* filter keeps, sorted (None keeps every year).

    >>> parse_years(2024), parse_years("2015-2017"), parse_years([2024, "2020-2021"])
    (('2024',), ('2015', '2016', '2017'), ('2020', '2021', '2024'))
    >>> parse_years(None) is None
    True
    """
    if value is None:
        return None
    items = [value] if isinstance(value, int | str) else list(value)
    out: set[int] = set()
    for item in items:
        text = str(item).strip()
        first, sep, last = text.partition("-")
        try:
            a = int(first)
            b = int(last) if sep else a
        except ValueError:
            raise InputError(
                f"year {text!r}: give a year (2024) or a range of years (2015-2024)"
            ) from None
        if not (1000 <= a <= 9999 and 1000 <= b <= 9999) or a > b:
            raise InputError(f"year {text!r}: give four-digit years, the first not after the last")
        out.update(range(a, b + 1))
    return tuple(str(y) for y in sorted(out)) or None


def _say_years(years: Sequence[str]) -> str:
    """ "2024", "2015-2024" (a run), or "2015, 2018"."""
    if len(years) > 1 and int(years[-1]) - int(years[0]) == len(years) - 1:
        return f"{years[0]}-{years[-1]}"
    return ", ".join(years)


def _filter(
    reads: list[_Read], mission: str | None, years: tuple[str, ...] | None, res: _Resolver
) -> None:
    """Keep the records of *mission* and *years*; explain an empty result."""
    if mission is None and years is None:
        return
    seen: dict[str, set[str]] = {}
    for t in reads:
        for m, ys in t.seen.items():
            seen.setdefault(m, set()).update(ys)
    names = set(seen)
    files = ", ".join(t.name for t in reads)
    keep_missions = names
    if mission is not None:
        want = {name_key(mission)} | {name_key(m.id) for m in res.cat.lookup(mission)}
        keep_missions = {
            n for n in names if name_key(n) in want or name_key(res.mission(n).id) in want
        }
        if not keep_missions:
            close = difflib.get_close_matches(mission.upper(), sorted(names), n=3, cutoff=0.5)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            listed = ", ".join(sorted(names)[:60])
            raise InputError(
                f"{files}: no rows for mission {mission!r}{hint} (missions in the table: {listed})"
            )
    wanted = frozenset(years) if years is not None else None
    y = _say_years(years) if years is not None else None

    def ok(mission_name: str, date: str) -> bool:
        return mission_name in keep_missions and (wanted is None or date[:4] in wanted)

    kept = 0
    for t in reads:
        t.sites = [s for s in t.sites if ok(s.mission, s.date)]
        t.parts = [p for p in t.parts if ok(p.mission, p.date)]
        kept += len(t.sites) + len(t.parts)
    if kept:
        return
    which = f" for {', '.join(sorted(keep_missions))}" if mission is not None else ""
    have = sorted({yy for m in keep_missions for yy in seen[m] if yy})
    if wanted is not None and not wanted & set(have):
        span = ", ".join(have) if len(have) <= 12 else f"{have[0]}-{have[-1]}"
        raise InputError(f"{files}: no rows{which} in {y}; years in the table: {span}")
    # the mission and year are there, but none of their rows has troops
    raise InputError(
        f"{files}: no troops{which}{f' in {y}' if y else ''}: the rows give 0 troops "
        "(police, observers or headquarters only)"
    )


# -- records -> Story ------------------------------------------------------------------


def _story(reads: list[_Read], res: _Resolver) -> Story:
    # Hosts of missions outside the catalogue: the countries their sites are in.
    country_of = {k: v for t in reads for k, v in t.countries.items()}
    site_country: dict[tuple, str] = {}

    def country(s: _Site) -> str:
        # the row's country; the front map's for a TCC row; the catalogue's only
        # host; else the boundary the point falls in
        key = _site_key(s.mission, s.date, s.location, s.lat, s.lon)
        if key not in site_country:
            found = s.country or country_of.get(key, "")
            if not found:
                cat_hosts = res.mission(s.mission).hosts
                found = cat_hosts[0] if len(cat_hosts) == 1 else ""
            site_country[key] = found or res.gaz.country_at(s.lat, s.lon, un_view=True) or ""
        return site_country[key]

    hosts: dict[str, list[str]] = {}
    hq_of: dict[str, _Site] = {}
    for t in reads:
        for s in t.sites:
            hs = hosts.setdefault(s.mission, [])
            c = country(s)
            if c and c not in hs:
                hs.append(c)
            if s.hq == 3:
                hq_of.setdefault(s.mission, s)
    missions: dict[str, Mission] = {}

    def mission_of(raw: str) -> Mission:
        m = missions.get(raw)
        if m is None:
            m = res.mission(raw, hosts.get(raw, ()))
            site = hq_of.get(raw)
            if not m.in_catalogue and site is not None:
                m = Mission(
                    id=m.id,
                    name=m.name,
                    organisation=m.organisation,
                    hosts=m.hosts,
                    hq_name=site.location,
                    hq_lat=site.lat,
                    hq_lon=site.lon,
                    in_catalogue=False,
                )
            missions[raw] = m
        return m

    places: dict[tuple, Place] = {}

    def place_of(s: _Site) -> Place:
        kind = HQ_KINDS.get(s.hq, "site")
        # one Place per location, mission and HQ status, whatever the year
        pkey = (s.mission, s.location, round(s.lat, 6), round(s.lon, 6), kind)
        p = places.get(pkey)
        if p is None:
            mid = mission_of(s.mission).id
            p = Place(
                id=f"table:{mid}:{name_key(s.location)}@{s.lat:.5f},{s.lon:.5f}",
                name=s.location,
                kind=kind,
                iso3=country(s),
                lat=s.lat,
                lon=s.lon,
                source=s.source,
            )
            places[pkey] = p
        return p

    # Sites: the front map's (with totals) first, then TCC locations not in it.
    site_total: dict[tuple, Deployment] = {}
    tcc_text: dict[tuple, Evidence] = {}
    for t in reads:
        for s in t.sites:
            key = _site_key(s.mission, s.date, s.location, s.lat, s.lon)
            ev = Evidence(0, 0, s.text, source=s.source, date=s.date)
            if not s.total:
                tcc_text[key] = ev
                continue
            site_total[key] = Deployment(
                contributor="",
                mission=mission_of(s.mission).id,
                troops=s.troops,
                date=s.date,
                location=place_of(s),
                role=SITE_TOTAL,
                evidence=(ev,),
                units=s.units,
            )
    tcc_sites = {
        _site_key(s.mission, s.date, s.location, s.lat, s.lon): s
        for t in reads
        for s in t.sites
        if not s.total
    }
    deployments: list[Deployment] = []
    for key, d in site_total.items():
        extra = tcc_text.get(key)
        if extra is not None:
            d = replace(d, evidence=(*d.evidence, extra))
        deployments.append(d)
    for t in reads:
        for p in t.parts:
            mission = mission_of(p.mission)
            loc: Place | None = None
            if p.site is not None:
                total = site_total.get(p.site)
                if total is not None:
                    loc = total.location
                elif p.site in tcc_sites:
                    loc = place_of(tcc_sites[p.site])
            elif p.place is not None:
                lname, lat, lon = p.place
                loc = Place(
                    id=f"table:{mission.id}:{name_key(lname)}@{lat:.5f},{lon:.5f}",
                    name=lname,
                    kind="site",
                    iso3=res.gaz.country_at(lat, lon, un_view=True) or "",
                    lat=lat,
                    lon=lon,
                    source=p.source,
                )
            deployments.append(
                Deployment(
                    contributor=p.contributor,
                    mission=mission.id,
                    troops=p.troops,
                    date=p.date,
                    location=loc,
                    role="contributor",
                    evidence=(Evidence(0, 0, p.text, source=p.source, date=p.date),),
                    units=p.units,
                )
            )

    # Mission totals per date: the sites' totals where a front map gives them,
    # otherwise the contributors' known figures.
    totals: dict[str, dict[str, int]] = {}
    has_sites = {d.mission for d in deployments if d.role == SITE_TOTAL}
    for d in deployments:
        if d.troops is None or (d.mission in has_sites) != (d.role == SITE_TOTAL):
            continue
        by_date = totals.setdefault(d.mission, {})
        by_date[d.date] = by_date.get(d.date, 0) + d.troops
    source_names = tuple(dict.fromkeys(s for t in reads for s in t.sources))
    mentions = []
    for m in dict.fromkeys(missions.values()):
        by_date = totals.get(m.id, {})
        latest = max(by_date) if by_date else ""
        troops = by_date.get(latest) if latest else None
        highest = max(by_date.values(), default=None)
        peak = highest if highest is not None and troops is not None and highest > troops else None
        mev: tuple[Evidence, ...] = ()
        if latest:
            mev = (
                Evidence(
                    0,
                    0,
                    f"{', '.join(source_names)}: {troops:,} troops in {m.id} in {latest}",
                    source=", ".join(t.name for t in reads),
                    date=latest,
                ),
            )
        mentions.append(MissionMention(m, 0, 0, "", troops=troops, peak=peak, evidence=mev))

    dates = sorted({d.date for d in deployments if d.date})
    labels = ", ".join(dict.fromkeys(t.fmt.label for t in reads))
    scope = ", ".join(m.id for m in dict.fromkeys(missions.values()))
    if len(scope) > 60:
        scope = f"{len(missions)} missions"
    when = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}" if dates else ""
    notes = "; ".join(t.note for t in reads if t.note)
    title = f"{labels}: {scope} {when}".strip() + (f" ({notes})" if notes else "")
    sources = tuple(GEOPKO_CITE if s == GEOPKO else s for s in source_names)
    return Story(
        text="",
        title=title,
        date=dates[0] if len(dates) == 1 else "",
        missions=tuple(mentions),
        deployments=tuple(deployments),
        sources=sources,
    )


# -- public API ------------------------------------------------------------------------


def _read_one(
    path: str | os.PathLike[str],
    res: _Resolver,
    personnel: Sequence[str] | None,
) -> _Read:
    name = Path(path).name
    got = read_rows(path)
    rows = got.rows
    fmt, cols = detect_format(got.header, name)
    figures = [cols.get(c) for c in _FIGURE_COLUMNS]
    style = number_style(
        (row[i] for row in rows for i in figures if i is not None and i < len(row)),
        got.delimiter,
        name,
    )
    t = _Table(got.lines, style)
    if fmt.name == "geopko-front":
        return _read_front(name, rows, cols, res, t)
    if fmt.name == "geopko-tcc":
        return _read_tcc(name, rows, cols, res, t)
    if fmt.name == "un-contributions":
        return _read_un(name, rows, cols, res, t, personnel)
    return _read_plain(name, rows, cols, res, t)


def read_tables(
    paths: Iterable[str | os.PathLike[str]],
    *,
    mission: str | None = None,
    year: YearSpec = None,
    personnel: Sequence[str] | None = ("Troops",),
    gazetteer: Gazetteer | None = None,
    catalogue: MissionCatalogue | None = None,
) -> Story:
    """Read several tables into one Story; a Geo-PKO front map and TCC map are joined.

    Parameters
    ----------
    paths : iterable of path-like
        CSV files of any format in :data:`FORMATS`.
    mission : str, optional
        Keep one mission (id, acronym or name as the catalogue or table spells it).
    year : int, str or iterable, optional
        Keep these years (of the Geo-PKO year or the reporting date): one year
        (``2024``), a range (``"2015-2024"``) or several (``[2015, "2020-2024"]``).
        With several, the mission figures are the latest year's total and the
        peak over the years kept.
    personnel : sequence of str or None
        UN contributions: the ``Personnel_Type`` values to keep (``("Troops",)``
        by default; None keeps all). What was left out is said in the title.
    gazetteer, catalogue : optional
        Reuse open ones.

    Returns
    -------
    Story
        See the module docstring for the records.

    Raises
    ------
    InputError
        An unreadable file, an unknown format, a missing column, a bad value
        (with its line) or a filter that keeps nothing (with close names).

    Examples
    --------
    >>> from pathlib import Path
    >>> shared = Path("../shared/data/geopko")
    >>> story = read_tables([shared / "geopko_v2.3_frontmap.csv",
    ...                      shared / "geopko_v2.3_tccmap.csv"],
    ...                     mission="UNIFIL", year=2024)  # doctest: +SKIP
    >>> story.mission.troops  # doctest: +SKIP
    13250
    """
    res = _Resolver(gazetteer or Gazetteer(), catalogue or MissionCatalogue())
    reads = [_read_one(p, res, personnel) for p in paths]
    if not reads:
        raise InputError("no table given")
    _filter(reads, mission, parse_years(year), res)
    return _story(reads, res)


def read_table(
    path: str | os.PathLike[str],
    *,
    mission: str | None = None,
    year: YearSpec = None,
    personnel: Sequence[str] | None = ("Troops",),
    gazetteer: Gazetteer | None = None,
    catalogue: MissionCatalogue | None = None,
) -> Story:
    """Read one table (format detected from its header) into a :class:`Story`.

    Parameters are those of :func:`read_tables`.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "un.csv"
    >>> _ = p.write_text(
    ...     "Contributing_Country,ISOCode3,Mission_Acronym,Personnel_Type,"
    ...     "Female_Personnel,Male_Personnel,Last_Reporting_Date\\n"
    ...     "Ghana,GHA,UNIFIL,Troops,50,820,31/10/2023\\n"
    ...     "Ghana,GHA,UNIFIL,Staff Officers,2,10,31/10/2023\\n")
    >>> story = read_table(p)
    >>> [(d.contributor, d.troops, d.date) for d in story.deployments]
    [('GHA', 870, '2023-10-31')]
    >>> "left out Staff Officers 12" in story.title
    True
    """
    return read_tables(
        [path],
        mission=mission,
        year=year,
        personnel=personnel,
        gazetteer=gazetteer,
        catalogue=catalogue,
    )


# -- texts and tables alike ------------------------------------------------------------


def is_table(path: str | os.PathLike[str]) -> bool:
    """Whether an input is a table (by extension, then header) rather than an article.

    Examples
    --------
    >>> is_table("report.csv"), is_table("-")
    (True, False)
    """
    if str(path) == "-":
        return False
    if Path(path).suffix.lower() in (".csv", ".tsv"):
        return True
    return table_format(path) is not None


def concat_stories(stories: Sequence[Story]) -> Story:
    """Several stories as one, by concatenating their records.

    Texts are joined with blank lines and place spans shifted to point into
    the joined text. Missions named by several keep one mention (the first
    with a figure), so their areas are drawn once; deployments, places and
    events are kept as they are (a table's records are per location and date
    already).

    Examples
    --------
    >>> a, b = Story(date="2024", sources=("x",)), Story(date="2023-10-05", sources=("y",))
    >>> s = concat_stories([a, b])
    >>> s.date, s.sources
    ('', ('x', 'y'))
    """
    if len(stories) == 1:
        return stories[0]
    missions: dict[str, MissionMention] = {}
    for s in stories:
        for m in s.missions:
            had = missions.get(m.mission.id)
            if had is None or (had.troops is None and m.troops is not None):
                missions[m.mission.id] = m
    dates = {s.date for s in stories}
    places: list[Toponym] = []
    offset = 0
    for s in stories:
        places += [replace(t, start=t.start + offset, end=t.end + offset) for t in s.places]
        if s.text:
            offset += len(s.text) + 2  # the "\n\n" that joins the texts
    return Story(
        text="\n\n".join(s.text for s in stories if s.text),
        title="; ".join(s.title for s in stories if s.title),
        date=dates.pop() if len(dates) == 1 else "",
        places=tuple(places),
        missions=tuple(missions.values()),
        deployments=tuple(d for s in stories for d in s.deployments),
        events=tuple(e for s in stories for e in s.events),
        sources=tuple(dict.fromkeys(src for s in stories for src in s.sources)),
    )


def read_inputs(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    mission: str | None = None,
    year: YearSpec = None,
    date: str = "",
    personnel: Sequence[str] | None = ("Troops",),
) -> Story:
    """Articles, Story documents and tables into one Story: see
    :func:`deploymap.inputs.read_inputs`, which this calls.

    Examples
    --------
    >>> from deploymap.examples import __file__ as examples
    >>> story = read_inputs([Path(examples).parent / "kfor-command-2023.txt"])
    >>> story.mission.mission.id
    'KFOR'
    """
    from deploymap.inputs import read_inputs as read_all

    return read_all(inputs, mission=mission, year=year, date=date, personnel=personnel)
