"""The arguments of ``deploymap`` and its subcommands, and their value types."""

from __future__ import annotations

import argparse
import re
from typing import Any

from deploymap._version import __version__
from deploymap.cli.commands import (
    _cmd_export,
    _cmd_extract,
    _cmd_geoparse,
    _cmd_map,
    _cmd_review,
    _cmd_schema,
)
from deploymap.cli.geocode import _cmd_geocode
from deploymap.terminal import printable


def iso_date(value: str) -> str:
    """``--date``: a real calendar day written YYYY-MM-DD (argparse type).

    >>> iso_date("2023-10-05")
    '2023-10-05'
    >>> iso_date("2023-02-30")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '2023-02-30' is not a date: day is out of range for month
    """
    from datetime import date

    v = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write it as YYYY-MM-DD")
    try:
        date.fromisoformat(v)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: {e}") from None
    return v


def byte_size(value: str) -> int:
    """``--max-doc-size``: bytes, or with a unit: ``500KB``, ``20MB``, ``1GB`` (argparse type).

    >>> byte_size("20MB"), byte_size("1500")
    (20000000, 1500)
    """

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*", value, re.IGNORECASE)
    if not m:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size; write e.g. 20MB or 500KB")
    n = int(float(m[1]) * {"": 1, "k": 1e3, "m": 1e6, "g": 1e9}[m[2].lower()])
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give at least 1 byte")
    return n


def seconds(value: str) -> float:
    """``--doc-timeout``: seconds, 0 for no limit (argparse type).

    >>> seconds("2.5")
    2.5
    """
    import math

    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not math.isfinite(x) or x < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: give 0 (no limit) or more seconds")
    return x


def _add_input_options(p: argparse.ArgumentParser, years_note: str = "") -> None:
    """The inputs of ``map`` and ``export``: articles and tables, and the table filters."""
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="articles (UTF-8 text, saved .html pages, text .pdf; - for stdin), Story "
        "documents (.json from deploymap extract, stories.jsonl, a GeoJSON export) or CSV tables",
    )
    p.add_argument("--mission", help="only this mission's table rows (id, acronym or name)")
    p.add_argument(
        "--year",
        action="append",
        metavar="YEAR",
        help="only these years' table rows: a year (2024) or an inclusive range (2015-2024); "
        f"repeat it for several{years_note}",
    )
    p.add_argument(
        "--date", type=iso_date, help="the articles' date (YYYY-MM-DD) when they do not say"
    )


