"""deploymap: map peacekeeping deployments from news text, offline by default.

The public API is small and loaded lazily, so ``import deploymap`` is cheap and
pulls in neither folium, geopandas nor geopy until they are needed.

>>> import deploymap
>>> deploymap.OfflineGeocoder().geocode("Zvecan").raw["iso3"]
'XKX'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from deploymap._version import __version__

if TYPE_CHECKING:
    from deploymap.errors import DataError, DeploymapError, GeocoderError, InputError
    from deploymap.export import export
    from deploymap.extract.toponyms import Geoparser, geoparse
    from deploymap.gazetteer import Gazetteer
    from deploymap.geocode.offline import OfflineGeocoder
    from deploymap.geocode.online import get_geocoder
    from deploymap.images.figure import build_static
    from deploymap.inputs import read_inputs
    from deploymap.inputs.story import read_story, story_schema
    from deploymap.mapping.build import build_map
    from deploymap.model import (
        Deployment,
        Event,
        Evidence,
        Mission,
        MissionMention,
        Place,
        Story,
        Toponym,
    )
    from deploymap.options import Options, get_option, option_context, set_option
    from deploymap.read import read_text
    from deploymap.tables import read_table

_WHERE = {
    "DataError": "deploymap.errors",
    "DeploymapError": "deploymap.errors",
    "GeocoderError": "deploymap.errors",
    "InputError": "deploymap.errors",
    "Gazetteer": "deploymap.gazetteer",
    "OfflineGeocoder": "deploymap.geocode.offline",
    "get_geocoder": "deploymap.geocode.online",
    "Geoparser": "deploymap.extract.toponyms",
    "geoparse": "deploymap.extract.toponyms",
    "Deployment": "deploymap.model",
    "Event": "deploymap.model",
    "Evidence": "deploymap.model",
    "Mission": "deploymap.model",
    "MissionMention": "deploymap.model",
    "Place": "deploymap.model",
    "Story": "deploymap.model",
    "Toponym": "deploymap.model",
    "Options": "deploymap.options",
    "get_option": "deploymap.options",
    "option_context": "deploymap.options",
    "set_option": "deploymap.options",
    "read_text": "deploymap.read",
    "read_table": "deploymap.tables",
    "read_inputs": "deploymap.inputs",
    "read_story": "deploymap.inputs.story",
    "story_schema": "deploymap.inputs.story",
    "build_map": "deploymap.mapping.build",
    "build_static": "deploymap.images",
    "export": "deploymap.export",
    "review_html": "deploymap.review",
}

__all__ = [
    "DataError",
    "DeploymapError",
    "Deployment",
    "Event",
    "Evidence",
    "Gazetteer",
    "GeocoderError",
    "Geoparser",
    "InputError",
    "Mission",
    "MissionMention",
    "OfflineGeocoder",
    "Options",
    "Place",
    "Story",
    "Toponym",
    "__version__",
    "build_map",
    "build_static",
    "export",
    "geoparse",
    "get_geocoder",
    "get_option",
    "option_context",
    "read_inputs",
    "read_story",
    "read_table",
    "read_text",
    "review_html",
    "set_option",
    "story_schema",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'deploymap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
