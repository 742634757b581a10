"""A Story shown inline (Jupyter's ``_repr_html_``) loads in headless Chromium with the network off
when the ``offline`` option is on, and reaches for the CDN when it is not."""

from __future__ import annotations

import pytest

from deploymap import options as opts
from tests.mapping import test_browser
from tests.mapping.test_browser import Page

browser = test_browser.browser  # the headless Chromium fixture, shared

pytestmark = pytest.mark.browser

# the inline map is a page inside an iframe's srcdoc: wait for that page's Leaflet
FRAME_READY = (
    "(() => { const f = document.querySelector('iframe');"
    " return f && f.contentWindow && f.contentWindow.L"
    " && f.contentDocument.querySelector('.leaflet-container'); })()"
)


def _notebook_page(tmp_path, html: str):
    # what a notebook front end does with a text/html output: put it in the page
    path = tmp_path / "notebook.html"
    page = f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{html}</body></html>"
    path.write_text(page, encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["set_option", "to_map(offline=True)"])
def test_inline_map_with_the_offline_option_loads_with_the_network_off(
    browser,
    kfor_story,
    tmp_path,
    monkeypatch,
    how,
):
    monkeypatch.setattr(opts, "_current", None)
    if how == "set_option":
        opts.set_option("offline", True)
        html = kfor_story._repr_html_()
    else:
        html = kfor_story.to_map(offline=True)._repr_html_()
    page = Page(browser, _notebook_page(tmp_path, html), ready=FRAME_READY)
    try:
        frame = page.page.frames[1]
        assert frame.evaluate("L.version") == "1.9.3"
        assert (
            frame.evaluate("document.querySelectorAll('.leaflet-dm-basemap-pane path').length")
            > 150
        )
        force = ".leaflet-dm-force-pane path.leaflet-interactive"
        assert frame.evaluate(f"document.querySelectorAll({force!r}).length") == 1
        assert frame.evaluate("document.querySelectorAll('.leaflet-tile').length") == 0
        assert page.external == [] and page.errors == [] and page.dialogs == []
    finally:
        page.close()


def test_inline_map_without_the_option_needs_the_network(
    browser, kfor_story, tmp_path, monkeypatch
):
    monkeypatch.delenv("DEPLOYMAP_OFFLINE", raising=False)
    monkeypatch.setattr(opts, "_current", None)
    path = _notebook_page(tmp_path, kfor_story._repr_html_())
    page = Page(browser, path, ready="document.querySelector('iframe')")
    try:
        page.page.wait_for_timeout(500)
        # the CDN is out of reach, so Leaflet never arrives: the blank cell of an air-gapped Jupyter
        assert any("leaflet" in url for url in page.external)
        assert page.page.frames[1].evaluate("typeof window.L") == "undefined"
    finally:
        page.close()
