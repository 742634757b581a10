"""Filters of the geoparser's matches: common words, persons, organisations and
media, datelines, statewide mentions (used by :mod:`deploymap.extract.toponyms`)."""

from __future__ import annotations

import itertools
import math
from operator import itemgetter
from typing import TYPE_CHECKING

from deploymap.extract import _french_places as frp
from deploymap.extract import _lexicon as lex
from deploymap.extract import _place_lexicon as plex
from deploymap.extract import toponym_context as rules
from deploymap.extract.toponym_resolve import _holds
from deploymap.extract.toponym_tokens import (
    _POSSESSIVE,
    _TOKEN,
    TOKEN_KEY_CACHE,
    _capitalised_after,
    _token_key,
)
from deploymap.extract.toponym_types import _Facts, _Index, _Match
from deploymap.gazetteer import AREA_KINDS
from deploymap.model import Candidate

if TYPE_CHECKING:
    from deploymap.extract.toponyms import Geoparser

# A one-word name that is also a frequent English word must be this much more
# "place" than "word": log10(population) - zipf frequency (see _is_common_word).
COMMON_WORD_MARGIN = 0.9
COMMON_WORD_MARGIN_SENTENCE_START = 1.8
COMMON_WORD_MIN_ZIPF = 3.0
COMMON_ADMIN1_ZIPF = 5.1
ORG_LOOKAHEAD = 4


def _held_by_next(text: str, m: _Match, q: _Match | None) -> bool:
    """Whether "Town, Qualifier" holds: *q* follows *m* after ", " and is a province
    abbreviation ("Churchill, Man.") or a country or province that holds one of
    *m*'s candidates ("Paris, Texas")."""
    if q is None or text[m.end : q.start] != ", " or not q.cands or not m.cands:
        return False
    if q.kind == "abbreviation":
        return True
    # the countries of the qualifier's readings that can hold a place by name
    # (_holds's own tests, to pass over the candidates it would refuse)
    isos = {
        qc.place.iso3
        for qc in q.cands[:3]
        if qc.form == "name" and qc.place.kind in ("country", "admin1")
    }
    return bool(isos) and any(
        c.place.iso3 in isos
        and c.place.kind not in ("country", "admin1")
        and _holds(q, c.place, by_name=True)
        for c in m.cands
    )


def _is_statewide(text: str, toks: list[tuple[int, int, str]], m: _Match) -> bool:
    """Whether the words around *m* say it is a state or province: "New York
    state", "Washington State farm", "New York Gov. Cuomo", "the state of Washington"."""
    k = m.j + 1
    if (
        k < len(toks)
        and text[m.end : toks[k][0]] == " "
        and _token_key(toks[k][2]) in (lex.STATE_CUES)
    ):
        return True
    return _state_of(text, m.start)


# What "of " may be written as (str.lower gives "of " for these only).
_OF = frozenset({"of ", "Of ", "oF ", "OF "})


def _state_of(text: str, start: int) -> bool:
    """Whether "state of " (any case) ends at *start*; the cheap test first."""
    return (
        start >= 9
        and text[start - 3 : start] in _OF
        and text[start - 9 : start].lower() == "state of "
    )


def _is_dateline(text: str, toks: list[tuple[int, int, str]], m: _Match) -> bool:
    """Whether *m* is an all-capitals dateline opening a line ("LONDON (Reuters) -",
    "COLUMBIA, Ky.", "DETROIT The ...") rather than a word of an all-capitals headline."""
    if not toks[m.i][2].isupper():  # most names: no need to look further
        return False
    words = [t[2] for t in toks[m.i : m.j + 1]]
    if not all(w.isupper() for w in words) or sum(len(w) for w in words) < 3:
        return False
    # at the start of its line (looking back only to the previous token), or
    # joined by a slash to an all-capitals name that is: "KIGALI/JUBA -"
    i = m.i
    while i > 0 and text[toks[i - 1][1] : toks[i][0]] == "/" and toks[i - 1][2].isupper():
        i -= 1
    gap = text[toks[i - 1][1] if i > 0 else 0 : toks[i][0]]
    nl = gap.rfind("\n")
    if (nl < 0 and i > 0) or gap[nl + 1 :].strip():
        return False
    j = m.j
    while (
        j + 1 < len(toks) and text[toks[j][1] : toks[j + 1][0]] == "/" and toks[j + 1][2].isupper()
    ):
        j += 1
    if j + 1 >= len(toks):
        return True
    s, _, nxt = toks[j + 1]
    after = text[toks[j][1] : s].strip()
    # "LONDON (Reuters) -", "DALLAS —", "NEWARK, N.J.", or the story's first
    # sentence ("DETROIT The agency..."); not "NATO and the EU"
    return after[:1] in (",", "(", "—", "–", "-") or (nxt[:1].isupper() and not nxt.isupper())


