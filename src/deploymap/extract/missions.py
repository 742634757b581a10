"""Mission mentions: by acronym, by name or alias, by description, and
missions missing from the catalogue by pattern ("the European Union
Monitoring Mission in Georgia (EUMM)").

A description is an organisation, the words that describe an operation and a
head noun, tied to a host: "the NATO-led force in Kosovo", "the UN's
stabilisation mission in Haiti", "the regional force of the East African
Community", "the AU peacekeepers".  Its parts are read against the lexicons
of :mod:`deploymap.extract._mission_lexicon` and resolved against the
catalogue by organisation, host and the article's date: "the AU force in
Somalia" is AMISOM in 2015 and ATMIS in 2023.  A description with no host
takes the host from the places the text names.  A mission's host is always
set; of several hosts the text's own (where it says the mission is based, or
the one its places point at) comes first.

Examples
--------
>>> from deploymap.gazetteer import Gazetteer
>>> from deploymap.gazetteer.missions import MissionCatalogue
>>> finder = MissionFinder(MissionCatalogue(), Gazetteer())
>>> [(m.mission.id, m.text) for m in finder.find("Troops of the NATO-led force in Kosovo.")]
[('KFOR', 'NATO-led force in Kosovo')]
>>> text = "More troops for the AU force in Somalia."
>>> [m.mission.id for m in finder.find(text, date="2015-06-01")]
['AMISOM']
>>> [m.mission.id for m in finder.find(text, date="2023-06-01")]
['ATMIS']
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import product

from deploymap._frozen import fast_init
from deploymap.extract import _mission_lexicon as lex
from deploymap.extract._text_split import TextSplit
from deploymap.extract._word_index import Keys, RunBranches, WordIndex
from deploymap.extract.mission_patterns import (
    _ACRONYM_IN_PARENS,
    _EVERY,
    _NO_ORG,
    _NOUN_KEYS,
    AT_ARTICLES,
    DESCRIPTIONS,
    HOSTLESS,
    ORGANISATIONS,
    PATTERN_KEYS,
    _article_starts,
    _descriptions,
    _noun_windows,
    _org_starts,
    _trim_name,
    _uncatalogued,
    is_national_force,
    possible_descriptions,
)
from deploymap.extract.wordscan import leading_run
from deploymap.gazetteer import Gazetteer
from deploymap.gazetteer.missions import MissionCatalogue, runs_on
from deploymap.model import Mission, Toponym


# The organisation codes of ORGANISATIONS, for the uncatalogued pattern.
@fast_init
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
                if re.fullmatch(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:[ -/][A-Z][A-Za-z]+)*", n) and any(
                    c.isupper() for c in n[1:]
                ):
                    acronyms.add(n)
                else:
                    names.add(n)
        # Catalogue ids with hyphens ("EUFOR-ALTHEA") are not how text writes them.
        aliases = {x for m in catalogue for x in m.aliases}
        acronyms = {a for a in acronyms if "-" not in a or a in aliases}
        # French (and some English) style writes long acronyms in title case:
        # "Minusma", "Finul", "Monusco".
        acronyms |= {
            a.capitalize() for a in acronyms if a.isalpha() and a.isupper() and len(a) >= 5
        }
        by_length = sorted(acronyms, key=len, reverse=True)
        alt = "|".join(re.escape(a) for a in by_length)
        self._acronyms = re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])")
        # One branch per first word, longest names first within it: the engine
        # leaves a branch at its first word, so a long text is scanned fast.
        # (Within a branch, the names that begin with one word share its pattern:
        # the engine reads that word once, not once a name; same matches.)
        by_first: dict[str, list[tuple[str, str]]] = {}
        for n in sorted(names, key=len, reverse=True):
            head = n.split()[0]
            by_first.setdefault(head.lower(), []).append((_name_pattern(head), _name_pattern(n)))
        branches = [
            f"(?:{_shared_heads(by_first[w])})" for w in sorted(by_first, key=len, reverse=True)
        ]
        self._name_alt = "|".join(branches)
        # where a name or an acronym can begin: its first run of word characters
        # (both spellings of "-isation"), looked up in the text's runs (._word_index).
        # The branches of one such run make a small pattern, compiled when a text
        # has the run: the pattern of all names (~0.1 s to compile) is seldom needed,
        # and an acronym is tried at a run among the few it can be.
        self._name_branches = RunBranches(r"(?<![\w-])(?:{})(?![\w-])", re.IGNORECASE)
        for w, branch in zip(sorted(by_first, key=len, reverse=True), branches, strict=True):
            for key in _spellings(leading_run(w)):
                self._name_branches.add(key, branch)
        self._name_keys = self._name_branches.keys()
        self._acronym_branches = RunBranches(r"(?<![\w-])(?:{})(?![\w-])")
        for a in by_length:
            self._acronym_branches.add(leading_run(a), re.escape(a))
        self._acronym_keys = self._acronym_branches.keys()
        self._index_keys = Keys(self._name_keys | self._acronym_keys | PATTERN_KEYS)
        self._hosted: dict[tuple[str, str | None], tuple[Mission, ...]] = {}
        self._by_runs = all(n[:1].isalnum() for n in (*names, *acronyms))

    @cached_property
    def _names(self) -> re.Pattern[str]:
        """Every name: for a text whose runs of words are not looked up."""
        return re.compile(rf"(?<![\w-])(?:{self._name_alt})(?![\w-])", re.IGNORECASE)

    def _name_matches(self, text: str, lows: list[tuple[int, str]]) -> Iterator[re.Match[str]]:
        """``self._names.finditer(text)`` from the text's runs (start, lower case):
        at each run that can begin a name, the pattern of the names it begins."""
        return self._name_branches.matches(text, lows)

    # -- catalogue look-ups -----------------------------------------------------------------

    def hosted(self, iso3: str, organisation: str | None = None) -> tuple[Mission, ...]:
        """``catalogue.by_host(iso3, organisation)``, kept: each call scans the catalogue."""
        key = (iso3, organisation)
        got = self._hosted.get(key)
        if got is None:
            got = self._hosted[key] = tuple(self.catalogue.by_host(iso3, organisation))
        return got

    def _resolve_name(self, surface: str, date: str = "") -> Mission | None:
        found = self.catalogue.lookup(surface)
        if len(found) < 2:
            return found[0] if found else None
        # The mission itself before its sub-commands; of namesakes, the one of the
        # article's date (or, without a date, the one still running).
        found.sort(key=lambda m: (m.end != "", m.id))
        found = self.catalogue.at_date(found, date)
        found.sort(key=lambda m: self.catalogue.parent(m) is not None)
        return found[0]

    def _host_of(self, place_text: str) -> str | None:
        place_text = re.sub(r"^the ", "", place_text.strip())
        place_text = re.sub(rf"^(?i:{'|'.join(lex.HOST_DIRECTIONS)})\s+", "", place_text)
        for n in range(len(place_text.split()), 0, -1):
            head = " ".join(place_text.split()[:n]).rstrip(".,'’s")
            cands = self.gazetteer.candidates(head, forms=("name", "alias", "demonym", "alt"))
            if cands and cands[0].place.iso3:
                return cands[0].place.iso3
        return None

    def _choose(
        self,
        cands: list[Mission],
        date: str,
        mods: str,
        named: set[str],
        mentions: Counter[str],
        un_first: bool = False,
        host: str = "",
    ) -> Mission | None:
        """The candidate a description means: one the text names outright, then
        the one of the article's date, then the one whose name has the
        description's words ("stabilisation mission" is MINUSTAH, not MINUJUSTH),
        then one whose main host is *host*, then the one in the country the text
        names most (with *un_first*, a description with no organisation, the UN's
        before the others)."""
        if not cands:
            return None
        order = {m.id: k for k, m in enumerate(self.catalogue.at_date(cands, date))}
        live = {m.id for m in cands if date and runs_on(m, date)}
        stems = _stems(mods)

        def key(m: Mission) -> tuple[float, ...]:
            words = _stems(m.name + " " + " ".join(m.aliases))
            return (
                -(m.id in named),
                -(m.id in live),
                -len(stems & words),
                bool(host) and m.hosts[:1] != (host,),
                un_first and m.organisation != "UN",
                order[m.id] if date else 0,
                -sum(mentions.get(h, 0) for h in m.hosts),
                m.end != "",
            )

        return min(cands, key=key)

    # -- the text's own places --------------------------------------------------------------

    def _mentions(self, places: Sequence[Toponym]) -> Counter[str]:
        """How often the text names each country (towns and provinces count double)."""
        c: Counter[str] = Counter()
        get = c.get  # (a missing key costs a call of Counter.__missing__ with +=)
        for t in places:
            if t.iso3 and not t.demonym:
                c[t.iso3] = get(t.iso3, 0) + (1 if t.kind == "country" else 2)
        return c

    def _order_hosts(
        self,
        mission: Mission,
        text: str,
        places: Sequence[Toponym],
        mentions: Counter[str],
        low: str | None = None,
    ) -> Mission:
        """*mission* with the host this text is about first (of several hosts), or
        with a host taken from the text when it has none (*low*: the text in
        lower case, when known)."""
        hosts = mission.hosts
        if not hosts:
            best = mentions.most_common(1)
            return dataclasses.replace(mission, hosts=(best[0][0],)) if best else mission
        if len(hosts) < 2:
            return mission
        first = _based_in(text, places, hosts, low) or max(
            hosts, key=lambda h: (mentions.get(h, 0), -hosts.index(h))
        )
        if first == hosts[0]:
            return mission
        return dataclasses.replace(mission, hosts=(first, *(h for h in hosts if h != first)))

    # -- finding ----------------------------------------------------------------------------

    def find(
        self,
        text: str,
        year: str = "",
        *,
        date: str = "",
        places: Sequence[Toponym] = (),
        split: TextSplit | None = None,
    ) -> list[MissionHit]:
        """Every mission mention, in text order, overlapping hits resolved longest first.

        Parameters
        ----------
        text : str
        year, date : str, optional
            The article's year or date (ISO): which of several missions of one
            name or one host is meant.
        places : sequence of Toponym, optional
            The text's toponyms: hosts of descriptions are read from them, and
            a description without a host takes the country the text names most.
        split : TextSplit, optional
            The text's chunks, when already made (the reader shares them with
            the language vote).
        """
        date = date or year
        by_start = _ByStart(places)  # (made when a pattern first names a place)
        counted: list[Counter[str]] = []  # the text's country counts, made when first read

        def mentions() -> Counter[str]:
            if not counted:
                counted.append(self._mentions(places))
            return counted[0]

        hits: list[MissionHit] = []
        for paren in _ACRONYM_IN_PARENS.finditer(text):
            m = _uncatalogued(text, paren)
            if m is None or m.end() != paren.end():
                continue
            acr = m.group("acr")
            n0, name = _trim_name(m.start("name"), m.group("name"))
            known = self._resolve_name(acr, date)
            if known is None and self._is_place(acr):
                # "... in the Democratic Republic of Congo (DRC)": the place's initials
                continue
            known = known or self._resolve_name(name, date)
            if known is None:
                if is_national_force(name):
                    continue  # "Rwanda Defence Force (RDF)"
                host = self._place_host(m, "place", by_start) if m.group("place") else None
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
        index = WordIndex.of(text, self._index_keys, split) if self._by_runs else None
        lows: list[tuple[int, str]] | None = None
        orgs: list[int] | None = None
        starts: list[int] | None = None
        possible = _EVERY  # the descriptions that may match
        if index is None:
            names, acronyms = self._names.finditer(text), self._acronyms.finditer(text)
        else:
            names = self._name_matches(text, index.keyed(self._name_keys))
            acronyms = self._acronym_branches.matches(text, index.keyed(self._acronym_keys))
            possible = possible_descriptions(index)
            orgs = _org_starts(text, index)
            if not orgs and _NO_ORG not in possible:
                # every description but one needs an organisation: none to look for
                possible = frozenset()
            else:
                lows = index.keyed(_NOUN_KEYS)
                if not possible.isdisjoint(AT_ARTICLES):
                    starts = _article_starts(text, index)
        for m in names:
            mission = self._resolve_name(m.group(0), date)
            if mission:
                how = "name"
                if (
                    date
                    and not runs_on(mission, date)
                    and _written_in_lower_case(m.group(0), mission)
                ):
                    # "the African Union mission in Somalia" of 2023 describes the
                    # mission there then, whatever the catalogue name it echoes
                    later = self.catalogue.at_date(
                        [
                            c
                            for c in self.hosted(mission.hosts[0], mission.organisation)
                            if self.catalogue.parent(c) is None
                        ],
                        date,
                    )
                    if later and runs_on(later[0], date):
                        mission, how = later[0], "description"
                hits.append(MissionHit(mission, m.start(), m.end(), m.group(0), how))
        for m in acronyms:
            mission = self._resolve_name(m.group(0), date)
            if mission:
                hits.append(MissionHit(mission, m.start(), m.end(), m.group(0), "acronym"))
        named = {h.mission.id for h in hits}
        hostless: list[tuple[int, int, str, str]] = []
        windows = _noun_windows(text, lows) if possible else []
        for k, pat in enumerate(DESCRIPTIONS):
            if k not in possible:
                continue
            for m in _descriptions(k, pat, text, windows, orgs, starts):
                groups = m.groupdict()
                org = lex.ORGANISATIONS.get(_org_key(groups.get("org") or ""), "")
                mods = (groups.get("mods") or "").strip()
                noun = (groups.get("noun") or groups.get("noun2") or "").lower()
                s = m.start("org") if groups.get("org") and k != 2 else m.start()
                if k == HOSTLESS:
                    hostless.append((s, m.end(), org, mods))
                    continue
                if not org and not (_stems(mods) & _PEACE_STEMS or noun in lex.PEACE_NOUNS):
                    continue
                host = self._place_host(m, "place", by_start) if groups.get("place") else None
                if not host:
                    if k == 2:
                        hostless.append((s, m.end(), org, mods))
                    continue
                cands = [
                    c for c in self.hosted(host, org or None) if self.catalogue.parent(c) is None
                ]
                mission = self._choose(
                    cands, date, mods + " " + noun, named, mentions(), un_first=not org, host=host
                )
                if mission:
                    hits.append(MissionHit(mission, s, m.end(), text[s : m.end()], "description"))
        # A description ("the African Union force in Somalia") means the mission the
        # text also names outright, when there is one of that organisation and host.
        named_missions = list(
            {h.mission.id: h.mission for h in hits if h.how != "description"}.values()
        )
        resolved: dict[str, Mission] = {}
        for i, h in enumerate(hits):
            if h.how != "description":
                continue
            if h.mission.id not in resolved:
                same = [
                    m
                    for m in named_missions
                    if set(self.catalogue.organisations(m))
                    & set(self.catalogue.organisations(h.mission))
                    and set(m.hosts) & set(h.mission.hosts)
                ]
                resolved[h.mission.id] = (
                    same[0] if same and h.mission.id not in {m.id for m in same} else h.mission
                )
            if resolved[h.mission.id] is not h.mission:
                hits[i] = MissionHit(resolved[h.mission.id], h.start, h.end, h.text, h.how)
        if hostless:  # (none: _hostless finds none)
            hits.extend(self._hostless(text, hostless, hits, date, mentions()))
        # Keep the longest of overlapping hits.
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[MissionHit] = []
        for h in hits:
            if out and h.start < out[-1].end:
                continue
            out.append(h)
        fixed: dict[str, Mission] = {}
        for i, h in enumerate(out):
            if h.mission.id not in fixed:
                # (a mission of one host is kept as it is: no need of the counts)
                fixed[h.mission.id] = (
                    h.mission
                    if len(h.mission.hosts) == 1
                    else self._order_hosts(
                        h.mission, text, places, mentions(), None if index is None else index.low
                    )
                )
            if fixed[h.mission.id] is not h.mission:
                out[i] = MissionHit(fixed[h.mission.id], h.start, h.end, h.text, h.how)
        return out

    def _hostless(
        self,
        text: str,
        found: list[tuple[int, int, str, str]],
        hits: list[MissionHit],
        date: str,
        mentions: Counter[str],
    ) -> list[MissionHit]:
        """Descriptions with no host ("the AU peacekeeping force"): the mission of
        that organisation the text already found (the one of the article's date,
        then the most named), else the one in the country the text names most.
        All such descriptions of one organisation in a text mean one mission."""
        if not found:
            return []  # (no description to choose a mission for)
        chosen: dict[str, Mission | None] = {}
        counts = Counter(h.mission.id for h in hits)
        for org in dict.fromkeys(o for _, _, o, _ in found):
            same = list(
                {
                    h.mission.id: h.mission
                    for h in hits
                    if not org or org in self.catalogue.organisations(h.mission)
                }.values()
            )
            mods = " ".join(md for _, _, o, md in found if o == org)
            if same:
                same.sort(key=lambda m: -counts[m.id])
                chosen[org] = self.catalogue.at_date(same, date)[0]
                continue
            if not org or not mentions:
                chosen[org] = None
                continue
            cands = {
                c.id: c
                for iso3 in mentions
                for c in self.hosted(iso3, org)
                if self.catalogue.parent(c) is None
            }
            top = max((max(mentions.get(h, 0) for h in c.hosts) for c in cands.values()), default=0)
            best = [c for c in cands.values() if max(mentions.get(h, 0) for h in c.hosts) == top]
            chosen[org] = self._choose(best, date, mods, set(), mentions)
        out = []
        for s, e, org, _ in found:
            mission = chosen.get(org)
            if mission is not None:
                out.append(MissionHit(mission, s, e, text[s:e], "description"))
        return out

    def _place_host(self, m: re.Match[str], group: str, by_start: _ByStart) -> str | None:
        """The country of the place a pattern's *group* names: the geoparser's
        reading of it when there is one, else the gazetteer's."""
        s, e = m.span(group)
        starts = by_start.starts()
        for k in range(s, e):
            t = starts.get(k)
            if t is not None and t.iso3:
                return t.iso3
        return self._host_of(m.group(group))

    def _is_place(self, acronym: str) -> bool:
        """Whether an acronym in parentheses abbreviates a country or province
        ("the Democratic Republic of Congo (DRC)"), not the mission."""
        return any(
            c.place.kind in ("country", "admin1") and c.form in ("alias", "name", "alt")
            for c in self.gazetteer.candidates(acronym, forms=("name", "alias", "alt"))
        )


