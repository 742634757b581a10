"""The command line on careless and hostile use (issue 14): an input is never
overwritten, every refusal is one line with exit 2, never an internal error."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES

ARTICLE = EXAMPLES / "kfor-command-2023.txt"


def cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "deploymap", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=180,
    )


def one_error(r) -> str:
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "d").mkdir()
    a = tmp_path / "d" / "a.txt"
    shutil.copy(ARTICLE, a)
    dep = tmp_path / "d" / "dep.csv"
    dep.write_text("contributor,mission,troops,date\nTurkey,KFOR,600,2023-10-05\n")
    c = tmp_path / "d" / "c.jsonl"
    c.write_text(json.dumps({"id": "x", "text": "Troops reached Goma."}) + "\n")
    return {"a": a, "dep": dep, "c": c}


@pytest.mark.parametrize(
    "command, name",
    [("export", "dep"), ("geoparse", "c"), ("map", "a"), ("extract", "a"), ("extract", "c")],
)
def test_output_equal_to_an_input_is_refused(inputs, command: str, name: str):
    src = inputs[name]
    before = src.read_bytes()
    r = cli(command, src, "-o", src)
    assert "the output is also an input" in one_error(r)
    assert src.read_bytes() == before


def test_output_equal_to_an_input_under_another_spelling(inputs, tmp_path: Path):
    # ./a.txt from d/, ../d/a.txt from d/sub/: one file, two spellings
    sub = tmp_path / "d" / "sub"
    sub.mkdir()
    before = inputs["a"].read_bytes()
    r = cli("extract", "../a.txt", "-o", "../../d/a.txt", cwd=sub)
    assert "the output is also an input" in one_error(r)
    link = tmp_path / "link.txt"
    link.symlink_to(inputs["a"])
    r = cli("map", inputs["a"], "-o", link)
    assert "the output is also an input" in one_error(r)
    assert inputs["a"].read_bytes() == before


@pytest.mark.parametrize("command", ["export", "geoparse", "map", "extract"])
def test_output_that_is_a_folder_is_named_not_its_temp_file(inputs, tmp_path: Path, command):
    src = inputs["dep"] if command == "export" else inputs["a"]
    folder = tmp_path / "out"
    folder.mkdir()
    line = one_error(cli(command, src, "-o", folder))
    assert f"{folder}: is a folder" in line and ".tmp" not in line
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("value", ["banana", "2023-02-30", "2023-13-01", "05/10/2023"])
@pytest.mark.parametrize("command", ["extract", "map", "export"])
def test_bad_date_is_refused_in_one_line(inputs, tmp_path: Path, command, value):
    out = tmp_path / ("x.csv" if command == "export" else "x.html")
    line = one_error(cli(command, inputs["a"], "--date", value, "-o", out))
    assert "--date" in line and repr(value) in line
    assert not out.exists()


@pytest.mark.parametrize("address", ["not a url", "http://127.0.0.1:8787", "ftp://host:1"])
def test_bad_scheduler_is_refused_at_once(inputs, address):
    r = cli("geoparse", inputs["c"], "--scheduler", address)
    assert "--scheduler" in one_error(r)


def test_negative_geocode_limit_is_refused():
    line = one_error(cli("geocode", "Goma", "--all", "--limit", "-1"))
    assert "--limit" in line


def test_gpkg_failure_is_one_short_line(tmp_path: Path, monkeypatch, capsys):
    pytest.importorskip("pyogrio")
    import pyogrio
    import pyogrio.errors

    from deploymap.cli import main

    def full(*args, **kwargs):
        raise pyogrio.errors.FeatureError("sqlite3_exec(INSERT ...) failed:\n" + "x" * 5000)

    monkeypatch.setattr(pyogrio, "write_dataframe", full)
    out = tmp_path / "k.gpkg"
    assert main(["export", str(ARTICLE), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and len(err[0]) < 300 and "cannot write the GeoPackage" in err[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_gpkg_on_a_full_disk(tmp_path: Path):
    """A 64 KB tmpfs (needs root to mount; skipped elsewhere)."""
    pytest.importorskip("pyogrio")
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)]).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        line = one_error(cli("export", ARTICLE, "-o", mnt / "k.gpkg"))
        assert "disk is full" in line
        assert list(mnt.iterdir()) == []
    finally:
        subprocess.run(["umount", str(mnt)])


def test_gpkg_refuses_an_integer_beyond_64_bits(tmp_path: Path):
    pytest.importorskip("pyogrio")
    from deploymap.errors import InputError
    from deploymap.export import export
    from deploymap.model import Deployment, Place, Story

    site = Place("table:x", "Naqoura", "mission HQ", "LBN", 33.11, 35.12)
    story = Story(deployments=(Deployment("", "UNIFIL", 10**25, "2024", site),))
    with pytest.raises(InputError, match="does not fit a GeoPackage integer"):
        export(story, tmp_path / "x.gpkg")
    assert list(tmp_path.iterdir()) == []
