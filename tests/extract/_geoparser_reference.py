"""The geoparser's stages as they were before the fifth speed round: the
references of the stage shortcuts (see ``test_fast_paths_geoparser_stages.py``).

A :class:`ReferenceGeoparser` runs these in place of the current scan,
lower-case demonyms, filters, name extension and spelling variants; every
other part (tokens, resolution, the rules) is the current code.
"""

from __future__ import annotations

import itertools
import operator
from operator import attrgetter, itemgetter
from typing import cast

from deploymap.extract import _french_places as frp
from deploymap.extract import _lexicon as lex
from deploymap.extract import _place_lexicon as plex
from deploymap.extract import toponym_context as rules
from deploymap.extract.toponym_filters import (
    _COMMON as _COMMON,
)
from deploymap.extract.toponym_filters import (
    _EARLY,
    _LATE,
    _MEDIA,
    _MEDIA_LOWER,
    _OF,
    _before_person,
    _generic,
    _held_by_next,
    _in_media_name,
    _is_dateline,
    _is_plural_demonym,
    _opens_sentence,
    _state_of,
    _title_before,
)
from deploymap.extract.toponym_scan import MAX_TOKENS, _opening
from deploymap.extract.toponym_spelling import LOOSE_CONFIDENCE, _close_spelling, loose_key
from deploymap.extract.toponym_tokens import (
    _ABBREV_KEYS,
    _JOIN_GAPS,
    _POSSESSIVE,
    TOKEN_KEY_CACHE,
    _capitalised,
    _capitalised_after,
    _elided_name,
    _title_case_line,
    _token_key,
)
from deploymap.extract.toponym_types import _Index, _Match
from deploymap.extract.toponyms import Geoparser
from deploymap.model import Candidate