class _ByStart:
    """The text's toponyms but demonyms by where they start (the last of those
    that start at one place), made when first asked for."""

    __slots__ = ("_places", "_starts")

    def __init__(self, places: Sequence[Toponym]):
        self._places = places
        self._starts: dict[int, Toponym] | None = None

    def starts(self) -> dict[int, Toponym]:
        got = self._starts
        if got is None:
            got = self._starts = {t.start: t for t in self._places if not t.demonym}
        return got


def _written_in_lower_case(surface: str, mission: Mission) -> bool:
    """Whether *surface* writes in lower case a word the mission's name capitalises
    ("African Union mission in Somalia"): a description, not the name."""
    names = [n for n in (mission.name, *mission.aliases) if len(n.split()) == len(surface.split())]
    written = surface.split()
    for n in names:
        pairs = list(zip(n.split(), written, strict=True))
        if all(a.lower() == b.lower() for a, b in pairs):
            return any(a[:1].isupper() and b[:1].islower() for a, b in pairs)
    return False


def _org_key(org: str) -> str:
    return re.sub(r"[\s-]+", " ", org.strip().lower()).replace("pan african", "pan-african")


def _spellings(word: str) -> set[str]:
    """*word* with each "is" or "iz" spelt both ways (a superset of what
    :func:`_name_pattern` lets the text write: "-isation", "-ization")."""
    parts = re.split(r"i[sz]", word)
    out = set()
    for joins in product(("is", "iz"), repeat=len(parts) - 1):
        out.add(parts[0] + "".join(j + p for j, p in zip(joins, parts[1:], strict=True)))
    return out


