"""Mission mentions: by acronym, by name or alias, by description ("the
NATO-led force in Kosovo"), and missions missing from the catalogue by pattern
("the European Union Monitoring Mission in Georgia (EUMM)").

Examples
--------
>>> from deploymap.gazetteer import Gazetteer
>>> from deploymap.gazetteer.missions import MissionCatalogue
>>> finder = MissionFinder(MissionCatalogue(), Gazetteer())
>>> [(m.mission.id, m.text) for m in finder.find("Troops of the NATO-led force in Kosovo.")]
[('KFOR', 'NATO-led force in Kosovo')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deploymap.gazetteer import Gazetteer
from deploymap.gazetteer.missions import MissionCatalogue
from deploymap.model import Mission

# How organisations are written, and the code the catalogue uses for each.
ORGANISATIONS = {
    "nato": "NATO",
    "north atlantic treaty organization": "NATO",
    "un": "UN",
    "u.n.": "UN",
    "united nations": "UN",
    "african union": "AU",
    "au": "AU",
    "european union": "EU",
    "eu": "EU",
    "ecowas": "ECOWAS",
    "sadc": "SADC",
    "osce": "OSCE",
}
_ORG = r"(?P<org>NATO|U\.N\.|UN|United Nations|African Union|AU|European Union|EU|ECOWAS|SADC|OSCE)"
_NOUN = (
    r"(?P<noun>(?:peace[- ]?keeping |stabili[sz]ation |monitoring |observer |training |"
    r"military |security |interim |transition(?:al)? )*(?:force|mission|operation|peacekeepers|"
    r"observers|troops|contingent|presence))"
)
_PLACE = r"(?P<place>(?:the )?[A-Z][\w'’-]*(?: (?:of |and )?[A-Z][\w'’-]*){0,4})"
DESCRIPTIONS = [
    # "the NATO-led force in Kosovo", "the UN mission in Mali", "an African Union force in Somalia"
    re.compile(rf"\b{_ORG}(?:-led|-run|'s|’s)?(?: [a-z-]+){{0,3}} {_NOUN} (?:in|on|for) {_PLACE}"),
    # "NATO's Kosovo force", "NATO Kosovo Mission", "the UN Lebanon force"
    re.compile(
        rf"\b{_ORG}(?:'s|’s)? {_PLACE} (?P<noun2>[Ff]orce|[Mm]ission|[Oo]peration|peacekeepers)\b"
    ),
]
# "the European Union Monitoring Mission in Georgia (EUMM)"
UNCATALOGUED = re.compile(
    r"\b(?:the )?(?P<name>(?:[A-Z][\w'’-]*|of|for|the|in|and)"
    r"(?: (?:[A-Z][\w'’-]*|of|for|the|in|and)){1,12}?"
    r" (?:Mission|Force|Operation|Observer Group|Office)(?: (?:in|for|to) (?P<place>(?:the )?"
    r"[A-Z][\w'’-]*(?: (?:of |and )?[A-Z][\w'’-]*){0,4}))?) \((?P<acr>[A-Z][A-Za-z-]{2,14})\)"
)


_ORG_START = re.compile(
    r"\b(?:NATO|UN|U\.N\.|United Nations|African Union|European Union|EU|AU|ECOWAS|SADC|OSCE)\b"
)


def _trim_name(start: int, name: str) -> tuple[int, str]:
    """Cut leading words that are not part of a mission's name: "Observers of the
    European Union Monitoring Mission" starts at "European"."""
    m = _ORG_START.search(name)
    if m:
        return start + m.start(), name[m.start() :]
    words = re.match(r"(?:(?:The|the|in|of|for|and) )+", name)
    if words:
        return start + words.end(), name[words.end() :]
    return start, name


# Where UNCATALOGUED can match: only before an "(ACRONYM)"; looking there first
# keeps a long text from being scanned with the name pattern at every capital.
_ACRONYM_IN_PARENS = re.compile(r"\([A-Z][A-Za-z-]{2,14}\)")
_NAME_WINDOW = 300


@dataclass(frozen=True, slots=True)
class MissionHit:
    mission: Mission
    start: int
    end: int
    text: str
    how: str  # "name", "acronym", "description", "pattern"


