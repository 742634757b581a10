"""The UN peacekeeping contributions CSV: personnel by contributor, mission and date."""

from __future__ import annotations

from collections.abc import Sequence

from deploymap.tables.csvfile import (
    figure,
)
from deploymap.tables.formats import FORMATS
from deploymap.tables.records import (
    UN_SOURCE,
    _col,
    _day_first,
    _iso_date,
    _Part,
    _Read,
    _Table,
)
from deploymap.tables.resolve import _Resolver
from deploymap.textnorm import name_key


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
