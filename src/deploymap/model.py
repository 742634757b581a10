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

from deploymap._frozen import fast_init


def point_feature_geometry(lat: float, lon: float) -> dict[str, Any]:
    """The single (lat, lon) -> GeoJSON (lon, lat) swap of the project.

    >>> point_feature_geometry(42.67, 21.17)
    {'type': 'Point', 'coordinates': (21.17, 42.67)}
    """
    return {"type": "Point", "coordinates": (lon, lat)}


@fast_init
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

    def __repr__(self) -> str:
        return (
            f"Place({_code(self.id)}, {_quote(self.name)}, {_code(self.kind)}, "
            f"{_code(self.iso3)}, {_coord(self.lat)}, {_coord(self.lon)})"
        )


@fast_init
@dataclass(frozen=True, slots=True)
class Candidate:
    """A place proposed for a name, with the evidence of the match."""

    place: Place
    score: float
    form: str = "name"


@fast_init
@dataclass(frozen=True, slots=True)
class Toponym:
    """A place found in text: its character span and what it resolved to.

    ``start``/``end`` are Python ``str`` offsets (end exclusive) into the text
    as given.  ``demonym`` is true for adjectivals and nationality nouns
    ("Turkish", "Serbs"), which resolve to their country.  ``geonameid`` is
    the place's GeoNames id where it has one: towns, and countries and admin-1
    units too (whose ``id`` is ``country:ISO3`` or ``ne:admin1:...``).
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
    geonameid: int | None = None

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "geometry": point_feature_geometry(self.lat, self.lon),
            "properties": self.to_dict(),
        }

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
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
        if self.geonameid is not None:
            out["geonameid"] = self.geonameid
        return out

    def __repr__(self) -> str:
        what = "demonym of " if self.demonym else ""
        return (
            f"Toponym({_quote(self.text)} {self.start}-{self.end} -> {what}{_quote(self.name)}, "
            f"{_code(self.kind)}, {_code(self.iso3)}, {self.confidence:.2f})"
        )


@fast_init
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a record came from: the sentence's span in the source text.

    ``page`` is the page of a PDF the span lies on (1 for the first), None
    for sources without pages.
    """

    start: int
    end: int
    text: str
    source: str = ""  # file name, URL or table name
    date: str = ""  # ISO date of the source (article date, table year)
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "source": self.source,
            "date": self.date,
        }
        if self.page is not None:
            d["page"] = self.page
        return d

    def __repr__(self) -> str:
        where = ", ".join(_code(x) for x in (_source_name(self.source), self.date) if x)
        return f"Evidence({self.start}-{self.end} {_quote(self.text)}" + (
            f"; {where})" if where else ")"
        )


@fast_init
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

    def __repr__(self) -> str:
        bits = [
            f"{_code(self.id)} {_quote(self.name)}",
            _code(self.organisation),
            _hosts(self.hosts),
        ]
        if not self.in_catalogue:
            bits.append("not in the catalogue")
        return "Mission(" + ", ".join(b for b in bits if b) + ")"


