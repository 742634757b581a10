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
    """Geocode with the embedded gazetteer (GeoNames, Natural Earth, curated sites).

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

    def _resolve(self, query: str, country: str | None) -> list[Candidate]:
        gaz = self.gazetteer
        head, sep, tail = query.rpartition(",")
        if sep and head.strip() and tail.strip():
            # "Town, Country" or "Town, Province": the qualifier filters.
            qual = gaz.candidates(tail.strip(), kinds=("country", "admin1"))
            if qual:
                q = qual[0].place
                cands = [
                    c
                    for c in self._resolve(head.strip(), country or q.iso3)
                    if c.place.iso3 == q.iso3 and (q.kind == "country" or c.place.admin1 == q.name)
                ]
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
            A place name, optionally qualified: ``"Mitrovica, Kosovo"``.  A geopy
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
        (None at sea); past 50 km from any place, the country itself is returned.
        """
        from geopy.distance import distance

        point = Point(query)
        gaz = self.gazetteer
        iso3 = gaz.country_at(point.latitude, point.longitude)
        place = gaz.nearest(point.latitude, point.longitude)
        km = distance((point.latitude, point.longitude), (place.lat, place.lon)).km
        if km > REVERSE_MAX_KM and iso3:
            place = gaz.country(iso3)
        loc = place_to_location(place)
        loc.raw["country_iso3"] = iso3
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
