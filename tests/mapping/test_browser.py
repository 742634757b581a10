"""Offline maps in a real browser: headless Chromium with the network off.

Needs Playwright for Python and a Chromium binary (Debian's ``chromium``;
Playwright's own browser download is never used).  Where either is missing the
tests skip with the reason -- unless ``DEPLOYMAP_REQUIRE_BROWSER=1`` (CI), where
that is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.mapping.conftest import SEED

pytestmark = pytest.mark.browser

REQUIRED = os.environ.get("DEPLOYMAP_REQUIRE_BROWSER") == "1"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # belt and braces: even a request that escaped the route below goes nowhere
    "--proxy-server=127.0.0.1:9",
]


def _chromium() -> str | None:
    env = os.environ.get("DEPLOYMAP_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _unavailable(reason: str):
    if REQUIRED:
        pytest.fail(f"DEPLOYMAP_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install 'deploymap[test]')")
    exe = _chromium()
    if exe is None:
        _unavailable("no Chromium found (apt-get install chromium, or set DEPLOYMAP_CHROMIUM)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        try:
            # a persistent context gives Chromium a fresh --user-data-dir of our own
            context = pw.chromium.launch_persistent_context(
                str(profile),
                executable_path=exe,
                headless=True,
                args=CHROMIUM_FLAGS,
                viewport={"width": 1280, "height": 800},
            )
        except Exception as e:  # a broken or incompatible browser: say which and why
            _unavailable(f"Chromium at {exe} did not start: {str(e).splitlines()[0]}")
        yield context
        context.close()


class Page:
    """A page that records console errors, page errors, dialogs and network attempts."""

    READY = "window.L && document.querySelector('.leaflet-container')"

    def __init__(self, context, path: Path, ready: str = READY):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.external: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri(), wait_until="load")
        self.page.wait_for_function(ready)
        self.page.wait_for_timeout(300)  # let Leaflet finish fitBounds and draw

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def count(self, selector: str) -> int:
        return int(self.page.evaluate(f"document.querySelectorAll({selector!r}).length"))

    def close(self) -> None:
        self.page.close()


def _open(browser, render, story, tmp_path, name="map.html", **kwargs) -> Page:
    path = tmp_path / name
    path.write_text(render(story, offline=True, **kwargs), encoding="utf-8")
    return Page(browser, path)


def test_offline_map_renders_with_the_network_off(browser, render, kfor_story, tmp_path):
    page = _open(browser, render, kfor_story, tmp_path)
    try:
        assert page.page.evaluate("typeof window.L === 'object' && L.version") == "1.9.3"
        assert page.count(".leaflet-container") == 1
        # host + contributor + named countries, drawn as SVG paths in their pane
        assert page.count(".leaflet-dm-countries-pane path.leaflet-interactive") >= 3
        assert page.count(".leaflet-dm-areas-pane path.leaflet-interactive") == 1  # mission area
        assert page.count(".leaflet-dm-force-pane path.leaflet-interactive") == 1  # KFOR circle
        # the flows are off until asked for
        assert page.count(".leaflet-dm-flows-pane path.leaflet-interactive") == 0
        assert page.count(".leaflet-dm-places-pane path.leaflet-interactive") >= 4
        assert page.count(".leaflet-dm-basemap-pane path") > 150  # the vector basemap
        assert page.count(".leaflet-marker-pane .dm-hq") == 1
        assert page.count(".leaflet-dm-detail-pane path") >= 1  # admin-1, rivers, towns
        # the seven story layers and the basemap's detail
        assert page.count(".leaflet-control-layers-overlays input") == 8
        page.page.get_by_label("Contributor flows").check()
        page.page.wait_for_timeout(100)
        assert page.count(".leaflet-dm-flows-pane path.leaflet-interactive") == 1
        assert "Turkey · 600" in page.page.inner_text(".leaflet-tooltip-pane")
        assert page.count(".dm-legend") == 1 and page.count(".dm-title") == 1
        assert page.count(".leaflet-tile") == 0
        assert page.errors == [] and page.external == [] and page.dialogs == []
        shot = tmp_path / "kfor-offline.png"
        page.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
    finally:
        page.close()


def test_popup_shows_the_evidence_sentence(browser, render, kfor_story, tmp_path):
    page = _open(browser, render, kfor_story, tmp_path)
    try:
        # the force circle's popup, opened the way a click would
        page.page.evaluate(
            """() => {
              const map = window[document.querySelector('.folium-map').id];
              map.eachLayer(l => { if (l.options && l.options.pane === 'dm-force'
                                       && l.getPopup && l.getPopup()) l.openPopup(); });
            }"""
        )
        text = page.page.inner_text(".leaflet-popup-content")
        assert "KFOR now numbers roughly 3,500 troops" in text
        assert "kfor-command-2023.txt" in text
        assert page.errors == []
    finally:
        page.close()


def test_hostile_article_runs_no_script(browser, render, hostile_story, tmp_path):
    page = _open(
        browser, render, hostile_story, tmp_path, title="<img src=x onerror=alert('title')>"
    )
    try:
        # open every popup and tooltip: their markup goes into the DOM
        shown = page.page.evaluate(
            """() => {
              const map = window[document.querySelector('.folium-map').id];
              const texts = [];
              map.eachLayer(l => {
                if (l.getTooltip && l.getTooltip()) { l.openTooltip(); }
                if (l.getPopup && l.getPopup()) {
                  l.openPopup();
                  texts.push(l.getPopup().getElement().innerText);
                }
              });
              return texts;
            }"""
        )
        page.page.wait_for_timeout(200)
        assert page.dialogs == []
        assert page.count("img") == 0 and page.count("body script[src]") == 0
        assert any("<script>alert(1)</script>" in t for t in shown)  # shown as text
        assert "onerror=alert('title')" in page.page.inner_text(".dm-title")
        assert page.errors == [] and page.external == []
    finally:
        page.close()


def test_seed_article_renders_host_contributor_mission_and_force(
    browser, render, seed_story, tmp_path
):
    if not SEED.is_file():
        pytest.skip("seed article not available")
    page = _open(browser, render, seed_story, tmp_path, name="seed.html")
    try:
        assert page.count(".leaflet-dm-countries-pane path.leaflet-interactive") >= 2
        assert page.count(".leaflet-dm-areas-pane path.leaflet-interactive") >= 1
        assert page.count(".leaflet-dm-force-pane path.leaflet-interactive") >= 1
        assert page.errors == [] and page.external == []
        page.page.screenshot(path=str(tmp_path / "seed-offline.png"))
    finally:
        page.close()


def test_many_force_markers_cluster_with_counts_that_add_troops(browser, render, tmp_path):
    from tests.mapping.synthetic import many_forces_story

    story = many_forces_story(2_000)
    total = sum(d.troops or 0 for d in story.deployments)
    page = _open(browser, render, story, tmp_path, name="many.html")
    try:
        assert page.count(".leaflet-dm-force-pane path") == 0  # unclustered ones on a canvas
        clusters = page.count(".dm-cluster")
        assert 0 < clusters < 200
        # every site is in view: the clusters' counts and the single sites add up to the troops
        shown = page.page.evaluate(
            """() => {
              const map = window[document.querySelector('.folium-map').id];
              let sum = 0;
              document.querySelectorAll('.dm-cluster-in').forEach(
                n => { sum += +n.textContent.replace(/,/g, ''); });
              map.eachLayer(l => {
                if (l instanceof L.CircleMarker && l._dmTroops) sum += l._dmTroops;
              });
              return sum;
            }"""
        )
        assert shown == total
        assert page.errors == []
    finally:
        page.close()


def _injection_maps(folder: Path) -> dict[str, Path]:
    """One offline map per input channel, each carrying every payload of tests/test_injection."""
    import csv

    from deploymap.cli import main
    from tests.test_injection import DATA, PAYLOAD, SHORT_PAYLOAD, _sentence

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "body.txt").write_text(_sentence(PAYLOAD) + "\n", encoding="utf-8")
    (folder / "head.txt").write_text(
        f"Handover {SHORT_PAYLOAD}\n\n{_sentence('')}\n", encoding="utf-8"
    )
    (folder / f"{SHORT_PAYLOAD}.txt").write_text(_sentence("") + "\n", encoding="utf-8")
    for name in ("deployments.csv", "geopko_front_small.csv", "geopko_tcc_small.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for row in rows:  # every located place, at every slider step
            if row.get("lat") != "":  # (a plain table's place without lat/lon is geocoded)
                row["location"] = f"{row['location']} {PAYLOAD}"
        with (folder / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    runs = {
        "body": ["body.txt"],
        "headline": ["head.txt"],
        "file name": [f"{SHORT_PAYLOAD}.txt"],
        "title": ["body.txt", "--title", PAYLOAD],
        "plain table": ["deployments.csv"],
        "geopko front": ["geopko_front_small.csv"],
        "geopko tcc": ["geopko_tcc_small.csv"],
    }
    out = {}
    for channel, args in runs.items():
        path = folder / f"{channel.replace(' ', '-')}.html"
        assert (
            main(
                [
                    "map",
                    *[str(folder / a) if a.endswith((".txt", ".csv")) else a for a in args],
                    "--offline",
                    "-o",
                    str(path),
                ]
            )
            == 0
        )
        out[channel] = path
    return out


@pytest.fixture(scope="module")
def injection_maps(tmp_path_factory):
    return _injection_maps(tmp_path_factory.mktemp("injection"))


@pytest.mark.parametrize(
    "channel",
    ["body", "headline", "file name", "title", "plain table", "geopko front", "geopko tcc"],
)
def test_injected_payloads_run_no_script(browser, injection_maps, channel):
    page = Page(browser, injection_maps[channel])
    try:
        before = page.page.title()  # the payload sets it to exactly "PWNED"
        assert before != "PWNED"
        # every slider step (or the one view), and at each every tooltip and popup opened
        shown = page.page.evaluate(
            """() => {
              const map = window[document.querySelector('.folium-map').id];
              const range = document.querySelector('.dm-time-range');
              const steps = range ? +range.max + 1 : 1;
              const texts = [];
              for (let i = 0; i < steps; i++) {
                if (range) {
                  range.value = i;
                  range.dispatchEvent(new Event('input', { bubbles: true }));
                }
                map.eachLayer(l => {
                  if (l.getTooltip && l.getTooltip()) {
                    l.openTooltip();
                    const el = l.getTooltip().getElement();
                    if (el) texts.push(el.innerText);
                  }
                  if (l.getPopup && l.getPopup()) {
                    l.openPopup();
                    texts.push(l.getPopup().getElement().innerText);
                  }
                });
              }
              texts.push(document.querySelector('.dm-title').innerText);
              const label = document.querySelector('.dm-time-text');
              if (label) texts.push(label.innerText);
              // the new channels: labels, the contributors panel, the data table
              document.querySelectorAll('.dm-lbl').forEach(n => texts.push(n.textContent));
              const panel = document.querySelector('.dm-panel');
              if (panel) { panel.open = true; texts.push(panel.innerText); }
              document.querySelector('.dm-table-open').click();
              texts.push('TABLE ' + document.querySelector('#dm-data').innerText);
              return texts;
            }"""
        )
        page.page.wait_for_timeout(300)  # let any onerror handler fire
        assert page.page.title() == before
        assert page.dialogs == [] and page.external == []
        assert page.count("img") == 0
        assert page.count("script") == page.page.evaluate(
            "document.querySelectorAll('head script, body > script').length"
        )
        # the payload is there, as text: the template syntax and the tags alike
        joined = "\n".join(shown)
        assert "{{ 7*191 }}" in joined and "<img src=x" in joined
        table = next(s for s in shown if s.startswith("TABLE "))
        if channel in ("body", "title", "plain table", "geopko front", "geopko tcc"):
            assert "{{ 7*191 }}" in table and "<img src=x" in table  # as text, in the table
        assert page.count("#dm-data img, #dm-data script, .dm-panel img, .dm-lbl img") == 0
        assert page.errors == []
    finally:
        page.close()
