"""A plain deployments CSV: ``contributor, mission, troops, date`` and optionally a location."""

from __future__ import annotations

from deploymap.errors import InputError
from deploymap.model import Evidence, Unit
from deploymap.tables.csvfile import (
    figure,
)
from deploymap.tables.formats import FORMATS
from deploymap.tables.records import (
    _col,
    _iso_date,
    _latlon,
    _Part,
    _Read,
    _Table,
)
from deploymap.tables.resolve import _Resolver


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
