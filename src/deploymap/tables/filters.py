"""The mission and year filters of tables, with the message that explains an empty result."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from deploymap.errors import InputError
from deploymap.tables.records import (
    _Read,
)
from deploymap.tables.resolve import _Resolver
from deploymap.textnorm import name_key

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