class MissionFinder:
    """Find missions in text with a catalogue and a gazetteer (for hosts)."""

    def __init__(self, catalogue: MissionCatalogue, gazetteer: Gazetteer):
        self.catalogue = catalogue
        self.gazetteer = gazetteer
        acronyms: set[str] = set()
        names: set[str] = set()
        for m in catalogue:
            for n in (m.id, *m.aliases, m.name):
                n = n.strip()
                if not n:
                    continue
                # Acronyms are matched as written ("KFOR", "EUFOR Althea"); names in any case.
                if re.fullmatch(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:[ -][A-Z][A-Za-z]+)*", n) and any(
                    c.isupper() for c in n[1:]
                ):
                    acronyms.add(n)
                else:
                    names.add(n)
        # Catalogue ids with hyphens ("EUFOR-ALTHEA") are not how text writes them.
        acronyms = {
            a for a in acronyms if "-" not in a or a in {x for m in catalogue for x in m.aliases}
        }
        alt = "|".join(re.escape(a) for a in sorted(acronyms, key=len, reverse=True))
        self._acronyms = re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])")
        alt = "|".join(
            re.escape(n).replace(r"\ ", r"[\s-]+") for n in sorted(names, key=len, reverse=True)
        )
        self._names = re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)

    def _resolve_name(self, surface: str) -> Mission | None:
        found = self.catalogue.lookup(surface)
        if not found:
            return None
        # Prefer the mission itself over its sub-commands.
        found.sort(key=lambda m: (self.catalogue.parent(m) is not None, m.end != "", m.id))
        return found[0]

    def _host_of(self, place_text: str) -> str | None:
        place_text = re.sub(r"^the ", "", place_text.strip())
        cands = self.gazetteer.candidates(place_text, forms=("name", "alias", "demonym", "alt"))
        return cands[0].place.iso3 if cands and cands[0].place.iso3 else None

    def _by_description(self, org: str, host: str, year: str = "") -> Mission | None:
        cands = self.catalogue.by_host(host, ORGANISATIONS.get(org.lower(), org))
        if not cands:
            return None
        if year:
            live = [m for m in cands if (m.start or "0") <= year and (not m.end or m.end >= year)]
            if live:
                return live[0]
        return cands[0]

    def find(self, text: str, year: str = "") -> list[MissionHit]:
        """Every mission mention, in text order, overlapping hits resolved longest first."""
        hits: list[MissionHit] = []
        for paren in _ACRONYM_IN_PARENS.finditer(text):
            m = UNCATALOGUED.search(text, max(0, paren.start() - _NAME_WINDOW), paren.end())
            if m is None or m.end() != paren.end():
                continue
            acr = m.group("acr")
            n0, name = _trim_name(m.start("name"), m.group("name"))
            known = self._resolve_name(acr) or self._resolve_name(name)
            if known is None:
                host = self._host_of(m.group("place")) if m.group("place") else None
                org = next(
                    (
                        code
                        for word, code in ORGANISATIONS.items()
                        if name.lower().startswith(word + " ")
                    ),
                    "other",
                )
                known = Mission(
                    id=acr.upper(),
                    name=name,
                    organisation=org,
                    hosts=(host,) if host else (),
                    aliases=(acr,),
                    in_catalogue=False,
                )
            hits.append(MissionHit(known, n0, m.end("name"), name, "pattern"))
            hits.append(MissionHit(known, m.start("acr"), m.end("acr"), acr, "acronym"))
        for m in self._names.finditer(text):
            mission = self._resolve_name(m.group(0))
            if mission:
                hits.append(MissionHit(mission, m.start(), m.end(), m.group(0), "name"))
        for m in self._acronyms.finditer(text):
            mission = self._resolve_name(m.group(0))
            if mission:
                hits.append(MissionHit(mission, m.start(), m.end(), m.group(0), "acronym"))
        for pat in DESCRIPTIONS:
            for m in pat.finditer(text):
                host = self._host_of(m.group("place"))
                if not host:
                    continue
                mission = self._by_description(m.group("org"), host, year)
                if mission:
                    s = m.start("org")
                    hits.append(MissionHit(mission, s, m.end(), text[s : m.end()], "description"))
        # A description ("the African Union force in Somalia") means the mission the
        # text also names outright, when there is one of that organisation and host.
        named = list({h.mission.id: h.mission for h in hits if h.how != "description"}.values())
        resolved: dict[str, Mission] = {}
        for i, h in enumerate(hits):
            if h.how != "description":
                continue
            if h.mission.id not in resolved:
                same = [
                    m
                    for m in named
                    if m.organisation == h.mission.organisation
                    and set(m.hosts) & set(h.mission.hosts)
                ]
                resolved[h.mission.id] = (
                    same[0] if same and h.mission.id not in {m.id for m in same} else h.mission
                )
            hits[i] = MissionHit(resolved[h.mission.id], h.start, h.end, h.text, h.how)
        # Keep the longest of overlapping hits.
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[MissionHit] = []
        for h in hits:
            if out and h.start < out[-1].end:
                continue
            out.append(h)
        return out
