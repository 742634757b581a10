"""The Geo-PKO v2.3 "front map": one row per mission, year, location and source map."""

from __future__ import annotations

from deploymap.tables.csvfile import (
    figure,
)
from deploymap.tables.formats import FORMATS
from deploymap.tables.geopko_units import front_units
from deploymap.tables.records import (
    GEOPKO,
    HQ_KINDS,
    _col,
    _latlon,
    _Read,
    _Site,
    _site_key,
    _Table,
)
from deploymap.tables.resolve import _Resolver


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
