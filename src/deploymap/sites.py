"""Deployment records -> force sites: the troops at each place, as columns.

A *site* is one mission's troops at one location on one date: a table's
location total, or the contingents a text or table places there.  The GeoJSON
export writes one ``force`` feature per site (:func:`deploymap.export.story_features`);
the interactive map draws ten thousand of them from these columns without
making a dict per site.  Both group the records here, so they agree.

Examples
--------
>>> from deploymap.model import Deployment, Place, Story
>>> goma = Place("x:goma", "Goma", "city", "COD", -1.6792, 29.2228)
>>> story = Story(deployments=(Deployment("IND", "MONUSCO", 850, "2024", goma),
...                            Deployment("NPL", "MONUSCO", 300, "2024", goma)))
>>> sites = force_sites(story)
>>> len(sites), sites.troops, sites.lon, sites.iso3
(1, (1150,), (29.2228,), ('COD',))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from deploymap.model import Deployment, Place, Story

__all__ = ["SITE_KINDS", "SITE_TOTAL", "ForceSites", "date_span", "force_sites", "round_all"]

#: The role of a table's all-contributors total at a location (see deploymap.tables).
SITE_TOTAL = "all contributors"
#: Location kinds of a mission's own sites (a table's bases), not a contingent's town.
SITE_KINDS = frozenset({"mission HQ", "sector HQ", "HQ", "site"})
#: Coordinates keep at most this many decimals (about 0.1 m), as in the GeoJSON export.
DECIMALS = 6


def date_span(dates: Iterable[str]) -> str | None:
    """One date, or the ISO 8601 interval ``first/last`` of several; None for none.

    >>> date_span(["2024", "", "2019", "2024"]), date_span([""])
    ('2019/2024', None)
    """
    ds = sorted({d for d in dates if d})
    if not ds:
        return None
    return ds[0] if len(ds) == 1 else f"{ds[0]}/{ds[-1]}"


@dataclass(frozen=True, slots=True)
class ForceSites:
    """The force sites of a story, one entry per site in each column, in story order.

    Attributes
    ----------
    mission, date : tuple of str
        The mission id, and the records' date (the story's date, or the span
        of its records' dates, where the records have none).
    location : tuple of Place
        Where the troops are.
    lon, lat : tuple of float
        The location rounded to :data:`DECIMALS`.
    records : tuple of tuple of Deployment
        The records of the site (contingents and a table's total), in story order.
    troops : tuple of int or None
        The table's total at the site, else the sum of the contingents' known figures.
    single : tuple of bool
        Whether the site is one contingent a text places (not a table's site
        or total): it is then named after its contributor.
    iso3 : tuple of str
        That contingent's contributor; for any other site, the country it is in.
    """

    mission: tuple[str, ...] = ()
    date: tuple[str | None, ...] = ()
    location: tuple[Place, ...] = ()
    lon: tuple[float, ...] = ()
    lat: tuple[float, ...] = ()
    records: tuple[tuple[Deployment, ...], ...] = ()
    troops: tuple[int | None, ...] = ()
    single: tuple[bool, ...] = ()
    iso3: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.mission)

    def take(self, index: Sequence[int]) -> ForceSites:
        """The sites at *index*, in that order.

        >>> len(ForceSites().take([]))
        0
        """
        return ForceSites(
            *(tuple(col[i] for i in index) for col in (getattr(self, f) for f in _FIELDS))
        )


_FIELDS = ("mission", "date", "location", "lon", "lat", "records", "troops", "single", "iso3")


def force_sites(story: Story) -> ForceSites:
    """The story's troops grouped by (mission, date, location): one site each.

    Only records with a location that are there (deployed or withdrawing) make
    a site: a pledge or a contingent that has left draws no force.
    """
    # (mission -> date -> location id) -> the site's number; a site is its one record
    # or a list of them (ten thousand sites make no key tuple or list each)
    index: dict[str, dict[str, dict[str, int]]] = {}
    groups: list[Any] = []
    for d in story.deployments:
        loc = d.location
        if loc is None or d.status not in _PRESENT:
            continue
        by_date = index.get(d.mission)
        if by_date is None:
            by_date = index[d.mission] = {}
        by_loc = by_date.get(d.date)
        if by_loc is None:
            by_loc = by_date[d.date] = {}
        i = by_loc.get(loc.id)
        if i is None:
            by_loc[loc.id] = len(groups)
            groups.append(d)
        else:
            group = groups[i]
            if isinstance(group, list):
                group.append(d)
            else:
                groups[i] = [group, d]
    default = story.date or date_span(d.date for d in story.deployments)
    records: list[tuple[Deployment, ...]] = []
    location: list[Place] = []
    troops: list[int | None] = []
    single: list[bool] = []
    iso3: list[str] = []
    for group in groups:
        if not isinstance(group, list):  # most sites of a big table or map: one record
            d = group
            loc = d.location
            records.append((d,))
            location.append(loc)
            troops.append(d.troops)
            one = d.role != SITE_TOTAL and loc.kind not in SITE_KINDS
            single.append(one)
            iso3.append(d.contributor if one else loc.iso3)
            continue
        ds = tuple(group)
        loc = ds[0].location
        records.append(ds)
        location.append(loc)
        troops.append(_troops(ds))
        one, who = _one(ds, loc)
        single.append(one)
        iso3.append(who)
    return ForceSites(
        tuple(ds[0].mission for ds in records),
        tuple(ds[0].date or default for ds in records),
        tuple(location),
        round_all([p.lon for p in location], DECIMALS),
        round_all([p.lat for p in location], DECIMALS),
        tuple(records),
        tuple(troops),
        tuple(single),
        tuple(iso3),
    )


_PRESENT = frozenset({"deployed", "withdrawing"})  # Deployment.present


def round_all(values: Sequence[float], decimals: int) -> tuple[float, ...]:
    """``tuple(round(v, decimals) for v in values)``, the same floats, made at once.

    Ten thousand calls of :func:`round` take a few milliseconds; numpy's
    rounding takes a tenth of that, and gives the same float except where
    ``v * 10**decimals`` lies near a tie (x.5), which it may round the other
    way (``round`` looks at the exact binary value): those few are rounded by
    :func:`round`.

    >>> round_all([29.22284, -1.67925, 19.05915, 3.0], 4)
    (29.2228, -1.6792, 19.0591, 3.0)
    """
    import numpy as np

    a = np.asarray(values, dtype=float)
    scaled = a * 10.0**decimals
    out = np.round(a, decimals).tolist()
    # away from a tie the product's error (an ulp or two) cannot change the rounding
    for i in np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-3).tolist():
        out[i] = round(values[i], decimals)
    return tuple(out)


def _troops(ds: tuple[Deployment, ...]) -> int | None:
    """A table's total at the site, else the sum of its contingents' known figures."""
    for d in ds:
        if d.role == SITE_TOTAL:
            return d.troops
    known = [d.troops for d in ds if d.troops is not None]
    return sum(known) if known else None


def _one(ds: tuple[Deployment, ...], loc: Place) -> tuple[bool, str]:
    """Whether the site is one contingent a text places, and the country it is named after."""
    parts = [d for d in ds if d.role != SITE_TOTAL]
    single = len(parts) == len(ds) == 1 and loc.kind not in SITE_KINDS
    return single, parts[0].contributor if single else loc.iso3
