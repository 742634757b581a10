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
    lock_temp(fd)  # clean_stale_temps leaves a live run's file alone
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


# -- outputs that would overwrite an input, and temp files a killed run left ---------------


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one existing file (same device and inode, any spelling).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "x").write_text("x")
    1
    >>> same_file(d / "x", d / ".." / d.name / "x"), same_file(d / "x", d / "y")
    (True, False)
    """
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def refuse_overwriting_inputs(
    output: str | os.PathLike[str] | None, inputs: Iterable[str | os.PathLike[str]]
) -> None:
    """Raise :class:`InputError` when *output* is one of the *inputs* files.

    Paths are compared by device and inode, so ``./a.txt`` and
    ``../dir/a.txt`` (or a hard link, or a symlink) are the same file.
    Folders and glob patterns among the inputs are not compared here: a
    corpus run leaves its own output out of what it reads.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("KFOR")
    >>> refuse_overwriting_inputs(d / "a.txt", [d / "a.txt"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    deploymap.errors.InputError: ...a.txt: the output is also an input (...); ...
    """
    if output is None or str(output) == "-":
        return
    out = Path(output)
    if not out.exists():
        return
    for spec in inputs:
        if str(spec) != "-" and same_file(out, spec):
            raise InputError(
                f"{out}: the output is also an input ({spec}); writing it would destroy "
                "the input: give another -o"
            )


def _unlocked(path: Path) -> bool:
    """Whether no live process holds the write lock :func:`lock_temp` takes."""
    try:
        import fcntl
    except ImportError:  # not POSIX: age alone decides
        return True
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)  # closing releases the lock we may have taken
    return True


def lock_temp(fd: int) -> None:
    """Hold an advisory lock on a temporary output while it is written.

    :func:`clean_stale_temps` leaves locked files alone, so two runs writing
    the same output never remove each other's temporary file.
    """
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (ImportError, OSError):
        pass


def clean_stale_temps(path: str | os.PathLike[str], before: float | None = None) -> list[Path]:
    """Remove the temporary files a killed run (``kill -9``) left beside *path*.

    Only files named ``.NAME.*.tmp`` or ``.NAME.*.gpkg`` (the pattern
    :func:`atomic_output` and the GeoPackage writer use) are candidates, and
    only those last changed before *before* (default: now) and not locked by a
    live writer.  Returns what was removed.

    >>> import tempfile, time
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / ".out.jsonl.abc123.tmp").write_text("half")
    >>> _ = (d / "notes.tmp").write_text("mine")
    >>> [p.name for p in clean_stale_temps(d / "out.jsonl", before=time.time() + 1)]
    ['.out.jsonl.abc123.tmp']
    >>> sorted(p.name for p in d.iterdir())
    ['notes.tmp']
    """
    import time

    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    limit = time.time() if before is None else before
    removed: list[Path] = []
    prefix = f".{p.name}."
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for e in entries:
        if not (e.name.startswith(prefix) and e.name.endswith((".tmp", ".gpkg"))):
            continue
        try:
            st = e.stat(follow_symlinks=False)
        except OSError:
            continue
        import stat

        if not stat.S_ISREG(st.st_mode) or st.st_mtime >= limit:
            continue
        tmp = Path(e.path)
        if _unlocked(tmp):
            try:
                tmp.unlink()
            except OSError:
                continue
            removed.append(tmp)
    return removed


def is_temp_of(candidate: str | os.PathLike[str], output: str | os.PathLike[str]) -> bool:
    """Whether *candidate* is *output* itself or one of its temporary files.

    A corpus run over a folder or glob that also holds its output uses this
    to leave the output (old or being written) out of its inputs.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> is_temp_of(d / ".out.jsonl.x1y2.tmp", d / "out.jsonl")
    True
    """
    c, o = Path(candidate), Path(output)
    if c.name.startswith(f".{o.name}.") and c.name.endswith((".tmp", ".gpkg")):
        try:
            return os.path.samefile(c.parent, o.parent if str(o.parent) else ".")
        except OSError:
            return False
    return same_file(c, o)
