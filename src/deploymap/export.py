"""Story -> GeoJSON (RFC 7946), GeoPackage and CSV: the layers a GIS user needs.

Every feature carries ``properties.layer``, one of ``country``,
``mission_area``, ``force``, ``place`` and ``flow``.  Coordinates are WGS84
longitude/latitude with at most 6 decimals, polygons' exterior rings run
counter-clockwise, and there is no ``crs`` member.

The properties every feature has (None where they do not apply):

``layer``, ``name``
    The layer and a readable label.
``iso3``
    ``country``: the country. ``mission_area`` and HQ markers: the (first)
    host. ``force`` at a table location: the country it is in; a contingent a
    text places: its contributor. ``flow``: the contributor it starts from.
``mission``, ``troops``
    The mission id and the troops the feature stands for.  ``force`` features
    of a table are one per location and date, and their troops add up to the
    table's total; ``contributors`` lists who is there (``"ITA 1375, FRA ?"``).
``date``
    The article date, the table year (``"2024"``) or reporting date, or an ISO
    8601 interval (``"2019/2024"``) for a feature that holds over several, so
    a time slider can use it.
``status``, ``change``, ``pledged`` (contributor countries), ``authorised`` (mission areas)
    A contributor's status (``deployed``, ``pledged``, ``withdrawing``; a
    contingent that has left is no contributor, and a pledge draws no force
    and no flow: its figure is ``pledged``, not ``troops``), the change the
    text reports (signed), and the mission's
    authorised ceiling beside its current ``troops``.
``source``, ``evidence``
    Where the record comes from (``"Geo-PKO v2.3 (...)"``, a file name) and the
    sentence or table row that states it.

Formats, chosen by :func:`export` from the file extension:

``.geojson`` (or ``.json``)
    One FeatureCollection, UTF-8, compact, same bytes for the same story; its
    ``deploymap_story`` member holds the Story document, so the file reads
    back to the same story (:func:`deploymap.read_story`).
``.gpkg``
    One GeoPackage layer per ``layer`` value (a GIS wants one geometry type
    per layer: countries and areas are MultiPolygons, forces and places
    Points, flows LineStrings), EPSG:4326; each keeps its ``layer`` column.
``.csv``
    One row per feature: its properties, ``lon``/``lat`` (the point itself, or
    a point inside the polygon or on the line) and ``wkt`` (the whole geometry,
    with 1:110m country outlines so that spreadsheets can hold it).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from deploymap.errors import InputError
from deploymap.gazetteer import Gazetteer
from deploymap.gazetteer.missions import MissionCatalogue
from deploymap.model import Deployment, Evidence, Mission, Story, point_feature_geometry
from deploymap.sites import SITE_KINDS, SITE_TOTAL, ForceSites, date_span, force_sites

__all__ = [
    "EXTENSIONS",
    "LAYERS",
    "export",
    "features_to_csv",
    "spreadsheet_cell",
    "story_features",
    "story_to_geojson",
]

#: The FeatureCollection member of a GeoJSON export that holds its Story document.
STORY_MEMBER = "deploymap_story"
LAYERS = ("country", "mission_area", "force", "place", "flow")
DECIMALS = 6
# Above this many contributor country features, their outlines are drawn light (1:110m).
CONTRIBUTOR_DETAIL_MAX = 60


def _geometry(geom: Any) -> dict[str, Any] | None:
    """A shapely geometry as an RFC 7946 geometry object (CCW shells, 6 decimals)."""
    import shapely

    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    mapping = shapely.geometry.mapping(geom)
    return _round(mapping)


def _round(obj: Any, decimals: int = DECIMALS) -> Any:
    """*obj* (GeoJSON-like: dicts, lists, tuples, floats) with every float rounded."""
    if isinstance(obj, float):
        return round(obj, decimals)
    if isinstance(obj, list | tuple):
        return [_round(x, decimals) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v, decimals) for k, v in obj.items()}
    return obj


def _point(lat: float, lon: float) -> dict[str, Any]:
    """``_round(point_feature_geometry(lat, lon))``, without the walk (10,000 sites a map).

    >>> _point(42.1234567, 21.7654321) == _round(point_feature_geometry(42.1234567, 21.7654321))
    True
    """
    g = point_feature_geometry(round(lat, DECIMALS), round(lon, DECIMALS))
    return {"type": g["type"], "coordinates": list(g["coordinates"])}


def _feature(geometry: dict[str, Any] | None, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": props}


_span = date_span  # one date, or the ISO 8601 interval ``first/last`` of several


def _evidence(items: Iterable[Evidence]) -> str | None:
    texts = list(dict.fromkeys(e.text for e in items if e.text))
    return " | ".join(texts) if texts else None


def _sources(story: Story, evidence: Iterable[Evidence] = ()) -> str | None:
    names = list(story.sources) or [e.source for e in evidence if e.source]
    return ", ".join(dict.fromkeys(names)) or None


def _sum(troops: Iterable[int | None]) -> int | None:
    known = [t for t in troops if t is not None]
    return sum(known) if known else None


def _contributors(ds: list[Deployment]) -> str | None:
    """``"ITA 1375, IDN 875, FRA ?"``: who is at a location, largest first."""
    if len(ds) == 1:  # most sites of a big table
        d = ds[0]
        return f"{d.contributor or 'unnamed'} {d.troops if d.troops is not None else '?'}"
    by: dict[str, list[int | None]] = {}
    for d in ds:
        by.setdefault(d.contributor or "unnamed", []).append(d.troops)
    items = [(iso3, _sum(ts)) for iso3, ts in by.items()]
    items.sort(key=lambda it: (-(it[1] or 0), it[0]))
    return ", ".join(f"{c} {t if t is not None else '?'}" for c, t in items) or None


def story_features(
    story: Story,
    gazetteer: Gazetteer | None = None,
    catalogue: MissionCatalogue | None = None,
    scale: str = "detail",
    contributor_scale: str | None = None,
    sites: bool = True,
) -> list[dict[str, Any]]:
    """The features of every layer of *story*, in layer order.

    Parameters
    ----------
    story : Story
        From :func:`deploymap.read_text` or :func:`deploymap.tables.read_table`.
    gazetteer, catalogue : optional
        Reuse open ones.
    scale : {"detail", "light"}
        Boundaries of the story's own countries: Natural Earth 10m (simplified)
        or 110m.
    contributor_scale : {"detail", "light"}, optional
        Contributors' boundaries, when not *scale* (the map draws them at 110m).
    sites : bool
        Include the ``force`` feature of each site where troops are
        (:func:`deploymap.sites.force_sites`).  The map leaves them out: it
        draws the sites from their columns, not from ten thousand dicts.

    Returns
    -------
    list of dict
        GeoJSON Feature objects (see the module docstring for their properties).

    Examples
    --------
    >>> from deploymap.model import Deployment, Place
    >>> site = Place("table:x", "Naqoura", "mission HQ", "LBN", 33.111797, 35.125602)
    >>> story = Story(deployments=(Deployment("", "UNIFIL", 2850, "2024", site,
    ...                                       role="all contributors"),))
    >>> [(f["properties"]["name"], f["properties"]["troops"], f["properties"]["date"],
    ...   f["geometry"]["coordinates"]) for f in story_features(story)]
    [('Naqoura', 2850, '2024', [35.125602, 33.111797])]
    """
    gaz = gazetteer or Gazetteer()
    cat = catalogue or MissionCatalogue()
    feats: list[dict[str, Any]] = []
    mm = story.mission
    main = mm.mission if mm else None
    hosts = set(story.hosts)
    # Territories the UN counts as part of a host (Somaliland in Somalia,
    # Northern Cyprus in Cyprus) are drawn as host too.
    hosts |= gaz.territories(hosts)
    date = story.date or _span(d.date for d in story.deployments)
    source = _sources(story)
    by_mission: dict[str, list[Deployment]] = {}
    for d in story.deployments:
        by_mission.setdefault(d.mission, []).append(d)

    def mission_date(mission_id: str) -> str | None:
        return story.date or _span(d.date for d in by_mission.get(mission_id, ())) or date

    # Contributors per (country, mission, date): one record in a text story; in
    # a table, one per year or reporting date, so each can sit on a time slider.
    contrib: dict[tuple[str, str, str], list[Deployment]] = {}
    for d in story.deployments:
        # a contingent that has left is a record, not a contributor on the map
        if d.contributor and d.role != SITE_TOTAL and d.status != "withdrawn":
            contrib.setdefault((d.contributor, d.mission, d.date), []).append(d)
    contributors = list(dict.fromkeys(k[0] for k in contrib))

    # -- country: hosts, contributors, other countries the story names -------------------
    geoms: dict[tuple[str, str], dict[str, Any] | None] = {}

    def country_geometry(place: Any, geom_scale: str) -> dict[str, Any] | None:
        key = (place.id, geom_scale)
        if key not in geoms:
            geoms[key] = _geometry(gaz.geometry(place, geom_scale))
        return geoms[key]

    mentioned = list(dict.fromkeys(t.iso3 for t in story.places if t.kind == "country" and t.iso3))
    # the story's hosts in its order, then their territories: never a set's order, which
    # changes from one process to the next (same story, same bytes)
    order = list(dict.fromkeys([*story.hosts, *sorted(hosts), *contributors, *mentioned]))
    for iso3 in order:
        try:
            place = gaz.country(iso3)
        except KeyError:
            continue
        role = "host" if iso3 in hosts else "contributor" if iso3 in contributors else "mentioned"
        # the story's own countries in detail; the others it only names, light;
        # contributors light too when a table repeats them year after year
        # (the whole Geo-PKO TCC map: 77 MB of GeoPackage in detail, 10 MB light)
        many = role == "contributor" and len(contrib) > CONTRIBUTOR_DETAIL_MAX
        geom_scale = scale if role != "mentioned" and not many else "light"
        if role == "contributor" and contributor_scale is not None:
            geom_scale = contributor_scale
        base = {"layer": "country", "name": place.name, "iso3": iso3, "role": role}
        if role == "contributor":
            for (c, mid, ddate), ds in contrib.items():
                if c != iso3:
                    continue
                ev = [e for d in ds for e in d.evidence]
                feats.append(
                    _feature(
                        country_geometry(place, geom_scale),
                        {
                            **base,
                            "mission": mid or (main.id if main else None),
                            "troops": _sum(d.troops for d in ds if d.present),
                            "pledged": _sum(d.troops for d in ds if d.status == "pledged"),
                            "change": _sum(d.change for d in ds),
                            "status": _status(ds),
                            "date": ddate or date,
                            "source": source or _sources(story, ev),
                            "evidence": _evidence(ev),
                        },
                    )
                )
            continue
        hosted = [
            m.mission.id
            for m in story.missions
            if iso3 in m.mission.hosts or gaz.sovereign(iso3) in m.mission.hosts
        ]
        feats.append(
            _feature(
                country_geometry(place, geom_scale),
                {
                    **base,
                    "mission": hosted[0] if hosted else (main.id if main else None),
                    "troops": None,
                    "date": mission_date(hosted[0]) if hosted else date,
                    "source": source,
                    "evidence": None,
                },
            )
        )

    # -- mission_area and the HQ force marker, for each mission ---------------------------
    for m in story.missions:
        mission = m.mission
        if mission.in_catalogue:
            area = cat.area(mission, gaz)
        else:
            area = None
            for h in mission.hosts:
                try:
                    area = gaz.geometry(gaz.country(h), scale)
                except KeyError:
                    continue
        props = {
            "layer": "mission_area",
            "name": mission.name,
            "mission": mission.id,
            "organisation": mission.organisation,
            "iso3": mission.host or None,
            "troops": m.troops,
            "authorised": m.authorised,
            "date": mission_date(mission.id),
            "source": source,
            "evidence": _evidence(m.evidence),
        }
        if area is not None:
            feats.append(_feature(_geometry(area), props))
    for m in story.missions:
        mission = m.mission
        located = [d for d in by_mission.get(mission.id, ()) if d.location is not None]
        # A table that places the mission HQ itself needs no marker from the catalogue.
        if any(d.location and d.location.kind == "mission HQ" for d in located):
            continue
        lat, lon = mission.hq_lat, mission.hq_lon
        if lat is None or lon is None:
            if not mission.hosts:
                continue
            try:
                host = gaz.country(mission.host)
            except KeyError:
                continue
            lat, lon = host.lat, host.lon
        # With located records the mission total is theirs; on the HQ too it
        # would count twice in a sum over the force layer.
        troops = m.troops if not located else None
        feats.append(
            _feature(
                _point(lat, lon),
                {
                    "layer": "force",
                    "name": f"{mission.id} HQ"
                    + (f" ({mission.hq_name})" if mission.hq_name else ""),
                    "kind": "mission",
                    "mission": mission.id,
                    "iso3": mission.host or None,
                    "contributors": None,
                    "troops": troops,
                    "peak": m.peak,
                    "date": _span(e.date for e in m.evidence) or mission_date(mission.id),
                    "source": source,
                    "evidence": _evidence(m.evidence),
                },
            )
        )
    # One force feature per location and date: a table's location total, or the
    # contingents a text or table places there.
    at = force_sites(story) if sites else ForceSites()
    for i in range(len(at)):
        loc, here = at.location[i], at.records[i]
        single = at.single[i]
        totals = [d for d in here if d.role == SITE_TOTAL]
        parts = [d for d in here if d.role != SITE_TOTAL]
        ev = [e for d in (totals or parts) for e in d.evidence]
        feats.append(
            _feature(
                _point(at.lat[i], at.lon[i]),
                {
                    "layer": "force",
                    "name": f"{parts[0].contributor} in {loc.name}" if single else loc.name,
                    "kind": loc.kind if loc.kind in SITE_KINDS else "contingent",
                    "mission": at.mission[i],
                    "iso3": at.iso3[i] or None,
                    "contributors": _contributors(parts),
                    "troops": at.troops[i],
                    "peak": None,
                    "date": at.date[i],
                    "source": source or _sources(story, ev),
                    "evidence": _evidence(ev),
                },
            )
        )

    # -- place: the towns and sites the text names ---------------------------------------
    seen: set[str] = set()
    for t in story.places:
        if t.kind == "country" or t.id in seen:
            continue
        seen.add(t.id)
        feats.append(
            _feature(
                _point(t.lat, t.lon),
                {
                    "layer": "place",
                    "name": t.name,
                    "text": t.text,
                    "kind": t.kind,
                    "iso3": t.iso3 or None,
                    "id": t.id,
                    "mission": main.id if main else None,
                    "date": date,
                    "source": source,
                    "evidence": None,
                },
            )
        )

    # -- flow: contributor capital -> its mission's HQ ------------------------------------
    missions: dict[str, Mission] = {m.mission.id: m.mission for m in story.missions}
    for (iso3, mid, ddate), ds in contrib.items():
        ds = [d for d in ds if d.present]  # a pledge is no flow of troops yet
        target = missions.get(mid) or (main if not mid else None)
        if not ds:
            continue
        if target is None or target.hq_lat is None or target.hq_lon is None:
            continue
        try:
            info = gaz.country_info(iso3)
        except KeyError:
            continue
        clat, clon = info.get("capital_lat"), info.get("capital_lon")
        if clat is None or clon is None or clat != clat:  # NaN when unknown
            continue
        ev = [e for d in ds for e in d.evidence]
        feats.append(
            _feature(
                _round(
                    {
                        "type": "LineString",
                        "coordinates": [[clon, clat], [target.hq_lon, target.hq_lat]],
                    }
                ),
                {
                    "layer": "flow",
                    "name": f"{info.get('name')} to {target.id}",
                    "iso3": iso3,
                    "mission": target.id,
                    "troops": _sum(d.troops for d in ds),
                    "date": ddate or date,
                    "source": source or _sources(story, ev),
                    "evidence": _evidence(ev),
                },
            )
        )
    return feats


def _status(ds: list[Deployment]) -> str:
    """The status of a contributor's records: "pledged" only when none is there yet."""
    said = {d.status for d in ds}
    return (
        "pledged" if said == {"pledged"} else "withdrawing" if "withdrawing" in said else "deployed"
    )


