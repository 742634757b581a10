"""Structured inputs -> Story: Geo-PKO maps, UN contributions and a plain deployments CSV.

The format of a table is detected from its header (see :data:`FORMATS`):

``geopko-front``
    Geo-PKO v2.3 "front map": one row per mission, year, location and source
    map, with ``ave.no.troops`` (the mean troops at that location over the
    year's maps; ``NA`` when the size is unknown).
``geopko-tcc``
    Geo-PKO v2.3 "TCC map": the same locations with a free-text list of
    troop-contributing countries, ``"Rwanda (1600), Egypt (950)"``.
``un-contributions``
    The UN peacekeeping contributions CSV (``Contributing_Country``,
    ``ISOCode3``, ``Mission_Acronym``, ``Personnel_Type``, ``Female_Personnel``,
    ``Male_Personnel``, ``Last_Reporting_Date``; the newer variant spells them
    in lower case).
``deployments``
    A plain CSV: ``contributor, mission, troops, date`` and optionally
    ``location, lat, lon``.

How the records come out (what the force layer of an export relies on):

* A Geo-PKO location becomes **one** :class:`~deploymap.model.Deployment`
  with ``contributor=""`` and ``role="all contributors"``
  (:data:`SITE_TOTAL`), located at the row's latitude/longitude, with the
  location's troops and ``date`` = the year.  The front map repeats a location
  once per source map of the year with the same ``ave.no.troops``; those
  repeats are read once, so the sites' troops add up to the year's total.
  Rows with 0 troops (police, observer or HQ-only sites) are left out; rows
  with ``NA`` give a site whose troops are unknown (None).
* Contributors (TCC map, UN contributions, plain CSV) become one Deployment
  each, with their ISO3 code.  When a front map and a TCC map are read
  together (:func:`read_tables`), the TCC contributors are placed at the
  front-map sites and the site record keeps the front map's total.
* Each mission gets a :class:`~deploymap.model.MissionMention` whose
  ``troops`` is its total at the latest date read and ``peak`` the highest
  total over the dates (when there are several).

Table years and UN reporting dates stay as the table gives them, in ISO form
(``"2024"``, ``"2023-10-31"``), so a time slider can use them.

Examples
--------
>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "d.csv").write_text(
...     "contributor,mission,troops,date\\nTurkey,KFOR,600,2023-10-05\\n")
>>> story = read_table(folder / "d.csv")
>>> [(d.contributor, d.mission, d.troops, d.date) for d in story.deployments]
[('TUR', 'KFOR', 600, '2023-10-05')]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from deploymap.errors import InputError
from deploymap.gazetteer import Gazetteer
from deploymap.gazetteer.missions import MissionCatalogue
from deploymap.model import Story

# One module per job: formats (detection), records (what every format is read
# into), resolve (names to codes), one reader per format, filters, assemble.
from deploymap.tables.assemble import _story
from deploymap.tables.assemble import concat_stories as concat_stories
from deploymap.tables.csvfile import number_style, read_rows
from deploymap.tables.filters import YearSpec as YearSpec
from deploymap.tables.filters import _filter
from deploymap.tables.filters import parse_years as parse_years
from deploymap.tables.formats import FORMATS as FORMATS
from deploymap.tables.formats import TableFormat as TableFormat
from deploymap.tables.formats import detect_format as detect_format
from deploymap.tables.formats import table_format
from deploymap.tables.geopko_front import _read_front
from deploymap.tables.geopko_tcc import _read_tcc
from deploymap.tables.plain import _read_plain
from deploymap.tables.records import _FIGURE_COLUMNS, _Read, _Table
from deploymap.tables.records import GEOPKO as GEOPKO
from deploymap.tables.records import GEOPKO_CITE as GEOPKO_CITE
from deploymap.tables.records import HQ_KINDS as HQ_KINDS
from deploymap.tables.records import SITE_KINDS as SITE_KINDS
from deploymap.tables.records import SITE_TOTAL as SITE_TOTAL
from deploymap.tables.records import UN_SOURCE as UN_SOURCE
from deploymap.tables.resolve import _Resolver
from deploymap.tables.un_contributions import _read_un

__all__ = [
    "FORMATS",
    "SITE_KINDS",
    "SITE_TOTAL",
    "TableFormat",
    "concat_stories",
    "detect_format",
    "is_table",
    "read_inputs",
    "read_table",
    "read_tables",
    "table_format",
]

# -- public API ------------------------------------------------------------------------


def _read_one(
    path: str | os.PathLike[str],
    res: _Resolver,
    personnel: Sequence[str] | None,
) -> _Read:
    name = Path(path).name
    got = read_rows(path)
    rows = got.rows
    fmt, cols = detect_format(got.header, name)
    figures = [cols.get(c) for c in _FIGURE_COLUMNS]
    style = number_style(
        (row[i] for row in rows for i in figures if i is not None and i < len(row)),
        got.delimiter,
        name,
    )
    t = _Table(got.lines, style)
    if fmt.name == "geopko-front":
        return _read_front(name, rows, cols, res, t)
    if fmt.name == "geopko-tcc":
        return _read_tcc(name, rows, cols, res, t)
    if fmt.name == "un-contributions":
        return _read_un(name, rows, cols, res, t, personnel)
    return _read_plain(name, rows, cols, res, t)


def read_tables(
    paths: Iterable[str | os.PathLike[str]],
    *,
    mission: str | None = None,
    year: YearSpec = None,
    personnel: Sequence[str] | None = ("Troops",),
    gazetteer: Gazetteer | None = None,
    catalogue: MissionCatalogue | None = None,
) -> Story:
    """Read several tables into one Story; a Geo-PKO front map and TCC map are joined.

    Parameters
    ----------
    paths : iterable of path-like
        CSV files of any format in :data:`FORMATS`.
    mission : str, optional
        Keep one mission (id, acronym or name as the catalogue or table spells it).
    year : int, str or iterable, optional
        Keep these years (of the Geo-PKO year or the reporting date): one year
        (``2024``), a range (``"2015-2024"``) or several (``[2015, "2020-2024"]``).
        With several, the mission figures are the latest year's total and the
        peak over the years kept.
    personnel : sequence of str or None
        UN contributions: the ``Personnel_Type`` values to keep (``("Troops",)``
        by default; None keeps all). What was left out is said in the title.
    gazetteer, catalogue : optional
        Reuse open ones.

    Returns
    -------
    Story
        See the module docstring for the records.

    Raises
    ------
    InputError
        An unreadable file, an unknown format, a missing column, a bad value
        (with its line) or a filter that keeps nothing (with close names).

    Examples
    --------
    >>> from pathlib import Path
    >>> shared = Path("../shared/data/geopko")
    >>> story = read_tables([shared / "geopko_v2.3_frontmap.csv",
    ...                      shared / "geopko_v2.3_tccmap.csv"],
    ...                     mission="UNIFIL", year=2024)  # doctest: +SKIP
    >>> story.mission.troops  # doctest: +SKIP
    13250
    """
    res = _Resolver(gazetteer or Gazetteer(), catalogue or MissionCatalogue())
    reads = [_read_one(p, res, personnel) for p in paths]
    if not reads:
        raise InputError("no table given")
    _filter(reads, mission, parse_years(year), res)
    return _story(reads, res)


def read_table(
    path: str | os.PathLike[str],
    *,
    mission: str | None = None,
    year: YearSpec = None,
    personnel: Sequence[str] | None = ("Troops",),
    gazetteer: Gazetteer | None = None,
    catalogue: MissionCatalogue | None = None,
) -> Story:
    """Read one table (format detected from its header) into a :class:`Story`.

    Parameters are those of :func:`read_tables`.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "un.csv"
    >>> _ = p.write_text(
    ...     "Contributing_Country,ISOCode3,Mission_Acronym,Personnel_Type,"
    ...     "Female_Personnel,Male_Personnel,Last_Reporting_Date\\n"
    ...     "Ghana,GHA,UNIFIL,Troops,50,820,31/10/2023\\n"
    ...     "Ghana,GHA,UNIFIL,Staff Officers,2,10,31/10/2023\\n")
    >>> story = read_table(p)
    >>> [(d.contributor, d.troops, d.date) for d in story.deployments]
    [('GHA', 870, '2023-10-31')]
    >>> "left out Staff Officers 12" in story.title
    True
    """
    return read_tables(
        [path],
        mission=mission,
        year=year,
        personnel=personnel,
        gazetteer=gazetteer,
        catalogue=catalogue,
    )


# -- texts and tables alike ------------------------------------------------------------


def is_table(path: str | os.PathLike[str]) -> bool:
    """Whether an input is a table (by extension, then header) rather than an article.

    Examples
    --------
    >>> is_table("report.csv"), is_table("-")
    (True, False)
    """
    if str(path) == "-":
        return False
    if Path(path).suffix.lower() in (".csv", ".tsv"):
        return True
    return table_format(path) is not None


def read_inputs(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    mission: str | None = None,
    year: YearSpec = None,
    date: str = "",
    personnel: Sequence[str] | None = ("Troops",),
) -> Story:
    """Articles, Story documents and tables into one Story: see
    :func:`deploymap.inputs.read_inputs`, which this calls.

    Examples
    --------
    >>> from deploymap.examples import __file__ as examples
    >>> story = read_inputs([Path(examples).parent / "kfor-command-2023.txt"])
    >>> story.mission.mission.id
    'KFOR'
    """
    from deploymap.inputs import read_inputs as read_all

    return read_all(inputs, mission=mission, year=year, date=date, personnel=personnel)
