"""Records that flow through deploymap: frozen, slotted, GeoJSON-able.

Coordinates are stored as ``lat``/``lon`` attributes with their names spelled
out; the only place that turns them into GeoJSON's (lon, lat) order is
:func:`point_feature_geometry`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


def point_feature_geometry(lat: float, lon: float) -> dict[str, Any]:
    """The single (lat, lon) -> GeoJSON (lon, lat) swap of the project.

    >>> point_feature_geometry(42.67, 21.17)
    {'type': 'Point', 'coordinates': (21.17, 42.67)}
    """
    return {"type": "Point", "coordinates": (lon, lat)}


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a country, admin-1 unit, US county (``admin2``),
    populated place or curated site.

    ``id`` is stable across builds of the same sources: ``country:XKX``,
    ``geonames:786714``, ``ne:admin1:LBN-2213``, ``fips:21169`` (a US county
    by its FIPS code) or ``deploymap:camp-bondsteel``.
    """

    id: str
    name: str
    kind: str
    iso3: str
    lat: float
    lon: float
    population: int = 0
    admin1: str = ""
    source: str = ""

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "geometry": point_feature_geometry(self.lat, self.lon),
            "properties": self.properties(),
        }

    def properties(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "iso3": self.iso3,
            "population": self.population,
            "admin1": self.admin1,
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place proposed for a name, with the evidence of the match."""

    place: Place
    score: float
    form: str = "name"


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place found in text: its character span and what it resolved to.

    ``start``/``end`` are Python ``str`` offsets (end exclusive) into the text
    as given.  ``demonym`` is true for adjectivals and nationality nouns
    ("Turkish", "Serbs"), which resolve to their country.
    """

    start: int
    end: int
    text: str
    name: str
    kind: str
    iso3: str
    lat: float
    lon: float
    id: str
    confidence: float = 1.0
    demonym: bool = False

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "geometry": point_feature_geometry(self.lat, self.lon),
            "properties": self.to_dict(),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "kind": self.kind,
            "iso3": self.iso3,
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "id": self.id,
            "confidence": round(self.confidence, 3),
            "demonym": self.demonym,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a record came from: the sentence's span in the source text."""

    start: int
    end: int
    text: str
    source: str = ""  # file name, URL or table name
    date: str = ""  # ISO date of the source (article date, table year)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "source": self.source,
            "date": self.date,
        }


@dataclass(frozen=True, slots=True)
class Mission:
    """A peacekeeping operation, from the catalogue or recognised in text.

    ``hosts`` are ISO3 codes (UNISFA has two); ``area`` says how the area of
    operations is drawn: ``"country"`` (the hosts' territory), a tuple of
    admin-1 place ids, or a WKT polygon (see ``geodata/missions.csv``).
    """

    id: str
    name: str
    organisation: str
    hosts: tuple[str, ...]
    hq_name: str = ""
    hq_lat: float | None = None
    hq_lon: float | None = None
    area: str = "country"
    start: str = ""
    end: str = ""
    strength: int | None = None
    strength_date: str = ""
    strength_source: str = ""
    aliases: tuple[str, ...] = ()
    in_catalogue: bool = True

    @property
    def host(self) -> str:
        return self.hosts[0] if self.hosts else ""


