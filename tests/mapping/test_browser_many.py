"""The 10,000-marker map in headless Chromium: it loads, responds, and its clusters add troops.

Bounds are generous (the machine may be shared); the benchmark
(``benchmarks/maps.py``) records the actual figures.
"""

from __future__ import annotations

import time

import pytest

from tests.mapping.conftest import point_records
from tests.mapping.synthetic import many_forces_story
from tests.mapping.test_browser import Page, browser  # noqa: F401 (the fixture)
from tests.mapping.test_many import _points_data

pytestmark = pytest.mark.browser

N = 10_000
DRAWN = f"document.querySelector('.folium-map[data-dm-drawn=\"{N}\"]')"


@pytest.fixture(scope="module")
def many_page(browser, render, tmp_path_factory):  # noqa: F811
    story = many_forces_story(N)
    html = render(story, offline=True)
    path = tmp_path_factory.mktemp("many") / "many.html"
    path.write_text(html, encoding="utf-8")
    t = time.perf_counter()
    page = Page(browser, path, ready=DRAWN)
    page.load_s = time.perf_counter() - t
    yield page, story, point_records(_points_data(html))
    page.close()


MAP = "window[document.querySelector('.folium-map').id]"


def test_10k_clusters_show_troop_sums_and_say_so(many_page):
    page, story, _ = many_page
    total = sum(d.troops or 0 for d in story.deployments)
    shown = page.page.evaluate(
        f"""() => {{
          const map = {MAP};
          let sum = 0, n = 0;
          document.querySelectorAll('.dm-cluster-in').forEach(
            c => {{ sum += +c.textContent.replace(/,/g, ''); n++; }});
          map.eachLayer(l => {{
            if (l instanceof L.CircleMarker && l._dmTroops) sum += l._dmTroops;
          }});
          const first = document.querySelector('.dm-cluster-in');
          return {{sum, n, title: first.title, aria: first.getAttribute('aria-label')}};
        }}"""
    )
    # every site is in view: the clusters' numbers and the single sites add up to the troops
    # (first, on the page as it loaded: after a zoom the old clusters fade out for a while)
    assert 0 < shown["n"] < 500
    assert shown["sum"] == total
    assert (
        "troops at" in shown["title"] and "adds their troops, not the locations" in shown["title"]
    )
    assert shown["aria"] == shown["title"]


def test_10k_markers_load_and_respond(many_page):
    page, _, _ = many_page
    assert page.load_s < 60, f"{page.load_s:.1f} s until every marker was in"
    steps = page.page.evaluate(
        f"""() => {{
          const map = {MAP};
          let t = performance.now();
          map.setZoom(map.getZoom() + 1, {{animate: false}});
          const zoom = performance.now() - t;
          t = performance.now();
          map.panBy([200, 100], {{animate: false}});
          const pan = performance.now() - t;
          map.setZoom(map.getZoom() - 1, {{animate: false}});
          map.panBy([-200, -100], {{animate: false}});
          return [zoom / 1000, pan / 1000];
        }}"""
    )
    assert max(steps) < 5, f"zoom {steps[0]:.2f} s, pan {steps[1]:.2f} s"
    assert page.errors == [] and page.external == []


def test_10k_marker_popup_and_tooltip_are_made_from_the_columns(many_page):
    page, _, records = many_page
    k = 1234
    page.page.evaluate(
        f"""(k) => {{
          const map = {MAP};
          let group = null;
          map.eachLayer(l => {{ if (l instanceof L.MarkerClusterGroup) group = l; }});
          window.dmMarker = group.getLayers().find(m => m._dmRec === k);
          // at the largest zoom no cluster is left: the marker is drawn itself
          map.setView(window.dmMarker.getLatLng(), map.getMaxZoom(), {{animate: false}});
        }}""",
        k,
    )
    page.page.wait_for_function("window.dmMarker._map", timeout=30_000)
    texts = page.page.evaluate(
        """() => {
          const marker = window.dmMarker;
          marker.openTooltip();
          const tip = marker.getTooltip().getElement().innerText;
          marker.openPopup();
          return {tip, popup: marker.getPopup().getElement().innerText};
        }"""
    )
    rec = records[k]
    assert rec["title"] in texts["tip"] and f"{rec['n']:,} troops" in texts["tip"]
    popup = texts["popup"]
    assert popup.startswith(rec["title"])
    for name, value in rec["values"].items():
        assert f"{name}\t{value}" in popup
    assert rec["evidence"][0][0] in popup and "synthetic, 2024-01-01" in popup
    assert page.errors == []
