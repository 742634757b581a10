"""The mission catalogue: ``geodata/missions.csv`` as :class:`~deploymap.model.Mission` records.

>>> cat = MissionCatalogue()
>>> cat.get("KFOR").hosts
('XKX',)
>>> cat.get("unifil").organisation
'UN'
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deploymap.errors import DataError
from deploymap.gazetteer import geodata_path
from deploymap.model import Mission
from deploymap.textnorm import name_key

if TYPE_CHECKING:
    from deploymap.gazetteer import Gazetteer

FILENAME = "missions.csv"


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
                self._by_key.setdefault(name_key(n), [])
                if mid not in self._by_key[name_key(n)]:
                    self._by_key[name_key(n)].append(mid)

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
        """Missions whose id, acronym, name or alias is *name* (any case)."""
        return [self.missions[m] for m in self._by_key.get(name_key(name), [])]

    def names(self) -> dict[str, list[str]]:
        """Every name key and the mission ids it may mean."""
        return self._by_key

    def by_host(self, iso3: str, organisation: str | None = None) -> list[Mission]:
        """Missions in a country, active ones first, then most recently ended."""
        out = [
            m
            for m in self.missions.values()
            if iso3 in m.hosts
            and not self.rows[m.id].get("parent")
            and (organisation is None or m.organisation == organisation)
        ]
        out.sort(key=lambda m: (m.end != "", _neg_date(m.end), m.id))
        return out

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
