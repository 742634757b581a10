"""The review page without a browser: what goes into it, how it is escaped, and the
``deploymap review`` command on articles, Story documents and bad inputs."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from deploymap.cli import main
from tests.test_injection import PAYLOAD, _sentence

DATA = Path(__file__).resolve().parent / "data"
ARTICLE = DATA / "unifil-rotation.txt"


class _Parts(HTMLParser):
    """The page's scripts, styles, the map frame's srcdoc and every src/href."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.frames: list[str] = []
        self.links: list[str] = []
        self.meta: list[dict] = []
        self._in: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self._in = a
            self.scripts.append((a, ""))
        if tag == "iframe":
            self.frames.append(a.get("srcdoc") or "")
        if tag == "meta":
            self.meta.append(a)
        self.links += [v for k, v in attrs if k in ("src", "href") and v]

    def handle_data(self, data):
        if self._in is not None:
            a, text = self.scripts[-1]
            self.scripts[-1] = (a, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None


def _parts(page: str) -> _Parts:
    p = _Parts()
    p.feed(page)
    return p


def _data(page: str) -> dict:
    (data,) = [t for a, t in _parts(page).scripts if a.get("type") == "application/json"]
    return json.loads(data)


@pytest.fixture(scope="module")
def story(reader):
    return reader.read(ARTICLE.read_text(encoding="utf-8"), source=ARTICLE.name)


@pytest.fixture(scope="module")
def page(story, gaz, catalogue):
    from deploymap.review import review_html

    return review_html(story, gazetteer=gaz, catalogue=catalogue, name=str(ARTICLE))


def test_the_page_carries_the_story_document(page, story):
    data = _data(page)
    assert data["doc"] == json.loads(json.dumps(story.to_dict(text=True)))
    assert data["file"] == "unifil-rotation.story.json"
    codes = {c for c, _ in data["countries"]}
    assert {d.contributor for d in story.deployments} <= codes
    assert 0 < data["low"] < 1


def test_the_page_loads_nothing(page, gaz, catalogue, story):
    parts = _parts(page)
    assert all(x.startswith("#") for x in parts.links), "the page links only within itself"
    assert all("src" not in a for a, _ in parts.scripts)
    (csp,) = [m["content"] for m in parts.meta if m.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp
    # the frame is the offline map, byte for byte once its attribute escaping is undone
    from deploymap.mapping import map_html

    (frame,) = parts.frames
    assert frame == map_html(
        story, offline=True, title="UNIFIL", gazetteer=gaz, catalogue=catalogue
    )
    assert "<script src=" not in frame


def test_payloads_stay_data(gaz, catalogue):
    from deploymap.read import read_text
    from deploymap.review import review_html

    story = read_text(_sentence(PAYLOAD), title=PAYLOAD, source=PAYLOAD)
    page = review_html(story, gazetteer=gaz, catalogue=catalogue, name=PAYLOAD)
    data = _data(page)
    assert data["title"] == PAYLOAD and data["doc"]["text"] == story.text
    # outside the data, the payload exists only entity-escaped (the <title>, the srcdoc)
    outside = page.split('<script type="application/json"')[0]
    assert "<img src=x" not in outside and "<script>document" not in outside
    assert "</script><script>" not in page.split('id="dm-data">')[1].split("</script>")[0]
    # the review page's own script and style never hold article text
    scripts = [t for a, t in _parts(page).scripts if not a]
    assert len(scripts) == 1 and PAYLOAD not in scripts[0] and "Zvečan" not in scripts[0]


def test_review_html_takes_a_file_and_writes(tmp_path, gaz, catalogue):
    from deploymap.review import review_html

    out = tmp_path / "r.html"
    page = review_html(ARTICLE, out, gazetteer=gaz, catalogue=catalogue)
    assert out.read_text(encoding="utf-8") == page
    assert _data(page)["doc"]["missions"][0]["id"] == "UNIFIL"


def test_a_story_without_text_is_reviewable(gaz, catalogue):
    from deploymap.model import Deployment, Story
    from deploymap.review import review_html

    story = Story(deployments=(Deployment("FJI", "", troops=300),))
    data = _data(review_html(story, gazetteer=gaz, catalogue=catalogue))
    assert "text" not in data["doc"] and data["doc"]["deployments"][0]["troops"] == 300


# -- the command -------------------------------------------------------------------------------
def _run(args, capsys):
    try:
        code = main(args)
    except SystemExit as e:
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err
    return code, out, err


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_article_and_story(here, capsys):
    code, _, err = _run(["review", str(ARTICLE)], capsys)
    assert code == 0, err
    page = (here / "review.html").read_text(encoding="utf-8")
    doc = _data(page)["doc"]
    assert {d["contributor"] for d in doc["deployments"]} >= {"GHA", "IDN"}
    assert "wrote review.html" in err
    # a Story document, edited by hand, is reviewed as written
    code, _, err = _run(["extract", str(ARTICLE), "-o", "s.json"], capsys)
    assert code == 0, err
    edited = json.loads((here / "s.json").read_text(encoding="utf-8"))
    edited["deployments"][0]["troops"] = 4321
    (here / "s.json").write_text(json.dumps(edited), encoding="utf-8")
    code, _, err = _run(["review", "s.json", "-o", "s.html", "--title", "Check"], capsys)
    assert code == 0, err
    data = _data((here / "s.html").read_text(encoding="utf-8"))
    assert data["doc"]["deployments"][0]["troops"] == 4321
    assert data["title"] == "Check" and data["file"] == "s.story.json"


def test_cli_stdout(here, capsys):
    code, out, err = _run(["review", str(ARTICLE), "-o", "-"], capsys)
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>") and "standard output" in err
    assert not (here / "-").exists()


BAD = {
    "missing": (["review", "nope.txt"], "no such file"),
    "table": (["review", "t.csv"], "a table"),
    "binary": (["review", "b.txt"], "binary"),
    "invalid document": (["review", "bad.json"], "deployments[0].troops: expected"),
    "two documents": (["review", "two.json"], "holds 2 Story documents"),
    "article record": (["review", "rec.json"], "not a Story document"),
    "not html": (["review", "ok.txt", "-o", "r.png"], "-o FILE.html"),
    "address": (["review", "https://example.org/a"], "--fetch"),
    "bad date": (["review", "ok.txt", "--date", "2024-02-30"], "not a date"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_cli_refuses_bad_input_in_one_line(case, here, capsys):
    (here / "ok.txt").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (here / "t.csv").write_text("contributor,mission,troops,date\nGHA,UNIFIL,870,2024\n")
    (here / "b.txt").write_bytes(b"\x00\x01\x02binary")
    doc = {"schema": "deploymap/story/v1"}
    (here / "bad.json").write_text(
        json.dumps({**doc, "deployments": [{"contributor": "GHA", "troops": "abc"}]})
    )
    (here / "two.json").write_text(json.dumps([doc, doc]))
    (here / "rec.json").write_text(json.dumps({"text": "Ghana sends 100 soldiers."}))
    before = set(here.iterdir())
    args, words = BAD[case]
    code, out, err = _run(args, capsys)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert words in err
    assert set(here.iterdir()) == before, "nothing is written"
    assert out == ""
