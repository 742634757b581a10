"""Opt-in online geocoders (geopy backends) behind a disk cache and a rate limiter.

The order of the wrappers matters: a lookup first asks the cache, and only a
miss goes through geopy's ``RateLimiter`` to the service, so cached answers
never wait for the limiter.  Nothing here runs at import; a backend is built
only when :func:`get_geocoder` is called with its name.

A cached answer is served only for the same service, endpoint (scheme and
domain), backend settings and request (query text and every option sent), and
only while younger than ``cache_ttl`` (30 days by default); see
:mod:`deploymap.geocode.cache`.  The user agent is not part of the key: it
identifies the caller (Nominatim's usage policy asks for it) rather than
choosing the answer, and a service that refuses an agent answers with an
error, which is never cached.  What does choose the answer, such as the
language (``language=``), is a request option and keyed as such.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from deploymap.errors import (
    GeocoderConfigError,
    GeocoderError,
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from deploymap.geocode.cache import DEFAULT_MAX_AGE, GeocodeCache, default_cache_path, parse_age

__all__ = ["CachedGeocoder", "GeocodeCache", "default_cache_path", "get_geocoder", "parse_age"]

# Services whose terms ask for an identifying user agent.
NEEDS_USER_AGENT = {"nominatim"}
# Per-service minimum delay between requests, in seconds (their usage policies).
MIN_DELAY = {"nominatim": 1.0, "photon": 1.0}


# Backend settings that change how a request travels, not what it answers;
# domain and scheme are keyed as the endpoint.
_TRANSPORT = {"timeout", "proxies", "ssl_context", "adapter_factory", "user_agent"}


def _endpoint(backend: Any) -> str:
    """Where the backend sends its requests: ``scheme://domain`` (with any path)."""
    from urllib.parse import urlsplit

    scheme, domain = getattr(backend, "scheme", None), getattr(backend, "domain", None)
    if isinstance(scheme, str) and isinstance(domain, str) and domain:
        return f"{scheme}://{domain.strip('/')}"
    # services with a fixed host keep full URLs (api, geocode_api, reverse_api, ...)
    urls = {
        f"{u.scheme}://{u.netloc}"
        for v in vars(backend).values()
        if isinstance(v, str) and "://" in v and (u := urlsplit(v)).netloc
    }
    return " ".join(sorted(urls)) or f"{type(backend).__module__}.{type(backend).__qualname__}"


