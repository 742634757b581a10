"""Word look-ups instead of alternations tried at every position.

A pattern such as ``\\b(?:force|mission|...)\\b`` is tried by the regex engine at
every character of a text, branch by branch; most of extraction's time went
there.  The same matches are found by listing the runs of word characters
once (one fast scan), keeping those whose lower-case form can begin a match
(a set look-up), and trying the pattern at those places alone
(:func:`matches_at`), in the order and without the overlaps ``finditer`` gives.

The look-up by ``str.lower`` agrees with the engine's IGNORECASE on every
Latin letter except three the engine folds otherwise (:data:`CASE_ODD`): a
text holding one is searched with the pattern itself.

>>> import re
>>> pat = re.compile(r"\\b(?:peace[\\s-]+force|force)\\b", re.IGNORECASE)
>>> text = "The Peace-Force and the force; enforce."
>>> starts, runs = word_runs(text)
>>> starts = [p for p, w in zip(starts, runs) if w.lower() in {"peace", "force"}]
>>> [m.group() for m in matches_at(pat, text, starts)]
['Peace-Force', 'force']
>>> [m.group() for m in pat.finditer(text)]
['Peace-Force', 'force']
>>> word_runs("Ankara, İzmir") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import accumulate

__all__ = ["CASE_ODD", "CASE_ODD_LETTERS", "has_case_odd", "leading_run", "matches_at", "word_runs"]

# The letters that an IGNORECASE pattern of Latin letters matches and that
# str.lower() does not map onto them ("İ" is "i" to the engine, "i̇" to lower(),
# "ſ" is "s" to the engine, itself to lower()).
CASE_ODD_LETTERS = ("\u0130", "\u0131", "\u017f")
CASE_ODD = re.compile(f"[{''.join(CASE_ODD_LETTERS)}]")


def has_case_odd(text: str, start: int = 0, end: int | None = None) -> bool:
    """``CASE_ODD.search(text, start, end) is not None``, by three substring
    look-ups (about twice as fast as the pattern's scan).

    >>> has_case_odd("Ankara, İzmir"), has_case_odd("Ankara, İzmir", 0, 7)
    (True, False)
    """
    end = len(text) if end is None else end
    return (
        text.find("\u0130", start, end) >= 0
        or text.find("\u0131", start, end) >= 0
        or text.find("\u017f", start, end) >= 0
    )


_SPLIT = re.compile(r"(\w+)")
_WORD_CHAR = re.compile(r"\w")
_LEADING = re.compile(r"\w+")


def word_runs(
    text: str, start: int = 0, end: int | None = None
) -> tuple[list[int], list[str]] | None:
    """The starts and the texts of the maximal runs of word characters in
    ``text[start:end]`` (a run cut by *start* left out), or None when the text
    has a letter of :data:`CASE_ODD`."""
    end = len(text) if end is None else end
    if has_case_odd(text, start, end):
        return None
    # one split, the offsets summed: twice as fast as a match object a run
    parts = _SPLIT.split(text[start:end] if start or end < len(text) else text)
    starts = list(accumulate(map(len, parts), initial=start))[1::2]
    runs = parts[1::2]
    del starts[len(runs) :]
    if runs and starts[0] == start and start and _WORD_CHAR.match(text, start - 1):
        del runs[0], starts[0]
    return starts, runs


def leading_run(word: str) -> str:
    """The run of word characters *word* starts with ("" if none), lower case."""
    m = _LEADING.match(word)
    return m.group().lower() if m else ""


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], end: int | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, starts[0], end)`` when every match of *pattern*
    begins at one of *starts* (ascending): the pattern is tried there alone."""
    end = len(text) if end is None else end
    pos = 0
    for p in starts:
        if p < pos:
            continue  # inside the previous match
        m = pattern.match(text, p, end)
        if m:
            yield m
            pos = m.end()
