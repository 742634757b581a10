"""Which language an article is written in: English or French.

A stop-word vote, offline and linear in the text: the share of the text's
words that are among each language's commonest function words (the lists in
:mod:`deploymap.extract.lexicon_fr` and below).  News in either language has
a third to a half of its words in that list, so a few sentences decide.

>>> detect_language("Les casques bleus tchadiens sont arrivés à Kidal lundi.")
'fr'
>>> detect_language("Chadian peacekeepers arrived in Kidal on Monday.")
'en'
>>> detect_language("")
'en'
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from deploymap.extract.lexicon_fr import STOPWORDS as FRENCH_STOPWORDS

__all__ = ["LANGUAGES", "detect_language"]

#: The languages the reader has lexicons for.
LANGUAGES = ("en", "fr")

ENGLISH_STOPWORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "at",
        "from",
        "it",
        "its",
        "was",
        "were",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "this",
        "which",
        "will",
        "would",
        "their",
        "they",
        "who",
        "not",
        "or",
        "but",
        "an",
        "also",
        "after",
        "said",
        "over",
        "into",
        "than",
        "about",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Enough words to decide on; the rest of a long text adds nothing.
MAX_WORDS = 2000
# MAX_WORDS words of news take fewer characters than this (a word and its space
# are some six): the words are read from this head at once, not one by one.
_HEAD_CHARS = 20 * MAX_WORDS


def detect_language(text: str) -> str:
    """``"fr"`` when more of *text*'s words are French function words than
    English ones, else ``"en"`` (also for a text too short to tell)."""
    words = _WORD.findall(text, 0, _HEAD_CHARS)
    if len(words) <= MAX_WORDS and len(text) > _HEAD_CHARS:  # a text of long words
        words = [m.group() for m in islice(_WORD.finditer(text), MAX_WORDS)]
    counts = Counter(map(str.lower, words[:MAX_WORDS]))
    seen = counts.keys()
    # "a" and "on" are words of both lists: each vote counts them
    en = sum(counts[w] for w in seen & _ENGLISH)
    fr = sum(counts[w] for w in seen & _FRENCH)
    if "'" in text or "’" in text:  # "l'armée", "d'un": French elision
        fr += sum(n for w, n in counts.items() if w[:2] in _ELISIONS and ("'" in w or "’" in w))
    return "fr" if fr > en else "en"


# a word with an apostrophe is counted as an elision, never as a stop word
_ENGLISH = frozenset(w for w in ENGLISH_STOPWORDS if "'" not in w and "’" not in w)
_FRENCH = frozenset(w for w in FRENCH_STOPWORDS if "'" not in w and "’" not in w)
_ELISIONS = frozenset(("l'", "d'", "l’", "d’", "n'", "n’", "s'", "s’", "qu"))
