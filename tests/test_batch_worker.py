"""One long-lived child per corpus run (deploymap.watchdog.Worker): it keeps what it
learns from chunk to chunk, and still cuts off a document that overruns its budget."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from deploymap import batch, watchdog
from deploymap.batch import run_batch

pytestmark = pytest.mark.skipif(not watchdog.can_fork(), reason="needs os.fork")


def _corpus(path: Path, n: int) -> Path:
    towns = ["Goma", "Juba", "Bamako", "Kismayo", "Prizren", "Naqoura", "Bangui"]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            town = towns[i % len(towns)]
            f.write(json.dumps({"id": f"d{i}", "text": f"Peacekeepers patrolled {town}."}) + "\n")
    return path


def _count_forks(monkeypatch) -> list[int]:
    forks: list[int] = []
    real = os.fork

    def fork():
        pid = real()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return forks


def test_a_run_of_many_chunks_forks_one_child(tmp_path: Path, monkeypatch):
    src = _corpus(tmp_path / "c.jsonl", 40)
    forks = _count_forks(monkeypatch)
    result = run_batch([src], tmp_path / "out.jsonl", chunk_size=4, doc_timeout=30)
    assert (result.documents, result.skipped) == (40, 0)
    assert len(forks) == 1  # not one per chunk (10)
    ref = run_batch([src], tmp_path / "ref.jsonl", chunk_size=4, doc_timeout=0)
    assert ref.documents == 40
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "ref.jsonl").read_bytes()


def _stall_on_three(x: int) -> int:
    if x == 3:
        time.sleep(30)
    return x * 10


def test_an_overrun_costs_its_item_and_one_new_child(monkeypatch):
    forks = _count_forks(monkeypatch)
    with watchdog.Worker(_stall_on_three) as w:
        assert list(w.run([1, 2], timeout=5)) == [(0, 10), (1, 20)]
        t0 = time.monotonic()
        got = list(w.run([3, 4], timeout=0.5))
        assert time.monotonic() - t0 < 10
        assert got == [(0, watchdog.OverBudget(0.5)), (1, 40)]
        assert list(w.run([5, 6], timeout=5)) == [(0, 50), (1, 60)]
    assert len(forks) == 2


def _remember(x: int, _seen: list[int] = []) -> list[int]:  # noqa: B006 - the child's memory
    _seen.append(x)
    return list(_seen)


def test_the_child_remembers_between_runs():
    with watchdog.Worker(_remember) as w:
        assert list(w.run([1], timeout=5)) == [(0, [1])]
        assert list(w.run([2, 3], timeout=5)) == [(0, [1, 2]), (1, [1, 2, 3])]
    assert _remember.__defaults__ == ([],)  # the parent's own list was never touched


def test_a_child_killed_while_idle_is_replaced_and_nothing_is_lost():
    with watchdog.Worker(_remember) as w:
        assert list(w.run([1], timeout=5)) == [(0, [1])]
        assert w._pid is not None
        os.kill(w._pid, signal.SIGKILL)
        time.sleep(0.2)
        assert list(w.run([2, 3], timeout=5)) == [(0, [2]), (1, [2, 3])]


def test_leaving_a_run_early_leaves_no_stale_answers():
    with watchdog.Worker(_remember) as w:
        run = w.run([1, 2, 3], timeout=5)
        assert next(run) == (0, [1])
        run.close()  # the child still held 2 and 3: it is ended
        assert list(w.run([7], timeout=5)) == [(0, [7])]


def test_the_child_leaves_when_its_parent_end_closes():
    w = watchdog.Worker(_remember)
    assert list(w.run([1], timeout=5)) == [(0, [1])]
    pid = w._pid
    assert pid is not None and w._answers is not None
    os.close(w._commands)  # what the parent's exit does
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    os.close(w._answers.fd)


def test_a_stalled_document_in_a_later_chunk_is_cut_off(tmp_path: Path, monkeypatch):
    real = batch._WORK["geoparse"]

    def stall(gp, doc_id, text, rec, date):
        if doc_id == "d9":
            time.sleep(60)
        return real(gp, doc_id, text, rec, date)

    monkeypatch.setitem(batch._WORK, "geoparse", stall)
    src = _corpus(tmp_path / "c.jsonl", 14)
    out = tmp_path / "out.jsonl"
    result = run_batch([src], out, chunk_size=4, doc_timeout=1)
    assert (result.documents, result.skipped) == (13, 1)
    assert result.reports == (f"{src}:10: skipped: took longer than --doc-timeout 1 s",)
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"d{i}" for i in range(14) if i != 9]


def test_one_chunk_starts_lazy_and_more_build_the_name_index(tmp_path: Path, monkeypatch):
    from deploymap.extract.toponyms import Geoparser

    built: list[int] = []
    real = Geoparser.build_index

    def counting(self):
        built.append(os.getpid())
        return real(self)

    monkeypatch.setattr(Geoparser, "build_index", counting)
    src = _corpus(tmp_path / "c.jsonl", 8)
    assert run_batch([src], tmp_path / "one.jsonl", chunk_size=8).documents == 8
    assert built == []  # one chunk: the name index is asked of the gazetteer
    assert run_batch([src], tmp_path / "two.jsonl", chunk_size=4).documents == 8
    assert built == [os.getpid()]  # built once, here, before the child is forked
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
