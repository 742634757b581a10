"""Story -> GeoJSON (RFC 7946): the layers a GIS user needs, one FeatureCollection.

Every feature carries ``properties.layer``, one of ``country``,
``mission_area``, ``force``, ``place`` and ``flow``.  Coordinates are WGS84
longitude/latitude with at most 6 decimals, polygons' exterior rings run
counter-clockwise, and there is no ``crs`` member.
"""

from __future__ import annotations

from typing import Any

from deploymap.gazetteer import Gazetteer
from deploymap.gazetteer.missions import MissionCatalogue
from deploymap.model import Story, point_feature_geometry

LAYERS = ("country", "mission_area", "force", "place", "flow")
DECIMALS = 6


def _geometry(geom: Any) -> dict[str, Any] | None:
    """A shapely geometry as an RFC 7946 geometry object (CCW shells, 6 decimals)."""
    import shapely

    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    mapping = shapely.geometry.mapping(geom)
    return _round(mapping)


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, DECIMALS)
    if isinstance(obj, list | tuple):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def _feature(geometry: dict[str, Any] | None, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def story_features(
    story: Story,
    gazetteer: Gazetteer | None = None,
    catalogue: MissionCatalogue | None = None,
    scale: str = "detail",
) -> list[dict[str, Any]]:
    """The features of every layer of *story*, in layer order."""
    gaz = gazetteer or Gazetteer()
    cat = catalogue or MissionCatalogue()
    feats: list[dict[str, Any]] = []
    mm = story.mission
    main = mm.mission if mm else None
    contributors = {d.contributor: d for d in story.deployments}
    hosts = set(story.hosts)
    date = story.date
    source = ", ".join(story.sources)

    # -- country: hosts, contributors, other countries the story names -------------------
    mentioned = list(dict.fromkeys(t.iso3 for t in story.places if t.kind == "country" and t.iso3))
    order = list(dict.fromkeys([*hosts, *contributors, *mentioned]))
    for iso3 in order:
        try:
            place = gaz.country(iso3)
        except KeyError:
            continue
        role = "host" if iso3 in hosts else "contributor" if iso3 in contributors else "mentioned"
        d = contributors.get(iso3)
        # the story's own countries in detail; the others it only names, light
        geom_scale = scale if role != "mentioned" else "light"
        feats.append(
            _feature(
                _geometry(gaz.geometry(place, geom_scale)),
                {
                    "layer": "country",
                    "name": place.name,
                    "iso3": iso3,
                    "role": role,
                    "mission": main.id if main else None,
                    "troops": d.troops if d else None,
                    "date": date or None,
                    "source": source or None,
                    "evidence": d.evidence[0].text if d and d.evidence else None,
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
            "date": date or None,
            "source": source or None,
            "evidence": m.evidence[0].text if m.evidence else None,
        }
        if area is not None:
            feats.append(_feature(_geometry(area), props))
    for m in story.missions:
        mission = m.mission
        lat, lon = mission.hq_lat, mission.hq_lon
        if lat is None or lon is None:
            if not mission.hosts:
                continue
            try:
                c = gaz.country(mission.host)
            except KeyError:
                continue
            lat, lon = c.lat, c.lon
        troops = m.troops if m.troops is not None else None
        feats.append(
            _feature(
                _round(point_feature_geometry(lat, lon)),
                {
                    "layer": "force",
                    "name": f"{mission.id} HQ"
                    + (f" ({mission.hq_name})" if mission.hq_name else ""),
                    "kind": "mission",
                    "mission": mission.id,
                    "iso3": mission.host or None,
                    "troops": troops,
                    "peak": m.peak,
                    "date": date or None,
                    "source": source or None,
                    "evidence": m.evidence[0].text if m.evidence else None,
                },
            )
        )
    # contributors the text places somewhere
    for d in story.deployments:
        if d.location is None:
            continue
        feats.append(
            _feature(
                _round(point_feature_geometry(d.location.lat, d.location.lon)),
                {
                    "layer": "force",
                    "name": f"{d.contributor} in {d.location.name}",
                    "kind": "contingent",
                    "mission": d.mission,
                    "iso3": d.contributor,
                    "troops": d.troops,
                    "date": d.date or date or None,
                    "source": (d.evidence[0].source if d.evidence else source) or None,
                    "evidence": d.evidence[0].text if d.evidence else None,
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
                _round(point_feature_geometry(t.lat, t.lon)),
                {
                    "layer": "place",
                    "name": t.name,
                    "text": t.text,
                    "kind": t.kind,
                    "iso3": t.iso3 or None,
                    "id": t.id,
                    "mission": main.id if main else None,
                    "date": date or None,
                    "source": source or None,
                    "evidence": None,
                },
            )
        )

    # -- flow: contributor capital -> mission HQ -----------------------------------------
    if main is not None and main.hq_lat is not None and main.hq_lon is not None:
        for d in story.deployments:
            try:
                info = gaz.country_info(d.contributor)
            except KeyError:
                continue
            clat, clon = info.get("capital_lat"), info.get("capital_lon")
            if clat is None or clon is None or clat != clat:  # NaN when unknown
                continue
            feats.append(
                _feature(
                    _round(
                        {
                            "type": "LineString",
                            "coordinates": [[clon, clat], [main.hq_lon, main.hq_lat]],
                        }
                    ),
                    {
                        "layer": "flow",
                        "name": f"{info.get('name')} to {main.id}",
                        "iso3": d.contributor,
                        "mission": main.id,
                        "troops": d.troops,
                        "date": d.date or date or None,
                        "source": source or None,
                        "evidence": d.evidence[0].text if d.evidence else None,
                    },
                )
            )
    return feats


def story_to_geojson(story: Story, **kwargs: Any) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection of *story* (see :func:`story_features`)."""
    return {"type": "FeatureCollection", "features": story_features(story, **kwargs)}
