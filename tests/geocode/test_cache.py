"""The online answer cache: keyed by who was asked what, expiring, never in the way.

Every service here is the local fake on 127.0.0.1 (fake_service.py); the one
test that needs "the real Nominatim" points the client at the fake as its
HTTPS proxy, which refuses the tunnel, so no request leaves the machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from deploymap.errors import GeocoderConfigError, GeocoderUnavailable
from deploymap.geocode.cache import GeocodeCache, parse_age
from deploymap.geocode.online import get_geocoder

from .fake_service import FakeGeocoderServer

UA = "deploymap-tests/1.0 (tests@example.org)"
DAY = 86400.0


def nominatim(domain, cache, *, scheme="http", **kw):
    return get_geocoder(
        "nominatim",
        user_agent=kw.pop("user_agent", UA),
        domain=domain,
        scheme=scheme,
        cache=cache,
        timeout=2,
        min_delay_seconds=0.0,
        max_retries=0,
        **kw,
    )


def cli(*args, xdg, **env):
    """``deploymap geocode ...`` with its cache under *xdg* and no proxy unless given."""
    base = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return subprocess.run(
        [sys.executable, "-m", "deploymap", "geocode", *args],
        capture_output=True,
        text=True,
        env={**base, "XDG_CACHE_HOME": str(xdg), **env},
        timeout=120,
    )


def online(server, *more):
    return [
        "--geocoder",
        "nominatim",
        "--user-agent",
        UA,
        "--scheme",
        "http",
        "--domain",
        server.domain,
        "--retries",
        "0",
        *more,
    ]


def cache_file(xdg):
    return xdg / "deploymap" / "geocode.sqlite"


def age_entries(path, seconds):
    """Make every stored answer *seconds* older (negative: from the future)."""
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE answers_v2 SET created = created - ?", (seconds,))
    con.close()


# -- the key -------------------------------------------------------------------


def test_an_answer_from_a_local_server_is_never_served_as_nominatims(tmp_path):
    """--domain 127.0.0.1:PORT --scheme http, then the default endpoint: not a cache hit."""
    xdg = tmp_path / "xdg"
    with FakeGeocoderServer(["ok"]) as server:
        first = cli("Film City", *online(server), xdg=xdg)
        assert first.returncode == 0 and "Film City, Kosovo" in first.stdout, first.stderr
        # the default endpoint, through the fake as HTTPS proxy: it refuses the tunnel
        proxy = f"http://{server.domain}"
        r = cli(
            "Film City",
            "--geocoder",
            "nominatim",
            "--user-agent",
            UA,
            "--retries",
            "0",
            xdg=xdg,
            https_proxy=proxy,
            HTTPS_PROXY=proxy,
        )
        assert server.tunnels == ["nominatim.openstreetmap.org:443"]
    assert r.returncode == 3, r.stdout + r.stderr
    assert "Film City, Kosovo" not in r.stdout
    assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 1


def test_each_domain_and_scheme_has_its_own_answers(tmp_path):
    cache = GeocodeCache(tmp_path / "c.sqlite")
    with FakeGeocoderServer(["ok"]) as server:
        port = server.domain.split(":")[1]
        nominatim(server.domain, cache).geocode("Film City")
        nominatim(f"localhost:{port}", cache).geocode("Film City")  # same server, other name
        assert len(server.requests) == 2
        nominatim(server.domain, cache).geocode("Film City")
        nominatim(f"localhost:{port}", cache).geocode("Film City")
        assert len(server.requests) == 2  # each is a hit for itself
        with pytest.raises(GeocoderUnavailable):  # https to a plain-http server: asked, fails
            nominatim(server.domain, cache, scheme="https").geocode("Film City")


def test_every_query_option_is_part_of_the_key_and_reaches_the_service(tmp_path):
    cache = GeocodeCache(tmp_path / "c.sqlite")
    variants = [
        {},
        {"exactly_one": False},
        {"country": "xk"},
        {"country": "rs"},
        {"language": "fr"},
        {"exactly_one": False, "limit": 3},
    ]
    with FakeGeocoderServer(["ok"]) as server:
        geo = nominatim(server.domain, cache)
        for kw in variants:
            geo.geocode("Film City", **kw)
        assert len(server.requests) == len(variants)
        for kw in variants:
            geo.geocode("Film City", **kw)
        assert len(server.requests) == len(variants)
        sent = server.paths
    assert "countrycodes=xk" in sent[2] and "countrycodes=rs" in sent[3]
    assert "accept-language=fr" in sent[4] and "limit=3" in sent[5]


def test_reverse_options_are_part_of_the_key(tmp_path):
    cache = GeocodeCache(tmp_path / "c.sqlite")
    with FakeGeocoderServer(["ok"]) as server:
        geo = nominatim(server.domain, cache)
        geo.reverse((42.66, 21.16))
        geo.reverse((42.66, 21.16), language="sq")
        geo.reverse((42.66, 21.16), language="sq")
        assert len(server.requests) == 2


def test_services_and_endpoints_do_not_share_entries(tmp_path):
    cache = GeocodeCache(tmp_path / "c.sqlite")
    answer = [{"name": "Film City", "lat": 42.6, "lon": 21.1, "raw": {}}]
    cache.put("nominatim", "http://127.0.0.1:8080", "q", answer)
    assert cache.get("nominatim", "http://127.0.0.1:8080", "q") == answer
    assert cache.get("photon", "http://127.0.0.1:8080", "q") is None
    assert cache.get("nominatim", "https://127.0.0.1:8080", "q") is None
    assert cache.get("nominatim", "https://nominatim.openstreetmap.org", "q") is None


def test_backend_settings_are_keyed_without_storing_secrets():
    def key(api_key):
        geo = get_geocoder("opencage", api_key=api_key, cache=False)
        return geo.endpoint, geo._request("geocode", "Film City", {})

    one, two = key("secret-key-one"), key("secret-key-two")
    assert one[0] == two[0] == "https://api.opencagedata.com"
    assert one[1] != two[1]
    assert "secret-key" not in one[1] + two[1]


def test_the_user_agent_is_not_part_of_the_key(tmp_path):
    """A decision (see online.py): the agent names the caller and changes no answer."""
    cache = GeocodeCache(tmp_path / "c.sqlite")
    with FakeGeocoderServer(["ok"]) as server:
        nominatim(server.domain, cache).geocode("Film City")
        other = nominatim(server.domain, cache, user_agent="other-maps/2.0 (o@example.org)")
        assert other.geocode("Film City") is not None
        assert len(server.requests) == 1


def test_a_previous_layout_is_never_served(tmp_path):
    """A version-1 file (keys without endpoint) holding a poisoned answer."""
    xdg = tmp_path / "xdg"
    path = cache_file(xdg)
    path.parent.mkdir(parents=True)
    con = sqlite3.connect(path)
    con.execute(
        "CREATE TABLE answers (service TEXT, query TEXT, answer TEXT, created REAL, "
        "PRIMARY KEY (service, query))"
    )
    poison = [{"name": "Poisoned Place", "lat": 1.0, "lon": 2.0, "raw": {}}]
    con.execute(
        "INSERT INTO answers VALUES (?, ?, ?, ?)",
        ("nominatim", json.dumps(["geocode", "Film City", True, None]), json.dumps(poison), 0),
    )
    con.execute("UPDATE answers SET created = ?", (time.time(),))
    con.commit()
    con.close()
    with FakeGeocoderServer(["ok"]) as server:
        r = cli("Film City", *online(server), xdg=xdg)
        assert len(server.requests) == 1
    assert r.returncode == 0 and r.stderr == ""
    assert "Poisoned" not in r.stdout and "Film City, Kosovo" in r.stdout
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert ("answers",) not in tables


def test_a_newer_layout_is_left_alone_with_one_warning(tmp_path):
    xdg = tmp_path / "xdg"
    path = cache_file(xdg)
    path.parent.mkdir(parents=True)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE future (x)")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    before = path.read_bytes()
    with FakeGeocoderServer(["ok"]) as server:
        r = cli("Film City", *online(server), xdg=xdg)
    assert r.returncode == 0 and "Film City, Kosovo" in r.stdout
    assert len(r.stderr.splitlines()) == 1 and "newer" in r.stderr
    assert path.read_bytes() == before


# -- expiry ----------------------------------------------------------------------


def test_an_expired_entry_is_fetched_again(tmp_path):
    path = tmp_path / "c.sqlite"
    with FakeGeocoderServer(["ok"]) as server:
        nominatim(server.domain, GeocodeCache(path)).geocode("Film City")
        age_entries(path, 29 * DAY)
        nominatim(server.domain, GeocodeCache(path)).geocode("Film City")
        assert len(server.requests) == 1  # younger than the default 30 days: served
        age_entries(path, 2 * DAY)
        nominatim(server.domain, GeocodeCache(path)).geocode("Film City")
        assert len(server.requests) == 2  # 31 days old: asked again
        nominatim(server.domain, GeocodeCache(path)).geocode("Film City")
        assert len(server.requests) == 2  # and the fresh answer is stored


def test_cache_ttl_keyword_sets_the_age(tmp_path):
    path = tmp_path / "c.sqlite"
    with FakeGeocoderServer(["ok"]) as server:
        nominatim(server.domain, GeocodeCache(path)).geocode("Film City")
        age_entries(path, 2 * 3600)
        nominatim(server.domain, GeocodeCache(path), cache_ttl="3h").geocode("Film City")
        assert len(server.requests) == 1
        nominatim(server.domain, GeocodeCache(path), cache_ttl="1h").geocode("Film City")
        assert len(server.requests) == 2


def test_an_entry_dated_in_the_future_is_not_served(tmp_path):
    path = tmp_path / "c.sqlite"
    with FakeGeocoderServer(["ok"]) as server:
        nominatim(server.domain, GeocodeCache(path)).geocode("Film City")
        age_entries(path, -400 * DAY)  # would never expire
        nominatim(server.domain, GeocodeCache(path)).geocode("Film City")
        assert len(server.requests) == 2


def test_cli_cache_ttl_zero_always_asks_and_stores_the_fresh_answer(tmp_path):
    xdg = tmp_path / "xdg"
    with FakeGeocoderServer(["ok"]) as server:
        for ttl in ("0", "0", "30d", "12h"):
            r = cli("Film City", *online(server, "--cache-ttl", ttl), xdg=xdg)
            assert r.returncode == 0 and r.stderr == "", r.stderr
        assert len(server.requests) == 2


def test_cli_bad_cache_ttl_is_one_line_exit_2(tmp_path):
    with FakeGeocoderServer(["ok"]) as server:
        r = cli("Film City", *online(server, "--cache-ttl", "soon"), xdg=tmp_path)
        assert server.requests == []
    assert r.returncode == 2
    assert len(r.stderr.splitlines()) == 1 and "Traceback" not in r.stderr
    assert "cache TTL 'soon' (--cache-ttl) is not a duration" in r.stderr


AGES = [("3600", 3600), ("90s", 90), ("45m", 2700), ("12h", 43200), ("30d", 30 * DAY)]
AGES += [("2w", 14 * DAY), ("1.5h", 5400), (" 7D ", 7 * DAY), (0, 0), (None, 30 * DAY)]


@pytest.mark.parametrize(("text", "seconds"), AGES)
def test_parse_age(text, seconds):
    assert parse_age(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "-1", "1y", "nan", "inf", "3 h 2", float("nan"), -5])
def test_parse_age_refuses(text):
    with pytest.raises(GeocoderConfigError, match="not a duration"):
        parse_age(text)


# -- a damaged or unwritable cache --------------------------------------------


def _garbage(path):
    path.write_bytes(os.urandom(6000))


def _sqlite_header_then_garbage(path):
    path.write_bytes(b"SQLite format 3\0" + os.urandom(12000))


def _truncated(path):
    cache = GeocodeCache(path)
    for i in range(2000):
        cache.put(
            "nominatim", "http://x", f"query {i:05d}", [{"name": "x" * 40, "lat": 1, "lon": 2}]
        )
    cache.close()
    with path.open("r+b") as f:
        f.truncate(3 * 4096)  # the schema and the roots survive, the rest is gone


def _folder(path):
    (path / "inside").mkdir(parents=True)


@pytest.mark.parametrize("damage", [_garbage, _sqlite_header_then_garbage, _truncated, _folder])
def test_a_damaged_cache_is_moved_aside_with_one_warning(tmp_path, damage):
    xdg = tmp_path / "xdg"
    path = cache_file(xdg)
    path.parent.mkdir(parents=True)
    damage(path)
    with FakeGeocoderServer(["ok"]) as server:
        r = cli("Film City", *online(server), xdg=xdg)
        assert r.returncode == 0, r.stderr
        assert "Film City, Kosovo" in r.stdout
        assert len(r.stderr.splitlines()) == 1, r.stderr
        assert r.stderr.startswith("deploymap: warning: ") and "moved it to" in r.stderr
        assert "Traceback" not in r.stderr
        aside = [p.name for p in path.parent.iterdir() if ".corrupt-" in p.name]
        assert len(aside) == 1 and aside[0] in r.stderr
        # the lookup went on, and a fresh cache serves the next one
        again = cli("Film City", *online(server), xdg=xdg)
        assert again.returncode == 0 and again.stderr == ""
        assert len(server.requests) == 1


def test_a_damaged_cache_warns_once_for_many_lookups(tmp_path):
    path = tmp_path / "c.sqlite"
    _garbage(path)
    said = []
    cache = GeocodeCache(path, warn=said.append)
    with FakeGeocoderServer(["ok"]) as server:
        geo = nominatim(server.domain, cache)
        for q in ("a place", "b place", "a place"):
            assert geo.geocode(q) is not None
        assert len(server.requests) == 2  # a fresh cache was started
    assert len(said) == 1 and "moved it to" in said[0]


def test_a_stored_answer_that_is_not_a_place_list_is_a_miss(tmp_path):
    cache = GeocodeCache(tmp_path / "c.sqlite")
    cache.put("s", "e", "q", [{"name": "x", "lat": 1.0, "lon": 2.0}])
    con = sqlite3.connect(tmp_path / "c.sqlite")
    for bad in ("{not json", '{"a": 1}', '[{"name": "x", "lat": "north", "lon": 2}]', "[1]"):
        with con:
            con.execute("UPDATE answers_v2 SET answer = ?", (bad,))
        assert cache.get("s", "e", "q") is None


def test_a_cache_that_cannot_be_created_warns_once(tmp_path):
    xdg = tmp_path / "xdg"
    xdg.write_text("a file where the cache folder should be\n")
    with FakeGeocoderServer(["ok"]) as server:
        r = cli("Film City", *online(server), xdg=xdg)
    assert r.returncode == 0 and "Film City, Kosovo" in r.stdout
    assert len(r.stderr.splitlines()) == 1 and "not cached" in r.stderr
    assert "Traceback" not in r.stderr


@contextlib.contextmanager
def read_only(path):
    """Make *path* unwritable for this process (root ignores modes: use the immutable flag)."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a file read-only")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"running as root and chattr +i fails here: {made.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.parametrize("which", ["file", "folder"])