def _settings_digest(backend_kwargs: dict[str, Any]) -> str | None:
    """A digest of the backend settings that may change answers (API keys are never stored)."""
    rest = {k: v for k, v in backend_kwargs.items() if k not in _TRANSPORT | {"domain", "scheme"}}
    if not rest:
        return None
    text = json.dumps(rest, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _location_to_dict(loc: Any) -> dict[str, Any]:
    raw = loc.raw if isinstance(loc.raw, dict) else {}
    return {
        "name": loc.address,
        "lat": loc.latitude,
        "lon": loc.longitude,
        "raw": json.loads(json.dumps(raw, default=str)),
    }


def _dict_to_location(d: dict[str, Any]) -> Any:
    from geopy.location import Location
    from geopy.point import Point

    return Location(d["name"], Point(d["lat"], d["lon"]), d.get("raw") or {})


def _short(exc: BaseException) -> str:
    """The useful end of a transport error: urllib3 nests the cause in prose."""
    text = str(exc)
    for hint, say in (
        ("NameResolutionError", "name resolution failed (no network or DNS?)"),
        ("Name or service not known", "name resolution failed (no network or DNS?)"),
        ("Connection refused", "connection refused"),
        ("timed out", "timed out"),
        ("Network is unreachable", "network unreachable"),
    ):
        if hint in text:
            return say
    return text if len(text) <= 160 else text[:157] + "..."


def _translate(service: str, exc: Exception) -> GeocoderError:
    """Map geopy's exception tree onto deploymap's, keeping the service name."""
    from geopy import exc as gexc

    msg = f"{service}: {_short(exc)}"
    if isinstance(exc, gexc.GeocoderTimedOut):
        return GeocoderTimedOut(f"{msg}; try again later or use --fallback offline")
    if isinstance(exc, gexc.GeocoderRateLimited):
        return GeocoderRateLimited(f"{msg}; slow down or use --fallback offline")
    if isinstance(exc, gexc.GeocoderParseError):
        return GeocoderError(f"{service}: the service sent an answer that is not valid JSON")
    if isinstance(exc, gexc.GeocoderUnavailable | gexc.GeocoderServiceError | OSError):
        return GeocoderUnavailable(f"{msg}; check the network or use --fallback offline")
    return GeocoderError(msg)


def _retryable(exc: Exception) -> bool:
    """Timeouts, 429 and 5xx may pass; a bad answer or a refused request will not."""
    from geopy import exc as gexc

    if isinstance(exc, gexc.GeocoderParseError | gexc.GeocoderAuthenticationFailure):
        return False
    if isinstance(exc, gexc.GeocoderQueryError | gexc.GeocoderInsufficientPrivileges):
        return False
    if _short(exc).startswith(("name resolution failed", "connection refused")):
        return False  # no network or no service: retrying only makes the user wait
    return isinstance(exc, gexc.GeocoderTimedOut | gexc.GeocoderServiceError | OSError)


class CachedGeocoder:
    """A geopy backend wrapped as cache -> rate limiter -> service.

    ``geocode`` and ``reverse`` answer like geopy's; failures raise deploymap's
    :class:`~deploymap.errors.GeocoderError` subclasses, or fall back to
    *fallback* (usually the offline geocoder) when one is given.
    """

    def __init__(
        self,
        service: str,
        backend: Any,
        *,
        cache: GeocodeCache | None = None,
        cache_ttl: float = DEFAULT_MAX_AGE,
        settings: str | None = None,
        min_delay_seconds: float = 1.0,
        max_retries: int = 2,
        error_wait_seconds: float = 2.0,
        fallback: Any = None,
    ):
        from geopy.extra.rate_limiter import RateLimiter

        self.service = service
        self.backend = backend
        self.cache = cache
        self.cache_ttl = cache_ttl
        self.endpoint = _endpoint(backend)
        self._settings = settings
        self.fallback = fallback
        self.max_retries = max_retries
        self.error_wait_seconds = error_wait_seconds
        # The limiter spaces requests; retries with backoff are ours (see _call).
        self._geocode = RateLimiter(
            backend.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )
        self._reverse = RateLimiter(
            backend.reverse,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )
        self.failures: list[str] = []  # what went wrong before a fallback answered

    def _request(self, op: str, query: Any, options: dict[str, Any]) -> str:
        """The cache key of one request: everything sent that may change the answer."""
        key = {"op": op, "query": query, "options": options, "settings": self._settings}
        return json.dumps(key, sort_keys=True, ensure_ascii=False, default=repr)

    def _call(self, fn: Callable[..., Any], key: str, *args: Any, **kwargs: Any) -> list[Any]:
        if self.cache is not None:
            hit = self.cache.get(self.service, self.endpoint, key, max_age=self.cache_ttl)
            if hit is not None:
                return [_dict_to_location(d) for d in hit]  # no wait: the limiter is behind
        attempt = 0
        while True:
            try:
                res = fn(*args, **kwargs)
                break
            except Exception as e:
                if attempt >= self.max_retries or not _retryable(e):
                    raise _translate(self.service, e) from e
                # exponential backoff; a 429 may say how long to wait
                wait = self.error_wait_seconds * 2**attempt
                retry_after = getattr(e, "retry_after", None)
                if isinstance(retry_after, int | float) and retry_after > 0:
                    wait = max(wait, min(float(retry_after), 60.0))
                time.sleep(wait)
                attempt += 1
        locs = [] if res is None else (res if isinstance(res, list) else [res])
        if self.cache is not None:
            self.cache.put(self.service, self.endpoint, key, [_location_to_dict(x) for x in locs])
        return locs

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country: str | None = None,
        **options: Any,
    ) -> Any:
        """Like geopy's ``geocode``; *options* (``limit``, ``language``, ...) go to the backend."""
        kwargs: dict[str, Any] = {"exactly_one": exactly_one, **options}
        if country and self.service == "nominatim":
            kwargs["country_codes"] = country
        key = self._request("geocode", query, kwargs)
        try:
            locs = self._call(self._geocode, key, query, **kwargs)
        except GeocoderError as e:
            if self.fallback is None:
                raise
            self.failures.append(str(e))
            return self.fallback.geocode(query, exactly_one=exactly_one, country=country)
        if exactly_one:
            return locs[0] if locs else None
        return locs

    def reverse(self, query: Any, *, exactly_one: bool = True, **options: Any) -> Any:
        """Like geopy's ``reverse``; *options* (``language``, ``zoom``, ...) go to the backend."""
        from geopy.point import Point

        p = Point(query)
        kwargs: dict[str, Any] = {"exactly_one": exactly_one, **options}
        key = self._request("reverse", [round(p.latitude, 6), round(p.longitude, 6)], kwargs)
        try:
            locs = self._call(self._reverse, key, p, **kwargs)
        except GeocoderError as e:
            if self.fallback is None:
                raise
            self.failures.append(str(e))
            return self.fallback.reverse(p, exactly_one=exactly_one)
        if exactly_one:
            return locs[0] if locs else None
        return locs


