"""The review page in headless Chromium with the network off: load, correct a figure,
reject a record, add a missed figure by selecting it, save; the saved Story document
validates and ``deploymap map`` draws the corrections.  Also: clicks between rows and
spans, injection payloads shown as text, and the layout at 1280x800 and 390x844
(screenshots in the test's folder, and in ``$DEPLOYMAP_SHOTS`` when set)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from deploymap.cli import main
from tests.mapping.conftest import call_args
from tests.mapping.test_browser import Page

pytestmark = pytest.mark.browser

ARTICLE = Path(__file__).resolve().parent / "data" / "unifil-rotation.txt"
READY = "window.deploymapReview && document.querySelector('tr.dm-row')"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _page(context, path: Path) -> Page:
    page = Page(context, path, ready=READY)
    frame = page.page.frames[-1]
    assert frame is not page.page.main_frame, "no map frame"
    # selector waits, not wait_for_function: the page's CSP forbids the eval that polls a
    # string predicate (it only fails when the predicate is not true at the first check)
    frame.wait_for_selector(".leaflet-container", state="attached")
    assert frame.evaluate("() => !!window.L"), "Leaflet did not load in the map frame"
    return page


@pytest.fixture(scope="module")
def story(reader):
    return reader.read(ARTICLE.read_text(encoding="utf-8"), source=ARTICLE.name)


@pytest.fixture(scope="module")
def review_file(tmp_path_factory, story, gaz, catalogue):
    from deploymap.review import review_html

    path = tmp_path_factory.mktemp("review") / "review.html"
    review_html(story, path, gazetteer=gaz, catalogue=catalogue, name=ARTICLE.name)
    return path


def _row(page: Page, kind: str, contributor_or_name: str):
    """The row of a section whose second cell starts with *contributor_or_name*."""
    rows = page.page.locator(f"table[data-kind={kind}] tr.dm-row")
    return rows.filter(has=page.page.locator("td:nth-child(2)", has_text=contributor_or_name))


def _dblclick_word(page: Page, word: str) -> None:
    """Double-click *word* in the article, as a reader selects a number."""
    box = page.page.evaluate(
        r"""(word) => {
          const art = document.getElementById('dm-article');
          const walk = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
          for (let n; (n = walk.nextNode()); ) {
            const i = n.data.search(new RegExp('\\b' + word + '\\b'));
            if (i < 0) continue;
            const r = document.createRange();
            r.setStart(n, i); r.setEnd(n, i + word.length);
            const b = r.getBoundingClientRect();
            return {x: b.x + b.width / 2, y: b.y + b.height / 2};
          }
        }""",
        word,
    )
    assert box, f"{word!r} is not in the article"
    page.page.mouse.dblclick(box["x"], box["y"])
    page.page.wait_for_selector("#dm-add:not([disabled])", state="attached")


def _save(page: Page, folder: Path) -> dict:
    with page.page.expect_download() as download:
        page.page.click("#dm-save")
    target = folder / download.value.suggested_filename
    download.value.save_as(target)
    return json.loads(target.read_text(encoding="utf-8"))


def test_loads_offline_with_flagged_records_first(browser, review_file):
    page = _page(browser, review_file)
    try:
        assert page.errors == [] and page.external == [] and page.dialogs == []
        kinds = page.page.eval_on_selector_all(
            "#dm-article .dm-mark", "els => [...new Set(els.flatMap(e => [...e.classList]))]"
        )
        for kind in ("dm-place", "dm-contributor", "dm-mission", "dm-figure"):
            assert kind in kinds, f"no {kind} highlight"
        # the contingent read without a figure has a low confidence: flagged, listed first
        first = page.page.locator("table[data-kind=deployment] tr.dm-row").first
        assert "Malaysia" in first.inner_text()
        assert first.locator("td.dm-flag").inner_text() == "⚑"
        assert "1 flagged" in page.page.inner_text("#dm-summary")
        # the map frame is the offline map, drawn
        frame = page.page.frames[-1]
        assert frame.evaluate("document.querySelectorAll('.leaflet-interactive').length") > 0
    finally:
        page.close()


def test_row_and_span_lead_to_each_other(browser, review_file):
    page = _page(browser, review_file)
    try:
        row = _row(page, "deployment", "Indonesia")
        row.click()
        current = page.page.eval_on_selector_all(
            "#dm-article .dm-current.dm-figure", "els => els.map(e => e.textContent).join('')"
        )
        assert current == "about 1,200"
        assert page.page.locator("#dm-article .dm-flash").count() > 0
        # the reverse: the country's name in the text leads to its rows
        mark = page.page.locator("#dm-article .dm-contributor", has_text="Indonesia").first
        page.page.click("#dm-records-h")  # clear
        mark.click()
        assert "dm-current" in (row.get_attribute("class") or "")
        focused = page.page.evaluate("document.activeElement.closest('tr')?.dataset.key")
        assert focused == row.get_attribute("data-key")
    finally:
        page.close()


def test_correct_reject_add_save_and_map(browser, review_file, tmp_path, monkeypatch, capsys):
    page = _page(browser, review_file)
    p = page.page
    try:
        # correct a figure with the keyboard: the row, C, Tab to troops, type, Enter
        row = _row(page, "deployment", "Indonesia")
        row.focus()
        p.keyboard.press("c")
        p.keyboard.press("Tab")
        p.keyboard.press("Control+A")
        p.keyboard.type("1,250")
        p.keyboard.press("Enter")
        assert row.get_attribute("data-state") == "corrected"
        assert "1,250" in row.inner_text()
        # a number that is not one is refused, and nothing changes
        ghana = _row(page, "deployment", "Ghana")
        ghana.locator("button", has_text="Correct").click()
        ghana.locator("input[data-field=troops]").fill("many")
        ghana.locator("input[data-field=troops]").press("Enter")
        assert "expected a whole number" in p.inner_text("#dm-summary")
        ghana.locator("input[data-field=troops]").press("Escape")
        assert ghana.get_attribute("data-state") == "open" and "870" in ghana.inner_text()
        # reject the contingent read without a figure
        malaysia = _row(page, "deployment", "Malaysia")
        malaysia.locator("button", has_text="Reject").click()
        assert malaysia.get_attribute("data-state") == "rejected"
        # add the figure the extractor missed: double-click it in the text
        _dblclick_word(page, "140")
        p.click("#dm-add")
        assert p.input_value("#dm-add-troops") == "140"
        assert p.inner_text("#dm-add-quote") == "140"
        p.select_option("#dm-add-contributor", "MYS")
        p.click("#dm-addform button[type=submit]")
        added = p.locator("table[data-kind=deployment] tr.dm-row[data-state=added]")
        assert added.count() == 1 and "Malaysia" in added.inner_text()
        assert "140" in p.eval_on_selector_all(
            "#dm-article .dm-figure", "els => els.map(e => e.textContent)"
        )
        assert page.errors == [] and page.external == []
        doc = _save(page, tmp_path)
    finally:
        page.close()

    import jsonschema

    from deploymap.inputs.story import document_problems, story_schema

    jsonschema.Draft202012Validator(story_schema()).validate(doc)
    assert document_problems(doc) == []
    got = {(d["contributor"], d["troops"]) for d in doc["deployments"]}
    assert got == {("GHA", 870), ("IDN", 1250), ("MYS", 140)}
    (mys,) = [d for d in doc["deployments"] if d["contributor"] == "MYS"]
    text = doc["text"]
    assert text[mys["figure"]["start"] : mys["figure"]["end"]] == "140"
    (sentence,) = mys["evidence"]
    assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    assert sentence["text"].startswith("A rotation flight") and sentence["text"].endswith(".")
    (idn,) = [d for d in doc["deployments"] if d["contributor"] == "IDN"]
    assert idn["evidence"] and idn["figure"]["text"] == "about 1,200"  # evidence kept

    # deploymap map draws the saved document, with the corrections
    monkeypatch.chdir(tmp_path)
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["map", str(saved), "--offline", "-o", "m.html"]) == 0, capsys.readouterr().err
    (table,) = call_args((tmp_path / "m.html").read_text(encoding="utf-8"), "table")
    (contributors,) = [s for s in table["sections"] if s["title"] == "Contributors and figures"]
    rows = {r[0]: r[2] for r in contributors["rows"]}
    assert rows == {"Ghana": "870", "Indonesia": "1,250", "Malaysia": "140"}


def test_rejecting_a_mission_drops_its_records(browser, review_file, tmp_path):
    page = _page(browser, review_file)
    try:
        mission = page.page.locator("table[data-kind=mission] tr.dm-row").first
        mission.focus()
        page.page.keyboard.press("r")
        assert mission.get_attribute("data-state") == "rejected"
        assert "rejected with its mission" in _row(page, "deployment", "Ghana").inner_text()
        doc = _save(page, tmp_path)
    finally:
        page.close()
    from deploymap.inputs.story import document_problems

    assert doc["missions"] == [] and doc["deployments"] == []
    assert document_problems(doc) == []
    assert doc["places"], "places are not the mission's records"


@pytest.fixture
def injected(tmp_path, gaz, catalogue):
    from deploymap.read import read_text
    from deploymap.review import review_html
    from tests.test_injection import PAYLOAD, _sentence

    story = read_text(_sentence(PAYLOAD), title=PAYLOAD, source=PAYLOAD)
    path = tmp_path / "review.html"
    review_html(story, path, gazetteer=gaz, catalogue=catalogue)
    return path, story


def test_payloads_show_literally_and_run_nothing(browser, injected, tmp_path):
    from tests.test_injection import PAYLOAD

    path, story = injected
    html = path.read_text(encoding="utf-8")
    outside_data = html.split('<script type="application/json"')[0]
    assert "<img src=x" not in outside_data and "<script>document" not in outside_data
    page = _page(browser, path)
    try:
        p = page.page
        assert p.title() == "Review: " + PAYLOAD
        assert p.inner_text("#dm-title") == PAYLOAD
        assert p.evaluate("document.getElementById('dm-article').textContent") == story.text
        assert p.locator("#dm-article img, #dm-article script, #dm-tables img").count() == 0
        assert page.dialogs == [] and page.errors == [] and page.external == []
        # a payload that ran would have set the title to just 'PWNED'
        p.wait_for_timeout(200)
        assert p.evaluate("document.title") == "Review: " + PAYLOAD
        assert p.frames[-1].evaluate("document.title") != "PWNED"
        assert not (tmp_path / "PWNED").exists()
        # the saved document carries the text as it was
        doc = _save(page, tmp_path)
        assert doc["title"] == PAYLOAD and doc["text"] == story.text
    finally:
        page.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_layout(browser, review_file, size, tmp_path):
    viewport = DESKTOP if size == "desktop" else PHONE
    page = _page(browser, review_file)
    p = page.page
    try:
        p.set_viewport_size(viewport)
        p.wait_for_timeout(300)
        box = {
            sel: p.locator(sel).bounding_box()
            for sel in ("#dm-article", "#dm-map", "#dm-records", "#dm-save")
        }
        assert all(b and b["width"] > 0 for b in box.values()), box
        if size == "desktop":  # side by side, the whole page in the window
            assert box["#dm-article"]["x"] + box["#dm-article"]["width"] <= box["#dm-map"]["x"]
            assert p.evaluate("document.scrollingElement.scrollHeight") <= viewport["height"]
        else:  # stacked: article, map, records; nothing wider than the phone
            assert box["#dm-article"]["y"] < box["#dm-map"]["y"] < box["#dm-records"]["y"]
            assert p.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]
            assert box["#dm-map"]["height"] > 300
        # every action is a button of its own (reachable with Tab), corrections where
        # there is a number, country or status to correct
        actions = p.eval_on_selector_all(
            "tr.dm-row",
            "rows => rows.map(r => [r.closest('table').dataset.kind,"
            " [...r.querySelectorAll('button')].map(b => b.textContent).join(' ')])",
        )
        for kind, buttons in actions:
            want = "Accept Correct Reject" if kind in ("mission", "deployment") else "Accept Reject"
            assert buttons == want, (kind, buttons)
        shot = tmp_path / f"review-{size}.png"
        p.screenshot(path=str(shot), full_page=size == "phone")
        if os.environ.get("DEPLOYMAP_SHOTS"):
            shutil.copy(shot, Path(os.environ["DEPLOYMAP_SHOTS"]) / shot.name)
    finally:
        page.close()


def test_accept_with_the_keyboard(browser, review_file, tmp_path):
    page = _page(browser, review_file)
    p = page.page
    try:
        # Tab reaches the highlights; Enter on one goes to its rows
        p.focus("#dm-article")
        p.keyboard.press("Tab")
        assert p.evaluate("document.activeElement.classList.contains('dm-mark')")
        while "Malaysian" not in p.evaluate("document.activeElement.textContent"):
            p.keyboard.press("Tab")
        p.keyboard.press("Enter")
        row = _row(page, "deployment", "Malaysia")
        assert p.evaluate("document.activeElement.dataset.key") == row.get_attribute("data-key")
        p.keyboard.press("a")
        assert row.get_attribute("data-state") == "accepted"
        assert row.locator("td.dm-flag").inner_text() == ""
        assert "0 flagged" in p.inner_text("#dm-summary")
        doc = _save(page, tmp_path)
    finally:
        page.close()
    (mys,) = [d for d in doc["deployments"] if d["contributor"] == "MYS"]
    assert mys["confidence"] == 1 and mys["troops"] is None


def test_offsets_count_code_points(browser, tmp_path, gaz, catalogue):
    """Emoji and flags take two UTF-16 units in the browser and one code point in the
    document: highlights fall on their words, and an added figure's span is the
    document's (Python's) offsets."""
    from deploymap.read import read_text
    from deploymap.review import review_html

    text = (
        "Peacekeepers \U0001f642 in Lebanon\n\n\U0001f1ec\U0001f1ed Ghana keeps 120 soldiers "
        "\U0001f642 in UNIFIL, the UN force in Lebanon. A plane \U0001f600 also carried 35 "
        "medics for the Ghanaian hospital."
    )
    story = read_text(text)
    path = tmp_path / "review.html"
    review_html(story, path, gazetteer=gaz, catalogue=catalogue)
    page = _page(browser, path)
    p = page.page
    try:
        marks = p.eval_on_selector_all("#dm-article .dm-mark", "els => els.map(e => e.textContent)")
        assert set(marks) >= {"Lebanon", "Ghana", "120", "Ghanaian"}
        _dblclick_word(page, "35")
        p.click("#dm-add")
        assert p.input_value("#dm-add-contributor") == "GHA"  # the country of the sentence
        p.click("#dm-addform button[type=submit]")
        doc = _save(page, tmp_path)
    finally:
        page.close()
    added = [d for d in doc["deployments"] if d["troops"] == 35]
    (d,) = added
    assert text[d["figure"]["start"] : d["figure"]["end"]] == "35"
    (ev,) = d["evidence"]
    assert text[ev["start"] : ev["end"]] == ev["text"]
    assert ev["text"].startswith("A plane") and ev["text"].endswith("hospital.")


def test_correct_country_and_status(browser, review_file, tmp_path):
    page = _page(browser, review_file)
    try:
        key = _row(page, "deployment", "Ghana").get_attribute("data-key")
        row = page.page.locator(f"tr[data-key='{key}']")  # its name is about to change
        row.locator("button", has_text="Correct").click()
        row.locator("select[data-field=contributor]").select_option("NGA")
        row.locator("select[data-field=status]").select_option("withdrawn")
        row.locator("button", has_text="Apply").click()
        assert row.get_attribute("data-state") == "corrected"
        assert "Nigeria (NGA)" in row.inner_text() and "withdrawn" in row.inner_text()
        assert "was GHA" in (row.locator("td.dm-edited").first.get_attribute("title") or "")
        doc = _save(page, tmp_path)
    finally:
        page.close()
    from deploymap.inputs.story import document_problems

    assert document_problems(doc) == []
    assert [(d["contributor"], d["status"]) for d in doc["withdrawn"]] == [("NGA", "withdrawn")]
    assert "GHA" not in {d["contributor"] for d in doc["deployments"]}
    (moved,) = doc["withdrawn"]
    assert moved["figure"]["text"] == "870" and moved["evidence"]  # its spans are kept


def test_flagged_spans_are_marked_until_reviewed(browser, review_file):
    page = _page(browser, review_file)
    p = page.page
    try:
        low = "els => els.map(e => e.textContent)"
        assert p.eval_on_selector_all("#dm-article .dm-low", low) == ["Malaysian"]
        _row(page, "deployment", "Malaysia").locator("button", has_text="Accept").click()
        assert p.eval_on_selector_all("#dm-article .dm-low", low) == []
    finally:
        page.close()
