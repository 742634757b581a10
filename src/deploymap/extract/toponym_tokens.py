"""Word tokens of the geoparser: the token pattern, token keys, capitalisation and line tests."""

from __future__ import annotations

import itertools
import re
from operator import itemgetter

from deploymap.textnorm import fold

# Word tokens: initialisms with dots ("U.S.", "B.C.") or letter/digit runs
# that may hold an apostrophe ("d'Ivoire", "Turkey's").
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
# The same tokens, found faster: possessive repeats (nothing follows them, so
# no match changes) and one split whose parts alternate gap, token, gap, ...
_TOKEN_SPLIT = re.compile(r"((?:[A-Z]\.){2,}+|[^\W_]++(?:['’][^\W_]++)*+)")
_POSSESSIVE = ("'s", "’s")
# Gaps that may sit inside one name: a space or a hyphen (keys write both as
# a space); ". " only after an abbreviation such as "St." or "Mt.".
_JOIN_GAPS = frozenset({" ", "-", "‐", "‑", "–"})
# What separates the items of a list of places: "Mali, Niger and Chad".
_LIST_SEPS = frozenset({", ", ",", " and ", ", and ", " or ", ", or ", " & "})
_ABBREV_KEYS = frozenset({"st", "mt", "ft", "pt", "ste"})
# Cached keys of tokens as written (see Geoparser._token_keys).
TOKEN_KEY_CACHE = 100_000
_SENTENCE_END = re.compile(r"[.!?:;\"“”\n]\s*$|^\s*$")


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line holding *pos* is a headline: most of its words capitalised."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[a : b if b >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _capitalised_after(text: str, toks: list[tuple[int, int, str]], k: int) -> bool:
    """Whether token *k* is followed, after a space, by another capitalised word."""
    return (
        k + 1 < len(toks)
        and text[toks[k][1] : toks[k + 1][0]] == " "
        and toks[k + 1][2][:1].isupper()
    )


def _elided_name(w: str) -> bool:
    """ "d'Ivoire", "d’Ivoire": an elided article before a capitalised name."""
    return len(w) > 2 and w[0] in "dl" and w[1] in "'’" and w[2:3].isupper()


