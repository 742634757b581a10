"""Labels at the map's edge: a label whose marker is in the view is drawn wholly in it.

In headless Chromium at 390x844 (a phone, where the edge is always near) and
1280x800: a place's marker is panned to a few pixels from the right edge, and a
box the declutter must keep clear (as it keeps clear of the map's own controls)
stands where the label's left-hand place would be.  Every place then left
(right: cut by the edge; left: taken; above and below, centred on the point:
half over the edge) is slid along its side until it fits.
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

# Pan the named label's point to 6 px from the right edge, put a blocker where its
# left-hand place would go, and let the declutter run again.
_CORNER = f"""(text) => {{
  const map = {MAP};
  let tip = null;
  map.eachLayer(l => {{ if (l._dmLbl && l.getElement && l.getElement() &&
                             l.getElement().textContent === text) tip = l; }});
  const view = map.getContainer().getBoundingClientRect();
  const p = map.latLngToContainerPoint(tip.getLatLng());
  map.panBy([p.x - (view.width - 6), p.y - view.height / 2], {{animate: false}});
  const q = map.latLngToContainerPoint(tip.getLatLng());
  const w = tip.getElement().getBoundingClientRect().width;
  const block = document.createElement('div');
  block.className = 'dm-legend';
  block.id = 'edge-blocker';
  Object.assign(block.style, {{position: 'absolute', zIndex: 2000,
    left: (view.left + q.x - w - 40) + 'px', top: (view.top + q.y - 14) + 'px',
    width: (w + 30) + 'px', height: '28px', background: 'rgba(200,0,0,0.2)'}});
  document.body.appendChild(block);
  map.fire('moveend');
}}"""

_WHERE = f"""(text) => {{
  const map = {MAP};
  const box = (r) => ({{l: r.left, r: r.right, t: r.top, b: r.bottom}});
  let node = null;
  map.eachLayer(l => {{ if (l._dmLbl && l.getElement && l.getElement() &&
                             l.getElement().textContent === text) node = l.getElement(); }});
  return {{label: box(node.getBoundingClientRect()),
           hidden: getComputedStyle(node).visibility === 'hidden',
           view: box(map.getContainer().getBoundingClientRect()),
           blocker: box(document.getElementById('edge-blocker').getBoundingClientRect())}};
}}"""


def _place_labels(page) -> list[str]:
    """Texts of the shown labels of places with a figure or a name (not towns, not countries)."""
    return page.page.evaluate(
        f"""() => {{ const out = [];
        {MAP}.eachLayer(l => {{
          if (!l._dmLbl || !l._dmLbl.prio || l.options.direction === 'center') return;
          const n = l.getElement && l.getElement();
          if (n && getComputedStyle(n).visibility !== 'hidden') out.push(n.textContent);
        }});
        return out; }}"""
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_a_label_at_the_edge_slides_inside_the_map(browser, maps, size):  # noqa: F811
    path, _ = maps["kfor"]
    page = _open(browser, path, SIZES[size])
    try:
        names = _place_labels(page)
        assert names, "the example map shows no place label"
        text = names[0]
        page.page.evaluate(_CORNER, text)
        page.page.wait_for_timeout(300)
        got = page.page.evaluate(_WHERE, text)
        _shot(page, path, f"edge-{size}")
        lab, view, blk = got["label"], got["view"], got["blocker"]
        assert not got["hidden"], f"{text}: hidden at the edge"
        assert view["l"] - 0.5 <= lab["l"] and lab["r"] <= view["r"] + 0.5, (text, lab, view)
        assert view["t"] - 0.5 <= lab["t"] and lab["b"] <= view["b"] + 0.5, (text, lab, view)
        apart_x = lab["r"] <= blk["l"] or lab["l"] >= blk["r"]
        meets = not (apart_x or lab["b"] <= blk["t"] or lab["t"] >= blk["b"])
        assert not meets, f"{text}: under the box it must keep clear of"
        assert _overlaps(_labels(page)) == []
        assert page.errors == []
    finally:
        page.page.close()
