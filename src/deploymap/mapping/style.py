"""How the map looks and what its popups say: colours, classes, symbol sizes, markup.

Everything that turns input into markup lives here, and every input string
goes through :func:`e` on the way, so names, evidence sentences and titles can
never become live HTML (nor template syntax).

Examples
--------
>>> nice_breaks(600)
[0, 200, 400, 600]
>>> radius(3500, 3500), radius(875, 3500)
(30.0, 15.0)
>>> tooltip("Kosovo <Force>", "3,500 troops")
'<b>Kosovo &lt;Force&gt;</b><br>3,500 troops'
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from pathlib import PurePath

from deploymap.model import Evidence

# -- colours -------------------------------------------------------------------------------
HOST = "#e8743b"  # the host country: warm, stands out against the purples
HOST_EDGE = "#b4451c"
MENTIONED = "#7f7f7f"
AREA = "#1d4e89"  # mission area outline and HQ
FORCE = "#c0392b"  # proportional force symbols
FLOW = "#6a3d9a"
PLACE = "#222222"
# a contributor whose troop figure the text does not give: grey, not a lighter purple (the
# ramp's first class would read the same to many eyes), and drawn dashed (see NO_FIGURE_DASH)
NO_FIGURE = "#cfcfcf"
NO_FIGURE_DASH = "3 3"
# ColorBrewer Purples (5 classes), light to dark: contributors by troops.
CONTRIBUTOR_RAMP = ("#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f")
BASEMAP_LAND = "#f3f1ec"
BASEMAP_EDGE = "#c9c4b8"
SEA = "#dfe9f2"

# -- force symbols: circle *area* proportional to troops, in screen pixels ---------------------
MAX_RADIUS = 30.0  # the largest force on the map
MIN_RADIUS = 3.0  # so that a handful of observers is still visible


def radius(troops: float, largest: float) -> float:
    """Pixel radius of a force of *troops* when the largest one is *largest*.

    Area is proportional to troops (radius to its square root), never below
    ``MIN_RADIUS``; CircleMarker radii are in pixels, so sizes hold under zoom.
    """
    if troops <= 0 or largest <= 0:
        return MIN_RADIUS
    return round(max(MIN_RADIUS, MAX_RADIUS * math.sqrt(troops / largest)), 2)


def nice_number(x: float) -> int:
    """The 1-2-2.5-5 x 10^k number at or above *x* (for legend steps)."""
    if x <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(x))
    for m in (1, 2, 2.5, 5, 10):
        if m * exp >= x:
            return max(1, int(m * exp))
    return int(10 * exp)  # pragma: no cover - the loop always returns


def nice_breaks(largest: int, classes: int = len(CONTRIBUTOR_RAMP)) -> list[int]:
    """Class limits from 0 to at least *largest* in equal, round steps."""
    step = nice_number(largest / classes)
    top = step * math.ceil(largest / step)
    return list(range(0, top + 1, step))


def class_colour(troops: int | None, breaks: Sequence[int]) -> str:
    """Choropleth colour of a contributor: its class in *breaks*, or ``NO_FIGURE``."""
    if troops is None:
        return NO_FIGURE
    n = len(breaks) - 1
    for i in range(1, n + 1):
        if troops <= breaks[i]:
            # spread few classes over the whole ramp so one class is not washed out
            return CONTRIBUTOR_RAMP[round((i - 1) * (len(CONTRIBUTOR_RAMP) - 1) / max(1, n - 1))]
    return CONTRIBUTOR_RAMP[-1]


def legend_circles(largest: int) -> list[int]:
    """Up to three round troop figures, none above *largest*, for the force legend."""
    if largest <= 0:
        return []
    values = [_round_sig(largest / d) for d in (1, 4, 16)]
    return [v for v in dict.fromkeys(values) if 0 < v <= largest]


def _round_sig(x: float) -> int:
    # one significant digit, rounded down so the legend never outgrows the map
    if x < 1:
        return 0
    exp = 10 ** math.floor(math.log10(x))
    return int(math.floor(x / exp) * exp)


# -- text ------------------------------------------------------------------------------------
def e(text: object) -> str:
    """HTML-escape anything (quotes too: the markup may end up inside attributes).

    ``{`` becomes ``&#123;`` as well, so no markup made from input holds a
    ``{{``, ``{%`` or ``{#`` that a template engine would read.

    >>> e("<b>{{ x }}</b>")
    '&lt;b&gt;&#123;&#123; x }}&lt;/b&gt;'
    """
    return html.escape(str(text), quote=True).replace("{", "&#123;")


def content(text: object) -> str:
    """Escape text for an element's content (not an attribute): quotes may stay as written.

    >>> content("d'Ituri <b>{{ x }}</b>")
    "d'Ituri &lt;b&gt;&#123;&#123; x }}&lt;/b&gt;"
    """
    return html.escape(str(text), quote=False).replace("{", "&#123;")


def troops_text(troops: int | None, *, approx: bool = False) -> str:
    """``"3,500 troops"``, or a plain statement that the text gives no figure."""
    if troops is None:
        return "no figure given"
    return f"{'about ' if approx else ''}{troops:,} troops"


def tooltip(title: str, *lines: str) -> str:
    """Short hover text: a bold title and plain lines, all escaped."""
    return "<br>".join([f"<b>{e(title)}</b>", *(e(x) for x in lines if x)])


def source_name(source: str) -> str:
    """A file path shortened to its name; URLs and table names kept as they are."""
    if "://" in source or not source:
        return source
    return PurePath(source).name or source


def popup(
    title: str,
    rows: Iterable[tuple[str, object]] = (),
    evidence: Iterable[Evidence | str] = (),
    note: str = "",
) -> str:
    """Popup markup: a title, a table of facts, and the evidence sentences.

    Rows whose value is None or empty are left out.  Evidence sentences are
    quoted with their source and date.

    Examples
    --------
    >>> popup("KFOR", [("Troops", "3,500"), ("Peak", None)], ["It has <b>3,500</b>."])
    '<div class="dm-pop"><h4>KFOR</h4><table><tr><th>Troops</th><td>3,500</td></tr></table><blockquote>It has &lt;b&gt;3,500&lt;/b&gt;.</blockquote></div>'
    """  # noqa: E501
    parts = [f'<div class="dm-pop"><h4>{e(title)}</h4>']
    cells = [(k, v) for k, v in rows if v is not None and v != ""]
    if cells:
        parts.append("<table>")
        parts.extend(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in cells)
        parts.append("</table>")
    seen: set[str] = set()
    for ev in evidence:
        if len(seen) >= 3:
            break  # a contributor of 500 contingents: its first three sentences
        text = ev.text if isinstance(ev, Evidence) else ev
        if not text or text in seen:
            continue
        seen.add(text)
        parts.append(f"<blockquote>{e(text)}</blockquote>")
        if isinstance(ev, Evidence) and (ev.source or ev.date):
            where = ", ".join(x for x in (source_name(ev.source), ev.date) if x)
            parts.append(f'<div class="dm-src">{e(where)}</div>')
    if note:
        parts.append(f'<div class="dm-src">{e(note)}</div>')
    parts.append("</div>")
    return "".join(parts)
