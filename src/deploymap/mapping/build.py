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

__all__ = ["DEFAULT_TILES", "build_map", "map_html"]

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
) -> folium.Map:
    """The interactive map of *story*.

    Parameters
    ----------
    story : Story or sequence of Story
        What to draw; several stories are combined (see :func:`deploymap.tables.concat_stories`).
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
        For an unknown tile provider, or tiles asked for offline.

    Examples
    --------
    >>> from deploymap.read import read_text
    >>> fmap = build_map(read_text("KFOR, the NATO force in Kosovo, has 3,500 troops."))
    >>> type(fmap).__name__
    'Map'
    """
    import folium

    from deploymap.mapping.elements import Box, LayerControl, Map, MapFigure, Runtime, TimeSlider
    from deploymap.mapping.layers import MapContext, basemap_layer, build_layers

    if isinstance(story, Story):
        one = story
    else:
        from deploymap.tables import concat_stories

        stories = list(story)
        if not stories:
            raise InputError("nothing to map: no input stories")
        one = concat_stories(stories)
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
    ctx = MapContext.of(one, gazetteer, catalogue)
    heading = title if title is not None else (one.title or _default_title(one))

    fmap = Map(
        location=(20.0, 0.0),
        zoom_start=3,
        tiles=None,
        control_scale=True,
        font_size="0.85rem",
    )
    figure = MapFigure(heading or "deploymap", offline=offline)
    figure.add_child(fmap)
    if offline:
        # Only Leaflet: deploymap draws with its own runtime, not jQuery or Bootstrap.
        fmap.default_js = [("leaflet", _cdn(folium.Map.default_js, "leaflet"))]
        fmap.default_css = [("leaflet_css", _cdn(folium.Map.default_css, "leaflet_css"))]

    vector_basemap = offline or (tiles is not None and str(tiles).lower() in NO_TILES)
    layers: list[Layer] = []
    if vector_basemap:
        layers.append(basemap_layer(ctx))
    else:
        _tile_layer(tiles if tiles is not None else DEFAULT_TILES).add_to(fmap)
    layers += build_layers(ctx)
    for layer in layers:
        layer.group.add_to(fmap)
    LayerControl(collapsed=False, position="topright").add_to(fmap)

    extra_css = f".folium-map.leaflet-container {{ background: {st.SEA}; }}\n"
    fmap.add_child(
        Runtime(
            attribution=_attribution(ctx),
            bounds=_story_bounds(ctx),
            extra_css=extra_css if vector_basemap else "",
        )
    )
    if ctx.axis is not None:
        notes = next((layer.step_notes for layer in layers if layer.step_notes), None)
        fmap.add_child(TimeSlider(list(ctx.axis.steps), notes))
    fmap.add_child(Box(_title_markup(heading, one), name="Title"))
    legend = _legend_markup([layer for layer in layers if layer.overlay])
    if legend:
        fmap.add_child(Box(legend, name="Legend"))
    figure.assign_ids()
    return fmap


def map_html(story: Story | Sequence[Story], **kwargs: Any) -> str:
    """The complete HTML page of :func:`build_map` (same keyword arguments)."""
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


def _title_markup(heading: str, story: Story) -> str:
    bits = [story.date, ", ".join(st.source_name(s) for s in story.sources[:3])]
    if len(story.sources) > 3:
        bits[-1] += f" and {len(story.sources) - 3} more"
    sub = " · ".join(b for b in bits if b)
    out = f'<div class="dm-title"><h1>{st.e(heading)}</h1>'
    if sub:
        out += f'<div class="dm-sub">{st.e(sub)}</div>'
    return out + "</div>"


def _legend_markup(layers: list[Layer]) -> str:
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
    return '<div class="dm-legend">' + "".join(parts) + "</div>"


def _attribution(ctx: MapContext) -> str:
    parts = [f"Boundaries: {NATURAL_EARTH}"]
    if any(str(t.id).startswith("geonames:") for t in ctx.story.places):
        parts.append(f"places: {GEONAMES}")
    if _uses_geo_pko(ctx.story):
        parts.append(f"mission HQs: {GEO_PKO}")
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


def _story_bounds(ctx: MapContext) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the host and contributor countries.

    Falls back to the mission areas, then to every drawn point.
    """
    import shapely

    def bounds_of(feats: list[dict[str, Any]]) -> list[list[float]] | None:
        geoms = [shapely.geometry.shape(f["geometry"]) for f in feats if f["geometry"]]
        if not geoms:
            return None
        x0, y0, x1, y1 = shapely.total_bounds(geoms)
        return [
            [round(float(y0), 4), round(float(x0), 4)],
            [round(float(y1), 4), round(float(x1), 4)],
        ]

    countries = [
        f
        for f in ctx.features.get("country", [])
        if f["properties"]["role"] in ("host", "contributor")
    ]
    for feats in (
        countries,
        ctx.features.get("mission_area", []),
        ctx.features.get("force", []) + ctx.features.get("place", []),
    ):
        b = bounds_of(feats)
        if b is not None:
            return b
    return None
