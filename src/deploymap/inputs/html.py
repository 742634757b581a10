"""Saved web pages: the article's text, headline, date and canonical URL.

The page is reduced with trafilatura (main text without navigation, ads and
comments; the title and publication date from the page's metadata), offline:
nothing is fetched, and no script of the page runs.  Paragraphs are kept as
lines separated by a blank line, so spans point into the text deploymap read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from deploymap.errors import InputError
from deploymap.inputs.article import Article

__all__ = ["html_article", "read_html_article"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _extractor() -> Any:
    try:
        import trafilatura
    except ImportError:
        raise InputError(
            "reading HTML pages needs trafilatura: pip install 'deploymap[inputs]'"
        ) from None
    return trafilatura


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: looks like a binary file, not an HTML page")
    from trafilatura.utils import decode_file

    text: str = decode_file(data)  # the page's declared charset, else a guess
    return text


def html_article(
    data: bytes | str, name: str = "<html>", *, source: str = "", url: str = ""
) -> Article:
    """An HTML page as an :class:`Article`: main text, headline, date, canonical URL.

    Parameters
    ----------
    data : bytes or str
        The page.
    name : str
        Names the page in messages.
    source : str
        The record's source when the page has no canonical URL (its file name).
    url : str
        The address it was fetched from (resolves a relative canonical link).

    Examples
    --------
    >>> page = ('<html><head><title>Blue helmets rotate</title>'
    ...         '<link rel="canonical" href="https://news.example/rotate"></head>'
    ...         '<body><article><h1>Blue helmets rotate</h1><p>Irish troops of UNIFIL '
    ...         'left Shama for home on 3 May 2024, after six months in the south of '
    ...         'the country.</p></article></body></html>')
    >>> art = html_article(page, source="rotate.html")
    >>> art.title, art.source, "Irish troops of UNIFIL left Shama" in art.text
    ('Blue helmets rotate', 'https://news.example/rotate', True)
    """
    tf = _extractor()
    page = data if isinstance(data, str) else _decode(data, name)
    doc = tf.bare_extraction(
        page,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    )
    if doc is None:
        raise InputError(f"{name}: no article text found in this HTML page")
    get = doc.get if isinstance(doc, dict) else (lambda k, d=None: getattr(doc, k, d))
    text = get("text") or ""
    # one paragraph a line in trafilatura's text: a blank line between them, as in a .txt
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    body = "\n\n".join(p for p in paragraphs if p)
    if not body:
        raise InputError(f"{name}: no article text found in this HTML page")
    date = get("date") or ""
    date = date if _DATE.fullmatch(date) else ""
    canonical = get("url") or ""
    if not canonical.lower().startswith(("http://", "https://")):
        canonical = ""
    return Article(
        text=body,
        title=" ".join((get("title") or "").split()),
        date=date,
        source=canonical or url or source,
    )


def read_html_article(path: str | os.PathLike[str]) -> Article:
    """A saved ``.html`` page as an :class:`Article` (its source: the canonical URL, else
    the file name)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file" if not p.exists() else f"{p}: not a file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror or e})") from e
    return html_article(data, str(p), source=p.name)
