"""Corpus runs on hostile inputs (issue 14): nothing lost, nothing read twice, one bad
record costs only itself, and time and memory per record stay bounded."""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from deploymap import batch, watchdog
from deploymap.batch import run_batch
from deploymap.errors import InputError

from .test_batch import corpus, lines, write_jsonl


def cli(*args, cwd=None, timeout=180):
    return subprocess.run(
        [sys.executable, "-m", "deploymap", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


def ids(path: Path) -> list[str]:
    return [json.loads(x)["id"] for x in lines(path)]


# -- one bad record ---------------------------------------------------------------------


@pytest.mark.parametrize("field", ["id", "text", "title", "url"])
def test_lone_surrogate_is_reported_with_its_line_and_skipped(tmp_path: Path, field: str):
    good = corpus(2)
    bad = {"id": "bad", "text": "Rain fell on Juba."}
    bad[field] = bad.get(field, "") + "x\ud800"
    src = tmp_path / "c.jsonl"
    # json.dumps escapes the surrogate as \ud800: valid JSON, not valid Unicode
    src.write_text("\n".join(json.dumps(d) for d in (good[0], bad, good[1])) + "\n")
    out = tmp_path / "out.jsonl"
    r = cli("geoparse", src, "-o", out)
    assert r.returncode == 2, r.stderr
    assert f"{src}:2: skipped" in r.stderr and "surrogate" in r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    assert ids(out) == ["doc-000", "doc-001"]


def test_a_record_that_fails_anywhere_costs_only_itself(tmp_path: Path, monkeypatch):
    real = batch._WORK["geoparse"]

    def odd(engine, doc_id, text, rec, date):
        out = real(engine, doc_id, text, rec, date)
        # a value the JSON writer cannot write: fails after the work, at the output
        return {**out, "extra": object()} if doc_id == "doc-001" else out

    monkeypatch.setitem(batch._WORK, "geoparse", odd)
    src = write_jsonl(tmp_path / "c.jsonl", corpus(3))
    out = tmp_path / "out.jsonl"
    result = run_batch([src], out, doc_timeout=0)
    assert (result.documents, result.skipped) == (2, 1)
    assert any(r.startswith(f"{src}:2: skipped") for r in result.reports)
    assert ids(out) == ["doc-000", "doc-002"]


# -- damaged .gz files --------------------------------------------------------------------


def _varied(n: int) -> list[dict[str, str]]:
    rng = random.Random(7)
    return [
        {"id": f"d{i}", "text": f"Troops reached Goma {rng.random():.12f} {rng.random():.12f}."}
        for i in range(n)
    ]


def _gz(docs) -> bytes:
    return gzip.compress("".join(json.dumps(d) + "\n" for d in docs).encode())


@pytest.mark.parametrize(
    "damage, says",
    [
        (lambda b: b[: len(b) // 2], "truncated"),
        (lambda b: b[:-8] + bytes([b[-8] ^ 0xFF]) + b[-7:], "CRC"),
    ],
    ids=["truncated", "crc"],
)
def test_damaged_gzip_keeps_what_was_read_and_names_the_file(tmp_path: Path, damage, says):
    docs = _varied(3000)
    src = tmp_path / "c.jsonl.gz"
    src.write_bytes(damage(_gz(docs)))
    out = tmp_path / "out.jsonl"
    result = run_batch([src], out, doc_timeout=0)
    assert result.skipped == 1
    (report,) = result.reports
    assert report.startswith(f"{src}: stopped reading at line") and says in report
    kept = ids(out)
    assert len(kept) > 1000 and kept == [d["id"] for d in docs[: len(kept)]]


def test_a_file_named_gz_that_is_not_gzip_ends_non_zero(tmp_path: Path):
    src = write_jsonl(tmp_path / "c.jsonl.gz", corpus(2))
    good = write_jsonl(tmp_path / "good.jsonl", corpus(1))
    r = cli("geoparse", src, good, "-o", tmp_path / "out.jsonl")
    assert r.returncode == 2
    assert f"{src}: stopped reading at line 1: not a gzip file" in r.stderr
    assert ids(tmp_path / "out.jsonl") == ["doc-000"]


def test_concatenated_gzip_members_are_all_read(tmp_path: Path):
    src = tmp_path / "c.jsonl.gz"
    src.write_bytes(_gz(corpus(2)) + _gz(corpus(3)[2:]))
    assert run_batch([src], tmp_path / "out.jsonl").documents == 3


# -- bounded memory and time per record ------------------------------------------------------


def test_huge_record_is_skipped_without_holding_it(tmp_path: Path):
    src = tmp_path / "c.jsonl.gz"
    huge = b'{"id": "huge", "text": "' + b"Goma " * 20_000_000 + b'"}\n'  # 100 MB
    with gzip.open(src, "wb", compresslevel=1) as f:
        f.write(huge)
        f.write((json.dumps(corpus(1)[0]) + "\n").encode())
    del huge
    tracemalloc.start()
    try:
        items = list(batch._iter_items([str(src)], max_size=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [it.line for it in items] == [1, 2] and items[0].payload == b""
    assert items[0].error.startswith(f"{src}:1: skipped: the record is 100.0 MB, over")
    result = run_batch([src], tmp_path / "out.jsonl", max_doc_size=1_000_000)
    assert (result.documents, result.skipped) == (1, 1)
    assert peak < 10_000_000, peak  # the 100 MB line never sat in memory


def test_large_text_file_in_a_folder_is_skipped(tmp_path: Path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Troops reached Goma.")
    (folder / "b.txt").write_text("Goma. " * 1000)
    r = cli("geoparse", folder, "--max-doc-size", "2KB", "-o", tmp_path / "out.jsonl")
    assert r.returncode == 2
    assert "b.txt: skipped: the file is 0.0 MB, over --max-doc-size" in r.stderr
    assert ids(tmp_path / "out.jsonl") == ["a"]


def _poisoned(engine, doc_id, text, rec, date):
    if doc_id == "poison":
        # catastrophic backtracking inside the C regex engine: no signal handler
        # or asynchronous exception runs until it returns (about a minute)
        re.fullmatch(r"(a|aa)+b", "a" * 42)
    return _REAL_GEOPARSE(engine, doc_id, text, rec, date)


_REAL_GEOPARSE = batch._WORK["geoparse"]


def _poisoned_corpus(tmp_path: Path) -> Path:
    docs = corpus(6)
    docs.insert(2, {"id": "poison", "text": "Rain fell on Juba."})
    return write_jsonl(tmp_path / "c.jsonl", docs)


def test_doc_timeout_skips_a_stalled_document_and_goes_on(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(batch._WORK, "geoparse", _poisoned)
    src = _poisoned_corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    t0 = time.monotonic()
    result = run_batch([src], out, doc_timeout=1, chunk_size=3)
    assert time.monotonic() - t0 < 20
    assert (result.documents, result.skipped) == (6, 1)
    assert result.reports == (f"{src}:3: skipped: took longer than --doc-timeout 1 s",)
    assert "poison" not in ids(out) and len(ids(out)) == 6


def _install_poison() -> None:
    """Run in each dask worker process (spawned: it has none of this process's patches)."""
    batch._WORK["geoparse"] = _poisoned


@pytest.mark.slow
def test_doc_timeout_on_the_dask_engine(tmp_path: Path, dask_cluster):
    cluster, client = dask_cluster
    src = _poisoned_corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    client.run(_install_poison)
    t0 = time.monotonic()
    result = run_batch(
        [src], out, engine="dask", scheduler=cluster.scheduler_address, doc_timeout=1, chunk_size=2
    )
    assert time.monotonic() - t0 < 40
    assert (result.documents, result.skipped) == (6, 1)
    assert f"{src}:3: skipped: took longer than --doc-timeout 1 s" in result.reports


def test_watchdog_survives_a_child_that_dies():
    def work(x):
        if x == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        return x

    got = list(watchdog.run_with_budget(work, [0, 1, 2], timeout=5))
    assert got == [(0, 0), (1, watchdog.Died("killed by SIGKILL")), (2, 2)]


def test_bad_limits_are_refused(tmp_path: Path):
    src = write_jsonl(tmp_path / "c.jsonl", corpus(1))
    with pytest.raises(InputError, match="max doc size"):
        run_batch([src], max_doc_size=0)
    with pytest.raises(InputError, match="doc timeout"):
        run_batch([src], doc_timeout=-1)
    r = cli("geoparse", src, "--doc-timeout", "soon")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


# -- folders, globs and the run's own output ------------------------------------------------


def test_glob_rerun_over_its_own_output_folder_does_not_read_it(tmp_path: Path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Troops reached Goma.")
    (folder / "b.txt").write_text("Rain fell on Juba.")
    for spec, name in ((folder / "*", "out.jsonl"), (folder, "out.txt")):
        out = folder / name
        for _ in range(2):
            result = run_batch([str(spec)], out, job="geoparse")
            assert (result.documents, result.skipped) == (2, 0)
        assert ids(out) == ["a", "b"]
        out.unlink()


def test_symlink_loop_in_a_folder_is_skipped_with_a_warning(tmp_path: Path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Troops reached Goma.")
    (folder / "sub" / "b.txt").write_text("Rain fell on Juba.")
    (folder / "sub" / "back").symlink_to(folder)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    out = tmp_path / "out.jsonl"
    r = cli("geoparse", folder, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "back: warning: skipped a symlink loop" in r.stderr
    assert "self.txt: warning: skipped a broken or looping symlink" in r.stderr
    assert ids(out) == ["a", "sub/b"]


# -- signals and temporary files ------------------------------------------------------------


def _big_corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "big.jsonl", corpus(40) * 500)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_sigterm_and_sighup_remove_the_temporary_output(tmp_path: Path, sig):
    src = _big_corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    p = subprocess.Popen(
        [sys.executable, "-m", "deploymap", "geoparse", str(src), "-o", str(out)],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.jsonl.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # inside the run: writing and geoparsing
    p.send_signal(sig)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 128 + sig, err
    assert err.strip().splitlines() == [
        f"deploymap: stopped by {signal.Signals(sig).name}; nothing was written"
    ]
    assert sorted(x.name for x in tmp_path.iterdir()) == ["big.jsonl", "out.jsonl"]
    assert out.read_text() == "previous\n"


def test_a_later_run_removes_stale_temporary_files_of_its_output(tmp_path: Path):
    import fcntl

    src = write_jsonl(tmp_path / "c.jsonl", corpus(2))
    out = tmp_path / "out.jsonl"
    stale = tmp_path / ".out.jsonl.k1ll9d.tmp"  # what a kill -9 leaves
    stale.write_text("half")
    live = tmp_path / ".out.jsonl.l1ve00.tmp"  # another run, still writing
    live.write_text("busy")
    other = tmp_path / ".notes.txt.x.tmp"
    other.write_text("not ours")
    old = time.time() - 3600
    for p in (stale, live, other):
        os.utime(p, (old, old))
    with live.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        r = cli("geoparse", src, "-o", out)
    assert r.returncode == 0, r.stderr
    assert f"removed {stale}" in r.stderr
    assert not stale.exists() and live.exists() and other.exists()
    assert len(ids(out)) == 2
