"""The name resolver of tables: country names and mission names to codes and records."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from deploymap.gazetteer import Gazetteer
from deploymap.gazetteer.missions import MissionCatalogue
from deploymap.model import Mission


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
