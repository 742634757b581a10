"""Spelling variants of place names: consonant skeletons and the closeness test
the geoparser's loose matching uses (see :mod:`deploymap.extract.toponyms`)."""

from __future__ import annotations

import re

from deploymap.extract.toponym_tokens import (
    _TOKEN_SPLIT,  # noqa: F401  (re-exported: toponyms keeps the names it had)
)

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
