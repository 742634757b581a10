"""Corpus runs (deploymap.batch) and merging articles (deploymap.aggregate).

The corpora here are the project's own sentences, written into tmp_path.
"""

from __future__ import annotations

import doctest
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from deploymap import aggregate, batch
from deploymap.batch import run_batch
from deploymap.model import Deployment, Event, Evidence, MissionMention, Story, Toponym

from .conftest import EXAMPLES

SENTENCES = [
    "Kenyan troops arrived in Mogadishu on Monday to relieve a Ugandan battalion.",
    "UN peacekeepers patrolled the road between Goma and Bunia after the clashes.",
    "A Turkish general took command of KFOR at Camp Film City in Pristina.",
    "Rain fell on Nairobi while officials in Addis Ababa met the envoy.",
    "The Irish contingent of UNIFIL moved from Naqoura to Tyre.",
    "Blue helmets in Juba guarded a camp for people displaced from Malakal.",
    "Austrian observers left the Golan Heights, handing posts to Fiji.",
    "Officials in Accra said some 820 Ghanaian soldiers are now serving in Lebanon.",
]


def corpus(n: int = 40) -> list[dict[str, str]]:
    """n short documents, each a different pair of sentences."""
    k = len(SENTENCES)
    return [
        {"id": f"doc-{i:03d}", "text": f"{SENTENCES[i % k]} {SENTENCES[(i * 3 + 1) % k]}"}
        for i in range(n)
    ]


def write_jsonl(path: Path, docs: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "news.jsonl", corpus())


# -- local engine -------------------------------------------------------------------------


def test_local_matches_geoparser_per_document(small: Path, tmp_path: Path):
    from deploymap.extract.toponyms import Geoparser

    out = tmp_path / "out.jsonl"
    result = run_batch([small], out, job="geoparse", chunk_size=7)
    assert (result.documents, result.skipped) == (40, 0)
    gp = Geoparser(demonyms="adjectives")
    got = [json.loads(line) for line in lines(out)]
    assert [g["id"] for g in got] == [d["id"] for d in corpus()]  # input order
    for g, doc in zip(got, corpus(), strict=True):
        want = [(t.start, t.end, t.text, t.id) for t in gp.parse(doc["text"])]
        assert [(t["start"], t["end"], t["name"], t["id"]) for t in g["toponyms"]] == want
    assert any(g["toponyms"] for g in got)


def test_local_output_is_what_geoparse_jsonl_writes(small: Path, tmp_path: Path):
    from deploymap.extract.toponyms import geoparse_jsonl

    geoparse_jsonl([str(small)], str(tmp_path / "ref.jsonl"))
    run_batch([small], tmp_path / "out.jsonl")
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "ref.jsonl").read_bytes()


def test_local_builds_the_engine_once_and_streams(small: Path, tmp_path: Path, monkeypatch):
    built = []
    real = batch._build_engine
    monkeypatch.setattr(
        batch, "_build_engine", lambda job, *rest: built.append(job) or real(job, *rest)
    )
    run_batch([small], tmp_path / "out.jsonl", chunk_size=3)  # 14 chunks
    assert built == ["geoparse"]

    # chunks are pulled lazily: an endless stream still yields its first chunk
    def endless():
        i = 0
        while True:
            i += 1
            yield batch._Item("x.jsonl", i, b"{}", None, "x")

    first = next(batch._chunks(endless(), 5))
    assert [it.line for it in first] == [1, 2, 3, 4, 5]


