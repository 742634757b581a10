"""PDFs with a text layer (reports, press releases), read page by page with pypdf. Each
page's lines are joined back into paragraphs by their spacing and font size (a PDF
breaks lines where the page is full, not where a sentence ends), pages are separated by
a blank line, and :attr:`Article.pages` keeps where each page starts, so every evidence
record names its page. A PDF with no text (a scan) is refused with a message that says
so.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from deploymap.errors import InputError
from deploymap.inputs.article import Article

__all__ = ["pdf_article", "read_pdf_article", "reflow"]

# Lines further apart than this many times their font size are in different paragraphs.
_PARAGRAPH_GAP = 1.5


def _lines(page: Any) -> list[tuple[str, float | None, float]]:
    """``(text, y, font size)`` of each line of a page, as pypdf's text extraction gives it."""
    lines: list[tuple[str, float | None, float]] = []
    text, y, size = "", None, 0.0

    def visit(chunk: str, cm: Any, tm: Any, font: Any, font_size: float) -> None:
        nonlocal text, y, size
        pieces = chunk.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append((text, y, size))
                text, y, size = "", None, 0.0
            if piece.strip() and y is None:
                scale = abs(tm[3] * cm[3]) or abs(cm[3]) or 1.0
                y, size = tm[5] * cm[3] + cm[5], font_size * scale
            text += piece

    page.extract_text(visitor_text=visit)
    lines.append((text, y, size))
    return lines


def reflow(lines: list[tuple[str, float | None, float]]) -> str:
    """A page's lines joined into paragraphs, one blank line between them.

    Two lines are in one paragraph when they are as close as lines of text
    are (less than 1.5 times the font size apart) and of the same size; a
    heading, a gap or a blank line starts a new one.  A word broken by a hyphen
    at the end of a line keeps its hyphen.

    >>> reflow([("Kenyan troops of the", 700.0, 10.0), ("mission reached Kismayo.", 688.0, 10.0),
    ...         ("A new paragraph", 660.0, 10.0)])
    'Kenyan troops of the mission reached Kismayo.\\n\\nA new paragraph'
    """
    paragraphs: list[str] = []
    current = ""
    last: tuple[float | None, float] = (None, 0.0)
    for raw, y, size in lines:
        line = " ".join(raw.split())
        if not line:
            if current:
                paragraphs.append(current)
            current, last = "", (None, 0.0)
            continue
        py, psize = last
        same = (
            current
            and y is not None
            and py is not None
            and abs(size - psize) <= 0.1 * max(size, psize)
            and abs(py - y) <= _PARAGRAPH_GAP * max(size, psize)
        )
        if same:
            current += ("" if current.endswith("-") else " ") + line
        else:
            if current:
                paragraphs.append(current)
            current = line
        last = (y, size)
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _reader(data: bytes, name: str) -> Any:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise InputError("reading PDFs needs pypdf: pip install 'deploymap[inputs]'") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: the PDF is encrypted; give a copy without a password")
        return reader
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"{name}: not a readable PDF ({e})") from None


def pdf_article(data: bytes, name: str = "<pdf>", *, source: str = "") -> Article:
    """A text PDF as an :class:`Article`, with the offset where each page starts.

    Raises
    ------
    InputError
        Not a PDF, encrypted, or without a text layer (a scanned PDF).
    """
    reader = _reader(data, name)
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    try:
        pages = list(reader.pages)
    except Exception as e:  # pypdf raises many kinds on damaged files
        raise InputError(f"{name}: not a readable PDF ({type(e).__name__}: {e})") from None
    for number, page in enumerate(pages, 1):
        try:
            text = reflow(_lines(page))
        except Exception as e:
            raise InputError(
                f"{name}: page {number} cannot be read ({type(e).__name__}: {e})"
            ) from None
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 2  # the blank line between pages
    body = "\n\n".join(parts)
    if not body.strip():
        raise InputError(
            f"{name}: no text layer in this PDF ({len(pages)} pages; a scanned document?): "
            "deploymap reads text PDFs; run OCR first (for example ocrmypdf) and give its output"
        )
    # the title is the first short line, as for a text file (PDF metadata titles are
    # often a file or program name)
    return Article(text=body, source=source, pages=tuple(starts))


def read_pdf_article(path: str | os.PathLike[str]) -> Article:
    """A ``.pdf`` file as an :class:`Article` (see :func:`pdf_article`)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file" if not p.exists() else f"{p}: not a file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror or e})") from e
    return pdf_article(data, str(p), source=p.name)
