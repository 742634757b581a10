"""Resolution of the geoparser's matches: scoring weights, lists of places,
"Town, Country" pairs and nearness (used by :mod:`deploymap.extract.toponyms`)."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from deploymap.extract import toponym_context as rules
from deploymap.extract.toponym_tokens import (
    _LIST_SEPS,
    TOKEN_KEY_CACHE,
)
from deploymap.extract.toponym_types import _Facts, _Match
from deploymap.gazetteer import AREA_KINDS
from deploymap.model import Candidate, Place

if TYPE_CHECKING:
    from deploymap.extract.toponyms import Geoparser

# Scoring of candidates (added to Gazetteer's prior: log10 population + kind + form).
W_PAIR = 12.0  # "Town, Country": the qualifier names this candidate's country/province
W_COUNTRY_SHARE = 8.0  # times the share of the document's places in this country
W_COUNTRY_SEEN = 3.0  # the document names this candidate's country at all
W_ADMIN1_SEEN = 3.0  # ... or its province / state
W_COUNTRY_GUARD = 12.0  # a country named outright, with no "Town, State" pairing
W_LIST = 8.0  # an item of a list of countries, or of one country's provinces, is one too
# What a province's other name counts as when weighed against a common word.
ADMIN1_POP = 10**5
ADMIN1_LOG_POP = 5.5
CAPITAL_BONUS = 3.0  # "Washington" alone is the capital more often than the state
COUNTRY_NAME_BONUS = 3.0  # "Niger" is the country before Nigeria's Niger State
ANCHOR_MARGIN = 3.0  # a place this far ahead of its rivals anchors the others
TOWN_MARGIN = 1.0  # ... and a town this far ahead says which country or province is meant
W_NEAR = 4.0
W_NEAR_COUNTRY = 4.0  # a place next to a country the text names (not inside it)
NEAR_KM = 300.0
# The confidence of a lone reading: a margin of 10 (1 / (1 + e**-10) to three places).
LONE_CONFIDENCE = round(1.0 / (1.0 + math.exp(-10.0)), 3)
# The (country, province) pairs a match holds when no "Town, Qualifier" pair is its.
_NO_PAIRS: frozenset[str | None] = frozenset()
_NO_VOTES: dict[str, int] = {}
# The kinds whose mention says which country a text is about.
CONTEXT_KINDS = frozenset({"country", "admin1", "region"})


# What joins "Town, Qualifier": a comma.
_PAIR_GAPS = frozenset({", ", ","})


def _gaps(text: str, matches: list[_Match]) -> list[str]:
    """The text between each match and the next (sliced at C speed)."""
    ends = map(attrgetter("end"), matches)
    starts = map(attrgetter("start"), matches[1:])
    return list(map(text.__getitem__, map(slice, ends, starts)))


def _lists(
    text: str, matches: list[_Match], facts: list[_Facts], gaps: list[str] | None = None
) -> dict[int, tuple[str, str]]:
    """Read lists of places: "Arizona, California, Colorado and Oregon".

    Undoes "Town, State" pairs that are list items ("Mexico, China, Japan":
    a country before another country, or a name between two list commas, is
    not qualified by the next), and returns, for each item of a list of three
    or more whose items are mostly countries or mostly provinces of one
    country, that kind (and country) keyed by ``id(match)``: in a list of US
    states "California" is the state, not the town in Missouri. *facts* are
    the matches' :class:`_Facts`; *gaps*, :func:`_gaps` of them, if the
    caller has it."""
    tops: dict[int, Place | None] = {}

    def top(m: _Match) -> Place | None:
        return tops[id(m)]

    def top_kind(m: _Match) -> str:
        p = tops[id(m)]
        return p.kind if p is not None else ""

    for k, a in enumerate(matches):
        b = a.qualifier
        if b is None:
            continue
        if not tops:  # (only a text with a "Town, Qualifier" pair needs them all)
            tops = {id(m): f.top for m, f in zip(matches, facts, strict=True)}
        prev = matches[k - 1] if k > 0 else None
        nxt = matches[k + 2] if k + 2 < len(matches) else None
        if (
            (prev is not None and text[prev.end : a.start] in (", ", ","))
            or (
                nxt is not None
                and text[b.end : nxt.start] in _LIST_SEPS
                and top_kind(nxt) == top_kind(b)
            )
            or (top_kind(b) == "country" and facts[k].country_name)
        ):
            a.qualifier = None

    prefer: dict[int, tuple[str, str]] = {}
    # whether each match and the next are joined by a list separator
    joined = list(map(_LIST_SEPS.__contains__, _gaps(text, matches) if gaps is None else gaps))
    if joined.count(True) < 2:  # no list of three
        return prefer
    first = 0  # the first match of a run of matches joined by list separators
    for k in range(1, len(matches) + 1):
        if k < len(matches) and joined[k - 1]:
            continue
        chain = range(first, k)  # a whole run
        first = k
        if len(chain) >= 3:
            votes: Counter[tuple[str, str]] = Counter()
            for i in chain:
                p = facts[i].top
                if p is not None and p.kind == "country":
                    votes["country", ""] += 1
                elif p is not None and p.kind == "admin1":
                    votes["admin1", p.iso3] += 1
            if votes:
                kind, n = votes.most_common(1)[0]
                if n >= 2 and 2 * n >= len(chain):
                    prefer.update((id(matches[i]), kind) for i in chain)
    return prefer


def _weigh_by_towns(
    row: list[tuple[float, Candidate]], towns: set[tuple[str, str]]
) -> list[tuple[float, Candidate]]:
    """A name that is a country and a province ("Georgia") is the one that holds
    the text's towns ((iso3, province) pairs): the province if only it does,
    even against a country named outright."""

    def holds(p: Place) -> bool:
        if p.kind == "country":
            return any(iso3 == p.iso3 for iso3, _ in towns)
        return p.kind == "admin1" and (p.iso3, p.name) in towns

    country = any(holds(c.place) for _, c in row if c.place.kind == "country")
    province = any(holds(c.place) for _, c in row if c.place.kind == "admin1")
    if country == province:
        return row
    out = []
    for s, c in row:
        if holds(c.place):
            s += W_PAIR
        elif province and c.place.kind == "country":
            s -= W_COUNTRY_GUARD
        out.append((s, c))
    return out


def _holds(q: _Match, p: Place, by_name: bool = False) -> bool:
    """Whether the qualifier *q* ("Kentucky", "Ky.", "Canada") holds place *p*;
    *by_name*: only through the qualifier's own name, not an alias or alt name."""
    for qc in q.cands[:3]:
        qp = qc.place
        if qp.id == p.id or qp.iso3 != p.iso3 or (by_name and qc.form != "name"):
            continue
        if qp.kind == "country" or (qp.kind == "admin1" and p.admin1 == qp.name):
            return True
    return False


