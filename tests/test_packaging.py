"""The wheel carries the geodata it needs and works outside the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_contains_geodata_and_examples(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    (wheel,) = tmp_path.glob("deploymap-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "deploymap/_geodata/gazetteer.sqlite" in names
    assert "deploymap/examples/kfor-command-2023.txt" in names
    assert "deploymap/py.typed" in names
    for name in ("review.js", "review.css", "review.html"):  # the review page's own files
        assert f"deploymap/review/static/{name}" in names
    for lang in ("en", "fr"):  # the interface's message catalogues
        assert f"deploymap/locales/{lang}.json" in names
    size = zipfile.ZipFile(wheel).getinfo("deploymap/_geodata/gazetteer.sqlite").file_size
    assert size == (ROOT / "geodata" / "gazetteer.sqlite").stat().st_size


def test_geodata_env_var_points_elsewhere(tmp_path, monkeypatch):
    from deploymap.errors import DataError
    from deploymap.gazetteer import Gazetteer, default_path

    monkeypatch.setenv("DEPLOYMAP_GEODATA", str(tmp_path))
    assert default_path() == tmp_path / "gazetteer.sqlite"
    with pytest.raises(DataError, match="gazetteer data not found"):
        Gazetteer()
    (tmp_path / "gazetteer.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(DataError, match="not a readable gazetteer"):
        Gazetteer()


@pytest.mark.slow
def test_sdist_builds_the_docs_site(tmp_path):
    """The sdist holds docs/, mkdocs.yml and every file a page includes or shows, so
    ``make docs`` works from it as from a clone."""
    import re
    import tarfile

    pytest.importorskip("hatchling")
    r = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    (sdist,) = tmp_path.glob("deploymap-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {"mkdocs.yml", "docs/index.md", "docs/customising-maps.md"} <= names
    nav = re.findall(r":\s+(\S+\.(?:md|ipynb))\s*$", (ROOT / "mkdocs.yml").read_text(), re.M)
    assert nav and {f"docs/{page}" for page in nav} <= names
    for page in (ROOT / "docs").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        shown = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text)  # pictures
        included = re.findall(r'^--8<-- "([^"]+)"', text, re.M)  # snippets, from the root
        assert {f"docs/{p}" for p in shown} <= names, page.name
        assert set(included) <= names, page.name
