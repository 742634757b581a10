"""Execute the notebooks the same way for the tests and for ``make notebooks``.

The notebooks are stored *with* their outputs, so a reader browsing them sees the
maps.  The outputs must be reproducible: this runner executes a notebook on a
kernel of the current interpreter, without timing metadata, and keeps only the
metadata that does not change from one machine to the next.  ``make notebooks``
writes the result back; ``tests/test_notebooks.py`` executes each notebook again
from a copy of the repository and checks it gives the stored outputs.

    python -m tests.notebook_runner notebooks/*.ipynb          # execute and store
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CELL_TIMEOUT = 180  # seconds; a notebook takes a few
KERNEL = "python3"
_ADDRESS = re.compile(r" at 0x[0-9a-f]+>")


@contextmanager
def this_python_kernel():
    """A ``python3`` kernelspec for this interpreter, found by Jupyter before any other."""
    with tempfile.TemporaryDirectory(prefix="deploymap-kernel-") as tmp:
        spec = Path(tmp) / "kernels" / KERNEL
        spec.mkdir(parents=True)
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        kernel = {"argv": argv, "display_name": "deploymap", "language": "python"}
        (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
        old = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = tmp
        try:
            yield KERNEL
        finally:
            if old is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = old


def execute(path: Path, *, cwd: Path | None = None, extra_cells: tuple[str, ...] = ()) -> Any:
    """*path* executed top to bottom (in *cwd*, default its folder); the notebook, normalised.

    *extra_cells* are code cells run after the notebook's own and then removed
    (the tests use one to ask the kernel where it imported deploymap from).
    Raises ``nbclient.exceptions.CellExecutionError`` naming the failing cell.
    """
    import nbclient
    import nbformat

    book = nbformat.read(path, as_version=4)
    for source in extra_cells:
        book.cells.append(nbformat.v4.new_code_cell(source))
    with this_python_kernel() as kernel:
        client = nbclient.NotebookClient(
            book,
            timeout=CELL_TIMEOUT,
            kernel_name=kernel,
            record_timing=False,
            resources={"metadata": {"path": str(cwd or path.parent)}},
        )
        client.execute()
    return normalise(book)


def normalise(book: Any) -> Any:
    """Drop what differs between runs and machines: kernel versions, cell timing."""
    book.metadata["language_info"] = {"name": "python"}
    book.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": KERNEL,
    }
    book.metadata.pop("widgets", None)
    for cell in book.cells:
        cell.metadata.pop("execution", None)
        if "outputs" in cell:
            cell.outputs = _coalesce_streams(cell.outputs)
        for out in cell.get("outputs", []):
            # a plain repr such as "<folium.Map at 0x7f...>" holds a memory address
            text = out.get("data", {}).get("text/plain")
            if isinstance(text, str):
                out["data"]["text/plain"] = _ADDRESS.sub(">", text)
    return book


def _coalesce_streams(outs: list[Any]) -> list[Any]:
    # the kernel flushes stdout when it likes: one print may arrive in several pieces
    merged: list[Any] = []
    for out in outs:
        last = merged[-1] if merged else None
        if (
            last is not None
            and out.get("output_type") == "stream"
            and last.get("output_type") == "stream"
            and last.get("name") == out.get("name")
        ):
            last["text"] = last["text"] + out["text"]
        else:
            merged.append(out)
    return merged


def outputs(book: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each code cell's id and outputs, as plain data (for comparing two runs)."""
    return [
        (cell.get("id", ""), json.loads(json.dumps(cell.outputs)))
        for cell in book.cells
        if cell.cell_type == "code"
    ]


def main(argv: list[str] | None = None) -> int:
    import nbformat

    p = argparse.ArgumentParser(description="Execute notebooks and store them with their outputs.")
    p.add_argument("paths", nargs="+", type=Path)
    args = p.parse_args(argv)
    for path in args.paths:
        book = execute(path)
        nbformat.write(book, path)
        print(f"{path}: {path.stat().st_size / 1024:,.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
