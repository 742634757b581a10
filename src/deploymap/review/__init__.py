"""The review page: check and correct what deploymap read before a map goes out.

    article or Story document -> Story -> one offline HTML page -> corrected Story document

:func:`review_html` writes one self-contained page: the article with every
place, mission, figure and contributor highlighted where it was read, a
table of the missions, deployments, events and places (each row linked to
its evidence), and the offline map beside them.  A reviewer accepts,
corrects or rejects each row, adds a figure the extractor missed by
selecting it in the text, and saves the corrected Story document
(``deploymap/story/v1``), which ``deploymap map`` then draws.

The page needs no server and makes no request: its script and stylesheet
are this package's ``static/review.js`` and ``static/review.css``, the map
is the offline map of :func:`deploymap.mapping.build_map` in a sandboxed
frame, and the story goes in as JSON data
(:func:`deploymap.mapping.elements.script_json`) that the script shows as
text only.

Examples
--------
>>> from deploymap.model import Deployment, Story
>>> story = Story(text="Fiji sends 300 troops.", deployments=(Deployment("FJI", "", 300),))
>>> page = review_html(story)
>>> page.startswith("<!DOCTYPE html>"), "<script src=" in page
(True, False)
"""

from __future__ import annotations

import html
import os
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deploymap.errors import InputError
from deploymap.model import Story

if TYPE_CHECKING:
    from deploymap.gazetteer import Gazetteer
    from deploymap.gazetteer.missions import MissionCatalogue
    from deploymap.locales import Messages

__all__ = ["LOW_CONFIDENCE", "read_for_review", "review_data", "review_html"]

#: Records whose confidence is below this are flagged and listed first.
LOW_CONFIDENCE = 0.6

# Nothing may load from anywhere: scripts and styles are inline, images data: URIs
# (Leaflet's), the map a srcdoc frame.  Saving makes a blob: URL to download.
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; frame-src 'self' about: data:; base-uri 'none'; form-action 'none'"
)


@cache
def _static(name: str) -> str:
    return (resources.files("deploymap.review") / "static" / name).read_text("utf-8")


def review_data(
    story: Story, *, gazetteer: Gazetteer | None = None, name: str = ""
) -> dict[str, Any]:
    """What the page's script is given: the Story document, the countries, the threshold.

    Parameters
    ----------
    story : Story
        What was read; its ``text`` is the article the spans point into.
    gazetteer : Gazetteer, optional
        Reuse an opened gazetteer (for the list of countries a contributor is
        chosen from).
    name : str
        The file the saved document is suggested under (``<name>.story.json``).

    Examples
    --------
    >>> data = review_data(Story(title="t", text="t"))
    >>> data["doc"]["schema"], data["low"], ["FJI", "Fiji"] in data["countries"]
    ('deploymap/story/v1', 0.6, True)
    """
    if gazetteer is None:
        from deploymap.gazetteer import Gazetteer

        gazetteer = Gazetteer()
    countries = [[p.iso3, p.name] for p in gazetteer.countries() if p.iso3]
    stem = Path(name).name if name else ""
    for suffix in (".gz", ".json", ".jsonl", ".txt", ".html", ".htm", ".pdf"):
        stem = stem.removesuffix(suffix)
    stem = stem.removesuffix(".story")
    return {
        "doc": story.to_dict(text=True),
        "countries": countries,
        "low": LOW_CONFIDENCE,
        "file": (stem or "story") + ".story.json",
    }


def review_html(
    source: Story | str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
    catalogue: MissionCatalogue | None = None,
    name: str = "",
    ui_lang: str = "en",
) -> str:
    """The review page of a Story, an article or a Story document: one offline HTML page.

    Parameters
    ----------
    source : Story, str or path
        One article's Story (from :func:`deploymap.read_text` or a Story
        document), or a file :func:`read_for_review` reads.  Without ``text``
        the page still lists and edits the records; it has no article to
        highlight.
    output : str or path, optional
        Also write the page here (through a temporary file and a rename).
    title : str, optional
        The page heading (default: the story's title).
    gazetteer, catalogue : optional
        Reuse already opened data.
    name : str
        The input's file name (default: *source* when it is one): the saved
        document is offered as ``<name>.story.json``.
    ui_lang : str
        The language of the page's own words and of its map's (``"en"`` or
        ``"fr"``); the article and the records' values as written.

    Returns
    -------
    str
        The HTML page; nothing in it loads from the network.

    Examples
    --------
    >>> page = review_html(Story(title="<b>Bold</b>", text="<b>Bold</b>"))
    >>> "<b>Bold" in page, "&lt;b&gt;Bold&lt;/b&gt;" in page
    (False, True)
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "review.html"
    >>> review_html(Story(title="Quiet week"), out) == out.read_text(encoding="utf-8")
    True
    """
    from deploymap.locales import messages

    ui = messages(ui_lang)  # an unknown language fails before any reading
    if isinstance(source, Story):
        story = source
    else:
        story, name = read_for_review(source), name or str(source)
    page = _page(story, title=title, gazetteer=gazetteer, catalogue=catalogue, name=name, ui=ui)
    if output is not None:
        from deploymap.io import write_text_atomic

        write_text_atomic(output, page)
    return page