def test_malformed_line_is_reported_and_skipped(tmp_path: Path, capsys):
    docs = corpus(3)
    src = tmp_path / "bad.jsonl"
    src.write_text(
        json.dumps(docs[0]) + "\n"
        "{not json\n"
        "\n"  # blank lines are not documents
         + json.dumps({"id": "no-text"}) + "\n" + json.dumps(docs[1]) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = run_batch([src], out)
    err = capsys.readouterr().err
    assert f"{src}:2: skipped:" in err
    assert f"{src}:4: skipped:" in err and '"text" string' in err
    assert (result.documents, result.skipped, result.ok) == (2, 2, False)
    assert [json.loads(x)["id"] for x in lines(out)] == [docs[0]["id"], docs[1]["id"]]


def test_cli_malformed_line_ends_non_zero_with_good_lines_written(tmp_path: Path):
    docs = corpus(2)
    src = tmp_path / "bad.jsonl"
    src.write_text(f"{json.dumps(docs[0])}\n[1, 2]\n{json.dumps(docs[1])}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = subprocess.run(
        [sys.executable, "-m", "deploymap", "geoparse", str(src), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2
    assert "bad.jsonl:2: skipped" in r.stderr
    assert "Traceback" not in r.stderr
    assert len(lines(out)) == 2


def test_folder_of_txt_glob_and_gzip(tmp_path: Path):
    folder = tmp_path / "articles"
    (folder / "2024").mkdir(parents=True)
    for i, doc in enumerate(corpus(4)):
        sub = folder / "2024" if i % 2 else folder
        (sub / f"a{i}.txt").write_text(doc["text"], encoding="utf-8")
    (folder / "notes.md").write_text("Not a .txt file: Paris.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_batch([folder], out).documents == 4
    assert [json.loads(x)["id"] for x in lines(out)] == ["2024/a1", "2024/a3", "a0", "a2"]

    gz = tmp_path / "more.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(d) + "\n" for d in corpus(5))
    result = run_batch([str(folder / "*.txt"), gz], out)
    assert result.documents == 2 + 5
    assert json.loads(lines(out)[-1])["id"] == "doc-004"


def test_missing_input_fails_before_writing(tmp_path: Path, small: Path):
    from deploymap.errors import InputError

    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    with pytest.raises(InputError, match="no such file"):
        run_batch([small, tmp_path / "missing.jsonl"], out)
    with pytest.raises(InputError, match="no file matches"):
        run_batch([str(tmp_path / "*.nothing")], out)
    assert out.read_text() == "previous\n"


def test_failed_run_leaves_no_partial_output(tmp_path: Path, small: Path, monkeypatch):
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    calls = []

    def failing(engine, job, items, date, *rest):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real(engine, job, items, date, *rest)

    real = batch._process
    monkeypatch.setattr(batch, "_process", failing)
    with pytest.raises(RuntimeError):
        run_batch([small], out, chunk_size=10)
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.jsonl", "out.jsonl"]


def test_extract_job_writes_one_story_per_line_without_text(tmp_path: Path):
    src = tmp_path / "stories.jsonl"
    text = (EXAMPLES / "kfor-command-2023.txt").read_text(encoding="utf-8")
    write_jsonl(src, [{"id": "kfor", "text": text, "url": "https://example.org/kfor"}])
    out = tmp_path / "out.jsonl"
    assert run_batch([src], out, job="extract").documents == 1
    (rec,) = [json.loads(x) for x in lines(out)]
    assert rec["id"] == "kfor" and "text" not in rec
    assert rec["missions"][0]["id"] == "KFOR"
    assert rec["sources"] == ["https://example.org/kfor"]
    from deploymap.read import read_text

    story = read_text(text, source="https://example.org/kfor")
    assert rec == {"id": "kfor", **json.loads(json.dumps(story.to_dict()))}

    # a folder of text files: each file's path names its source, as for one file
    run_batch([EXAMPLES], out, job="extract")
    recs = [json.loads(x) for x in lines(out)]
    assert [r["sources"] for r in recs] == [[str(p)] for p in sorted(EXAMPLES.glob("*.txt"))]


def test_cli_extract_single_file_keeps_printing_one_story(tmp_path: Path):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "deploymap",
            "extract",
            str(EXAMPLES / "kfor-command-2023.txt"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    story = json.loads(r.stdout)
    assert story["missions"][0]["id"] == "KFOR" and "id" not in story


def test_import_batch_is_light():
    code = (
        "import sys, deploymap.batch, deploymap.aggregate; "
        "print([m for m in ('dask', 'distributed', 'tqdm', 'folium') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("module", [batch, aggregate])
def test_docstring_examples(module, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failed == 0


# -- dask engine --------------------------------------------------------------------------


@pytest.mark.slow
def test_dask_local_cluster_takes_a_free_loopback_port(small: Path, tmp_path: Path):
    # another program (or another run) holding the scheduler's usual HTTP port
    # neither fails the run nor warns about it
    pytest.importorskip("distributed")
    import socket
    import warnings

    with socket.socket() as held:
        try:
            held.bind(("127.0.0.1", 8787))
        except OSError:
            pytest.skip("port 8787 is in use already")
        held.listen()
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*already in use.*")
            result = run_batch([small], tmp_path / "out.jsonl", engine="dask", workers=1)
    assert result.documents == 40


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_lines(small: Path, tmp_path: Path):
    pytest.importorskip("distributed")
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch([small], local, chunk_size=5)
    result = run_batch([small], dask, engine="dask", workers=2, chunk_size=5)
    assert (result.documents, result.skipped) == (40, 0)
    assert sorted(lines(dask)) == sorted(lines(local))
    assert dask.read_bytes() == local.read_bytes()  # input order too


@pytest.mark.slow
def test_dask_scheduler_loads_the_geoparser_once_per_worker(
    small: Path, tmp_path: Path, dask_cluster
):
    cluster, client = dask_cluster
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n' + json.dumps(corpus(1)[0]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_batch(
        [small, bad], out, engine="dask", scheduler=cluster.scheduler_address, chunk_size=4
    )
    assert (result.documents, result.skipped) == (41, 1)
    assert any(r.startswith(f"{bad}:1: skipped") for r in result.reports)
    info = client.run(lambda: batch._worker_engine.cache_info())
    # 11 chunks ran; each worker process built its geoparser at most once
    assert sum(i.hits + i.misses for i in info.values()) == 11
    assert all(i.misses <= 1 for i in info.values())
    assert all(os.getpid() != pid for pid in client.run(os.getpid).values())
    run_batch([small, bad], tmp_path / "local.jsonl")
    assert out.read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_dask_engine_refuses_local_with_workers_in_cli(small: Path):
    from deploymap.cli import main

    assert main(["geoparse", str(small), "--engine", "local", "--workers", "2"]) == 2


# -- aggregation --------------------------------------------------------------------------


def _ev(text: str, source: str = "", date: str = "") -> Evidence:
    return Evidence(0, len(text), text, source, date)


def _place(pid: str, name: str) -> Toponym:
    return Toponym(0, len(name), name, name, "city", "XKX", 42.0, 21.0, pid)


def _kfor():
    from deploymap.gazetteer.missions import MissionCatalogue

    return MissionCatalogue().get("KFOR")


def test_merge_latest_dated_figure_wins_and_every_source_is_kept():
    kfor = _kfor()
    older = Story(
        title="Old",
        date="2022-05-01",
        sources=("old.txt",),
        places=(_place("geonames:1", "Pristina"),),
        missions=(MissionMention(kfor, 0, 4, "KFOR", troops=3700, peak=50000),),
        deployments=(
            Deployment("TUR", "KFOR", troops=400, date="2022-05-01", evidence=(_ev("400"),)),
            Deployment("ITA", "KFOR", troops=700, date="2022-05-01", role="lead nation"),
        ),
        events=(Event("handover", "KFOR", "2022-04-01", ("ITA", "HUN"), (_ev("to Italy"),)),),
    )
    newer = Story(
        title="New",
        date="2023-10-05",
        sources=("new.txt",),
        places=(_place("geonames:1", "Pristina"), _place("geonames:2", "Zvecan")),
        missions=(MissionMention(kfor, 0, 4, "KFOR", troops=3500),),
        deployments=(
            Deployment(
                "TUR",
                "KFOR",
                troops=600,
                date="2023-10-05",
                role="lead nation",
                evidence=(_ev("600", "new.txt", "2023-10-05"),),
            ),
            Deployment("ITA", "KFOR", troops=None, date="2023-10-05"),
        ),
        events=(Event("handover", "KFOR", "2022-04-01", ("ITA", "HUN"), (_ev("Italy leads"),)),),
    )
    undated = Story(
        sources=("undated.txt",),
        deployments=(Deployment("TUR", "KFOR", troops=9999),),
    )
    merged = aggregate.merge_stories([newer, undated, older])
    assert merged.date == "2023-10-05" and merged.title == "New" and merged.text == ""
    assert merged.sources == ("undated.txt", "old.txt", "new.txt")
    assert [p.id for p in merged.places] == ["geonames:1", "geonames:2"]
    (m,) = merged.missions
    assert (m.troops, m.peak) == (3500, 50000)
    by = {d.contributor: d for d in merged.deployments}
    # the latest dated figure wins; the undated 9999 loses to both dated ones
    assert (by["TUR"].troops, by["TUR"].date, by["TUR"].role) == (600, "2023-10-05", "lead nation")
    # a newer article without a figure keeps the older figure, with its date
    assert (by["ITA"].troops, by["ITA"].date, by["ITA"].role) == (700, "2022-05-01", "contributor")
    # older evidence is kept, stamped with its article's source and date
    assert [(e.text, e.source, e.date) for e in by["TUR"].evidence] == [
        ("400", "old.txt", "2022-05-01"),
        ("600", "new.txt", "2023-10-05"),
    ]
    (event,) = merged.events
    assert [e.source for e in event.evidence] == ["old.txt", "new.txt"]


def test_timeline_gives_one_frame_per_article_date():
    a = Story(date="2023-01-10", deployments=(Deployment("TUR", "KFOR", troops=400),))
    b = Story(date="2023-10-05", deployments=(Deployment("TUR", "KFOR", troops=600),))
    c = Story(deployments=(Deployment("HUN", "KFOR", troops=300),))
    frames = aggregate.timeline([b, c, a])
    assert [d for d, _ in frames] == ["2023-01-10", "2023-10-05"]
    assert [sorted((d.contributor, d.troops) for d in s.deployments) for _, s in frames] == [
        [("HUN", 300), ("TUR", 400)],
        [("HUN", 300), ("TUR", 600)],
    ]
    assert aggregate.merge_stories([]) == Story()


def test_merge_real_articles():
    from deploymap.read import read_text

    stories = [
        read_text(p.read_text(encoding="utf-8"), source=p.name)
        for p in sorted(EXAMPLES.glob("*.txt"))
    ]
    merged = aggregate.merge_stories(stories)
    assert set(merged.sources) == {p.name for p in EXAMPLES.glob("*.txt")}
    assert {m.mission.id for m in merged.missions} >= {"KFOR", "UNDOF"}
    assert len({p.id for p in merged.places}) == len(merged.places)
    for d in merged.deployments:
        assert all(e.source and e.date for e in d.evidence)


def test_stories_round_trip_through_batch_output(tmp_path: Path):
    from deploymap.gazetteer.missions import MissionCatalogue
    from deploymap.read import read_text

    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))}
    for name, text in texts.items():
        story = read_text(text, source=name)
        again = aggregate.story_from_dict(json.loads(json.dumps(story.to_dict())))
        assert again.to_dict() == story.to_dict()
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": k, "text": t} for k, t in texts.items()])
    run_batch([src], tmp_path / "stories.jsonl", job="extract")
    stories = list(aggregate.read_stories(tmp_path / "stories.jsonl", MissionCatalogue()))
    assert [s.sources for s in stories] == [(k,) for k in texts]
    kfor = next(m for s in stories for m in s.missions if m.mission.id == "KFOR")
    assert kfor.mission.area  # the catalogue's full record, not just the JSON fields
    merged = aggregate.merge_stories(stories)
    # sources come oldest article first
    assert merged.sources == tuple(s.sources[0] for s in sorted(stories, key=lambda s: s.date))
