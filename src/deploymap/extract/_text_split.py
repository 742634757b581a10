"""One split of a text into chunks, shared by the language vote
(:mod:`deploymap.extract.language`) and the mission finder's word index
(:mod:`deploymap.extract._word_index`): each used to cut the text's UTF-8
bytes in its own way, lowering, translating and splitting the same text
twice, and hashing each chunk twice.

The text's UTF-8 bytes, ASCII letters lowered, are cut at every ASCII byte
that is no word character and no apostrophe (the breaks of both readers).  A
chunk of ASCII letters alone is a word for the vote and a run for the index;
the other chunks (digits, "_", an apostrophe or a non-ASCII letter in them)
are read once as text, in lower case (:attr:`TextSplit.pieces`), and each
reader cuts them further as it needs.  The text's lower case is the bytes'
own when no letter but an ASCII one changes case (the pieces tell).

>>> split = TextSplit.of("L'ONU a 12 000 casques bleus à Gao.")
>>> split.chunks
[b"l'onu", b'a', b'12', b'000', b'casques', b'bleus', b'\\xc3\\xa0', b'gao']
>>> split.pieces
["l'onu", '12', '000', 'à']
>>> split.low
"l'onu a 12 000 casques bleus à gao."
>>> TextSplit.of("Σ") is None
True
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import filterfalse

__all__ = ["CASE_CONTEXT", "TextSplit"]

# Letters that the lower case of a whole text changes otherwise than that of
# each letter ("İ" becomes two characters, the second no letter; "Σ" depends
# on the next letter): a text with one is not split here.
CASE_CONTEXT = ("\u0130", "\u03a3")
# ASCII bytes that are no word character and no apostrophe, as spaces; other bytes kept.
_BREAKS = bytes(
    c if c >= 0x80 or chr(c).isalnum() or c in (0x5F, 0x27) else 0x20 for c in range(256)
)


class TextSplit:
    """The chunks of one text (build it with :meth:`of`)."""

    __slots__ = ("_low", "_pieces", "_same", "_written", "chunks", "data", "text")

    def __init__(self, text: str, data: bytes):
        self.text = text
        self.data = data  # UTF-8, ASCII letters lower case
        self.chunks: list[bytes] = data.translate(_BREAKS).split()
        self._pieces: list[str] | None = None
        self._same = False  # whether the pieces' lower case is the pieces
        self._written = ""  # the pieces as written (every non-ASCII character is in one)
        self._low: str | None = None

    @classmethod
    def of(cls, text: str) -> TextSplit | None:
        """The split of *text*, or None for a text with a letter of :data:`CASE_CONTEXT`."""
        split = cls(text, text.encode("utf-8", "surrogatepass").lower())
        # (the letters are looked for in the pieces, not in the whole text)
        return None if split.holds(CASE_CONTEXT) else split

    @classmethod
    def reuse(cls, split: TextSplit | None, text: str) -> TextSplit:
        """*split* when it is *text*'s, else a new split of *text* (whose caller
        has made sure it holds no letter of :data:`CASE_CONTEXT`)."""
        if split is not None and split.text is text:
            return split
        return cls(text, text.encode("utf-8", "surrogatepass").lower())

    @property
    def pieces(self) -> list[str]:
        """The chunks that are not ASCII letters alone, as text, lower case, in order."""
        got = self._pieces
        if got is None:
            others: Iterator[bytes] = filterfalse(bytes.isalpha, self.chunks)
            rest = b" ".join(others)
            if rest:
                written = self._written = rest.decode("utf-8", "surrogatepass")
                low = written.lower()
                self._same = low == written
                got = low.split(" ")
            else:
                self._same = True
                got = []
            self._pieces = got
        return got

    def holds(self, letters: tuple[str, ...]) -> bool:
        """Whether the text has one of *letters* (each a non-ASCII character:
        every one of those is in a piece, so the pieces alone are looked in).

        >>> split = TextSplit.of("Kayseri, Diyarbakır")
        >>> split.holds(("\u0131",)), split.holds(("\u017f",))
        (True, False)
        """
        self.pieces  # noqa: B018 (reads the pieces once, which sets _written)
        written = self._written
        return bool(written) and any(c in written for c in letters)

    @property
    def low(self) -> str:
        """``text.lower()``."""
        got = self._low
        if got is None:
            # every non-ASCII character is in a piece: when none changes case,
            # the lower case is that of the ASCII letters alone
            self.pieces  # noqa: B018 (reads the pieces once, which sets _same)
            got = self.data.decode("utf-8", "surrogatepass") if self._same else self.text.lower()
            self._low = got
        return got
