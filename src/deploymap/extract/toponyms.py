"""Find and place every toponym in English news text, offline and fast.

The geoparser scans capitalised word sequences against the gazetteer's name
keys (longest match first), drops the matches that English usage marks as
something else (people, organisations, calendar words, common words that
happen to be town names), and resolves each remaining name to one gazetteer
place using the document as context: the countries and provinces it names,
"Town, Country" pairs, the kind and size of the candidates.

Demonyms and adjectivals ("Turkish troops", "Serbs") come out as toponyms
with ``demonym=True``, resolved to their country.

News writes places in ways of its own, read here by general rules with their
word lists in :mod:`deploymap.extract._place_lexicon`: agency credits
("(Xinhua)", "Reuters reported", "APA-Pretoria") and organisation
initialisms ("U.N.", "AU") are never places; a lone generic word ("Islands",
"The Mission") is none unless the text names the country of a place so
called; every word of a name a title introduces ("President Jonas Preston") is
a person wherever it stands alone, as is a given name before that surname;
a direction in lower case or as an initial may open a country's name ("south
Sudan", "S. Sudan"); datelines may be joined by a slash ("KIGALI/JUBA -");
an elided article belongs to the name ("Côte d’Ivoire"); and a place next to
a country the text names, but not inside it, is preferred to a namesake far
away ("Gaza" in a text about Israel).

Examples
--------
>>> gp = Geoparser()
>>> [(t.text, t.iso3) for t in gp.parse("Turkish troops arrived in Prizren, Kosovo.")]
[('Turkish', 'TUR'), ('Prizren', 'XKX'), ('Kosovo', 'XKX')]
"""

from __future__ import annotations

import itertools
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

from deploymap.extract import _french_places as frp
from deploymap.extract import _lexicon as lex
from deploymap.extract import _place_lexicon as plex
from deploymap.extract import toponym_context as rules
from deploymap.extract import toponym_filters as _filters
from deploymap.extract import toponym_spelling as _spelling
from deploymap.extract.toponym_filters import (
    _MEDIA,  # noqa: F401  (re-exported)
    _NOT_NAME,
    ADMIN1_LOG_POP,
    COMMON_ADMIN1_ZIPF,  # noqa: F401  (re-exported)
    COMMON_WORD_MARGIN,  # noqa: F401  (re-exported)
    COMMON_WORD_MARGIN_SENTENCE_START,  # noqa: F401  (re-exported)
    COMMON_WORD_MIN_ZIPF,  # noqa: F401  (re-exported)
    ORG_LOOKAHEAD,  # noqa: F401  (re-exported)
    _before_person,  # noqa: F401  (re-exported)
    _generic,  # noqa: F401  (re-exported)
    _held_by_next,  # noqa: F401  (re-exported)
    _in_media_name,  # noqa: F401  (re-exported)
    _is_dateline,  # noqa: F401  (re-exported)
    _is_plural_demonym,  # noqa: F401  (re-exported)
    _is_statewide,  # noqa: F401  (re-exported)
    _media_index,  # noqa: F401  (re-exported)
    _title_before,  # noqa: F401  (re-exported)
)
from deploymap.extract.toponym_resolve import (
    ADMIN1_POP,
    ANCHOR_MARGIN,
    CAPITAL_BONUS,
    CONTEXT_KINDS,
    COUNTRY_NAME_BONUS,
    NEAR_KM,  # noqa: F401  (re-exported)
    TOWN_MARGIN,
    W_ADMIN1_SEEN,
    W_COUNTRY_GUARD,
    W_COUNTRY_SEEN,
    W_COUNTRY_SHARE,
    W_LIST,
    W_NEAR,
    W_NEAR_COUNTRY,
    W_PAIR,
    _holds,
    _lists,
    _nearness,
    _weigh_by_towns,
)
from deploymap.extract.toponym_spelling import (
    _DOUBLED,  # noqa: F401  (re-exported)
    _VOWELS,  # noqa: F401  (re-exported)
    LOOSE_CONFIDENCE,  # noqa: F401  (re-exported)
    LOOSE_MIN_CONSONANTS,
    _close_spelling,  # noqa: F401  (re-exported)
    loose_key,
)
from deploymap.extract.toponym_tokens import (
    _ABBREV_KEYS,
    _JOIN_GAPS,
    _LIST_SEPS,  # noqa: F401  (re-exported)
    _POSSESSIVE,
    _SENTENCE_END,
    _TOKEN,  # noqa: F401  (re-exported)
    _TOKEN_SPLIT,  # noqa: F401  (re-exported)
    TOKEN_KEY_CACHE,
    _capitalised,
    _capitalised_after,  # noqa: F401  (re-exported)
    _elided_name,
    _title_case_line,  # noqa: F401  (re-exported)
    _token_key,
    _tokens,
)
from deploymap.extract.toponym_types import _Facts, _Index, _Match
from deploymap.gazetteer import AREA_KINDS, Gazetteer, prior
from deploymap.gazetteer import country_points as cpts
from deploymap.model import Candidate, Place, Toponym