def _name_pattern(name: str) -> str:
    """A catalogue name as a pattern: spaces or hyphens between words, -ise or
    -ize, "the" optional ("UN Mission in the Sudan" = "UN Mission in Sudan")."""
    out = []
    for w in name.split():
        pat = re.escape(w)
        pat = re.sub(r"(?<=[a-z])i[sz](?=ation|ations|e\b|ed\b|ing\b)", "i[sz]", pat)
        out.append(pat)
    pat = r"[\s-]+".join(out)
    return re.sub(r"\[\\s-\]\+the\[\\s-\]\+", r"[\\s-]+(?:the[\\s-]+)?", pat)


_SEP = r"[\s-]+"
_OPTIONAL_THE = r"(?:the[\s-]+)?"


def _shared_heads(names: Sequence[tuple[str, str]]) -> str:
    r"""The alternation of *names* (the pattern of each name's first word, that
    of the name; in order), each run of names with one first word written as
    that word once: ``a b|a c|d`` as ``a(?:[\s-]+(?:b|c))|d``.

    The engine tries the branches of a run after the shared word as it tried
    the names, in order; the separator after it is shared only where what
    follows cannot begin with a space or hyphen (so the separator can only match
    the whole run of them, as in each name), and a run is kept as it is where
    a name does not begin with its word's pattern.

    >>> print(_shared_heads([("Force", r"Force[\s-]+of[\s-]+X"), ("Force", r"Force[\s-]+Y"),
    ...                      ("Force", "Force"), ("Kosovo", r"Kosovo[\s-]+Force")]))
    (?:Force(?:[\s-]+(?:of[\s-]+X|Y)|)|Kosovo[\s-]+Force)
    """
    out = []
    k = 0
    while k < len(names):
        head = names[k][0]
        j = k
        while j < len(names) and names[j][0] == head and names[j][1].startswith(head):
            j += 1
        if j - k < 2:
            out.append(names[k][1])
            k += 1
            continue
        rests = [full[len(head) :] for _, full in names[k:j]]
        parts: list[str] = []
        shared: list[str] = []
        for rest in rests:
            after = rest[len(_SEP) :]
            if rest.startswith(_SEP) and after.removeprefix(_OPTIONAL_THE)[:1].isalnum():
                shared.append(after)
                continue
            if shared:
                parts.append(_SEP + f"(?:{'|'.join(shared)})")
                shared = []
            parts.append(rest)
        if shared:
            parts.append(_SEP + f"(?:{'|'.join(shared)})")
        out.append(head + f"(?:{'|'.join(parts)})")
        k = j
    return f"(?:{'|'.join(out)})"


