"""Every notebook in ``notebooks/`` runs top to bottom from a clean copy of the repository,
offline, with no ``../shared`` beside it, writes nothing next to itself, and gives the
outputs it is stored with (``make notebooks`` stores them).

The kernel is this interpreter (the venv's Python), importing deploymap from the
copy's ``src/`` (``PYTHONPATH``), so neither the checkout nor ``../shared`` can
help.  Any HTTP request would go to a closed port.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests import notebook_runner

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
STORED_BUDGET = 1_000_000  # bytes, all notebooks with their outputs
# what a clean clone has; build products, caches and environments are left behind
LEFT_BEHIND = shutil.ignore_patterns(
    ".git", ".venv", "site", "build", "dist", "__pycache__", ".*_cache", "*.egg-info"
)
WHERE = "import deploymap, pathlib; print(pathlib.Path(deploymap.__file__).resolve())"

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")


def test_the_three_notebooks_are_there():
    names = [p.name for p in NOTEBOOKS]
    assert names[:3] == [
        "01-article-to-map.ipynb",
        "02-geopko-over-the-years.ipynb",
        "03-export-for-gis.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_executed_with_online_maps(path):
    book = nbformat.read(path, as_version=4)
    nbformat.validate(book)
    code = [c for c in book.cells if c.cell_type == "code"]
    # executed once, top to bottom, without errors
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert not any(o.output_type == "error" for c in code for o in c.outputs)
    assert book.metadata["kernelspec"]["name"] == "python3"
    html = "".join(str(o.get("data", {}).get("text/html", "")) for c in code for o in c.outputs)
    if "<iframe" in html:  # a map: Leaflet from the CDN, not inlined into the notebook
        assert "leaflet" in html and "src=&quot;https://cdn.jsdelivr.net" in html
        assert "Leaflet is an open-source" not in html and "L.version" not in html
    for text in ("/work/", "/home/", "/tmp/", str(ROOT)):
        assert text not in path.read_text(encoding="utf-8")  # no machine's paths


def test_stored_notebooks_are_small_and_show_maps():
    assert sum(p.stat().st_size for p in NOTEBOOKS) < STORED_BUDGET
    with_maps = [p.name for p in NOTEBOOKS if "<iframe srcdoc=" in p.read_text(encoding="utf-8")]
    assert with_maps[:2] == ["01-article-to-map.ipynb", "02-geopko-over-the-years.ipynb"]


@pytest.fixture(scope="module")
def clean_copy(tmp_path_factory):
    """The repository as a fresh clone would have it, in a folder with no ``shared/`` beside it."""
    base = tmp_path_factory.mktemp("clone")
    copy = base / "deploymap"
    shutil.copytree(ROOT, copy, ignore=LEFT_BEHIND)
    assert not (base / "shared").exists()
    return copy


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_from_a_clean_copy(path, clean_copy, tmp_path, monkeypatch):
    folder = clean_copy / "notebooks"
    before = sorted(p.name for p in folder.iterdir())
    monkeypatch.setenv("PYTHONPATH", str(clean_copy / "src"))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # the notebook's temporary folder lands here
    monkeypatch.delenv("DEPLOYMAP_GEODATA", raising=False)
    monkeypatch.delenv("DEPLOYMAP_OFFLINE", raising=False)
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "")

    start = time.perf_counter()
    # raises CellExecutionError naming the cell on any error
    book = notebook_runner.execute(folder / path.name, extra_cells=(WHERE,))
    seconds = time.perf_counter() - start
    where = book.cells.pop()
    assert where.outputs[0]["text"].strip().startswith(str(clean_copy / "src" / "deploymap"))

    assert sorted(p.name for p in folder.iterdir()) == before  # nothing left next to it
    assert list(scratch.rglob("*.*"))  # what it saved went to the temporary folder
    stored = notebook_runner.normalise(nbformat.read(path, as_version=4))
    for (cell, got), (_, want) in zip(
        notebook_runner.outputs(book), notebook_runner.outputs(stored), strict=True
    ):
        assert got == want, f"{path.name} cell {cell}: outputs differ; run `make notebooks`"
    print(f"{path.name}: {seconds:.1f} s")