def _scan(
    self: Geoparser,
    text: str,
    toks: list[tuple[int, int, str]],
    idx: _Index,
    caps: list[int] | None = None,
) -> list[_Match]:
    """Longest gazetteer matches that start with a capitalised token (*caps*:
    their indices, :func:`_capitalised` of *toks*, if the caller has them)."""
    names, prefixes = idx.names, idx.prefixes
    n = len(toks)
    keys: list[str | None] = [None] * n
    tkeys = self._tkeys
    cache = self._cands
    name_words = self._name_words
    out: list[_Match] = []
    stems = idx.abbrev_stems
    nxt = 0  # the first token not inside a match
    if caps is None:
        caps = _capitalised(toks)
    # the capitalised tokens known to open no name (and no abbreviation) are
    # passed over at C speed: a text's capitalised words are mostly known ones
    dead = self._opens_nothing
    if len(dead) > TOKEN_KEY_CACHE:
        dead.clear()
    opening = self._openings
    written = map(itemgetter(2), map(toks.__getitem__, caps))
    for i in itertools.compress(caps, map(operator.not_, map(dead.__contains__, written))):
        if i < nxt:
            continue
        s, _e, w = toks[i]
        # After "Town, " a province abbreviation beats a namesake: "Paris, Mo."
        if w in stems and out and text[out[-1].end : s] == ", ":
            ab = self._abbreviation(text, toks, i, out, idx)
            if ab is not None:
                out.append(ab)
                continue
        got = opening.get(w)
        if got is None:
            got = _opening(self, w, names, prefixes)
        key, named, prefixed, possessive = got
        keys[i] = key
        if not (named or prefixed or possessive):
            # no name starts here (the loop below would find none)
            if w not in stems:
                dead.add(w)
                continue
            ab = self._abbreviation(text, toks, i, out, idx)
            if ab is not None:
                out.append(ab)
            continue
        best: tuple[int, str, int] | None = None
        # the first token (capitalised) on its own, then the run's next ones
        if possessive:
            if named:  # (the name without its "'s")
                best = (i, key[:-2], _e - 2)
        elif named:
            best = (i, key, _e)
        if prefixed and not possessive:
            j = i + 1
            while j < n and j - i < MAX_TOKENS:
                w = toks[j][2]
                gap = text[toks[j - 1][1] : toks[j][0]]
                if gap not in _JOIN_GAPS and not (gap == ". " and keys[j - 1] in _ABBREV_KEYS):
                    break
                if (
                    not w[0].isupper()
                    and w not in lex.CONNECTORS
                    and w not in name_words
                    and not _elided_name(w)
                ):
                    break
                k = keys[j]
                if k is None:
                    k = tkeys.get(w) or self._token_key(w)
                    keys[j] = k
                key = f"{key} {k}"
                if w.endswith(_POSSESSIVE):
                    bare = key[:-2]
                    if bare in names:
                        best = (j, bare, toks[j][1] - 2)
                    break
                if key in names and (
                    w[0].isupper() or w[0].isdigit() or _elided_name(w) or w in name_words
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
        cands = cache.get(key)  # (Geoparser._candidates's cache, looked up inline)
        if cands is None:
            cands = self._candidates(key)
        out.append(_Match(s, end, i, j, key, cands))
        nxt = j + 1
    return out


def _extend(
    self: Geoparser, text: str, toks: list[tuple[int, int, str]], matches: list[_Match]
) -> None:
    """Grow names into the larger place names English builds from them:
    "Scott County", "Hutcheson Road" (a place word after the name) and
    "Northern Europe", "North London" (a direction before it)."""
    n = len(toks)
    tkeys = self._tkeys
    lower = plex.LOWER_DIRECTIONS
    for m in matches:
        if m.kind != "gazetteer":
            continue
        j = m.j + 1
        if (
            j < n
            and text[m.end : toks[j][0]] == " "
            and (w := toks[j][2])[:1].isupper()
            and (tkeys.get(w) or _token_key(w)) in lex.PLACE_SUFFIXES
        ):
            m.end, m.j, m.kind = toks[j][1], j, "suffix"
        i = m.i - 1
        if i < 0:
            continue
        w = toks[i][2]
        if (
            text[toks[i][1] : m.start] == " "
            and w[:1].isupper()
            and (tkeys.get(w) or _token_key(w)) in lex.DIRECTION_PREFIXES
        ):
            m.start, m.i = toks[i][0], i
        elif w in lower or len(w) == 1:  # (_direction_country's first test, inline)
            self._direction_country(text, toks, m, i)


def _filter(
    self: Geoparser,
    text: str,
    toks: list[tuple[int, int, str]],
    matches: list[_Match],
    idx: _Index,
    caps: list[int] | None = None,
) -> list[_Match]:
    """Drop matches that English usage marks as something other than a place
    (*caps*: :func:`_capitalised` of *toks*, if the caller has it)."""
    kept: list[_Match] = []
    doubted: list[_Match] = []  # dropped as common words only
    n = len(toks)
    tkeys = self._tkeys
    person_words: set[str] = set()
    by_start = {m.start: m for m in matches}
    # the tokens that may open a news agency's name (most texts have none)
    if caps is None or any(k in text for k in _MEDIA_LOWER):
        media = set(
            itertools.compress(range(n), map(_MEDIA.__contains__, map(itemgetter(2), toks)))
        )
    else:  # every other agency's name opens with a capital
        media = {i for i in caps if toks[i][2] in _MEDIA}
    # A name the text fixes once ("CHURCHILL, Man.", a dateline) is a place in
    # its other mentions too, whatever English would make of the word alone.
    off = self.rules_off  # (the rules switched off, asked once per text)
    resident = "resident_of" not in off
    inside_org = "inside_org" not in off
    speaker_of = "speaker_of" not in off
    initialisms = "initialisms" not in off
    sure: set[str] = set()
    # the countries the text names by name or alias (a match's first reading)
    named_countries: set[str] = set()
    for m in matches:
        # (the first tests of _is_dateline and _is_statewide, inline: most fail them)
        k = m.j + 1
        m.statewide = (
            k < n
            and text[m.end : toks[k][0]] == " "
            and (tkeys.get(w := toks[k][2]) or _token_key(w)) in lex.STATE_CUES
        ) or (m.start >= 9 and text[m.start - 3 : m.start] in _OF and _state_of(text, m.start))
        if not m.cands:
            m.dateline = False
            continue
        m.dateline = toks[m.i][2].isupper() and _is_dateline(text, toks, m)
        if (
            m.dateline
            or ((q := by_start.get(m.end + 2)) is not None and _held_by_next(text, m, q))
            or (resident and text.endswith("of ", 0, m.start) and rules.resident_of(text, m.start))
        ):
            sure.add(m.key)
        c = m.cands[0]
        if c.place.kind == "country" and c.form in ("name", "alias"):
            named_countries.add(c.place.iso3)
    # what the checks below ask of a name key alone, worked out once per key
    key_facts = self._key_facts
    facts_of = self._facts_of
    ends = self._sentence_ends
    for m in matches:
        if not m.cands:
            continue
        if (
            media
            and not media.isdisjoint(range(m.i - 2, m.i + 1))
            and _in_media_name(text, toks, m)
        ):
            self._drop(m, "media")
            continue
        kf = key_facts.get(m.key)
        if kf is None:
            kf = self._key_flags(m.key)
        if not kf & _EARLY:
            pass  # none of the three tests below can drop it
        elif m.i == m.j and m.key in plex.ORGANISATION_INITIALISMS:
            self._drop(m, "org_initialism")
            continue
        elif _generic(m) and not any(
            c.place.iso3 in named_countries and c.place.kind != "country" for c in m.cands
        ):
            self._drop(m, "generic")
            continue
        elif "direction_areas" not in self.rules_off and rules.direction_only(m.key):
            # "Far North", "North West": such a province only in a text naming its
            # country ("Middle East", in no country, stays)
            m.cands = tuple(
                c for c in m.cands if not c.place.iso3 or c.place.iso3 in named_countries
            )
            if not m.cands:
                self._drop(m, "direction_area")
                continue
        if m.kind == "abbreviation":  # found only where a province is meant
            kept.append(m)
            continue
        first_tok = toks[m.i][2]
        single = m.i == m.j
        cands = m.cands
        m.demonym = cands[0].form == "demonym"
        if not kf & _LATE:
            pass  # none of the three tests below can drop it
        elif self.lang == "fr" and frp.is_function_word(m.key):
            self._drop(m, "function_word")
            continue
        elif single and (m.key in lex.MONTHS or m.key in lex.WEEKDAYS):
            self._drop(m, "calendar")
            continue
        elif single and m.key in lex.DIRECTIONS:
            self._drop(m, "direction")
            continue
        got = facts_of.get(id(cands))
        f = got[1] if got is not None and got[0] is cands else self._facts(cands)
        area = f.area
        if m.i > 0:
            _, pe, prev = toks[m.i - 1]
            prev_gap = text[pe : m.start]
        else:
            prev = prev_gap = ""
        if m.j + 1 < n:
            ns, _, nxt = toks[m.j + 1]
            next_gap = text[m.end : ns]
        else:
            nxt, next_gap = "", text[m.end :]
        prev_key = (tkeys.get(prev) or self._token_key(prev)) if prev else ""
        nxt_key = (tkeys.get(nxt) or self._token_key(nxt)) if nxt else ""

        if next_gap.startswith("$"):  # "US$10": a currency
            self._drop(m, "currency")
            continue
        # "President X", "Mr X" (_title_before's first test inline: most fail it)
        title = (
            _title_before(text, toks, m.i, tkeys)
            if prev_gap in (" ", ". ") and prev[:1].isupper()
            else None
        )
        if title is not None:
            # the whole name is a person's, wherever its words stand alone
            person_words.update(self._name_after_title(text, toks, title + 1))
            self._drop(m, "title")
            continue
        if next_gap == " " and nxt_key in lex.DISEASE_WORDS:
            self._drop(m, "disease")
            continue
        # A capitalised name run that ends in "School", "Airways", ... is an
        # organisation: "Buffalo Public Schools", "Kenya Airways".
        possessive = text[m.end : m.end + 2] in _POSSESSIVE
        next_cap = bool(nxt) and next_gap == " " and nxt[:1].isupper()
        # ... unless a country heads it: "US Energy Secretary", "U.S. Food and
        # Drug Administration" name the country's institutions.  (Not possessive,
        # the match ends where its last token does: next_cap is _org_follows's
        # first test.)
        org = None if possessive or not next_cap else self._org_follows(text, toks, m.j, n)
        heads = org not in lex.PRIVATE_BODIES and (
            f.country_named or (m.demonym and org in lex.STATE_FORCES)
        )  # "US Energy Secretary", "the Irish Defence Forces"
        if org is not None and not heads and inside_org:
            self._drop(m, "org_suffix")
            continue
        # Part of a larger capitalised name: "Michael Jordan", "Newmont Mining".
        if (
            prev_gap == " "
            and prev[:1].isupper()
            and not m.demonym
            and prev_key not in lex.FUNCTION_WORDS
            and not (self.lang == "fr" and frp.is_function_word(prev_key))  # "Les Comores"
            and not prev.endswith(_POSSESSIVE)
        ):
            if prev_key in idx.first_names and not self._is_country_name(prev_key):
                if not prev.isupper():
                    person_words.add(m.key)
                self._drop(m, "first_name")
                continue
            # "CTV Winnipeg", "CBC Toronto": a broadcaster's local station
            station = prev.isupper() and 2 <= len(prev) <= 4
            # ... and a country closing a name is its place: "Environment Canada"
            country = f.country_name
            prev_at_start = m.i > 0 and (
                m.i == 1
                or self._ends_sentence(text[max(0, toks[m.i - 1][0] - 3) : toks[m.i - 1][0]])
            )
            if not prev_at_start and not station and not country and not self._is_placey(prev_key):
                self._drop(m, "prev_cap")
                continue
        if m.demonym:
            if self.demonyms == "none":
                self._drop(m, "dem_none")
                continue
            if self.demonyms == "adjectives" and _is_plural_demonym(m.key, idx):
                self._drop(m, "dem_plural")
                continue
            # "speaks French", "in Turkish," : the language.
            if prev_key in lex.LANGUAGE_CUES:
                self._drop(m, "dem_lang")
                continue
            if prev_key == "in" and (not nxt or next_gap.strip()):
                self._drop(m, "dem_in_lang")
                continue
        else:
            if (
                nxt_key in lex.SPEECH_VERBS
                and next_gap == " "
                and not area
                and prev_key not in lex.LOCATIVE_PREPOSITIONS  # "a lab in Winnipeg said"
                and not (prev_key == "of" and speaker_of)
            ):
                self._drop(m, "speech")
                continue
            if m.key in sure:
                kept.append(m)
                continue
            # whether the name opens a sentence: asked only by the two tests below
            at_start: bool | None = None
            # "NY", "U.K.": an initialism is not an English word written in capitals
            initialism = (
                initialisms and first_tok.isupper() and (len(first_tok) <= 3 or "." in first_tok)
            )
            if (
                single
                and not initialism
                and kf & _COMMON  # (_is_common_word's first test, per key)
                and not f.feature  # (_is_common_word's next test, inline)
            ):
                at_start = m.i == 0 or _opens_sentence(self, ends, text, m.start)
                if self._is_common_word(m, at_start, prev_key, f):
                    self._drop(m, "common_word")
                    doubted.append(m)
                    continue
            # Short all-capital tokens are acronyms unless a country/province is
            # meant, or they open a dateline ("GOMA, Democratic Republic of ...").
            if single and first_tok.isupper() and len(first_tok) <= 4 and not area:
                if at_start is None:
                    at_start = m.i == 0 or _opens_sentence(self, ends, text, m.start)
                if not (at_start and next_gap.startswith(",")):
                    self._drop(m, "acronym")
                    continue
            # "Victoria Beckham", "Paul Bolton": a first name before a capitalised word.
            if (
                single
                and next_cap
                and m.key in idx.first_names
                and not self._is_country_name(m.key)
            ):
                person_words.add(m.key)
                self._drop(m, "first_name_next")
                continue
            # A country that is also a first name, when a person is meant: "a
            # spokesman called Chad", "Chad Smith said" (a surname, no place word).
            if (
                single
                and m.key in idx.first_names
                and (
                    prev_key in lex.NAMING_WORDS
                    or (
                        next_cap
                        and org is None
                        and nxt[1:].islower()
                        and not _capitalised_after(text, toks, m.j + 1)  # "Kenya Medical Council"
                        and f"{m.key} {nxt_key}" not in idx.prefixes
                        and not self._is_area_name(nxt_key)
                        and nxt_key not in lex.PLACE_SUFFIXES
                        and nxt_key not in lex.ORG_SUFFIXES
                        and nxt_key not in lex.TITLES
                        and nxt_key not in lex.MONTHS
                        and nxt_key not in lex.WEEKDAYS
                        and nxt_key not in lex.DIRECTIONS
                    )
                )
            ):
                person_words.add(m.key)
                self._drop(m, "first_name_country")
                continue
            # A country or province heads an organisation's name as its place:
            # "U.S. Army", "Canada West Foundation" ("US" written as initials too).
            # (Asked only of a single word before a capitalised one.)
            if (
                next_cap
                and single
                and not (
                    (org is not None and heads)
                    or (
                        m.key not in idx.first_names
                        # a country or province by name, or a country in capitals ("US")
                        and (f.big_name or (f.any_country and first_tok.isupper()))
                    )
                )
                and not self._is_placey(nxt_key)
                and nxt_key not in lex.MONTHS
                and nxt_key not in lex.WEEKDAYS
            ):
                self._drop(m, "next_cap")
                continue
        kept.append(m)
    if doubted and "list_mates" not in self.rules_off:
        kept = rules.list_mates(text, kept, doubted)
    if person_words:
        kept = [
            m
            for m in kept
            if m.key in sure
            or not (m.key in person_words or _before_person(text, toks, m, person_words))
        ]
    return kept


def _loose_matches(
    self: Geoparser,
    text: str,
    toks: list[tuple[int, int, str]],
    matches: list[_Match],
    caps: list[int] | None = None,
) -> list[_Match]:
    """Transliteration variants ("Hiraan" for Hiiraan, "Middle Shabelle" for
    Middle Shebelle): a capitalised run the gazetteer does not know matches
    a major place with the same consonant skeleton, but only in a country
    the document already names, and never a first name or a common word.
    *caps*: :func:`_capitalised` of *toks*, if the caller has it."""
    countries = {m.place.iso3 for m in matches if m.place and m.place.kind == "country"}
    if not countries:
        return matches
    idx = self.index
    loose = self.loose_index
    english = idx.english
    # the tokens already taken (the matches run from token i to token j)
    taken = {k for m in matches for k in range(m.i, m.j + 1)}
    headlines: dict[int, bool] = {}
    out = list(matches)
    n = len(toks)
    tkeys = self._tkeys
    loose_hits = self._loose_hits
    # words as written whose one-word run has no spelling variant
    alone_unspelt = self._alone_unspelt
    if len(alone_unspelt) > TOKEN_KEY_CACHE:
        alone_unspelt.clear()
    nxt = 0  # the first token after the last run looked at
    if caps is None:
        caps = _capitalised(toks)
    # ... not all in capitals (C-level, as _capitalised) and not in a match
    written = map(itemgetter(2), map(toks.__getitem__, caps))
    free = itertools.compress(caps, map(operator.not_, map(str.isupper, written)))
    for i in itertools.filterfalse(taken.__contains__, free):
        if i < nxt:
            continue
        w = toks[i][2]
        # whether the capitalised run goes on after this word
        goes_on = (
            i + 1 < n
            and toks[i + 1][2][:1].isupper()
            and (text[toks[i][1] : toks[i + 1][0]] in _JOIN_GAPS)
        )
        if not goes_on and w in alone_unspelt:
            continue  # a one-word run known to have no spelling variant
        s0 = toks[i][0]
        # the whole capitalised run, in running text: not part of a longer
        # name ("Aleksandar Vucic") and not a headline in Title Case
        j = i
        if goes_on:
            j = i + 1
            while (
                j + 1 < n
                and toks[j + 1][2][:1].isupper()
                and (text[toks[j][1] : toks[j + 1][0]] in _JOIN_GAPS)
            ):
                j += 1
        nxt = j + 1
        if j == i:  # most runs are one word: its key, with no list to join
            key = tkeys.get(w) or self._token_key(w)
        else:
            key = " ".join([tkeys.get(t[2]) or self._token_key(t[2]) for t in toks[i : j + 1]])
        # the rarest condition first (all of them must hold)
        spelt = loose_hits.get(key)
        if spelt is None:
            if len(self._loose_hits) > TOKEN_KEY_CACHE:
                self._loose_hits.clear()
            spelt = self._loose_hits[key] = [
                p for name, p in loose.get(loose_key(key), ()) if _close_spelling(key, name)
            ]
        if not spelt:
            if j == i:
                alone_unspelt.add(w)
            continue
        run = toks[i : j + 1]
        words = [tkeys.get(t[2]) or self._token_key(t[2]) for t in run]
        glued = i > 0 and toks[i - 1][2][:1].isupper() and text[s0 - 1 : s0] in (" ", "-")
        if glued or len(run) > 3 or all(wd in english for wd in words):
            continue
        if key in idx.names or key in idx.first_names or key in lex.TITLES:
            continue
        places = [p for p in spelt if p.iso3 in countries]
        if not places:
            continue
        line = text.rfind("\n", 0, s0)
        if line not in headlines:
            headlines[line] = _title_case_line(text, s0)
        if headlines[line]:
            continue
        best = max(places, key=lambda p: (p.kind == "admin1", p.population, p.id))
        m = _Match(run[0][0], run[-1][1], j - len(run) + 1, j, key, (), kind="loose")
        m.place, m.confidence = best, LOOSE_CONFIDENCE
        out.append(m)
    if len(out) > len(matches):
        out.sort(key=attrgetter("start"))
    return out


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
    taken = {i for m in matches for i in range(m.i, m.j + 1)}
    out = list(matches)
    for i in hits:
        if i not in taken:
            s, e, _ = toks[i]
            key, cands = cast("tuple[str, tuple[Candidate, ...]]", dem[words[i]])
            out.append(_Match(s, e, i, i, key, cands))
    if len(out) > len(matches):  # (matches are in text order)
        out.sort(key=attrgetter("start"))
    return out


class ReferenceGeoparser(Geoparser):
    """A geoparser whose scan, lower-case demonyms, filters, extension and
    spelling variants are the references above."""

    def _scan(self, text, toks, idx, caps=None, words=None):  # type: ignore[override]
        return _scan(self, text, toks, idx, caps)

    def _filter(self, text, toks, matches, idx, caps=None, words=None):  # type: ignore[override]
        return _filter(self, text, toks, matches, idx, caps)

    def _loose_matches(self, text, toks, matches, caps=None, words=None):  # type: ignore[override]
        return _loose_matches(self, text, toks, matches, caps)

    _extend = _extend
    _lower_demonyms = _lower_demonyms
