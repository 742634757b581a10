"""Leader lines: a label the declutter moved off its marker has a thin line back to it.

In headless Chromium at 1280x800 and 390x844, from the DOM and the map's state: each
line starts on its label's box and ends on its marker's element, only a label moved
away from its first place has one, and the labels still never overlap.
"""

from __future__ import annotations

import pytest

from tests.mapping.test_browser import browser  # noqa: F401  (the same headless Chromium)
from tests.mapping.test_browser_views import (  # noqa: F401  (the maps fixture)
    MAP,
    SIZES,
    _labels,
    _open,
    _overlaps,
    _shot,
    maps,
)

pytestmark = pytest.mark.browser

# Each label shown in the view: its box, whether the declutter moved it, the box of the marker
# drawn at its point (an element of the map, found by its position, not by the runtime's
# own bookkeeping), and its leader's two ends in client px.
_LEADERS = f"""() => {{
  const map = {MAP};
  const box = (r) => ({{l: r.left, r: r.right, t: r.top, b: r.bottom}});
  const marks = [];
  map.eachLayer(l => {{
    if (l._dmLbl || !l.getLatLng || !l.getElement || !l.getElement()) return;
    marks.push([l.getLatLng(), box(l.getElement().getBoundingClientRect())]);
  }});
  const out = [], view = map.getContainer().getBoundingClientRect();
  map.eachLayer(l => {{
    if (!l._dmLbl || !l.getElement || !l.getElement()) return;
    const node = l.getElement(), r = node.getBoundingClientRect();
    if (getComputedStyle(node).visibility === 'hidden') return;
    // a label in the view (a path out of it has no box to measure)
    if (r.right < view.left || r.left > view.right) return;
    if (r.bottom < view.top || r.top > view.bottom) return;
    const mark = marks.find(m => m[0].equals(l.getLatLng()) && m[1].r > m[1].l);
    const k = node.getAttribute('data-dm-leader');
    const svg = k && document.querySelector('.dm-leader[data-dm-of="' + k + '"]');
    let lead = null;
    if (svg) {{
      const s = svg.getBoundingClientRect(), line = svg.querySelector('line');
      lead = [[s.left, s.top], [s.left + +line.getAttribute('x2'),
                                s.top + +line.getAttribute('y2')]];
    }}
    out.push({{t: node.textContent, box: box(node.getBoundingClientRect()),
               moved: !!(node.style.marginLeft || node.style.marginTop),
               mark: mark ? mark[1] : null, lead: lead}});
  }});
  return {{labels: out, lines: document.querySelectorAll('.dm-leader').length}};
}}"""


def _off(p, b) -> float:
    """How far point *p* is outside box *b* (0 inside or on its edge)."""
    dx = max(b["l"] - p[0], 0, p[0] - b["r"])
    dy = max(b["t"] - p[1], 0, p[1] - b["b"])
    return (dx * dx + dy * dy) ** 0.5


def _gap(a, b) -> float:
    """The distance between boxes *a* and *b* (0 where they meet)."""
    dx = max(b["l"] - a["r"], 0, a["l"] - b["r"])
    dy = max(b["t"] - a["b"], 0, a["t"] - b["b"])
    return (dx * dx + dy * dy) ** 0.5


def _check(state) -> list[str]:
    led = [lbl for lbl in state["labels"] if lbl["lead"]]
    assert state["lines"] == len(led)  # no line without its label
    for lbl in state["labels"]:
        if lbl["lead"] is None:
            if lbl["moved"] and lbl["mark"]:  # moved, but beside its marker still
                assert _gap(lbl["box"], lbl["mark"]) <= 14, lbl["t"]
            continue
        assert lbl["moved"], f"{lbl['t']}: a line, but the label sits in its first place"
        assert lbl["mark"] is not None, lbl["t"]
        start, end = lbl["lead"]
        assert _off(start, lbl["box"]) <= 1.5, f"{lbl['t']}: the line starts off its label"
        assert _off(end, lbl["mark"]) <= 1.5, f"{lbl['t']}: the line ends off its marker"
        assert ((end[0] - start[0]) ** 2 + (end[1] - start[1]) ** 2) ** 0.5 > 12
    return [lbl["t"] for lbl in led]


@pytest.mark.parametrize("size", list(SIZES))
def test_a_label_moved_off_its_marker_has_a_line_to_it_and_others_none(browser, maps, size):  # noqa: F811
    # UNDOF's front map: on a phone the camp's label is pushed left past its unit symbols
    path, _ = maps["geopko"]
    page = _open(browser, path, SIZES[size])
    try:
        page.page.wait_for_timeout(300)
        led = _check(page.page.evaluate(_LEADERS))
        _shot(page, path, f"leaders-{size}")
        if size == "phone":
            assert led, "no label on the phone has a leader line"
        assert _overlaps(_labels(page)) == []
        # the lines are made again for the new zoom, and only where needed
        page.page.evaluate(f"() => {MAP}.setZoom({MAP}.getZoom() + 1, {{animate: false}})")
        page.page.wait_for_timeout(300)
        _check(page.page.evaluate(_LEADERS))
        assert _overlaps(_labels(page)) == []
        assert page.errors == []
    finally:
        page.page.close()


def test_a_map_without_crowding_draws_no_leader_line(browser, maps):  # noqa: F811
    path, _ = maps["geopko"]
    page = _open(browser, path, SIZES["desktop"])
    try:
        page.page.wait_for_timeout(300)
        state = page.page.evaluate(_LEADERS)
        assert _check(state) == [] and state["lines"] == 0
        assert any(not lbl["moved"] and lbl["mark"] for lbl in state["labels"])
    finally:
        page.page.close()
