"""The geoparser's working records: a name match, the facts of its candidates, the name index."""

from __future__ import annotations

from dataclasses import dataclass, field

from deploymap.model import Candidate, Place


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    i: int  # first token
    j: int  # last token
    key: str
    cands: tuple[Candidate, ...]
    kind: str = "gazetteer"  # or "suffix" (a name + "County", "Road", ...)
    demonym: bool = False
    place: Place | None = None
    confidence: float = 0.0
    qualifier: _Match | None = None  # the "Country" of "Town, Country"
    dateline: bool = False  # "WASHINGTON (AP) -" opening a line
    statewide: bool = False  # "New York state", "the state of Washington"


@dataclass(frozen=True, slots=True)
class _Facts:
    """What resolution asks of one list of candidates, worked out once per list
    (a name's list is shared by all its mentions; see Geoparser._facts)."""

    scores: tuple[float, ...]  # Geoparser._score of each candidate
    top: Place | None  # the candidate of the best score (the first of equals)
    country_name: bool  # a country by its own name ("Niger")
    country_and_admin1: bool  # both kinds among the candidates ("Georgia")
    admin1_names: tuple[tuple[str, str], ...]  # (iso3, name) of provinces by their name
    area: bool  # an area or feature by a name that is not just an alternate name
    country_named: bool  # a country by its name or an alias ("US")
    any_country: bool
    big_name: bool  # a country or a province by its own name
    feature: bool  # an area or feature other than a province ("Chad", "Sahel")
    word_pop: int  # the largest population, a province counting as ADMIN1_POP


@dataclass
class _Index:
    names: frozenset[str]
    prefixes: frozenset[str]
    common: dict[str, float]
    first_names: frozenset[str] = frozenset()
    abbreviations: dict[str, tuple[Candidate, str]] = field(default_factory=dict)
    country_points: dict[str, tuple[float, float]] = field(default_factory=dict)
    english: frozenset[str] = frozenset()  # common words, as written in lower case
    geonames_ids: dict[str, int] = field(default_factory=dict)  # countries, admin-1
    # every token an abbreviation lookup can hit: "Ky." and "Ky" for "Ky."
    abbrev_stems: frozenset[str] = frozenset()
