"""Document-level rules of the geoparser (issue 17) that can be switched off one by one.

Each rule reads a general way news writes places; :data:`RULES` names them, and
``Geoparser(rules_off=...)`` (or ``benchmarks/geoparse_ablation.py``) switches
any of them off to measure what it does on both development corpora.

- ``speaker_of``: "Dana Voss, 41, of Tyler said": a place after "of" is not the
  speaker of the verb that follows it.
- ``streets``: "Rest Acres Road", "Highway 12": a street, road or highway is a
  place; with no point of its own it is put at the town of the text nearest to
  it (the town it is in, as local news writes it), never at a namesake town.
- ``resident_of``: "Dana Voss, 41, of Tyler", "a resident of Reading", "the
  town of Bath": after a person's age, a word for people living somewhere or a
  word for a settlement, "of" introduces a place, whatever the common-word and
  speech filters would make of it.
- ``state_votes``: "Paris police said the man from Lufkin and Nacogdoches ...":
  the states (provinces) of the towns not in doubt vote, and a namesake town in
  the state they name wins over a bigger one elsewhere: the document's own
  state context, as its countries already decide among places abroad.
- ``landmarks``: "Goma International Airport", "Kivu Art Museum": landmarks
  are placed like streets (not institutions: hospitals, schools, churches).
- ``inside_org``: a place heading an organisation's name ("Lufkin Independent
  School District") is not reported, as the development corpora's gold does.
- ``list_mates``: "Oxford and Cambridge": a name the common-word test doubts
  is a place when it is listed with one ("X and Y", "X, Y or Z").
- ``direction_areas``: a province whose name is only direction words ("Far
  North", "North West") is meant only in a text that names its country.
- ``initialisms``: "NY", "U.K." are not English words in capitals: the
  common-word test leaves them to the acronym test.
- ``region_demonyms``: "European", "West African", "Latin Americans": the
  adjectivals and people nouns of continents and regions are demonyms like
  those of countries, and follow the same ``demonyms=`` choice
  (``geodata/curated/region_demonyms.csv``).
- ``dotted_states``: "Charleston, W. Va.", "Beckley, W.Va.": a state
  abbreviation whose dotted parts the tokeniser splits is one abbreviation.

>>> len(RULES), "streets" in RULES
(11, True)
>>> check_rules(["nope"])
Traceback (most recent call last):
ValueError: unknown geoparser rule 'nope'; known: direction_areas, ..., streets
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any

from deploymap.extract._lexicon import DIRECTIONS, _words
from deploymap.model import Place

__all__ = [
    "RULES",
    "check_rules",
    "direction_only",
    "dotted_abbreviations",
    "list_mates",
    "place_streets",
    "region_demonyms",
    "resident_of",
    "weigh_by_states",
]

RULES: dict[str, str] = {
    "speaker_of": "a place after 'of' is not the speaker of a following 'said'",
    "streets": "streets and roads are places, at the town of the text nearest to them",
    "dotted_states": "'W. Va.' and 'W.Va.' are one state abbreviation",
    "resident_of": "'Name, 41, of X', 'residents of X', 'the town of X' make X a place",
    "state_votes": "the states of the towns not in doubt decide among namesake towns",
    "inside_org": "a place heading an organisation's name is not reported",
    "landmarks": "airports, parks, squares, museums, bridges ... are places, like streets",
    "list_mates": "a common word listed with a place ('Oxford and Cambridge') is a place",
    "direction_areas": "'Far North', 'North West' are provinces only where their country is named",
    "initialisms": "'NY', 'U.K.' skip the common-word test (the acronym test still applies)",
    "region_demonyms": "'European', 'West African' are demonyms of their continent or region",
}
REGION_DEMONYMS_CSV = "curated/region_demonyms.csv"
# A namesake town gains this much times the share of the other sure towns'
# votes that its state (province) holds.
W_STATE_SHARE = 8.0

# The words that end a street's name ("Mill Creek Drive") ...
STREET_WORDS = _words(
    "street st road rd avenue ave boulevard blvd lane ln drive dr highway hwy parkway "
    "freeway expressway crescent pike turnpike"
)
# ... and those a number follows ("Highway 12", "Route 9").
ROUTE_WORDS = _words("highway route interstate")
MAX_STREET_WORDS = 3
# Street abbreviations that are also titles ("Dr. James", "St. Mark").
TITLE_ABBREVIATIONS = _words("dr st")
# Landmarks news places like streets ("Kilbride International Airport"); not
# institutions (hospitals, schools, churches), which news gold leaves out.
LANDMARK_WORDS = _words("airport park square museum gallery cathedral castle stadium bridge")
MAX_LANDMARK_WORDS = 5
# Where a street, route or landmark word may stand (capitalised; checked per token).
# No leading \b: a pattern that opens with its words' first letters is scanned
# for them at C speed; the word boundary before a hit is tested in Python.
_END_WORD = re.compile(
    "(?:"
    + "|".join(
        w.capitalize()
        for w in sorted(STREET_WORDS | ROUTE_WORDS | LANDMARK_WORDS, key=lambda w: -len(w))
    )
    + r")\b"
)
# The words as written that a hit of _END_WORD can make a street of (each is a
# whole token there, compared as written below): a text with none of them among
# its capitalised tokens has no street to look for.
_END_FORMS = frozenset(w.capitalize() for w in STREET_WORDS | ROUTE_WORDS | LANDMARK_WORDS)
# The kinds of place a street can be in.
TOWN_KINDS = frozenset({"city", "capital", "admin2", "site"})
# "W. Va.", "W.Va.", "N. C.": dotted parts, with or without a space between them.
_SPACED_DOTS = re.compile(r"\b([A-Z][a-z]?)\. ?([A-Z][a-z]{0,2})\.")
# The same after ", ", looked for over the whole text first (most texts have none).
_AFTER_COMMA = re.compile(r", [A-Z][a-z]?\. ?[A-Z][a-z]{0,2}\.")


# "Dana Voss, 41, of", "residents of", "the town of" (the words before a place)
_RESIDENT_OF = re.compile(
    r"(?:, \d{1,3}, |\b(?:residents?|natives?|inhabitants?|people|mayor|sheriff|"
    r"towns?|village|villages|city|community|suburb|hamlet|municipality) )of $",
    re.I,
)


def resident_of(text: str, start: int) -> bool:
    """Whether the name at *start* follows "Name, 41, of" or "residents of".

    >>> text = "Dana Voss, 41, of Tyler said so."
    >>> resident_of(text, text.index("Tyler")), resident_of(text, 0)
    (True, False)
    """
    if not text.endswith("of ", 0, start):
        return False
    return bool(_RESIDENT_OF.search(text, max(0, start - 20), start))


def check_rules(names: Iterable[str]) -> frozenset[str]:
    """*names* as a frozen set, each checked against :data:`RULES`."""
    out = frozenset(names)
    for name in sorted(out):
        if name not in RULES:
            raise ValueError(f"unknown geoparser rule {name!r}; known: {', '.join(sorted(RULES))}")
    return out


def dotted_abbreviations(
    text: str,
    toks: Sequence[tuple[int, int, str]],
    matches: list[Any],
    abbreviations: dict[str, Any],
    make: Callable[..., Any],
) -> list[Any]:
    """*matches* with "Town, W. Va." or "Town, W.Va." read as one abbreviation
    after the town.

    *make* builds a match ``(start, end, i, j, key, cands, kind=...)``; the
    abbreviation must follow "Town, " (the way datelines and bylines write it).
    """
    if "." not in text or _AFTER_COMMA.search(text) is None:
        return matches
    starts: list[int] | None = None
    out = list(matches)
    for town in matches:
        at = town.end + 2
        if text[town.end : at] != ", ":
            continue
        mo = _SPACED_DOTS.match(text, at)
        if mo is None:
            continue
        got = abbreviations.get(f"{mo.group(1)}.{mo.group(2)}.")
        if got is None:
            continue
        if starts is None:
            starts = [t[0] for t in toks]
        i = bisect.bisect_left(starts, mo.start())
        j = bisect.bisect_left(starts, mo.end()) - 1
        if i >= len(toks) or toks[i][0] != mo.start() or j < i:
            continue
        out = [m for m in out if m.end <= mo.start() or m.start >= mo.end()]
        key = f"{mo.group(1)}{mo.group(2)}".lower()
        out.append(make(mo.start(), mo.end(), i, j, key, (got[0],), kind="abbreviation"))
    out.sort(key=lambda m: m.start)
    return out


def _town_near(matches: Sequence[Any], start: int, end: int) -> Place | None:
    """The resolved town of *matches* nearest to the span (characters), one
    right after it ("Road in Adair County") first."""
    best: tuple[int, Place] | None = None
    for m in matches:
        p = m.place
        if p is None or p.kind not in TOWN_KINDS or m.kind == "street":
            continue
        d = start - m.end if m.end <= start else m.start - end
        if d < 0:
            continue
        if m.start >= end and d <= 4:  # "X Road in Town", "X Road, Town"
            d = -1
        if best is None or d < best[0]:
            best = (d, p)
    return best[1] if best is not None else None


def _street_place(town: Place, name: str) -> Place:
    return Place(town.id, town.name, "street", town.iso3, town.lat, town.lon, 0, town.admin1)


def place_streets(
    text: str,
    toks: Sequence[tuple[int, int, str]],
    matches: list[Any],
    make: Callable[..., Any],
    function_words: frozenset[str],
    skip_words: frozenset[str],
    facilities: bool = True,
    capitalised: Iterable[str] | None = None,
) -> list[Any]:
    """*matches* with the streets, roads and landmarks of *text* added and placed.

    A street is a capitalised run of up to three words ending in a street word
    ("Rest Acres Road"), or a route word and a number ("Highway 12"); a
    landmark (with *facilities*) one of up to five words ending in a landmark
    word ("Kilbride International Airport", "Harbour Art Gallery").  Neither
    may open a longer capitalised name ("Wall Street Journal"), contain a
    demonym ("Iranian Red Crescent") or follow a house number (an address).  A landmark
    named after a town the geoparser found ("Goma International Airport") is at
    that town; anything else is at the nearest town the text names, so a street
    that bears a town's name ("Mill Creek Drive") is not put at that namesake.
    With no town in the text, a new street or landmark is left out.
    *capitalised*: the capitalised tokens as written, if the caller has them
    (a text with no street, route or landmark word among them is not scanned).
    """
    n = len(toks)
    out = list(matches)
    # streets the gazetteer matched by their first words
    for m in out:
        if m.kind == "suffix" and m.place is not None and toks[m.j][2].lower() in STREET_WORDS:
            town = _town_near([o for o in out if o is not m], m.start, m.end)
            if town is not None:
                m.place = _street_place(town, text[m.start : m.end])
                m.kind = "street"
    ends = STREET_WORDS | LANDMARK_WORDS if facilities else STREET_WORDS
    found: list[tuple[int, int, int, int, bool]] = []
    start_of = itemgetter(0)
    # (a hit is a token that is one of these words, capitalised: see below)
    scan = capitalised is None or not _END_FORMS.isdisjoint(capitalised)
    for hit in _END_WORD.finditer(text) if scan else ():
        at = hit.start()
        if at and (text[at - 1].isalnum() or text[at - 1] == "_"):
            continue  # inside a word (what a leading \b would have refused)
        k = bisect.bisect_left(toks, at, key=start_of)
        if k >= n or toks[k][0] != at:
            continue
        s, e, w = toks[k]
        low = w.lower()
        if not w[:1].isupper() or w.isupper():
            continue
        if (
            low in ROUTE_WORDS
            and k + 1 < n
            and text[e : toks[k + 1][0]] == " "
            and toks[k + 1][2].isdigit()
        ):
            found.append((s, toks[k + 1][1], k, k + 1, False))
            continue
        if low not in ends or k == 0:
            continue
        if k + 1 < n and text[e : toks[k + 1][0]] == " " and toks[k + 1][2][:1].isupper():
            continue  # "Wall Street Journal": part of a longer name
        if (
            low in TITLE_ABBREVIATIONS
            and k + 1 < n
            and text[e : toks[k + 1][0]] == ". "
            and toks[k + 1][2][:1].isupper()
        ):
            continue  # "Dr. James", "St. Mark": a title before a name
        landmark = low in LANDMARK_WORDS
        most = MAX_LANDMARK_WORDS if landmark else MAX_STREET_WORDS
        i = k
        while i > 0 and k - i < most and text[toks[i - 1][1] : toks[i][0]] in (" ", "-"):
            prev = toks[i - 1][2]
            pl = prev.lower()
            if (
                not prev[:1].isupper()
                or prev.isupper()
                or prev.endswith(("'s", "’s"))
                or pl in function_words
                or pl in skip_words
                or pl in ends
            ):
                break
            i -= 1
        if i < k and not (i > 0 and toks[i - 1][2].isdigit()):  # "68 Court Street": an address
            found.append((toks[i][0], e, i, k, landmark))
    added = False
    for s, e, i, j, landmark in found:
        inner = [m for m in out if m.start < e and s < m.end]
        if any(m.start < s or m.end > e or m.kind == "street" or m.demonym for m in inner):
            continue  # crosses a name found already, or is one; "Iranian Red Crescent"
        first = inner[0].place if inner and inner[0].start == s else None
        out = [m for m in out if not (m.start < e and s < m.end)]
        town = first if landmark and first is not None and first.kind in TOWN_KINDS else None
        if town is None:
            town = _town_near(out, s, e)
        if town is None:
            out.extend(inner)  # nothing to put it at: leave the text as it was read
            out.sort(key=lambda m: m.start)
            continue
        m = make(s, e, i, j, text[s:e].lower(), (), kind="street")
        m.place = _street_place(town, text[s:e])
        m.confidence = 0.5
        out.append(m)
        added = True
    if added:
        out.sort(key=lambda m: m.start)
    return out


def weigh_by_states(
    row: list[tuple[float, Any]],
    towns_in: dict[str, set[tuple[str, str]]],
    key: str,
    cache: dict[str, tuple[dict[tuple[str, str], int], int]],
) -> list[tuple[float, Any]]:
    """*row* (score, candidate) with each town candidate lifted by the share of
    the other names' sure towns that lie in its state: (country, admin-1)
    votes, one per name, the name's own left out.  Only a choice among towns
    is made here: a name whose best reading is a state or a country
    ("Ontario", "Washington" the state) keeps it, and a town known by another
    name only (an alternate name) is not lifted.  *cache* keeps each name's
    votes and their total (and, under "", every name's)."""
    if not row:
        return row
    got = cache.get(key)
    if got is None:
        # (counted in plain dicts: a Counter built from an iterable asks an ABC
        # whether it is a mapping, slow when asked often)
        every = cache.get("")
        if every is None:
            votes: dict[tuple[str, str], int] = {}
            for ts in towns_in.values():
                for t in ts:
                    if t[1]:
                        votes[t] = votes.get(t, 0) + 1
            every = cache[""] = (votes, sum(votes.values()))
        own: dict[tuple[str, str], int] = {}
        for t in towns_in.get(key, ()):
            if t[1]:
                own[t] = own.get(t, 0) + 1
        votes = every[0]
        if own:  # every - own, the counts left above zero (as Counter subtraction)
            votes = {t: n - own.get(t, 0) for t, n in votes.items() if n - own.get(t, 0) > 0}
        got = cache[key] = (votes, sum(votes.values()))
    votes, total = got
    if not total or max(row, key=itemgetter(0))[1].place.kind not in TOWN_KINDS:
        return row
    out = []
    for s, c in row:
        p = c.place
        if p.kind not in TOWN_KINDS or not p.admin1 or c.form not in ("name", "alias"):
            out.append((s, c))
            continue
        out.append((s + W_STATE_SHARE * votes.get((p.iso3, p.admin1), 0) / total, c))
    return out


# (each ends in a space and opens with a space or a comma: list_mates's first tests)
_LIST_GAPS = frozenset({" and ", ", and ", " or ", ", or ", " & "})
# ... by length: a name this far from a gap's end can follow it
_GAPS_BY_SIZE = tuple(
    (size, tuple(sorted(g for g in _LIST_GAPS if len(g) == size)))
    for size in sorted({len(g) for g in _LIST_GAPS})
)


def list_mates(text: str, kept: list[Any], doubted: Sequence[Any]) -> list[Any]:
    """*kept* with the *doubted* matches (dropped as common words) put back
    where a conjunction joins them to a kept place: "Oxford and Cambridge",
    "Bath or Reading" (commas alone also join company and person names).
    Demonyms do not vouch for their neighbours."""
    places = [m for m in kept if not m.demonym]
    if not places:
        return kept
    by_end = {m.end: m for m in places}
    by_start = {m.start: m for m in places}
    back = []
    for d in doubted:
        if text.startswith(" of ", d.end):
            continue  # "University of Rouen and University of Leeds": not the name alone
        # (every gap ends in a space and opens with a space or a comma)
        before = False
        if text[d.start - 1 : d.start] == " ":
            for size, gaps in _GAPS_BY_SIZE:
                if d.start - size in by_end and text.endswith(gaps, 0, d.start):
                    before = True
                    break
        after = False
        if text[d.end : d.end + 1] in (" ", ","):
            for size, gaps in _GAPS_BY_SIZE:
                if d.end + size in by_start and text.startswith(gaps, d.end):
                    after = True
                    break
        if before or after:
            back.append(d)
    if not back:
        return kept
    return sorted([*kept, *back], key=lambda m: m.start)


def direction_only(key: str) -> bool:
    """Whether a name key is two or more direction words ("far north", "north west").

    >>> direction_only("far north"), direction_only("north kivu"), direction_only("north")
    (True, False, False)
    """
    words = key.split()
    return len(words) >= 2 and all(w in DIRECTIONS for w in words)


def region_demonyms(gaz: Any) -> dict[str, tuple[Any, ...]]:
    """Name key -> (demonym candidate,) for the continents and regions of
    ``geodata/curated/region_demonyms.csv`` that *gaz* holds.

    >>> from deploymap.gazetteer import Gazetteer
    >>> (c,) = region_demonyms(Gazetteer())["west african"]
    >>> c.place.name, c.form
    ('West Africa', 'demonym')
    """
    import csv
    import io

    from deploymap.gazetteer import geodata_path, prior
    from deploymap.model import Candidate
    from deploymap.textnorm import name_key

    text = geodata_path(REGION_DEMONYMS_CSV).read_text(encoding="utf-8")
    out: dict[str, tuple[Any, ...]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        places = [
            c.place
            for c in gaz._lookup(name_key(row["place"]))
            if c.form == "name" and c.place.kind in ("continent", "region")
        ]
        if places:
            out[name_key(row["demonym"])] = (
                Candidate(places[0], prior(places[0], "demonym"), "demonym"),
            )
    return out
