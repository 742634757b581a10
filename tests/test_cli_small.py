"""Small things users hit on the command line: ``geoparse -`` with plain text,
``geocode -`` for a list of places, ``--quiet``, and saying when nothing was found."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import EXAMPLES
from .test_cli import run

ARTICLE = EXAMPLES / "kfor-command-2023.txt"


# -- geoparse -: plain text on standard input is one document ------------------------------


def test_geoparse_stdin_plain_text_is_one_document():
    text = "Nepalese blue helmets reached Bunia on Monday.\n\nThey will patrol Djugu next.\n"
    r = run("geoparse", "-", input=text)
    assert r.returncode == 0, r.stderr
    (line,) = r.stdout.splitlines()
    rec = json.loads(line)
    assert rec["id"] == "stdin"
    names = [t["name"] for t in rec["toponyms"]]
    assert "Bunia" in names
    # spans point into the text as it was given
    bunia = next(t for t in rec["toponyms"] if t["name"] == "Bunia")
    assert text[bunia["start"] : bunia["end"]] == "Bunia"


def test_geoparse_stdin_jsonl_keeps_working():
    lines = [
        json.dumps({"id": "a", "text": "Rain fell on Nairobi."}),
        "",
        json.dumps({"id": "b", "text": "Troops reached Goma."}),
    ]
    r = run("geoparse", "-", input="\ufeff" + "\n".join(lines) + "\n")
    assert r.returncode == 0, r.stderr
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == ["a", "b"]


def test_geoparse_stdin_empty_is_no_document():
    r = run("geoparse", "-", input=" \n\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""


# -- geocode -: one query per line -----------------------------------------------------------


def test_geocode_stdin_json_lines_keep_going_after_a_miss():
    r = run("geocode", "-", input="Goma\n\nXqzzyvillez\nBunia, COD\n")
    assert r.returncode == 1  # one query found nothing: the exit code says so
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [(x["query"], x["name"], x["iso3"]) for x in recs] == [
        ("Goma", "Goma", "COD"),
        ("Bunia, COD", "Bunia", "COD"),
    ]
    assert "<stdin>:3: no place found for 'Xqzzyvillez'" in r.stderr
    assert "1 query found no place" in r.stderr


def test_geocode_stdin_all_found_exits_zero():
    r = run("geocode", "-", input="Goma\nKidal\n")
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 2


def test_geocode_stdin_csv_through_the_spreadsheet_safe_writer():
    r = run("geocode", "-", "--format", "csv", "--all", "--limit", "2", input="-Goma\nKidal\n")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == ["query", "rank", "name", "lat", "lon", "iso3", "kind", "id"]
    assert [(x["query"], x["rank"]) for x in rows] == [
        ("'-Goma", "1"),  # a leading - would be a formula in a spreadsheet
        ("'-Goma", "2"),
        ("Kidal", "1"),
        ("Kidal", "2"),
    ]
    assert float(rows[0]["lat"]) == pytest.approx(-1.674, abs=0.01)


def test_geocode_stdin_csv_without_answers_still_has_its_header():
    r = run("geocode", "-", "--format", "csv", input="Xqzzyvillez\n")
    assert r.returncode == 1
    assert r.stdout.splitlines() == ["query,name,lat,lon,iso3,kind,id"]


def test_geocode_stdin_escapes_what_a_terminal_would_run():
    r = run("geocode", "-", input="Goma\x1b]0;owned\x07\n")
    assert r.returncode == 1
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    assert "\\x1b]0;owned\\x07" in r.stderr


def test_geocode_one_query_as_csv():
    r = run("geocode", "Zvečan", "--format", "csv")
    assert r.returncode == 0, r.stderr
    (row,) = list(csv.DictReader(io.StringIO(r.stdout)))
    assert (row["query"], row["iso3"]) == ("Zvečan", "XKX")
    r = run("geocode", "Goma", "--format", "csv", "--all", "--limit", "2")
    assert [x["rank"] for x in csv.DictReader(io.StringIO(r.stdout))] == ["1", "2"]


# -- --quiet ---------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_map_says_nothing(tmp_path, where):
    out = tmp_path / "m.html"
    args = ["map", str(ARTICLE), "-o", str(out)]
    r = run(*(["--quiet", *args] if where == "before" else [*args, "-q"]))
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert out.stat().st_size > 0
    loud = run(*args)
    assert "wrote" in loud.stderr  # what --quiet leaves out


def test_quiet_drops_warnings_and_keeps_errors(tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Des casques bleus sont arrivés à Goma.".encode("cp1252"))
    loud = run("extract", str(latin), "-o", str(tmp_path / "a.json"))
    assert "warning" in loud.stderr
    quiet = run("extract", str(latin), "-o", str(tmp_path / "b.json"), "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""
    missing = run("map", str(tmp_path / "nope.txt"), "-q")
    assert missing.returncode == 2
    assert missing.stderr.startswith("deploymap: error:")


def test_quiet_corpus_run_keeps_skipped_reports(tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Rain fell on Nairobi."}) + "\n{oops\n")
    r = run("geoparse", str(src), "-o", str(tmp_path / "o.jsonl"), "-q", "--progress")
    assert r.returncode == 2
    assert f"{src}:2: skipped" in r.stderr
    assert "geoparsed" not in r.stderr  # the summary is a note


def test_quiet_on_every_subcommand():
    from deploymap.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert len(sub.choices) >= 6
    for name, p in sub.choices.items():
        assert {"-q", "--quiet"} <= set(p._option_string_actions), name
    assert parser.parse_args(["schema", "-q"]).quiet
    assert parser.parse_args(["-q", "schema"]).quiet
    assert not hasattr(parser.parse_args(["schema"]), "quiet")


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("deploymap: error: x.txt: no such file", True),
        ("deploymap: internal error: ValueError: x (rerun with --debug and report it)", True),
        ("news.jsonl:4: skipped: not JSON", True),
        ("deploymap: error: <stdin>:3: no place found for 'x'", True),
        ("deploymap: warning: x.txt is not valid UTF-8 (byte 3)", False),
        ("a/b.txt: warning: skipped a broken or looping symlink", False),
        ("wrote map.html (120 KB)", False),
        ("deploymap: note: found no mission, place or troop figure in x.txt", False),
    ],
)
def test_quiet_filter(line, kept):
    from deploymap.cli import _QuietStderr

    out = io.StringIO()
    q = _QuietStderr(out)
    q.write(line[:7])
    q.write(line[7:] + "\n")
    q.close()
    assert out.getvalue() == (line + "\n" if kept else "")


# -- nothing found ---------------------------------------------------------------------------


def test_extract_says_when_nothing_is_found():
    r = run("extract", "-", input="The weather was mild and the market was busy.\n")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["missions"] == []
    assert "found no mission, place or troop figure in standard input" in r.stderr


def test_map_says_when_nothing_is_found(tmp_path):
    art = tmp_path / "quiet-week.txt"
    art.write_text("The weather was mild and the market was busy.\n")
    r = run("map", str(art), "-o", str(tmp_path / "m.html"))
    assert r.returncode == 0, r.stderr
    assert f"found no mission, place or troop figure in {art}" in r.stderr
    found = run("map", str(ARTICLE), "-o", str(tmp_path / "k.html"))
    assert "found no" not in found.stderr
