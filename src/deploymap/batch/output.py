"""Where a run's lines go (standard output or a file renamed on success) and its progress bar."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from deploymap.batch.corpus import _is_jsonl


@contextmanager
def _sink(output: str | os.PathLike[str] | None) -> Iterator[IO[str]]:
    """Standard output, or a temporary file renamed over *output* on success."""
    from deploymap.io import output_stream

    with output_stream("-" if output is None else output) as f:
        yield f


def _count_documents(inputs: Sequence[str]) -> int | None:
    """Documents in plain files, for the progress bar's total (None when unknown cheaply)."""
    total = 0
    for spec in inputs:
        p = Path(spec)
        if spec == "-" or not p.is_file() or p.name.lower().endswith(".gz"):
            return None
        if _is_jsonl(p):
            with p.open("rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return total


def _progress_bar(show: bool | None, inputs: Sequence[str]) -> Any:
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        print(
            "deploymap: warning: no progress bar without tqdm: pip install 'deploymap[batch]'",
            file=sys.stderr,
        )
        return None
    return tqdm(total=_count_documents(inputs), unit="doc", file=sys.stderr, dynamic_ncols=True)
