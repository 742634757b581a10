"""The static map's projection and frame: a Lambert azimuthal equal-area centred on the host.

An equal-area projection keeps the host's size honest next to its
neighbours, and centred on the host its distortion is negligible at a
country's or a region's scale (true scale at the centre, which is where the
scale bar's figure holds).  The frame fits the host countries and mission
areas with a margin, and the places the story names near them; distant
contributors stay out of it (they are in the panel and the locator).

Examples
--------
>>> p = Projection(21.0, 42.6)
>>> p.proj4
'+proj=laea +lat_0=42.6 +lon_0=21 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs'
>>> [round(v) for v in p.point(21.0, 42.6)]
[0, 0]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Frame", "Projection", "centre_of", "fit_frame"]

MARGIN = 0.08  # of the frame's larger side, on each side of what must show
MIN_SPAN = 160_000.0  # metres: a small host still shows its neighbourhood
NEAR = 0.5  # a named place within this share of the core's diagonal is framed too


@dataclass(frozen=True, slots=True)
class Frame:
    """A rectangle in projected metres: x0, y0 (lower left), x1, y1 (upper right)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1

    def grown(self, share: float) -> Frame:
        dx, dy = self.width * share, self.height * share
        return Frame(self.x0 - dx, self.y0 - dy, self.x1 + dx, self.y1 + dy)


@dataclass(frozen=True)
class Projection:
    """Lambert azimuthal equal-area centred on (*lon0*, *lat0*) (WGS 84, metres).

    ``kind="eqearth"`` is the Equal Earth world projection centred on *lon0*,
    for a locator that must reach contributors on other continents.
    """

    lon0: float
    lat0: float
    kind: str = "laea"
    _fwd: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from pyproj import Proj

        # a bare Proj on WGS 84 longitudes and latitudes: no CRS database look-up
        object.__setattr__(self, "_fwd", Proj(self.proj4))

    @property
    def proj4(self) -> str:
        """The PROJ string (round centre: the same input gives the same string)."""
        if self.kind == "eqearth":
            return f"+proj=eqearth +lon_0={self.lon0:.6g} +datum=WGS84 +units=m +no_defs"
        return (
            f"+proj=laea +lat_0={self.lat0:.6g} +lon_0={self.lon0:.6g} "
            "+x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
        )

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self._fwd(lon, lat)
        return float(x), float(y)

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        lon, lat = self._fwd(x, y, inverse=True)
        return float(lon), float(lat)

    def project(self, geom: Any) -> Any:
        """A shapely geometry in lon/lat, projected (vectorised over its coordinates)."""
        import numpy as np
        import shapely

        def fwd(xy: Any) -> Any:
            x, y = self._fwd(xy[:, 0], xy[:, 1])
            return np.column_stack([x, y])

        return shapely.transform(geom, fwd)

    def north(self, x: float, y: float) -> float:
        """Degrees from the page's up to true north at (x, y), counter-clockwise positive."""
        lon, lat = self.lonlat(x, y)
        x2, y2 = self.point(lon, min(89.9, lat + 0.05))
        return math.degrees(math.atan2(-(x2 - x), y2 - y))

    def window(self, frame: Frame) -> Any:
        """A lon/lat polygon holding *frame*, in longitudes around ``lon0`` (may pass ±180).

        Its edges are sampled, so curved meridians count; it never reaches more
        than 130° from the centre, where the projection turns the far side inside out.
        """
        import shapely

        if self.kind == "eqearth":  # the whole world, cut along the far meridian
            return shapely.box(self.lon0 - 179.99, -89.99, self.lon0 + 179.99, 89.99)
        dlons, lats = [], []
        for i in range(17):
            t = i / 16
            for x, y in (
                (frame.x0 + t * frame.width, frame.y0),
                (frame.x0 + t * frame.width, frame.y1),
                (frame.x0, frame.y0 + t * frame.height),
                (frame.x1, frame.y0 + t * frame.height),
            ):
                lon, lat = self.lonlat(x, y)
                if math.isfinite(lon) and math.isfinite(lat):
                    dlons.append((lon - self.lon0 + 180) % 360 - 180)
                    lats.append(lat)
        west = max(-130.0, min(dlons, default=-130.0) - 1)
        east = min(130.0, max(dlons, default=130.0) + 1)
        south = max(-89.5, min(lats, default=-89.5) - 1)
        north = min(89.5, max(lats, default=89.5) + 1)
        for pole in (90.0, -90.0):  # a pole inside the frame: every longitude shows
            if frame.contains(*self.point(self.lon0, pole)):
                west, east = -130.0, 130.0
                south, north = min(south, pole), max(north, pole)
        return shapely.box(self.lon0 + west, south, self.lon0 + east, north)


def centre_of(geoms: Sequence[Any]) -> tuple[float, float]:
    """Centre (lon, lat) of the bounds of *geoms*, taking the short way round ±180°."""
    import numpy as np
    import shapely

    def east(xy: Any) -> Any:
        return np.column_stack([np.where(xy[:, 0] < 0, xy[:, 0] + 360.0, xy[:, 0]), xy[:, 1]])

    x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(list(geoms)))
    if x1 - x0 > 180:  # across the antimeridian (Fiji, Chukotka): measure east of it
        shifted = [shapely.transform(g, east) for g in geoms]
        x0, _, x1, _ = (float(v) for v in shapely.total_bounds(shifted))
    lon = (x0 + x1) / 2
    lon = lon - 360 if lon > 180 else lon
    return round(lon, 3), round((y0 + y1) / 2, 3)


def fit_frame(
    proj: Projection,
    core: Iterable[Any],
    points: Iterable[tuple[float, float]],
    aspect: float,
) -> Frame:
    """The frame of the *core* geometries (projected) and the *points* near them.

    *aspect* is the map's width over its height; the frame grows to it, so
    nothing is stretched.
    """
    import shapely

    geoms = [g for g in core if g is not None and not g.is_empty]
    pts = list(points)
    if geoms:
        x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(geoms))
        reach = NEAR * math.hypot(x1 - x0, y1 - y0)
        for x, y in pts:
            dx = max(x0 - x, 0.0, x - x1)
            dy = max(y0 - y, 0.0, y - y1)
            if math.hypot(dx, dy) <= reach:
                x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
    elif pts:
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    else:
        x0 = y0 = -MIN_SPAN / 2
        x1 = y1 = MIN_SPAN / 2
    pad = MARGIN * max(x1 - x0, y1 - y0, MIN_SPAN)
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    w, h = max(x1 - x0, MIN_SPAN), max(y1 - y0, MIN_SPAN)
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return Frame(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
