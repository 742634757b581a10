"""Geocoders: the offline default and opt-in online geopy backends.

>>> from deploymap.geocode import OfflineGeocoder
>>> OfflineGeocoder().geocode("Camp Bondsteel").raw["iso3"]
'XKX'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deploymap.geocode.offline import OfflineGeocoder
    from deploymap.geocode.online import CachedGeocoder, GeocodeCache, get_geocoder

__all__ = ["CachedGeocoder", "GeocodeCache", "OfflineGeocoder", "get_geocoder"]

_WHERE = {
    "OfflineGeocoder": "deploymap.geocode.offline",
    "CachedGeocoder": "deploymap.geocode.online",
    "GeocodeCache": "deploymap.geocode.cache",
    "get_geocoder": "deploymap.geocode.online",
}


def __getattr__(name: str) -> Any:
    # geopy is imported only when a geocoder is asked for.
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(name)
