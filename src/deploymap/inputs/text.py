"""Plain text articles (UTF-8 ``.txt``, or text on standard input)."""

from __future__ import annotations

import os
from pathlib import Path

from deploymap.inputs.article import Article
from deploymap.io import decode_text, read_input_text

__all__ = ["read_text_article", "text_article"]


def text_article(data: bytes, source: str = "") -> Article:
    """An article from the bytes of a text file (UTF-8, cp1252 with a warning).

    >>> text_article("Rain in Gao.".encode()).text
    'Rain in Gao.'
    """
    return Article(decode_text(data, source or "<stdin>"), source=source)


def read_text_article(path: str | os.PathLike[str]) -> Article:
    """A text file (``-``: standard input) as an :class:`Article`; its source is the file name."""
    source = Path(path).name if str(path) != "-" else ""
    return Article(read_input_text(path), source=source)
