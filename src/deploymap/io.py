"""File edges: reading input text defensively and writing outputs atomically.

Outputs (maps, exports, JSONL) are written the same way everywhere:

- into a private folder beside the target, then renamed over it, so a failed
  run leaves the old file as it was and no half-written one;
- ``-`` is standard output;
- only a regular file is ever replaced: a folder, a device (``/dev/null``), a
  FIFO or a socket is refused with one line, and so is a symbolic link that
  ends anywhere else, that does not end, or that passes through ``/proc``,
  ``/sys`` or ``/dev`` (``/dev/stdout``, ``/proc/self/fd/1``: write ``-``);
- a symbolic link to a regular file is written *through*: the new file is
  renamed over the link's target, so the link stays a link;
- a replaced file keeps its mode (and, where allowed, its owner and group); a
  new one gets the mode ``open()`` would give it, 0666 less the umask.
"""

from __future__ import annotations

import os
import shutil
import stat
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


# Kernel file systems: a link through them is a stream or a device, never an output file.
_KERNEL_DIRS = ("/proc", "/sys", "/dev")
# As the kernel does (MAXSYMLINKS).
_MAX_LINKS = 40
_STDOUT_HINT = "name a regular file, or give - to write to standard output"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _kernel_dir(path: str) -> str | None:
    """/proc, /sys or /dev if *path* (its folder resolved) lies there."""
    where = os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))
    return next((d for d in _KERNEL_DIRS if where == d or where.startswith(d + "/")), None)


def output_target(path: str | os.PathLike[str]) -> tuple[Path, os.stat_result | None]:
    """The file that writing *path* replaces, and its status (None for a new file).

    Raises
    ------
    InputError
        *path* is, or links to, anything but a regular file (see the module
        docstring), or its folder does not exist.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> output_target(d / "new.html")[1] is None
    True
    >>> _ = (d / "old.html").write_text("old")
    >>> (d / "link.html").symlink_to(d / "old.html")
    >>> output_target(d / "link.html")[0] == (d / "old.html").resolve()
    True
    >>> output_target(d)
    Traceback (most recent call last):
    ...
    deploymap.errors.InputError: ...: is a folder, not a regular file; name a regular file, ...
    """
    p = Path(path)
    try:
        st = os.lstat(p)
    except FileNotFoundError:
        folder = p.parent if str(p.parent) else Path(".")
        if not folder.is_dir():
            raise InputError(f"{p}: folder {folder} does not exist") from None
        return p, None
    except OSError as e:
        raise InputError(f"{p}: cannot write here ({e.strerror or e})") from e
    if stat.S_ISREG(st.st_mode):
        return p, st
    if not stat.S_ISLNK(st.st_mode):
        raise InputError(f"{p}: is {_kind(st.st_mode)}, not a regular file; {_STDOUT_HINT}")
    # A link: every hop must stay out of the kernel's file systems, and the
    # chain must end at a regular file.
    hop = os.path.abspath(p)
    for _ in range(_MAX_LINKS):
        kernel = _kernel_dir(hop)
        if kernel is not None:
            raise InputError(
                f"{p}: is a link into {kernel} ({hop}), a stream or device, not a regular "
                f"file; {_STDOUT_HINT}"
            )
        if not os.path.islink(hop):
            break
        hop = os.path.join(os.path.realpath(os.path.dirname(hop)), os.readlink(hop))
    else:
        raise InputError(f"{p}: is a loop of symbolic links; {_STDOUT_HINT}")
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise InputError(
            f"{p}: is a link to {os.readlink(p)}, which does not exist; remove the link "
            "or name another file"
        ) from None
    except OSError as e:
        raise InputError(f"{p}: is a link that cannot be followed ({e.strerror or e})") from e
    if not stat.S_ISREG(st.st_mode):
        raise InputError(
            f"{p}: is a link to {os.path.realpath(p)}, {_kind(st.st_mode)}, not a regular "
            f"file; {_STDOUT_HINT}"
        )
    return Path(os.path.realpath(p)), st


def check_output(path: str | os.PathLike[str]) -> None:
    """Refuse, before any work, an output :func:`atomic_output` would refuse (``-`` is fine).

    The same checks run again when the file is written.
    """
    if str(path) != "-":
        output_target(path)


def _new_file_mode(beside: Path) -> int:
    """The mode ``open()`` gives a new file in *beside*'s folder: 0666 less the umask.

    Found by making one, since reading the umask (``os.umask`` set and
    restored) would change it for every thread of the process meanwhile; this
    way default ACLs count too.
    """
    probe = beside.with_name(beside.name + ".mode")
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        return stat.S_IMODE(os.fstat(fd).st_mode)
    finally:
        os.close(fd)
        probe.unlink()


