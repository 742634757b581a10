"""Unit symbols in a real browser, network off: the symbols show, are images of SVG, and
the markers stay reachable by keyboard with their text alternative."""

from __future__ import annotations

import pytest

from tests.mapping.test_browser import Page, browser  # noqa: F401  (the fixture)
from tests.mapping.test_unit_symbols import _document_story, _front

pytestmark = pytest.mark.browser


def test_offline_map_shows_unit_symbols(browser, render, tmp_path):  # noqa: F811
    from deploymap.tables import read_table

    table = read_table(
        _front(
            tmp_path,
            [
                "MINUSCA,2021,Central African Republic,Bangui,4.3612,18.5550,0,400,0,3,0,1,1,0,400",
                "MINUSCA,2021,Central African Republic,Bria,6.5423,21.9862,650,650,0,0,0,0,0,0,650",
                "MINUSCA,2021,Central African Republic,Kaga,7.0,19.2,0,200,0,0,0,0,0,0,200",
            ],
        )
    )
    path = tmp_path / "units.html"
    path.write_text(render(table, offline=True), encoding="utf-8")
    page = Page(browser, path)
    try:
        markers = ".leaflet-dm-force-pane .dm-unit"
        assert page.count(markers) == 2  # Bangui, Bria
        assert page.count(".leaflet-dm-force-pane path.leaflet-interactive") == 1  # Kaga's circle
        # each symbol is an SVG image, and it decodes
        info = page.page.evaluate(
            """async () => {
              const out = [];
              for (const n of document.querySelectorAll('.dm-units .dm-sym')) {
                const bg = getComputedStyle(n).backgroundImage;
                const uri = bg.slice(5, -2);
                const img = new Image();
                img.src = uri;
                await img.decode();
                out.push([uri.slice(0, 26), img.naturalWidth, n.offsetWidth]);
              }
              return out;
            }"""
        )
        assert len(info) == 4  # HQ, medical, aviation at Bangui; infantry at Bria
        for head, natural, shown in info:
            assert head == "data:image/svg+xml;base64," and natural > 10 and shown > 10
        assert page.count("img") == 0  # symbols are background images: no <img> at all
        # keyboard: Tab reaches the marker, which says what it shows; Enter opens its popup
        bria = page.page.locator(markers)
        labels = [bria.nth(i).get_attribute("aria-label") for i in range(bria.count())]
        assert any("Infantry battalion" in (a or "") for a in labels)
        assert all(bria.nth(i).get_attribute("tabindex") == "0" for i in range(bria.count()))
        target = bria.nth(next(i for i, a in enumerate(labels) if "Infantry battalion" in a))
        target.focus()
        page.page.keyboard.press("Enter")
        page.page.wait_for_timeout(200)
        popup = page.page.inner_text(".leaflet-popup-content")
        assert "Infantry battalion (650 troops)" in popup
        # the legend says each symbol in words
        legend = page.page.inner_text(".dm-legend")
        for words in ("Headquarters", "Medical unit", "Aviation unit", "Infantry battalion"):
            assert words in legend
        assert page.errors == [] and page.external == [] and page.dialogs == []
    finally:
        page.close()


def test_unit_label_beside_the_symbol(browser, render, tmp_path):  # noqa: F811
    from deploymap.model import Unit

    story = _document_story("Malakal", (Unit("engineer", "company", 1),))
    path = tmp_path / "label.html"
    path.write_text(render(story, offline=True), encoding="utf-8")
    page = Page(browser, path)
    try:
        assert page.count(".leaflet-dm-force-pane .dm-unit") == 1
        labels = page.page.evaluate(
            "[...document.querySelectorAll('.dm-lbl')].map(n => n.textContent)"
        )
        assert "Ghana 850 · Nepal 150" in labels
        box = page.page.evaluate(
            """() => {
              const u = document.querySelector('.dm-unit').getBoundingClientRect();
              const l = [...document.querySelectorAll('.dm-lbl')]
                .find(n => n.textContent === 'Ghana 850 · Nepal 150').getBoundingClientRect();
              return [u.right, l.left, Math.abs((u.top + u.bottom) / 2 - (l.top + l.bottom) / 2)];
            }"""
        )
        right, left, dy = box
        assert left >= right - 1 and dy < 20  # beside it, to the right, not over it
        assert page.errors == [] and page.external == []
    finally:
        page.close()