def _page(
    story: Story,
    *,
    title: str | None,
    gazetteer: Gazetteer | None,
    catalogue: MissionCatalogue | None,
    name: str,
    ui: Messages,
) -> str:
    from deploymap.mapping import map_html
    from deploymap.mapping.elements import script_json

    data = review_data(story, gazetteer=gazetteer, name=name)
    if ui.lang != "en":  # the country list in the interface's language
        data["countries"] = [[c, ui.country(c, n)] for c, n in data["countries"]]
    heading = title if title is not None else (story.title or ui("review.heading"))
    data["title"] = heading
    data["words"] = ui.runtime("review.js.", also=("value.",))
    # the page has the headline: the map's own title box (in a small frame) names the mission
    short = story.mission.mission.id if story.mission is not None else ""
    fmap = map_html(
        story, offline=True, title=short, gazetteer=gazetteer, catalogue=catalogue, ui_lang=ui.lang
    )
    # the map is a separate document in a sandboxed frame: escaped as an attribute value,
    # it runs in an opaque origin and cannot reach this page
    frame = (
        f'<iframe id="dm-map" title="{html.escape(ui("review.map_title"))}" '
        'sandbox="allow-scripts" '
        f'srcdoc="{html.escape(fmap, quote=True)}"></iframe>'
    )
    body = _words(_static("review.html"), ui).replace("<!--map-->", frame, 1)
    return (
        f'<!DOCTYPE html>\n<html lang="{ui.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(ui('review.page_title', title=heading))}</title>\n"
        f"<style>\n{_static('review.css')}</style>\n</head>\n<body>\n{body}"
        # with text=True no "<" or ">" of the data is in the page at all
        f'<script type="application/json" id="dm-data">{script_json(data, text=True)}</script>\n'
        f"<script>\n{_static('review.js')}</script>\n</body>\n</html>\n"
    )


_WORD = re.compile(r"\[\[(\w+)\]\]")


def _words(page: str, ui: Messages) -> str:
    """``review.html`` with each ``[[key]]`` its ``review.html.key`` message, escaped.

    The page's source is this package's file; the words are the catalogue's
    (:mod:`deploymap.locales`), never input.
    """
    return _WORD.sub(lambda m: html.escape(ui(f"review.html.{m.group(1)}"), quote=False), page)


def read_for_review(
    path: str | os.PathLike[str],
    *,
    date: str = "",
    lang: str = "",
    fetch: bool = False,
) -> Story:
    """The one Story a review page shows: an article read, or a Story document as written.

    Raises
    ------
    InputError
        For a table, a file of several Story documents, or anything
        :func:`deploymap.inputs.read_article` refuses.

    Examples
    --------
    >>> from deploymap.examples import __file__ as examples
    >>> story = read_for_review(Path(examples).parent / "kfor-command-2023.txt")
    >>> story.mission.mission.id
    'KFOR'
    """
    from deploymap.inputs import detect_kind, read_article, with_pages

    kind = detect_kind(path)
    if kind == "table":
        raise InputError(
            f"{path}: a table; review reads one article or Story document "
            "(check tables with deploymap map, or deploymap export --format csv)"
        )
    if kind == "story":
        from deploymap.inputs.story import read_story

        stories = read_story(path)
        if len(stories) != 1:
            raise InputError(
                f"{path}: holds {len(stories)} Story documents; review takes one "
                "(save the one to review as its own .json file)"
            )
        return stories[0]
    from deploymap.read import read_text

    art = read_article(path, fetch=fetch)
    source = art.source if art.source.startswith(("http://", "https://")) else str(path)
    story = read_text(
        art.text,
        title=art.title,
        date=art.date or date,
        source=art.source if str(path) == "-" else source,
        lang=lang,
    )
    return with_pages(story, art)
