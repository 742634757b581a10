"""Where a few known words stand in a text, without listing the text's words.

The mission finder asks, of each text, where its runs of word characters are
one of a few hundred keys (the first words of mission names, organisations,
mission nouns).  Listing every run with its offset and looking each up costs a
Python step per word; instead the set of the text's runs, lower case, is made
in a few C-level passes over its UTF-8 bytes, intersected with the keys, and
only the keys the text has are looked for, by ``str.find``.  The positions are
those of the runs :func:`deploymap.extract.wordscan.word_runs` lists whose lower
case is a key, in order.

>>> index = WordIndex.of("The UN force; a force-de-frappe, UNforce.")
>>> index.starts({"force", "un"})
[4, 7, 16]
>>> index.starts_as_written({"UN", "The"})
[0, 4]
>>> WordIndex.of("İzmir") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import filterfalse

__all__ = ["WordIndex"]

# Letters whose lower case is not one letter of the same place ("İ"), or that
# the regex engine's IGNORECASE folds otherwise than str.lower() (as
# wordscan.CASE_ODD), or whose lower case depends on the next letter (final
# sigma): a text with one is read by the whole patterns.
_ODD = ("\u0130", "\u0131", "\u017f", "\u03a3")
# ASCII bytes that are no word character, as spaces; other bytes kept.
_ASCII_BREAKS = bytes(c if c >= 0x80 or chr(c).isalnum() or c == 0x5F else 0x20 for c in range(256))
_RUN = re.compile(r"\w+")


class WordIndex:
    """The runs of word characters of one text, for looking up known words.

    Build it with :meth:`of`.
    """

    __slots__ = ("_at", "low", "text", "words")

    def __init__(self, text: str, low: str, words: set[str]):
        self.text = text
        self.low = low
        self.words = words
        self._at: dict[str, list[int]] = {}  # a key's starts in *low*, once found

    @classmethod
    def of(cls, text: str) -> WordIndex | None:
        """The index of *text*, or None for a text with a letter of ``_ODD``."""
        if any(c in text for c in _ODD):
            return None
        data = text.encode("utf-8", "surrogatepass").lower().translate(_ASCII_BREAKS)
        chunks = set(data.split())
        # an all-ASCII chunk lies between ASCII breaks: it is one whole run;
        # the others may hold non-ASCII letters and breaks ("l’ONU", "«force»")
        ascii_chunks: Iterator[bytes] = filter(bytes.isascii, chunks)
        other_chunks: Iterator[bytes] = filterfalse(bytes.isascii, chunks)
        words = set(b" ".join(ascii_chunks).decode("ascii").split())
        rest = b" ".join(other_chunks)
        if rest:
            words.update(_RUN.findall(rest.decode("utf-8", "surrogatepass").lower()))
        return cls(text, text.lower(), words)

    def _starts_of(self, key: str) -> list[int]:
        got = self._at.get(key)
        if got is None:
            got = self._at[key] = _whole(self.low, key)
        return got

    def starts(self, keys: Iterable[str]) -> list[int]:
        """Where the runs whose lower case is one of *keys* begin, in order."""
        return sorted(p for w in self.words.intersection(keys) for p in self._starts_of(w))

    def keyed(self, keys: Iterable[str]) -> list[tuple[int, str]]:
        """(start, lower case) of the runs whose lower case is one of *keys*, in order."""
        return sorted((p, w) for w in self.words.intersection(keys) for p in self._starts_of(w))

    def starts_as_written(self, words: Iterable[str]) -> list[int]:
        """Where the runs that are one of *words*, case as written, begin, in order."""
        out = []
        for w in words:
            if w.lower() in self.words:
                out.extend(_whole(self.text, w))
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