def _capitalised(toks: list[tuple[int, int, str]]) -> list[int]:
    """The indices of the tokens that open with a capital letter.

    >>> _capitalised(_tokens("the UN in Mali"))
    [1, 3]
    """
    # C-level iteration over the tokens' first letters: the scan's hot loop
    initials = map(itemgetter(0), map(itemgetter(2), toks))
    return list(itertools.compress(range(len(toks)), map(str.isupper, initials)))


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of every :data:`_TOKEN` of *text*, in order.

    >>> _tokens("U.S. troops left Côte d'Ivoire.")
    [(0, 4, 'U.S.'), (5, 11, 'troops'), (12, 16, 'left'), (17, 21, 'Côte'), (22, 30, "d'Ivoire")]
    >>> text = "Troops left Mali's north."
    >>> _tokens(text) == _tokens_by(_TOKEN_SPLIT, text)
    True
    """
    if _has_initialism(text):
        return _tokens_by(_TOKEN_SPLIT, text)
    # No initialism anywhere: the pattern's first branch never matches, and
    # the word branch alone (ASCII letters and digits for an ASCII text, the
    # same characters [^\W_] means there) finds the same tokens, faster.
    return _tokens_by(_WORDS_ASCII if text.isascii() else _WORDS, text)


# The branches of _TOKEN_SPLIT: an initialism, and a word (any text; ASCII text).
_INITIALISM = re.compile(r"[A-Z]\.[A-Z]\.")
# ... and the initialism from its first dot: a search for a literal "." first
# passes over a text far faster than one for a capital letter.
_DOT_INITIAL = re.compile(r"\.[A-Z]\.")


def _has_initialism(text: str) -> bool:
    """Whether :data:`_INITIALISM` occurs in *text* (found from its first dot,
    the letter before it tested after).

    >>> _has_initialism("U.N. troops"), _has_initialism("in 3.C. notes"), _has_initialism("A.B")
    (True, False, False)
    """
    m = _DOT_INITIAL.search(text)
    while m is not None:
        s = m.start()
        if s > 0 and "A" <= text[s - 1] <= "Z":
            return True
        m = _DOT_INITIAL.search(text, s + 1)
    return False


_WORDS = re.compile(r"([^\W_]++(?:['’][^\W_]++)*+)")
# A piece between spaces that is one word holding apostrophes ("l’armée",
# "aujourd'hui"): a token whole under every pattern above (it holds no dot).
_APOSTROPHE_WORD = re.compile(r"[^\W_]++(?:['’][^\W_]++)++")
# Marks written as spaces before the split (see _tokens_words_capitalised):
# none is a letter, a digit, an apostrophe or a dot.
_SPACED_MARKS = ("\n", "(", ")", "-", '"', "«", "»")
_WORDS_ASCII = re.compile(r"([A-Za-z0-9]++(?:'[A-Za-z0-9]++)*+)")


def _tokens_and_capitalised(text: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    """:func:`_tokens` of *text* and their :func:`_capitalised` indices, found
    together (the capitals from the split's own list of words).

    >>> _tokens_and_capitalised("the UN in Mali")
    ([(0, 3, 'the'), (4, 6, 'UN'), (7, 9, 'in'), (10, 14, 'Mali')], [1, 3])
    """
    toks, _, caps = _tokens_words_capitalised(text)
    return toks, caps


def _tokens_words_capitalised(
    text: str,
) -> tuple[list[tuple[int, int, str]], list[str], list[int]]:
    """:func:`_tokens_and_capitalised` of *text*, with the list of the tokens'
    words too (the third item of each token).

    >>> _tokens_words_capitalised("the UN")
    ([(0, 3, 'the'), (4, 6, 'UN')], ['the', 'UN'], [1])
    """
    pattern = _WORDS_ASCII if text.isascii() else _WORDS
    if _has_initialism(text):  # (see _tokens)
        pattern = _TOKEN_SPLIT
    # No token holds a space, so the text's tokens are those of its pieces
    # between spaces, in order.  Most pieces of running text are one word
    # ("troupes"), or one word and a mark ("Mali,"): those are told at C speed
    # (str.isalnum is [^\W_] of every character, [A-Za-z0-9] of ASCII ones)
    # and only the others are split by the pattern, whose every match costs
    # more than a word's whole loop here.
    split = pattern.split
    whole = _APOSTROPHE_WORD.fullmatch
    toks: list[tuple[int, int, str]] = []
    append = toks.append
    pos = 0  # where the piece starts
    # The marks that most often stand between words other than a space are no
    # token's characters in any of the patterns: written as spaces (the same
    # length), they leave every token where it was, and more pieces are the
    # easy kinds below.
    spaced = text
    for mark in _SPACED_MARKS:
        spaced = spaced.replace(mark, " ")
    for p in spaced.split(" "):
        if p.isalnum():
            append((pos, pos := pos + len(p), p))  # (start, end: pos is the end now)
            pos += 1
        elif (w := p[:-1]).isalnum():  # ("Mali," : its last character is no token's)
            e = pos + len(w)
            append((pos, e, w))
            pos = e + 2
        elif p and whole(p) is not None:  # one word with apostrophes: "l’armée"
            e = pos + len(p)
            append((pos, e, p))
            pos = e + 1
        elif p:
            parts = split(p)
            at = pos
            for k in range(1, len(parts), 2):
                at += len(parts[k - 1])
                w = parts[k]
                e = at + len(w)
                append((at, e, w))
                at = e
            pos += len(p) + 1
        else:
            pos += 1
    words = list(map(itemgetter(2), toks))
    initials = map(itemgetter(0), words)
    caps = list(itertools.compress(range(len(words)), map(str.isupper, initials)))
    return toks, words, caps


def _tokens_by(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    """The tokens of *text* by a pattern of one group that matches them."""
    parts = pattern.split(text)
    offsets = list(itertools.accumulate(map(len, parts), initial=0))
    # parts[2k + 1] is token k; it starts at offsets[2k + 1] and ends at offsets[2k + 2]
    return list(zip(offsets[1:-1:2], offsets[2::2], parts[1::2], strict=True))


def _token_key(w: str) -> str:
    """The name key of one token (same folding as :func:`deploymap.textnorm.name_key`)."""
    if w.isascii():
        return w.replace(".", "").lower()
    return fold(w).casefold().replace(".", "")