def _nearness(lat: float, lon: float, pts: list[tuple[float, float]]) -> float:
    """1 at an anchor, falling to 0 a few hundred km away (equirectangular distance)."""
    coslat = math.cos(math.radians(lat))
    best = min([(la - lat) ** 2 + ((lo - lon) * coslat) ** 2 for la, lo in pts])
    km = 111.2 * math.sqrt(best)
    return math.exp(-km / NEAR_KM)


def _score(self: Geoparser, c: Candidate) -> float:
    """Context-free score: the gazetteer prior, with provinces and capitals
    lifted above the small towns that share their names."""
    kind = c.place.kind
    if kind == "country" and c.form == "name":
        return c.score + COUNTRY_NAME_BONUS
    if kind in ("admin1", "region", "province"):
        # areas carry no population; count them as a sizeable place
        return c.score + ADMIN1_LOG_POP
    if kind == "capital":
        return c.score + CAPITAL_BONUS
    return c.score


def _facts(self: Geoparser, cands: tuple[Candidate, ...]) -> _Facts:
    """The :class:`_Facts` of *cands*, kept by identity (the list itself is
    kept with them, so its id is not reused while they are)."""
    got = self._facts_of.get(id(cands))
    if got is not None and got[0] is cands:
        return got[1]
    scores = tuple(self._score(c) for c in cands)
    top = cands[max(range(len(cands)), key=scores.__getitem__)].place if cands else None
    kinds = {c.place.kind for c in cands}
    facts = _Facts(
        scores,
        top,
        any(c.place.kind == "country" and c.form == "name" for c in cands),
        "country" in kinds and "admin1" in kinds,
        tuple(
            (c.place.iso3, c.place.name)
            for c in cands
            if c.place.kind == "admin1" and c.form == "name"
        ),
        any(c.place.kind in AREA_KINDS and c.form != "alt" for c in cands),
        any(c.place.kind == "country" and c.form in ("name", "alias") for c in cands),
        "country" in kinds,
        any(c.place.kind in ("country", "admin1") and c.form == "name" for c in cands),
        any(k in AREA_KINDS and k != "admin1" for k in kinds),
        max(
            [0]
            + [
                max(c.place.population, ADMIN1_POP if c.place.kind == "admin1" else 0)
                for c in cands
            ]
        ),
    )
    if len(self._facts_of) > TOKEN_KEY_CACHE:
        self._facts_of.clear()
    self._facts_of[id(cands)] = (cands, facts)
    return facts


