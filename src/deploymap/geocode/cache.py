"""The online geocoders' answer cache: one SQLite file, keyed by who was asked what.

An entry's key is the service, its endpoint (scheme and domain, e.g.
``https://nominatim.openstreetmap.org`` or ``http://127.0.0.1:8080``) and the
request (operation, query text and every option sent), so an answer from one
server is never served as another's.  Entries carry the time they were
fetched and are served only while younger than the caller's ``max_age``.

The cache never stops a lookup.  A file that is not a readable SQLite
database (garbage, truncated, a folder in its place) is renamed
``<name>.corrupt-<time>`` with one warning and a fresh one is started; a
file or folder that cannot be written is read without being written; anything
else the cache cannot do is said once and the lookups go on uncached.

The layout is versioned with SQLite's ``user_version``: files of another
layout (version 1 kept no endpoint in its keys) are never read.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import sqlite3
import stat
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from deploymap.errors import GeocoderConfigError

__all__ = ["DEFAULT_MAX_AGE", "GeocodeCache", "default_cache_path", "parse_age"]

SCHEMA = 2
TABLE = "answers_v2"  # a new name per layout: older deploymaps never see it
DEFAULT_MAX_AGE = 30 * 86400.0  # seconds
# An entry dated further ahead than this is not trusted (a clock set back, or a forged file).
_CLOCK_SLACK = 300.0
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_AGE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*", re.IGNORECASE)
# SQLite primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_READ_ONLY = {3, 8, 14, 23}  # SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_AUTH
_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED


def default_cache_path() -> Path:
    """``$XDG_CACHE_HOME/deploymap/geocode.sqlite`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "deploymap" / "geocode.sqlite"


def parse_age(value: float | int | str | timedelta | None) -> float:
    """A cache age in seconds from a number, a ``timedelta`` or text like ``12h``.

    Text is a number of seconds or a number with one unit: ``s``, ``m``,
    ``h``, ``d`` or ``w``.  ``None`` is the default, 30 days; 0 serves nothing.

    Examples
    --------
    >>> parse_age("30d"), parse_age("12h"), parse_age("90"), parse_age(0)
    (2592000.0, 43200.0, 90.0, 0.0)
    >>> parse_age("soon")
    Traceback (most recent call last):
    ...
    deploymap.errors.GeocoderConfigError: cache TTL 'soon' (--cache-ttl) is not ...
    """
    if value is None:
        return DEFAULT_MAX_AGE
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str) and (m := _AGE.fullmatch(value)):
        seconds = float(m.group(1)) * _UNITS[m.group(2).lower()]
    else:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds >= 0):
        raise GeocoderConfigError(
            f"cache TTL {value!r} (--cache-ttl) is not a duration: give seconds (3600) or "
            "a number with a unit s, m, h, d or w (45m, 12h, 30d); 0 reads nothing from the cache"
        )
    return seconds


def _code(e: sqlite3.Error) -> int:
    return (getattr(e, "sqlite_errorcode", None) or 0) & 0xFF


def _storable(text: str) -> str:
    """*text* as SQLite can store it: a lone surrogate (from a file name) has no UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "backslashreplace")
    return text


def _warn_stderr(message: str) -> None:
    from deploymap.terminal import printable

    print(f"deploymap: warning: {printable(message)}", file=sys.stderr)


class GeocodeCache:
    """A persistent answer cache in SQLite (WAL mode: safe across processes).

    The file is opened on first use, not when the object is made.

    Parameters
    ----------
    path : path, optional
        The SQLite file; :func:`default_cache_path` by default.
    warn : callable, optional
        Called with a one-line message the first time the cache cannot be
        used as asked (later problems are not repeated); by default it is
        printed on stderr.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> cache = GeocodeCache(pathlib.Path(tempfile.mkdtemp()) / "c.sqlite")
    >>> cache.put("nominatim", "https://nominatim.openstreetmap.org", "q", [])
    >>> cache.get("nominatim", "https://nominatim.openstreetmap.org", "q")
    []
    >>> cache.get("nominatim", "http://127.0.0.1:8080", "q") is None
    True
    >>> cache.close()
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        warn: Callable[[str], None] | None = None,
    ):
        self.path = Path(path) if path is not None else default_cache_path()
        self._warn_fn = warn or _warn_stderr
        self._con: sqlite3.Connection | None = None
        self._state = "closed"  # closed | open | read-only | off
        self._warned = False
        self._moved = False  # one fresh start after moving a bad file aside
        self._ident: tuple[int, int] | None = None  # (st_dev, st_ino) of the opened file

    def get(
        self, service: str, endpoint: str, request: str, *, max_age: float | None = None
    ) -> list[dict[str, Any]] | None:
        """The stored answer, or ``None`` when there is none younger than *max_age* seconds."""
        age = DEFAULT_MAX_AGE if max_age is None else max_age
        if age <= 0:
            return None
        con = self._connect()
        if con is None:
            return None
        now = time.time()
        try:
            row = con.execute(
                f"SELECT answer, created FROM {TABLE} "
                "WHERE service = ? AND endpoint = ? AND request = ?",
                (_storable(service), _storable(endpoint), _storable(request)),
            ).fetchone()
        except sqlite3.Error as e:
            self._failed(e, "cannot read it")
            return None
        if row is None or not isinstance(row[1], int | float):
            return None
        if not (now - age <= row[1] <= now + _CLOCK_SLACK):
            return None  # expired, or dated in the future
        return _valid_answer(row[0])

    def put(self, service: str, endpoint: str, request: str, answer: list[dict[str, Any]]) -> None:
        """Store *answer* with the current time (skipped when the cache is read-only)."""
        con = self._connect()
        if con is None or self._state != "open":
            return
        try:
            with con:
                con.execute(
                    f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?, ?)",
                    (
                        _storable(service),
                        _storable(endpoint),
                        _storable(request),
                        json.dumps(answer, sort_keys=True),
                        time.time(),
                    ),
                )
        except sqlite3.Error as e:
            self._failed(e, "cannot store answers in it")

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
        self._con = None
        if self._state in ("open", "read-only"):
            self._state = "closed"

    # -- opening ----------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self._state == "off":
            return None
        if self._con is not None:
            return self._con
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            st = None
        except OSError as e:
            self._off(f"cannot use {self.path} ({e.strerror or e}); answers are not cached")
            return None
        if st is not None and stat.S_ISDIR(st.st_mode):
            self._ident = (st.st_dev, st.st_ino)
            self._move_aside("it is a folder")
            return None
        if st is not None and not stat.S_ISREG(st.st_mode):
            self._off(f"{self.path} is not a regular file; answers are not cached")
            return None
        self._ident = (st.st_dev, st.st_ino) if st is not None else None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            if st is None:
                self._off(
                    f"cannot create the geocoder cache {self.path} ({e.strerror or e}); "
                    "answers are not cached"
                )
                return None
        try:
            self._con = self._open_writable()
            self._state = "open"
            if self._ident is None:
                st = os.stat(self.path)
                self._ident = (st.st_dev, st.st_ino)
        except sqlite3.Error as e:
            self._close_quietly()
            if _code(e) in _CORRUPT:
                self._move_aside(str(e))
                return None
            if _code(e) not in _READ_ONLY:
                self._off(f"cannot open the geocoder cache {self.path} ({e})")
                return None
            if st is None:
                self._off(
                    f"cannot create the geocoder cache {self.path} ({e}); answers are not cached"
                )
                return None
            return self._open_read_only()
        except _LayoutError as e:
            self._close_quietly()
            self._off(str(e))
            return None
        except OSError as e:
            self._close_quietly()
            self._off(f"cannot use {self.path} ({e.strerror or e}); answers are not cached")
            return None
        return self._con

    def _open_writable(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self._con = con
        if (version := _version(con)) > SCHEMA:  # before WAL, which rewrites the header
            raise _LayoutError(self._newer_layout(version))
        # Several processes may create the file at once; switching it to WAL
        # takes a lock that the busy timeout does not always cover.
        for attempt in range(50):
            try:
                con.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as e:
                if attempt == 49 or _code(e) not in _BUSY:
                    raise
                time.sleep(0.1)
        con.execute("PRAGMA synchronous=NORMAL")
        if _version(con) != SCHEMA:
            con.execute("BEGIN IMMEDIATE")  # another process may be upgrading the same file
            try:
                if (version := _version(con)) > SCHEMA:
                    raise _LayoutError(self._newer_layout(version))
                if version < SCHEMA:
                    _upgrade(con)
                con.commit()
            except BaseException:
                con.rollback()
                raise
        return con

    def _open_read_only(self) -> sqlite3.Connection | None:
        """Read a cache this process may not write: the file, or its folder (WAL's -shm)."""
        from urllib.request import pathname2url

        uri = "file:" + pathname2url(os.path.abspath(self.path))
        # mode=ro reads a WAL file when its folder is writable; immutable=1 when it
        # is not (nobody can be writing it then: a writer needs the folder too).
        for flags in ("?mode=ro", "?immutable=1"):
            try:
                con = sqlite3.connect(uri + flags, uri=True, timeout=30, check_same_thread=False)
            except sqlite3.Error:
                continue
            try:
                version = _version(con)
                if version == SCHEMA:
                    con.execute(f"SELECT 1 FROM {TABLE} LIMIT 1").fetchall()
            except sqlite3.Error as e:
                con.close()
                if _code(e) in _CORRUPT:
                    self._move_aside(str(e))
                    return None
                continue
            if version != SCHEMA:
                con.close()
                if version > SCHEMA:
                    self._off(self._newer_layout(version))
                    return None
                # an older layout, which this process may not upgrade: nothing to serve
                self._off(
                    f"the geocoder cache {self.path} is read-only and of an older layout; "
                    "answers are not cached"
                )
                return None
            self._con = con
            self._state = "read-only"
            return con
        self._off(f"cannot read the geocoder cache {self.path}; answers are not cached")
        return None

    # -- trouble ----------------------------------------------------------------

    def _newer_layout(self, version: int) -> str:
        return (
            f"the geocoder cache {self.path} has layout {version}, newer than this "
            f"deploymap's {SCHEMA}; it is left alone and answers are not cached"
        )

    def _failed(self, e: sqlite3.Error, doing: str) -> None:
        """A read or write failed on an open cache."""
        self._close_quietly()
        if _code(e) in _CORRUPT:
            self._move_aside(str(e))
        elif _code(e) in _READ_ONLY and self._state == "open":
            self._open_read_only()  # the file or folder became read-only: keep reading
        else:
            self._off(f"geocoder cache {self.path}: {doing} ({e}); answers are not cached")

    def _move_aside(self, reason: str) -> None:
        """Rename a damaged cache (and its WAL files) out of the way, once."""
        self._close_quietly()
        if self._moved:
            self._off(f"the new geocoder cache {self.path} is unreadable too ({reason})")
            return
        self._moved = True
        stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            st = os.stat(self.path)
            # another process may already have replaced it with a fresh cache
            if self._ident is None or (st.st_dev, st.st_ino) == self._ident:
                os.replace(self.path, aside)
                for sidecar in ("-wal", "-shm"):
                    old = self.path.with_name(self.path.name + sidecar)
                    if old.exists():
                        os.replace(old, aside.with_name(aside.name + sidecar))
        except FileNotFoundError:
            pass
        except OSError as e:
            self._off(
                f"the geocoder cache {self.path} is unreadable ({reason}) and cannot be moved "
                f"aside ({e.strerror or e}); answers are not cached"
            )
            return
        self._warn(
            f"the geocoder cache {self.path} was unreadable ({reason}); moved it to "
            f"{aside.name} and started a new one"
        )
        self._state = "closed"
        self._ident = None

    def _off(self, message: str) -> None:
        self._close_quietly()
        self._state = "off"
        self._warn(message)

    def _warn(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            self._warn_fn(message)

    def _close_quietly(self) -> None:
        if self._con is not None:
            with contextlib.suppress(sqlite3.Error):
                self._con.close()
        self._con = None


class _LayoutError(Exception):
    """The file has a layout this deploymap does not know."""


def _version(con: sqlite3.Connection) -> int:
    return int(con.execute("PRAGMA user_version").fetchone()[0])


def _upgrade(con: sqlite3.Connection) -> None:
    """Make the current layout; drop a version-1 table (keys without endpoints)."""
    columns = [r[1] for r in con.execute("PRAGMA table_info(answers)")]
    if columns == ["service", "query", "answer", "created"]:
        con.execute("DROP TABLE answers")
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (service TEXT NOT NULL, endpoint TEXT NOT NULL, "
        "request TEXT NOT NULL, answer TEXT NOT NULL, created REAL NOT NULL, "
        "PRIMARY KEY (service, endpoint, request))"
    )
    con.execute(f"PRAGMA user_version = {SCHEMA}")


def _valid_answer(text: Any) -> list[dict[str, Any]] | None:
    """A stored answer as a list of places, or ``None`` (a miss) if it is not one."""
    try:
        answer = json.loads(text)
    except (TypeError, ValueError):
        return None
    if not isinstance(answer, list):
        return None
    for d in answer:
        if not (isinstance(d, dict) and isinstance(d.get("name"), str | type(None))):
            return None
        if not isinstance(d.get("raw", {}), dict):
            return None
        for k in ("lat", "lon"):
            if not (isinstance(d.get(k), int | float) and math.isfinite(d[k])):
                return None
    return answer
