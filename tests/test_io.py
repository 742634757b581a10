"""Output files (issue 12): modes kept, the umask respected, nothing but a regular
file ever replaced, and ``-o -`` on standard output; library and command line."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from deploymap.errors import InputError
from deploymap.io import atomic_output, check_output, write_text_atomic

from .test_tables import DATA

TABLE = DATA / "deployments.csv"
ARTICLE = "Kenyan troops joined ATMIS in Kismayo, which has about 14,600 troops.\n"


def run(*args, cwd=None, umask=-1):
    env = dict(os.environ, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")
    return subprocess.run(
        [sys.executable, "-m", "deploymap", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        umask=umask,
        timeout=180,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask():
    """Set the umask for one test and restore it (tests run in one thread)."""
    saved = os.umask(0o022)
    yield os.umask
    os.umask(saved)


@pytest.fixture(scope="module")
def table_story():
    from deploymap.tables import read_table

    return read_table(TABLE)


def _write_text(path, story):
    write_text_atomic(path, "new\n")


def _export(path, story):
    from deploymap.export import export

    export(story, path)  # the format from the extension


def _geoparse(path, story):
    from deploymap.extract.toponyms import geoparse_jsonl

    src = path.parent / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    geoparse_jsonl([str(src)], str(path))
    src.unlink()


def _batch(path, story):
    from deploymap.batch import run_batch

    src = path.parent / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    run_batch([str(src)], str(path), job="extract")
    src.unlink()


SUFFIX = {"text": "txt", "geojson": "geojson", "csv": "csv", "gpkg": "gpkg"}
WRITERS = {
    "text": _write_text,
    "geojson": _export,
    "csv": _export,
    "gpkg": _export,
    "geoparse": _geoparse,
    "batch": _batch,
}


# -- modes ----------------------------------------------------------------------------


@pytest.mark.parametrize("writer", WRITERS)
def test_a_replaced_file_keeps_its_mode(writer, tmp_path, table_story):
    out = tmp_path / f"out.{SUFFIX.get(writer, 'jsonl')}"
    out.write_text("old secret\n", encoding="utf-8")
    out.chmod(0o600)
    WRITERS[writer](out, table_story)
    assert out.read_bytes() != b"old secret\n"
    assert mode(out) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temp left


@pytest.mark.parametrize("mask", [0o027, 0o002, 0o077])
@pytest.mark.parametrize("writer", WRITERS)
def test_a_new_file_gets_0666_less_the_umask(writer, mask, tmp_path, table_story, umask):
    out = tmp_path / f"out.{SUFFIX.get(writer, 'jsonl')}"
    umask(mask)
    WRITERS[writer](out, table_story)
    assert out.stat().st_size > 0
    assert mode(out) == 0o666 & ~mask


def test_cli_modes_follow_the_umask_and_the_old_file(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    old = tmp_path / "old.json"
    old.write_text("{}", encoding="utf-8")
    old.chmod(0o600)
    r = run("extract", tmp_path / "a.txt", "-o", old, umask=0o027)
    assert r.returncode == 0, r.stderr
    assert json.loads(old.read_text(encoding="utf-8"))["deployments"]
    assert mode(old) == 0o600
    new = tmp_path / "new.jsonl"
    r = run("geoparse", tmp_path / "a.txt", "-o", new, umask=0o027)
    assert r.returncode == 0, r.stderr
    assert mode(new) == 0o640


# -- what is never replaced -------------------------------------------------------------


def _fifo(d: Path) -> Path:
    os.mkfifo(d / "pipe")
    return d / "pipe"


def _socket(d: Path) -> Path:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(d / "sock"))
    s.close()  # the socket file stays
    return d / "sock"


def _folder(d: Path) -> Path:
    (d / "folder").mkdir()
    return d / "folder"


def _char_device(d: Path) -> Path:
    """A character device of our own (the null device's numbers), never /dev/null itself."""
    null = os.stat("/dev/null")
    try:
        os.mknod(d / "null", stat.S_IFCHR | 0o666, null.st_rdev)
    except PermissionError:
        pytest.skip("making a device node needs root")
    return d / "null"


def _link(target: str):
    def make(d: Path) -> Path:
        (d / "link").symlink_to(target)
        return d / "link"

    return make


def _link_to_fifo(d: Path) -> Path:
    (d / "link").symlink_to(_fifo(d))
    return d / "link"


def _loop(d: Path) -> Path:
    (d / "a").symlink_to(d / "b")
    (d / "b").symlink_to(d / "a")
    return d / "a"


NOT_FILES = {
    "fifo": (_fifo, "FIFO"),
    "socket": (_socket, "socket"),
    "folder": (_folder, "folder"),
    "char-device": (_char_device, "character device"),
    "link-to-dev-null": (_link("/dev/null"), "/dev"),
    "link-to-stdout": (_link("/proc/self/fd/1"), "/proc"),
    "link-to-dev-stdout": (_link("/dev/stdout"), "/dev"),
    "link-to-fifo": (_link_to_fifo, "FIFO"),
    "dangling-link": (_link("nowhere/x"), "does not exist"),
    "link-loop": (_loop, "loop"),
}


def _snapshot(d: Path) -> dict[str, tuple]:
    """Each entry's type, device numbers and link target: what a replacement would change."""
    out = {}
    for p in sorted(d.iterdir()):
        st = os.lstat(p)
        link = os.readlink(p) if stat.S_ISLNK(st.st_mode) else None
        out[p.name] = (stat.S_IFMT(st.st_mode), st.st_rdev, st.st_ino, link)
    return out


@pytest.mark.parametrize("case", NOT_FILES)
def test_only_a_regular_file_is_replaced(case, tmp_path):
    make, says = NOT_FILES[case]
    target = make(tmp_path)
    before = _snapshot(tmp_path)
    with pytest.raises(InputError, match=says) as e, atomic_output(target) as f:
        f.write("must not land")
    message = str(e.value)
    assert message.startswith(f"{target}: ")
    if case != "dangling-link":  # that one says to remove the link
        assert "standard output" in message
    assert _snapshot(tmp_path) == before  # untouched, and no temporary file left
    with pytest.raises(InputError):
        check_output(target)


def _dev_null_state():
    st = os.stat("/dev/null")
    return stat.S_ISCHR(st.st_mode), st.st_rdev, st.st_ino


@pytest.mark.parametrize(
    ("command", "case"),
    [
        ("map", "link-to-dev-null"),
        ("map", "link-to-stdout"),
        ("map", "fifo"),
        ("export", "link-to-dev-null"),
        ("export", "char-device"),
        ("extract", "link-to-stdout"),
        ("geoparse", "fifo"),
    ],
)
def test_cli_refuses_what_is_not_a_regular_file(command, case, tmp_path):
    null_before = _dev_null_state()
    assert null_before[0]
    work = tmp_path / "work"
    work.mkdir()
    target = NOT_FILES[case][0](work)
    before = _snapshot(work)
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    extra = ["--format", "geojson"] if command == "export" else []
    r = run(command, src, "-o", target, *extra)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    errors = [ln for ln in r.stderr.splitlines() if "error" in ln]
    assert len(errors) == 1 and str(target) in errors[0], r.stderr
    assert r.stdout == ""  # nothing went through a link to standard output either
    assert _snapshot(work) == before
    assert _dev_null_state() == null_before  # /dev/null is still the null device


def test_a_link_to_a_regular_file_is_written_through(tmp_path):
    real = tmp_path / "maps" / "real.html"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "latest.html"
    link.symlink_to(Path("maps") / "real.html")  # a relative link
    write_text_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(Path("maps") / "real.html")
    assert real.read_text(encoding="utf-8") == "new"
    assert mode(real) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.html"]


def test_a_regular_file_and_a_new_one_are_fine(tmp_path):
    check_output("-")
    check_output(tmp_path / "new.html")
    (tmp_path / "old.html").write_text("x", encoding="utf-8")
    check_output(tmp_path / "old.html")
    with pytest.raises(InputError, match="does not exist"):
        check_output(tmp_path / "no" / "new.html")


# -- standard output ---------------------------------------------------------------------


def test_cli_map_to_standard_output(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = run("map", "a.txt", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.lstrip().lower().startswith("<!doctype html>")
    assert "ATMIS" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no file named "-"


@pytest.mark.parametrize("fmt", [None, "geojson", "csv"])
def test_cli_export_to_standard_output(fmt, tmp_path):
    r = run("export", TABLE, "-o", "-", *(["--format", fmt] if fmt else []), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    if fmt == "csv":
        header = next(csv.reader(io.StringIO(r.stdout)))
        assert header[:2] == ["layer", "name"] and header[-3:] == ["lon", "lat", "wkt"]
    else:
        assert json.loads(r.stdout)["type"] == "FeatureCollection"
    assert "standard output" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_export_format_option_and_geopackage_on_standard_output(tmp_path):
    r = run("export", TABLE, "-o", "-", "--format", "gpkg", cwd=tmp_path)
    assert r.returncode == 2
    assert "GeoPackage" in r.stderr and "FILE.gpkg" in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""
    out = tmp_path / "table.txt"  # the format from --format, whatever the extension
    r = run("export", TABLE, "-o", out, "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("layer,name,")


@pytest.mark.parametrize("command", ["extract", "geoparse"])
def test_cli_extract_and_geoparse_to_standard_output(command, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = run(command, "a.txt", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    first = json.loads(r.stdout.splitlines()[0] if command == "geoparse" else r.stdout)
    assert first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_replaced_file_keeps_its_owner_where_allowed(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    out = tmp_path / "theirs.html"
    out.write_text("old", encoding="utf-8")
    os.chown(out, 4242, 4343)
    out.chmod(0o640)
    write_text_atomic(out, "new")
    st = os.stat(out)
    assert (st.st_uid, st.st_gid, mode(out)) == (4242, 4343, 0o640)
    assert out.read_text(encoding="utf-8") == "new"
