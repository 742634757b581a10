"""Bad input battery (issue 8): one clear line, the right exit code, no traceback,
and no good data lost.  Run as a user runs it, with the network pointed nowhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

ARTICLE = "Kenyan troops joined ATMIS in Kismayo, which has about 14,600 troops.\n"


def run(*args, cwd=None):
    env = dict(os.environ, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")
    return subprocess.run(
        [sys.executable, "-m", "deploymap", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=180,
    )


def one_clean_line(r):
    assert "Traceback" not in r.stderr
    errors = [ln for ln in r.stderr.splitlines() if "error" in ln]
    assert len(errors) == 1, r.stderr
    return errors[0]


def test_missing_file(tmp_path):
    r = run("extract", tmp_path / "missing.txt")
    assert r.returncode == 2
    assert "missing.txt" in one_clean_line(r)


def test_empty_text_is_a_valid_empty_result(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    r = run("extract", tmp_path / "empty.txt", "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["places"] == [] and out["missions"] == [] and out["deployments"] == []


def test_binary_file_is_refused(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = run("extract", tmp_path / "photo.txt")
    assert r.returncode == 2
    assert "binary" in one_clean_line(r)


def test_non_utf8_is_decoded_with_a_warning_then_processed(tmp_path):
    (tmp_path / "latin1.txt").write_bytes(
        "Kenyan troops joined ATMIS at Kismayo café.\n".encode("cp1252")
    )
    r = run("extract", tmp_path / "latin1.txt", "--format", "json")
    assert r.returncode == 0
    assert "warning" in r.stderr and "UTF-8" in r.stderr
    out = json.loads(r.stdout)
    assert [d["contributor"] for d in out["deployments"]] == ["KEN"]


def test_jsonl_with_a_malformed_line_keeps_the_good_lines(tmp_path):
    src = tmp_path / "corpus.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Turkish troops reached Pristina."})
        + "\n"
        + '{"id": "b", "text": broken\n'
        + json.dumps({"id": "c", "text": "Serbs gathered in Belgrade."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    r = run("geoparse", src, "-o", out)
    assert r.returncode != 0
    assert "corpus.jsonl:2" in r.stderr and "Traceback" not in r.stderr
    ids = [json.loads(ln)["id"] for ln in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["a", "c"]


def test_csv_without_the_needed_columns_names_them(tmp_path):
    (tmp_path / "t.csv").write_text("mission,year,country,location\nUNIFIL,2024,Lebanon,Naqoura\n")
    r = run("export", tmp_path / "t.csv", "-o", tmp_path / "x.geojson")
    assert r.returncode == 2
    line = one_clean_line(r)
    assert "t.csv" in line
    assert not (tmp_path / "x.geojson").exists()


def test_unknown_mission_suggests_close_names(tmp_path):
    (tmp_path / "d.csv").write_text(
        "contributor,mission,troops,date\nGhana,UNIFIL,870,2024-06-30\n", encoding="utf-8"
    )
    r = run("export", tmp_path / "d.csv", "--mission", "UNIFL", "-o", tmp_path / "x.geojson")
    assert r.returncode == 2
    assert "UNIFIL" in one_clean_line(r)


@pytest.mark.parametrize("where", ["no/such/folder/map.html", "/proc/deploymap-map.html"])
def test_output_that_cannot_be_written(tmp_path, where):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    target = where if where.startswith("/") else tmp_path / where
    r = run("map", tmp_path / "a.txt", "-o", target)
    assert r.returncode == 2
    one_clean_line(r)


def test_failed_run_leaves_no_partial_output(tmp_path):
    out = tmp_path / "map.html"
    out.write_text("previous good map", encoding="utf-8")
    r = run("map", tmp_path / "missing.txt", "-o", out)
    assert r.returncode == 2
    assert out.read_text(encoding="utf-8") == "previous good map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temp file left


def test_usage_error_is_exit_2():
    r = run("extract")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr


def test_debug_shows_the_traceback(tmp_path):
    r = run("--debug", "extract", tmp_path / "missing.txt")
    assert r.returncode != 0
    assert "Traceback" in r.stderr