__all__ = ["Geoparser", "geoparse", "geoparse_jsonl", "geoparse_record"]

# Scan with these match forms only: "code" and "variant" are geocoder spellings.
SCAN_FORMS = ("name", "alias", "demonym", "alt")
MAX_TOKENS = 8


class Geoparser:
    """Recognise and resolve toponyms in English text.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the embedded gazetteer.
    demonyms : {"all", "adjectives", "none"}
        Which demonyms to return: all ("Turkish", "Serbs"), only the
        adjectival ones (no plural nouns for people), or none.
    lang : {"en", "fr"}
        The language of the texts: French adds French country names and
        demonyms (lower-case ones too), elided articles ("l'Ituri") and
        French function words that are never places.
    country_point : {"auto", "conventional", "centroid", "label"}
        Where a country named in text is put (see
        :mod:`deploymap.gazetteer.country_points`).
    rules_off : iterable of str
        Context rules to switch off, for ablation (names in
        :data:`deploymap.extract.toponym_context.RULES`).

    Notes
    -----
    The name index is built on first use and dropped when pickled, so an
    instance can be shipped to worker processes cheaply.

    Examples
    --------
    >>> gp = Geoparser()
    >>> [t.name for t in gp.parse("Peacekeepers in Goma, Democratic Republic of the Congo.")]
    ['Goma', 'Democratic Republic of the Congo']
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        demonyms: str = "all",
        lang: str = "en",
        country_point: str = "auto",
        rules_off: Iterable[str] = (),
    ):
        if demonyms not in ("all", "adjectives", "none"):
            raise ValueError(f"demonyms must be 'all', 'adjectives' or 'none', not {demonyms!r}")
        if lang not in ("en", "fr"):
            raise ValueError(f"lang must be 'en' or 'fr', not {lang!r}")
        if country_point not in cpts.CONVENTIONS:
            raise ValueError(
                f"country_point must be one of {', '.join(sorted(cpts.CONVENTIONS))}, "
                f"not {country_point!r}"
            )
        self.rules_off = rules.check_rules(rules_off)
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.demonyms = demonyms
        self.lang = lang
        self.country_point = country_point
        self._overlay: dict[str, tuple[Candidate, ...]] = {}
        self._name_words: frozenset[str] = frozenset()  # lower-case words inside names
        self._index: _Index | None = None
        self._cands: dict[str, tuple[Candidate, ...]] = {}
        self._trace: list[tuple[_Match, str]] | None = None
        self._loose: dict[str, list[tuple[str, Place]]] | None = None
        self._tkeys: dict[str, str] = {}  # token as written -> its key
        self._sentence_ends: dict[str, bool] = {}  # see _ends_sentence
        self._loose_hits: dict[str, list[Place]] = {}  # key -> its spelling variants' places
        self._facts_of: dict[int, tuple[tuple[Candidate, ...], _Facts]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {
            "gazetteer": self.gazetteer,
            "demonyms": self.demonyms,
            "lang": self.lang,
            "country_point": self.country_point,
            "rules_off": sorted(self.rules_off),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["gazetteer"],
            state["demonyms"],
            state.get("lang", "en"),
            state.get("country_point", "auto"),
            state.get("rules_off", ()),
        )

    # -- index ----------------------------------------------------------------------------

    @property
    def index(self) -> _Index:
        if self._index is None:
            self._index = self._build_index()
        return self._index

    def _build_index(self) -> _Index:
        keys = self.gazetteer.keys(forms=SCAN_FORMS)
        if self.lang == "fr":
            self._overlay = frp.overlay(self.gazetteer, keys)
            self._name_words = frp.lower_name_words()
            keys = [*keys, *self._overlay]
        if "region_demonyms" not in self.rules_off:
            regional = rules.region_demonyms(self.gazetteer)
            self._overlay = {**regional, **self._overlay}
            keys = [*keys, *regional]
        names = frozenset(keys)
        prefixes: set[str] = set()
        for key in keys:
            # word prefixes, longest first: once one is known, so are the shorter
            i = key.rfind(" ")
            while i > 0 and key[:i] not in prefixes:
                prefixes.add(key[:i])
                i = key.rfind(" ", 0, i)
        gaz = self.gazetteer
        abbrevs: dict[str, tuple[Candidate, str]] = {}
        for text, place, style in gaz.abbreviations():
            abbrevs[text] = (Candidate(place, prior(place, "alias"), "alias"), style)
        stems = {a[:-1] for a in abbrevs if a.endswith(".")} | set(abbrevs)
        return _Index(
            names,
            frozenset(prefixes),
            gaz.common_words(),
            gaz.first_names(),
            abbrevs,
            cpts.points_by_id(gaz, self.country_point),
            gaz.english_words(),
            gaz.geonames_ids(),
            frozenset(stems),
        )

    def _candidates(self, key: str) -> tuple[Candidate, ...]:
        got = self._cands.get(key)
        if got is None:
            got = self._overlay.get(key)
        if got is None:
            got = tuple(c for c in self.gazetteer._lookup(key) if c.form in SCAN_FORMS)
            if len(self._cands) > 200_000:
                self._cands.clear()
            self._cands[key] = got
        return got

    def _country_point(self, place: Place) -> tuple[float, float]:
        """Where a country named in text is: the point gazetteers agree on (see
        :meth:`Gazetteer.country_points`), not the label point a map would use."""
        got = self.index.country_points.get(place.id)
        return got if got is not None else (place.lat, place.lon)

    # -- parsing --------------------------------------------------------------------------

    def parse(self, text: str) -> list[Toponym]:
        """Toponyms of *text* in text order.

        Examples
        --------
        >>> [t.text for t in Geoparser().parse("Turkey's troops flew in from Split on Monday.")]
        ['Turkey', 'Split']
        """
        idx = self.index
        toks = _tokens(text)
        if self.lang == "fr":
            toks = frp.split_elisions(text, toks)
        matches = self._scan(text, toks, idx)
        if "dotted_states" not in self.rules_off:
            matches = rules.dotted_abbreviations(text, toks, matches, idx.abbreviations, _Match)
        if self.lang == "fr":
            matches = self._lower_demonyms(toks, matches)
        matches = self._filter(text, toks, matches, idx)
        self._extend(text, toks, matches)
        self._resolve(text, matches)
        matches = self._loose_matches(text, toks, matches)
        if "streets" not in self.rules_off:
            matches = rules.place_streets(
                text,
                toks,
                matches,
                _Match,
                lex.FUNCTION_WORDS,
                _NOT_NAME,
                "landmarks" not in self.rules_off,
            )
        out = []
        for m in matches:
            p = m.place
            if p is None:
                continue
            lat, lon = self._country_point(p) if p.kind == "country" else (p.lat, p.lon)
            out.append(
                Toponym(
                    start=m.start,
                    end=m.end,
                    text=text[m.start : m.end],
                    name=p.name,
                    kind=p.kind,
                    iso3=p.iso3,
                    lat=lat,
                    lon=lon,
                    id=p.id,
                    confidence=m.confidence,
                    demonym=m.demonym,
                    geonameid=(
                        int(p.id[9:])
                        if p.id.startswith("geonames:")
                        else idx.geonames_ids.get(p.id)
                    ),
                )
            )
        return out

    # -- spelling variants ---------------------------------------------------------------

    @property
    def loose_index(self) -> dict[str, list[tuple[str, Place]]]:
        """(name key, place) of major places by :func:`loose_key`, built on first use."""
        if self._loose is None:
            loose: dict[str, list[tuple[str, Place]]] = {}
            for key, place in self.gazetteer.area_names():
                lk = loose_key(key)
                if len(lk.replace(" ", "")) >= LOOSE_MIN_CONSONANTS:
                    loose.setdefault(lk, []).append((key, place))
            self._loose = loose
        return self._loose

    # moved to :mod:`deploymap.extract.toponym_spelling`, bound here as methods
    _loose_matches = _spelling._loose_matches

    def _lower_demonyms(
        self, toks: list[tuple[int, int, str]], matches: list[_Match]
    ) -> list[_Match]:
        """French demonyms in lower case ("le contingent tchadien")."""
        taken = {i for m in matches for i in range(m.i, m.j + 1)}
        out = list(matches)
        for i, (s, e, w) in enumerate(toks):
            if i in taken or not w[:1].islower():
                continue
            cands = self._overlay.get(_token_key(w))
            if cands and cands[0].form == "demonym":
                out.append(_Match(s, e, i, i, _token_key(w), cands))
        out.sort(key=lambda m: m.start)
        return out

    def parse_many(self, texts: Iterable[str]) -> Iterator[list[Toponym]]:
        """Parse many texts lazily, one list of toponyms per text."""
        for text in texts:
            yield self.parse(text)

    # -- recognition ----------------------------------------------------------------------

    def _scan(self, text: str, toks: list[tuple[int, int, str]], idx: _Index) -> list[_Match]:
        """Longest gazetteer matches that start with a capitalised token."""
        names, prefixes = idx.names, idx.prefixes
        n = len(toks)
        keys: list[str | None] = [None] * n
        tkeys = self._tkeys
        out: list[_Match] = []
        stems = idx.abbrev_stems
        nxt = 0  # the first token not inside a match
        for i in _capitalised(toks):
            if i < nxt:
                continue
            s, _e, w = toks[i]
            # After "Town, " a province abbreviation beats a namesake: "Paris, Mo."
            if w in stems and out and text[out[-1].end : s] == ", ":
                ab = self._abbreviation(text, toks, i, out, idx)
                if ab is not None:
                    out.append(ab)
                    continue
            k = keys[i]
            if k is None:
                k = keys[i] = tkeys.get(w) or self._token_key(w)
            if k not in names and k not in prefixes and not w.endswith(_POSSESSIVE):
                # no name starts here (the loop below would find none)
                ab = self._abbreviation(text, toks, i, out, idx) if w in stems else None
                if ab is not None:
                    out.append(ab)
                continue
            best: tuple[int, str, int] | None = None
            key = ""
            j = i
            while j < n and j - i < MAX_TOKENS:
                w = toks[j][2]
                if j > i:
                    gap = text[toks[j - 1][1] : toks[j][0]]
                    if gap not in _JOIN_GAPS and not (gap == ". " and keys[j - 1] in _ABBREV_KEYS):
                        break
                    if (
                        not w[0].isupper()
                        and w not in lex.CONNECTORS
                        and w not in self._name_words
                        and not _elided_name(w)
                    ):
                        break
                k = keys[j]
                if k is None:
                    k = tkeys.get(w) or self._token_key(w)
                    keys[j] = k
                key = k if j == i else f"{key} {k}"
                if w.endswith(_POSSESSIVE):
                    bare = key[:-2]
                    if bare in names:
                        best = (j, bare, toks[j][1] - 2)
                    break
                if key in names and (
                    w[0].isupper() or w[0].isdigit() or _elided_name(w) or w in self._name_words
                ):
                    best = (j, key, toks[j][1])
                if key not in prefixes:
                    break
                j += 1
            if best is None:
                ab = self._abbreviation(text, toks, i, out, idx) if w in stems else None
                if ab is not None:
                    out.append(ab)
                continue
            j, key, end = best
            out.append(_Match(s, end, i, j, key, self._candidates(key)))
            nxt = j + 1
        return out

    def _ends_sentence(self, before: str) -> bool:
        """Whether the few characters *before* a token end a sentence (or are
        blank), remembered: a text has few distinct such contexts."""
        got = self._sentence_ends.get(before)
        if got is None:
            if len(self._sentence_ends) > TOKEN_KEY_CACHE:
                self._sentence_ends.clear()
            got = self._sentence_ends[before] = bool(_SENTENCE_END.search(before))
        return got

    def _token_key(self, w: str) -> str:
        """:func:`_token_key` of *w*, remembered: news repeats its words."""
        if len(self._tkeys) > TOKEN_KEY_CACHE:
            self._tkeys.clear()
        k = self._tkeys[w] = _token_key(w)
        return k

    def _abbreviation(
        self, text: str, toks: list[tuple[int, int, str]], i: int, out: list[_Match], idx: _Index
    ) -> _Match | None:
        """A province abbreviation: "Ky.", "B.C.", "NSW"; short or two-letter ones
        only right after "Town, " (the way datelines and bylines write them)."""
        s, e, w = toks[i]
        if w not in idx.abbrev_stems:  # no lookup below can hit
            return None
        after_town = bool(out) and text[out[-1].end : s] == ", "
        dotted = text[e : e + 1] == "."
        got = idx.abbreviations.get(w + "." if dotted and not w.endswith(".") else w)
        if got is None:
            got = idx.abbreviations.get(w)
            dotted = w.endswith(".")
        if got is None and after_town and not w.endswith("."):
            got = idx.abbreviations.get(w + ".")  # "EDMONTON, Ky (WBKO)"
            if got is not None and got[1] != "ap":
                got = None
        if got is None:
            return None
        cand, style = got
        initialism = w.count(".") >= 2
        if not (after_town or initialism or (style == "ap" and len(w) >= 3 and w.isupper())):
            return None
        if i > 0 and toks[i - 1][2].isdigit():  # "500 B.C."
            return None
        end = e + 1 if dotted and not w.endswith(".") else e
        return _Match(s, end, i, i, _token_key(w), (cand,), kind="abbreviation")

    def _extend(self, text: str, toks: list[tuple[int, int, str]], matches: list[_Match]) -> None:
        """Grow names into the larger place names English builds from them:
        "Scott County", "Hutcheson Road" (a place word after the name) and
        "Northern Europe", "North London" (a direction before it)."""
        n = len(toks)
        for m in matches:
            if m.kind != "gazetteer":
                continue
            j = m.j + 1
            if (
                j < n
                and text[m.end : toks[j][0]] == " "
                and toks[j][2][:1].isupper()
                and _token_key(toks[j][2]) in lex.PLACE_SUFFIXES
            ):
                m.end, m.j, m.kind = toks[j][1], j, "suffix"
            i = m.i - 1
            if (
                i >= 0
                and text[toks[i][1] : m.start] == " "
                and toks[i][2][:1].isupper()
                and _token_key(toks[i][2]) in lex.DIRECTION_PREFIXES
            ):
                m.start, m.i = toks[i][0], i
            elif i >= 0:
                self._direction_country(text, toks, m, i)

    def _direction_country(
        self, text: str, toks: list[tuple[int, int, str]], m: _Match, i: int
    ) -> None:
        """A country whose name opens with a direction, written in lower case or
        as an initial: "south Sudan", "S. Sudan" (the country, not Sudan)."""
        w, gap = toks[i][2], text[toks[i][1] : m.start]
        if gap == " " and w in plex.LOWER_DIRECTIONS:
            word = w
        elif gap == ". " and len(w) == 1 and w.lower() in plex.DIRECTION_INITIALS:
            word = plex.DIRECTION_INITIALS[w.lower()]
        else:
            return
        key = f"{word} {m.key}"
        if key not in self.index.names:
            return
        cands = tuple(c for c in self._candidates(key) if c.place.kind == "country")
        if cands:
            m.start, m.i, m.key, m.cands = toks[i][0], i, key, cands

    # moved to :mod:`deploymap.extract.toponym_filters`, bound here as methods
    _filter = _filters._filter
    _name_after_title = _filters._name_after_title
    _org_follows = _filters._org_follows
    _drop = _filters._drop
    _is_country_name = _filters._is_country_name
    _is_area_name = _filters._is_area_name
    _is_placey = _filters._is_placey
    _is_common_word = _filters._is_common_word

    # -- resolution -----------------------------------------------------------------------

    def _score(self, c: Candidate) -> float:
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

    def _facts(self, cands: tuple[Candidate, ...]) -> _Facts:
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

    def _resolve(self, text: str, matches: list[_Match]) -> None:
        # "Town, Country" / "Town, State": the qualifier must hold the town.
        for a, b in itertools.pairwise(matches):
            if text[a.end : b.start] in (", ", ","):
                a.qualifier = b
        facts = [self._facts(m.cands) for m in matches]
        in_list = _lists(text, matches, facts)
        countries: Counter[str] = Counter()
        # the votes of each name, to leave out of its own context
        votes: dict[str, Counter[str]] = {}
        admin1s: set[str] = set()
        provinces: dict[str, set[str]] = {}  # iso3 -> the provinces the text names
        for m, f in zip(matches, facts, strict=True):
            top = f.top
            if top is not None and top.iso3 and (top.kind in CONTEXT_KINDS or m.demonym):
                countries[top.iso3] += 1
                mine = votes.get(m.key)
                if mine is None:
                    mine = votes[m.key] = Counter()
                mine[top.iso3] += 1
            if top is not None and top.kind == "admin1":
                admin1s.add(top.name)
                provinces.setdefault(top.iso3, set()).add(top.name)
        # The qualifier of "Atlanta, Georgia" is the candidate that holds the town.
        held: dict[int, set[str]] = {}
        for m in matches:
            q = m.qualifier
            if q is not None:
                for c in m.cands:
                    if c.place.kind not in ("country", "admin1"):
                        held.setdefault(id(q), set()).update((c.place.iso3, c.place.admin1))
        scored: list[list[tuple[float, Candidate]]] = []
        contexts: dict[str, tuple[Counter[str] | dict[str, int], int]] = {}
        # A mention with nothing of its own (no qualifier, list, dateline, "state")
        # scores and resolves as the name's first such mention: its repeats are
        # marked and take that mention's place and confidence.
        plain_first: dict[tuple[str, int], tuple[_Match, list[tuple[float, Candidate]]]] = {}
        repeat: list[_Match | None] = []  # the first plain mention that each repeats
        for m, f in zip(matches, facts, strict=True):
            # A name does not vouch for itself: leave its own vote out of the
            # context, and let its other mentions count once, however often the
            # text repeats it.
            mine = votes.get(m.key)
            got = contexts.get(m.key)
            if got is None:
                ctx: Counter[str] | dict[str, int] = countries
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
            q = m.qualifier
            inside = held.get(id(m), set())
            listed = in_list.get(id(m))
            plain = q is None and not inside and listed is None and not m.statewide
            plain = plain and not m.dateline
            if plain:
                first = plain_first.get((m.key, id(m.cands)))
                if first is not None:
                    repeat.append(first[0])
                    scored.append(first[1])
                    continue
            repeat.append(None)
            if len(m.cands) == 1:
                # One reading: no score below decides anything for it (a lone
                # reading's margin is over 99 and its confidence 1.0).
                scored.append([(f.scores[0], m.cands[0])])
                continue
            qplaces = [c.place for c in q.cands[:3]] if q is not None else []
            row = []
            # "the lab in Georgia" in a text about Alabama, Iowa and Texas: among
            # its sibling states a province's name is not the country's.
            among_states = bool(provinces) and any(
                listed == ("admin1", iso3) or len(provinces.get(iso3, set()) - {name}) >= 2
                for iso3, name in f.admin1_names
            )
            # countries the rest of the text names (this name's own mentions left out)
            elsewhere = countries - mine if among_states and mine else countries
            if m.dateline and q is None:
                # A dateline with no state is a city that stands alone (AP style):
                # "WASHINGTON" heading a story about Iowa is still the capital.
                scored.append([(s + W_PAIR, c) for s, c in zip(f.scores, m.cands, strict=True)])
                continue
            # A country's own name means the country unless the text pairs
            # it with a state that holds a namesake: "Russia, Ohio".
            held_state = inside and any(
                o.place.kind == "admin1" and o.place.name in inside for o in m.cands
            )
            for s, c in zip(f.scores, m.cands, strict=True):
                p = c.place
                if total:
                    share = ctx.get(p.iso3, 0) / total
                    s += W_COUNTRY_SHARE * share + (W_COUNTRY_SEEN if share else 0.0)
                if inside and (
                    (p.kind == "admin1" and p.name in inside and p.iso3 in inside)
                    or (p.kind == "country" and p.iso3 in inside)
                ):
                    s += W_PAIR / 2
                if p.admin1 and p.admin1 in admin1s:
                    s += W_ADMIN1_SEEN
                if m.statewide and p.kind == "admin1":
                    s += W_PAIR
                if listed and p.kind == listed[0] and (not listed[1] or p.iso3 == listed[1]):
                    s += W_LIST if c.form == "name" else W_LIST / 2
                if (
                    p.kind == "country"
                    and c.form in ("name", "alias")
                    and not held_state
                    and not (among_states and not elsewhere.get(p.iso3))
                    and not (
                        qplaces
                        and any(
                            qp.kind in ("country", "admin1")
                            and qp.iso3 != p.iso3
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
            best = max(row, key=itemgetter(0))
            if len(row) == 1:
                margin = best[0] - -99.0
            else:
                margin = best[0] - max((sc[0] for sc in row if sc[1] is not best[1]), default=-99.0)
            bp = best[1].place
            if bp.kind == "country" and not m.demonym:
                named.setdefault(bp.iso3, self._country_point(bp))
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
        state_votes: dict[str, Counter[tuple[str, str]]] = {}
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
                    pts = sorted({p for k, ps in by_key.items() if k != m.key for p in ps})
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


_DEFAULT: Geoparser | None = None


def geoparse(
    text_or_texts: str | Iterable[str], geoparser: Geoparser | None = None
) -> list[Toponym] | list[list[Toponym]]:
    """Toponyms of one text (a list) or of many texts (a list of lists).

    Examples
    --------
    >>> [t.iso3 for t in geoparse("A South Korean battalion reached Juba.")]
    ['KOR', 'SSD']
    """
    global _DEFAULT
    if geoparser is None:
        if _DEFAULT is None:
            _DEFAULT = Geoparser()
        geoparser = _DEFAULT
    if isinstance(text_or_texts, str):
        return geoparser.parse(text_or_texts)
    return list(geoparser.parse_many(text_or_texts))


def _read_docs(path: str) -> Iterator[tuple[str, str]]:
    p = Path(path)
    if p.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        with p.open(encoding="utf-8") as f:
            for ln, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                    if not isinstance(d, dict) or not isinstance(d.get("text"), str):
                        raise ValueError('expected an object with a "text" string')
                except ValueError as e:
                    print(f"{path}:{ln}: skipped: {e}", file=sys.stderr)
                    continue
                yield str(d.get("id", f"{p.stem}:{ln}")), d["text"]
    else:
        yield p.stem, p.read_text(encoding="utf-8")


def geoparse_jsonl(inputs: list[str], output: str, geoparser: Geoparser | None = None) -> int:
    """Geoparse JSONL (``{"id", "text"}`` lines) or plain text files into JSONL.

    Each output line is ``{"id", "toponyms": [{"start", "end", "name", "lat",
    "lon", "iso3", "kind", "id"}]}``; ``name`` is the text as written.  A
    malformed input line is reported on stderr with its line number and
    skipped.  *output* ``-`` is standard output.  Returns the number of
    documents written.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> src = os.path.join(d, "in.jsonl")
    >>> with open(src, "w") as f:
    ...     _ = f.write('{"id": "a", "text": "Rain fell on Nairobi."}\\n')
    >>> geoparse_jsonl([src], os.path.join(d, "out.jsonl"))
    1
    """
    from deploymap.io import output_stream

    gp = geoparser if geoparser is not None else Geoparser(demonyms="adjectives")
    n = 0
    with output_stream(output) as out:
        for path in inputs:
            for doc_id, text in _read_docs(path):
                record = geoparse_record(doc_id, gp.parse(text))
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
    return n


def geoparse_record(doc_id: str, toponyms: Iterable[Toponym]) -> dict[str, Any]:
    """One output line of ``deploymap geoparse``: ``{"id", "toponyms": [{"start",
    "end", "name", "lat", "lon", "iso3", "kind", "id"[, "geonameid"]}]}``
    (``name`` as written; ``geonameid``, an integer, for every place GeoNames
    has: towns, countries and admin-1 units).

    >>> rec = geoparse_record("d1", geoparse("Troops reached Beni in North Kivu."))
    >>> {k: rec["toponyms"][0][k] for k in ("name", "iso3", "id", "geonameid")}
    {'name': 'Beni', 'iso3': 'COD', 'id': 'geonames:219057', 'geonameid': 219057}
    """
    out = []
    for t in toponyms:
        item: dict[str, Any] = {
            "start": t.start,
            "end": t.end,
            "name": t.text,
            "lat": round(t.lat, 5),
            "lon": round(t.lon, 5),
            "iso3": t.iso3,
            "kind": t.kind,
            "id": t.id,
        }
        if t.geonameid is not None:
            item["geonameid"] = t.geonameid
        elif t.id.startswith("geonames:"):
            item["geonameid"] = int(t.id.split(":", 1)[1])
        out.append(item)
    return {"id": doc_id, "toponyms": out}


def main(argv: list[str] | None = None) -> int:
    """``python -m deploymap.extract.toponyms INPUT... -o OUT.jsonl``."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m deploymap.extract.toponyms")
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args(argv)
    n = geoparse_jsonl(args.inputs, args.output)
    print(f"{n} documents -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
