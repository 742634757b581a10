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

import collections
import dataclasses
import itertools
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, cast

from deploymap.extract import _french_places as frp
from deploymap.extract import _lexicon as lex
from deploymap.extract import lexicon_fr
from deploymap.extract import toponym_context as rules
from deploymap.extract import toponym_filters as _filters
from deploymap.extract import toponym_index as _names
from deploymap.extract import toponym_resolve as _resolution
from deploymap.extract import toponym_scan as _scanning
from deploymap.extract import toponym_spelling as _spelling
from deploymap.extract.toponym_filters import (
    _MEDIA,  # noqa: F401  (re-exported)
    _NOT_NAME,
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
    ADMIN1_LOG_POP,  # noqa: F401  (re-exported)
    ADMIN1_POP,  # noqa: F401  (re-exported)
    ANCHOR_MARGIN,  # noqa: F401  (re-exported)
    CAPITAL_BONUS,  # noqa: F401  (re-exported)
    CONTEXT_KINDS,  # noqa: F401  (re-exported)
    COUNTRY_NAME_BONUS,  # noqa: F401  (re-exported)
    NEAR_KM,  # noqa: F401  (re-exported)
    TOWN_MARGIN,  # noqa: F401  (re-exported)
    W_ADMIN1_SEEN,  # noqa: F401  (re-exported)
    W_COUNTRY_GUARD,  # noqa: F401  (re-exported)
    W_COUNTRY_SEEN,  # noqa: F401  (re-exported)
    W_COUNTRY_SHARE,  # noqa: F401  (re-exported)
    W_LIST,  # noqa: F401  (re-exported)
    W_NEAR,  # noqa: F401  (re-exported)
    W_NEAR_COUNTRY,  # noqa: F401  (re-exported)
    W_PAIR,  # noqa: F401  (re-exported)
    _holds,  # noqa: F401  (re-exported)
    _lists,  # noqa: F401  (re-exported)
    _nearness,  # noqa: F401  (re-exported)
    _weigh_by_towns,  # noqa: F401  (re-exported)
)
from deploymap.extract.toponym_scan import MAX_TOKENS  # noqa: F401  (re-exported)
from deploymap.extract.toponym_spelling import (
    _DOUBLED,  # noqa: F401  (re-exported)
    _VOWELS,  # noqa: F401  (re-exported)
    LOOSE_CONFIDENCE,  # noqa: F401  (re-exported)
    LOOSE_MIN_CONSONANTS,
    _close_spelling,  # noqa: F401  (re-exported)
    loose_key,
)
from deploymap.extract.toponym_tokens import (
    _ABBREV_KEYS,  # noqa: F401  (re-exported)
    _JOIN_GAPS,  # noqa: F401  (re-exported)
    _LIST_SEPS,  # noqa: F401  (re-exported)
    _POSSESSIVE,  # noqa: F401  (re-exported)
    _SENTENCE_END,  # noqa: F401  (re-exported)
    _TOKEN,  # noqa: F401  (re-exported)
    _TOKEN_SPLIT,  # noqa: F401  (re-exported)
    TOKEN_KEY_CACHE,
    _capitalised,  # noqa: F401  (re-exported)
    _capitalised_after,  # noqa: F401  (re-exported)
    _elided_name,  # noqa: F401  (re-exported)
    _title_case_line,  # noqa: F401  (re-exported)
    _token_key,
    _tokens,  # noqa: F401  (re-exported)
    _tokens_and_capitalised,  # noqa: F401  (re-exported)
    _tokens_words_capitalised,
)
from deploymap.extract.toponym_types import _Facts, _Index, _Match
from deploymap.gazetteer import Gazetteer, prior
from deploymap.gazetteer import country_points as cpts
from deploymap.model import Candidate, Place, Toponym

__all__ = ["Geoparser", "geoparse", "geoparse_jsonl", "geoparse_record"]

