"""Online geocoders: opt-in, cached before the rate limiter, honest about failure.

The service is a local server on 127.0.0.1 (see fake_service.py), driven
through geopy's real Nominatim client.
"""

from __future__ import annotations

import itertools

import pytest

from deploymap.errors import GeocoderConfigError, GeocoderError
from deploymap.geocode.online import GeocodeCache, get_geocoder

from .fake_service import FakeGeocoderServer

UA = "deploymap-tests/1.0 (tests@example.org)"


def nominatim(server, tmp_path, **kw):
    kw.setdefault("min_delay_seconds", 0.2)
    return get_geocoder(
        "nominatim",
        user_agent=UA,
        domain=server.domain,
        scheme="http",
        cache=GeocodeCache(tmp_path / "cache.sqlite"),
        timeout=2,
        **kw,
    )


def test_nominatim_refused_without_a_real_user_agent():
    for ua in (None, "", "geopy/2.4", "deploymap"):
        with pytest.raises(GeocoderConfigError, match="user agent"):
            get_geocoder("nominatim", user_agent=ua)


def test_unknown_service_is_a_config_error():
    with pytest.raises(GeocoderConfigError, match="unknown geocoder"):
        get_geocoder("nosuchservice")


def test_offline_is_the_default():
    from deploymap.geocode.offline import OfflineGeocoder

    assert isinstance(get_geocoder(), OfflineGeocoder)


def test_answers_are_cached_and_cache_hits_skip_the_service(tmp_path):
    with FakeGeocoderServer(["ok"]) as server:
        geo = nominatim(server, tmp_path)
        first = geo.geocode("Film City")
        assert first.latitude == pytest.approx(42.6629)
        again = geo.geocode("Film City")
        assert again.latitude == pytest.approx(42.6629)
        assert len(server.requests) == 1
        # a new process (new objects) reads the same cache file
        geo2 = nominatim(server, tmp_path)
        assert geo2.geocode("Film City").longitude == pytest.approx(21.1655)
        assert len(server.requests) == 1


def test_rate_limit_is_respected_between_misses(tmp_path):
    with FakeGeocoderServer(["ok"]) as server:
        geo = nominatim(server, tmp_path, min_delay_seconds=0.3)
        for q in ("a place", "b place", "c place"):
            geo.geocode(q)
        times = [t for t, _ in server.requests]
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert len(times) == 3
        assert min(gaps) >= 0.25


def test_server_error_raises_a_clear_geocoder_error(tmp_path):
    with FakeGeocoderServer(["500"]) as server:
        geo = nominatim(server, tmp_path, min_delay_seconds=0)
        geo._geocode.error_wait_seconds = 0
        with pytest.raises(GeocoderError, match="nominatim"):
            geo.geocode("anything")


def test_fallback_offline_carries_on(tmp_path):
    with FakeGeocoderServer(["500"]) as server:
        geo = nominatim(server, tmp_path, min_delay_seconds=0, fallback="offline")
        geo._geocode.error_wait_seconds = 0
        loc = geo.geocode("Zvecan")
        assert loc.raw["iso3"] == "XKX"
