"""The JavaScript and CSS a map needs, as CDN links (online) or inlined text (offline).

Offline maps carry Leaflet (and any plugin) inside the HTML file, read from
the ``xstatic-*`` packages of the ``offline`` extra; the images Leaflet's CSS
points at become ``data:`` URIs, so the file makes no request at all.  Nothing
here is read until a map is rendered.

Examples
--------
>>> 'version="1.9.3"' in offline_asset("leaflet").text
True
>>> offline_asset("leaflet_css").kind
'css'
"""

from __future__ import annotations

import base64
import importlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from deploymap.errors import DeploymapError

__all__ = ["OFFLINE_ASSETS", "OfflineAssetError", "offline_asset", "runtime_css", "runtime_js"]

INSTALL_HINT = "pip install 'deploymap[offline]'"


class OfflineAssetError(DeploymapError, ImportError):
    """An offline map needs an asset that cannot be embedded.

    Also an :class:`ImportError`, since the usual cause is a missing
    ``xstatic-*`` package.
    """

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Asset:
    """One script or stylesheet, ready to inline."""

    name: str
    kind: str  # "js" or "css"
    text: str


# folium's asset name -> (xstatic module, file inside its data folder).  The names are
# the ones folium (and its plugins) register in ``default_js``/``default_css``, so an
# element's CDN link can be swapped for the embedded copy by name.
OFFLINE_ASSETS: dict[str, tuple[str, str]] = {
    "leaflet": ("xstatic.pkg.leaflet", "leaflet.js"),
    "leaflet_css": ("xstatic.pkg.leaflet", "leaflet.css"),
    "jquery": ("xstatic.pkg.jquery", "jquery.min.js"),
    "markerclusterjs": ("xstatic.pkg.leaflet_markercluster", "leaflet.markercluster.js"),
    "markerclustercss": ("xstatic.pkg.leaflet_markercluster", "MarkerCluster.css"),
    "markerclusterdefaultcss": (
        "xstatic.pkg.leaflet_markercluster",
        "MarkerCluster.Default.css",
    ),
}

_SOURCE_MAP = re.compile(r"^\s*//[#@] sourceMappingURL=.*$|/\*[#@] sourceMappingURL=.*?\*/", re.M)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")


def _data_folder(module: str, name: str) -> Path:
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        package = "xstatic-" + module.rsplit(".", 1)[1].replace("_", "-")
        raise OfflineAssetError(
            f"an offline map embeds {name!r} from the {package} package, which is not "
            f"installed; run: {INSTALL_HINT}"
        ) from e
    base = getattr(mod, "BASE_DIR", None) or str(Path(mod.__file__ or ".").parent / "data")
    return Path(base)


@cache
def offline_asset(name: str) -> Asset:
    """The embeddable text of folium asset *name* (``leaflet``, ``leaflet_css``, ...).

    Raises
    ------
    OfflineAssetError
        When *name* has no offline copy or its package is missing.
    """
    if name not in OFFLINE_ASSETS:
        known = ", ".join(sorted(OFFLINE_ASSETS))
        raise OfflineAssetError(
            f"an offline map cannot embed the asset {name!r} (embeddable: {known}); "
            "drop the element that needs it or build the map without offline=True"
        )
    module, filename = OFFLINE_ASSETS[name]
    folder = _data_folder(module, name)
    path = folder / filename
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise OfflineAssetError(
            f"{path}: cannot read the offline copy of {name!r}; reinstall with: {INSTALL_HINT}"
        ) from e
    # A source-map comment would make developer tools fetch a file that is not there.
    text = _SOURCE_MAP.sub("", text).rstrip() + "\n"
    kind = "css" if filename.endswith(".css") else "js"
    if kind == "css":
        text = _CSS_URL.sub(lambda m: f'url("{_data_uri(folder / m.group(2))}")', text)
    # Inlined text must not close its own <script>/<style> element early.
    text = re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.I)
    return Asset(name, kind, text)


def _data_uri(path: Path) -> str:
    mime = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}.get(
        path.suffix.lower(), "application/octet-stream"
    )
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@cache
def runtime_js() -> str:
    """deploymap's own small drawing runtime (``static/deploymap.js``)."""
    return (resources.files("deploymap.mapping") / "static" / "deploymap.js").read_text("utf-8")


@cache
def runtime_css() -> str:
    """The map chrome's stylesheet (``static/deploymap.css``)."""
    return (resources.files("deploymap.mapping") / "static" / "deploymap.css").read_text("utf-8")