@fast_init
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
    authorised: int | None = None  # the ceiling a mandate sets, never the strength
    troops_evidence: Evidence | None = None  # the span of each figure itself
    authorised_evidence: Evidence | None = None
    peak_evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        m = self.mission

        def span(ev: Evidence | None) -> dict[str, Any] | None:
            return ev.to_dict() if ev else None

        return {
            "id": m.id,
            "name": m.name,
            "organisation": m.organisation,
            "host": m.host,
            "hosts": list(m.hosts),
            "troops": self.troops,
            "authorised": self.authorised,
            "peak": self.peak,
            "troops_evidence": span(self.troops_evidence),
            "authorised_evidence": span(self.authorised_evidence),
            "peak_evidence": span(self.peak_evidence),
            "hq": m.hq_name,
            "hq_lat": m.hq_lat,
            "hq_lon": m.hq_lon,
            "in_catalogue": m.in_catalogue,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    def __repr__(self) -> str:
        m = self.mission
        bits = [f"{_code(m.id)} {_quote(m.name)}", _hosts(m.hosts), _troops(self.troops)]
        if self.peak is not None:
            bits.append(f"peak {self.peak:,}")
        return "MissionMention(" + ", ".join(b for b in bits if b) + _evidence(self.evidence) + ")"


#: The ``schema`` member of every Story document (see docs/story-document.md).
STORY_SCHEMA = "deploymap/story/v1"


@fast_init
@dataclass(frozen=True, slots=True)
class Unit:
    """What a contingent is, as its source says it: "an engineering company".

    ``kind`` is a key of :func:`deploymap.units.kinds` ("infantry",
    "medical", "police"; "" when only the size is said), ``echelon`` one of
    :func:`deploymap.units.echelons` ("company", "battalion"; "" when not
    said).  ``count`` is how many such units (None when the source does not
    say), ``troops`` the troops a table gives them, ``evidence`` the words
    that say it (a table's units have none of their own: the location's
    evidence names the table, the line and the cells).

    >>> u = Unit("engineer", "company", count=1)
    >>> u.sidc, u.label, u.to_dict()["echelon"]
    ('10031000151407000000', 'Engineer company', 'company')
    """

    kind: str
    echelon: str = ""
    count: int | None = None
    troops: int | None = None
    evidence: Evidence | None = None

    @property
    def sidc(self) -> str:
        """The APP-6 D symbol code the map draws (see :func:`deploymap.units.sidc`)."""
        from deploymap.units import sidc

        return sidc(self.kind, self.echelon)

    @property
    def label(self) -> str:
        """The unit in words: ``"Infantry battalion"``."""
        from deploymap.units import unit_label

        return unit_label(self.kind, self.echelon)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "echelon": self.echelon,
            "count": self.count,
            "troops": self.troops,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


STATUSES = ("deployed", "pledged", "withdrawing", "withdrawn")
PERSONNEL = ("troops", "police", "observers", "staff")


@fast_init
@dataclass(frozen=True, slots=True)
class Deployment:
    """One contributor's presence in one mission, as a source states it.

    ``troops`` is the contingent after the change the source reports and
    ``change`` that change (signed; "a further 200 ... taking it to 440" is
    troops 440, change +200).  ``status`` is one of :data:`STATUSES`: a
    ``pledged`` contingent is promised, not there yet; a ``withdrawn`` one has
    left (it is kept as a record, never drawn as a force).  ``personnel`` says
    what the figure counts (:data:`PERSONNEL`); ``figure`` is the span of the
    figure itself, ``evidence`` the sentences; ``units`` what the contingent
    is, where the source says it (:class:`Unit`).

    >>> d = Deployment("POL", "UNIFIL", 500, change=300, status="pledged")
    >>> d.present, d.to_dict()["change"]
    (False, 300)
    """

    contributor: str  # ISO3
    mission: str  # mission id
    troops: int | None = None
    date: str = ""
    location: Place | None = None  # where the text or table puts the troops
    role: str = "contributor"  # or "lead nation", ...
    evidence: tuple[Evidence, ...] = ()
    change: int | None = None
    status: str = "deployed"
    personnel: str = "troops"
    confidence: float = 1.0
    figure: Evidence | None = None
    units: tuple[Unit, ...] = ()

    @property
    def present(self) -> bool:
        """Whether the contingent is there to be drawn (deployed or still withdrawing)."""
        return self.status in ("deployed", "withdrawing")

    def to_dict(self) -> dict[str, Any]:
        loc = self.location
        return {
            "contributor": self.contributor,
            "mission": self.mission,
            "troops": self.troops,
            "change": self.change,
            "status": self.status,
            "personnel": self.personnel,
            "confidence": self.confidence,
            "figure": self.figure.to_dict() if self.figure else None,
            "date": self.date,
            "role": self.role,
            "location": loc.name if loc else None,
            "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None,
            **(
                {"location_id": loc.id, "location_kind": loc.kind, "location_iso3": loc.iso3}
                if loc
                else {}
            ),
            "evidence": [e.to_dict() for e in self.evidence],
            **({"units": [u.to_dict() for u in self.units]} if self.units else {}),
        }

    def __repr__(self) -> str:
        who = _code(self.contributor) if self.contributor else _code(self.role)
        bits = [f"{who} in {_code(self.mission)}", _troops(self.troops)]
        if self.contributor and self.role != "contributor":
            bits.append(_code(self.role))
        if self.date:
            bits.append(_code(self.date))
        if self.location is not None:
            bits.append(f"at {_quote(self.location.name)}")
        if self.units:
            bits.append("as " + _quote("; ".join(u.label for u in self.units)))
        return "Deployment(" + ", ".join(bits) + _evidence(self.evidence) + ")"


@fast_init
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

    def __repr__(self) -> str:
        head = _code(self.kind) + (f" in {_code(self.mission)}" if self.mission else "")
        if self.date:
            head += f", {_code(self.date)}"
        actors = [_code(a) for a in self.actors]
        if self.kind == "handover" and actors:
            head += f": to {actors[0]}" + (f" from {actors[1]}" if len(actors) > 1 else "")
        elif actors:
            head += ": " + ", ".join(actors)
        return f"Event({head}{_evidence(self.evidence)})"


@fast_init
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
    lang: str = "en"  # the language the text was read in ("en", "fr")

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

    def to_dict(self, places: bool = True, text: bool = False) -> dict[str, Any]:
        """The Story document: ``deploymap extract --format json`` (docs/story-document.md).

        ``places=False`` leaves the places out (:func:`iter_json` streams them);
        ``text=True`` keeps the article text, which the spans point into.
        """
        doc = {
            "schema": STORY_SCHEMA,
            "title": self.title,
            "date": self.date,
            "places": [p.to_dict() for p in self.places] if places else [],
            "missions": [m.to_dict() for m in self.missions],
            # nations that have left are records too, but not contributors any more
            "deployments": [d.to_dict() for d in self.deployments if d.status != "withdrawn"],
            "withdrawn": [d.to_dict() for d in self.deployments if d.status == "withdrawn"],
            "events": [e.to_dict() for e in self.events],
            "sources": list(self.sources),
            "lang": self.lang,
        }
        if text and self.text:
            doc["text"] = self.text
        return doc

    def iter_json(self, text: bool = False) -> Iterator[str]:
        """:meth:`to_dict` as JSON text, in pieces: a 20 MB article's half a
        million places are written one by one instead of held as one string."""
        rest = self.to_dict(places=False, text=text)
        del rest["places"], rest["schema"]
        yield f'{{"schema": {json.dumps(STORY_SCHEMA)},\n"places": ['
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

    def to_review(self, path: Any = None, **kwargs: Any) -> str:
        """The review page of this story (HTML), written to *path* when given.

        Check, correct and save the story in a browser, offline: see
        :func:`deploymap.review_html`, which takes the keyword arguments.

        >>> "Save corrected story" in Story(title="Quiet week").to_review()
        True
        """
        from deploymap.review import review_html

        return review_html(self, path, **kwargs)

    def _repr_html_(self) -> str:
        # Jupyter shows a story as its map: online (CDN) assets by default, a much
        # lighter notebook; self-contained when the ``offline`` option is on.
        html: str = self.to_map()._repr_html_()
        return html

    def __repr__(self) -> str:
        return "Story(" + "; ".join(_story_summary(self)) + ")"

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


# Short reprs.  Every string may come from an article or a table: free text is
# quoted (repr escapes control characters) and clipped; codes are shown bare only
# when they are plain.  Each repr names the fields it shows, so fields added to a
# record later leave it working.
_CLIP = 40


def _quote(text: str, limit: int = _CLIP) -> str:
    text = " ".join(str(text).split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _code(value: object) -> str:
    text = str(value)
    if text and len(text) <= _CLIP and text.isprintable() and not any(c in text for c in ",;()'\""):
        return text
    return _quote(text)


def _coord(x: float) -> str:
    return repr(round(x, 4))


def _troops(n: int | None) -> str:
    return "troops unknown" if n is None else f"{n:,} troops"


def _hosts(hosts: tuple[str, ...]) -> str:
    return ("host " + "/".join(_code(h) for h in hosts)) if hosts else ""


def _evidence(evidence: tuple[Evidence, ...]) -> str:
    return f"; {len(evidence)} evidence" if evidence else ""


def _source_name(source: str) -> str:
    if "://" in source or not source:
        return source
    return source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or source


def _few(items: list[str], total: int, limit: int = 3) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" (+{total - limit} more)" if total > limit else "")


def _story_summary(story: Story) -> list[str]:
    parts: list[str] = []
    main = story.mission
    if main is None:
        parts.append("no mission")
    else:
        m = main.mission
        head = [_code(m.id), _hosts(m.hosts)]
        if main.troops is not None:
            head.append(_troops(main.troops))
        parts.append(", ".join(h for h in head if h))
        others = [_code(x.mission.id) for x in story.missions[1:]]
        if others:
            word = "mission" if len(others) == 1 else "missions"
            parts.append(f"{len(others)} more {word}: " + _few(others, len(others)))
    # Each contributor's figure at its latest date (summed over the places a table gives).
    latest: dict[str, tuple[str, int | None]] = {}
    for d in story.deployments:
        if not d.contributor:
            continue
        date, troops = latest.get(d.contributor, ("", None))
        if d.contributor not in latest or d.date > date:
            latest[d.contributor] = (d.date, d.troops)
        elif d.date == date and d.troops is not None:
            latest[d.contributor] = (date, (troops or 0) + d.troops)
    if latest:
        ranked = sorted(latest.items(), key=lambda kv: (-(kv[1][1] or 0), kv[0]))
        shown = [
            f"{_code(c)} {troops:,}" if troops is not None else f"{_code(c)} ?"
            for c, (_, troops) in ranked
        ]
        word = "contributor" if len(latest) == 1 else "contributors"
        parts.append(f"{len(latest)} {word}: " + _few(shown, len(shown)))
    distinct = len({p.id for p in story.places})
    mentions = len(story.places)
    places = f"{distinct} place" + ("" if distinct == 1 else "s")
    if mentions != distinct:
        places += f" ({mentions} mentions)"
    parts.append(places)
    if story.events:
        kinds = list(dict.fromkeys(_code(e.kind) for e in story.events))
        word = "event" if len(story.events) == 1 else "events"
        parts.append(f"{len(story.events)} {word}: " + _few(kinds, len(kinds)))
    if story.date:
        parts.append(_code(story.date))
    names = [_code(_source_name(s)) for s in story.sources]
    if names:
        word = "source" if len(names) == 1 else "sources"
        parts.append(f"{word} " + _few(names, len(names), limit=2))
    return parts
