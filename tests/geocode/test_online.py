"""Online geocoders: opt-in, cached before the rate limiter, honest about failure.

The service is a local server on 127.0.0.1 (see fake_service.py) playing the
faults we cannot cause against a real one, driven through geopy's real
Nominatim client.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import socket
import subprocess
import sys

import pytest

from deploymap.errors import (
    GeocoderConfigError,
    GeocoderError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from deploymap.geocode.online import GeocodeCache, get_geocoder

from .fake_service import FakeGeocoderServer

UA = "deploymap-tests/1.0 (tests@example.org)"


def nominatim(domain, tmp_path, **kw):
    kw.setdefault("min_delay_seconds", 0.0)
    kw.setdefault("error_wait_seconds", 0.05)
    return get_geocoder(
        "nominatim",
        user_agent=UA,
        domain=domain,
        scheme="http",
        cache=GeocodeCache(tmp_path / "cache.sqlite"),
        timeout=kw.pop("timeout", 2),
        **kw,
    )


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{s.getsockname()[1]}"


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
        geo = nominatim(server.domain, tmp_path)
        first = geo.geocode("Film City")
        assert first.latitude == pytest.approx(42.6629)
        assert geo.geocode("Film City").latitude == pytest.approx(42.6629)
        assert len(server.requests) == 1
        # a new process (new objects) reads the same cache file
        geo2 = nominatim(server.domain, tmp_path)
        assert geo2.geocode("Film City").longitude == pytest.approx(21.1655)
        assert len(server.requests) == 1


def test_rate_limit_is_respected_and_cache_hits_do_not_wait(tmp_path):
    import time

    with FakeGeocoderServer(["ok"]) as server:
        geo = nominatim(server.domain, tmp_path, min_delay_seconds=0.3)
        for q in ("a place", "b place", "c place"):
            geo.geocode(q)
        times = [t for t, _ in server.requests]
        assert len(times) == 3
        assert min(b - a for a, b in itertools.pairwise(times)) >= 0.25
        t0 = time.monotonic()
        for q in ("a place", "b place", "c place"):
            geo.geocode(q)
        assert time.monotonic() - t0 < 0.2  # three hits, no limiter wait
        assert len(server.requests) == 3


def test_429_is_retried_with_backoff_then_answers(tmp_path):
    with FakeGeocoderServer(["429", "429", "ok"]) as server:
        geo = nominatim(server.domain, tmp_path, error_wait_seconds=0.1)
        loc = geo.geocode("Pristina")
        assert loc is not None
        times = [t for t, _ in server.requests]
        assert len(times) == 3
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert gaps[0] >= 0.09 and gaps[1] >= 0.19  # 0.1 s, then 0.2 s


def test_server_error_gives_up_after_retries_with_a_clear_error(tmp_path):
    with FakeGeocoderServer(["500"]) as server:
        geo = nominatim(server.domain, tmp_path, max_retries=2)
        with pytest.raises(GeocoderUnavailable, match="nominatim") as err:
            geo.geocode("anything")
        assert "--fallback offline" in str(err.value)
        assert len(server.requests) == 3


def test_timeout_is_a_timed_out_error(tmp_path):
    with FakeGeocoderServer([("slow", 1.5)]) as server:
        geo = nominatim(server.domain, tmp_path, timeout=0.3, max_retries=1)
        with pytest.raises(GeocoderTimedOut):
            geo.geocode("slow place")
        assert isinstance(GeocoderTimedOut("x"), TimeoutError)


def test_malformed_json_is_not_retried(tmp_path):
    with FakeGeocoderServer(["badjson"]) as server:
        geo = nominatim(server.domain, tmp_path)
        with pytest.raises(GeocoderError, match="not valid JSON"):
            geo.geocode("anything")
        assert len(server.requests) == 1


def test_no_service_listening_is_unavailable(tmp_path):
    geo = nominatim(closed_port(), tmp_path, max_retries=0)
    with pytest.raises(GeocoderUnavailable):
        geo.geocode("anything")


def test_fallback_offline_carries_on(tmp_path):
    with FakeGeocoderServer(["500"]) as server:
        geo = nominatim(server.domain, tmp_path, max_retries=0, fallback="offline")
        loc = geo.geocode("Zvecan")
        assert loc.raw["iso3"] == "XKX"
        assert geo.failures and "nominatim" in geo.failures[0]


def _cli(*args, tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    return subprocess.run(
        [sys.executable, "-m", "deploymap", "geocode", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_cli_network_failure_is_exit_3_one_line_no_traceback(tmp_path):
    r = _cli(
        "Pristina",
        "--geocoder",
        "nominatim",
        "--user-agent",
        UA,
        "--scheme",
        "http",
        "--domain",
        closed_port(),
        tmp_path=tmp_path,
    )
    assert r.returncode == 3
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "--fallback offline" in r.stderr


def test_cli_fallback_warns_and_answers(tmp_path):
    with FakeGeocoderServer(["500"]) as server:
        r = _cli(
            "Zvecan",
            "--geocoder",
            "nominatim",
            "--user-agent",
            UA,
            "--scheme",
            "http",
            "--domain",
            server.domain,
            "--fallback",
            "offline",
            "--format",
            "json",
            "--retries",
            "0",
            tmp_path=tmp_path,
        )
    assert r.returncode == 0, r.stderr
    assert '"XKX"' in r.stdout
    assert "warning" in r.stderr and "Traceback" not in r.stderr


def _writer(path, n, tag):
    cache = GeocodeCache(path)
    for i in range(n):
        cache.put("svc", "http://x", f"{tag}-{i}", [{"name": tag, "lat": i, "lon": i, "raw": {}}])


def test_cache_survives_concurrent_writers(tmp_path):
    path = tmp_path / "shared.sqlite"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, 40, f"p{k}")) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    cache = GeocodeCache(path)
    for k in range(4):
        for i in range(40):
            assert cache.get("svc", "http://x", f"p{k}-{i}")[0]["lat"] == i


def test_cache_survives_a_killed_writer(tmp_path):
    path = tmp_path / "crash.sqlite"
    _writer(path, 5, "before")
    code = (
        "import os, sys; from deploymap.geocode.online import GeocodeCache\n"
        f"c = GeocodeCache({str(path)!r})\n"
        "for i in range(100000):\n"
        "    c.put('svc', 'http://x', f'k{i}', [{'name': 'x', 'lat': 0, 'lon': 0, 'raw': {}}])\n"
        "    if i == 200: os._exit(9)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], timeout=60)
    assert r.returncode == 9
    cache = GeocodeCache(path)
    assert cache.get("svc", "http://x", "before-4")[0]["lat"] == 4
    assert cache.get("svc", "http://x", "k150") is not None