def story_to_geojson(story: Story, **kwargs: Any) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection of *story* (see :func:`story_features`).

    Examples
    --------
    >>> fc = story_to_geojson(Story())
    >>> fc["type"], fc["features"], "crs" in fc
    ('FeatureCollection', [], False)
    """
    return {"type": "FeatureCollection", "features": story_features(story, **kwargs)}


# -- files -----------------------------------------------------------------------------

#: Extensions :func:`export` writes, and the format of each.
EXTENSIONS = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".csv": "csv"}


def geojson_text(fc: dict[str, Any]) -> str:
    """The text of a FeatureCollection: compact, UTF-8 characters kept, stable order."""
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def features_to_csv(features: list[dict[str, Any]]) -> str:
    """One CSV row per feature: its properties, ``lon``, ``lat`` and ``wkt``.

    Values are written as data, not HTML-escaped: a ``<script>`` in a name
    stays ``<script>`` (the map escapes it where it becomes HTML).  But a
    spreadsheet runs a cell that starts like a formula, so, by OWASP's rule
    against CSV injection, a *text* cell (a name, a sentence, a header) that
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading ``'`` (see :func:`spreadsheet_cell`).  Numbers stay numbers:
    ``troops``, ``peak``, ``lon`` and ``lat`` are written as they are, so a
    longitude of -17.4 is ``-17.4``.  GeoJSON and GeoPackage keep the text as
    it came; the rule is for spreadsheets only.

    Examples
    --------
    >>> f = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-17.44, 14.69]},
    ...      "properties": {"layer": "force", "name": "=1+2", "troops": 850}}
    >>> print(features_to_csv([f]), end="")
    layer,name,troops,lon,lat,wkt
    force,'=1+2,850,-17.44,14.69,POINT (-17.44 14.69)
    """
    import shapely

    columns: list[str] = []
    for f in features:
        columns.extend(k for k in f["properties"] if k not in columns)
    out = io.StringIO()
    # The csv module quotes a cell holding a character of the line terminator;
    # with "\n" alone, a cell holding a "\r" would be written bare and break the
    # file.  So each row is written with "\r\n" and ends in "\n".
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")

    def writerow(cells: list[Any]) -> None:
        buf.seek(0)
        buf.truncate()
        w.writerow([spreadsheet_cell(v) for v in cells])
        out.write(buf.getvalue()[:-2] + "\n")

    writerow([*columns, "lon", "lat", "wkt"])
    for f in features:
        props = f["properties"]
        g = f["geometry"]
        lon: float | str = ""
        lat: float | str = ""
        wkt = ""
        if g is not None:
            geom = shapely.geometry.shape(g)
            wkt = shapely.to_wkt(geom, rounding_precision=DECIMALS, trim=True)
            if geom.geom_type == "Point":
                lon, lat = g["coordinates"][0], g["coordinates"][1]
            else:
                pt = geom.representative_point()
                lon, lat = round(pt.x, DECIMALS), round(pt.y, DECIMALS)
        writerow([*(props.get(c) for c in columns), lon, lat, wkt])
    return out.getvalue()


#: What a text cell starts with when a spreadsheet would read it as a formula
#: (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """*value* as a CSV cell a spreadsheet shows, never runs.

    Text that starts with one of :data:`FORMULA_START` gets a leading ``'``
    (OWASP's rule), which spreadsheets take as "this is text" and hide.
    Numbers (``int``, ``float``) are left as they are: a negative longitude
    is data, not a formula.  ``None`` is an empty cell.

    Examples
    --------
    >>> [spreadsheet_cell(v) for v in ["=SUM(A1)", "@x", "-2+3", "\\tx", "Goma", -17.4, 850]]
    ["'=SUM(A1)", "'@x", "'-2+3", "'\\tx", 'Goma', -17.4, 850]
    >>> spreadsheet_cell(None)
    ''
    """
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _int64(value: Any, column: str, path: Path) -> int | None:
    """A GeoPackage integer (64-bit), or None for a missing value."""
    if value is None or value != value:
        return None
    try:
        n = int(value)
    except (OverflowError, ValueError):
        n = 1 << 63
    if not -(1 << 63) <= n < 1 << 63:
        raise InputError(
            f"{path}: {column} {str(value)[:30]}... does not fit a GeoPackage integer field; "
            "troop figures are whole numbers from 0 to 10,000,000"
        )
    return n


def _gpkg_failure(path: Path, folder: Path, e: BaseException) -> InputError:
    """GDAL's message in one short line (it can run to thousands of characters)."""
    import shutil

    first = " ".join(str(e).split())
    if len(first) > 160:
        first = first[:157] + "..."
    try:
        full = shutil.disk_usage(folder).free < 1 << 20
    except OSError:
        full = False
    why = "the disk is full (less than 1 MB free); free space or write elsewhere" if full else first
    return InputError(f"{path}: cannot write the GeoPackage: {why}")


def _write_gpkg(features: list[dict[str, Any]], path: Path) -> None:
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    by_layer: dict[str, list[dict[str, Any]]] = {}
    for f in features:
        if f["geometry"] is not None:
            by_layer.setdefault(f["properties"]["layer"], []).append(f)
    if not by_layer:
        raise InputError(f"{path}: nothing to write (the story has no located feature)")
    from deploymap.io import atomic_path

    # written in a private folder beside the target and renamed over it, so a
    # failed run leaves no half file; the target's mode is kept
    with atomic_path(path, suffix=".gpkg") as tmp:
        for layer in LAYERS:
            feats = by_layer.get(layer)
            if not feats:
                continue
            gdf = gpd.GeoDataFrame.from_features(feats, crs="EPSG:4326")
            cols = [c for c in gdf.columns if c != "geometry"]
            gdf = gdf[[*cols, "geometry"]]
            numeric = [c for c in ("troops", "peak", "population") if c in gdf.columns]
            for c in numeric:
                # nullable integers: GDAL gets an integer field, not a float one
                gdf[c] = pd.array([_int64(v, c, path) for v in gdf[c]], dtype="Int64")
            for c in cols:
                # an all-empty column has no type GDAL can infer: make it text
                if c not in numeric and gdf[c].isna().all():
                    gdf[c] = pd.array([None] * len(gdf), dtype="string")
            try:
                pyogrio.write_dataframe(
                    gdf,
                    tmp,
                    layer=layer,
                    driver="GPKG",
                    # country and area layers mix Polygons and MultiPolygons
                    promote_to_multi=layer in ("country", "mission_area"),
                )
            except (RuntimeError, OSError) as e:  # pyogrio's errors are RuntimeErrors
                raise _gpkg_failure(path, tmp.parent.parent, e) from e


def export(
    story: Story,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    gazetteer: Gazetteer | None = None,
    catalogue: MissionCatalogue | None = None,
    scale: str | None = None,
) -> int:
    """Write *story* to *path*, in the format its extension names.

    Parameters
    ----------
    story : Story
    path : path-like
        ``.geojson`` or ``.json`` (RFC 7946), ``.gpkg`` (one layer per
        ``layer`` value) or ``.csv`` (one row per feature with WKT); ``-``
        for standard output (GeoJSON, or CSV with ``format="csv"``; a
        GeoPackage is a database file and cannot be streamed).  Only a
        regular file is replaced (see :mod:`deploymap.io`).
    format : {"geojson", "gpkg", "csv"}, optional
        The format, whatever the extension; by default the extension's, and
        GeoJSON for ``-``.
    gazetteer, catalogue : optional
        As for :func:`story_features`.
    scale : {"detail", "light"}, optional
        Country outlines: detail by default, light (1:110m) for CSV, so a WKT
        cell stays within what spreadsheets hold (Excel: 32,767 characters).

    Returns
    -------
    int
        The number of features written.

    Raises
    ------
    InputError
        A format deploymap does not write, a folder that does not exist, or
        an output that is not a regular file (a device, a FIFO, a folder).

    Examples
    --------
    >>> import tempfile
    >>> from deploymap.model import Deployment, Place
    >>> site = Place("table:x", "Naqoura", "mission HQ", "LBN", 33.111797, 35.125602)
    >>> story = Story(deployments=(Deployment("", "UNIFIL", 2850, "2024", site),))
    >>> export(story, Path(tempfile.mkdtemp()) / "unifil.geojson")
    1
    >>> export(Story(), "-")  # standard output: GeoJSON unless format says otherwise
    {"type":"FeatureCollection","features":[],"deploymap_story":{"schema":"deploymap/story/v1",...}}
    0
    """
    from deploymap.io import check_output, write_text_atomic

    p = Path(path)
    stdout = str(path) == "-"
    formats = sorted(set(EXTENSIONS.values()))
    if format is not None:
        kind: str | None = format.lower()
        if kind not in formats:
            raise InputError(f"unknown output format {format!r}; use {', '.join(formats)}")
    else:
        kind = "geojson" if stdout else EXTENSIONS.get(p.suffix.lower())
    if kind is None:
        accepted = ", ".join(EXTENSIONS)
        raise InputError(
            f"{p}: unknown output format {p.suffix or '(none)'!r}; use {accepted} "
            f"or give the format ({', '.join(formats)})"
        )
    if kind == "gpkg" and stdout:
        raise InputError(
            "a GeoPackage cannot be written to standard output (it is a database file): "
            "give -o FILE.gpkg, or GeoJSON or CSV for standard output"
        )
    check_output(path)  # before the work, not only after it
    if scale is None:
        scale = "light" if kind == "csv" else "detail"
    feats = story_features(story, gazetteer, catalogue, scale)
    if kind == "geojson":
        # the Story document rides along (a foreign member, RFC 7946 section 6.1), so
        # `deploymap map export.geojson` and read_story() read back the very same story
        fc = {
            "type": "FeatureCollection",
            "features": feats,
            STORY_MEMBER: story.to_dict(text=True),
        }
        write_text_atomic(path, geojson_text(fc))
    elif kind == "csv":
        write_text_atomic(path, features_to_csv(feats))
    else:
        _write_gpkg(feats, p)
    return len(feats)
