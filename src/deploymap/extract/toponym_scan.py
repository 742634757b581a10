"""The geoparser's gazetteer name scan: capitalised token runs matched against the
name keys (longest first), abbreviations, joined names and direction-led country
names (used by :mod:`deploymap.extract.toponyms`)."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Container
from operator import itemgetter
from typing import TYPE_CHECKING

from deploymap.extract import _lexicon as lex
from deploymap.extract import _place_lexicon as plex
from deploymap.extract.toponym_filters import _quiet_key
from deploymap.extract.toponym_tokens import (
    _ABBREV_KEYS,
    _JOIN_GAPS,
    _POSSESSIVE,
    _SENTENCE_END,
    TOKEN_KEY_CACHE,
    _capitalised,
    _elided_name,
    _token_key,
)
from deploymap.extract.toponym_types import _Index, _Match

if TYPE_CHECKING:
    from deploymap.extract.toponyms import Geoparser

# The longest name scanned, in tokens.
MAX_TOKENS = 8


def _scan(
    self: Geoparser,
    text: str,
    toks: list[tuple[int, int, str]],
    idx: _Index,
    caps: list[int] | None = None,
    words: list[str] | None = None,
) -> list[_Match]:
    """Longest gazetteer matches that start with a capitalised token (*caps*:
    their indices, :func:`_capitalised` of *toks*, if the caller has them;
    *words*: the tokens' words, with *caps*)."""
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
    quiet_keys = self._quiet_keys
    loud = self._trace  # (a trace records every drop: all matches are made)
    if words is None:
        written = map(itemgetter(2), map(toks.__getitem__, caps))
    else:
        written = map(words.__getitem__, caps)
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
                a = toks[j - 1][1]
                b, _, w = toks[j]
                # the gap text[a:b] is one of _JOIN_GAPS (each one character) or
                # ". " after an abbreviation (told without slicing the text)
                if b == a + 1:
                    if text[a] not in _JOIN_GAPS:
                        break
                elif not (
                    b == a + 2
                    and text[a] == "."
                    and text[a + 1] == " "
                    and keys[j - 1] in _ABBREV_KEYS
                ):
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
        if j == i and loud is None:
            # a match the filters drop with no effect on the others ("Le",
            # "Lundi") is not made (see toponym_filters._quiet_key)
            quiet = quiet_keys.get(key)
            if quiet is None:
                quiet = _quiet_key(self, key, cands)
            if quiet and text[end : end + 2] != ", ":
                continue
        out.append(_Match(s, end, i, j, key, cands))
        nxt = j + 1
    return out


def _opening(
    self: Geoparser, w: str, names: Container[str], prefixes: Container[str]
) -> tuple[str, bool, bool, bool]:
    """What the scan asks of a capitalised token *w* that may open a name:
    (its key, whether that is a name, whether a longer name goes on from it,
    whether *w* is a possessive), remembered per word as written.  Of a
    possessive ("Mali's"), whether the name without its "'s" is one, and no
    longer name is looked for."""
    key = self._tkeys.get(w) or self._token_key(w)
    possessive = w.endswith(_POSSESSIVE)
    if possessive:
        got = (key, key[:-2] in names, False, True)
    else:
        got = (key, key in names, key in prefixes, False)
    if len(self._openings) > TOKEN_KEY_CACHE:
        self._openings.clear()
    self._openings[w] = got
    return got


def _ends_sentence(self: Geoparser, before: str) -> bool:
    """Whether the few characters *before* a token end a sentence (or are
    blank), remembered: a text has few distinct such contexts."""
    got = self._sentence_ends.get(before)
    if got is None:
        if len(self._sentence_ends) > TOKEN_KEY_CACHE:
            self._sentence_ends.clear()
        got = self._sentence_ends[before] = bool(_SENTENCE_END.search(before))
    return got


def _abbreviation(
    self: Geoparser,
    text: str,
    toks: list[tuple[int, int, str]],
    i: int,
    out: list[_Match],
    idx: _Index,
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
            and toks[j][0] == m.end + 1  # (the gap is " ")
            and text[m.end] == " "
            and (w := toks[j][2])[0].isupper()
            and (tkeys.get(w) or _token_key(w)) in lex.PLACE_SUFFIXES
        ):
            m.end, m.j, m.kind = toks[j][1], j, "suffix"
        i = m.i - 1
        if i < 0:
            continue
        w = toks[i][2]
        if (
            m.start == toks[i][1] + 1  # (the gap is " ")
            and text[m.start - 1] == " "
            and w[0].isupper()
            and (tkeys.get(w) or _token_key(w)) in lex.DIRECTION_PREFIXES
        ):
            m.start, m.i = toks[i][0], i
        elif w in lower or len(w) == 1:  # (_direction_country's first test, inline)
            self._direction_country(text, toks, m, i)


def _direction_country(
    self: Geoparser, text: str, toks: list[tuple[int, int, str]], m: _Match, i: int
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
