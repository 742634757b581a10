"""Web addresses, fetched only when asked (``deploymap extract --fetch URL``).

Like the online geocoders, fetching is opt-in: nothing else in deploymap
reaches the network.  A fetch sends a real User-Agent, gives up after a
timeout, refuses a page larger than a size limit, follows at most a few
redirects (http and https only) and keeps the page in a cache on disk
(``$XDG_CACHE_HOME/deploymap/pages/``, ``~/.cache`` by default) so a second
run reads it from there.  The page is then read as HTML, PDF or text by its
content type.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from deploymap._version import __version__
from deploymap.errors import InputError
from deploymap.inputs.article import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "Page",
    "fetch_page",
    "page_cache_dir",
    "read_url",
]

USER_AGENT = f"deploymap/{__version__} (+https://pypi.org/project/deploymap/)"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 10_000_000
#: Cached pages are served up to this age (seconds).
CACHE_TTL = 7 * 24 * 3600


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: the address it ended at, its content type and bytes."""

    url: str
    content_type: str
    data: bytes


def page_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/deploymap/pages`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "deploymap" / "pages"


def _cached(url: str, folder: Path) -> Page | None:
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()
    meta, body = folder / f"{key}.json", folder / f"{key}.body"
    try:
        if time.time() - meta.stat().st_mtime > CACHE_TTL:
            return None
        info = json.loads(meta.read_text("utf-8"))
        if info.get("request") != url:
            return None
        return Page(str(info["url"]), str(info["content_type"]), body.read_bytes())
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(request: str, page: Page, folder: Path) -> None:
    key = hashlib.sha256(request.encode("utf-8")).hexdigest()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        from deploymap.io import write_bytes_atomic, write_text_atomic

        write_bytes_atomic(folder / f"{key}.body", page.data)
        info = {"request": request, "url": page.url, "content_type": page.content_type}
        write_text_atomic(folder / f"{key}.json", json.dumps(info))
    except (OSError, InputError):
        pass  # a cache that cannot be written only costs a fetch next time


def fetch_page(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    cache: Path | bool | None = True,
) -> Page:
    """Fetch one page over http(s), within a timeout and a size limit, through the cache.

    Parameters
    ----------
    url : str
        An ``http://`` or ``https://`` address.
    timeout : float, optional
        Seconds to wait for the server (:data:`DEFAULT_TIMEOUT`).
    max_bytes : int, optional
        The largest page accepted (:data:`DEFAULT_MAX_BYTES`).
    cache : Path or bool
        The cache folder; True: :func:`page_cache_dir`; False: no cache.

    Raises
    ------
    InputError
        Not an http(s) address, the page is too large, or the server answered
        with an error status.
    GeocoderUnavailable
        The server cannot be reached or did not answer in time (exit code 3,
        as for the online geocoders).
    """
    import urllib.error
    import urllib.request

    from deploymap.errors import GeocoderUnavailable

    if not url.lower().startswith(("http://", "https://")):
        raise InputError(f"{url}: only http:// and https:// addresses are fetched")
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    folder = page_cache_dir() if cache is True else (cache or None)
    if folder is not None:
        hit = _cached(url, folder)
        if hit is not None:
            return hit

    class _Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = 5

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if not newurl.lower().startswith(("http://", "https://")):
                raise InputError(f"{url}: redirected to {newurl}, which is not http(s)")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.build_opener(_Redirects)
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9",
        },
    )
    try:
        with opener.open(request, timeout=timeout) as answer:
            declared = answer.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise InputError(
                    f"{url}: the page is {int(declared):,} bytes, more than the "
                    f"{limit:,} allowed (--max-doc-size)"
                )
            data = answer.read(limit + 1)
            if len(data) > limit:
                raise InputError(f"{url}: the page is larger than the {limit:,} bytes allowed")
            page = Page(answer.geturl(), answer.headers.get_content_type(), data)
    except urllib.error.HTTPError as e:
        raise InputError(f"{url}: the server answered {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise GeocoderUnavailable(f"{url}: cannot fetch the page ({e.reason})") from None
    except TimeoutError:
        raise GeocoderUnavailable(f"{url}: no answer within {timeout:g} s") from None
    except OSError as e:
        raise GeocoderUnavailable(f"{url}: cannot fetch the page ({e})") from None
    if folder is not None:
        _store(url, page, folder)
    return page


def read_url(url: str, *, max_bytes: int | None = None, timeout: float | None = None) -> Article:
    """Fetch *url* (:func:`fetch_page`) and read it as HTML, PDF or text by its content type."""
    from deploymap.inputs import article_from_bytes, sniff_kind

    page = fetch_page(url, timeout=timeout, max_bytes=max_bytes)
    ctype = page.content_type
    if ctype == "application/pdf":
        kind = "pdf"
    elif ctype in ("text/html", "application/xhtml+xml"):
        kind = "html"
    elif ctype.startswith("text/"):
        kind = sniff_kind(page.data[:8192])
    else:
        raise InputError(f"{url}: a page of type {ctype}; deploymap reads HTML, PDF and text")
    return article_from_bytes(page.data, page.url, kind, url=page.url)
