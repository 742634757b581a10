"""``make docs``: the site builds offline with no warning (``mkdocs build --strict``), and its
pages hold what they promise: the notebooks with their maps, the API from the docstrings, and
the included SOURCES, RESULTS and SECURITY files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("mkdocs", reason="the docs extra is not installed (pip install -e '.[docs]')")
pytest.importorskip("mkdocs_jupyter", reason="the docs extra is not installed")
pytest.importorskip("mkdocstrings", reason="the docs extra is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env[var] = "http://127.0.0.1:9"  # no network: any request would fail
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "WARNING" not in run.stderr
    print(f"mkdocs build: {time.perf_counter() - start:.1f} s")
    return out


def _page(site: Path, name: str) -> str:
    return (site / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_notebook_pages_show_their_maps(site):
    for name in ("01-article-to-map", "02-geopko-over-the-years"):
        html = _page(site, f"notebooks/{name}")
        frames = re.findall(r'<iframe[^>]*\ssrcdoc="([^"]*)"', html)
        assert frames, name
        assert any("leaflet" in f and "deploymap.layer(" in f for f in frames), name


@pytest.mark.slow
def test_pages_include_the_repository_files(site):
    for page, source in [
        ("sources", ROOT / "geodata" / "SOURCES.md"),
        ("accuracy", ROOT / "benchmarks" / "RESULTS.md"),
        ("security", ROOT / "SECURITY.md"),
    ]:
        first = source.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
        html = _page(site, page)
        assert first.split(":")[0] in html, page


@pytest.mark.slow
def test_api_reference_comes_from_the_docstrings(site):
    import deploymap.mapping.build as build

    html = _page(site, "api")
    for name in (
        "read.read_text",
        "mapping.build.build_map",
        "model.Story",
        "options.set_option",
        "geocode.offline.OfflineGeocoder",
    ):
        assert f'id="deploymap.{name}"' in html, name
    doc_line = build.build_map.__doc__.strip().splitlines()[0]
    assert doc_line.split("*")[0].strip() in html


@pytest.mark.slow
def test_every_page_of_the_nav_is_built(site):
    import yaml  # mkdocs depends on PyYAML

    def files(nav):
        for item in nav:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from files(value) if isinstance(value, list) else [value]

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:", lambda *a: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    for doc in files(config["nav"]):
        assert (site / re.sub(r"\.(md|ipynb)$", ".html", doc)).is_file(), doc


@pytest.mark.slow
def test_customising_maps_shows_its_pictures(site):
    """Every picture the page shows is in the site, 1000 px wide at most, and all of
    them stay within the page's budget (docs/make_pictures.py draws them)."""
    from PIL import Image

    html = _page(site, "customising-maps")
    shown = re.findall(r'<img[^>]*\ssrc="(pictures/[^"]+\.png)"', html)
    assert len(shown) >= 5
    total = 0
    for src in shown:
        path = site / src
        assert path.is_file(), src
        with Image.open(path) as img:
            assert img.width <= 1000, src
        total += path.stat().st_size
    assert total <= 1_000_000