def _opens_sentence(self: Geoparser, ends: dict[str, bool], text: str, start: int) -> bool:
    """Whether the few characters before *start* end a sentence (*ends*: the
    geoparser's cache of :meth:`Geoparser._ends_sentence`, looked up first)."""
    before = text[max(0, start - 3) : start]
    known = ends.get(before)
    return self._ends_sentence(before) if known is None else known


def _title_before(
    text: str, toks: list[tuple[int, int, str]], i: int, keys: dict[str, str] | None = None
) -> int | None:
    """The token of the title ("President", "Mr.") that opens the person's name
    token *i* is part of, looking back over at most two capitalised words
    (*keys*: token keys known already, as the geoparser keeps them)."""
    k = i - 1
    while k >= 0 and i - k <= 3:
        gap = text[toks[k][1] : toks[k + 1][0]]
        w = toks[k][2]
        if gap not in (" ", ". ") or not w[:1].isupper():
            return None
        key = (keys.get(w) if keys is not None else None) or _token_key(w)
        if key in lex.TITLES:
            return k
        if gap != " ":  # "Doyle. Wisconsin": a sentence ends; only "Mr. X" has the dot
            return None
        if w.isupper() or key in lex.FUNCTION_WORDS:
            return None
        k -= 1
    return None


def _before_person(
    text: str, toks: list[tuple[int, int, str]], m: _Match, person_words: set[str]
) -> bool:
    """Whether *m* is a given name before a surname the text gives a person:
    "Jonas Preston" where the text also writes "President Preston"."""
    k = m.j + 1
    if k >= len(toks) or text[m.end : toks[k][0]] != " " or m.j != m.i:
        return False
    w = toks[k][2]
    return w[:1].isupper() and _token_key(w) in person_words


