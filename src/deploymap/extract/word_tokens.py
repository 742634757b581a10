"""The words and marks of a sentence, as the structure stage reads them.

A sentence's text between the nations, numbers and mission names (which
:func:`deploymap.extract.structure.build_sentence` makes tokens of its own)
is cut into words and marks: a run of letters or of digits is a word, any
other character that is no space a mark of its own, and an elided French
article or preposition ("l'", "d'", "qu'") one word with its apostrophe.
:func:`words_into` reads any text so; :func:`lowered_words` reads it from its
lower case, the common case, without making a token for each word
(:func:`plain_token` makes one when asked).

>>> lows, starts = [], []
>>> text = "Le contingent, l'ONU."
>>> lowered_words(text, text.lower(), 0, 0, len(text), lows, starts)
>>> lows, starts
(['le', 'contingent', ',', "l'", 'onu', '.'], [0, 3, 13, 15, 17, 20])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deploymap.extract.figures import Number

# An elided French article or preposition ("l'", "d'", "qu'") is one token, so
# that it can be a determiner or "of" in the lexicons; "aujourd'hui" is one word.
_WORD_ELIDED = re.compile(
    r"(?<![^\W\d_])(?:aujourd['’]hui|(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’])"
    r"|[^\W\d_]+|\d+|[^\w\s]",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")  # the same where no apostrophe is


@dataclass(slots=True)
class Token:
    kind: str  # "word", "num", "nation", "punct"
    start: int
    end: int
    low: str
    iso3: str = ""
    demonym: bool = False
    capital: bool = False  # a capital standing for its government ("Ankara")
    force: bool = False  # an armed force standing for its nation ("the Bundeswehr")
    possessive: bool = False  # "Nepal's"
    num: Number | None = None


class _Plain(Token):
    """A word or mark token: its fields past *low* are the defaults, read from
    the class, so that making one stores four fields, not ten (most tokens are
    plain: the making of tokens was the largest part of a sentence's)."""

    __slots__ = ()
    iso3 = ""
    demonym = capital = force = possessive = False
    num = None

    def __init__(self, kind: str, start: int, end: int, low: str) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.low = low


def plain_token(low: str, start: int) -> _Plain:
    """The word or mark token *low* at *start* in a sentence read from its
    lower case (each character its own lower case: the token is as long as its
    word), a word when it opens with a letter or digit, as the patterns read them."""
    return _Plain("word" if low[0].isalnum() else "punct", start, start + len(low), low)


def words_into(text: str, a: int, b: int, out: list[Token]) -> None:
    """The word and punctuation tokens of ``text[a:b]`` into *out*: what
    :data:`_WORD` (or, where an apostrophe is, :data:`_WORD_ELIDED`) finds.

    No token spans a space, so each run of non-spaces (a ``str.split`` piece)
    is read alone: one of letters only is one word, one character that is no
    letter, digit or "_" one mark, a word with one such mark after it (not an
    apostrophe, which may elide) two; any other piece goes to the pattern
    there (seeing the character before it, as a search of the whole would)."""
    elided = text.find("'", a, b) >= 0 or text.find("’", a, b) >= 0
    pattern = _WORD_ELIDED if elided else _WORD
    seg = text[a:b]
    p = 0
    for piece in seg.split():
        p = seg.find(piece, p)
        q = a + p
        n = len(piece)
        p += n
        if piece.isalpha():
            out.append(_Plain("word", q, q + n, piece.lower()))
            continue
        last = piece[-1]
        if not (last.isalnum() or last == "_"):
            if n == 1:
                out.append(_Plain("punct", q, q + 1, last.lower()))
                continue
            if last not in APOSTROPHES and piece[:-1].isalpha():
                out.append(_Plain("word", q, q + n - 1, piece[:-1].lower()))
                out.append(_Plain("punct", q + n - 1, q + n, last.lower()))
                continue
        for m in pattern.finditer(text, q, q + n):
            w = m.group(0)
            low = w.lower().replace("’", "'") if len(w) > 1 else w.lower()
            out.append(_Plain("punct" if not w[0].isalnum() else "word", *m.span(), low))


APOSTROPHES = ("'", "’")


def lowered_words(
    text: str, low: str, off: int, a: int, b: int, lows: list[str], starts: list[int]
) -> None:
    """The words and starts of :func:`words_into`'s tokens of ``text[a:b]`` into
    *lows* and *starts*, read from *low*: ``text[off:]`` (or a part of it
    holding ``[a, b)``) in lower case, with each character's own lower case at
    its place (no "İ", two characters in lower case, and no "Σ", whose lower
    case depends on the letters around it).  Each token is as long as its word
    and a word when that opens with a letter or digit (:func:`plain_token`).

    Lower case keeps each character a letter, digit, space or mark as it was,
    so the pieces between single spaces are read as :func:`words_into` reads them:
    one of letters only is one word (already lower case), and so on; a piece
    holding more is read by :func:`_odd_piece`.  The offsets are summed
    lengths: no look-up of each piece."""
    q = a
    add_low = lows.append
    add_start = starts.append
    for piece in low[a - off : b - off].split(" "):
        n = len(piece)
        if piece.isalpha():
            add_low(piece)  # (the commonest token)
            add_start(q)
        elif n == 1:
            if piece.isalnum() or not (piece == "_" or piece.isspace()):
                add_low(piece)
                add_start(q)
        elif n:
            last = piece[-1]
            if last in _MARKS_AFTER and piece[:-1].isalpha():  # "mali," (the commonest)
                add_low(piece[:-1])
                add_start(q)
                add_low(last)
                add_start(q + n - 1)
            elif (
                piece[1] in APOSTROPHES
                and piece[0] in _ELIDED_LETTERS
                and (n == 2 or piece[2:].isalpha())
                # (the pattern's look-behind: no letter before)
                and not (q and (c := text[q - 1]).isalnum() and not c.isdecimal())
            ):  # "d’un", "l'", as _odd_piece reads them (the next commonest)
                add_low(piece[0] + "'")
                add_start(q)
                if n > 2:
                    add_low(piece[2:])
                    add_start(q + 2)
            else:
                out: list[Token] = []
                _odd_piece(text, piece, q, out)
                for t in out:
                    add_low(t.low)
                    add_start(t.start)
        q += n + 1


# what an elision's apostrophe may follow (:data:`_WORD_ELIDED`, "aujourd'hui" aside)
_ELIDED_HEADS = frozenset(
    ("c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu")
)
_ELIDED_LETTERS = frozenset(h for h in _ELIDED_HEADS if len(h) == 1)
# Common marks (each no letter, digit, "_" or space: a token of its own
# wherever it is): those that may close a piece ("mali,", "total).") are no
# apostrophe, which may end an elision ("(l’"); any may open one ("«l’onu").
_MARKS_AFTER = frozenset(',.;:!?)]}»"”“…-–—/*%')
_MARKS = _MARKS_AFTER | frozenset("([{«‘'’¿¡")


def _odd_piece(text: str, piece: str, q: int, out: list[Token]) -> None:
    """The tokens of *piece*, ``text[q:q + len(piece)]`` in lower case (two
    characters or more, not all letters), as :data:`_WORD_ELIDED` finds them.

    Marks that open or close the piece (:data:`_MARKS`, :data:`_MARKS_AFTER`)
    are a token each, as the pattern reads them: no match of it runs from a
    mark into a letter or digit, nor from a letter or digit into a mark other
    than an apostrophe.  What they hold is read here when it is letters
    ("«est»"), digits ("2013."), nothing ("),"), an elision and a word
    ("l'ONU,", "d’un", "l'"), or words joined by hyphens ("(porte-parole)",
    "l’état-major"); any other piece is read by the pattern itself."""
    n = len(piece)
    i = 0
    while i < n and piece[i] in _MARKS:
        i += 1
    j = n
    while j > i and piece[j - 1] in _MARKS_AFTER:
        j -= 1
    start = len(out)
    for k in range(i):
        out.append(_Plain("punct", q + k, q + k + 1, piece[k]))
    if _core(text, piece[i:j] if i or j < n else piece, q + i, piece[i - 1] if i else "", out):
        for k in range(j, n):
            out.append(_Plain("punct", q + k, q + k + 1, piece[k]))
        return
    del out[start:]
    for m in _WORD_ELIDED.finditer(text, q, q + n):
        w = m.group(0)
        low = w.lower().replace("’", "'") if len(w) > 1 else w.lower()
        out.append(_Plain("punct" if not w[0].isalnum() else "word", *m.span(), low))


def _core(text: str, core: str, q: int, before: str, out: list[Token]) -> bool:
    """The tokens of *core* (a piece's letters, digits and inner marks, at
    *q*; *before*, the mark before it, or "" for the text's character) into
    *out* when it is of a kind :func:`_odd_piece` reads; False otherwise."""
    n = len(core)
    if not n:
        return True
    if core.isalpha() or core.isdecimal():
        out.append(_Plain("word", q, q + n, core))
        return True
    k = core.find("'")
    if k < 0 or 0 <= core.find("’") < k:
        k = core.find("’")
    if k > 0 and core[:k] in _ELIDED_HEADS:
        if not before:
            before = text[q - 1] if q else ""
        # the pattern's look-behind: no letter (a word character, no digit) before
        if before.isalnum() and not before.isdecimal():
            return False
        rest = core[k + 1 :]
        if not rest or rest.isalpha():
            out.append(_Plain("word", q, q + k + 1, core[: k + 1].replace("’", "'")))
            if rest:
                out.append(_Plain("word", q + k + 1, q + n, rest))
            return True
        # "l’état-major"
        return "-" in rest and _hyphenated(rest, q + k + 1, out, core[: k + 1])
    return "-" in core and _hyphenated(core, q, out)  # "porte-parole", "a-t-il"


def _hyphenated(piece: str, q: int, out: list[Token], elided: str = "") -> bool:
    """The tokens of *piece* (lower case, at *q*) when it is runs of letters
    joined by single marks of one kind ("-"), a mark after it or not
    ("état-major,"): each run a word, each mark a mark, as the pattern reads
    them (no apostrophe, which is no letter: no elision inside).  *elided*, an elision right
    before it ("l'"), is its word first.  False (nothing added) otherwise."""
    core, last = piece, piece[-1]
    if not (last.isalnum() or last == "_" or last.isspace() or last in APOSTROPHES):
        core = piece[:-1]
    parts = core.split("-")
    if not all(map(str.isalpha, parts)):
        return False  # (an apostrophe, or an empty part: two marks in a row, one at an end)
    if elided:
        out.append(_Plain("word", q - len(elided), q, elided.replace("’", "'")))
    p = q
    for w in parts:
        if p > q:
            out.append(_Plain("punct", p, p + 1, "-"))
            p += 1
        out.append(_Plain("word", p, p + len(w), w))
        p += len(w)
    if core is not piece:
        out.append(_Plain("punct", p, p + 1, last))
    return True
