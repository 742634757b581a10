"""Where a few known words stand in a text, without listing the text's words.

The mission finder asks, of each text, where its runs of word characters are
one of a few hundred keys (the first words of mission names, organisations,
mission nouns).  Listing every run with its offset and looking each up costs a
Python step per word; instead the text's runs, lower case, are cut from its
UTF-8 bytes in a few C-level passes (a :class:`~deploymap.extract._text_split.TextSplit`,
which the language vote shares) and looked up among all the keys at once,
and only the keys the text has are looked for, by ``str.find``.  The positions are
those of the runs :func:`deploymap.extract.wordscan.word_runs` lists whose lower
case is a key, in order.

>>> keys = Keys({"force", "un", "the"})
>>> index = WordIndex.of("The UN force; a force-de-frappe, UNforce.", keys)
>>> index.starts({"force", "un"})
[4, 7, 16]
>>> index.keyed_upper({"un", "the"})
[(4, 'un')]
>>> WordIndex.of("İzmir", keys) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import filterfalse, repeat

from deploymap.extract._text_split import CASE_CONTEXT, TextSplit
from deploymap.extract.wordscan import CASE_ODD_LETTERS

__all__ = ["Keys", "RunBranches", "WordIndex"]

# Letters that the regex engine's IGNORECASE folds otherwise than str.lower()
# (wordscan's, "İ" among them, whose lower case is not one letter of the same
# place), and sigma, whose lower case depends on the next letter: a text with
# one is read by the whole patterns.
_ODD = (*CASE_ODD_LETTERS, *CASE_CONTEXT)
_RUN = re.compile(r"\w+")


class Keys(frozenset[str]):
    """Words (lower case, each a run of word characters) to look up in a
    :class:`WordIndex`: a frozenset that keeps their UTF-8 bytes too."""

    __slots__ = ("encoded",)
    encoded: dict[bytes, str]

    def __new__(cls, words: Iterable[str] = ()) -> Keys:
        self = super().__new__(cls, words)
        self.encoded = {w.encode("utf-8", "surrogatepass"): w for w in self}
        return self


class WordIndex:
    """The runs of word characters of one text, for looking up known words.

    Build it with :meth:`of`.
    """

    __slots__ = ("_at", "low", "text", "words")

    def __init__(self, text: str, low: str, words: set[str]):
        self.text = text
        self.low = low
        self.words = words  # the keys that are runs of the text
        self._at: dict[str, list[int]] = {}  # a key's starts in *low*, once found

    @classmethod
    def of(cls, text: str, among: Keys, split: TextSplit | None = None) -> WordIndex | None:
        """The index of *text* for looking up the words of *among*, or None for
        a text with a letter of ``_ODD`` (*split*: the text's
        :class:`~deploymap.extract._text_split.TextSplit`, when made)."""
        if split is not None and split.text is text:
            if split.holds(_ODD):  # (looked for in its pieces: fewer characters)
                return None
        elif any(c in text for c in _ODD):
            return None
        else:
            split = TextSplit.reuse(split, text)
        # a chunk lies between breaks (ASCII non-word characters but the
        # apostrophe): one of ASCII letters and digits alone is one whole run;
        # the others are runs when all their characters are letters or digits
        # ("opération"), else they hold breaks too ("l'onu", "l’armée", "–force",
        # "x…"), and their runs are read
        encoded = among.encoded
        words = {encoded[b] for b in encoded.keys() & split.chunks}
        pieces = split.pieces
        if pieces:
            words.update(among.intersection(pieces))
            odd = " ".join(filterfalse(str.isalnum, pieces))
            if odd:
                words.update(among.intersection(_RUN.findall(odd)))
        return cls(text, split.low, words)

    def present(self, keys: Iterable[str]) -> set[str]:
        """The *keys* that are runs of the text (lower case; *keys* among the
        words the index was made for)."""
        return self.words.intersection(keys)

    def _starts_of(self, key: str) -> list[int]:
        got = self._at.get(key)
        if got is None:
            got = self._at[key] = _whole(self.low, key)
        return got

    def starts(self, keys: Iterable[str]) -> list[int]:
        """Where the runs whose lower case is one of *keys* begin, in order."""
        out: list[int] = []
        for w in self.words.intersection(keys):
            out.extend(self._starts_of(w))
        out.sort()
        return out

    def keyed(self, keys: Iterable[str]) -> list[tuple[int, str]]:
        """(start, lower case) of the runs whose lower case is one of *keys*, in order."""
        # (the pairs made by zip, not one by one; two runs never start at one place)
        out: list[tuple[int, str]] = []
        for w in self.words.intersection(keys):
            out.extend(zip(self._starts_of(w), repeat(w)))
        out.sort()
        return out

    def keyed_upper(self, keys: Iterable[str]) -> list[tuple[int, str]]:
        """(start, lower case) of the runs whose lower case is one of *keys* and
        that are written in capitals, in order."""
        # a run written in capitals is one of the runs of its lower case (the
        # text and its lower case have their runs at the same places): those are
        # read when already found, else the capitals are looked for (fewer)
        out: list[tuple[int, str]] = []
        text = self.text
        for w in self.present(keys):
            up = w.upper()
            found = self._at.get(w)
            if found is None:
                out.extend((p, w) for p in _whole(text, up))
            else:
                out.extend((p, w) for p in found if text.startswith(up, p))
        out.sort()
        return out


def _whole(text: str, word: str) -> list[int]:
    """The starts of *word* in *text* where it is a whole run of word characters
    (*word* is one)."""
    out = []
    n, end = len(word), len(text)
    i = text.find(word)
    while i >= 0:
        j = i + n
        # a word character (the regex engine's \w) either side: inside a longer run
        inside = (i and ((c := text[i - 1]).isalnum() or c == "_")) or (
            j < end and ((c := text[j]).isalnum() or c == "_")
        )
        if inside:
            i = text.find(word, i + 1)
        else:
            out.append(i)
            i = text.find(word, j)
    return out


class RunBranches:
    """The branches of an alternation by the run of word characters each
    begins with (lower case), for trying at a run only those it can begin.

    *template* holds the alternation (``{}``) in its context; the pattern of one
    run's branches, in the order they were added, is compiled when first
    needed.  Where every match of the whole alternation begins at a run whose
    lower case is the key of its branch, the pattern of that run's branches
    matches as the whole does (the others fail there).

    >>> nouns = RunBranches(r"\\b(?:{})\\b", re.IGNORECASE)
    >>> for word in ("peacekeeping force", "peacekeepers", "force"):
    ...     nouns.add(word.split()[0], re.escape(word))
    >>> text = "Peacekeeping force and force"
    >>> [m.group() for m in nouns.matches(text, [(0, "peacekeeping"), (23, "force")])]
    ['Peacekeeping force', 'force']
    """

    __slots__ = ("_branches", "_flags", "_patterns", "_template")

    def __init__(self, template: str, flags: int = 0):
        self._template = template
        self._flags = flags
        self._branches: dict[str, list[str]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}

    def add(self, key: str, branch: str) -> None:
        """Add *branch* (pattern source) to those of the run *key*."""
        self._branches.setdefault(key, []).append(branch)
        self._patterns.pop(key, None)

    def keys(self) -> Keys:
        """The runs that begin a branch."""
        return Keys(self._branches)

    def pattern(self, key: str) -> re.Pattern[str]:
        """The alternation of the branches *key* begins, in *template*."""
        pat = self._patterns.get(key)
        if pat is None:
            alt = "|".join(self._branches[key])
            pat = self._patterns[key] = re.compile(self._template.format(alt), self._flags)
        return pat

    def matches(
        self, text: str, keyed: Iterable[tuple[int, str]], end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches at the runs *keyed* (start, lower case; in order) that
        begin a branch, without overlaps, as ``finditer`` gives them."""
        end = len(text) if end is None else end
        pos = 0
        branches, patterns = self._branches, self._patterns
        for p, w in keyed:
            if p < pos or w not in branches:
                continue
            pat = patterns.get(w)  # (compiled once: a call of pattern() the first time)
            m = (self.pattern(w) if pat is None else pat).match(text, p, end)
            if m:
                yield m
                pos = m.end()
