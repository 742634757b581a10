"""The offline geocoder on names that trip up naive gazetteers."""

from __future__ import annotations

import math

import pytest

# (query, country bias, expected ISO3, expected lat, lon) -- coordinates from
# GeoNames / Wikipedia; a hit must land within 25 km.
CASES = [
    ("Prishtina", None, "XKX", 42.667, 21.166),
    ("Pristina", None, "XKX", 42.667, 21.166),
    ("Priština", None, "XKX", 42.667, 21.166),
    ("Zvečan", None, "XKX", 42.907, 20.840),
    ("Zvecan", None, "XKX", 42.907, 20.840),
    ("Mitrovica", None, "XKX", 42.883, 20.867),
    ("Mitrovica, Kosovo", None, "XKX", 42.883, 20.867),
    ("Mitrovica, Serbia", None, "SRB", 44.976, 19.612),
    ("Sremska Mitrovica", None, "SRB", 44.976, 19.612),
    ("Naqoura", None, "LBN", 33.118, 35.139),
    ("Tyre", None, "LBN", 33.271, 35.196),
    ("Tyre, Lebanon", None, "LBN", 33.271, 35.196),
    ("Beni", "COD", "COD", 0.491, 29.473),
    ("Banjska", None, "XKX", 42.98, 20.78),
    ("Camp Bondsteel", None, "XKX", 42.366, 21.249),
    ("Goma", None, "COD", -1.679, 29.228),
    ("Juba", None, "SSD", 4.852, 31.582),
    ("Laayoune", None, "ESH", 27.154, -13.203),
]


