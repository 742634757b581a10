"""File edges: reading input text defensively and writing outputs atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from deploymap.errors import InputError

# A NUL byte in the first block means a binary file, not text.
_SNIFF = 8192


def decode_text(data: bytes, name: str = "<input>") -> str:
    """Decode bytes as UTF-8 (with or without BOM); fall back to cp1252 with a warning.

    >>> decode_text("Priština".encode())
    'Priština'
    """
    if b"\x00" in data[:_SNIFF]:
        raise InputError(f"{name}: looks like a binary file, not text; give a UTF-8 text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        print(
            f"deploymap: warning: {name} is not valid UTF-8 (byte {e.start}); "
            "read it as Windows-1252",
            file=sys.stderr,
        )
        return data.decode("cp1252", errors="replace")


def read_input_text(path: str | os.PathLike[str], expect: str = "a text file") -> str:
    """Read a text file, or standard input for ``-``, with clear errors
    (*expect* says what the user should give instead of a folder)."""
    if str(path) == "-":
        return decode_text(sys.stdin.buffer.read(), "<stdin>")
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder; give {expect}")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror or e})") from e
    return decode_text(data, str(p))


@contextmanager
def atomic_output(path: str | os.PathLike[str], binary: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file beside *path*; on success it replaces *path*.

    A failed or interrupted run never leaves a truncated file behind (nor the
    temporary one), and a file already at *path* stays as it was.
    """
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{p}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(f"{p}: cannot write here ({e.strerror or e})") from e
    try:
        if binary:
            with os.fdopen(fd, "wb") as fb:
                yield fb
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as ft:
                yield ft
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* to *path* through a temporary file and a rename."""
    write_chunks_atomic(path, (text,))


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* through a temporary file and a rename."""
    with atomic_output(path, binary=True) as f:
        f.write(data)


def write_chunks_atomic(path: str | os.PathLike[str], chunks: Iterable[str]) -> None:
    """Write text pieces to *path* through a temporary file and a rename (streaming)."""
    with atomic_output(path) as f:
        for chunk in chunks:
            f.write(chunk)
