"""Fixtures of the static map tests: stories read once, and a way to look at a PNG's pixels
where a country is (its shape projected with the map's own CRS, frame and axes box)."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "deploymap" / "examples" / "kfor-command-2023.txt"
DATA = ROOT / "tests" / "data"
SMALL_TCC = DATA / "geopko_tcc_small.csv"  # UNTAES 1996, UNDOF 2022 and 2023
GEOPKO = ROOT.parent / "shared" / "data" / "geopko"
FRONT = GEOPKO / "geopko_v2.3_frontmap.csv"


@pytest.fixture(scope="session")
def catalogue():
    from deploymap.gazetteer.missions import MissionCatalogue

    return MissionCatalogue()


@pytest.fixture(scope="session")
def kfor_story(gaz):
    from deploymap.read import Reader

    return Reader(gaz).read(EXAMPLE.read_text(encoding="utf-8"), source=str(EXAMPLE))


@pytest.fixture(scope="session")
def tcc_story(gaz, catalogue):
    from deploymap.tables import read_table

    return read_table(SMALL_TCC, gazetteer=gaz, catalogue=catalogue)


@pytest.fixture(scope="session")
def draw(gaz, catalogue):
    """draw(story, target, **kwargs) -> StaticMap, sharing the opened data."""
    from deploymap.images import build_static

    def _draw(story, target, **kwargs):
        return build_static(story, target, gazetteer=gaz, catalogue=catalogue, **kwargs)

    return _draw


def pixels(png: bytes):
    """The PNG as an (rows, columns, 3) array of 0-255 integers."""
    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def inside_pixels(out, geometry, panel: int = 0, n: int = 400) -> list[tuple[int, int]]:
    """(row, column) pixels of points well inside *geometry* (lon/lat) in one panel.

    The shape is projected with pyproj from the map's CRS string and placed by the
    panel's frame and axes box, so this checks the map's own transform independently.
    """
    import numpy as np
    import shapely
    from pyproj import Transformer

    to_map = Transformer.from_crs(4326, out.panels[panel].crs, always_xy=True)
    projected = shapely.transform(
        geometry, lambda xy: np.column_stack(to_map.transform(xy[:, 0], xy[:, 1]))
    )
    p = out.panels[panel]
    left, top, right, bottom = p.box
    f = p.frame
    scale = (right - left) / f.width  # pixels per metre
    core = projected.buffer(-6 / scale)  # six pixels clear of the outline
    x0, y0, x1, y1 = core.bounds
    step = max((x1 - x0), (y1 - y0)) / 60
    pts = [
        (x, y)
        for x in np.arange(x0, x1, step)
        for y in np.arange(y0, y1, step)
        if core.contains(shapely.Point(x, y)) and f.x0 <= x <= f.x1 and f.y0 <= y <= f.y1
    ][:n]
    return [
        (int(top + (f.y1 - y) / f.height * (bottom - top)), int(left + (x - f.x0) * scale))
        for x, y in pts
    ]


def dominant(img, where: list[tuple[int, int]]) -> tuple[tuple[int, int, int], float]:
    """The most common colour at *where* and its share."""
    counts = Counter(tuple(int(v) for v in img[r, c]) for r, c in where)
    colour, n = counts.most_common(1)[0]
    return colour, n / len(where)


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]