def _resolve(self: Geoparser, text: str, matches: list[_Match]) -> None:
    # "Town, Country" / "Town, State": the qualifier must hold the town.
    gaps = _gaps(text, matches)
    for at in itertools.compress(range(len(gaps)), map(_PAIR_GAPS.__contains__, gaps)):
        matches[at].qualifier = matches[at + 1]
    facts_of = self._facts_of  # (Geoparser._facts's cache, looked up inline)
    facts = [
        kept[1] if (kept := facts_of.get(id(c))) is not None and kept[0] is c else self._facts(c)
        for c in map(attrgetter("cands"), matches)
    ]
    in_list = _lists(text, matches, facts, gaps)
    # (plain dicts: a Counter's += goes through Python for each new key)
    countries: dict[str, int] = {}
    # the votes of each name, to leave out of its own context
    votes: dict[str, dict[str, int]] = {}
    admin1s: set[str] = set()
    provinces: dict[str, set[str]] = {}  # iso3 -> the provinces the text names
    # The qualifier of "Atlanta, Georgia" is the candidate that holds the town.
    held: dict[int, set[str]] = {}
    for m, f in zip(matches, facts, strict=True):
        q = m.qualifier
        if q is not None:
            for c in m.cands:
                if c.place.kind not in ("country", "admin1"):
                    held.setdefault(id(q), set()).update((c.place.iso3, c.place.admin1))
        top = f.top
        if top is not None and top.iso3 and (top.kind in CONTEXT_KINDS or m.demonym):
            iso3 = top.iso3
            countries[iso3] = countries.get(iso3, 0) + 1
            mine = votes.get(m.key)
            if mine is None:
                mine = votes[m.key] = {}
            mine[iso3] = mine.get(iso3, 0) + 1
        if top is not None and top.kind == "admin1":
            admin1s.add(top.name)
            provinces.setdefault(top.iso3, set()).add(top.name)
    scored: list[list[tuple[float, Candidate]]] = []
    contexts: dict[str, tuple[dict[str, int], int]] = {}
    # A mention with nothing of its own (no qualifier, list, dateline, "state")
    # scores and resolves as the name's first such mention: its repeats are
    # marked and take that mention's place and confidence.
    plain_first: dict[tuple[str, int], tuple[_Match, list[tuple[float, Candidate]]]] = {}
    repeat: list[_Match | None] = []  # the first plain mention that each repeats
    for m, f in zip(matches, facts, strict=True):
        if len(m.cands) == 1:
            # One reading: no score below decides anything for it (a lone
            # reading's margin is over 99 and its confidence 1.0), and it is
            # no repeat (only a name of several readings has a first mention
            # in plain_first).
            repeat.append(None)
            scored.append([(f.scores[0], m.cands[0])])
            continue
        # A name does not vouch for itself: leave its own vote out of the
        # context, and let its other mentions count once, however often the
        # text repeats it.
        q = m.qualifier
        inside = held.get(id(m), _NO_PAIRS) if held else _NO_PAIRS
        listed = in_list.get(id(m)) if in_list else None
        plain = q is None and not inside and listed is None and not m.statewide
        plain = plain and not m.dateline
        if plain:
            first = plain_first.get((m.key, id(m.cands)))
            if first is not None:
                repeat.append(first[0])
                scored.append(first[1])
                continue
        repeat.append(None)
        if m.dateline and q is None:
            # A dateline with no state is a city that stands alone (AP style):
            # "WASHINGTON" heading a story about Iowa is still the capital.
            scored.append([(s + W_PAIR, c) for s, c in zip(f.scores, m.cands, strict=True)])
            continue
        mine = votes.get(m.key)
        got = contexts.get(m.key)
        if got is None:
            ctx: dict[str, int] = countries
            if mine:
                # countries - mine + {its repeated votes: 1}, as counts > 0
                ctx = {}
                for iso3, votes_for in countries.items():
                    own = mine.get(iso3, 0)
                    left = votes_for - own + (own > 1)
                    if left > 0:
                        ctx[iso3] = left
            got = contexts[m.key] = (ctx, sum(ctx.values()))
        ctx, total = got
        qplaces = [c.place for c in q.cands[:3]] if q is not None else []
        row = []
        # "the lab in Georgia" in a text about Alabama, Iowa and Texas: among
        # its sibling states a province's name is not the country's.
        among_states = bool(provinces) and any(
            listed == ("admin1", iso3) or len(provinces.get(iso3, set()) - {name}) >= 2
            for iso3, name in f.admin1_names
        )
        # countries the rest of the text names (this name's own mentions left out)
        # (asked of a country's reading only, as countries.get(iso3) - mine.get(iso3) > 0)
        own_votes = mine if mine else _NO_VOTES
        # A country's own name means the country unless the text pairs
        # it with a state that holds a namesake: "Russia, Ohio".
        held_state = inside and any(
            o.place.kind == "admin1" and o.place.name in inside for o in m.cands
        )
        statewide = m.statewide
        for s, c in zip(f.scores, m.cands, strict=True):
            p = c.place
            kind, iso3 = p.kind, p.iso3
            if total:
                share = ctx.get(iso3, 0) / total
                s += W_COUNTRY_SHARE * share + (W_COUNTRY_SEEN if share else 0.0)
            if inside and (
                (kind == "admin1" and p.name in inside and iso3 in inside)
                or (kind == "country" and iso3 in inside)
            ):
                s += W_PAIR / 2
            if p.admin1 and p.admin1 in admin1s:
                s += W_ADMIN1_SEEN
            if statewide and kind == "admin1":
                s += W_PAIR
            if listed and kind == listed[0] and (not listed[1] or iso3 == listed[1]):
                s += W_LIST if c.form == "name" else W_LIST / 2
            if (
                kind == "country"
                and c.form in ("name", "alias")
                and not held_state
                and not (among_states and countries.get(iso3, 0) - own_votes.get(iso3, 0) <= 0)
                and not (
                    qplaces
                    and any(
                        qp.kind in ("country", "admin1")
                        and qp.iso3 != iso3
                        and any(o.place.iso3 == qp.iso3 for o in m.cands)
                        for qp in qplaces
                    )
                )
            ):
                s += W_COUNTRY_GUARD
            if q is not None and _holds(q, p):
                s += W_PAIR
            row.append((s, c))
        scored.append(row)
        if plain:
            plain_first[m.key, id(m.cands)] = (m, row)
    # One sense per text: "GLASGOW, Ky." settles which Glasgow a bare
    # "Glasgow" further down means.
    settled: dict[str, str] = {}
    for m, row in zip(matches, scored, strict=True):
        if m.qualifier is not None and row:
            top = max(row, key=lambda sc: sc[0])[1].place
            if top.kind not in ("country", "admin1") and _holds(m.qualifier, top):
                settled.setdefault(m.key, top.id)
    if settled:
        for m, row, rep in zip(matches, scored, repeat, strict=True):
            pid = settled.get(m.key)
            if pid is not None and m.qualifier is None and rep is None:
                row[:] = [(s + W_PAIR if c.place.id == pid else s, c) for s, c in row]
    # Spatial coherence: ambiguous towns go to the candidate nearest to the
    # places that are not in doubt (the only or clearly best reading).
    anchors: list[tuple[str, float, float]] = []
    # The countries the text names outright, as points: a place that is not in
    # one of them but next to one ("Gaza" in a text about Israel) is near them.
    named: dict[str, tuple[float, float]] = {}
    # (country, province) of the towns not in doubt: "Atlanta" and "Savannah"
    # make a bare "Georgia" the state, "Tbilisi" makes it the country.
    towns_in: dict[str, set[tuple[str, str]]] = {}
    for m, row, rep in zip(matches, scored, repeat, strict=True):
        if rep is not None:  # adds nothing new
            continue
        if len(row) == 1:
            best = row[0]
            margin = best[0] - -99.0
        else:
            best = max(row, key=itemgetter(0))
            bc = best[1]
            margin = best[0] - max([sc[0] for sc in row if sc[1] is not bc], default=-99.0)
        bp = best[1].place
        if bp.kind == "country" and not m.demonym and bp.iso3 not in named:
            named[bp.iso3] = self._country_point(bp)
        if margin >= ANCHOR_MARGIN and bp.kind not in ("country", "continent"):
            anchors.append((m.key, bp.lat, bp.lon))
        if margin >= TOWN_MARGIN and bp.kind not in AREA_KINDS:
            towns_in.setdefault(m.key, set()).add((bp.iso3, bp.admin1 or ""))
    # One point per anchor name: a long text repeats its places, and the
    # nearness test must not grow with the number of repetitions.
    by_key: dict[str, set[tuple[float, float]]] = {}
    for k, la, lo in anchors:
        by_key.setdefault(k, set()).add((la, lo))
    pts_cache: dict[str, list[tuple[float, float]]] = {}
    towns_cache: dict[str, set[tuple[str, str]]] = {}
    states = "state_votes" not in self.rules_off
    state_votes: dict[str, tuple[dict[tuple[str, str], int], int]] = {}
    # The countries the text names outright, as points: a place that is not in
    # one of them but next to one ("Gaza" in a text about Israel) is near them.
    country_pts = sorted(named.values())
    # a place's nearness to the named countries, and (per name) to the anchors
    near_country: dict[str, float] = {}
    near: dict[tuple[str, str], float] = {}
    for m, row, f, rep in zip(matches, scored, facts, repeat, strict=True):
        if rep is not None:
            m.place, m.confidence = rep.place, rep.confidence
            continue
        if len(row) == 1:
            # One reading: the weights below change its score at most (by a
            # province's or a town's pairing), and its confidence is the lone
            # reading's (a margin of 10: 1.0).
            m.place = row[0][1].place
            m.confidence = LONE_CONFIDENCE
            continue
        if (
            country_pts
            and len(row) > 1
            and not (m.dateline and m.qualifier is None)
            and not any(c.place.iso3 in named for _, c in row)
        ):
            new_row = []
            for s, c in row:
                p = c.place
                if p.kind != "country" and p.iso3 not in named:
                    nc = near_country.get(p.id)
                    if nc is None:
                        nc = near_country[p.id] = _nearness(p.lat, p.lon, country_pts)
                    s += W_NEAR_COUNTRY * nc
                new_row.append((s, c))
            row = new_row
        if towns_in and f.country_and_admin1:
            towns = towns_cache.get(m.key)
            if towns is None:  # once per name: a long text repeats its names
                towns = {t for k, ts in towns_in.items() if k != m.key for t in ts}
                towns_cache[m.key] = towns
            row = _weigh_by_towns(row, towns)
        if states and towns_in and len(row) > 1 and not (m.dateline and m.qualifier is None):
            row = rules.weigh_by_states(row, towns_in, m.key, state_votes)
        if len(row) > 1 and by_key and not (m.dateline and m.qualifier is None):
            pts = pts_cache.get(m.key)
            if pts is None:
                # (in any order: the nearest of them is the same)
                pts = list({p for k, ps in by_key.items() if k != m.key for p in ps})
                pts_cache[m.key] = pts
            if pts:
                # Only the best two readings decide (the place and the confidence):
                # one that stays below the second best score even at the anchors
                # themselves (nearness 1) keeps its score unchanged.
                floor = sorted([s for s, _ in row], reverse=True)[1]
                new_row = []
                for s, c in row:
                    if s + W_NEAR < floor:
                        new_row.append((s, c))
                        continue
                    p = c.place
                    nb = near.get((m.key, p.id))
                    if nb is None:
                        nb = near[m.key, p.id] = _nearness(p.lat, p.lon, pts)
                    new_row.append((s + W_NEAR * nb, c))
                row = new_row
        row.sort(key=itemgetter(0), reverse=True)  # stable: equals keep their order
        best_s, best_c = row[0]
        second = row[1][0] if len(row) > 1 else best_s - 10.0
        m.place = best_c.place
        m.confidence = round(1.0 / (1.0 + math.exp(-(best_s - second))), 3)
