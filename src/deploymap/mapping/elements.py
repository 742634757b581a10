"""The few branca/folium elements deploymap adds to a map.

* :class:`MapFigure` renders with deterministic element ids and, for offline
  maps, swaps every CDN link for the embedded asset;
* :class:`DataLayer` draws one layer's features through the small runtime in
  ``static/deploymap.js``;
* :class:`Runtime` carries that runtime, the attribution and the initial view;
* :class:`Box` places prepared markup (title, legend) over the map;
* :class:`TimeSlider` steps the time-aware layers through a story's dates.

No input string is ever template source.  branca renders an element's
macros and then, by default, compiles the *output* again as a Jinja template
(``Element(rendered)``), so text from an article that reached a macro as a
value would run as Jinja on the second pass.  Here every element renders
through :class:`SafeMacroElement`, which stores macro output as
:class:`Literal` text, and :meth:`MapFigure.render` turns whatever other
elements (folium's own, or a user's) left in the page into literals before
the page is assembled.  On top of that, strings reach templates only as
HTML-escaped markup built in :mod:`deploymap.mapping.style` or as JSON from
:func:`script_json`, which can neither close the ``<script>`` element it sits
in nor hold a ``{{``, ``{%`` or ``{#`` that any template engine would read.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from typing import Any

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.template import Template

from deploymap.mapping.assets import OfflineAssetError, offline_asset, runtime_css, runtime_js

__all__ = [
    "Box",
    "Call",
    "DataLayer",
    "FeatureGroup",
    "LayerControl",
    "Literal",
    "Map",
    "MapFigure",
    "PointLayer",
    "Runtime",
    "SafeMacroElement",
    "TileLayer",
    "TimeSlider",
    "features_json",
    "script_json",
]

# branca and folium name elements with 32 random hex digits (urandom / uuid4).
_RANDOM_ID = re.compile(r"[0-9a-f]{32}")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
# A "{" that is not JSON structure: structural braces of compact JSON are always
# followed by '"' (a key) or "}" (an empty object), so any other "{" is inside a string.
_STRING_BRACE = re.compile(r'\{(?!["}])')


def script_json(obj: Any, *, text: bool = False) -> str:
    """*obj* as compact JSON that is safe inside an HTML ``<script>`` element.

    ``</`` becomes ``<\\/`` and ``<!--`` becomes ``\\u003c!--``, so no string
    can close the script or switch the HTML parser into its comment states;
    U+2028/2029 are escaped for old JavaScript parsers.  A ``{`` inside a
    string becomes ``\\u007b``, so the text holds no ``{{``, ``{%`` or ``{#``
    for a template engine to find.  (All are valid JSON escapes, and cheaper
    than escaping every ``<`` of the popup markup.)

    Examples
    --------
    >>> script_json({"t": "</script><!-- x"})
    '{"t":"<\\\\/script>\\\\u003c!-- x"}'
    >>> script_json({"a": {"b": "{{ 7*191 }}"}})
    '{"a":{"b":"\\\\u007b\\\\u007b 7*191 }}"}}'

    With ``text=True`` (data the runtime sets as text, which holds no markup
    of ours) every ``<`` and ``>`` is escaped, so no tag of any kind is in the page:

    >>> script_json(["<b>x</b>"], text=True)
    '["\\\\u003cb\\\\u003ex\\\\u003c/b\\\\u003e"]'
    """
    out = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    if text:
        out = out.replace("<", "\\u003c").replace(">", "\\u003e")
    return (
        _STRING_BRACE.sub(r"\\u007b", out)
        .replace("</", "<\\/")
        .replace("<!--", "\\u003c!--")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class Literal(Element):
    """Text that renders as itself: never compiled or rendered as a template.

    Examples
    --------
    >>> Literal("{{ 7*191 }} {% raw %}").render()
    '{{ 7*191 }} {% raw %}'
    """

    def __init__(self, text: str):
        super().__init__()
        self._name = "Literal"
        self.text = str(text)

    def render(self, **kwargs: Any) -> str:
        return self.text


class SafeMacroElement(MacroElement):
    """A :class:`branca.element.MacroElement` whose rendered macros stay text.

    branca's ``MacroElement.render`` wraps each macro's output in
    ``Element(output)``, which compiles the output as a new template.  This
    override wraps it in :class:`Literal` instead; everything else (where the
    output goes, the children rendered after) is as in branca.  Placed after a
    folium class in the bases (``class Map(folium.Map, SafeMacroElement)``),
    folium's own ``render`` reaches this one through ``super()``.
    """

    def render(self, **kwargs: Any) -> Any:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("this element can only be rendered inside a Figure")
        module = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = module.get(part)
            if macro is not None:
                getattr(figure, part).add_child(Literal(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


# folium's classes the maps use, each rendered through SafeMacroElement: folium's
# render() methods end in super().render(), which the MRO sends to ours.
class Map(folium.Map, SafeMacroElement):
    """``folium.Map`` rendered through :class:`SafeMacroElement`."""


class FeatureGroup(folium.FeatureGroup, SafeMacroElement):
    """``folium.FeatureGroup`` rendered through :class:`SafeMacroElement`."""


class LayerControl(folium.LayerControl, SafeMacroElement):
    """``folium.LayerControl`` rendered through :class:`SafeMacroElement`."""


class TileLayer(folium.TileLayer, SafeMacroElement):
    """``folium.TileLayer`` rendered through :class:`SafeMacroElement`."""


def _subelements(el: Element) -> list[Element]:
    # Figures and popups keep header/html/script as attributes, not children.
    subs = [getattr(el, a, None) for a in ("header", "html", "script")]
    return [s for s in subs if isinstance(s, Element)]


class MapFigure(Figure):
    """A :class:`branca.element.Figure` whose HTML is reproducible and, if asked, self-contained.

    Parameters
    ----------
    title : str
        The page title (plain text; escaped here).
    offline : bool
        Embed every script and stylesheet; refuse what cannot be embedded.

    Examples
    --------
    >>> import folium
    >>> fig = MapFigure(title="A <b>map</b>")
    >>> _ = fig.add_child(folium.Map(tiles=None))
    >>> fig.render() == fig.render(), "<title>A &lt;b&gt;map&lt;/b&gt;</title>" in fig.render()
    (True, True)
    """

    # branca's page template with the document's language (the interface's)
    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang }}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
        "    {{this.header.render(**kwargs)}}\n"
        "</head>\n"
        "<body>\n"
        "    {{this.html.render(**kwargs)}}\n"
        "</body>\n"
        "<script>\n"
        "    {{this.script.render(**kwargs)}}\n"
        "</script>\n"
        "</html>\n",
    )

    def __init__(self, title: str = "", *, offline: bool = False, lang: str = "en"):
        from deploymap.mapping.style import e

        super().__init__(title=e(title) if title else None)
        self.offline = offline
        self.lang = e(lang)
        self._next_id = 0
        self._last_render: list[tuple[Element, list[str]]] = []

    def render(self, **kwargs: Any) -> str:
        # Rendering adds the elements' output to the figure's header, html and script,
        # some under fresh random names; drop what the last render added so a second
        # render rebuilds the page in the same order instead of appending duplicates.
        for part, keys in self._last_render:
            for key in keys:
                part._children.pop(key, None)
        self.assign_ids()
        parts = _subelements(self)
        before = [set(part._children) for part in parts]
        for child in self._children.values():
            child.render(**kwargs)
        self._freeze_parts(parts)
        if self.offline:
            self._embed_assets()
        self._last_render = [
            (part, [k for k in part._children if k not in old])
            for part, old in zip(parts, before, strict=True)
        ]
        return self._template.render(this=self, kwargs=kwargs)

    @staticmethod
    def _freeze_parts(parts: list[Element]) -> None:
        # An element rendered the branca way (folium's own, or one a user added)
        # left Element(output) in the page, output compiled as a template.  Its
        # source text is what the page should hold: keep that, never render it.
        for part in parts:
            for key, el in part._children.items():
                if type(el) is Element and el._template_str is not None:
                    part._children[key] = Literal(el._template_str)

    def assign_ids(self) -> None:
        """Replace every random element id in the tree by the next number.

        Ids follow the tree's order, so the same map gives the same ids; ids
        already assigned are kept.
        """
        self._visit(self)

    def _visit(self, el: Element) -> None:
        if self.offline:
            from folium.raster_layers import TileLayer

            if isinstance(el, TileLayer):
                raise OfflineAssetError(
                    f"an offline map cannot load tiles ({el.tile_name!r}); remove the tile "
                    "layer or build the map with offline=False"
                )
        old_names = {}
        for key, child in el._children.items():
            old_names[key] = child.get_name()
            self._visit(child)
        # The figure's own header/html/script only hold what rendering produced.
        for sub in _subelements(el) if el is not self else ():
            self._visit(sub)
        if _RANDOM_ID.fullmatch(el._id):
            el._id = str(self._next_id)
            self._next_id += 1
        # children stored under their (old, random) default name are re-keyed
        if any(old_names[k] == k and c.get_name() != k for k, c in el._children.items()):
            el._children = OrderedDict(
                (c.get_name() if old_names[k] == k else k, c) for k, c in el._children.items()
            )

    def _embed_assets(self) -> None:
        header = self.header._children
        embedded: OrderedDict[str, Element] = OrderedDict()
        for name, el in header.items():
            if isinstance(el, JavascriptLink | CssLink) and _EXTERNAL.match(el.url or ""):
                asset = offline_asset(name)
                tag = "script" if asset.kind == "js" else "style"
                el = Literal(f"<{tag}>\n{asset.text}</{tag}>")
            embedded[name] = el
        self.header._children = embedded


class DataLayer(SafeMacroElement):
    """One layer's GeoJSON features, drawn by ``deploymap.layer`` into its parent group.

    Each feature's ``properties`` hold ``s`` (Leaflet path options over the
    layer's shared *style*, or a ``divIcon`` class in ``icon``), and
    optionally ``t`` (tooltip markup), ``label`` (make the tooltip a permanent
    label) and ``p`` (popup markup) -- markup that :mod:`deploymap.mapping.style`
    already escaped.

    *written* holds features already written by :func:`features_json` (the
    same for every map of a gazetteer: the basemap, a region's rivers); they
    come first, and share no geometry with *features*.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "deploymap.layer({{ this.map_name }}, {{ this._parent.get_name() }}, "
        "{{ this.data }}, {{ this.opts }});\n"
        "{% endmacro %}"
    )

    def __init__(
        self,
        features: list[dict[str, Any]],
        *,
        pane: str,
        style: dict[str, Any] | None = None,
        canvas: bool = False,
        interactive: bool = True,
        written: str = "",
    ):
        super().__init__()
        self._name = "DataLayer"
        self.data = script_json(_share_geometries(features))
        if written:
            rest = self.data[len(_FC_HEAD) :]
            self.data = _FC_HEAD + written + ("" if rest.startswith("]") else ",") + rest
        opts: dict[str, Any] = {"pane": pane, "style": style or {}}
        if canvas:
            opts["canvas"] = True
        if not interactive:
            opts["interactive"] = False
        self.opts = script_json(opts)
        self.map_name = ""

    def render(self, **kwargs: Any) -> Any:
        from folium import Map
        from folium.utilities import get_obj_in_upper_tree

        self.map_name = get_obj_in_upper_tree(self, Map).get_name()
        super().render(**kwargs)


_FC_HEAD = '{"type":"FeatureCollection","features":['


def features_json(features: list[dict[str, Any]]) -> str:
    """Features as the JSON text of their array's items, for ``DataLayer(written=...)``.

    Examples
    --------
    >>> features_json([{"type": "Feature", "geometry": None, "properties": {"n": "</b>"}}])
    '{"type":"Feature","geometry":null,"properties":{"n":"<\\\\/b>"}}'
    """
    return script_json(features)[1:-1]


def _share_geometries(features: list[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection that writes each repeated geometry once.

    Over time a contributor's outline comes once per date; the repeats then
    hold ``properties.g``, an index into the collection's ``geometries``,
    which the runtime puts back before drawing.

    Examples
    --------
    >>> sq = {"type": "Point", "coordinates": [1, 2]}
    >>> fc = _share_geometries([{"type": "Feature", "geometry": sq, "properties": {}}] * 2)
    >>> fc["geometries"], fc["features"][1]
    ([{'type': 'Point', 'coordinates': [1, 2]}], {'type': 'Feature', 'geometry': None, 'properties': {'g': 0}})
    """  # noqa: E501
    keys = [json.dumps(f["geometry"], sort_keys=True) if f["geometry"] else "" for f in features]
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    index: dict[str, int] = {}
    geometries: list[Any] = []
    out = []
    for f, k in zip(features, keys, strict=True):
        if not k or counts[k] < 2:
            out.append(f)
            continue
        if k not in index:
            index[k] = len(geometries)
            geometries.append(f["geometry"])
        out.append({**f, "geometry": None, "properties": {**f["properties"], "g": index[k]}})
    fc: dict[str, Any] = {"type": "FeatureCollection", "features": out}
    if geometries:
        fc["geometries"] = geometries
    return fc


class PointLayer(SafeMacroElement):
    """A big point layer as one data array, drawn by ``deploymap.points``.

    Unlike :class:`DataLayer` it carries no markup at all: the runtime makes
    each tooltip and popup from the record's values (see ``static/deploymap.js``
    for the layout) and sets them as text.  Above a threshold the points are
    clustered, and a cluster's count adds the troops of its points.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "deploymap.points({{ this.map_name }}, {{ this._parent.get_name() }}, "
        "{{ this.data }}, {{ this.opts }});\n"
        "{% endmacro %}"
    )

    def __init__(self, data: dict[str, Any], opts: dict[str, Any]):
        super().__init__()
        self._name = "PointLayer"
        self.count = len(data["x"])  # records
        self.data = script_json(data, text=True)
        self.opts = script_json(opts)
        self.map_name = ""
        if opts.get("cluster"):
            from folium.plugins import MarkerCluster

            # folium's asset names, so offline maps embed them like any other
            self.default_js = list(MarkerCluster.default_js)
            self.default_css = list(MarkerCluster.default_css)

    def render(self, **kwargs: Any) -> Any:
        from folium import Map
        from folium.utilities import get_obj_in_upper_tree

        self.map_name = get_obj_in_upper_tree(self, Map).get_name()
        figure = self.get_root()
        if isinstance(figure, Figure):
            for name, url in getattr(self, "default_js", []):
                figure.header.add_child(JavascriptLink(url), name=name)
            for name, url in getattr(self, "default_css", []):
                figure.header.add_child(CssLink(url), name=name)
        super().render(**kwargs)


class Call(SafeMacroElement):
    """One call of the runtime, ``deploymap.<fn>(map, data)``, with its data as JSON.

    *fn* is one of the runtime's own functions (never input); *data* reaches
    the page through :func:`script_json` only, and the runtime sets every
    string of it as text.
    """

    FUNCTIONS = frozenset({"panel", "views", "table", "chrome"})

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "deploymap.{{ this.fn }}({{ this._parent.get_name() }}, {{ this.data }});\n"
        "{% endmacro %}"
    )

    def __init__(self, fn: str, data: Any = None):
        super().__init__()
        if fn not in self.FUNCTIONS:
            raise ValueError(f"not a runtime function: {fn!r}")
        self._name = f"Call_{fn}"
        self.fn = fn
        self.payload = data
        self.data = script_json(data if data is not None else {}, text=True)


class Runtime(SafeMacroElement):
    """The drawing runtime and map chrome CSS, the attribution and the initial view."""

    _template = Template(
        "{% macro header(this, kwargs) %}"
        "<style>\n{{ this.css }}</style>\n<script>\n{{ this.js }}"
        # the words before any layer's script runs (the runtime sets them as text)
        "{% if this.words %}deploymap.words({{ this.words }});\n{% endif %}</script>\n"
        "{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        "deploymap.panes({{ this._parent.get_name() }});\n"
        "deploymap.attribute({{ this._parent.get_name() }}, {{ this.attribution }});\n"
        "{% if this.bounds %}deploymap.fit({{ this._parent.get_name() }}, {{ this.bounds }}, "
        "{{ this.zoom }});{% endif %}\n"
        "{% endmacro %}"
    )

    def __init__(
        self,
        *,
        attribution: str,
        bounds: list[list[float]] | None,
        zoom: float | None = None,
        extra_css: str = "",
        words: dict[str, Any] | None = None,
    ):
        super().__init__()
        self._name = "Runtime"
        # the interface's words (deploymap.locales), set as text by the runtime
        self.words = script_json(words, text=True) if words else ""
        self.css = runtime_css() + extra_css
        self.js = runtime_js()
        self.attribution = script_json(attribution)
        self.bounds = script_json(bounds) if bounds else ""
        self.zoom = script_json(float(zoom) if zoom is not None else None)


class Box(SafeMacroElement):
    """Prepared (already escaped) markup placed over the map: the title or the legend."""

    _template = Template("{% macro html(this, kwargs) %}{{ this.markup }}{% endmacro %}")

    def __init__(self, markup: str, name: str = "Box"):
        super().__init__()
        self._name = name
        self.markup = markup


class TimeSlider(SafeMacroElement):
    """A range input over the story's dates, drawn by ``deploymap.slider``.

    The features of time-aware layers carry ``w = [first, last]`` step indices
    (see :mod:`deploymap.mapping.time`); the runtime shows those whose window
    holds the chosen step.  Labels and notes reach the page as JSON and are
    set as text, never parsed as markup.  It needs no script beyond the
    runtime, so offline maps embed nothing more.

    Parameters
    ----------
    steps : list of str
        The dates, oldest first.
    notes : list of str, optional
        One line per step (what the force layer shows then).
    start : int, optional
        The step shown first; defaults to the latest.
    frames : list, optional
        The bounds each step frames (multi-mission maps), or None for all.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "deploymap.slider({{ this._parent.get_name() }}, {{ this.data }});\n"
        "{% endmacro %}"
    )

    def __init__(
        self,
        steps: list[str],
        notes: list[str] | None = None,
        start: int | None = None,
        frames: list[Any] | None = None,
    ):
        super().__init__()
        self._name = "TimeSlider"
        self.steps = steps
        self.data = script_json(
            {
                "steps": steps,
                "notes": notes or [],
                "start": len(steps) - 1 if start is None else start,
                "frames": frames or [],
            }
        )
