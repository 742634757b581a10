"""The Geo-PKO v2.3 "TCC map": locations with their troop-contributing countries."""

from __future__ import annotations

import re

from deploymap.tables.csvfile import (
    figure,
)
from deploymap.tables.formats import FORMATS
from deploymap.tables.records import (
    GEOPKO,
    _col,
    _latlon,
    _Part,
    _Read,
    _Site,
    _site_key,
    _Table,
)
from deploymap.tables.resolve import _Resolver

# Geo-PKO contributor entries: "Korea (ROK) (600)", "France (size unknown)".
_TCC_ITEM = re.compile(r"^(?P<name>.*?)\s*\((?P<size>\d+|size unknown)\)\s*$")
_TCC_SPLIT = re.compile(r",\s*(?![^()]*\))")


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
