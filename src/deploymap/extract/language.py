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


def detect_language(text: str) -> str:
    """``"fr"`` when more of *text*'s words are French function words than
    English ones, else ``"en"`` (also for a text too short to tell)."""
    en = fr = 0
    for k, m in enumerate(_WORD.finditer(text)):
        if k >= MAX_WORDS:
            break
        w = m.group().lower()
        if "'" in w or "’" in w:  # "l'armée", "d'un": French elision
            fr += w[:2] in ("l'", "d'", "l’", "d’", "n'", "n’", "s'", "s’", "qu")
            continue
        en += w in ENGLISH_STOPWORDS
        fr += w in FRENCH_STOPWORDS
    return "fr" if fr > en else "en"
