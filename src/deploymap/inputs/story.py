"""Story documents: the JSON ``deploymap extract`` writes, read back after hand edits.

A Story document is one JSON object with ``"schema": "deploymap/story/v1"``
(:data:`deploymap.model.STORY_SCHEMA`); its JSON Schema ships in the package
(:func:`story_schema`, ``deploymap schema``) and docs/story-document.md tells
each field.  A file holds one document, a JSON array of them, or one per line
(``stories.jsonl`` from a corpus run, optionally ``.gz``).  A GeoJSON file that
``deploymap export`` wrote carries its document too (the ``deploymap_story``
member of the FeatureCollection), so it reads back to the same Story; when a
GIS tool saved it again without that member, the Story is rebuilt from the
features' own properties (:mod:`deploymap.inputs.geojson`), with a warning.

Every problem of a document is reported, each naming its JSON path and what
is expected, before anything is drawn or written (:class:`DocumentError`).

Examples
--------
>>> doc = {"schema": "deploymap/story/v1",
...        "missions": [{"id": "KFOR", "hosts": ["XKX"]}],
...        "deployments": [{"contributor": "TUR", "mission": "KFOR", "troops": 600}]}
>>> story = story_from_document(doc)
>>> [(d.contributor, d.troops) for d in story.deployments]
[('TUR', 600)]
>>> story_from_document({**doc, "deployments": [{"contributor": "TUR", "troops": "abc"}]})
Traceback (most recent call last):
...
deploymap.inputs.story.DocumentError: <document>: deployments[0].troops: expected a whole ...
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deploymap.errors import InputError
from deploymap.model import (
    STORY_SCHEMA,
    Deployment,
    Event,
    Evidence,
    Mission,
    MissionMention,
    Place,
    Story,
    Toponym,
    Unit,
)
from deploymap.terminal import printable

if TYPE_CHECKING:
    from deploymap.gazetteer.missions import MissionCatalogue

__all__ = [
    "GEOJSON_MEMBER",
    "DocumentError",
    "document_problems",
    "is_story_document",
    "read_story",
    "story_document",
    "story_from_document",
    "story_schema",
]

#: The FeatureCollection member that carries the Story document in an export.
GEOJSON_MEMBER = "deploymap_story"
# Problems shown for one file; the rest are counted.
MAX_PROBLEMS = 20
# Keys a Story document has (a JSON object with some of them and no "schema" is
# an older `deploymap extract` output, read as version 1).
_STORY_KEYS = frozenset({"places", "missions", "deployments", "withdrawn", "events", "sources"})


class DocumentError(InputError):
    """A Story document that does not validate: one line per problem in :attr:`lines`."""

    def __init__(self, lines: Sequence[str]):
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return (resources.files("deploymap.inputs") / "story-v1.schema.json").read_text("utf-8")


def story_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a Story document, as a new dict.

    >>> story_schema()["properties"]["schema"]["const"]
    'deploymap/story/v1'
    """
    out: dict[str, Any] = json.loads(_schema_text())
    return out


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(story_schema())


