"""The offline basemap's detail round the host: admin-1 boundaries, rivers and
lakes, and the larger towns with quiet labels.

The 1:110m country outlines are empty at a host's zoom; this layer adds what
a reader needs to place the story, for a window round the host and mission
area only (the rest of the world stays as light as before).  It is drawn
above the country fills and under the story's layers, not interactive, and
its town labels have the lowest priority in the declutter (0: below places
the story names, which are 1 to 3), so they give way to every story label.

Examples
--------
>>> detail_window([[42.0, 20.0], [43.3, 21.8]])
(19.0, 41.0, 22.8, 44.3)
>>> detail_window([[-50.0, -170.0], [70.0, 170.0]]) is None  # a world map: no detail
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deploymap.mapping.layers.base import Layer, MapContext, _feature, _group
from deploymap.mapping.memo import Memo, gazetteer_key

if TYPE_CHECKING:
    from deploymap.gazetteer.basemap import Window

__all__ = ["DETAIL_STYLE", "detail_layer", "detail_window", "spread"]

#: The window reaches this share of the framed span beyond it on each side
#: (one zoom level out still shows detail), and at least WINDOW_MIN_PAD degrees.
WINDOW_PAD = 0.5
WINDOW_MIN_PAD = 1.0
#: A frame wider than this (degrees of longitude or latitude) is a world or
#: continent view, which the 1:110m outlines serve: no detail.
WINDOW_MAX_SPAN = 40.0
#: Towns are picked in the frame widened by this share of its span on each side
#: (what the first view shows, whatever the screen's shape).
TOWN_PAD = 0.25
#: The most towns labelled and the least people; the frame is cut into GRID x GRID
#: cells and each cell's largest town comes first, so the labels spread over the view.
TOWNS_MAX = 40
TOWN_MIN_POPULATION = 2000
GRID = 5
#: Admin-1 lines are simplified at this tolerance (degrees; the polygons are at 0.02).
ADMIN1_TOLERANCE = 0.02
#: Coordinates of the detail are written at this many decimals (~100 m).
DECIMALS = 3
#: The lines and lakes are simplified to about a pixel one zoom level in from the
#: initial view: the window's larger span (degrees) over this many pixels.
DETAIL_PIXELS = 4000
#: What the lines and lakes may add to a map (bytes of JSON; the towns add about
#: 5 KB more): past it the tolerance doubles until they fit (geodata/SOURCES.md).
LINES_BUDGET = 140_000

RIVER = "#8fb6d6"
ADMIN1_EDGE = "#a8a294"
TOWN = "#8c877d"
DETAIL_STYLE: dict[str, dict[str, Any]] = {
    "admin1": {"stroke": True, "color": ADMIN1_EDGE, "weight": 0.7, "opacity": 0.8, "fill": False},
    "river": {"stroke": True, "color": RIVER, "weight": 1.1, "opacity": 1, "fill": False},
    "lake": {
        "stroke": True,
        "color": RIVER,
        "weight": 0.6,
        "opacity": 1,
        "fill": True,
        "fillColor": "#dfe9f2",
        "fillOpacity": 1,
    },
    "town": {"radius": 2.2, "stroke": False, "fillColor": TOWN, "fillOpacity": 1},
}

# Per gazetteer file and window, the same for every map of one region: the lines
# and lakes as JSON text, and the town candidates (never changed by a builder).
_Cached = tuple[str, list[dict[str, Any]]]
_CACHE: Memo[_Cached] = Memo(32)


def detail_window(frame: list[list[float]] | None) -> Window | None:
    """The window of the detail: the map's initial *frame* ``[[s, w], [n, e]]``
    widened on every side, or None for a frame too wide to need it."""
    if not frame:
        return None
    (s, w), (n, e) = frame
    if e - w > WINDOW_MAX_SPAN or n - s > WINDOW_MAX_SPAN:
        return None
    dx = max((e - w) * WINDOW_PAD, WINDOW_MIN_PAD)
    dy = max((n - s) * WINDOW_PAD, WINDOW_MIN_PAD)
    return (
        round(max(-180.0, w - dx), 1),
        round(max(-85.0, s - dy), 1),
        round(min(180.0, e + dx), 1),
        round(min(85.0, n + dy), 1),
    )


def detail_layer(ctx: MapContext, frame: list[list[float]] | None = None) -> Layer | None:
    """Admin-1 boundaries, rivers, lakes and towns in the window round the host.

    *frame* is the map's initial view (:func:`deploymap.mapping.view.home_frame`,
    computed here when not given).
    """
    from deploymap.mapping.elements import DataLayer
    from deploymap.mapping.view import home_frame

    if frame is None:
        frame = home_frame(ctx)
    window = detail_window(frame)
    if frame is None or window is None:
        return None
    lines, towns = _features(ctx.gazetteer, window, _town_window(frame))
    named = _named(ctx)
    sites = _site_grid(ctx, towns)
    drawn = [
        {
            "type": "Feature",
            "geometry": t["geometry"],
            "properties": {"lb": t["properties"]["lb"]},
        }
        for t in towns
        if t["properties"]["id"] not in named
        and t["properties"]["key"] not in named
        and not _repeats_site(t, sites)
    ][:TOWNS_MAX]
    if not drawn and not lines:
        return None
    group = _group(ctx.ui("layer.detail"))
    # the towns' dot is the layer's style; the lines and lakes carry their own
    group.add_child(
        DataLayer(
            drawn,
            written=lines,
            pane="dm-detail",
            style=DETAIL_STYLE["town"],
            interactive=False,
        )
    )
    return Layer(group.layer_name, group)


def _town_window(frame: list[list[float]]) -> Window:
    (s, w), (n, e) = frame
    dx, dy = (e - w) * TOWN_PAD, (n - s) * TOWN_PAD
    return (w - dx, s - dy, e + dx, n + dy)


def _named(ctx: MapContext) -> set[str]:
    """Place ids and name keys the story labels itself: no basemap label repeats them."""
    from deploymap.textnorm import name_key

    out = {t.id for t in ctx.story.places} | {name_key(t.name) for t in ctx.story.places}
    for f in ctx.features.get("place", []) + ctx.features.get("force", []):
        p = f["properties"]
        if p.get("id"):
            out.add(str(p["id"]))
        if p.get("name"):
            out.add(name_key(str(p["name"])))
    return out


#: Grid cell (degrees) of the force-site lookup: a town label repeats a site when a site
#: of the same name (or GeoNames id) lies in the town's cell or one next to it (~10-20 km).
SITE_CELL = 0.1


def _site_grid(ctx: MapContext, towns: list[dict[str, Any]]) -> dict[tuple[int, int], list[Any]]:
    """The story's force sites (a table's locations are not place features) by grid cell,
    in the cells round the *towns* only.

    Only the sites near one of the few town candidates have their names normalised
    (see :func:`_repeats_site`); ten thousand sites cost one cell lookup each.
    """
    import numpy as np

    near: set[tuple[int, int]] = set()
    for t in towns:
        lon, lat = t["geometry"]["coordinates"]
        i, j = int(lat // SITE_CELL), int(lon // SITE_CELL)
        near.update((i + di, j + dj) for di in (-1, 0, 1) for dj in (-1, 0, 1))
    grid: dict[tuple[int, int], list[Any]] = {}
    locations = ctx.sites.location
    if not near or not locations:
        return grid
    # the cells of all sites at once; only those in a town's neighbourhood are kept
    n = len(locations)
    rows = np.fromiter((p.lat for p in locations), float, n) // SITE_CELL
    cols = np.fromiter((p.lon for p in locations), float, n) // SITE_CELL
    lo, hi = min(i for i, _ in near), max(i for i, _ in near)
    left, right = min(j for _, j in near), max(j for _, j in near)
    inside = (rows >= lo) & (rows <= hi) & (cols >= left) & (cols <= right)
    for k in np.flatnonzero(inside).tolist():
        cell = (int(rows[k]), int(cols[k]))
        if cell in near:
            grid.setdefault(cell, []).append(locations[k])
    return grid


def _repeats_site(town: dict[str, Any], grid: dict[tuple[int, int], list[Any]]) -> bool:
    """Whether a force site near *town* has its name or id: the site has its own label."""
    from deploymap.textnorm import name_key

    if not grid:
        return False
    lon, lat = town["geometry"]["coordinates"]
    i, j = int(lat // SITE_CELL), int(lon // SITE_CELL)
    key, tid = town["properties"]["key"], town["properties"]["id"]
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            for loc in grid.get((i + di, j + dj), ()):
                if loc.id == tid or name_key(loc.name) == key:
                    return True
    return False


def spread(towns: list[Any], window: Window, grid: int = GRID) -> list[Any]:
    """*towns* (largest first) reordered so that each cell of a *grid* x *grid*
    cut of *window* gives its largest town first, then the rest by size.

    Examples
    --------
    >>> from deploymap.model import Place
    >>> big = [Place(f"t{i}", f"T{i}", "city", "X", 0.1 * i, 0.1 * i, 100 - i) for i in range(3)]
    >>> far = Place("far", "Far", "city", "X", 9.0, 9.0, 5)
    >>> [t.id for t in spread([*big, far], (0.0, 0.0, 10.0, 10.0))]
    ['t0', 'far', 't1', 't2']
    """
    w, s, e, n = window
    first: dict[tuple[int, int], Any] = {}
    rest = []
    for t in towns:
        cell = (
            min(grid - 1, max(0, int((t.lon - w) / max(e - w, 1e-9) * grid))),
            min(grid - 1, max(0, int((t.lat - s) / max(n - s, 1e-9) * grid))),
        )
        if cell in first:
            rest.append(t)
        else:
            first[cell] = t
    return [*first.values(), *rest]


def _features(gaz: Any, window: Window, town_window: Window) -> _Cached:
    """The window's lines and lakes (as JSON text) and its town candidates, made once."""
    key = gazetteer_key(gaz)
    return _CACHE.get(
        None if key is None else (key, *window, *town_window),
        lambda: _make_features(gaz, window, town_window),
    )


