"""What deploymap reads, one small reader per kind, behind :func:`read_inputs`.

=========  ==============================================================  =======================
kind       what                                                            reader
=========  ==============================================================  =======================
``text``   a UTF-8 article (``.txt``, anything else that is text)           :mod:`.text`
``html``   a saved web page (``.html``, ``.htm``; HTML on stdin)            :mod:`.html`
``pdf``    a PDF with a text layer, read page by page                      :mod:`.pdf`
``url``    ``https://...``, fetched only when asked (``fetch=True``)       :mod:`.url`
``story``  Story documents: ``.json``, ``stories.jsonl``, a GeoJSON export  :mod:`.story`
``table``  Geo-PKO, UN contributions, plain deployments CSV                :mod:`deploymap.tables`
=========  ==============================================================  =======================

The kind is detected from the name and, where the name does not tell, the
first bytes (:func:`detect_kind`).  Articles (text, HTML, PDF, URL) are read
into Stories by :func:`deploymap.read_text`; Story documents are validated
and taken as they are, so a hand-edited figure is the figure drawn.  All of
them are merged as several articles are (:func:`deploymap.aggregate.merge_stories`);
tables are read together and then joined (:func:`deploymap.tables.concat_stories`).

Examples
--------
>>> detect_kind("report.pdf"), detect_kind("https://example.org/a"), detect_kind("x.csv")
('pdf', 'url', 'table')
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from deploymap.errors import InputError
from deploymap.inputs.article import Article, with_pages
from deploymap.model import Story

if TYPE_CHECKING:
    from deploymap.tables import YearSpec

__all__ = ["KINDS", "Article", "detect_kind", "read_article", "read_inputs", "sniff_kind"]

KINDS = ("text", "html", "pdf", "url", "story", "table")
_STORY_SUFFIXES = (".json", ".geojson", ".jsonl", ".ndjson")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def sniff_kind(head: bytes) -> str:
    """The kind of an input from its first bytes: ``pdf``, ``html``, ``story`` or ``text``.

    >>> sniff_kind(b"%PDF-1.7"), sniff_kind(b"  <!DOCTYPE html><html>"), sniff_kind(b"Gao")
    ('pdf', 'html', 'text')
    """
    if head.startswith(b"%PDF-"):
        return "pdf"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<?xml")) or (
        start.startswith(b"<") and (b"<head" in start or b"<body" in start or b"<meta" in start)
    ):
        return "html"
    if start.startswith(b"{") and b'"schema"' in start and b"deploymap/story/" in head:
        return "story"
    return "text"


def detect_kind(path: str | os.PathLike[str]) -> str:
    """The kind of one input (see the module docstring); ``-`` is standard input (``text``
    until its bytes are read)."""
    name = str(path)
    if name.lower().startswith(("http://", "https://")):
        return "url"
    if name == "-":
        return "text"
    low = Path(name).name.lower().removesuffix(".gz")
    if low.endswith(_STORY_SUFFIXES):
        return "story"
    if low.endswith(_HTML_SUFFIXES):
        return "html"
    if low.endswith(".pdf"):
        return "pdf"
    from deploymap.tables import is_table

    if is_table(path):
        return "table"
    p = Path(name)
    if p.is_file():
        try:
            with p.open("rb") as f:
                return sniff_kind(f.read(8192))
        except OSError:
            pass
    return "text"


def read_article(
    path: str | os.PathLike[str],
    *,
    fetch: bool = False,
    max_bytes: int | None = None,
    timeout: float | None = None,
) -> Article:
    """One article input (text, HTML, PDF or URL) reduced to an :class:`Article`.

    Standard input (``-``) is sniffed: a PDF, an HTML page or text.

    Parameters
    ----------
    path : str or path
        A file, ``-``, or an ``http(s)://`` address.
    fetch : bool
        Allow fetching an address (off: an address is refused, nothing is sent).
    max_bytes, timeout : optional
        Limits of a fetch (see :func:`deploymap.inputs.url.fetch_page`).

    Examples
    --------
    >>> read_article("https://example.org/a")
    Traceback (most recent call last):
    ...
    deploymap.errors.InputError: https://example.org/a: deploymap reads the network only ...
    """
    kind = detect_kind(path)
    if kind == "url":
        if not fetch:
            raise InputError(
                f"{path}: deploymap reads the network only when asked: add --fetch (fetch=True)"
            )
        from deploymap.inputs.url import read_url

        return read_url(str(path), max_bytes=max_bytes, timeout=timeout)
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        return article_from_bytes(data, "", sniff_kind(data[:8192]))
    if kind == "html":
        from deploymap.inputs.html import read_html_article

        return read_html_article(path)
    if kind == "pdf":
        from deploymap.inputs.pdf import read_pdf_article

        return read_pdf_article(path)
    if kind in ("story", "table"):
        raise InputError(f"{path}: is a {kind}, not an article")
    from deploymap.inputs.text import read_text_article

    return read_text_article(path)


def article_from_bytes(data: bytes, source: str, kind: str, url: str = "") -> Article:
    """An article from bytes already read, as *kind* (``pdf``, ``html`` or ``text``)."""
    if kind == "pdf":
        from deploymap.inputs.pdf import pdf_article

        return pdf_article(data, source or "<stdin>", source=source)
    if kind == "html":
        from deploymap.inputs.html import html_article

        return html_article(data, source or "<stdin>", source=source, url=url)
    if kind == "story":
        raise InputError(
            f"{source or '<stdin>'}: a Story document; give it as a file (story.json) "
            "to deploymap map or export"
        )
    from deploymap.inputs.text import text_article

    return text_article(data, source)


def read_article_story(
    path: str | os.PathLike[str], *, date: str = "", fetch: bool = False, **limits: float | None
) -> Story:
    """One article input read into a Story (page numbers kept in the evidence of a PDF)."""
    from deploymap.read import read_text

    art = read_article(path, fetch=fetch, **limits)  # type: ignore[arg-type]
    story = read_text(art.text, title=art.title, date=art.date or date, source=art.source)
    return with_pages(story, art)


def read_inputs(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    mission: str | None = None,
    year: YearSpec = None,
    date: str = "",
    personnel: Sequence[str] | None = ("Troops",),
    fetch: bool = False,
) -> Story:
    """Articles, Story documents and tables into one Story, as ``deploymap map`` and
    ``export`` read their inputs.

    Articles are read (text, HTML, PDF, URL with *fetch*; *date* is their date
    when they do not say) and Story documents taken as written; all of these are
    merged by :func:`deploymap.aggregate.merge_stories` when there are several.
    Tables are read together by :func:`deploymap.tables.read_tables` with the
    *mission*, *year* and *personnel* filters.  The two are then joined
    (:func:`deploymap.tables.concat_stories`).

    Examples
    --------
    >>> from deploymap.examples import __file__ as examples
    >>> story = read_inputs([Path(examples).parent / "kfor-command-2023.txt"])
    >>> story.mission.mission.id
    'KFOR'
    """
    from deploymap.tables import concat_stories, read_tables

    kinds = [(p, detect_kind(p)) for p in inputs]
    if sum(1 for p, _ in kinds if str(p) == "-") > 1:
        raise InputError("- (standard input) is given more than once")
    tables = [p for p, k in kinds if k == "table"]
    read: list[Story] = []
    for p, k in kinds:
        if k == "story":
            from deploymap.inputs.story import read_story

            read.extend(read_story(p))
        elif k != "table":
            read.append(read_article_story(p, date=date, fetch=fetch))
    stories: list[Story] = []
    if len(read) > 1:
        from deploymap.aggregate import merge_stories

        stories.append(merge_stories(read))
    else:
        stories.extend(read)
    if tables:
        stories.append(read_tables(tables, mission=mission, year=year, personnel=personnel))
    if not stories:
        raise InputError("no input given")
    return concat_stories(stories)
