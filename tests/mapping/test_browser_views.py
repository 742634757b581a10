"""What a reader sees, in headless Chromium at 1280x800 and at a phone's 390x844.

Three stories: the project's example (KFOR), an UNMISS-style article with
contributors on three continents, an article on a successor mission (AUSSOM
after ATMIS and AMISOM), and a Geo-PKO table over several years and missions.
Each test asserts from the DOM and the map's state: the view frames the host
and mission area within a margin, labels do not overlap, the slider moves
every layer, controls are collapsed on the phone.  Screenshots land in the
test's folder (and in ``$DEPLOYMAP_SHOTS`` when set, to look at).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import shapely

from tests.mapping.conftest import DATA, EXAMPLE, call_args, layers_of
from tests.mapping.test_browser import Page, browser  # noqa: F401  (the same headless Chromium)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
UNMISS = DATA / "unmiss-contributors.txt"
AUSSOM = DATA / "aussom-successor.txt"
FRONT = ROOT / "tests" / "data" / "geopko_front_small.csv"  # UNDOF 2022-2023, UNTAES 1996
TCC = ROOT / "tests" / "data" / "geopko_tcc_small.csv"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SIZES = {"desktop": DESKTOP, "phone": PHONE}

MAP = "window[document.querySelector('.folium-map').id]"


@pytest.fixture(scope="module")
def maps(tmp_path_factory, reader, render):
    """The offline HTML of each story, written once."""
    from deploymap.tables import read_table

    folder = tmp_path_factory.mktemp("views")
    stories = {
        "kfor": reader.read(EXAMPLE.read_text(encoding="utf-8"), source=str(EXAMPLE)),
        "unmiss": reader.read(UNMISS.read_text(encoding="utf-8"), source=str(UNMISS)),
        "aussom": reader.read(AUSSOM.read_text(encoding="utf-8"), source=str(AUSSOM)),
        "geopko": read_table(FRONT),
        "tcc": read_table(TCC),
    }
    out = {}
    for name, story in stories.items():
        html = render(story, offline=True)
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        out[name] = (path, html)
    return out


def _open(browser, path: Path, size: dict[str, int]) -> Page:  # noqa: F811
    page = Page.__new__(Page)
    page.errors, page.dialogs, page.external = [], [], []
    page.page = browser.new_page()
    page.page.set_viewport_size(size)
    page.page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.page.route("**/*", page._route)
    page.page.goto(path.as_uri(), wait_until="load")
    page.page.wait_for_function("window.L && document.querySelector('.leaflet-container')")
    page.page.wait_for_timeout(400)
    return page


def _shot(page: Page, path: Path, name: str) -> Path:
    out = path.parent / f"{name}.png"
    page.page.screenshot(path=str(out))
    if os.environ.get("DEPLOYMAP_SHOTS"):
        folder = Path(os.environ["DEPLOYMAP_SHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(out, folder / out.name)
    assert out.stat().st_size > 10_000
    return out


def _view(page: Page) -> tuple[float, float, float, float]:
    """The map's view as (west, south, east, north)."""
    b = page.page.evaluate(
        f"() => {{ const b = {MAP}.getBounds(); "
        "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"
    )
    return tuple(b)


def _focus(html: str) -> tuple[float, float, float, float]:
    """(west, south, east, north) of what the view must frame: mission areas and HQs."""
    layers = layers_of(html)
    shapes = [
        shapely.geometry.shape(f["geometry"])
        for f in layers["Mission area and HQ"].features
        if f["geometry"]
    ]
    return tuple(float(v) for v in shapely.total_bounds(shapes))


def _contains(view, box, slack: float = 0.05) -> bool:
    w, s, e, n = view
    bw, bs, be, bn = box
    return w <= bw + slack and s <= bs + slack and e >= be - slack and n >= bn - slack


def _tight(view, box) -> bool:
    """Whether *view* frames *box* with a margin, not more: on its limiting axis at most
    1.6 times the box's span (8% margins, padding and a quarter zoom step)."""
    w, s, e, n = view
    bw, bs, be, bn = box
    return min((e - w) / max(be - bw, 1e-6), (n - s) / max(bn - bs, 1e-6)) <= 1.6