@dataclass(frozen=True, slots=True)
class MissionMention:
    """A mission as one text speaks of it, with the figures that text gives."""

    mission: Mission
    start: int
    end: int
    text: str
    troops: int | None = None  # current strength as the text gives it
    peak: int | None = None
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        m = self.mission
        return {
            "id": m.id,
            "name": m.name,
            "organisation": m.organisation,
            "host": m.host,
            "hosts": list(m.hosts),
            "troops": self.troops,
            "peak": self.peak,
            "hq": m.hq_name,
            "hq_lat": m.hq_lat,
            "hq_lon": m.hq_lon,
            "in_catalogue": m.in_catalogue,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Deployment:
    """One contributor's presence in one mission, as a source states it."""

    contributor: str  # ISO3
    mission: str  # mission id
    troops: int | None = None
    date: str = ""
    location: Place | None = None  # where the text or table puts the troops
    role: str = "contributor"  # or "lead nation", ...
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        loc = self.location
        return {
            "contributor": self.contributor,
            "mission": self.mission,
            "troops": self.troops,
            "date": self.date,
            "role": self.role,
            "location": loc.name if loc else None,
            "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened to a mission: a command handover, a clash, ..."""

    kind: str  # "handover", "tension", ...
    mission: str = ""
    date: str = ""
    actors: tuple[str, ...] = ()  # ISO3; for a handover (new lead, previous lead)
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": self.kind,
            "mission": self.mission,
            "date": self.date,
            "actors": list(self.actors),
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.kind == "handover" and len(self.actors) >= 1:
            d["lead"] = self.actors[0]
            d["from"] = self.actors[1] if len(self.actors) > 1 else None
        return d


@dataclass(frozen=True, slots=True)
class Story:
    """Everything deploymap knows about one article (or a merged set of them).

    Build one with :func:`deploymap.read_text`; draw it with :meth:`to_map`.
    """

    text: str = ""
    title: str = ""
    date: str = ""  # ISO date of the article when known
    places: tuple[Toponym, ...] = ()
    missions: tuple[MissionMention, ...] = ()
    deployments: tuple[Deployment, ...] = ()
    events: tuple[Event, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def mission(self) -> MissionMention | None:
        """The main mission of the story (the first one found)."""
        return self.missions[0] if self.missions else None

    @property
    def hosts(self) -> tuple[str, ...]:
        out: list[str] = []
        for m in self.missions:
            out.extend(h for h in m.mission.hosts if h not in out)
        return tuple(out)

    def to_dict(self, places: bool = True) -> dict[str, Any]:
        """The ``deploymap extract --format json`` contract (see the README).

        ``places=False`` leaves the places out (:func:`iter_json` streams them).
        """
        return {
            "title": self.title,
            "date": self.date,
            "places": [p.to_dict() for p in self.places] if places else [],
            "missions": [m.to_dict() for m in self.missions],
            "deployments": [d.to_dict() for d in self.deployments],
            "events": [e.to_dict() for e in self.events],
            "sources": list(self.sources),
        }

    def iter_json(self) -> Iterator[str]:
        """:meth:`to_dict` as JSON text, in pieces: a 20 MB article's half a
        million places are written one by one instead of held as one string."""
        rest = self.to_dict(places=False)
        del rest["places"]
        yield '{"places": ['
        for i, p in enumerate(self.places):
            yield ("," if i else "") + "\n " + json.dumps(p.to_dict(), ensure_ascii=False)
        yield "\n]"
        for key, value in rest.items():
            yield f",\n{json.dumps(key)}: " + json.dumps(value, ensure_ascii=False, indent=1)
        yield "}\n"

    def to_map(self, **kwargs: Any) -> Any:
        """The interactive map of this story, a ``folium.Map``.

        Keyword arguments go to :func:`deploymap.mapping.build_map`
        (``offline``, ``tiles``, ``title``, ...).

        >>> Story(title="Empty").to_map(offline=True).get_root().title
        'Empty'
        """
        from deploymap.mapping.build import build_map

        return build_map(self, **kwargs)

    def to_image(self, path: Any, **kwargs: Any) -> Any:
        """This story as a static map, PNG, SVG or PDF: see :func:`deploymap.build_static`.

        >>> Story(title="Empty").to_image("svg").format
        'svg'
        """
        from deploymap.images import build_static

        return build_static(self, path, **kwargs)

    def _repr_html_(self) -> str:
        # Jupyter shows a story as its map (online assets: a much lighter notebook).
        html: str = self.to_map()._repr_html_()
        return html

    def to_geojson(self, **kwargs: Any) -> dict[str, Any]:
        """The story as an RFC 7946 FeatureCollection (a dict; see :mod:`deploymap.export`).

        Every feature has ``properties.layer`` (country, mission_area, force,
        place, flow) and a ``date``.

        >>> Story().to_geojson()
        {'type': 'FeatureCollection', 'features': []}
        """
        from deploymap.export import story_to_geojson

        return story_to_geojson(self, **kwargs)

    def layers(self, **kwargs: Any) -> dict[str, Any]:
        """One ``geopandas.GeoDataFrame`` per map layer, in EPSG:4326.

        Keys are ``country``, ``mission_area``, ``force``, ``place`` and ``flow``
        (every key is present; a layer with no features is an empty frame).
        Keyword arguments go to :func:`deploymap.export.story_features`.

        >>> Story().layers()["force"].empty
        True
        """
        import geopandas as gpd

        from deploymap.export import LAYERS, story_features

        feats = story_features(self, **kwargs)
        out: dict[str, Any] = {}
        for layer in LAYERS:
            mine = [f for f in feats if f["properties"]["layer"] == layer]
            if mine:
                out[layer] = gpd.GeoDataFrame.from_features(mine, crs="EPSG:4326")
            else:
                out[layer] = gpd.GeoDataFrame({"layer": []}, geometry=[], crs="EPSG:4326")
        return out

    def to_file(self, path: Any, **kwargs: Any) -> int:
        """Write the story to *path* as GeoJSON, GeoPackage or CSV, by its extension.

        Returns the number of features written (see :func:`deploymap.export.export`).

        >>> import tempfile, pathlib
        >>> Story().to_file(pathlib.Path(tempfile.mkdtemp()) / "empty.geojson")
        0
        """
        from deploymap.export import export

        return export(self, path, **kwargs)
