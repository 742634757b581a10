"""Articles as they arrive: a saved web page, a text PDF, an address fetched on request."""

from __future__ import annotations

import html
import http.server
import io
import json
import threading
import typing
from pathlib import Path

import pytest

from deploymap.cli import main
from deploymap.errors import InputError
from deploymap.inputs import detect_kind, read_article, read_article_story, sniff_kind
from deploymap.inputs.url import USER_AGENT, fetch_page
from tests.mapping.test_browser import browser  # noqa: F401  (the headless Chromium fixture)
from tests.test_story_document import ARTICLE

TITLE, *PARAGRAPHS = [p.strip() for p in ARTICLE.split("\n\n") if p.strip()]
BODY = "".join(f"<p>{html.escape(p)}</p>\n" for p in PARAGRAPHS)
# a saved news page: navigation, a script, a sidebar and a footer around the article
PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(TITLE)} | The Levant Ledger</title>
<link rel="canonical" href="https://ledger.example/2024/03/dutch-engineers">
<meta property="article:published_time" content="2024-03-12T09:00:00Z">
<script>var note = "KFOR has 9,999 troops in Kosovo";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<header><h2>The Levant Ledger</h2></header>
<main><article><h1>{html.escape(TITLE)}</h1><p class="byline">By a staff writer</p>
{BODY}</article></main>
<aside><h3>Most read</h3><ul><li>Kenya sends police to Haiti</li><li>Snow in Kabul</li></ul></aside>
<footer>2024 The Levant Ledger. All rights reserved.</footer></body></html>"""
# the same article as a printed document (a press release), its last paragraph on page 2
BREAK = '<p style="break-before: page">'
PRINTED_BODY = BODY[::-1].replace("<p>"[::-1], BREAK[::-1], 1)[::-1]
PRINTED = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(TITLE)}</title>
<style>body {{ font: 11pt serif; margin: 2cm; }} p {{ margin: 0 0 1em; }}</style></head>
<body><h1>{html.escape(TITLE)}</h1>{PRINTED_BODY}</body></html>"""


def _records(story):
    return (
        [(m.mission.id, m.troops, m.authorised, m.peak) for m in story.missions],
        [
            (d.contributor, d.mission, d.troops, d.change, d.status, d.personnel, d.role)
            for d in story.deployments
        ],
        [d.figure.text if d.figure else None for d in story.deployments],
        [(e.kind, e.actors) for e in story.events],
    )


@pytest.fixture(scope="module")
def pdf_file(browser, tmp_path_factory) -> Path:  # noqa: F811
    out = tmp_path_factory.mktemp("pdf") / "release.pdf"
    page = browser.new_page()
    page.set_content(PRINTED)
    page.pdf(path=str(out), format="A5")
    page.close()
    return out


def test_txt_html_and_pdf_give_the_same_records(tmp_path: Path, pdf_file: Path) -> None:
    txt = tmp_path / "article.txt"
    txt.write_text(ARTICLE, encoding="utf-8")
    page = tmp_path / "article.html"
    page.write_text(PAGE, encoding="utf-8")
    from_txt = read_article_story(txt)
    from_html = read_article_story(page)
    from_pdf = read_article_story(pdf_file)
    assert from_txt.deployments and from_txt.missions
    assert _records(from_html) == _records(from_txt)
    assert _records(from_pdf) == _records(from_txt)
    assert from_html.title == from_txt.title == from_pdf.title == TITLE
    assert from_html.date == from_txt.date == "2024-03-12"
    # the page's canonical address is the source, and nothing of its chrome was read
    assert from_html.sources == ("https://ledger.example/2024/03/dutch-engineers",)
    art = read_article(page)
    assert "9,999" not in art.text and "Most read" not in art.text and "Home" not in art.text


