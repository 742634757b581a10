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

from deploymap.model import Deployment, Place, Story

__all__ = ["SITE_KINDS", "SITE_TOTAL", "ForceSites", "date_span", "force_sites"]

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
    groups: dict[tuple[str, str, str], list[Deployment]] = {}
    for d in story.deployments:
        loc = d.location
        if loc is not None and d.present:
            key = (d.mission, d.date, loc.id)
            ds = groups.get(key)
            if ds is None:
                groups[key] = [d]
            else:
                ds.append(d)
    default = story.date or date_span(d.date for d in story.deployments)
    records = [tuple(ds) for ds in groups.values()]
    location = [ds[0].location for ds in records]
    assert None not in location
    one = [_one(ds, loc) for ds, loc in zip(records, location, strict=True)]  # type: ignore[arg-type]
    return ForceSites(
        tuple(mission for mission, _, _ in groups),
        tuple(date or default for _, date, _ in groups),
        tuple(location),  # type: ignore[arg-type]
        tuple(round(p.lon, DECIMALS) for p in location),  # type: ignore[union-attr]
        tuple(round(p.lat, DECIMALS) for p in location),  # type: ignore[union-attr]
        tuple(records),
        tuple(ds[0].troops if len(ds) == 1 else _troops(ds) for ds in records),
        tuple(single for single, _ in one),
        tuple(iso3 for _, iso3 in one),
    )


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