def _labels(page: Page) -> list[dict]:
    return page.page.evaluate(
        """() => [...document.querySelectorAll('.dm-lbl')]
             .filter(n => getComputedStyle(n).visibility !== 'hidden')
             .map(n => { const r = n.getBoundingClientRect();
                         return {t: n.textContent, l: r.left, r: r.right,
                                 top: r.top, b: r.bottom}; })"""
    )


def _overlaps(labels: list[dict]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if a["l"] < b["r"] and b["l"] < a["r"] and a["top"] < b["b"] and b["top"] < a["b"]:
                out.append((a["t"], b["t"]))
    return out


def _rect(page: Page, selector: str) -> dict | None:
    return page.page.evaluate(
        f"""() => {{ const n = document.querySelector({selector!r});
             if (!n) return null; const r = n.getBoundingClientRect();
             return {{l: r.left, r: r.right, top: r.top, b: r.bottom}}; }}"""
    )


def _meets(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["top"] < b["b"] and b["top"] < a["b"]


# -- focus ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("story", ["kfor", "unmiss", "aussom"])
def test_view_frames_the_mission_area_not_the_contributors(browser, maps, story, size):  # noqa: F811
    path, html = maps[story]
    page = _open(browser, path, SIZES[size])
    try:
        view, focus = _view(page), _focus(html)
        assert _contains(view, focus), (view, focus)
        assert _tight(view, focus), (view, focus)
        # no contributor's capital far from the mission area is in view (a neighbour's
        # may be, on a tall phone screen)
        flows = layers_of(html)["Contributor flows"].features
        starts = [f["geometry"]["coordinates"][0] for f in flows]
        fw, fs, fe, fn = focus
        dx, dy = fe - fw, fn - fs
        far = [
            (x, y) for x, y in starts if not (fw - dx <= x <= fe + dx and fs - dy <= y <= fn + dy)
        ]
        assert far
        w, s, e, n = view
        assert not any(w <= x <= e and s <= y <= n for x, y in far)
        labels = _labels(page)
        assert len(labels) >= 3 and _overlaps(labels) == []
        assert page.errors == [] and page.external == []
        _shot(page, path, f"{story}-{size}")
    finally:
        page.page.close()


def test_world_button_shows_every_contributor_and_host_comes_back(browser, maps):  # noqa: F811
    path, html = maps["unmiss"]
    page = _open(browser, path, DESKTOP)
    try:
        home = _view(page)
        page.page.click(".dm-world")
        page.page.wait_for_timeout(300)
        world = _view(page)
        flows = layers_of(html)["Contributor flows"].features
        for f in flows:  # every capital (India, Mongolia, Peru, Ghana, ...) is in view
            x, y = f["geometry"]["coordinates"][0]
            assert world[0] <= x <= world[2] and world[1] <= y <= world[3], (x, y)
        assert _overlaps(_labels(page)) == []
        _shot(page, path, "unmiss-world")
        page.page.click(".dm-home")
        page.page.wait_for_timeout(300)
        assert _view(page) == pytest.approx(home, abs=1e-6)
    finally:
        page.page.close()


def test_panel_ranks_contributors_and_a_row_shows_the_country(browser, maps, gaz):  # noqa: F811
    path, _ = maps["unmiss"]
    page = _open(browser, path, DESKTOP)
    try:
        rows = page.page.evaluate(
            """() => [...document.querySelectorAll('.dm-panel-row')].map(b => [
                 b.dataset.iso, b.querySelector('.dm-panel-value').textContent,
                 b.querySelector('.dm-panel-bar').style.width])"""
        )
        figures = [int(v.replace(",", "")) for _, v, _ in rows if v != "no figure"]
        assert figures == sorted(figures, reverse=True) and len(figures) >= 7
        assert rows[0][2] == "100%"  # the largest bar is full width
        assert f"{sum(figures):,} troops" in page.page.inner_text(".dm-panel summary")
        page.page.click(".dm-panel-row[data-iso=MNG]")
        page.page.wait_for_timeout(300)
        w, s, e, n = _view(page)
        mongolia = gaz.country("MNG")
        assert w <= mongolia.lon <= e and s <= mongolia.lat <= n
        lit = page.page.evaluate(
            f"() => {{ let w = null; {MAP}.eachLayer(l => {{ if (l._dmIso === 'MNG' && l.feature)"
            " w = l.options.weight; }); return w; }"
        )
        assert lit == 4  # outlined
    finally:
        page.page.close()


# -- phone and accessibility ---------------------------------------------------------------------
@pytest.mark.parametrize("size", list(SIZES))
def test_controls_collapse_on_a_phone_and_never_cover_the_title(browser, maps, size):  # noqa: F811
    path, _ = maps["unmiss"]
    page = _open(browser, path, SIZES[size])
    try:
        state = page.page.evaluate(
            """() => ({
              layers: document.querySelector('.leaflet-control-layers')
                        .classList.contains('leaflet-control-layers-expanded'),
              legend: document.querySelector('details.dm-legend').open,
              panel: document.querySelector('details.dm-panel').open,
              lang: document.documentElement.lang })"""
        )
        phone = size == "phone"
        assert state == {"layers": not phone, "legend": not phone, "panel": not phone, "lang": "en"}
        title = _rect(page, ".dm-title")
        controls = page.page.evaluate(
            """() => [...document.querySelectorAll('.leaflet-control')].map(n => {
                 const r = n.getBoundingClientRect();
                 return {l: r.left, r: r.right, top: r.top, b: r.bottom}; })"""
        )
        assert not any(_meets(title, c) for c in controls)
        if phone:  # the map shows: the collapsed controls take little of the screen
            taken = sum((c["r"] - c["l"]) * (c["b"] - c["top"]) for c in controls)
            assert taken < 0.15 * PHONE["width"] * PHONE["height"]
            page.page.click(".leaflet-control-layers-toggle")
            assert page.count(".leaflet-control-layers-expanded") == 1
            page.page.click(".dm-layers-hide")
            assert page.count(".leaflet-control-layers-expanded") == 0
        _shot(page, path, f"unmiss-controls-{size}")
    finally:
        page.page.close()


def test_data_table_is_the_maps_text_alternative(browser, maps):  # noqa: F811
    path, _ = maps["kfor"]
    page = _open(browser, path, DESKTOP)
    try:
        assert page.page.is_hidden("#dm-data")
        page.page.click(".dm-table-open")
        assert page.page.is_visible("#dm-data")
        text = page.page.inner_text("#dm-data")
        for expected in (
            "Missions",
            "KFOR",
            "Contributors and figures",
            "Turkey",
            "600",
            "Places named",
            "Camp Bondsteel",
            "Turkey already keeps about 600",
        ):
            assert expected in text, expected
        captions = page.page.evaluate(
            "() => [...document.querySelectorAll('#dm-data caption')].map(c => c.textContent)"
        )
        assert captions[:3] == ["Missions", "Contributors and figures", "Places named"]
        page.page.keyboard.press("Escape")
        assert page.page.is_hidden("#dm-data")
        # the skip link reaches it from the keyboard too
        assert page.page.get_attribute(".dm-skip", "href") == "#dm-data"
    finally:
        page.page.close()


def test_markers_take_keyboard_focus_and_open_with_enter(browser, maps):  # noqa: F811
    path, _ = maps["kfor"]
    page = _open(browser, path, DESKTOP)
    try:
        focusable = page.page.evaluate(
            """() => [...document.querySelectorAll('.leaflet-dm-force-pane path[tabindex="0"],'
                      + '.leaflet-dm-places-pane path[tabindex="0"]')]
                     .map(n => n.getAttribute('aria-label'))"""
        )
        assert "KFOR HQ: 3,500 troops" in focusable
        assert any(label.startswith("Camp Bondsteel") for label in focusable)
        hq = page.page.get_attribute(".leaflet-marker-pane .dm-hq", "tabindex")
        assert hq == "0"
        page.page.focus('.leaflet-dm-force-pane path[tabindex="0"]')
        page.page.keyboard.press("Enter")
        page.page.wait_for_timeout(200)
        assert "KFOR now numbers roughly 3,500 troops" in page.page.inner_text(".leaflet-popup")
    finally:
        page.page.close()


# -- time ----------------------------------------------------------------------------------------
def _step(page: Page, i: int) -> None:
    page.page.evaluate(
        """(i) => { const r = document.querySelector('.dm-time-range');
                     r.value = i; r.dispatchEvent(new Event('input', {bubbles: true})); }""",
        i,
    )
    page.page.wait_for_timeout(250)


def _visible_layers(page: Page) -> dict[str, int]:
    return page.page.evaluate(
        """() => {
          const n = (pane) => document.querySelectorAll(
            '.leaflet-dm-' + pane + '-pane path.leaflet-interactive').length;
          // a force location is a circle, or the marker of its unit symbols
          const units = document.querySelectorAll('.leaflet-dm-force-pane .dm-unit').length;
          return {hosts: n('countries'), areas: n('areas'), force: n('force') + units,
                  hqs: document.querySelectorAll('.leaflet-marker-pane .dm-hq').length,
                  labels: [...document.querySelectorAll('.dm-lbl')].map(n => n.textContent)};
        }"""
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_every_layer_follows_the_slider_and_each_step_frames_its_missions(
    browser,  # noqa: F811
    maps,
    size,
):
    path, html = maps["geopko"]
    steps = call_args(html, "slider")[0]["steps"]
    assert steps == ["1996", "2022", "2023"]
    page = _open(browser, path, SIZES[size])
    try:
        last = _visible_layers(page)
        assert page.page.inner_text(".dm-time-label") == "2023"
        assert "troops at 2 locations" in page.page.inner_text(".dm-time-note")
        assert last["hosts"] == 1 and last["areas"] == 1 and last["hqs"] == 1  # Syria, UNDOF
        assert "Croatia" not in last["labels"] and "Syria" in last["labels"]
        w, s, e, n = _view(page)
        assert w < 35.9 < e and s < 33.2 < n  # the Golan
        _shot(page, path, f"geopko-last-{size}")
        _step(page, 0)
        first = _visible_layers(page)
        assert page.page.inner_text(".dm-time-label") == "1996"
        assert first["hosts"] == 1 and first["areas"] == 1 and first["hqs"] == 1  # Croatia
        assert first["force"] == 1  # Vukovar
        assert "Croatia" in first["labels"] and "Syria" not in first["labels"]
        assert not any(lbl.startswith("UNDOF") for lbl in first["labels"])
        w, s, e, n = _view(page)
        assert w < 19.0 < e and s < 45.3 < n  # Vukovar in view
        assert not (w < 35.9 < e)  # the Golan is not
        assert _overlaps(_labels(page)) == []
        _shot(page, path, f"geopko-first-{size}")
        assert page.errors == []
    finally:
        page.page.close()


def test_panel_and_totals_follow_the_slider(browser, maps):  # noqa: F811
    path, html = maps["tcc"]
    assert call_args(html, "slider")[0]["steps"] == ["1996", "2022", "2023"]
    page = _open(browser, path, DESKTOP)
    try:

        def panel() -> dict[str, str]:
            return dict(
                page.page.evaluate(
                    """() => [...document.querySelectorAll('.dm-panel-row')].map(b =>
                         [b.querySelector('.dm-panel-name').textContent,
                          b.querySelector('.dm-panel-value').textContent])"""
                )
            )

        late = panel()
        assert late == {"Nepal": "650", "India": "300", "Fiji": "175"}
        assert "1,125 troops" in page.page.inner_text(".dm-panel summary")
        _step(page, 1)
        early = panel()
        assert early.get("Nepal") == "600" and early.get("Fiji") == "150" and "India" not in early
        assert early.get("Uruguay") == "no figure"
        assert "785 troops" in page.page.inner_text(".dm-panel summary")  # 600 + 150 + 35
        _step(page, 0)
        assert panel() == {"Belgium": "650"}
    finally:
        page.page.close()


# -- catalogue honesty ---------------------------------------------------------------------------
def test_closed_predecessors_are_not_drawn_as_current(browser, maps):  # noqa: F811
    path, html = maps["aussom"]
    page = _open(browser, path, DESKTOP)
    try:
        force = layers_of(html)["Force size (troops)"].features
        assert [f["properties"]["title"] for f in force] == ["AUSSOM HQ"]
        assert page.count(".leaflet-dm-force-pane path.leaflet-interactive") == 1
        assert page.count(".leaflet-marker-pane .dm-hq") == 1
        page.page.click(".dm-table-open")
        text = page.page.inner_text("#dm-data")
        assert "closed on 2024-12-31; not drawn as current" in text  # ATMIS
        assert "closed on 2022-03-31; not drawn as current" in text  # AMISOM
        labels = [lbl["t"] for lbl in _labels(page)]
        assert "AUSSOM HQ · 11,000" in labels
    finally:
        page.page.close()
