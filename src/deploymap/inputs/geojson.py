"""A Story rebuilt from the features of a GeoJSON export that lost its Story document.

``deploymap export`` writes the Story document in the FeatureCollection's
``deploymap_story`` member, but QGIS, GDAL/OGR (and so geopandas and
pyogrio) and most web tools drop members they do not know when they save
the file again.  The features keep what the map draws, in their own
properties (see :mod:`deploymap.export`), and this module reads it back:

``mission_area`` and the ``force`` HQ marker (``kind: mission``)
    the missions: id, name, organisation, host, troops, authorised ceiling,
    peak and HQ;
``force`` at a location
    located records: a table site's total (``kind`` a site kind) and the
    contributors listed in ``contributors`` (``"ITA 1375, FRA ?"``);
``country`` with ``role: contributor``
    each contributor's troops, pledge, change and status per mission and
    date; what the located records do not account for becomes an unlocated
    contingent;
``place``
    the places the text named; ``country`` with ``role: mentioned`` the
    countries it named;
``evidence``, ``source``, ``date``
    kept where the features have them.

The article text, its spans and events, a contingent's role and confidence
are not in the features, so the rebuilt Story has none of them: it maps and
exports with the same missions, contributors and figures, and the reader
says that it is a reconstruction.  GDAL's changes are undone: whole numbers
written as ``600.0`` and dates written as ``2023-10-05T00:00:00``.

Examples
--------
>>> fc = {"type": "FeatureCollection", "features": [
...     {"type": "Feature", "geometry": None, "properties": {
...         "layer": "country", "name": "Ghana", "iso3": "GHA", "role": "contributor",
...         "mission": "UNIFIL", "troops": 870.0, "date": "2023-10-31T00:00:00"}}]}
>>> doc = story_document_from_features(fc)
>>> [(d["contributor"], d["mission"], d["troops"], d["date"]) for d in doc["deployments"]]
[('GHA', 'UNIFIL', 870, '2023-10-31')]
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from deploymap.errors import InputError
from deploymap.model import STORY_SCHEMA

if TYPE_CHECKING:
    from deploymap.gazetteer import Gazetteer
    from deploymap.gazetteer.missions import MissionCatalogue

__all__ = ["REBUILT_NOTE", "story_document_from_features"]

#: What the reader says of a Story rebuilt from features.
REBUILT_NOTE = (
    "rebuilt the Story from the features' properties (the deploymap_story member is "
    "missing: a GIS tool dropped it?); missions, contributors, figures and places are "
    "kept, the article text, spans, events and roles are not"
)

SITE_TOTAL = "all contributors"
SITE_KINDS = frozenset({"mission HQ", "sector HQ", "HQ", "site"})
# GDAL writes a date field back as a timestamp (or with slashes)
_TIMESTAMP = re.compile(
    r"^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?)?(?:Z|[+-]00:?00)?$"
)
_CONTRIBUTOR = re.compile(r"^(?P<who>\S+) (?P<troops>\d+|\?)$")


def _value(v: Any) -> Any:
    """A property as the export wrote it: NaN and "" are missing, 600.0 is 600."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v == "":
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _text(v: Any) -> str:
    v = _value(v)
    return "" if v is None else str(v)


def _date(v: Any) -> str:
    """A feature date as a Story date: ``2023-10-05``, ``2024``; "" for an interval."""
    d = _text(v)
    m = _TIMESTAMP.match(d)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}"
    return "" if "/" in d else d


def _point(f: Mapping[str, Any]) -> tuple[float, float] | None:
    """``(lat, lon)`` of a Point feature."""
    g = f.get("geometry")
    if not isinstance(g, Mapping) or g.get("type") != "Point":
        return None
    c = g.get("coordinates")
    if not isinstance(c, list | tuple) or len(c) < 2:
        return None
    try:
        return float(c[1]), float(c[0])
    except (TypeError, ValueError):
        return None


