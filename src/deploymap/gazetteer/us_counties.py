"""US counties in the gazetteer: which Census units count as counties, the
names news gives them, and the population inside each."""

from __future__ import annotations

import re
from typing import Any

# US counties (us-atlas ``counties``: id = 5-digit FIPS code, name = bare name).
# State FIPS codes of the 50 states; DC (11) is its own admin-1 unit and the
# territories (60, 66, 69, 72, 78) are countries of their own in GeoNames.
US_STATE_FIPS = frozenset(f"{n:02d}" for n in range(1, 57)) - {"03", "07", "11", "14", "43", "52"}


# Independent cities (county code 510 and up) are cities, not counties, and
# GeoNames has them: Baltimore city, St. Louis city, Carson City, and Virginia's 38.
US_INDEPENDENT_CITY_STATES = frozenset({"24", "29", "32", "51"})


US_INDEPENDENT_CITY_MIN = 510


# Alaska's county equivalents: boroughs, except these (Census 2017 names).
ALASKA_CENSUS_AREAS = frozenset(
    {"02016", "02050", "02070", "02105", "02158", "02180", "02198", "02240", "02261", "02290"}
)


ALASKA_CITY_AND_BOROUGHS = frozenset({"02110", "02220", "02275", "02282"})


ALASKA_MUNICIPALITIES = frozenset({"02020", "02230"})


# A city inside no (simplified) county polygon counts for the nearest county
# this close, in degrees: coastal towns and keys shaved off by simplification.
COUNTY_SNAP_DEGREES = 0.1


def _is_us_county(fips: str) -> bool:
    """A county or county equivalent of the 50 states, not an independent city."""
    state, county = fips[:2], int(fips[2:])
    if state not in US_STATE_FIPS:
        return False
    return not (state in US_INDEPENDENT_CITY_STATES and county >= US_INDEPENDENT_CITY_MIN)


_JOINED_PREFIX = re.compile(r"^(De|Du|La|Le)([A-Z])")


_SPACED_PREFIX = re.compile(r"^(De|Du|La|Le) ([A-Z])")


def _county_names(fips: str, bare: str) -> tuple[str, list[str]]:
    """A county's name as news writes it, and its other spellings.

    The bare name ("Metcalfe") is never a county name: alone it is a town or a
    person.  Other spellings: "Saint" for "St.", "De Kalb" for "DeKalb" and
    back, "Prince Georges" for "Prince George's".

    >>> _county_names("21169", "Metcalfe")
    ('Metcalfe County', [])
    >>> _county_names("22103", "St. Tammany")
    ('St. Tammany Parish', ['Saint Tammany Parish'])
    >>> _county_names("02110", "Juneau")
    ('Juneau City and Borough', ['City and Borough of Juneau'])
    """
    of = ""
    if fips in ALASKA_CITY_AND_BOROUGHS:
        suffix, of = "City and Borough", "City and Borough of "
    elif fips in ALASKA_MUNICIPALITIES:
        suffix, of = "Municipality", "Municipality of "
    elif fips in ALASKA_CENSUS_AREAS:
        suffix = "Census Area"
    elif fips[:2] == "02":
        suffix = "Borough"
    elif fips[:2] == "22":
        suffix = "Parish"
    else:
        suffix = "County"
    stems = {bare}
    if bare.startswith("St. "):
        stems.add("Saint " + bare[4:])
    if bare.startswith("Ste. "):
        stems.add("Sainte " + bare[5:])
    for stem in list(stems):
        stems.add(_JOINED_PREFIX.sub(r"\1 \2", stem))
        stems.add(_SPACED_PREFIX.sub(r"\1\2", stem))
    stems |= {stem[:-2] + "s" for stem in stems if stem.endswith("'s")}
    full = f"{bare} {suffix}"
    names = {f"{stem} {suffix}" for stem in stems}
    if of:
        names |= {of + stem for stem in stems}
    return full, sorted(names - {full})


def _population_within(areas: list[Any], points: Any, population: list[int]) -> list[int]:
    """The population of the *points* inside each of *areas* (each point counted
    once, in the first area holding it, else in the nearest area within
    ``COUNTY_SNAP_DEGREES``)."""
    import numpy as np
    import shapely

    tree = shapely.STRtree(areas)
    owner = np.full(len(points), -1)
    for pi, ai in zip(*tree.query(points, predicate="intersects").tolist(), strict=True):
        if owner[pi] < 0 or ai < owner[pi]:
            owner[pi] = ai
    loose = np.flatnonzero(owner < 0)
    if len(loose):
        pi, ai = tree.query_nearest(
            points[loose], max_distance=COUNTY_SNAP_DEGREES, all_matches=False
        )
        owner[loose[pi]] = ai
    totals = [0] * len(areas)
    for pi, ai in enumerate(owner.tolist()):
        if ai >= 0:
            totals[ai] += population[pi]
    return totals