def _media_index() -> dict[str, list[tuple[str, ...]]]:
    """Agency and broadcaster names by their first token, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for name in plex.NEWS_MEDIA:
        words = tuple(t.group() for t in _TOKEN.finditer(name))
        out.setdefault(words[0], []).append(words)
    for v in out.values():
        v.sort(key=len, reverse=True)
    return out


_MEDIA = _media_index()
# The agency names that open in lower case ("dpa").
_MEDIA_LOWER = tuple(k for k in _MEDIA if not k[:1].isupper())


def _in_media_name(text: str, toks: list[tuple[int, int, str]], m: _Match) -> bool:
    """Whether *m* lies in the name of a news agency or broadcaster credited in
    *text*: long names anywhere ("Deutsche Welle"), short capitals ("AP", "AFP")
    only as a credit, in parentheses or before "said", "reported" and the like."""
    n = len(toks)
    for k in range(max(0, m.i - 2), m.i + 1):
        w = toks[k][2]
        for words in _MEDIA.get(w, ()):
            j = k + len(words) - 1
            if j < m.i or j >= n or tuple(t[2] for t in toks[k : j + 1]) != words:
                continue
            if len(words) == 1 and w.isupper() and len(w) <= 4:
                s, end = toks[k][0], toks[j][1]
                gap = text[end : toks[j + 1][0]] if j + 1 < n else ""
                return (
                    (text[s - 1 : s] == "(" and text[end : end + 1] in ")/,")
                    or (gap == " " and toks[j + 1][2] in plex.CREDIT_WORDS)
                    # "APA-Pretoria": the agency before its dateline city
                    or (
                        gap == "-"
                        and toks[j + 1][2][:1].isupper()
                        and (k == 0 or "\n" in text[toks[k - 1][1] : s])
                    )
                )
            return True
    return False


def _generic(m: _Match) -> bool:
    """Whether *m* is a lone generic word ("Islands", "The Mission")."""
    return _generic_key(m.key)


def _generic_key(key: str) -> bool:
    """Whether a name key is a lone generic word ("islands", "the mission")."""
    key = key[4:] if key.startswith("the ") else key
    return key in plex.GENERIC_WORDS


def _is_plural_demonym(key: str, idx: _Index) -> bool:
    """ "Serbs", "Americans": a people, not an adjective ("Swiss" is both)."""
    return key.endswith("s") and key[:-1] in idx.names


# Capitalised words that do not open a street's name ("On Tuesday Main Street").
_NOT_NAME = lex.MONTHS | lex.WEEKDAYS | lex.TITLES
# Flags of Geoparser._key_flags: a name key some of the early (organisation
# initialism, generic word, direction area) or late (French function word,
# calendar word, direction) filters can drop.
_EARLY = 1
_LATE = 2
# ... and a key whose common-word frequency is high enough to doubt it (see
# _is_common_word's first test).
_COMMON = 4


def _key_flags(self: Geoparser, key: str) -> int:
    """Which of the key-only filters may drop a name *key* (:data:`_EARLY`,
    :data:`_LATE`) and whether it is a common word (:data:`_COMMON`),
    remembered per key: a text repeats its names."""
    early = key in plex.ORGANISATION_INITIALISMS or _generic_key(key) or rules.direction_only(key)
    late = (
        (self.lang == "fr" and frp.is_function_word(key))
        or key in lex.MONTHS
        or key in lex.WEEKDAYS
        or key in lex.DIRECTIONS
    )
    zipf = self.index.common.get(key)
    common = zipf is not None and zipf >= COMMON_WORD_MIN_ZIPF
    flags = (_EARLY if early else 0) | (_LATE if late else 0) | (_COMMON if common else 0)
    if len(self._key_facts) > TOKEN_KEY_CACHE:
        self._key_facts.clear()
    self._key_facts[key] = flags
    return flags


def _quiet_key(self: Geoparser, key: str, cands: tuple[Candidate, ...]) -> bool:
    """Whether a one-token name match of *key* (with *cands*, its candidates)
    is dropped by :func:`_filter` whatever stands around it, with nothing
    done for the other matches on the way, wherever ", " does not follow it
    (remembered per key).  The scan does not make such matches.

    Such a match is a French function word, a month, a weekday or a direction
    (:data:`_LATE`: every one-token gazetteer match of such a key is dropped,
    by that test or an earlier one) or has no candidates.  Before ", " it
    may be the town of an abbreviation ("Town, Ky."), which the scan and
    ``dotted_abbreviations`` read.  Elsewhere it could only name a country
    (a first reading that is one by name or alias: not quiet), be a "Town,
    Qualifier" pair's qualifier (a country or province by name among its
    first three readings: not quiet), or make its key one the text fixes (a
    dateline; the town of a pair; "residents of"), which only a kept match
    of that key reads: an abbreviation's (the abbreviation tokens' keys are
    not quiet).
    """
    got = self._quiet_keys.get(key)
    if got is not None:
        return got
    if not cands:
        got = True
    else:
        kf = self._key_facts.get(key)
        if kf is None:
            kf = self._key_flags(key)
        abbrev_keys = self._abbrev_keys
        if abbrev_keys is None:
            abbrev_keys = self._abbrev_keys = frozenset(map(_token_key, self.index.abbrev_stems))
        first = cands[0]
        got = bool(
            kf & _LATE
            and key not in abbrev_keys
            and not (first.place.kind == "country" and first.form in ("name", "alias"))
            and not any(
                c.form == "name" and c.place.kind in ("country", "admin1") for c in cands[:3]
            )
        )
    if len(self._quiet_keys) > TOKEN_KEY_CACHE:
        self._quiet_keys.clear()
    self._quiet_keys[key] = got
    return got


def _filter(
    self: Geoparser,
    text: str,
    toks: list[tuple[int, int, str]],
    matches: list[_Match],
    idx: _Index,
    caps: list[int] | None = None,
    words: list[str] | None = None,
) -> list[_Match]:
    """Drop matches that English usage marks as something other than a place
    (*caps*: :func:`_capitalised` of *toks*, if the caller has it; *words*:
    the tokens' words, with *caps*)."""
    kept: list[_Match] = []
    doubted: list[_Match] = []  # dropped as common words only
    n = len(toks)
    tkeys = self._tkeys
    person_words: set[str] = set()
    by_start = {m.start: m for m in matches}
    # the tokens that may open a news agency's name (most texts have none)
    if caps is None or words is None or any(map(text.__contains__, _MEDIA_LOWER)):
        media = set(
            itertools.compress(range(n), map(_MEDIA.__contains__, map(itemgetter(2), toks)))
        )
    else:  # every other agency's name opens with a capital
        media = set(
            itertools.compress(caps, map(_MEDIA.__contains__, map(words.__getitem__, caps)))
        )
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
            (
                k < n
                and toks[k][0] == m.end + 1  # (the gap is " ")
                and text[m.end] == " "
                and (tkeys.get(w := toks[k][2]) or _token_key(w)) in lex.STATE_CUES
            )
            or (
                m.start >= 9
                and text[m.start - 2] in "fF"  # (what every one of _OF holds there)
                and text[m.start - 3 : m.start] in _OF
                and _state_of(text, m.start)
            )
        )
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
            if prev_gap in (" ", ". ") and prev[0].isupper()  # (a gap: a token before)
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
        possessive = text.startswith(_POSSESSIVE, m.end)
        next_cap = bool(nxt) and next_gap == " " and nxt[0].isupper()
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
            and prev[0].isupper()
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