def _settle(tmp: Path, old: os.stat_result | None) -> None:
    """Give *tmp* the owner and mode of the file it replaces, or a new file's mode."""
    if old is None:
        os.chmod(tmp, _new_file_mode(tmp))
        return
    st = os.stat(tmp)
    chown = getattr(os, "chown", None)
    if chown is not None and (st.st_uid, st.st_gid) != (old.st_uid, old.st_gid):
        # as GNU sed -i does: keep the owner where allowed, else the group, else neither
        for uid in (old.st_uid, -1):
            try:
                chown(tmp, uid, old.st_gid)
                break
            except OSError:
                continue
    os.chmod(tmp, stat.S_IMODE(old.st_mode))


@contextmanager
def atomic_path(path: str | os.PathLike[str], suffix: str = "") -> Iterator[Path]:
    """A fresh path to write *path*'s new content to; on success it replaces *path*.

    The yielded path does not exist yet, has *path*'s name (so a writer that
    goes by the extension, such as GDAL, sees it; *suffix* is added when the
    name lacks it) and lies in a private folder beside the file replaced.
    Use it for writers that want a path, not a stream (GeoPackage); see the
    module docstring for what is refused and how modes and links are kept.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "data.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("new")
    >>> out.read_text(), sorted(p.name for p in out.parent.iterdir())
    ('new', ['data.txt'])
    """
    p = Path(path)
    real, old = output_target(p)
    folder = real.parent if str(real.parent) else Path(".")
    try:
        private = Path(tempfile.mkdtemp(prefix=f".{real.name}.", suffix=".tmp", dir=folder))
    except OSError as e:
        raise InputError(f"{p}: cannot write here ({e.strerror or e})") from e
    try:
        tmp = private / (real.name if real.name.endswith(suffix) else real.name + suffix)
        yield tmp
        if not tmp.is_file():
            raise InputError(f"{p}: nothing was written")
        _settle(tmp, old)
        os.replace(tmp, real)
    finally:
        shutil.rmtree(private, ignore_errors=True)


@contextmanager
def atomic_output(path: str | os.PathLike[str], binary: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file beside *path*; on success it replaces *path*.

    A failed or interrupted run never leaves a truncated file behind (nor the
    temporary one), and a file already at *path* stays as it was.  Only a
    regular file (or a link to one, written through) is replaced; a replaced
    file keeps its mode, a new one gets 0666 less the umask (see the module
    docstring).

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "secret.txt"
    >>> _ = out.write_text("old")
    >>> out.chmod(0o600)
    >>> with atomic_output(out) as f:
    ...     _ = f.write("new")
    >>> out.read_text(), oct(out.stat().st_mode & 0o777)
    ('new', '0o600')
    """
    with atomic_path(path) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        lock_temp(fd)  # clean_stale_temps leaves a live run's file alone
        if binary:
            with os.fdopen(fd, "wb") as fb:
                yield fb
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as ft:
                yield ft


@contextmanager
def output_stream(path: str | os.PathLike[str], binary: bool = False) -> Iterator[IO[Any]]:
    """Standard output for ``-``, else :func:`atomic_output` of *path*."""
    if str(path) != "-":
        with atomic_output(path, binary=binary) as f:
            yield f
        return
    sys.stdout.flush()
    out: IO[Any] = sys.stdout.buffer if binary else sys.stdout
    yield out
    out.flush()


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* to *path* through a temporary file and a rename (``-``: standard output)."""
    write_chunks_atomic(path, (text,))


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* through a temporary file and a rename (``-``: standard output)."""
    with output_stream(path, binary=True) as f:
        f.write(data)


def write_chunks_atomic(path: str | os.PathLike[str], chunks: Iterable[str]) -> None:
    """Write text pieces to *path* through a temporary file and a rename, streaming
    (``-``: standard output)."""
    with output_stream(path) as f:
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

    Only entries named ``.NAME.*.tmp`` (the private folder :func:`atomic_path`
    writes in, or a temporary file of an older version) are candidates, and
    only those last changed before *before* (default: now) and holding no file
    locked by a live writer.  Returns what was removed.

    >>> import tempfile, time
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / ".out.jsonl.abc123.tmp").mkdir()
    >>> _ = (d / ".out.jsonl.abc123.tmp" / "out.jsonl").write_text("half")
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

        if st.st_mtime >= limit:
            continue
        tmp = Path(e.path)
        if stat.S_ISDIR(st.st_mode):
            try:
                inner = [x for x in tmp.iterdir() if x.is_file() and not x.is_symlink()]
            except OSError:
                continue
            if all(_unlocked(x) for x in inner):
                shutil.rmtree(tmp, ignore_errors=True)
                removed.append(tmp)
        elif stat.S_ISREG(st.st_mode) and _unlocked(tmp):
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
    >>> is_temp_of(d / ".out.jsonl.x1y2.tmp" / "out.jsonl", d / "out.jsonl")
    True
    """
    c, o = Path(candidate), Path(output)
    for temp in (c, c.parent):  # a temporary file, or a file in a private temp folder
        if temp.name.startswith(f".{o.name}.") and temp.name.endswith((".tmp", ".gpkg")):
            try:
                return os.path.samefile(temp.parent, o.parent if str(o.parent) else ".")
            except OSError:
                return False
    return same_file(c, o)
