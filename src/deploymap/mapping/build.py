"""Story -> folium.Map: the layers, a layer control, a legend, a title and the attribution.

Online maps load Leaflet from folium's CDN and draw over a tile layer; offline
maps embed Leaflet and draw over a vector basemap of the embedded country
outlines, so the saved HTML makes no request at all.  Either way the HTML is
byte-for-byte reproducible and every input string is escaped.  A story over
several dates or years gets a time slider (:mod:`deploymap.mapping.time`),
drawn by deploymap's own runtime, so it needs no extra script offline.

Examples
--------
>>> from deploymap.read import read_text
>>> story = read_text("Turkey keeps about 600 soldiers in KFOR, the NATO force in Kosovo.")
>>> fmap = build_map(story, offline=True)
>>> html = fmap.get_root().render()
>>> "<script src=" in html, "Contributors (troops)" in html
(False, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from deploymap.errors import InputError
from deploymap.mapping import style as st
from deploymap.model import Story

if TYPE_CHECKING:
    import folium

    from deploymap.gazetteer import Gazetteer
    from deploymap.gazetteer.missions import MissionCatalogue
    from deploymap.mapping.layers import Layer, MapContext

__all__ = ["DEFAULT_TILES", "build_map", "combine_stories", "map_html"]

DEFAULT_TILES = "OpenStreetMap.Mapnik"  # needs no API key (CartoDB now does)
NO_TILES = ("none", "")

NATURAL_EARTH = '<a href="https://www.naturalearthdata.com/">Natural Earth</a>'
GEONAMES = '<a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'
GEO_PKO = '<a href="https://www.pcr.uu.se/data/geo-pko/">Geo-PKO</a> v2.3 (Cil et al. 2020)'


def build_map(
    story: Story | Sequence[Story],
    *,
    offline: bool | None = None,
    tiles: Any = None,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
    catalogue: MissionCatalogue | None = None,
    width: str | int = "100%",
    height: str | int = "100%",
    bounds: Sequence[Sequence[float]] | None = None,
    zoom: float | None = None,
    legend: bool = True,
    panel: bool = True,
    m: folium.Map | None = None,
    ui_lang: str = "en",
) -> folium.Map:
    """The interactive map of *story*.

    Parameters
    ----------
    story : Story or sequence of Story
        What to draw.  Several are combined as ``deploymap map a b`` combines
        its inputs: articles merged (:func:`deploymap.aggregate.merge_stories`),
        then tables added (:func:`deploymap.tables.concat_stories`).
    offline : bool, optional
        Embed Leaflet and draw a vector basemap instead of tiles: the HTML then
        makes no network request.  Needs the ``offline`` extra.  Defaults to
        the ``offline`` option (:func:`deploymap.set_option`, or the
        ``DEPLOYMAP_OFFLINE`` environment variable), which is off unless set.
    tiles : str or xyzservices.TileProvider, optional
        Online tile provider: an xyzservices name (``"OpenStreetMap.Mapnik"``,
        ``"Esri.WorldGrayCanvas"``) or provider; ``"none"`` draws the vector
        basemap instead.  Defaults to ``DEFAULT_TILES``; not allowed offline.
    title : str, optional
        Heading shown on the map; defaults to the story's title.
    gazetteer, catalogue : optional
        Reuse already opened data.
    width, height : str or int
        Size of the map (CSS length or pixels); the whole page by default.
    bounds : [[south, west], [north, east]], optional
        The initial view, instead of the host and mission area.
    zoom : float, optional
        The initial zoom, centred on the host and mission area (or *bounds*).
    legend, panel : bool
        Draw the legend and the contributors panel.
    m : folium.Map, optional
        Draw onto this map (as ``GeoDataFrame.explore(m=...)`` does): its tiles
        and controls stay; deploymap adds its layers, panel and legend.
    ui_lang : str
        The language of the map's own words (``"en"`` or ``"fr"``,
        :func:`deploymap.locales.languages`): layer names, legend, popups,
        panel, table, slider and buttons, numbers and country names.  The
        evidence and the story's own title are shown as written.

    Returns
    -------
    folium.Map
        With a time slider when the story's force, contributor or flow
        features hold several dates (Geo-PKO years, merged articles).  Save it
        with ``fmap.save(path)`` or render it with ``fmap.get_root().render()``;
        in Jupyter it displays itself.

    Raises
    ------
    InputError
        For an unknown tile provider, tiles asked for offline, an offline
        map drawn onto a given *m*, or an unknown *ui_lang*.

    Examples
    --------
    >>> from deploymap.read import read_text
    >>> fmap = build_map(read_text("KFOR, the NATO force in Kosovo, has 3,500 troops."))
    >>> type(fmap).__name__
    'Map'
    """
    import folium

    from deploymap.locales import messages
    from deploymap.mapping.elements import (
        Box,
        Call,
        LayerControl,
        Map,
        MapFigure,
        Runtime,
        TimeSlider,
    )
    from deploymap.mapping.layers import MapContext, basemap_layer, build_layers
    from deploymap.mapping.panel import panel_data, table_data
    from deploymap.mapping.view import home_frame, step_frames, world_frame

    ui = messages(ui_lang)
    one = combine_stories(story)
    from_option = offline is None
    if offline is None:
        from deploymap.options import get_option

        offline = bool(get_option("offline"))
    if offline and tiles is not None and str(tiles).lower() not in NO_TILES:
        if from_option:
            raise InputError(
                "tiles need the network, and the offline option is on; pass offline=False "
                "or deploymap.set_option('offline', False) (or unset DEPLOYMAP_OFFLINE)"
            )
        raise InputError("tiles need the network; drop --tiles or --offline")
    if offline and m is not None:
        raise InputError("an offline map cannot be drawn onto a given folium.Map; build it anew")
    ctx = MapContext.of(one, gazetteer, catalogue, site_features=False, ui_lang=ui.lang)
    heading = title if title is not None else (one.title or _default_title(one))

    fmap: folium.Map
    if m is None:
        fmap = Map(
            location=(20.0, 0.0),
            zoom_start=3,
            tiles=None,
            control_scale=True,
            font_size="0.85rem",
            width=width,
            height=height,
            zoom_snap=0.25,
            maxZoom=18,  # Leaflet.markercluster needs the map's own
        )
        figure = MapFigure(heading or "deploymap", offline=offline, lang=ui.lang)
        figure.add_child(fmap)
        if offline:
            # Only Leaflet: deploymap draws with its own runtime, not jQuery or Bootstrap.
            fmap.default_js = [("leaflet", _cdn(folium.Map.default_js, "leaflet"))]
            fmap.default_css = [("leaflet_css", _cdn(folium.Map.default_css, "leaflet_css"))]
        vector_basemap = offline or (tiles is not None and str(tiles).lower() in NO_TILES)
    else:
        fmap = m
        vector_basemap = False
    layers: list[Layer] = []
    detail = None
    home = home_frame(ctx)
    if vector_basemap:
        from deploymap.mapping.layers.detail import detail_layer

        layers.append(basemap_layer(ctx))
        # admin-1, rivers, lakes and towns round the host: the 1:110m outlines are empty there
        if (detail := detail_layer(ctx, home)) is not None:
            layers.append(detail)
    elif m is None:
        _tile_layer(tiles if tiles is not None else DEFAULT_TILES).add_to(fmap)
    layers += build_layers(ctx)
    for layer in layers:
        layer.group.add_to(fmap)
    if m is None or not any(isinstance(c, folium.LayerControl) for c in m._children.values()):
        LayerControl(collapsed=False, position="topright").add_to(fmap)

    frames = step_frames(ctx)
    start = len(ctx.axis) - 1 if ctx.axis is not None else 0
    if frames is not None and frames[start] is not None:
        home = frames[start]
    if bounds is not None:
        home = [
            [float(bounds[0][0]), float(bounds[0][1])],
            [float(bounds[1][0]), float(bounds[1][1])],
        ]
        frames = None
    extra_css = f".folium-map.leaflet-container {{ background: {st.SEA}; }}\n"
    fmap.add_child(
        Runtime(
            attribution=_attribution(ctx, detail=detail is not None),
            bounds=home,
            zoom=zoom,
            extra_css=extra_css if vector_basemap else "",
            words=ui.runtime("runtime."),
        )
    )
    info = panel_data(ctx) if panel else None
    if info is not None:
        fmap.add_child(Call("panel", info))
    fmap.add_child(Call("views", {"home": home, "world": world_frame(ctx)}))
    if ctx.axis is not None:
        notes = next((layer.step_notes for layer in layers if layer.step_notes), None)
        fmap.add_child(TimeSlider(list(ctx.axis.steps), notes, frames=frames))
    fmap.add_child(Call("table", table_data(ctx)))
    fmap.add_child(Box(_title_markup(heading, one, ctx), name="Title"))
    overlays = [layer for layer in layers if layer.overlay]
    legend_html = _legend_markup(overlays, ui("legend.title")) if legend else ""
    if legend_html:
        fmap.add_child(Box(legend_html, name="Legend"))
    fmap.add_child(Call("chrome"))
    root = fmap.get_root()
    if isinstance(root, MapFigure):
        root.assign_ids()
    return fmap


def combine_stories(story: Story | Sequence[Story]) -> Story:
    """One story from several, as ``deploymap map a b`` combines its inputs.

    Articles (stories with text) are merged, so a later figure replaces an
    earlier one; tables' stories are then added as they are.

    Examples
    --------
    >>> combine_stories(Story(title="x")).title
    'x'
    """
    if isinstance(story, Story):
        return story
    from deploymap.tables import concat_stories

    stories = list(story)
    if not stories:
        raise InputError("nothing to map: no input stories")
    texts = [s for s in stories if s.text]
    rest = [s for s in stories if not s.text]
    if len(texts) > 1:
        from deploymap.aggregate import merge_stories

        texts = [merge_stories(texts)]
    return concat_stories([*texts, *rest])


def map_html(story: Story | Sequence[Story], **kwargs: Any) -> str:
    """The complete HTML page of :func:`build_map` (same keyword arguments, ``ui_lang`` too).

    Examples
    --------
    >>> from deploymap.read import read_text
    >>> page = map_html(read_text("KFOR has 3,500 troops in Kosovo."), offline=True, ui_lang="fr")
    >>> '<html lang="fr">' in page, "Légende" in page
    (True, True)
    """
    return build_map(story, **kwargs).get_root().render()


def _cdn(assets: Sequence[tuple[str, str]], name: str) -> str:
    return dict(assets)[name]


def _tile_layer(tiles: Any) -> folium.TileLayer:
    from deploymap.mapping.elements import TileLayer

    hint = (
        "use an xyzservices name such as 'OpenStreetMap.Mapnik' or 'Esri.WorldGrayCanvas', "
        "or 'none' for the vector basemap"
    )
    if isinstance(tiles, str) and "{" not in tiles:
        import xyzservices

        try:
            provider = xyzservices.providers.query_name(tiles)
        except ValueError as e:
            raise InputError(f"unknown tile provider {tiles!r}; {hint}") from e
        if provider.requires_token():
            raise InputError(
                f"tile provider {tiles!r} needs an API key; pass an xyzservices "
                f"TileProvider with the key from Python, or {hint}"
            )
        tiles = provider
    try:
        return TileLayer(tiles=tiles)
    except ValueError as e:
        raise InputError(f"unknown tile provider {tiles!r}; {hint}") from e


def _default_title(story: Story) -> str:
    if story.mission is not None:
        return f"{story.mission.mission.name} ({story.mission.mission.id})"
    return "deploymap"


def _title_markup(heading: str, story: Story, ctx: MapContext) -> str:
    bits = [story.date, ", ".join(st.source_name(s) for s in story.sources[:3])]
    if len(story.sources) > 3:
        bits[-1] += ctx.ui("title.more", n=ctx.ui.number(len(story.sources) - 3))
    sub = " · ".join(b for b in bits if b)
    out = f'<div class="dm-title"><h1>{st.e(heading)}</h1>'
    if sub:
        out += f'<div class="dm-sub">{st.e(sub)}</div>'
    return out + "</div>"


def _legend_markup(layers: list[Layer], title: str = "Legend") -> str:
    parts, heading = [], None
    for layer in layers:
        if not layer.legend:
            continue
        if layer.section and layer.section != heading:
            heading = layer.section
            parts.append(f"<h3>{st.e(heading)}</h3>")
        parts.append(layer.legend)
    if not parts:
        return ""
    return (
        f'<details class="dm-legend" open><summary>{st.e(title)}</summary>'
        + "".join(parts)
        + "</details>"
    )


def _attribution(ctx: MapContext, detail: bool = False) -> str:
    t = ctx.ui
    c = t("list.colon")
    parts = [f"{st.e(t('credit.boundaries'))}{c}{NATURAL_EARTH}"]
    if detail:
        parts.append(f"{st.e(t('credit.rivers'))}{c}{NATURAL_EARTH} 1:50m")
    if detail or any(str(p.id).startswith("geonames:") for p in ctx.story.places):
        parts.append(f"{st.e(t('credit.places'))}{c}{GEONAMES}")
    if _uses_geo_pko(ctx.story):
        parts.append(f"{st.e(t('credit.hqs'))}{c}{GEO_PKO}")
    return " | ".join(parts)


def _uses_geo_pko(story: Story) -> bool:
    # Catalogue HQ points of UN missions come from Geo-PKO (geodata/SOURCES.md);
    # tables read from Geo-PKO files name it in their source.
    if any(
        m.mission.organisation == "UN" and m.mission.in_catalogue and m.mission.hq_lat is not None
        for m in story.missions
    ):
        return True
    return any("geo-pko" in s.lower() or "geopko" in s.lower() for s in story.sources)