def test_a_read_only_cache_is_read_and_not_written(tmp_path, which):
    xdg = tmp_path / "xdg"
    path = cache_file(xdg)
    with FakeGeocoderServer(["ok"]) as server:
        assert cli("Film City", *online(server), xdg=xdg).returncode == 0
        with read_only(path if which == "file" else path.parent):
            hit = cli("Film City", *online(server), xdg=xdg)
            miss = cli("Other Place", *online(server), xdg=xdg)
            miss_again = cli("Other Place", *online(server), xdg=xdg)
        queries = [q for _, q in server.requests]
    for r in (hit, miss, miss_again):
        assert r.returncode == 0, r.stderr
        assert "Traceback" not in r.stderr and "internal error" not in r.stderr
        assert len(r.stderr.splitlines()) <= 1
    assert "Film City, Kosovo" in hit.stdout and "Other Place, Kosovo" in miss.stdout
    assert queries == ["Film City", "Other Place", "Other Place"]  # served; not stored


def test_a_key_with_a_lone_surrogate_is_stored_and_found(tmp_path):
    """A query from an undecodable file name or a JSON "\\ud800" has no UTF-8 spelling."""
    cache = GeocodeCache(tmp_path / "c.sqlite")
    answer = [{"name": "x", "lat": 1.0, "lon": 2.0}]
    for q in ("Goma\udc9b", "Goma\ud800"):
        cache.put("nominatim", "http://e", q, answer)
        assert cache.get("nominatim", "http://e", q) == answer
    assert cache.get("nominatim", "http://e", "Goma") is None


def test_cli_query_with_an_undecodable_byte_is_one_error_line(tmp_path):
    with FakeGeocoderServer(["ok"]) as server:
        r = subprocess.run(
            [sys.executable, "-m", "deploymap", "geocode", b"Goma\xff", *online(server)],
            capture_output=True,
            text=True,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
            timeout=120,
        )
    assert r.returncode == 3, r.stderr
    assert len(r.stderr.splitlines()) == 1 and "internal error" not in r.stderr