def _check_user_agent(service: str, user_agent: str | None) -> None:
    if service not in NEEDS_USER_AGENT:
        return
    ua = (user_agent or "").strip()
    generic = re.fullmatch(r"(geopy|deploymap|python-urllib|python-requests)(/[\w.]*)?", ua.lower())
    if not ua or generic or len(ua) < 8:
        raise GeocoderConfigError(
            f"{service} needs a user agent that identifies you and your application, e.g. "
            '--user-agent "newsroom-maps/1.0 (you@example.org)"; see '
            "https://operations.osmfoundation.org/policies/nominatim/"
        )


def get_geocoder(
    name: str = "offline",
    *,
    user_agent: str | None = None,
    cache: GeocodeCache | str | os.PathLike[str] | bool | None = True,
    cache_ttl: float | str | timedelta | None = None,
    min_delay_seconds: float | None = None,
    fallback: str | None = None,
    max_retries: int = 2,
    error_wait_seconds: float = 2.0,
    **backend_kwargs: Any,
) -> Any:
    """A geocoder by name: ``"offline"`` (default) or any geopy service name.

    Parameters
    ----------
    name : str
        ``offline`` or a key of ``geopy.geocoders.SERVICE_TO_GEOCODER``
        (``nominatim``, ``arcgis``, ``photon``, ...).
    user_agent : str, optional
        Required for Nominatim: a string that identifies you.
    cache : bool, path or GeocodeCache
        ``True`` uses ``~/.cache/deploymap/geocode.sqlite``; ``False`` disables.
    cache_ttl : seconds, timedelta or str, optional
        Serve cached answers up to this age: seconds, or text like ``12h``,
        ``30d`` (see :func:`~deploymap.geocode.cache.parse_age`); default
        30 days; 0 always asks the service (and stores its fresh answer).
    min_delay_seconds : float, optional
        Pause between requests; defaults to the service's policy (1 s for Nominatim).
    fallback : {"offline", None}
        Answer from the embedded gazetteer when the service fails.
    max_retries, error_wait_seconds : int, float
        Timeouts, HTTP 429 and 5xx are retried this many times, waiting
        ``error_wait_seconds * 2**attempt`` (or the 429's Retry-After) between.
    **backend_kwargs
        Passed to the geopy class (``api_key``, ``domain``, ``scheme``, ``timeout``, ...).

    Examples
    --------
    >>> get_geocoder().geocode("Zvecan").raw["iso3"]
    'XKX'
    >>> get_geocoder("nominatim", user_agent="newsroom-maps/1.0 (me@example.org)",
    ...              cache=False, cache_ttl="12h").endpoint
    'https://nominatim.openstreetmap.org'
    """
    ttl = parse_age(cache_ttl)
    key = name.lower()
    if key == "offline":
        from deploymap.geocode.offline import OfflineGeocoder

        return OfflineGeocoder()
    from geopy.geocoders import SERVICE_TO_GEOCODER

    if key not in SERVICE_TO_GEOCODER:
        known = ", ".join(["offline", *sorted(SERVICE_TO_GEOCODER)])
        raise GeocoderConfigError(f"unknown geocoder {name!r}; choose one of: {known}")
    _check_user_agent(key, user_agent)
    cls = SERVICE_TO_GEOCODER[key]
    settings = _settings_digest(backend_kwargs)
    if user_agent:
        backend_kwargs.setdefault("user_agent", user_agent)
    # geopy's urllib adapter makes one request per call (the requests adapter
    # retries inside urllib3 and turns timeouts into "unavailable"); retries with
    # backoff are CachedGeocoder's, so they are counted and spaced in one place.
    from geopy.adapters import URLLibAdapter

    backend_kwargs.setdefault("adapter_factory", URLLibAdapter)
    try:
        backend = cls(**backend_kwargs)
    except Exception as e:
        raise GeocoderConfigError(f"cannot set up geocoder {name!r}: {e}") from e
    if cache is True:
        store: GeocodeCache | None = GeocodeCache()
    elif cache is False or cache is None:
        store = None
    elif isinstance(cache, GeocodeCache):
        store = cache
    else:
        store = GeocodeCache(cache)
    fb = None
    if fallback == "offline":
        from deploymap.geocode.offline import OfflineGeocoder

        fb = OfflineGeocoder()
    elif fallback:
        raise GeocoderConfigError(f"unknown fallback {fallback!r}; the only one is 'offline'")
    delay = MIN_DELAY.get(key, 0.0) if min_delay_seconds is None else min_delay_seconds
    return CachedGeocoder(
        key,
        backend,
        cache=store,
        cache_ttl=ttl,
        settings=settings,
        min_delay_seconds=delay,
        max_retries=max_retries,
        error_wait_seconds=error_wait_seconds,
        fallback=fb,
    )
