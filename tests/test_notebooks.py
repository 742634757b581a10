"""Every notebook in ``notebooks/`` runs top to bottom, offline, in a scratch folder.

The kernel is this interpreter (the venv's Python, with deploymap installed):
a ``python3`` kernelspec pointing at ``sys.executable`` is written to a
temporary ``JUPYTER_PATH``, which Jupyter searches before any user or system
kernelspec.  Any HTTP request would go to a closed port.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
GEOPKO = ROOT.parent / "shared" / "data" / "geopko" / "geopko_v2.3_frontmap.csv"
CELL_TIMEOUT = 180  # seconds; a notebook takes a few

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
def test_notebook_is_saved_without_outputs(path):
    book = nbformat.read(path, as_version=4)
    nbformat.validate(book)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
    assert book.metadata["kernelspec"]["name"] == "python3"


@pytest.fixture
def venv_kernel(tmp_path, monkeypatch):
    """A ``python3`` kernelspec for this interpreter, found before any other."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "deploymap venv", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    # no network: a request anywhere would go to a closed local port
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "")
    from jupyter_client.kernelspec import KernelSpecManager

    assert KernelSpecManager().get_kernel_spec("python3").argv[0] == sys.executable
    return "python3"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_offline(path, tmp_path, venv_kernel):
    if "geopko" in path.name and not GEOPKO.is_file():
        pytest.skip(f"Geo-PKO v2.3 is not at {GEOPKO.parent}")
    work = tmp_path / "work"
    work.mkdir()
    book = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        book,
        timeout=CELL_TIMEOUT,
        kernel_name=venv_kernel,
        resources={"metadata": {"path": str(work)}},
    )
    start = time.perf_counter()
    client.execute()  # raises CellExecutionError naming the cell on any error
    seconds = time.perf_counter() - start
    errors = [
        out
        for cell in book.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert errors == []
    assert any(work.iterdir())  # what the notebook saved went to the scratch folder
    print(f"{path.name}: {seconds:.1f} s")
