"""Hypothesis strategies the fast-path tests share: texts made of chosen pieces.

Each test file lists the pieces its patterns know (words in several cases,
elisions, digits, odd spaces, letters whose case folds otherwise); a text is a
few of them joined by spaces or run together, so word boundaries fall both
where a space is and where none is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hypothesis import strategies as st

if TYPE_CHECKING:
    from deploymap.extract.word_tokens import Token


def texts_of(pieces: Sequence[str], max_size: int = 14) -> st.SearchStrategy[str]:
    """Texts of up to *max_size* of *pieces*, joined by spaces or run together."""
    drawn = st.lists(st.sampled_from(pieces), max_size=max_size)
    return drawn.map(" ".join) | drawn.map("".join)


def bounds(text: str, data: st.DataObject) -> tuple[int, int]:
    """A slice ``[s, e)`` of *text*, drawn."""
    s = data.draw(st.integers(0, len(text)))
    return s, data.draw(st.integers(s, len(text)))


def words_by_finditer(text: str, a: int, b: int) -> list[tuple[str, int, int, str]]:
    """The word and mark tokens of ``text[a:b]`` as ``word_tokens``' patterns alone
    find them: (kind, start, end, lower case), the reference of its fast paths."""
    from deploymap.extract import word_tokens

    elided = "'" in text[a:b] or "’" in text[a:b]
    out = []
    for m in (word_tokens._WORD_ELIDED if elided else word_tokens._WORD).finditer(text, a, b):
        w = m.group(0)
        low = w.lower().replace("’", "'") if len(w) > 1 else w.lower()
        out.append(("punct" if not w[0].isalnum() else "word", *m.span(), low))
    return out


def lowered_tokens(text: str, low: str, off: int, a: int, b: int) -> list[Token]:
    """The tokens :func:`word_tokens.lowered_words` reads (its words and starts, as
    :class:`~deploymap.extract.structure.Sentence` makes them into tokens)."""
    from deploymap.extract import word_tokens

    lows: list[str] = []
    starts: list[int] = []
    word_tokens.lowered_words(text, low, off, a, b, lows, starts)
    return [word_tokens.plain_token(w, q) for w, q in zip(lows, starts, strict=True)]


def votes_word_by_word(text: str, limit: int | None = None) -> tuple[int, int]:
    """The language vote as it was first written, one word at a time: the
    (English, French) stop words among *text*'s first *limit* words (all of
    them when None), an elision counting for French.  The reference of the
    vote's fast paths."""
    from deploymap.extract import language

    en = fr = 0
    for k, m in enumerate(language._WORD.finditer(text)):
        if limit is not None and k >= limit:
            break
        w = m.group().lower()
        if "'" in w or "’" in w:
            fr += w[:2] in ("l'", "d'", "l’", "d’", "n'", "n’", "s'", "s’", "qu")
            continue
        en += w in language.ENGLISH_STOPWORDS
        fr += w in language.FRENCH_STOPWORDS
    return en, fr


def vote_word_by_word(text: str) -> str:
    """The language :func:`~deploymap.extract.language.detect_language` should
    give *text*, by :func:`votes_word_by_word` of its first words."""
    from deploymap.extract import language

    en, fr = votes_word_by_word(text, language.MAX_WORDS)
    return "fr" if fr > en else "en"


# Pieces of text around dates (days, suffixes, months in both languages and
# cases, years, ISO forms, marks and case-odd letters), and texts made of them
# and of whole day-month phrases: what the date readers' fast paths are tested on.
DATE_PIECES = [
    "3",
    "12",
    "123",
    "1er",
    "1ER",
    "2nd",
    "3rd",
    "21st",
    "4TH",
    "mars",
    "MARS",
    "Mars",
    "juillet",
    "décembre",
    "March",
    "Mar.",
    "Sept",
    "Sepember",
    "September",
    "Oct",
    "June",
    "Jul",
    "may",
    "May",
    "2024",
    "1999",
    "2024-03-05",
    "1924-13-05",
    "24-03-05",
    "2024-3-05",
    "12024-03-05",
    "x2024-03-05",
    "jeudi",
    "Jeudi",
    "Monday",
    "xJune",
    "_3",
    "é",
    "_",
    ",",
    ".",
    "-",
    " ",
    "  ",
    "\n",
    "\xa0",
    "İ",
    "ſ",
    "4th",
    "er",
    "1024-03-05",
    "x",
    "\u202f",
    "-03-",
    "03",
    "mai",
    "lundi",
    "Thursday",
    "a-t-il",
]
DATE_PHRASES = st.tuples(
    st.sampled_from(["x", "x1", "", "1", "12", "123", "é3", "_3", "2024-03-"]),
    st.sampled_from(["", "er", "ER", "st", "th", "e", "Er", "ST"]),
    st.sampled_from([" ", "  ", "\n", "\xa0", ""]),
    st.sampled_from(
        ["mars", "MARS", "Juillet", "March", "Mar.", "May", "Sept", "Dec", "xOct", "may", "x"]
    ),
    st.sampled_from(["", " 2024", ", 2024", " 3", " 21st, 1999", "-05"]),
).map("".join)
DATE_TEXTS = texts_of(DATE_PIECES) | st.lists(
    DATE_PHRASES | st.sampled_from(DATE_PIECES), max_size=6
).map(" ".join)

# Pieces of text for the word readers (a sentence's set of words): the marks
# news writes next to words (made spaces before the split), letters that lower
# to more than one ("İ") or by the letters around them ("Σ"), runs that are no
# run of letters alone ("l´onu", "x²", "•", "_"), letters of several scripts
# and forms, digits and odd spaces.
WORD_PIECES = [
    "Deux",
    "soldats",
    "l’onu",
    "L’ONU",
    "d’un",
    "«force»",
    "« force »",
    "“the",
    "end”",
    "a–b",
    "x—y",
    "mot…",
    "l´onu",
    "qu'il",
    "état-major",
    "Écrit",
    "ÉCRIT",
    "straße",
    "STRASSE",
    "ﬁn",
    "x²",
    "•",
    "½",
    "m23",
    "a_b",
    "ΣΑΣ",
    "ΑΣ'Β",
    "İ",
    "ı",
    "ſ",
    "Kelvin\u212a",
    "日本",
    "١٢",
    "3",
    "\u00a0",
    "\u202f",
    "\u2009",
    "\u200d",
    " ",
    "\n",
    "\t",
    ". ",
    ",",
    ".",
    "x",
]
