"""``deploymap map INPUT... -o map.html [--offline] [--tiles NAME] [--title TEXT]``."""

from __future__ import annotations

import subprocess
import sys

from tests.mapping.conftest import EXAMPLE, SEED, layers_of


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deploymap", "map", *args], capture_output=True, text=True
    )


def test_offline_map_of_the_example(tmp_path):
    out = tmp_path / "map.html"
    r = run(str(EXAMPLE), "-o", str(out), "--offline", "--title", "KFOR <2023>")
    assert r.returncode == 0, r.stderr
    assert f"wrote {out}" in r.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script src" not in html and "<h1>KFOR &lt;2023&gt;</h1>" in html
    assert "Force size (troops)" in layers_of(html)


def test_several_inputs_make_one_map(tmp_path):
    out = tmp_path / "both.html"
    inputs = [str(EXAMPLE), str(SEED)] if SEED.is_file() else [str(EXAMPLE), str(EXAMPLE)]
    r = run(*inputs, "-o", str(out), "--tiles", "none")
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "Countries (Natural Earth 1:110m)" in layers_of(html)


def test_online_tiles_by_name(tmp_path):
    out = tmp_path / "m.html"
    r = run(str(EXAMPLE), "-o", str(out), "--tiles", "OpenStreetMap.HOT")
    assert r.returncode == 0, r.stderr
    assert "tile.openstreetmap.fr/hot" in out.read_text(encoding="utf-8")


def test_unknown_tiles_are_one_clear_line(tmp_path):
    out = tmp_path / "m.html"
    r = run(str(EXAMPLE), "-o", str(out), "--tiles", "Atlantis.Tiles")
    assert r.returncode == 2
    assert "unknown tile provider 'Atlantis.Tiles'" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_tiles_with_offline_is_a_usage_error(tmp_path):
    r = run(str(EXAMPLE), "-o", str(tmp_path / "m.html"), "--offline", "--tiles", "OpenStreetMap")
    assert r.returncode == 2 and "tiles need the network" in r.stderr