def km(lat1, lon1, lat2, lon2):
    r = math.radians
    h = (
        math.sin(r(lat2 - lat1) / 2) ** 2
        + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(("query", "country", "iso3", "lat", "lon"), CASES)
def test_hard_names_land_within_25_km(geocoder, query, country, iso3, lat, lon):
    loc = geocoder.geocode(query, country=country)
    assert loc is not None, query
    assert loc.raw["iso3"] == iso3
    assert km(loc.latitude, loc.longitude, lat, lon) <= 25


def test_georgia_is_the_country_unless_biased(geocoder):
    assert geocoder.geocode("Georgia").raw["kind"] == "country"
    assert geocoder.geocode("Georgia").raw["iso3"] == "GEO"
    us = geocoder.geocode("Georgia", country="USA")
    assert us.raw["iso3"] == "USA" and us.raw["kind"] == "admin1"


def test_kosovo_is_xkx(geocoder):
    loc = geocoder.geocode("Kosovo")
    assert loc.raw["iso3"] == "XKX" and loc.raw["kind"] == "country"
    assert 41.8 < loc.latitude < 43.3 and 20.0 < loc.longitude < 21.8


def test_location_is_a_geopy_location_with_raw_fields(geocoder):
    from geopy.location import Location

    loc = geocoder.geocode("Pristina")
    assert isinstance(loc, Location)
    for key in ("iso3", "kind", "population", "id"):
        assert key in loc.raw
    assert loc.raw["id"].startswith("geonames:")
    assert loc.point.latitude == pytest.approx(loc.raw["lat"])


def test_exactly_one_false_gives_ranked_candidates(geocoder):
    cands = geocoder.geocode("Mitrovica", exactly_one=False)
    assert len(cands) >= 2
    assert {c.raw["iso3"] for c in cands} >= {"XKX", "SRB"}
    scores = [c.raw["score"] for c in cands]
    assert scores == sorted(scores, reverse=True)


def test_country_bias_reorders(geocoder):
    assert geocoder.geocode("Mitrovica", country="SRB").raw["iso3"] == "SRB"
    assert geocoder.geocode("Mitrovica", country="Serbia").raw["iso3"] == "SRB"


def test_unknown_place_gives_none(geocoder):
    assert geocoder.geocode("Qwzxqwzx") is None


def test_reverse_gives_place_and_country(geocoder):
    loc = geocoder.reverse((42.66, 21.16))
    assert loc.raw["name"] == "Pristina"
    assert loc.raw["country_iso3"] == "XKX"
    at_sea = geocoder.reverse((35.0, 18.0))
    assert at_sea.raw["country_iso3"] is None
    # the UN view, with the territory drawn apart kept alongside
    hargeisa = geocoder.reverse((9.56, 44.06)).raw
    assert (hargeisa["country_iso3"], hargeisa["territory_iso3"]) == ("SOM", "SOL")


def test_works_under_geopy_rate_limiter(geocoder):
    from geopy.extra.rate_limiter import RateLimiter

    limited = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    assert limited("Zvecan").raw["iso3"] == "XKX"


def test_works_as_geopandas_provider(geocoder):
    from geopandas.tools import geocode

    gdf = geocode(["Pristina", "Tyre, Lebanon", "Banjska"], provider=geocoder)
    assert len(gdf) == 3
    assert gdf.geometry.notna().all()
    # GeoDataFrame points are (lon, lat): Pristina is at x ~ 21.2, y ~ 42.7
    assert abs(gdf.geometry.iloc[0].x - 21.17) < 0.2
    assert abs(gdf.geometry.iloc[0].y - 42.67) < 0.2


def test_offline_geocoder_refuses_network(geocoder):
    with pytest.raises(RuntimeError, match="does not use the network"):
        geocoder.adapter.get_json("http://example.org", timeout=1, headers={})


# -- US counties (admin2) ------------------------------------------------------------------


def test_county_with_its_state(geocoder):
    loc = geocoder.geocode("Metcalfe County, Kentucky")
    assert loc.raw["id"] == "fips:21169" and loc.raw["kind"] == "admin2"
    assert loc.raw["admin1"] == "Kentucky" and loc.raw["iso3"] == "USA"
    assert loc.address == "Metcalfe County, Kentucky, USA"
    assert km(loc.latitude, loc.longitude, 36.99, -85.63) <= 25


def test_county_name_shared_by_17_states_is_settled_by_the_state(geocoder):
    # "Missouri" is also a countrynames spelling of the United States: the
    # state, a real name, qualifies first.
    loc = geocoder.geocode("Monroe County, Missouri")
    assert loc.raw["id"] == "fips:29137" and loc.raw["admin1"] == "Missouri"
    assert geocoder.geocode("Monroe County, Illinois").raw["admin1"] == "Illinois"


def test_county_alone_is_the_most_populous(geocoder):
    loc = geocoder.geocode("Monroe County")
    assert loc.raw["kind"] == "admin2" and loc.raw["admin1"] == "New York"
    assert km(loc.latitude, loc.longitude, 43.15, -77.68) <= 40  # around Rochester
    cands = geocoder.geocode("Monroe County", exactly_one=False)
    assert len(cands) == 17


def test_louisiana_parish(geocoder):
    loc = geocoder.geocode("St. Tammany Parish, Louisiana")
    assert loc.raw["id"] == "fips:22103" and loc.raw["kind"] == "admin2"
    assert geocoder.geocode("Saint Tammany Parish").raw["id"] == "fips:22103"


def test_virginia_independent_city_is_a_city(geocoder):
    loc = geocoder.geocode("Richmond, Virginia")
    assert loc.raw["kind"] in ("city", "capital") and loc.raw["admin1"] == "Virginia"
    county = geocoder.geocode("Richmond County, Virginia")
    assert county.raw["id"] == "fips:51159"


def test_town_qualified_by_its_county(geocoder):
    # Counties are points: the qualifier keeps the county's state, nearest first.
    assert geocoder.geocode("Rochester, Olmsted County").raw["admin1"] == "Minnesota"
    assert geocoder.geocode("Rochester, Monroe County").raw["admin1"] == "New York"
    paris = geocoder.geocode("Paris, Monroe County, Missouri")
    assert paris.raw["admin1"] == "Missouri"
    assert km(paris.latitude, paris.longitude, 39.48, -92.00) <= 25
    structured = geocoder.geocode(
        {"city": "Rochester", "county": "Monroe County", "state": "New York"}
    )
    assert structured.raw["name"] == "Rochester" and structured.raw["admin1"] == "New York"


def test_qualifier_readings_are_tried_in_turn(geocoder):
    # Georgia the country has no Atlanta; Illinois is first the state.
    atlanta = geocoder.geocode("Atlanta, Georgia")
    assert atlanta.raw["admin1"] == "Georgia" and atlanta.raw["iso3"] == "USA"
    assert geocoder.geocode("Springfield, Illinois").raw["admin1"] == "Illinois"
