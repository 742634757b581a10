"""The mission catalogue: ``geodata/missions.csv`` as :class:`~deploymap.model.Mission` records.

Besides each mission's names, hosts, dates and HQ, the catalogue holds who
else led it (``co_organisations``: UNAMID was the UN's and the AU's) and what
came after it (``successor``), so that a chain such as AMISOM -> ATMIS ->
AUSSOM is data, and a description ("the AU force in Somalia") can be read
against the article's date.

>>> cat = MissionCatalogue()
>>> cat.get("KFOR").hosts
('XKX',)
>>> cat.get("unifil").organisation
'UN'
>>> [m.id for m in cat.chain(cat.get("ATMIS"))]
['AMISOM', 'ATMIS', 'AUSSOM']
>>> cat.at_date(cat.lookup("UNOSOM"), "1994-05-01")[0].id
'UNOSOM-II'
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deploymap.errors import DataError
from deploymap.gazetteer import geodata_path
from deploymap.model import Mission
from deploymap.textnorm import name_key

if TYPE_CHECKING:
    from deploymap.gazetteer import Gazetteer

FILENAME = "missions.csv"

# British and American spellings of the words mission names are made of
# ("Organisation"/"Organization", "Stabilisation"/"Stabilization").
_ISE = re.compile(r"(?<=[a-z])is(?=(?:ation|ations|e|ed|ing)\b)")


def mission_key(name: str) -> str:
    """The lookup key of a mission name: :func:`~deploymap.textnorm.name_key`
    with one spelling for -ise/-ize words, "&" as "and", and no "the".

    >>> mission_key("UN Organisation Stabilisation Mission in the DR Congo")
    'un organization stabilization mission in dr congo'
    >>> mission_key("Force & Observers") == mission_key("Force and Observers")
    True
    """
    key = name_key(name.replace("&", " and "))
    key = _ISE.sub("iz", key)
    return " ".join(w for w in key.split() if w != "the")


# The key of each name the finder looks up: a text names a few missions many times.
_lookup_key = lru_cache(maxsize=4096)(mission_key)


def _day(d: str, end: bool = False) -> str:
    """A partial ISO date as a full one: "2004" -> "2004-01-01" (or "2004-12-31" as an end)."""
    d = d.strip()
    if len(d) == 4:
        return d + ("-12-31" if end else "-01-01")
    if len(d) == 7:
        return d + ("-31" if end else "-01")
    return d[:10]


def runs_on(mission: Mission, date: str) -> bool:
    """Whether *mission* was running on *date* (ISO, or a year or month).

    >>> from deploymap.model import Mission
    >>> m = Mission("X", "X", "UN", ("MLI",), start="2013-04-25", end="2023-12-31")
    >>> runs_on(m, "2013"), runs_on(m, "2012-12-01"), runs_on(m, "2023-12-31")
    (True, False, True)
    """
    start = _day(mission.start) if mission.start else "0001-01-01"
    end = _day(mission.end, end=True) if mission.end else "9999-12-31"
    return start <= _day(date, end=True) and _day(date) <= end


def _days_apart(a: str, b: str) -> int:
    import datetime as dt

    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except ValueError:
        return 10**6


def _f(x: str) -> float | None:
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _i(x: str) -> int | None:
    try:
        return int(float(x))
    except (TypeError, ValueError):
        return None


class MissionCatalogue:
    """Missions by id, acronym, name and alias; their areas as geometries."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = Path(path) if path is not None else geodata_path(FILENAME)
        try:
            with self.path.open(encoding="utf-8", newline="") as f:
                rows = list(csv.DictReader(f))
        except OSError as e:
            raise DataError(f"mission catalogue not readable at {self.path}: {e}") from e
        self.rows = {r["id"].upper(): r for r in rows}
        self.missions: dict[str, Mission] = {k: self._mission(r) for k, r in self.rows.items()}
        self._by_key: dict[str, list[str]] = {}
        for mid, m in self.missions.items():
            for n in {mid, m.name, *m.aliases}:
                ids = self._by_key.setdefault(mission_key(n), [])
                if mid not in ids:
                    ids.append(mid)
        for mid, r in self.rows.items():
            nxt = (r.get("successor") or "").strip().upper()
            if nxt and nxt not in self.missions:
                raise DataError(
                    f"{self.path}: mission {mid}: successor {nxt} is not in the catalogue"
                )

    @staticmethod
    def _mission(r: dict[str, str]) -> Mission:
        aliases = [a.strip() for a in (r.get("aliases") or "").split("|") if a.strip()]
        acronym = (r.get("acronym") or "").strip()
        if acronym:
            aliases.insert(0, acronym)
        return Mission(
            id=r["id"].upper(),
            name=r["name"],
            organisation=r.get("organisation", ""),
            hosts=tuple(h.strip() for h in (r.get("hosts") or "").split(";") if h.strip()),
            hq_name=r.get("hq_name", ""),
            hq_lat=_f(r.get("hq_lat", "")),
            hq_lon=_f(r.get("hq_lon", "")),
            area=r.get("area") or "country",
            start=r.get("start", ""),
            end=r.get("end", ""),
            strength=_i(r.get("strength", "")),
            strength_date=r.get("strength_date", ""),
            strength_source=r.get("strength_source", ""),
            aliases=tuple(dict.fromkeys(aliases)),
        )

    def __iter__(self) -> Iterator[Mission]:
        return iter(self.missions.values())

    def __len__(self) -> int:
        return len(self.missions)

    def get(self, mission_id: str) -> Mission:
        key = mission_id.upper().replace(" ", "-")
        if key in self.missions:
            return self.missions[key]
        found = self.lookup(mission_id)
        if found:
            return found[0]
        raise KeyError(mission_id)

    def lookup(self, name: str) -> list[Mission]:
        """Missions whose id, acronym, name or alias is *name* (any case, British
        or American spelling)."""
        return [self.missions[m] for m in self._by_key.get(_lookup_key(name), [])]

    def names(self) -> dict[str, list[str]]:
        """Every name key and the mission ids it may mean."""
        return self._by_key

    def organisations(self, mission: Mission) -> tuple[str, ...]:
        """The organisations that led *mission*: its own, then its co-leaders."""
        co = (self.rows.get(mission.id, {}).get("co_organisations") or "").split(";")
        return tuple(dict.fromkeys([mission.organisation, *(c.strip() for c in co if c.strip())]))

    def by_host(self, iso3: str, organisation: str | None = None) -> list[Mission]:
        """Missions in a country (led or co-led by *organisation*, when given),
        active ones first, then most recently ended."""
        out = [
            m
            for m in self.missions.values()
            if iso3 in m.hosts
            and not self.rows[m.id].get("parent")
            and (organisation is None or organisation in self.organisations(m))
        ]
        out.sort(key=lambda m: (m.end != "", _neg_date(m.end), m.id))
        return out

    def successor(self, mission: Mission) -> Mission | None:
        """The mission that took over from *mission* (``None`` for the last of a chain)."""
        nxt = (self.rows.get(mission.id, {}).get("successor") or "").strip().upper()
        return self.missions.get(nxt) if nxt else None

    def predecessors(self, mission: Mission) -> list[Mission]:
        """The missions *mission* took over from (usually one; ECOMIL and others
        handed over to UNMIL alike)."""
        return [m for m in self.missions.values() if self.successor(m) is mission]

    def chain(self, mission: Mission) -> list[Mission]:
        """*mission* with the line of missions before and after it, oldest first."""
        first, seen = mission, {mission.id}
        while True:
            before = [m for m in self.predecessors(first) if m.id not in seen]
            if len(before) != 1:
                break
            first = before[0]
            seen.add(first.id)
        out, m, seen = [first], self.successor(first), {first.id}
        while m is not None and m.id not in seen:
            out.append(m)
            seen.add(m.id)
            m = self.successor(m)
        return out

    @staticmethod
    def at_date(missions: list[Mission], date: str) -> list[Mission]:
        """*missions* ordered by how well they fit *date* (ISO, or a year): those
        running on that day first, then the nearest in time; the order is kept
        for ties and when *date* is empty."""
        if not date:
            return list(missions)
        d = _day(date)

        def gap(m: Mission) -> int:
            if runs_on(m, date):
                return 0
            start = _day(m.start) if m.start else "0001-01-01"
            return _days_apart(d, start) if d < start else _days_apart(d, _day(m.end, end=True))

        return sorted(missions, key=gap)

    def parent(self, mission: Mission) -> Mission | None:
        p = self.rows.get(mission.id, {}).get("parent")
        return self.missions.get(p.upper()) if p else None

    def area(self, mission: Mission, gazetteer: Gazetteer) -> Any:
        """The area of operations as a shapely geometry (None when unknown)."""
        import shapely

        spec = mission.area or "country"
        if spec.startswith("wkt:"):
            return shapely.from_wkt(spec[4:])
        parts = []
        if spec.startswith("admin1:"):
            for item in spec[7:].split(";"):
                iso3, _, name = item.strip().partition("/")
                cands = gazetteer.candidates(name, kinds=("admin1",), country=iso3)
                cands = [c for c in cands if c.place.iso3 == iso3]
                if cands:
                    parts.append(gazetteer.geometry(cands[0].place))
        else:
            for h in mission.hosts:
                try:
                    parts.append(gazetteer.geometry(gazetteer.country(h)))
                except KeyError:
                    continue
        parts = [p for p in parts if p is not None]
        return shapely.union_all(parts) if parts else None


def _neg_date(d: str) -> str:
    # Sort key: later end dates first.
    return "".join(chr(0x7F - ord(c)) for c in d)
