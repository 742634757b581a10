"""Resolution of the geoparser's matches: scoring weights, lists of places,
"Town, Country" pairs and nearness (used by :mod:`deploymap.extract.toponyms`)."""

from __future__ import annotations

import math
from collections import Counter

from deploymap.extract.toponym_tokens import (
    _LIST_SEPS,
    _TOKEN_SPLIT,  # noqa: F401  (re-exported: toponyms keeps the names it had)
)
from deploymap.extract.toponym_types import _Facts, _Match
from deploymap.model import Candidate, Place

# Scoring of candidates (added to Gazetteer's prior: log10 population + kind + form).
W_PAIR = 12.0  # "Town, Country": the qualifier names this candidate's country/province
W_COUNTRY_SHARE = 8.0  # times the share of the document's places in this country
W_COUNTRY_SEEN = 3.0  # the document names this candidate's country at all
W_ADMIN1_SEEN = 3.0  # ... or its province / state
W_COUNTRY_GUARD = 12.0  # a country named outright, with no "Town, State" pairing
W_LIST = 8.0  # an item of a list of countries, or of one country's provinces, is one too
# What a province's other name counts as when weighed against a common word.
ADMIN1_POP = 10**5
CAPITAL_BONUS = 3.0  # "Washington" alone is the capital more often than the state
COUNTRY_NAME_BONUS = 3.0  # "Niger" is the country before Nigeria's Niger State
ANCHOR_MARGIN = 3.0  # a place this far ahead of its rivals anchors the others
TOWN_MARGIN = 1.0  # ... and a town this far ahead says which country or province is meant
W_NEAR = 4.0
W_NEAR_COUNTRY = 4.0  # a place next to a country the text names (not inside it)
NEAR_KM = 300.0
# The kinds whose mention says which country a text is about.
CONTEXT_KINDS = frozenset({"country", "admin1", "region"})


def _lists(text: str, matches: list[_Match], facts: list[_Facts]) -> dict[int, tuple[str, str]]:
    """Read lists of places: "Arizona, California, Colorado and Oregon".

    Undoes "Town, State" pairs that are list items ("Mexico, China, Japan":
    a country before another country, or a name between two list commas, is
    not qualified by the next), and returns, for each item of a list of three
    or more whose items are mostly countries or mostly provinces of one
    country, that kind (and country) keyed by ``id(match)``: in a list of US
    states "California" is the state, not the town in Missouri. *facts* are
    the matches' :class:`_Facts`."""
    tops = {id(m): f.top for m, f in zip(matches, facts, strict=True)}

    def top(m: _Match) -> Place | None:
        return tops[id(m)]

    def top_kind(m: _Match) -> str:
        p = tops[id(m)]
        return p.kind if p is not None else ""

    for k, a in enumerate(matches):
        b = a.qualifier
        if b is None:
            continue
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
    chain: list[_Match] = []
    for m in [*matches, None]:
        if m is not None and chain and text[chain[-1].end : m.start] in _LIST_SEPS:
            chain.append(m)
            continue
        if len(chain) >= 3:
            votes: Counter[tuple[str, str]] = Counter()
            for item in chain:
                p = top(item)
                if p is not None and p.kind == "country":
                    votes["country", ""] += 1
                elif p is not None and p.kind == "admin1":
                    votes["admin1", p.iso3] += 1
            if votes:
                kind, n = votes.most_common(1)[0]
                if n >= 2 and 2 * n >= len(chain):
                    prefer.update((id(item), kind) for item in chain)
        chain = [m] if m is not None else []
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
