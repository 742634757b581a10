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
from itertools import filterfalse, islice, repeat

from deploymap.extract._text_split import CASE_CONTEXT, TextSplit
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
# A text this short has at most MAX_WORDS words (each a letter and a break):
# all of them vote, and they are counted without being listed one by one.
_SHORT_CHARS = 2 * MAX_WORDS - 1


def detect_language(text: str, split: TextSplit | None = None) -> str:
    """``"fr"`` when more of *text*'s words are French function words than
    English ones, else ``"en"`` (also for a text too short to tell).

    *split*: the text's :class:`~deploymap.extract._text_split.TextSplit`,
    when already made (the reader shares it with the mission finder).
    """
    if len(text) <= _SHORT_CHARS and not (
        split.holds(_CASE_CONTEXT)  # (looked for in its pieces: fewer characters)
        if split is not None and split.text is text
        else any(c in text for c in _CASE_CONTEXT)
    ):
        en, fr = _short_votes(text, split)
        return "fr" if fr > en else "en"
    words = _WORD.findall(text, 0, _HEAD_CHARS)
    if len(words) <= MAX_WORDS and len(text) > _HEAD_CHARS:  # a text of long words
        words = [m.group() for m in islice(_WORD.finditer(text), MAX_WORDS)]
    en, fr = _votes(Counter(map(str.lower, words[:MAX_WORDS])), "'" in text or "’" in text)
    return "fr" if fr > en else "en"


def _votes(counts: Counter[str], elided: bool = True) -> tuple[int, int]:
    """The English and the French votes of words (lower case) and their counts
    (*elided*: whether any word may have an apostrophe)."""
    # "a" and "on" are words of both lists: each vote counts them
    en = sum(counts[w] for w in _ENGLISH.intersection(counts))
    fr = sum(counts[w] for w in _FRENCH.intersection(counts))
    if elided:  # "l'armée", "d'un": French elision
        fr += sum(n for w, n in counts.items() if w[:2] in _ELISIONS and ("'" in w or "’" in w))
    return en, fr


def _short_votes(text: str, split: TextSplit | None = None) -> tuple[int, int]:
    """``_votes`` of all of *text*'s words, without listing them one by one
    (*text* has no letter of ``_CASE_CONTEXT``; *split*: its chunks, when made).

    The UTF-8 bytes are cut at ASCII breaks (:class:`TextSplit`: every ASCII
    byte but letters, digits, "_" and the apostrophe); a chunk of ASCII
    letters alone is a word, and its lower case is that of its bytes: each
    chunk's vote is looked up at once (a stop word's :data:`_WEIGHTS`, both
    votes in one number, summed).  The other chunks are read as text, in lower
    case: a chunk of letters is a word ("été"), the words of the rest
    ("l'armée", "«la", "n’est", "2e") are found by the pattern.
    """
    split = TextSplit.reuse(split, text)
    total = sum(map(_ASCII_WEIGHTS.get, split.chunks, repeat(0)))
    pieces = split.pieces  # the chunks that are not ASCII letters alone
    if pieces:
        total += sum(map(_WEIGHTS.get, pieces, repeat(0)))
        odd = " ".join(filterfalse(str.isalpha, pieces))
        if odd:
            words = _WORD.findall(odd)
            total += sum(map(_WEIGHTS.get, words, repeat(0)))
            total += _elisions(words) << _FRENCH_SHIFT
    return total & _ENGLISH_MASK, total >> _FRENCH_SHIFT


def _elisions(words: list[str]) -> int:
    """How many of *words* (lower case) are French elisions ("l'armée", "d’un")."""
    return sum(1 for w in words if w[:2] in _ELISIONS and ("'" in w or "’" in w))


# a word with an apostrophe is counted as an elision, never as a stop word
_ENGLISH = frozenset(w for w in ENGLISH_STOPWORDS if "'" not in w and "’" not in w)
_FRENCH = frozenset(w for w in FRENCH_STOPWORDS if "'" not in w and "’" not in w)
_ELISIONS = frozenset(("l'", "d'", "l’", "d’", "n'", "n’", "s'", "s’", "qu"))
_STOP = _ENGLISH | _FRENCH
# A stop word's votes in one number, for _short_votes to sum: English in the
# low bits, French above _FRENCH_SHIFT (a short text has fewer words than
# _ENGLISH_MASK, so the English sum never reaches the French bits).  Each is
# a word of letters alone: a chunk or piece that is not is never looked up twice.
_FRENCH_SHIFT = 20
_ENGLISH_MASK = (1 << _FRENCH_SHIFT) - 1
_WEIGHTS = {w: (w in _ENGLISH) + ((w in _FRENCH) << _FRENCH_SHIFT) for w in _STOP}
# ... of the stop words of ASCII letters, as the bytes _short_votes counts.
_ASCII_WEIGHTS = {w.encode(): n for w, n in _WEIGHTS.items() if w.isascii()}
# Letters that the lower case of a whole text changes otherwise than that of
# each word ("İ" becomes two characters, the second no letter; "Σ" depends on
# the next letter): a text with one is read word by word.
_CASE_CONTEXT = CASE_CONTEXT
