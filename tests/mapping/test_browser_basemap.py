"""The offline basemap's detail and the map's corners, in headless Chromium at
1280x800 and 390x844: the attribution never covers the scale bar, town labels
give way to the story's labels and leave the world view."""

from __future__ import annotations

import pytest

from tests.mapping.conftest import DATA, EXAMPLE
from tests.mapping.test_browser import browser  # noqa: F401  (the same headless Chromium)
from tests.mapping.test_browser_views import SIZES, _labels, _meets, _open, _overlaps, _rect, _shot

pytestmark = pytest.mark.browser

SOUTH_SUDAN = DATA / "south-sudan-floods.txt"


@pytest.fixture(scope="module")
def maps(tmp_path_factory, reader, render):
    folder = tmp_path_factory.mktemp("basemap")
    out = {}
    for name, src in (("kfor", EXAMPLE), ("ssd", SOUTH_SUDAN)):
        story = reader.read(src.read_text(encoding="utf-8"), source=str(src))
        path = folder / f"{name}.html"
        path.write_text(render(story, offline=True), encoding="utf-8")
        out[name] = path
    return out


def _town_labels(page) -> list[str]:
    return page.page.evaluate(
        """() => [...document.querySelectorAll('.dm-lbl-p0')]
             .filter(n => getComputedStyle(n).visibility !== 'hidden')
             .filter(n => { const r = n.getBoundingClientRect();
                            return r.right > 0 && r.left < innerWidth
                                   && r.bottom > 0 && r.top < innerHeight; })
             .map(n => n.textContent)"""
    )


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("story", ["kfor", "ssd"])
def test_attribution_never_covers_the_scale_bar(browser, maps, story, size):  # noqa: F811
    path = maps[story]
    page = _open(browser, path, SIZES[size])
    try:
        attribution = _rect(page, ".leaflet-control-attribution")
        scale = _rect(page, ".leaflet-control-scale")
        assert attribution and scale
        assert not _meets(attribution, scale), (attribution, scale)
        _shot(page, path, f"{story}-corners-{size}")
    finally:
        page.page.close()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("story", ["kfor", "ssd"])
def test_town_labels_show_at_the_host_zoom_and_give_way(browser, maps, story, size):  # noqa: F811
    path = maps[story]
    page = _open(browser, path, SIZES[size])
    try:
        towns = _town_labels(page)
        assert len(towns) >= 3, towns  # the basemap is not empty at the host's zoom
        assert _overlaps(_labels(page)) == []  # story labels and town labels alike
        # every story label is shown: none was hidden for a town
        hidden_story = page.page.evaluate(
            """() => [...document.querySelectorAll('.dm-lbl:not(.dm-lbl-p0)')]
                 .filter(n => n.classList.contains('dm-lbl-hidden'))
                 .filter(n => { const r = n.getBoundingClientRect();
                                return r.left > 60 && r.right < innerWidth - 60
                                       && r.top > 60 && r.bottom < innerHeight - 60; })
                 .map(n => n.textContent)"""
        )
        before = set(hidden_story)
        page.page.evaluate(
            """() => [...document.querySelectorAll('.leaflet-control-layers label')]
                 .find(l => l.textContent.trim() === 'Rivers, admin-1, towns')
                 .querySelector('input').click()"""
        )
        page.page.wait_for_timeout(300)
        assert _town_labels(page) == []
        # with the detail layer off, no more story labels show: towns never took their place
        after = page.page.evaluate(
            """() => [...document.querySelectorAll('.dm-lbl:not(.dm-lbl-p0)')]
                 .filter(n => n.classList.contains('dm-lbl-hidden'))
                 .filter(n => { const r = n.getBoundingClientRect();
                                return r.left > 60 && r.right < innerWidth - 60
                                       && r.top > 60 && r.bottom < innerHeight - 60; })
                 .map(n => n.textContent)"""
        )
        assert set(after) == before
        _shot(page, path, f"{story}-towns-{size}")
    finally:
        page.page.close()


def test_town_labels_leave_the_world_view(browser, maps):  # noqa: F811
    path = maps["ssd"]
    page = _open(browser, path, SIZES["desktop"])
    try:
        assert _town_labels(page)
        page.page.click(".dm-world")
        page.page.wait_for_timeout(400)
        assert _town_labels(page) == []
    finally:
        page.page.close()
