"""No control character from outside reaches the terminal through the CLI.

A hostile geocoder (the local fake on 127.0.0.1) answers with a name holding
escape sequences, or fails with them in its status line; a file name holds
them.  The raw bytes must never reach stdout or stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.geocode.fake_service import FakeGeocoderServer

UA = "deploymap-tests/1.0 (tests@example.org)"
# retitles the window (OSC ... BEL), turns the text red (CSI), clears the screen (8-bit CSI)
HOSTILE = "Film City\x1b]0;pwned\x07\x1b[31m\x9b2J\x08\r\x7f"
# the bytes that would act on a terminal, as UTF-8 output carries them
RAW = [b"\x1b", b"\x07", b"\x08", b"\r", b"\x7f", "\x9b".encode()]


def geocode(xdg, server, *more, query="Film City"):
    online = ["--geocoder", "nominatim", "--user-agent", UA, "--retries", "0"]
    local = ["--scheme", "http", "--domain", server.domain]
    return subprocess.run(
        [sys.executable, "-m", "deploymap", "geocode", query, *online, *local, *more],
        capture_output=True,
        env=dict(os.environ, XDG_CACHE_HOME=str(xdg)),
        timeout=120,
    )


def assert_inert(*outputs: bytes) -> None:
    for out in outputs:
        for raw in RAW:
            assert raw not in out, (raw, out)


@pytest.mark.parametrize("cached", [False, True])
def test_a_hostile_place_name_is_printed_escaped(tmp_path, cached):
    with FakeGeocoderServer([("name", HOSTILE)]) as server:
        r = geocode(tmp_path / "xdg", server)
        if cached:  # the same answer again, from the cache
            r = geocode(tmp_path / "xdg", server)
            assert len(server.requests) == 1
    assert r.returncode == 0, r.stderr
    assert_inert(r.stdout, r.stderr)
    assert r.stdout.startswith(b"Film City\\x1b]0;pwned\\x07\\x1b[31m\\x9b2J\\x08\\r\\x7f\t")
    assert r.stdout.count(b"\t") == 4 and r.stdout.count(b"\n") == 1


def test_a_hostile_place_name_in_json_is_escaped_and_lossless(tmp_path):
    with FakeGeocoderServer([("name", HOSTILE)]) as server:
        one = geocode(tmp_path / "xdg", server, "--format", "json")
        every = geocode(tmp_path / "xdg", server, "--format", "json", "--all")
    for r in (one, every):
        assert r.returncode == 0, r.stderr
        assert_inert(r.stdout, r.stderr)
    assert json.loads(one.stdout)["name"] == HOSTILE
    assert json.loads(every.stdout)[0]["name"] == HOSTILE


def test_a_hostile_status_line_in_the_error_is_escaped(tmp_path):
    with FakeGeocoderServer([("status", 500, HOSTILE)]) as server:
        r = geocode(tmp_path / "xdg", server)
    assert r.returncode == 3
    assert_inert(r.stdout, r.stderr)
    assert r.stderr.startswith(b"deploymap: error: nominatim: ")
    assert len(r.stderr.splitlines()) == 1 and b"Traceback" not in r.stderr


def test_a_hostile_status_line_in_the_fallback_warning_is_escaped(tmp_path):
    with FakeGeocoderServer([("status", 500, HOSTILE)]) as server:
        r = geocode(tmp_path / "xdg", server, "--fallback", "offline", query="Zvecan")
    assert r.returncode == 0 and r.stdout.startswith("Zvečan\t".encode())
    assert_inert(r.stdout, r.stderr)
    assert b"deploymap: warning: nominatim: " in r.stderr


def test_a_hostile_cache_path_in_the_cache_warning_is_escaped(tmp_path):
    xdg = tmp_path / "x\x1b]0;pwned\x07"
    (xdg / "deploymap").mkdir(parents=True)
    (xdg / "deploymap" / "geocode.sqlite").write_bytes(b"not a database" * 100)
    with FakeGeocoderServer(["ok"]) as server:
        r = geocode(xdg, server)
    assert r.returncode == 0, r.stderr
    assert_inert(r.stdout, r.stderr)
    assert r.stderr.startswith(b"deploymap: warning: ") and b"\\x1b]0;pwned\\x07" in r.stderr


def test_error_lines_quoting_a_file_name_are_escaped(tmp_path):
    evil = str(tmp_path / "ev\x1b]0;pwned\x07\x1b[31mil\x9b.txt")
    r = subprocess.run(
        [sys.executable, "-m", "deploymap", "extract", evil],
        capture_output=True,
        timeout=120,
    )
    assert r.returncode == 2
    assert r.stderr.startswith(b"deploymap: error: ")
    assert_inert(r.stderr)
    assert b"\\x1b]0;pwned\\x07" in r.stderr
    assert len(r.stderr.splitlines()) == 1


def test_extract_json_of_a_hostile_article_is_escaped_and_lossless(tmp_path):
    # C1 CSI, DEL and a right-to-left override inside the sentence that becomes evidence
    sentence = "Turkey keeps 600 soldiers in KFOR in Kosovo\x9b2J\x7f \u202eevil."
    (tmp_path / "a.txt").write_text(sentence + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "deploymap", "extract", "a.txt"],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert_inert(done.stdout, done.stderr)
    assert "\u202e".encode() not in done.stdout
    story = json.loads(done.stdout)
    assert any(
        "\x9b2J\x7f \u202eevil" in ev["text"] for d in story["deployments"] for ev in d["evidence"]
    )


def test_export_and_map_messages_escape_the_output_name(tmp_path):
    (tmp_path / "a.txt").write_text("KFOR has 3,500 troops in Kosovo.\n", encoding="utf-8")
    name = "out\x1b[31m.geojson"
    done = subprocess.run(
        [sys.executable, "-m", "deploymap", "export", "a.txt", "-o", name],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert_inert(done.stdout, done.stderr)
    assert b"out\\x1b[31m.geojson" in done.stderr
