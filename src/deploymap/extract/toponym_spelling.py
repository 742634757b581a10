"""Spelling variants of place names: consonant skeletons and the closeness test
the geoparser's loose matching uses (see :mod:`deploymap.extract.toponyms`)."""

from __future__ import annotations

import itertools
import operator
import re
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
    if words is None:
        written = map(itemgetter(2), map(toks.__getitem__, caps))
    else:
        written = map(words.__getitem__, caps)
    free = itertools.compress(caps, map(operator.not_, map(str.isupper, written)))
    for i in itertools.filterfalse(taken.__contains__, free):
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
