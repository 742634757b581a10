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
>>> [u.label for u in front_units(["650", "1", "2", "2"], cols, "t.csv line 2", "2020")]
['Headquarters', 'Infantry battalion', 'Medical unit', 'Aviation unit']
"""

from __future__ import annotations

from deploymap.model import Evidence, Unit

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


def front_units(row: list[str], cols: dict[str, int], where: str, year: str) -> tuple[Unit, ...]:
    """The units one front-map row codes, headquarters first.

    *where* names the row (``"file line 12"``) in each unit's evidence.  A
    cell that is empty, NA or not a whole number adds no unit.
    """

    def cell(name: str) -> str:
        i = cols.get(name)
        return row[i] if i is not None and i < len(row) else ""

    out: list[Unit] = []
    hq = _number(cell("hq"))
    if hq:
        out.append(Unit("headquarters", evidence=Evidence(0, 0, f"hq = {hq}", where, year)))
    for col, (kind, troops) in UNIT_COLUMNS.items():
        n = _number(cell(col))
        if not n:
            continue
        ev = Evidence(0, 0, f"{col} = {n}", where, year)
        if troops:
            echelon = STANDARD_SIZES.get(n, "") if kind == "infantry" else ""
            out.append(Unit(kind, echelon, count=1 if echelon else None, troops=n, evidence=ev))
        else:
            out.append(Unit(kind, count=n, evidence=ev))
    return tuple(out)