def _line_end(f: Mapping[str, Any]) -> tuple[float, float] | None:
    """``(lat, lon)`` where a flow ends: its mission's HQ."""
    g = f.get("geometry")
    if not isinstance(g, Mapping) or g.get("type") != "LineString":
        return None
    c: Any = g.get("coordinates")
    try:
        return float(c[-1][1]), float(c[-1][0])
    except (TypeError, ValueError, IndexError, KeyError):
        return None


def _evidence(p: Mapping[str, Any], source: str, date: str) -> list[dict[str, Any]]:
    """The evidence sentences of a feature (joined with `` | `` by the export).

    An interval date (``2023-09-30/2023-10-31``: the span of the evidence's
    dates) gives its first day to the first sentence and its last to the others.
    """
    texts = [t for t in _text(p.get("evidence")).split(" | ") if t]
    first, _, last = _text(p.get("date")).partition("/")
    dates = [date] * len(texts)
    if last and len(texts) > 1:
        dates = [_date(first), *[_date(last)] * (len(texts) - 1)]
    return [
        {"start": 0, "end": 0, "text": t, "source": source, "date": d}
        for t, d in zip(texts, dates, strict=True)
    ]


def _parts(value: Any, where: str) -> list[tuple[str, int | None]]:
    """``"ITA 1375, IDN 875, FRA ?"`` as ``[("ITA", 1375), ("IDN", 875), ("FRA", None)]``."""
    out: list[tuple[str, int | None]] = []
    for item in _text(value).split(", "):
        if not item:
            continue
        m = _CONTRIBUTOR.match(item)
        if not m:
            raise InputError(
                f"{where}: contributors {item!r}: expected ISO3 and troops, like 'ITA 1375' "
                "or 'FRA ?'"
            )
        who = "" if m["who"] == "unnamed" else m["who"]
        out.append((who, None if m["troops"] == "?" else int(m["troops"])))
    return out