# Scan with these match forms only: "code" and "variant" are geocoder spellings.
SCAN_FORMS = ("name", "alias", "demonym", "alt")


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
    The name index is asked of the gazetteer at first, and held in memory
    once enough text has been read for that to pay (:meth:`build_index` does
    it at once; see :mod:`deploymap.extract.toponym_index`), so one short
    text parses without reading every name.  It is dropped when pickled, so
    an instance can be shipped to worker processes cheaply.

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
        self._probes: tuple[_names.KeyProbe | _names.ValueProbe, ...] = ()  # lazy, until built
        self._overlay_built: frozenset[str] | None = None
        self._cands: dict[str, tuple[Candidate, ...]] = {}
        self._trace: list[tuple[_Match, str]] | None = None
        self._loose: Mapping[str, list[tuple[str, Place]]] | None = None
        self._tkeys: dict[str, str] = {}  # token as written -> its key
        self._sentence_ends: dict[str, bool] = {}  # see _ends_sentence
        self._loose_hits: dict[str, list[Place]] = {}  # key -> its spelling variants' places
        self._facts_of: dict[int, tuple[tuple[Candidate, ...], _Facts]] = {}
        # French words as written -> (key, lower-case demonym candidates), or ()
        self._lower_dem: frp.LowerDemonyms | None = None
        self._key_facts: dict[str, int] = {}  # name key -> toponym_filters._key_flags
        self._quiet_keys: dict[str, bool] = {}  # name key -> toponym_filters._quiet_key
        self._abbrev_keys: frozenset[str] | None = None  # (see _quiet_key)
        self._opens_nothing: set[str] = set()  # capitalised tokens no name opens with
        # capitalised tokens as written -> what the scan asks of them (see _opening)
        self._openings: dict[str, tuple[str, bool, bool, bool]] = {}
        self._alone_unspelt: set[str] = set()  # see toponym_spelling._loose_matches
        # id(place) -> (place, its Toponym fields): see _toponym_fields
        self._place_info: dict[int, tuple[Place, str, str, str, float, float, str, int | None]] = {}

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
        """The name index a new instance starts with: its name keys and prefixes
        asked of the gazetteer, until enough text has been read for the
        in-memory sets to pay (see :mod:`deploymap.extract.toponym_index`)."""
        gaz = self.gazetteer
        extra = self._overlay_keys()
        budget = _names.ProbeBudget(_names.PROBES_BEFORE_BUILD, self.build_index)
        names = _names.KeyProbe(lambda k: gaz.has_key(k, SCAN_FORMS), extra, budget)
        prefixes = _names.KeyProbe(
            lambda k: gaz.has_key_prefix(k, SCAN_FORMS),
            frozenset(_names.word_prefixes(extra)),
            budget,
        )
        english = _names.KeyProbe(gaz.is_english_word, frozenset(), budget)
        common = _names.ValueProbe(gaz.common_word_zipf, budget)
        self._probes = (names, prefixes, english, common)
        return self._small_tables(names, prefixes, common, english)  # type: ignore[arg-type]

    def build_index(self) -> None:
        """Hold the whole name index in memory now (about 0.5 s): worth it before
        reading a corpus, which a new instance otherwise does only after its
        first few thousand documents.

        >>> gp = Geoparser()
        >>> gp.build_index()
        >>> isinstance(gp.index.names, frozenset)
        True
        """
        if self._index is not None and isinstance(self._index.names, frozenset):
            return
        gaz = self.gazetteer
        keys = [*gaz.keys(forms=SCAN_FORMS), *self._overlay_keys()]
        full = (
            frozenset(keys),
            frozenset(_names.word_prefixes(keys)),
            gaz.english_words(),
            gaz.common_words(),
        )
        lazy, self._probes = self._probes, ()
        for probe, table in zip(lazy, full, strict=False):
            probe.settle(table)  # type: ignore[arg-type]
        names, prefixes, english, common = full
        self._index = self._small_tables(names, prefixes, common, english)

    def _overlay_keys(self) -> frozenset[str]:
        """The scan keys the French and regional overlays add (built once)."""
        if self._overlay_built is None:
            gaz = self.gazetteer
            if self.lang == "fr":
                # the overlay reads the keys a French direction word translates
                heads = sorted(set(lexicon_fr.NAME_DIRECTIONS.values()))
                keys = [k for h in heads for k in gaz.keys_with_prefix(h + " ", SCAN_FORMS)]
                self._overlay = frp.overlay(gaz, keys)
                self._name_words = frp.lower_name_words()
            if "region_demonyms" not in self.rules_off:
                self._overlay = {**rules.region_demonyms(gaz), **self._overlay}
            self._overlay_built = frozenset(self._overlay)
        return self._overlay_built

    def _small_tables(
        self,
        names: frozenset[str],
        prefixes: frozenset[str],
        common: dict[str, float],
        english: frozenset[str],
    ) -> _Index:
        """The index over these name tables, with the geoparser's smaller tables
        (read once, shared by the lazy and the built index)."""
        tables = {"names": names, "prefixes": prefixes, "common": common, "english": english}
        if self._index is not None:
            return dataclasses.replace(self._index, **tables)  # type: ignore[arg-type]
        gaz = self.gazetteer
        abbrevs: dict[str, tuple[Candidate, str]] = {}
        for text, place, style in gaz.abbreviations():
            abbrevs[text] = (Candidate(place, prior(place, "alias"), "alias"), style)
        stems = {a[:-1] for a in abbrevs if a.endswith(".")} | set(abbrevs)
        return _Index(
            first_names=gaz.first_names(),
            abbreviations=abbrevs,
            country_points=cpts.points_by_id(gaz, self.country_point),
            geonames_ids=gaz.geonames_ids(),
            abbrev_stems=frozenset(stems),
            **tables,  # type: ignore[arg-type]
        )

    def _candidates(self, key: str) -> tuple[Candidate, ...]:
        got = self._cands.get(key)
        if got is not None:
            return got
        # an overlay's key too is remembered here: the scan looks in _cands
        # first, inline, and asks this method only of the keys it misses
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
        # the capitalised tokens: the scan and the spelling variants look at these
        toks, words, caps = _tokens_words_capitalised(text)
        if self.lang == "fr":
            toks, changed = frp.split_elisions_at(text, toks)
            if changed:  # "l'Ituri" is "Ituri" now: capitalised
                caps = sorted({*caps, *changed})
                for i in changed:
                    words[i] = toks[i][2]
        matches = self._scan(text, toks, idx, caps, words)
        if self.lang == "fr":
            matches = frp.past_articles(
                toks, matches, lambda i: self._scan(text, toks, idx, [i], words)
            )
        if "dotted_states" not in self.rules_off:
            matches = rules.dotted_abbreviations(text, toks, matches, idx.abbreviations, _Match)
        if self.lang == "fr":
            matches = self._lower_demonyms(toks, matches, words)
        matches = self._filter(text, toks, matches, idx, caps, words)
        self._extend(text, toks, matches)
        self._resolve(text, matches)
        matches = self._loose_matches(text, toks, matches, caps, words)
        if "streets" not in self.rules_off:
            matches = rules.place_streets(
                text,
                toks,
                matches,
                _Match,
                lex.FUNCTION_WORDS,
                _NOT_NAME,
                "landmarks" not in self.rules_off,
                map(words.__getitem__, caps),
            )
        rows = []
        info_of = self._place_info
        for m in matches:
            p = m.place
            if p is None:
                continue
            got = info_of.get(id(p))
            if got is None or got[0] is not p:
                got = self._toponym_fields(p)
            _, name, kind, iso3, lat, lon, pid, gid = got
            s, e = m.start, m.end
            conf, dem = m.confidence, m.demonym
            rows.append((s, e, text[s:e], name, kind, iso3, lat, lon, pid, conf, dem, gid))
        return _toponyms(rows)

    def _toponym_fields(
        self, p: Place
    ) -> tuple[Place, str, str, str, float, float, str, int | None]:
        """(*p*, then the :class:`Toponym` fields it gives: name, kind, iso3, lat,
        lon, id, geonameid), remembered by identity (a text repeats its places)."""
        lat, lon = self._country_point(p) if p.kind == "country" else (p.lat, p.lon)
        gid = int(p.id[9:]) if p.id.startswith("geonames:") else self.index.geonames_ids.get(p.id)
        got = (p, p.name, p.kind, p.iso3, lat, lon, p.id, gid)
        if len(self._place_info) > TOKEN_KEY_CACHE:
            self._place_info.clear()
        self._place_info[id(p)] = got
        return got

    # -- spelling variants ---------------------------------------------------------------

    @property
    def loose_index(self) -> Mapping[str, list[tuple[str, Place]]]:
        """(name key, place) of major places by :func:`loose_key`, built on first use
        (see :class:`deploymap.extract.toponym_index.LooseIndex`)."""
        if self._loose is None:
            self._loose = _names.LooseIndex(self.gazetteer, loose_key, LOOSE_MIN_CONSONANTS)
        return self._loose

    # moved to :mod:`deploymap.extract.toponym_spelling`, bound here as methods
    _loose_matches = _spelling._loose_matches

    def _lower_demonyms(
        self,
        toks: list[tuple[int, int, str]],
        matches: list[_Match],
        words: list[str] | None = None,
    ) -> list[_Match]:
        """French demonyms in lower case ("le contingent tchadien"); *words*:
        the tokens' words, if the caller has them."""
        dem = self._lower_dem
        if dem is None:
            dem = self._lower_dem = frp.LowerDemonyms(self._overlay, TOKEN_KEY_CACHE)
        # each distinct word as written worked out once: (its key, its demonym
        # candidates), or () if it has none
        if words is None:
            words = list(map(itemgetter(2), toks))
        hits = list(itertools.compress(range(len(toks)), map(dem.__getitem__, words)))
        if not hits:
            return matches
        # (a one-token match is at a capitalised token, never a hit)
        taken = {i for m in matches if m.j != m.i for i in range(m.i, m.j + 1)}
        out = list(matches)
        for i in hits:
            if i not in taken:
                s, e, _ = toks[i]
                key, cands = cast("tuple[str, tuple[Candidate, ...]]", dem[words[i]])
                out.append(_Match(s, e, i, i, key, cands))
        if len(out) > len(matches):  # (matches are in text order)
            out.sort(key=attrgetter("start"))
        return out

    def parse_many(self, texts: Iterable[str]) -> Iterator[list[Toponym]]:
        """Parse many texts lazily, one list of toponyms per text."""
        for text in texts:
            yield self.parse(text)

    # -- recognition ----------------------------------------------------------------------

    # moved to :mod:`deploymap.extract.toponym_scan`, bound here as methods
    _scan = _scanning._scan
    _ends_sentence = _scanning._ends_sentence
    _abbreviation = _scanning._abbreviation
    _extend = _scanning._extend
    _direction_country = _scanning._direction_country

    def _token_key(self, w: str) -> str:
        """:func:`_token_key` of *w*, remembered: news repeats its words."""
        if len(self._tkeys) > TOKEN_KEY_CACHE:
            self._tkeys.clear()
        k = self._tkeys[w] = _token_key(w)
        return k

    # moved to :mod:`deploymap.extract.toponym_filters`, bound here as methods
    _filter = _filters._filter
    _name_after_title = _filters._name_after_title
    _org_follows = _filters._org_follows
    _drop = _filters._drop
    _is_country_name = _filters._is_country_name
    _is_area_name = _filters._is_area_name
    _is_placey = _filters._is_placey
    _is_common_word = _filters._is_common_word
    _key_flags = _filters._key_flags

    # -- resolution -----------------------------------------------------------------------

    # moved to :mod:`deploymap.extract.toponym_resolve`, bound here as methods
    _score = _resolution._score
    _facts = _resolution._facts
    _resolve = _resolution._resolve


# Each field's slot of a Toponym, set directly (see _toponyms).
_TOPONYM_SLOTS = tuple(Toponym.__dict__[f.name].__set__ for f in dataclasses.fields(Toponym))


def _toponyms(rows: list[tuple[Any, ...]]) -> list[Toponym]:
    """``[Toponym(*row) for row in rows]``, made a field at a time for all the
    rows at once: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, which costs more than the rest of the row's making,
    and Toponym has no ``__post_init__`` to skip.

    >>> row = (0, 4, "Juba", "Juba", "capital", "SSD", 4.85, 31.58, "geonames:1", 1.0, False, 1)
    >>> _toponyms([row]) == [Toponym(*row)]
    True
    """
    made = list(map(object.__new__, itertools.repeat(Toponym, len(rows))))
    # (no rows: no columns, and nothing to set)
    for set_slot, column in zip(_TOPONYM_SLOTS, zip(*rows, strict=True), strict=False):
        collections.deque(map(set_slot, made, column), 0)
    return made


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
