"""The command line, run as a user runs it: a subprocess, no network needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES


def run(*args, **kw):
    env = dict(os.environ)
    # An unreachable proxy: any accidental network use fails loudly.
    env.update(HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")
    return subprocess.run(
        [sys.executable, "-m", "deploymap", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        **kw,
    )


def test_version():
    r = run("--version")
    assert r.returncode == 0
    assert r.stdout.startswith("deploymap ")


def test_geocode_json_contract():
    r = run("geocode", "Zvečan", "--format", "json")
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    assert set(rec) == {"name", "lat", "lon", "iso3", "kind", "id"}
    assert rec["iso3"] == "XKX"
    assert abs(rec["lat"] - 42.91) < 0.2 and abs(rec["lon"] - 20.84) < 0.2


def test_geocode_all_lists_candidates_and_country_bias():
    r = run("geocode", "Mitrovica", "--all", "--format", "json")
    recs = json.loads(r.stdout)
    assert isinstance(recs, list) and len(recs) >= 2
    r = run("geocode", "Mitrovica", "--country", "SRB", "--format", "json")
    assert json.loads(r.stdout)["iso3"] == "SRB"


def test_geocode_text_format():
    r = run("geocode", "Camp Bondsteel")
    assert r.returncode == 0
    assert "XKX" in r.stdout and "Camp Bondsteel" in r.stdout


def test_geocode_not_found_exits_nonzero_without_traceback():
    r = run("geocode", "Qwzxqwzx")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "no place found" in r.stderr


def test_nominatim_without_user_agent_is_a_usage_error():
    r = run("geocode", "Pristina", "--geocoder", "nominatim")
    assert r.returncode == 2
    assert "user agent" in r.stderr and "Traceback" not in r.stderr


def test_unknown_country_is_an_input_error():
    r = run("geocode", "Pristina", "--country", "Atlantis")
    assert r.returncode == 2
    assert "unknown country" in r.stderr


def test_map_writes_html_of_the_example(tmp_path):
    out = tmp_path / "map.html"
    r = run("map", str(EXAMPLES / "kfor-command-2023.txt"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "leaflet" in html.lower()
    assert "Pristina" in html


def test_map_of_missing_file_is_one_clear_line(tmp_path):
    r = run("map", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "m.html"))
    assert r.returncode == 2
    assert "no such file" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "m.html").exists()


@pytest.mark.parametrize("bad", ["\x00\x01\x02binary", None])
def test_map_refuses_binary_input(tmp_path, bad):
    src = tmp_path / "in.txt"
    if bad is None:
        src.write_bytes(Path(sys.executable).read_bytes()[:4096])
    else:
        src.write_bytes(bad.encode())
    r = run("map", str(src), "-o", str(tmp_path / "m.html"))
    assert r.returncode == 2
    assert "binary" in r.stderr


@pytest.mark.parametrize(
    ("years", "dates"),
    [(["--year", "2022-2023"], {"2022", "2023"}), (["--year", "2023"], {"2023"})],
)
def test_export_takes_years_and_ranges(tmp_path, years, dates):
    table = Path(__file__).resolve().parent / "data" / "geopko_front_small.csv"
    out = tmp_path / "undof.geojson"
    r = run("export", str(table), "--mission", "UNDOF", *years, "-o", str(out))
    assert r.returncode == 0, r.stderr
    fc = json.loads(out.read_text(encoding="utf-8"))
    force = {f["properties"]["date"] for f in fc["features"] if f["properties"]["layer"] == "force"}
    assert force == dates
    bad = run("export", str(table), "--year", "20x", "-o", str(tmp_path / "x.geojson"))
    assert bad.returncode == 2 and "--year '20x'" in bad.stderr
