"""Table formats: the columns each needs, and detecting a table's format from its header."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from deploymap.errors import InputError
from deploymap.tables.csvfile import (
    sniff_delimiter,
)


@dataclass(frozen=True, slots=True)
class TableFormat:
    """A table format: the columns it needs and the ones that identify it."""

    name: str
    label: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()  # any of these (lower case) points to this format


FORMATS: dict[str, TableFormat] = {
    f.name: f
    for f in (
        TableFormat(
            "geopko-front",
            "Geo-PKO front map",
            ("mission", "year", "country", "location", "latitude", "longitude", "ave.no.troops"),
            ("hq", "notroops", "infantry"),
            markers=("ave.no.troops", "notroops", "infantry", "reserve", "unmo"),
        ),
        TableFormat(
            "geopko-tcc",
            "Geo-PKO TCC map",
            ("mission", "year", "location", "latitude", "longitude", "year.overview"),
            ("no.tcc",),
            markers=("year.overview", "no.tcc"),
        ),
        TableFormat(
            "un-contributions",
            "UN contributions",
            (
                "Contributing_Country",
                "ISOCode3",
                "Mission_Acronym",
                "Personnel_Type",
                "Female_Personnel",
                "Male_Personnel",
                "Last_Reporting_Date",
            ),
            markers=("personnel_type", "mission_acronym", "isocode3", "contributing_country"),
        ),
        TableFormat(
            "deployments",
            "plain deployments CSV",
            ("contributor", "mission", "troops", "date"),
            ("location", "lat", "lon", "unit"),
            markers=("contributor",),
        ),
    )
}


def _norm(col: str) -> str:
    return col.strip().lstrip("\ufeff").casefold()


def detect_format(
    header: Sequence[str], name: str = "<table>"
) -> tuple[TableFormat, dict[str, int]]:
    """The format of a table from its header, and where each of its columns is.

    Parameters
    ----------
    header : sequence of str
        The column names as the file gives them (any case).
    name : str
        The file name, for messages.

    Returns
    -------
    (TableFormat, dict)
        The format and ``{column (lower case): index}``.

    Raises
    ------
    InputError
        For a header no format matches (the message lists the accepted ones), or
        a known format with a column missing (the message names it).

    Examples
    --------
    >>> fmt, cols = detect_format(["contributor", "mission", "troops", "date"])
    >>> fmt.name, cols["troops"]
    ('deployments', 2)
    >>> detect_format(["mission", "year", "country", "location", "longitude", "ave.no.troops"],
    ...               "front.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    deploymap.errors.InputError: front.csv: missing column 'latitude' (a Geo-PKO front map ...)
    """
    cols: dict[str, int] = {}
    for i, c in enumerate(header):
        cols.setdefault(_norm(c), i)

    def score(f: TableFormat) -> tuple[int, float]:
        marked = any(m in cols for m in f.markers)
        found = sum(_norm(c) in cols for c in f.required)
        return (int(marked), found / len(f.required))

    best = max(FORMATS.values(), key=score)
    marked, share = score(best)
    # A marker column and at least half of the required ones: this format with a
    # column missing, worth naming, rather than an unrelated CSV.
    if not marked or share < 0.5:
        accepted = "; ".join(f"{f.label} ({', '.join(f.required)})" for f in FORMATS.values())
        shown = ", ".join(repr(c) for c in list(header)[:8])
        raise InputError(
            f"{name}: not a table deploymap knows (columns {shown}); accepted formats: {accepted}"
        )
    missing = [c for c in best.required if _norm(c) not in cols]
    if missing:
        what = ", ".join(repr(c) for c in missing)
        plural = "s" if len(missing) > 1 else ""
        raise InputError(
            f"{name}: missing column{plural} {what} (a {best.label} needs "
            f"{', '.join(best.required)})"
        )
    return best, cols


def table_format(path: str | os.PathLike[str]) -> str | None:
    """The name of the table format of *path*, or None when it is not a table.

    Only the first line is read, so the CLI can tell tables from texts cheaply.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("KFOR has a new commander.\\n")
    >>> table_format(p) is None
    True
    """
    p = Path(path)
    try:
        with p.open("rb") as f:
            first = f.readline(65536)
    except OSError:
        return None
    line = first.decode("utf-8-sig", errors="replace").strip()
    if not line:
        return None
    if "\x00" in line:
        return None  # binary: the text reader refuses it with a clear message
    # old Mac files end lines with a bare CR; the first "line" then holds them all
    line = line.replace("\r", "\n").split("\n", 1)[0]
    delimiter = sniff_delimiter(line)
    try:
        header = next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return None
    try:
        return detect_format(header, p.name)[0].name
    except InputError as e:
        # a table of a known format with a column missing is still a table
        return "?" if "missing column" in str(e) else None
