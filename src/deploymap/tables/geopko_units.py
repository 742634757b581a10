"""What a Geo-PKO front-map location holds: its unit-type columns as :class:`~deploymap.model.Unit`.

The front map codes, per location and year, the infantry and reserve troops
(``Infantry``, ``Reserve``: troop figures) and whether UN police, a medical
unit, an aviation unit or military observers are there (``UNPOL``, ``Med``,
``Av``, ``UNMO``: 0/1, ``Av`` sometimes 2) and the headquarters level
(``hq``).  Geo-PKO estimates troops from the unit symbols of the UN's maps
with standard unit sizes, so an infantry figure of exactly one standard size
is read as that echelon (35 a platoon, 150 a company, 650 a battalion); any
other figure (300, 1,300: several units) gets no echelon.

Examples
--------
>>> cols = {"infantry": 0, "med": 1, "av": 2, "hq": 3}
>>> units, words = front_units(["650", "1", "2", "2"], cols)
>>> [u.label for u in units]
['Headquarters', 'Infantry battalion', 'Medical unit', 'Aviation unit']
>>> words
'hq 2, infantry 650, med 1, av 2'
"""

from __future__ import annotations

from functools import cache

from deploymap.model import Unit

__all__ = ["STANDARD_SIZES", "UNIT_COLUMNS", "front_units"]

#: Geo-PKO's standard unit sizes: a figure of exactly one of them is one such unit.
STANDARD_SIZES = {35: "platoon", 150: "company", 650: "battalion"}
#: column (lower case) -> (unit kind, whether the cell is a troop figure or a count/flag)
UNIT_COLUMNS = {
    "infantry": ("infantry", True),
    "reserve": ("reserve", True),
    "unpol": ("police", False),
    "med": ("medical", False),
    "av": ("aviation", False),
    "unmo": ("observers", False),
}


def _number(cell: str) -> int | None:
    v = cell.strip()
    if v.isascii() and v.isdigit() and len(v) <= 8:
        return int(v)
    try:  # "1.0" from a spreadsheet
        f = float(v)
    except ValueError:
        return None  # "NA", empty or not a number: the column says nothing here
    return int(f) if f.is_integer() and 0 <= f < 1e8 else None


@cache
def _unit(kind: str, echelon: str, count: int | None, troops: int | None) -> Unit:
    # one object per distinct unit: a whole front map has a few dozen, not 14,000
    return Unit(kind, echelon, count=count, troops=troops)


def front_units(row: list[str], cols: dict[str, int]) -> tuple[tuple[Unit, ...], str]:
    """The units one front-map row codes, headquarters first, and the cells in words.

    The words (``"hq 3, infantry 650"``) go into the location's evidence, which
    names the table and line; the units themselves carry none.  A cell that is
    empty, NA or not a whole number adds no unit.
    """
    out: list[Unit] = []
    said: list[str] = []
    for col, (kind, troops) in _ALL_COLUMNS:
        i = cols.get(col)
        if i is None or i >= len(row):
            continue
        raw = row[i]
        if raw == "0" or not raw:  # most cells: nothing there
            continue
        n = _number(raw)
        if not n:
            continue
        said.append(f"{col} {n}")
        if kind == "headquarters":
            out.append(_unit(kind, "", None, None))
        elif troops:
            echelon = STANDARD_SIZES.get(n, "") if kind == "infantry" else ""
            out.append(_unit(kind, echelon, 1 if echelon else None, n))
        else:
            out.append(_unit(kind, "", n, None))
    return tuple(out), ", ".join(said)


_ALL_COLUMNS = (("hq", ("headquarters", False)), *UNIT_COLUMNS.items())