def _add_batch_options(p: argparse.ArgumentParser) -> None:
    b = p.add_argument_group("corpus runs")
    b.add_argument(
        "--engine",
        choices=["local", "dask"],
        help="local: this process (default); dask: a dask.distributed cluster",
    )
    b.add_argument(
        "--workers", type=int, metavar="N", help="dask: start a local cluster of N processes"
    )
    b.add_argument(
        "--scheduler", metavar="ADDRESS", help="dask: use the cluster at tcp://host:8786"
    )
    b.add_argument(
        "--chunk-size", type=int, default=500, metavar="N", help="documents per task (500)"
    )
    b.add_argument(
        "--max-doc-size",
        type=byte_size,
        default=20_000_000,
        metavar="SIZE",
        help="skip (and report) a record or text file larger than this (20MB)",
    )
    b.add_argument(
        "--doc-timeout",
        type=seconds,
        default=30.0,
        metavar="SECONDS",
        help="skip (and report) a document that takes longer (30; 0: no limit)",
    )
    b.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line (the usage itself is one ``--help`` away)."""

    def error(self, message: str) -> Any:
        # the message quotes the argument as given: escape what a terminal would act on
        self.exit(2, f"{self.prog}: error: {printable(message)} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="deploymap",
        description="Map peacekeeping deployments from news text, offline by default.",
    )
    parser.add_argument("--version", action="version", version=f"deploymap {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    g = sub.add_parser("geocode", help="find a place by name")
    g.add_argument(
        "query",
        help='a place name, optionally "Town, Country"; - reads one query per line from '
        "standard input (JSON lines out, or --format csv)",
    )
    g.add_argument("--country", help="ISO3 code (or name) of a country to favour")
    g.add_argument(
        "--geocoder",
        default="offline",
        help="offline (default) or a geopy service: nominatim, arcgis, photon, ...",
    )
    g.add_argument("--user-agent", help="identify yourself to online services (Nominatim)")
    g.add_argument("--fallback", choices=["offline"], help="use the gazetteer if the service fails")
    g.add_argument("--domain", help="online: the service's host[:port] (a self-hosted Nominatim)")
    g.add_argument("--scheme", choices=["https", "http"], help="online: http for a local service")
    g.add_argument("--timeout", type=float, help="online: seconds to wait for an answer")
    g.add_argument(
        "--retries", type=int, default=2, help="online: retries after a timeout, 429 or 5xx (2)"
    )
    g.add_argument(
        "--cache-ttl",
        metavar="AGE",
        help="online: serve cached answers up to this age: seconds or 45m, 12h, 30d "
        "(default 30d; 0 always asks the service)",
    )
    g.add_argument("--all", action="store_true", help="list every candidate, best first")
    g.add_argument("--limit", type=int, default=0, help="with --all, at most this many")
    g.add_argument(
        "--format",
        choices=["text", "json", "csv"],
        help="text (one query's default), json (JSON lines for -, the default there) or csv",
    )
    g.set_defaults(func=_cmd_geocode)

    x = sub.add_parser(
        "extract",
        help="missions, contributors, figures and places of an article (or of a corpus)",
        description="One text file (or -) prints its Story as JSON, as before. Many inputs, "
        "JSONL files, folders or globs write JSONL: one {id, ...Story} line per document.",
    )
    x.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a UTF-8 text file or - for standard input; or JSONL files, folders of .txt, globs",
    )
    x.add_argument("--format", choices=["json", "geojson"], default="json")
    x.add_argument(
        "--date", type=iso_date, help="the article date (YYYY-MM-DD) for dates without a year"
    )
    x.add_argument(
        "--lang",
        choices=["en", "fr"],
        help="the language of the text (default: detected from its function words)",
    )
    x.add_argument("-o", "--output", help="write here instead of standard output")
    x.add_argument(
        "--fetch",
        action="store_true",
        help="allow reading an http(s):// address (the only command that uses the network "
        "for articles; pages are cached in ~/.cache/deploymap/pages)",
    )
    x.add_argument(
        "--fetch-timeout", type=seconds, default=None, metavar="SECONDS", help="--fetch: 20"
    )
    _add_batch_options(x)
    x.set_defaults(func=_cmd_extract)

    gp = sub.add_parser(
        "geoparse",
        help="find and place toponyms in JSONL or text files",
        description='Write one {"id", "toponyms"} JSONL line per document, in input order.',
    )
    gp.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help='JSONL with {"id", "text"} lines (may be .gz), text files, folders of .txt, globs, '
        "or - for standard input (JSONL; plain text that does not start with { is one document)",
    )
    gp.add_argument("-o", "--output", default="-", help="output JSONL (default: standard output)")
    gp.add_argument(
        "--country-point",
        choices=["auto", "conventional", "centroid", "label"],
        default="auto",
        help="where a country is put: auto (default; the conventional point, or the "
        "equal-area centroid for countries over 2 million km2), conventional (World "
        "Factbook point), centroid (equal-area centroid), label (map label point)",
    )
    _add_batch_options(gp)
    gp.set_defaults(func=_cmd_geoparse)

    m = sub.add_parser(
        "map",
        help="write an interactive (HTML) or static (PNG, SVG, PDF) map of articles and tables",
        description="Articles (several are merged: the latest figure wins) and tables "
        "(Geo-PKO front and TCC maps, the UN contributions CSV, or a CSV of contributor, "
        "mission, troops, date[, location, lat, lon]) on one map. Inputs over several "
        "dates or years get a time slider (HTML) or their last year (-o .png, .svg, .pdf; "
        "--small-multiples draws one map per year).",
    )
    _add_input_options(m, years_note="; more than one year gives a time slider")
    m.add_argument(
        "-o",
        "--output",
        default="map.html",
        help="FILE.html: interactive map (- for standard output); FILE.png, FILE.svg or "
        "FILE.pdf: static map for print",
    )
    m.add_argument(
        "--offline",
        action="store_true",
        help="one self-contained file: Leaflet embedded, vector basemap, no requests",
    )
    m.add_argument(
        "--tiles",
        help="online tile provider (an xyzservices name, default OpenStreetMap.Mapnik; "
        "'none' for the vector basemap)",
    )
    m.add_argument("--title", help="map heading (default: the article's headline)")
    _add_ui_lang(m, "the map's own words")
    s = m.add_argument_group("static maps (-o FILE.png, FILE.svg, FILE.pdf)")
    s.add_argument(
        "--size",
        help="page size: inches (11x7in, the default), mm (210x148mm) or pixels (1600x1000px)",
    )
    s.add_argument("--dpi", type=float, help="pixels per inch of a PNG (150)")
    s.add_argument(
        "--style", choices=["light", "print"], help="print: grayscale-safe (default light)"
    )
    s.add_argument(
        "--no-flows", action="store_true", help="no contributor flows in the locator map"
    )
    s.add_argument(
        "--small-multiples",
        action="store_true",
        help="one small map per year or date, on one troop scale (a print slider)",
    )
    m.set_defaults(func=_cmd_map)

    e = sub.add_parser(
        "export",
        help="write articles and tables as GeoJSON, GeoPackage or CSV for GIS tools",
        description="Formats by the extension of -o: .geojson (RFC 7946), .gpkg (one layer "
        "per kind: country, mission_area, force, place, flow), .csv (one row per feature "
        "with WKT). Tables: Geo-PKO front and TCC maps, the UN contributions CSV, or a "
        "CSV of contributor, mission, troops, date[, location, lat, lon].",
    )
    _add_input_options(e)
    e.add_argument(
        "-o",
        "--output",
        required=True,
        help="FILE.geojson, FILE.gpkg or FILE.csv; - for standard output "
        "(GeoJSON, or --format csv)",
    )
    e.add_argument(
        "--format",
        choices=["geojson", "gpkg", "csv"],
        help="the format, whatever the extension (default: the extension's; GeoJSON for -)",
    )
    e.add_argument(
        "--personnel",
        action="append",
        metavar="TYPE",
        help="UN contributions: a Personnel_Type to keep (repeat it; default Troops; 'all')",
    )
    e.set_defaults(func=_cmd_export)

    sc = sub.add_parser(
        "schema",
        help="print the JSON Schema of the Story document (deploymap extract's JSON)",
        description="The Story document (deploymap/story/v1) is what deploymap extract writes "
        "and what map and export read back after hand edits; see docs/story-document.md.",
    )
    sc.add_argument("-o", "--output", help="write here instead of standard output")
    sc.set_defaults(func=_cmd_schema)

    rv = sub.add_parser(
        "review",
        help="write a review page: check, correct and save what was read, in a browser",
        description="One offline HTML page: the article with its places, missions, figures "
        "and contributors highlighted, a table of the records (accept, correct or reject "
        "each; add a missed figure by selecting it) and the map. Save downloads the "
        "corrected Story document, which deploymap map draws. See docs/story-document.md.",
    )
    rv.add_argument(
        "input",
        metavar="INPUT",
        help="an article (UTF-8 text, a saved .html page, a text .pdf; - for stdin) or one "
        "Story document (.json from deploymap extract)",
    )
    rv.add_argument("-o", "--output", default="review.html", help="FILE.html, or - for stdout")
    rv.add_argument("--title", help="page heading (default: the article's headline)")
    rv.add_argument(
        "--date", type=iso_date, help="the article date (YYYY-MM-DD) when it does not say"
    )
    rv.add_argument("--lang", choices=["en", "fr"], help="the language of the article")
    rv.add_argument("--fetch", action="store_true", help="allow reading an http(s):// address")
    _add_ui_lang(rv, "the page's own words")
    rv.set_defaults(func=_cmd_review)
    _add_quiet(parser, sub)
    return parser


def _add_ui_lang(p: argparse.ArgumentParser, what: str) -> None:
    """``--ui-lang``: the interface's language, one of the catalogues (deploymap.locales)."""
    from deploymap.locales import DEFAULT, languages

    p.add_argument(
        "--ui-lang",
        choices=languages(),
        default=DEFAULT,
        help=f"the language of {what}: legend, popups, buttons, numbers (default {DEFAULT}; "
        "quoted text is shown as written)",
    )


def _add_quiet(parser: argparse.ArgumentParser, sub: Any) -> None:
    """``-q``/``--quiet`` before or after the subcommand, on every subcommand."""
    for p in (parser, *dict.fromkeys(sub.choices.values())):
        p.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            default=argparse.SUPPRESS,
            help="no progress, notes or warnings on stderr: only errors",
        )
