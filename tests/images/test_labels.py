"""Label placement: no two labels overlap, the important ones win, all inside the map."""

from __future__ import annotations

import itertools
import random

from deploymap.images.labels import Label, overlaps, place_labels
from deploymap.model import Deployment, Evidence, Place, Story


def size(label: Label) -> tuple[float, float]:
    return len(label.text) * label.size * 0.6, label.size * 1.3


def test_crowded_labels_never_overlap_and_capitals_win():
    rng = random.Random(7)
    labels = [
        Label(f"Town {i}", rng.uniform(180, 220), rng.uniform(130, 170), gap=3, priority=1)
        for i in range(60)
    ]
    labels.append(Label("Capital", 200, 150, gap=3, priority=3))
    bounds = (0.0, 0.0, 400.0, 300.0)
    placed, dropped = place_labels(labels, size, bounds=bounds)
    boxes = [p.box for p in placed]
    assert not any(overlaps(a, b) for a, b in itertools.combinations(boxes, 2))
    assert all(b[0] >= 0 and b[1] >= 0 and b[2] <= 400 and b[3] <= 300 for b in boxes)
    assert placed[0].label.text == "Capital"
    assert dropped == len(labels) - len(placed) > 0


def test_labels_keep_off_obstacles():
    lab = Label("Banjska", 100, 100, gap=3)
    (p,), _ = place_labels([lab], size, bounds=(0, 0, 400, 300), obstacles=[(100, 100, 200, 200)])
    assert not overlaps(p.box, (100, 100, 200, 200))


def test_many_labels_stay_fast():
    import time

    rng = random.Random(1)
    labels = [
        Label(f"P{i}", rng.uniform(0, 2000), rng.uniform(0, 1200), priority=rng.randint(1, 3))
        for i in range(5000)
    ]
    t = time.perf_counter()
    place_labels(labels, size, bounds=(0, 0, 2000, 1200))
    assert time.perf_counter() - t < 2.0


def test_labels_on_a_rendered_map_do_not_overlap(kfor_story, draw):
    out = draw(kfor_story, "png")
    texts = [t for t, _ in out.labels]
    assert "Pristina" in texts and "KOSOVO" in texts
    assert any(t.startswith("KFOR HQ") and "3,500" in t for t in texts)
    left, top, right, bottom = out.panels[0].box
    for (_, a), (_, b) in itertools.combinations(out.labels, 2):
        assert not overlaps(a, b)
    for _, (x0, y0, x1, y1) in out.labels:
        assert left <= x0 and x1 <= right and top <= y0 and y1 <= bottom


def test_a_crowded_table_keeps_its_figures(draw):
    # forty sites a few kilometres apart: the sites with the largest figures keep their labels
    sites = [
        Deployment(
            "",
            "KFOR",
            50 + 10 * i,
            "2024",
            Place(f"table:s{i}", f"Site {i}", "site", "XKX", 42.3 + 0.01 * i, 20.9 + 0.008 * i),
            role="all contributors",
            evidence=(Evidence(0, 0, "row", "sites.csv", "2024"),),
        )
        for i in range(40)
    ]
    out = draw(Story(title="Crowded", deployments=tuple(sites)), "png", size="6x4in", dpi=100)
    texts = [t for t, _ in out.labels]
    assert any(t.startswith("Site 39 ·") for t in texts)  # the largest, 440 troops
    assert out.dropped_labels > 0
    for (_, a), (_, b) in itertools.combinations(out.labels, 2):
        assert not overlaps(a, b)
