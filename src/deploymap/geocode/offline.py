"""OfflineGeocoder: the embedded gazetteer behind geopy's ``Geocoder`` interface.

It answers ``geocode`` and ``reverse`` like any geopy backend, so it drops into
``geopy.extra.rate_limiter.RateLimiter`` or
``geopandas.tools.geocode(..., provider=OfflineGeocoder())``, but it never opens
a socket: its adapter refuses every request.

Examples
--------
>>> geo = OfflineGeocoder()
>>> loc = geo.geocode("Priština")
>>> loc.raw["iso3"], round(loc.latitude, 1), round(loc.longitude, 1)
('XKX', 42.7, 21.2)
>>> geo.geocode("Mitrovica, Serbia").raw["iso3"]
'SRB'
"""

from __future__ import annotations

import math
from typing import Any

from geopy.adapters import BaseSyncAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from deploymap.errors import InputError
from deploymap.gazetteer import Gazetteer
from deploymap.model import Candidate, Place

# How far reverse() looks for a named place before answering with the country.
REVERSE_MAX_KM = 50.0
# Kinds that can qualify a name: "Town, Country", "Town, State", "Town, County".
QUALIFIER_KINDS = ("country", "admin1", "admin2")


def _inside(place: Place, area: Place) -> bool:
    """Whether *place* may lie in *area* (a country, admin-1 unit or US county),
    as far as the gazetteer records: places know their country and admin-1 unit,
    not their county, so inside a county means inside the county's state."""
    if place.id == area.id:
        return True
    if place.iso3 != area.iso3:
        return False
    if area.kind == "admin1":
        return place.admin1 == area.name
    if area.kind == "admin2":
        return place.kind != "admin2" and place.admin1 == area.admin1
    return area.kind == "country"