def test_pdf_evidence_names_its_page(pdf_file: Path) -> None:
    art = read_article(pdf_file)
    assert len(art.pages) == 2
    story = read_article_story(pdf_file)
    pages = {e.page for d in story.deployments for e in d.evidence}
    pages |= {d.figure.page for d in story.deployments if d.figure}
    pages |= {e.page for m in story.missions for e in (*m.evidence, m.troops_evidence) if e}
    assert pages == {1, 2}  # contributors on page 1, the mission's total on 2
    for d in story.deployments:
        for e in d.evidence:
            first = art.pages[e.page - 1]
            nxt = art.pages[e.page] if e.page < len(art.pages) else len(art.text) + 1
            assert first <= e.start < nxt
    doc = story.to_dict()
    assert all("page" in e for d in doc["deployments"] for e in d["evidence"])


def test_a_pdf_without_text_layer_is_refused_clearly(tmp_path: Path, capsys) -> None:
    from pypdf import PdfWriter

    scan = tmp_path / "scan.pdf"
    w = PdfWriter()
    w.add_blank_page(width=300, height=400)
    with scan.open("wb") as f:
        w.write(f)
    assert main(["extract", str(scan)]) == 2
    err = capsys.readouterr().err
    assert "no text layer" in err and "OCR" in err and "Traceback" not in err
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    assert main(["extract", str(broken)]) == 2
    assert "not a readable PDF" in capsys.readouterr().err


def test_html_and_pdf_on_standard_input(monkeypatch, capsys, pdf_file: Path) -> None:
    for data in (PAGE.encode(), pdf_file.read_bytes()):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
        assert main(["extract", "-"]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert {d["contributor"]: d["troops"] for d in doc["deployments"]}["GHA"] == 870


def test_kinds_are_detected_by_name_then_bytes(tmp_path: Path) -> None:
    odd = tmp_path / "saved_page"
    odd.write_text(PAGE)
    assert detect_kind(odd) == "html"
    assert detect_kind("story.json") == detect_kind("stories.jsonl.gz") == "story"
    assert sniff_kind(b"%PDF-1.4 ...") == "pdf" and sniff_kind(b"Plain words") == "text"


def test_jsonl_records_may_carry_html(tmp_path: Path) -> None:
    src = tmp_path / "pages.jsonl"
    src.write_text(json.dumps({"id": "p1", "html": PAGE}) + "\n", encoding="utf-8")
    out = tmp_path / "stories.jsonl"
    assert main(["extract", str(src), "-o", str(out)]) == 0
    (doc,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert doc["title"] == TITLE and doc["date"] == "2024-03-12"
    assert {d["contributor"]: d["troops"] for d in doc["deployments"]}["GHA"] == 870


# -- addresses: only with --fetch, tested against a server on 127.0.0.1 -------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: typing.ClassVar[list[dict]] = []

    def do_GET(self) -> None:
        type(self).seen.append({"path": self.path, "agent": self.headers.get("User-Agent")})
        if self.path == "/big":
            body, ctype = b"x" * 5000, "text/html"
        elif self.path == "/missing":
            self.send_error(404, "Not Found")
            return
        else:
            body, ctype = PAGE.encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def server(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _Handler.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_address_is_fetched_only_with_fetch(server: str, capsys) -> None:
    url = f"{server}/news/dutch-engineers"
    assert main(["extract", url]) == 2
    assert "--fetch" in capsys.readouterr().err
    assert _Handler.seen == []  # nothing was sent
    assert main(["extract", "--fetch", url]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {d["contributor"]: d["troops"] for d in doc["deployments"]}["GHA"] == 870
    assert doc["sources"] == ["https://ledger.example/2024/03/dutch-engineers"]
    assert _Handler.seen == [{"path": "/news/dutch-engineers", "agent": USER_AGENT}]
    # a second run reads the page from the cache
    assert main(["extract", "--fetch", url]) == 0
    assert len(_Handler.seen) == 1


def test_fetch_limits_and_errors(server: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="more than the 1,000 allowed"):
        fetch_page(f"{server}/big", max_bytes=1000, cache=False)
    with pytest.raises(InputError, match="answered 404"):
        fetch_page(f"{server}/missing", cache=False)
    with pytest.raises(InputError, match="only http"):
        fetch_page("file:///etc/passwd", cache=False)
    from deploymap.errors import GeocoderUnavailable

    with pytest.raises(GeocoderUnavailable):
        fetch_page("http://127.0.0.1:9/", cache=False, timeout=2)
