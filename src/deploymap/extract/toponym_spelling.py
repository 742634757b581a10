"""Spelling variants of place names: consonant skeletons and the closeness test
the geoparser's loose matching uses (see :mod:`deploymap.extract.toponyms`)."""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Container, Iterable, Sequence
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from deploymap.extract import _lexicon as lex
from deploymap.extract.toponym_tokens import (
    _JOIN_GAPS,
    TOKEN_KEY_CACHE,
    _capitalised,
    _title_case_line,
)
from deploymap.extract.toponym_types import _Match

if TYPE_CHECKING:
    from deploymap.extract.toponyms import Geoparser

# Spelling variants (see Geoparser._loose_matches)
LOOSE_MIN_CONSONANTS = 3
LOOSE_CONFIDENCE = 0.5
_VOWELS = str.maketrans("", "", "aeiouy")
_DOUBLED = re.compile(r"(.)\1+")


def loose_key(key: str) -> str:
    """A name key's consonant skeleton: first letter kept, vowels dropped,
    doubled letters single.

    >>> loose_key("hiiraan"), loose_key("hiraan"), loose_key("middle shebelle")
    ('hrn', 'hrn', 'mdl shbl')
    """
    words = []
    for w in key.split():
        body = w[1:].translate(_VOWELS)
        skeleton = w[:1] + body
        words.append(_DOUBLED.sub(r"\1", skeleton))
    return " ".join(words)


def _close_spelling(a: str, b: str) -> bool:
    """Same words, each starting with the same two letters and about as long:
    "hiraan"/"hiiraan", "middle shabelle"/"middle shebelle"."""
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(
        x[:2] == y[:2] and abs(len(x) - len(y)) <= 2 for x, y in zip(wa, wb, strict=True)
    )


_PLACE_OF = attrgetter("place")
_KIND_OF = attrgetter("kind")
_ISO3_OF = attrgetter("iso3")
_FIRST_TOKEN = attrgetter("i")
_LAST_TOKEN = attrgetter("j")


def _countries_of(matches: Iterable[_Match]) -> set[str]:
    """The countries the matches' places are: ``{m.place.iso3 for m in matches
    if m.place and m.place.kind == "country"}``, at C speed.

    >>> from deploymap.model import Place
    >>> mali = Place("country:MLI", "Mali", "country", "MLI", 17.0, -4.0)
    >>> gao = Place("geonames:1", "Gao", "city", "MLI", 16.3, 0.0)
    >>> ms = [_Match(0, 4, 0, 0, "mali", ()), _Match(5, 8, 1, 1, "gao", ())]
    >>> ms[0].place, ms[1].place = mali, gao
    >>> _countries_of(ms + [_Match(9, 12, 2, 2, "x", ())])
    {'MLI'}
    """
    places = list(filter(None, map(_PLACE_OF, matches)))
    is_country = map(operator.eq, map(_KIND_OF, places), itertools.repeat("country"))
    return set(map(_ISO3_OF, itertools.compress(places, is_country)))


def _tokens_of(matches: list[_Match]) -> set[int]:
    """The tokens the matches hold (each runs from token ``i`` to token ``j``):
    ``{k for m in matches for k in range(m.i, m.j + 1)}``, at C speed.

    >>> sorted(_tokens_of([_Match(0, 4, 0, 0, "a", ()), _Match(9, 20, 3, 5, "b c d", ())]))
    [0, 3, 4, 5]
    """
    ends = map(operator.add, map(_LAST_TOKEN, matches), itertools.repeat(1))
    return set(itertools.chain.from_iterable(map(range, map(_FIRST_TOKEN, matches), ends)))


def _maybe_spelt(
    free: list[int], caps: Iterable[int], words: Sequence[str], alone_unspelt: Container[str]
) -> list[int]:
    """The tokens of *free* (indices into *words*, in order) that
    :func:`_loose_matches` must look at: not a word of *alone_unspelt* (known
    to have no spelling variant as a one-word run) with no capitalised token
    after it (its run is that one word).  Told at C speed: most capitalised
    words of a text are such words.  *caps*: the indices of the capitalised
    tokens (:func:`_capitalised`).

    >>> _maybe_spelt([0, 2, 4], [0, 2, 3, 4], ["Paris", "a", "Paris", "Nord", "Lyon"], {"Paris"})
    [2, 4]
    """
    capitalised = set(caps)
    unspelt = map(alone_unspelt.__contains__, map(words.__getitem__, free))
    goes_on = map(capitalised.__contains__, map(operator.add, free, itertools.repeat(1)))
    # kept unless unspelt and not going on: (not unspelt) or goes_on
    return list(itertools.compress(free, map(operator.le, unspelt, goes_on)))


def _loose_matches(
    self: Geoparser,
    text: str,
    toks: list[tuple[int, int, str]],
    matches: list[_Match],
    caps: list[int] | None = None,
    words: list[str] | None = None,
) -> list[_Match]:
    """Transliteration variants ("Hiraan" for Hiiraan, "Middle Shabelle" for
    Middle Shebelle): a capitalised run the gazetteer does not know matches
    a major place with the same consonant skeleton, but only in a country
    the document already names, and never a first name or a common word.
    *caps*: :func:`_capitalised` of *toks*, if the caller has it; *words*: the
    tokens' words, with *caps*."""
    countries = _countries_of(matches)
    if not countries:
        return matches
    idx = self.index
    loose = self.loose_index
    english = idx.english
    # the tokens already taken (the matches run from token i to token j)
    taken = _tokens_of(matches)
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
    if words is None:
        written = map(itemgetter(2), map(toks.__getitem__, caps))
    else:
        written = map(words.__getitem__, caps)
    free: Iterable[int] = itertools.filterfalse(
        taken.__contains__,
        itertools.compress(caps, map(operator.not_, map(str.isupper, written))),
    )
    if words is not None:
        free = _maybe_spelt(list(free), caps, words, alone_unspelt)
    for i in free:
        if i < nxt:
            continue
        w = toks[i][2]
        # whether the capitalised run goes on after this word
        # (the gap between tokens told without slicing: each of _JOIN_GAPS is
        # one character)
        goes_on = (
            i + 1 < n
            and toks[i + 1][2][0].isupper()
            and toks[i + 1][0] == (e0 := toks[i][1]) + 1
            and text[e0] in _JOIN_GAPS
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
                and toks[j + 1][2][0].isupper()
                and toks[j + 1][0] == (e0 := toks[j][1]) + 1
                and text[e0] in _JOIN_GAPS
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
        glued = i > 0 and toks[i - 1][2][0].isupper() and text[s0 - 1] in (" ", "-")
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