def _name_after_title(
    self: Geoparser, text: str, toks: list[tuple[int, int, str]], i: int
) -> set[str]:
    """The words of the name that starts at token *i*, after a title ("President
    Jonas Preston"): up to three capitalised words, not a country's name."""
    out: set[str] = set()
    n = len(toks)
    j = i
    while j < n and j - i < 3:
        w = toks[j][2]
        if j > i and text[toks[j - 1][1] : toks[j][0]] != " ":
            break
        if not w[:1].isupper() or w.isupper():
            break
        key = _token_key(w)
        if key in lex.TITLES or self._is_country_name(key):
            break
        out.add(key)
        j += 1
    return out


def _org_follows(
    self: Geoparser, text: str, toks: list[tuple[int, int, str]], j: int, n: int
) -> str | None:
    """The organisation word that ends the capitalised run after token *j*, if any."""
    tkeys = self._tkeys
    for k in range(j + 1, min(j + 1 + ORG_LOOKAHEAD, n)):
        if text[toks[k - 1][1] : toks[k][0]] != " ":
            return None
        w = toks[k][2]
        if not w[:1].isupper():
            return None
        key = tkeys.get(w) or _token_key(w)
        if key in lex.ORG_SUFFIXES:
            return key
    return None


def _drop(self: Geoparser, m: _Match, reason: str) -> None:
    if self._trace is not None:
        self._trace.append((m, reason))


def _is_country_name(self: Geoparser, key: str) -> bool:
    return any(c.place.kind == "country" for c in self._candidates(key))


def _is_area_name(self: Geoparser, key: str) -> bool:
    """Whether *key* names a country, province or region ("Valley" does not)."""
    return key in self.index.names and any(
        c.place.kind in AREA_KINDS and c.form in ("name", "alias") for c in self._candidates(key)
    )


def _is_placey(self: Geoparser, key: str) -> bool:
    return key in self.index.names or key in self.index.prefixes


def _is_common_word(
    self: Geoparser, m: _Match, at_start: bool, prev_key: str, f: _Facts | None = None
) -> bool:
    """Whether *m* is a frequent English word rather than a place (*f*: the
    :class:`_Facts` of its candidates, if the caller has them)."""
    zipf = self.index.common.get(m.key)
    if zipf is None or zipf < COMMON_WORD_MIN_ZIPF:
        return False
    if f is None:
        f = self._facts(m.cands)
    if f.feature:
        return False  # "Chad", "Sahel": the name itself says place
    # "California" is a place wherever it stands; "Reading" opening a
    # sentence is the verb (only the most frequent words are doubted).
    if f.admin1_names and not (at_start and zipf >= COMMON_ADMIN1_ZIPF):
        return False
    pop = f.word_pop
    # Opening a sentence, "Reading" may be the verb; "London" is still the city.
    lower = at_start and m.key in self.index.english
    margin = COMMON_WORD_MARGIN_SENTENCE_START if lower else COMMON_WORD_MARGIN
    if prev_key in lex.LOCATIVE_PREPOSITIONS:
        margin -= 1.0
    return math.log10(pop + 1) - zipf < margin