def _sq_distance(a: Place, b: Place) -> float:
    """Squared equirectangular distance in degrees: enough to order nearby places."""
    dx = (a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return dx * dx + (a.lat - b.lat) ** 2


class _NoNetworkAdapter(BaseSyncAdapter):
    """An adapter that refuses to fetch: the offline geocoder has no reason to."""

    def __init__(self, *, proxies: Any = None, ssl_context: Any = None):
        super().__init__(proxies=proxies, ssl_context=ssl_context)

    def get_json(self, url: str, *, timeout: Any, headers: Any) -> Any:
        raise RuntimeError(f"OfflineGeocoder does not use the network (asked for {url})")

    def get_text(self, url: str, *, timeout: Any, headers: Any) -> str:
        raise RuntimeError(f"OfflineGeocoder does not use the network (asked for {url})")


def place_to_location(place: Place, score: float | None = None, form: str = "") -> Location:
    """Wrap a :class:`Place` as a geopy ``Location`` (``raw`` keeps every field)."""
    raw = {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "iso3": place.iso3,
        "lat": place.lat,
        "lon": place.lon,
        "population": place.population,
        "admin1": place.admin1,
        "source": place.source,
    }
    if score is not None:
        raw["score"] = round(score, 3)
        raw["match"] = form
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name and place.kind not in ("country", "admin1"):
        parts.append(place.admin1)
    if place.kind != "country":
        parts.append(place.iso3)
    return Location(", ".join(p for p in parts if p), Point(place.lat, place.lon), raw)


class OfflineGeocoder(Geocoder):
    """Geocode with the embedded gazetteer (GeoNames, Natural Earth, US Census
    counties, curated sites).

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the embedded one.
    """

    def __init__(self, gazetteer: Gazetteer | None = None):
        super().__init__(
            scheme="https", user_agent="deploymap-offline", adapter_factory=_NoNetworkAdapter
        )
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()

    def __call__(self, **kwargs: Any) -> OfflineGeocoder:
        """Return self, so ``geopandas.tools.geocode(..., provider=OfflineGeocoder())``
        works: geopandas calls *provider* as if it were a class."""
        return self

    def _resolve(
        self, query: str, country: str | None, within: Place | None = None
    ) -> list[Candidate]:
        gaz = self.gazetteer
        head, sep, tail = query.rpartition(",")
        if sep and head.strip() and tail.strip():
            # "Town, Country", "Town, State" or "Town, County": the qualifier filters.
            # Each reading of the qualifier is tried, best first, until one holds the
            # town ("Atlanta, Georgia" is not in the country).  Nested ("Paris, Monroe
            # County, Missouri"): the inner one lies in the outer.
            qual = [
                c.place
                for c in gaz.candidates(tail.strip(), kinds=QUALIFIER_KINDS)
                if within is None or _inside(c.place, within)
            ]
            for q in qual:
                cands = [
                    c
                    for c in self._resolve(head.strip(), country or q.iso3, q)
                    if _inside(c.place, q)
                ]
                if q.kind == "admin2":
                    # Counties are points: of the state's places, the nearest is in it.
                    cands.sort(key=lambda c: _sq_distance(c.place, q))
                if cands:
                    return cands
        return gaz.candidates(query.strip(), country=country)

    def geocode(
        self,
        query: str | dict[str, str],
        *,
        exactly_one: bool = True,
        country: str | None = None,
        limit: int | None = None,
        timeout: Any = None,
    ) -> Location | list[Location] | None:
        """Find *query* in the gazetteer.

        Parameters
        ----------
        query : str or dict
            A place name, optionally qualified by a country, an admin-1 unit or a
            US county: ``"Mitrovica, Kosovo"``, ``"Monroe County, Missouri"``,
            ``"Rochester, Monroe County, New York"``.  A geopy
            structured query (``{"city": ..., "country": ...}``) is joined the same way.
        exactly_one : bool
            Return the best match, or a ranked list of candidates.
        country : str, optional
            ISO3 (or ISO2) code to favour.
        limit : int, optional
            Cap the list when ``exactly_one=False``.
        """
        if isinstance(query, dict):
            order = ("street", "city", "county", "state", "country")
            query = ", ".join(query[k] for k in order if query.get(k))
        if not isinstance(query, str) or not query.strip():
            raise InputError("geocode needs a non-empty place name")
        bias = self._country_code(country)
        cands = self._resolve(query, bias)
        if not cands:
            return None
        if exactly_one:
            c = cands[0]
            return place_to_location(c.place, c.score, c.form)
        cands = cands[:limit] if limit else cands
        return [place_to_location(c.place, c.score, c.form) for c in cands]

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = None,
    ) -> Location | list[Location] | None:
        """The nearest named place to ``(lat, lon)`` and the country holding it.

        ``raw["country_iso3"]`` is the country whose boundary contains the point
        (None at sea), in the UN view (a point in Somaliland answers SOM);
        ``raw["territory_iso3"]`` is the territory drawn apart there (SOL), or the
        same code. Past 50 km from any place, the country itself is returned.
        """
        from geopy.distance import distance

        point = Point(query)
        gaz = self.gazetteer
        territory = gaz.country_at(point.latitude, point.longitude)
        iso3 = gaz.sovereign(territory) if territory else None
        place = gaz.nearest(point.latitude, point.longitude)
        km = distance((point.latitude, point.longitude), (place.lat, place.lon)).km
        if km > REVERSE_MAX_KM and iso3:
            place = gaz.country(iso3)
        loc = place_to_location(place)
        loc.raw["country_iso3"] = iso3
        loc.raw["territory_iso3"] = territory
        loc.raw["distance_km"] = round(km, 3)
        return loc if exactly_one else [loc]

    def _country_code(self, country: str | None) -> str | None:
        if not country:
            return None
        code = country.strip().upper()
        if len(code) in (2, 3) and code.isalpha():
            try:
                return self.gazetteer.country(code).iso3
            except KeyError:
                pass
        found = self.gazetteer.candidates(country, kinds=("country",))
        if not found:
            raise InputError(f"unknown country {country!r}: give an ISO3 code such as TUR or XKX")
        return found[0].place.iso3