def _make_features(gaz: Any, window: Window, town_window: Window) -> _Cached:
    from deploymap.gazetteer.basemap import admin1_lines, towns, water
    from deploymap.mapping.elements import features_json
    from deploymap.textnorm import name_key

    rivers, lakes = water(gaz, window)
    admin1 = admin1_lines(gaz, window, ADMIN1_TOLERANCE)
    tolerance = max(window[2] - window[0], window[3] - window[1]) / DETAIL_PIXELS
    while True:
        text = features_json(_lines(tolerance, lake=lakes, admin1=admin1, river=rivers))
        if len(text) <= LINES_BUDGET or tolerance > 1.0:
            break
        tolerance *= 2
    # more candidates than labels: some are the story's own places, left to its labels
    found = towns(gaz, town_window, 10 * TOWNS_MAX, TOWN_MIN_POPULATION)
    points = []
    for rank, t in enumerate(spread(found, town_window)[: 2 * TOWNS_MAX]):
        f = _feature(
            {"type": "Point", "coordinates": [round(t.lon, 4), round(t.lat, 4)]},
            lb=[t.name, 0, 2 * TOWNS_MAX - rank, None],
        )
        f["properties"].update(id=t.id, key=name_key(t.name))
        points.append(f)
    return text, points


def _lines(tolerance: float, **geoms: Any) -> list[dict[str, Any]]:
    """The features of the detail's lines and lakes (keyword = kind), simplified at
    *tolerance* degrees (lakes keep their topology) and rounded."""
    import shapely

    from deploymap.export import _geometry, _round

    out: list[dict[str, Any]] = []
    for kind, geom in geoms.items():
        if geom.is_empty:
            continue
        geom = shapely.simplify(geom, tolerance, preserve_topology=kind == "lake")
        gj = _geometry(geom) if not geom.is_empty else None
        if gj is not None and gj["type"] != "GeometryCollection":
            out.append(_feature(_round(gj, DECIMALS), s=DETAIL_STYLE[kind]))
    return out
