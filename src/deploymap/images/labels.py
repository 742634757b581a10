"""Label placement by priority: the most important labels first, each where it fits.

Every label tries the cartographer's positions around its symbol in order
(upper right, lower right, upper left, lower left, right, left, above,
below) and takes the first that overlaps no symbol, no label already placed
and none of the map's furniture, inside the map; a label that fits nowhere is
left out (and counted).  Labels go in priority order, capital and HQ first,
then places with a figure, then the others, so a crowd drops the least
important names.  A grid of cells keeps each test local: linear in labels.

Examples
--------
>>> size = lambda label: (len(label.text) * 7.0, 12.0)
>>> a = Label("Pristina", 100, 100, gap=4, priority=3)
>>> b = Label("Film City", 102, 101, gap=4, priority=1)
>>> placed, dropped = place_labels([b, a], size, bounds=(0, 0, 400, 300))
>>> [(p.label.text, p.position) for p in placed], dropped
([('Pristina', 'NE'), ('Film City', 'NW')], 0)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["POSITIONS", "Box", "Label", "Placed", "overlaps", "place_labels"]

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels (y up)

#: Positions in order of preference, as (name, x side, y side): -1 left/below, 1 right/above.
POSITIONS = (
    ("NE", 1, 1),
    ("SE", 1, -1),
    ("NW", -1, 1),
    ("SW", -1, -1),
    ("E", 1, 0),
    ("W", -1, 0),
    ("N", 0, 1),
    ("S", 0, -1),
)
PAD = 1.5  # pixels kept free around every label
CELL = 48.0
MAX_LABELS = 600  # more candidates than any readable map holds


@dataclass(frozen=True, slots=True)
class Label:
    """A label to place at display point (*x*, *y*), *gap* pixels clear of it."""

    text: str
    x: float
    y: float
    gap: float = 3.0
    priority: int = 1
    rank: float = 0.0  # within a priority, larger first (troops)
    size: float = 8.0  # font size in points
    weight: str = "normal"
    centred: bool = False  # an area's name: on its point, not beside it


@dataclass(frozen=True, slots=True)
class Placed:
    label: Label
    box: Box
    position: str


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class _Grid:
    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, b: Box) -> Iterable[tuple[int, int]]:
        for i in range(int(b[0] // CELL), int(b[2] // CELL) + 1):
            for j in range(int(b[1] // CELL), int(b[3] // CELL) + 1):
                yield i, j

    def add(self, b: Box) -> None:
        for k in self._keys(b):
            self.cells.setdefault(k, []).append(b)

    def hits(self, b: Box) -> bool:
        return any(overlaps(b, o) for k in self._keys(b) for o in self.cells.get(k, ()))


def _box(lab: Label, w: float, h: float, sx: int, sy: int) -> Box:
    g = lab.gap + PAD
    diag = 0.7 if sx and sy else 1.0  # a corner position sits on the symbol's diagonal
    if sx > 0:
        x0 = lab.x + g * diag
    elif sx < 0:
        x0 = lab.x - g * diag - w
    else:
        x0 = lab.x - w / 2
    if sy > 0:
        y0 = lab.y + g * diag - (h * 0.25 if sx else 0)
    elif sy < 0:
        y0 = lab.y - g * diag - h + (h * 0.25 if sx else 0)
    else:
        y0 = lab.y - h / 2
    return (x0, y0, x0 + w, y0 + h)


def place_labels(
    labels: Sequence[Label],
    measure: Callable[[Label], tuple[float, float]],
    *,
    bounds: Box,
    obstacles: Iterable[Box] = (),
) -> tuple[list[Placed], int]:
    """Place *labels* by priority; returns the placed ones and how many were left out.

    *measure* gives a label's (width, height) in pixels; *bounds* is the map
    area every label must stay inside; *obstacles* are symbols and furniture.
    """
    grid = _Grid()
    for b in obstacles:
        grid.add(b)
    order = sorted(labels, key=lambda lab: (-lab.priority, -lab.rank, lab.text, lab.x, lab.y))
    placed: list[Placed] = []
    dropped = max(0, len(order) - MAX_LABELS)
    for lab in order[:MAX_LABELS]:
        if not lab.text:
            continue
        w, h = measure(lab)
        w, h = w + 2 * PAD, h + 2 * PAD
        positions = (("C", 0, 0),) if lab.centred else POSITIONS
        for name, sx, sy in positions:
            box = _box(lab, w, h, sx, sy) if name != "C" else _box(lab, w, h, 0, 0)
            inside = (
                box[0] >= bounds[0]
                and box[1] >= bounds[1]
                and box[2] <= bounds[2]
                and box[3] <= bounds[3]
            )
            if inside and not grid.hits(box):
                grid.add(box)
                placed.append(Placed(lab, box, name))
                break
        else:
            dropped += 1
    return placed, dropped