def _path(parts: Iterable[Any]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(document)"


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


_TYPES = {
    "string": "a string",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


def _expected(schema: Mapping[str, Any]) -> str:
    """What a (sub)schema asks for, in words: ``a whole number >= 0 or null``."""
    if "const" in schema:
        return json.dumps(schema["const"])
    if "enum" in schema:
        return "one of " + ", ".join(json.dumps(v) for v in schema["enum"])
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    words = []
    for t in types:
        if t in ("integer", "number"):
            word = "a whole number" if t == "integer" else "a number"
            lo, hi = schema.get("minimum"), schema.get("maximum")
            if lo is not None and hi is not None:
                word += f" from {lo} to {hi}"
            elif lo is not None:
                word += f" >= {lo}"
            words.append(word)
        elif t == "string" and "pattern" in schema:
            words.append(schema.get("description") or f"a string matching {schema['pattern']}")
        elif t == "string" and schema.get("minLength"):
            words.append("a non-empty string")
        else:
            words.append(_TYPES.get(t, t))
    return " or ".join(words) or "a valid value"


def _message(error: Any) -> str:
    where = _path(error.absolute_path)
    v = error.validator
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{where}: missing {json.dumps(missing)}"
    if v == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(known))
        return (
            f"{where}: unknown key {', '.join(json.dumps(k) for k in extra)}; "
            f"known keys: {', '.join(known)}"
        )
    return f"{where}: expected {_expected(error.schema)}, got {_shown(error.instance)}"


def _consistency(doc: Mapping[str, Any]) -> Iterator[str]:
    """What the schema cannot say: records that must agree with each other."""
    missions = [m.get("id") for m in doc.get("missions", ()) if isinstance(m, dict)]
    for i, m in enumerate(doc.get("missions", ())):
        hosts, host = m.get("hosts"), m.get("host")
        if hosts and host and host != hosts[0]:
            yield (
                f"missions[{i}].host: {_shown(host)} is not hosts[0] ({_shown(hosts[0])}); "
                "edit both, or delete host"
            )
        if (m.get("hq_lat") is None) != (m.get("hq_lon") is None):
            yield f"missions[{i}]: give both hq_lat and hq_lon, or neither"
    for key in ("deployments", "withdrawn"):
        for i, d in enumerate(doc.get(key, ())):
            mid = d.get("mission", "")
            if mid and mid not in missions:
                yield (
                    f"{key}[{i}].mission: {_shown(mid)} is not the id of one of the "
                    f"document's missions ({', '.join(map(str, missions)) or 'none'}); "
                    "a mission id edited in one place must be edited in both"
                )
            if (d.get("lat") is None) != (d.get("lon") is None):
                yield f"{key}[{i}]: give both lat and lon, or neither"
            if d.get("lat") is not None and not d.get("location"):
                yield f"{key}[{i}].location: expected the name of the place at lat, lon"
    for i, e in enumerate(doc.get("events", ())):
        actors = e.get("actors") or []
        for key, at in (("lead", 0), ("from", 1)):
            if e.get(key) is not None and (len(actors) <= at or actors[at] != e[key]):
                yield (
                    f"events[{i}].{key}: {_shown(e[key])} is not actors[{at}]; edit actors "
                    f"(the new lead first), {key} follows it"
                )
    for key in ("places", "missions"):
        for i, r in enumerate(doc.get(key, ())):
            start, end = r.get("start"), r.get("end")
            if isinstance(start, int) and isinstance(end, int) and end < start:
                yield f"{key}[{i}].end: expected a number >= start ({start}), got {end}"


def document_problems(doc: Any) -> list[str]:
    """Every problem of a Story document, each ``JSON.path: what is expected, got ...``.

    >>> document_problems({"schema": "deploymap/story/v1", "places": [{"name": "Gao"}]})
    ['places[0]: missing "lat"', 'places[0]: missing "lon"']
    """
    if not isinstance(doc, dict):
        return [f"(document): expected a JSON object, got {_shown(doc)}"]
    errors = sorted(
        _validator().iter_errors(doc), key=lambda e: (list(map(str, e.path)), e.message)
    )
    out = [_message(e) for e in errors]
    if not out:
        out = list(_consistency(doc))
    return list(dict.fromkeys(out))


def is_story_document(doc: Any) -> bool:
    """Whether a parsed JSON value is meant as a Story document (marked, or an older extract).

    >>> is_story_document({"schema": "deploymap/story/v1"}), is_story_document({"text": "x"})
    (True, False)
    """
    if not isinstance(doc, dict):
        return False
    if "schema" in doc:
        return isinstance(doc["schema"], str) and doc["schema"].startswith("deploymap/story/")
    return bool(_STORY_KEYS & doc.keys())


def _int(x: Any) -> int | None:
    return None if x is None else int(x)  # the schema allows 3.0 for 3


def _evidence(items: Iterable[Mapping[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(_one_evidence(e) for e in items)


def _one_evidence(e: Mapping[str, Any]) -> Evidence:
    return Evidence(
        int(e["start"]),
        int(e["end"]),
        e["text"],
        e.get("source", ""),
        e.get("date", ""),
        _int(e.get("page")),
    )


def _one(e: Mapping[str, Any] | None) -> Evidence | None:
    return _one_evidence(e) if e else None


def _units(items: Iterable[Mapping[str, Any]]) -> tuple[Unit, ...]:
    return tuple(
        Unit(
            u["kind"],
            u.get("echelon", ""),
            count=_int(u.get("count")),
            troops=_int(u.get("troops")),
            evidence=_one(u.get("evidence")),
        )
        for u in items
    )


def _mission(m: Mapping[str, Any], catalogue: MissionCatalogue | None) -> Mission:
    """The document's mission; the catalogue fills in only what the document leaves out."""
    import dataclasses

    base: Mission | None = None
    if catalogue is not None and m.get("in_catalogue", True):
        try:
            base = catalogue.get(m["id"])  # area, aliases, dates, strength
        except KeyError:
            base = None
    hosts = tuple(m.get("hosts") or ([m["host"]] if m.get("host") else []))
    given: dict[str, Any] = {"id": m["id"]}
    for key, attr in (("name", "name"), ("organisation", "organisation"), ("hq", "hq_name")):
        if key in m:
            given[attr] = m[key] or ""
    if "hosts" in m or "host" in m:
        given["hosts"] = hosts
    if "hq_lat" in m or "hq_lon" in m:
        given["hq_lat"], given["hq_lon"] = m.get("hq_lat"), m.get("hq_lon")
    if base is not None:
        return dataclasses.replace(base, **given)
    return Mission(
        id=m["id"],
        name=m.get("name") or m["id"],
        organisation=m.get("organisation", ""),
        hosts=hosts,
        hq_name=m.get("hq") or "",
        hq_lat=m.get("hq_lat"),
        hq_lon=m.get("hq_lon"),
        # with a catalogue that does not know the id, the mission is drawn by its hosts
        in_catalogue=bool(m.get("in_catalogue", True)) if catalogue is None else False,
    )


def _location(x: Mapping[str, Any]) -> Place | None:
    if x.get("lat") is None or x.get("lon") is None:
        return None
    name = x.get("location") or ""
    lat, lon = float(x["lat"]), float(x["lon"])
    # records written before location_id: one id per name and point, so sites stay apart
    pid = x.get("location_id") or f"document:{name}@{lat:.6f},{lon:.6f}"
    return Place(pid, name, x.get("location_kind", ""), x.get("location_iso3", ""), lat, lon)


def story_from_document(
    doc: Mapping[str, Any],
    catalogue: MissionCatalogue | None = None,
    *,
    name: str = "<document>",
) -> Story:
    """A :class:`~deploymap.model.Story` from one Story document, validated first.

    Parameters
    ----------
    doc : mapping
        The parsed JSON (``Story.to_dict()`` output, perhaps edited).
    catalogue : MissionCatalogue, optional
        Fills in what a document leaves out of a catalogued mission (its area
        of operations, aliases); what the document says always wins.
    name : str
        Names the document in error messages (a file, ``file:line``).

    Raises
    ------
    DocumentError
        One line per problem, each naming the JSON path.
    """
    problems = document_problems(doc)
    if problems:
        shown = [f"{name}: {p}" for p in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            shown.append(f"{name}: ... and {len(problems) - MAX_PROBLEMS} more problems")
        raise DocumentError(shown)
    return story_from_record(doc, catalogue)


def story_from_record(doc: Mapping[str, Any], catalogue: MissionCatalogue | None = None) -> Story:
    """A :class:`~deploymap.model.Story` from a record already known to be good.

    :func:`story_from_document` validates, then builds with this; records
    deploymap wrote itself in the same run (``stories.jsonl`` lines read
    back by :func:`deploymap.aggregate.read_stories`) are built directly.
    """
    places = tuple(
        Toponym(
            int(p.get("start", 0)),
            int(p.get("end", 0)),
            p.get("text", p["name"]),
            p["name"],
            p.get("kind", ""),
            p.get("iso3", ""),
            float(p["lat"]),
            float(p["lon"]),
            p.get("id") or f"document:{p['name']}@{p['lat']},{p['lon']}",
            float(p.get("confidence", 1.0)),
            bool(p.get("demonym", False)),
            geonameid=p.get("geonameid"),
        )
        for p in doc.get("places", ())
    )
    missions = tuple(
        MissionMention(
            _mission(m, catalogue),
            int(m.get("start", 0)),
            int(m.get("end", 0)),
            m.get("text", ""),
            troops=_int(m.get("troops")),
            peak=_int(m.get("peak")),
            evidence=_evidence(m.get("evidence", ())),
            authorised=_int(m.get("authorised")),
            troops_evidence=_one(m.get("troops_evidence")),
            authorised_evidence=_one(m.get("authorised_evidence")),
            peak_evidence=_one(m.get("peak_evidence")),
        )
        for m in doc.get("missions", ())
    )
    deployments = tuple(
        Deployment(
            contributor=x["contributor"],
            mission=x.get("mission", ""),
            troops=_int(x.get("troops")),
            date=x.get("date", ""),
            location=_location(x),
            role=x.get("role", "contributor"),
            evidence=_evidence(x.get("evidence", ())),
            change=_int(x.get("change")),
            status=x.get("status", "withdrawn" if withdrawn else "deployed"),
            personnel=x.get("personnel", "troops"),
            confidence=float(x.get("confidence", 1.0)),
            figure=_one(x.get("figure")),
            units=_units(x.get("units", ())),
        )
        for withdrawn, key in ((False, "deployments"), (True, "withdrawn"))
        for x in doc.get(key, ())
    )
    events = tuple(
        Event(
            kind=e["kind"],
            mission=e.get("mission", ""),
            date=e.get("date", ""),
            actors=tuple(e.get("actors", ())),
            evidence=_evidence(e.get("evidence", ())),
        )
        for e in doc.get("events", ())
    )
    return Story(
        text=doc.get("text", ""),
        title=doc.get("title", ""),
        date=doc.get("date", ""),
        lang=doc.get("lang", "en"),
        places=places,
        missions=missions,
        deployments=deployments,
        events=events,
        sources=tuple(doc.get("sources", ())),
    )


def story_document(story: Story, *, text: bool = True) -> dict[str, Any]:
    """The Story document of *story*, with its text unless ``text=False``.

    >>> story_document(Story(title="Quiet week", text="Quiet week."))["text"]
    'Quiet week.'
    """
    return story.to_dict(text=text)


# -- files ---------------------------------------------------------------------------------


def _open_text(path: Path) -> Any:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig")
    return path.open(encoding="utf-8-sig")


def _parse(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as e:
        raise InputError(f"{where}: not JSON ({e})") from None


def documents_in(path: str | os.PathLike[str]) -> Iterator[tuple[str, Any]]:
    """``(where, parsed JSON)`` of each document of a file: one, a list, or one per line."""
    p = Path(path)
    low = p.name.lower().removesuffix(".gz")
    try:
        with _open_text(p) as f:
            if low.endswith((".jsonl", ".ndjson")):
                for ln, line in enumerate(f, 1):
                    if line.strip():
                        yield f"{p}:{ln}", _parse(line, f"{p}:{ln}")
                return
            value = _parse(f.read(), str(p))
    except (OSError, EOFError, UnicodeDecodeError) as e:
        raise InputError(f"{p}: cannot read ({e})") from None
    if isinstance(value, list):
        for i, v in enumerate(value):
            yield f"{p}[{i}]", v
    elif isinstance(value, dict) and value.get("type") == "FeatureCollection":
        member = value.get(GEOJSON_MEMBER)
        if member is None:
            # QGIS, GDAL and most tools drop a member they do not know when they save
            from deploymap.inputs.geojson import REBUILT_NOTE, story_document_from_features

            doc = story_document_from_features(value, name=str(p))
            print(f"deploymap: warning: {printable(p)}: {REBUILT_NOTE}", file=sys.stderr)
            yield f"{p}: rebuilt from its features", doc
            return
        yield f"{p}: {GEOJSON_MEMBER}", member
    else:
        yield str(p), value


def read_story(
    path: str | os.PathLike[str], catalogue: MissionCatalogue | None = None
) -> list[Story]:
    """The Stories of a Story document file: ``.json`` (one, or a list), ``stories.jsonl``
    (``.gz`` too) or a GeoJSON export.

    Every document is validated before any is returned: one :class:`DocumentError`
    lists the problems of all of them (``file:line: path: expected ...``).

    Examples
    --------
    >>> import tempfile
    >>> from deploymap.model import Deployment
    >>> f = Path(tempfile.mkdtemp()) / "story.json"
    >>> doc = Story(deployments=(Deployment("KEN", "", troops=3000),)).to_dict()
    >>> _ = f.write_text(json.dumps(doc))
    >>> [(d.contributor, d.troops) for s in read_story(f) for d in s.deployments]
    [('KEN', 3000)]
    """
    if catalogue is None:
        from deploymap.gazetteer.missions import MissionCatalogue

        catalogue = MissionCatalogue()
    stories: list[Story] = []
    problems: list[str] = []
    for where, doc in documents_in(path):
        if isinstance(doc, dict) and isinstance(doc.get("schema"), str):
            if doc["schema"] != STORY_SCHEMA:
                problems.append(
                    f"{where}: schema: expected {json.dumps(STORY_SCHEMA)}, got "
                    f"{_shown(doc['schema'])} (a newer deploymap wrote it?)"
                )
                continue
        elif isinstance(doc, dict) and is_story_document(doc):
            doc = {"schema": STORY_SCHEMA, **doc}  # an older extract output
        elif isinstance(doc, dict) and ("text" in doc or "html" in doc):
            raise InputError(
                f"{where}: an article record, not a Story document: run deploymap extract "
                "on the corpus first, and map its stories.jsonl"
            )
        try:
            stories.append(story_from_document(doc, catalogue, name=where))
        except DocumentError as e:
            problems.extend(e.lines)
        if len(problems) > MAX_PROBLEMS:
            break
    if problems:
        if len(problems) > MAX_PROBLEMS:
            problems = [*problems[:MAX_PROBLEMS], f"{path}: ... and more problems"]
        raise DocumentError(problems)
    if not stories:
        raise InputError(f"{path}: no Story document in it")
    return stories