def _stems(words: str) -> set[str]:
    """The six-letter stems of the words that may tell missions apart."""
    out = set()
    for w in re.findall(r"[a-z]+", words.lower().replace("isation", "ization")):
        if len(w) >= 4 and w not in lex.PLAIN_MODIFIERS:
            out.add(w[:6])
    return out


_PEACE_STEMS = _stems(" ".join(lex.PEACE_MODIFIERS))


def _based_in(
    text: str, places: Sequence[Toponym], hosts: tuple[str, ...], low: str | None = None
) -> str | None:
    """The host the text puts the mission in: "based in Rawalpindi", "X, as host to"
    (*low*: ``text.lower()``, when known)."""
    spots = sorted((t.start, t.iso3) for t in places if t.iso3 in hosts and not t.demonym)
    if not spots:
        return None
    if low is None:
        low = text.lower()
    starts = [p for p, _ in spots]

    def first_in(a: int, b: int) -> str | None:
        k = bisect_left(starts, a)
        return spots[k][1] if k < len(spots) and starts[k] <= b else None

    for cue in lex.BASE_CUES:
        i = low.find(cue)
        while i >= 0:
            after = i + len(cue)
            got = first_in(after, after + 5)
            if got:
                return got
            i = low.find(cue, after)
    for cue in lex.HOST_CUES:
        i = low.find(cue)
        while i >= 0:
            got = first_in(i - 40, i - 1)
            if got:
                return got
            i = low.find(cue, i + len(cue))
    return None