def story_document_from_features(
    fc: Mapping[str, Any],
    *,
    name: str = "<geojson>",
    gazetteer: Gazetteer | None = None,
    catalogue: MissionCatalogue | None = None,
) -> dict[str, Any]:
    """A Story document (``deploymap/story/v1``) from an export's features.

    Parameters
    ----------
    fc : mapping
        A FeatureCollection written by ``deploymap export`` (perhaps saved
        again by a GIS tool), with or without its ``deploymap_story`` member.
    name : str
        Names the file in error messages.
    gazetteer, catalogue : optional
        Reuse open ones: the catalogue tells which missions it knows (their
        hosts and HQ come from it), the gazetteer where a mentioned country is.

    Returns
    -------
    dict
        The document, to be validated and read as any other
        (:func:`deploymap.inputs.story.story_from_document`).

    Raises
    ------
    InputError
        A FeatureCollection that is no deploymap export (no ``layer`` property).
    """
    feats = [f for f in fc.get("features") or () if isinstance(f, Mapping)]
    props: list[Mapping[str, Any]] = []
    for f in feats:
        p = f.get("properties")
        props.append(p if isinstance(p, Mapping) else {})
    if feats and not any(_text(p.get("layer")) for p in props):
        raise InputError(
            f"{name}: a GeoJSON FeatureCollection whose features have no 'layer' property: "
            "not a deploymap export (deploymap reads back the GeoJSON it wrote)"
        )
    if catalogue is None:
        from deploymap.gazetteer.missions import MissionCatalogue

        catalogue = MissionCatalogue()

    def known(mission_id: str) -> bool:
        try:
            catalogue.get(mission_id)
        except KeyError:
            return False
        return True

    sources = list(dict.fromkeys(_text(p.get("source")) for p in props if _text(p.get("source"))))
    # the story's date is what its places carry (else its countries, else every feature)
    story_date = ""
    for keep in (
        lambda p: _text(p.get("layer")) == "place",
        lambda p: _text(p.get("layer")) == "country" and _text(p.get("role")) != "contributor",
        lambda p: True,
    ):
        dates = {_text(p.get("date")) for p in props if keep(p) and _text(p.get("date"))}
        if dates:
            story_date = _date(dates.pop()) if len(dates) == 1 else ""
            break

    missions: dict[str, dict[str, Any]] = {}
    hosts: dict[str, list[str]] = {}
    hq_at: dict[str, tuple[float, float]] = {}

    def mission(mid: str) -> dict[str, Any]:
        return missions.setdefault(mid, {"id": mid})

    # missions first, in the order the export wrote them
    for f, p in zip(feats, props, strict=True):
        layer, mid = _text(p.get("layer")), _text(p.get("mission"))
        if not mid:
            continue
        src = _text(p.get("source"))
        if layer == "mission_area":
            m = mission(mid)
            for key in ("name", "organisation"):
                if _text(p.get(key)):
                    m[key] = _text(p.get(key))
            for key in ("troops", "authorised"):
                if _value(p.get(key)) is not None:
                    m[key] = _value(p.get(key))
            if _text(p.get("iso3")):
                hosts.setdefault(mid, []).append(_text(p.get("iso3")))
            ev = _evidence(p, src, _date(p.get("date")))
            if ev:
                m["evidence"] = ev
        elif layer == "force" and _text(p.get("kind")) == "mission":
            m = mission(mid)
            if _value(p.get("troops")) is not None and "troops" not in m:
                m["troops"] = _value(p.get("troops"))
            if _value(p.get("peak")) is not None:
                m["peak"] = _value(p.get("peak"))
            label = _text(p.get("name"))
            hq = re.fullmatch(rf"{re.escape(mid)} HQ \((.+)\)", label)
            at = _point(f)
            if hq and at is not None:
                m["hq"] = hq[1]
                hq_at[mid] = at
            if _text(p.get("iso3")):
                hosts.setdefault(mid, []).append(_text(p.get("iso3")))
            ev = _evidence(p, src, _date(p.get("date")))
            if ev:  # dated as the marker is (the area carries the mission's date)
                m["evidence"] = ev
        elif layer == "country" and _text(p.get("role")) == "host":
            hosts.setdefault(mid, []).insert(0, _text(p.get("iso3")))
        elif layer == "flow":
            end = _line_end(f)
            if end is not None:
                hq_at.setdefault(mid, end)
        elif layer == "force" and _text(p.get("kind")) == "mission HQ":
            at = _point(f)
            if at is not None:
                hq_at.setdefault(mid, at)
                mission(mid).setdefault("hq", _text(p.get("name")))

    # located records: force features at a site or a contingent's place
    deployments: list[dict[str, Any]] = []
    site_totals: dict[str, dict[str, int]] = {}  # mission -> date -> troops at its sites
    located: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for i, (f, p) in enumerate(zip(feats, props, strict=True)):
        kind = _text(p.get("kind"))
        if _text(p.get("layer")) != "force" or kind == "mission":
            continue
        at = _point(f)
        if at is None:
            continue
        where = f"{name}: features[{i}]"
        mid, date, src = _text(p.get("mission")), _date(p.get("date")), _text(p.get("source"))
        if mid:
            mission(mid)
        parts = _parts(p.get("contributors"), where)
        label = _text(p.get("name"))
        loc_iso3 = _text(p.get("iso3"))
        if len(parts) == 1 and kind not in SITE_KINDS and label.startswith(f"{parts[0][0]} in "):
            label = label[len(parts[0][0]) + 4 :]  # "TUR in Bunia": the contingent's own label
            loc_iso3 = ""
        lat, lon = at
        place = {
            "location": label,
            "lat": lat,
            "lon": lon,
            "location_id": f"geojson:{label}@{lat:.6f},{lon:.6f}",
            "location_kind": kind if kind in SITE_KINDS else "",
            "location_iso3": loc_iso3 if re.fullmatch(r"[A-Z]{3}", loc_iso3) else "",
        }
        ev = _evidence(p, src, date)
        troops = _value(p.get("troops"))
        if kind in SITE_KINDS:
            by_date = site_totals.setdefault(mid, {})
            by_date[date] = by_date.get(date, 0) + (troops if isinstance(troops, int) else 0)
        figures = [t for _, t in parts if t is not None]
        # a site's own total, unless its contributors add up to it (TCC map, plain CSV)
        if kind in SITE_KINDS and (not parts or (sum(figures) if figures else None) != troops):
            deployments.append(
                {
                    "contributor": "",
                    "mission": mid,
                    "troops": troops,
                    "date": date,
                    "role": SITE_TOTAL,
                    **place,
                    "evidence": ev,
                }
            )
            ev = []
        for who, troops in parts:
            d = {
                "contributor": who,
                "mission": mid,
                "troops": troops,
                "date": date,
                **place,
                "evidence": ev,
            }
            deployments.append(d)
            located.setdefault((who, mid, date), []).append(d)

    # contributors: what the located records do not account for is unlocated
    for p in props:
        if _text(p.get("layer")) != "country" or _text(p.get("role")) != "contributor":
            continue
        who, mid = _text(p.get("iso3")), _text(p.get("mission"))
        date, src = _date(p.get("date")), _text(p.get("source"))
        if mid:
            mission(mid)
        there = located.get((who, mid, date), [])
        troops, pledged = _value(p.get("troops")), _value(p.get("pledged"))
        change, status = _value(p.get("change")), _text(p.get("status")) or "deployed"
        ev = _evidence(p, src, date)
        rest: int | None = troops
        if there and isinstance(troops, int):
            rest = troops - sum(d["troops"] or 0 for d in there)
        own: list[dict[str, Any]] = []
        if (not there and status != "pledged") or (there and isinstance(rest, int) and rest > 0):
            own.append(
                {"contributor": who, "mission": mid, "troops": rest, "date": date, "evidence": ev}
            )
        if pledged is not None:
            own.append(
                {
                    "contributor": who,
                    "mission": mid,
                    "troops": pledged,
                    "date": date,
                    "status": "pledged",
                    "evidence": ev,
                }
            )
        for d in [*there, *own]:
            if status == "withdrawing" and d.get("status") != "pledged":
                d["status"] = "withdrawing"
        if change is not None:
            target = own[0] if own and own[0].get("status") != "pledged" else None
            (target or (there[0] if there else own[0]))["change"] = change
        deployments.extend(own)

    # places: what the text named
    places: list[dict[str, Any]] = []
    gaz = gazetteer
    for f, p in zip(feats, props, strict=True):
        layer = _text(p.get("layer"))
        if layer == "place":
            at = _point(f)
            if at is None or not _text(p.get("name")):
                continue
            place = {
                "text": _text(p.get("text")) or _text(p.get("name")),
                "start": 0,
                "end": 0,
                "name": _text(p.get("name")),
                "kind": _text(p.get("kind")),
                "iso3": _text(p.get("iso3")),
                "lat": at[0],
                "lon": at[1],
            }
            if _text(p.get("id")):
                place["id"] = _text(p.get("id"))
            places.append(place)
        elif layer == "country" and _text(p.get("role")) == "mentioned":
            if gaz is None:
                from deploymap.gazetteer import Gazetteer

                gaz = Gazetteer()
            try:
                c = gaz.country(_text(p.get("iso3")))
            except KeyError:
                continue
            places.append(
                {
                    "text": c.name,
                    "start": 0,
                    "end": 0,
                    "name": c.name,
                    "kind": "country",
                    "iso3": c.iso3,
                    "lat": c.lat,
                    "lon": c.lon,
                    "id": c.id,
                }
            )

    for mid, by_date in site_totals.items():
        # a table's peak is on no feature when its HQ is a site: the highest yearly total
        m = missions[mid]
        highest = max(by_date.values(), default=0)
        if "peak" not in m and len(by_date) > 1 and highest > (m.get("troops") or highest):
            m["peak"] = highest
    for mid, m in missions.items():
        if known(mid):
            continue  # the catalogue's hosts and HQ
        m["in_catalogue"] = False
        found = list(dict.fromkeys(h for h in hosts.get(mid, ()) if h))
        if found:
            m["hosts"] = found
        if mid in hq_at:
            m["hq_lat"], m["hq_lon"] = hq_at[mid]
    return {
        "schema": STORY_SCHEMA,
        "title": "",
        "date": story_date,
        "places": places,
        "missions": list(missions.values()),
        "deployments": deployments,
        "sources": sources,
    }
