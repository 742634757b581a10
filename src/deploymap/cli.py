"""The ``deploymap`` command: a thin layer that parses, calls the library, writes.

Heavy packages (folium, geopandas, geopy, pandas) are imported inside the
subcommands that need them, so ``deploymap --version`` and the argument parser
start fast.  Every failure ends as one line on stderr and an exit code:
2 for usage or input, 3 for network or geocoder, 1 otherwise; ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from deploymap._version import __version__
from deploymap.errors import DeploymapError
from deploymap.terminal import printable, printable_json

Handler = Callable[[argparse.Namespace], int]


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, removing temporary outputs.

    A BaseException, as KeyboardInterrupt is, so the per-document ``except
    Exception`` of a corpus run does not swallow it.
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: Any) -> None:
    raise Terminated(signum)


def iso_date(value: str) -> str:
    """``--date``: a real calendar day written YYYY-MM-DD (argparse type).

    >>> iso_date("2023-10-05")
    '2023-10-05'
    >>> iso_date("2023-02-30")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '2023-02-30' is not a date: day is out of range for month
    """
    import re
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
    import re

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


def _guard_output(output: str | None, inputs: Iterable[str]) -> None:
    """Before anything is read: an output that is a folder or one of the inputs is
    refused, and temporary files a killed run left for this output are removed."""
    if not output or output == "-":
        return
    from pathlib import Path

    from deploymap.errors import InputError
    from deploymap.io import clean_stale_temps, refuse_overwriting_inputs

    if Path(output).is_dir():
        raise InputError(f"{output}: is a folder; give -o a file name")
    refuse_overwriting_inputs(output, inputs)
    for tmp in clean_stale_temps(output, before=_STARTED):
        print(f"deploymap: removed {tmp}, left by an interrupted run", file=sys.stderr)


_STARTED = 0.0


class _QuietStderr:
    """``--quiet``: standard error keeps only what went wrong, line by line.

    Errors by deploymap's own convention pass (``deploymap: error: ...``, an
    internal error, an interrupted or stopped run, ``FILE:LINE: skipped: ...``
    for a document a corpus run left out, a query that found no place);
    warnings, notes, progress and "wrote ..." summaries are dropped, wherever
    in deploymap they are printed.
    """

    _ERROR = re.compile(
        r"^deploymap: (?:error|internal error|interrupted|stopped|no place found)\b"
        r"|: (?:error|skipped): |: stopped reading at line "
    )

    def __init__(self, stream: Any):
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            if self._ERROR.search(line):
                self._stream.write(line + "\n")
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        """Write what is left of an unfinished line (when it is an error), then flush."""
        if self._pending and self._ERROR.search(self._pending):
            self._stream.write(self._pending)
        self._pending = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return False  # no progress bar, no colours

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _cmd_geocode(args: argparse.Namespace) -> int:
    from deploymap.geocode.online import get_geocoder

    if not args.debug:
        # geopy logs each failed try with a traceback; our one-line error says it all
        import logging

        logging.getLogger("geopy").setLevel(logging.CRITICAL)
    backend: dict[str, Any] = {}
    if args.domain:
        backend["domain"] = args.domain
    if args.scheme:
        backend["scheme"] = args.scheme
    if args.timeout:
        backend["timeout"] = args.timeout
    if args.geocoder != "offline":
        backend["max_retries"] = args.retries
    geocoder = get_geocoder(
        args.geocoder,
        user_agent=args.user_agent,
        fallback=args.fallback,
        cache_ttl=args.cache_ttl,
        **backend,
    )
    if args.limit < 0:
        from deploymap.errors import InputError

        raise InputError(f"--limit {args.limit}: give 0 (no limit) or a positive number")
    if args.query == "-":
        return _geocode_lines(args, geocoder)
    found = _geocode_one(args, geocoder, args.query)
    if not found:
        print(f"deploymap: no place found for {printable(repr(args.query))}", file=sys.stderr)
        return 1
    records = [_location_record(loc) for loc in found]
    # names and codes come from the service: no control character reaches the terminal
    if args.format == "json":
        print(printable_json(json.dumps(records if args.all else records[0], ensure_ascii=False)))
    elif args.format == "csv":
        rows = [
            {"query": args.query, **({"rank": i} if args.all else {}), **r}
            for i, r in enumerate(records, 1)
        ]
        _write_geocode_csv(None, rows, args.all)
    else:
        for r in records:
            where = f"{r['lat']:.5f}, {r['lon']:.5f}"
            fields = [r["name"], where, *(r[k] or "-" for k in ("iso3", "kind", "id"))]
            print("\t".join(printable(f) for f in fields))
    return 0


def _geocode_one(args: argparse.Namespace, geocoder: Any, query: str) -> list[Any]:
    """The places found for one query (best first), the fallback's warnings printed."""
    if args.all:
        found = geocoder.geocode(query, exactly_one=False, country=args.country) or []
        if args.limit:
            found = found[: args.limit]
    else:
        one = geocoder.geocode(query, exactly_one=True, country=args.country)
        found = [one] if one is not None else []
    failures = getattr(geocoder, "failures", None)
    for failure in failures or []:
        print(
            f"deploymap: warning: {printable(failure)}; answered from the offline gazetteer",
            file=sys.stderr,
        )
    if failures and isinstance(failures, list):
        failures.clear()  # a batch reports each failure once
    return list(found)


GEOCODE_COLUMNS = ("query", "rank", "name", "lat", "lon", "iso3", "kind", "id")


def _write_geocode_csv(writer: Any, rows: list[dict[str, Any]], ranked: bool) -> Any:
    """CSV rows through :func:`deploymap.export.spreadsheet_cell` (nothing a spreadsheet
    runs); the header first when *writer* is None.  Returns the writer."""
    import csv

    from deploymap.export import spreadsheet_cell

    columns = [c for c in GEOCODE_COLUMNS if ranked or c != "rank"]
    if writer is None:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
    for r in rows:
        writer.writerow([printable(spreadsheet_cell(r.get(c))) for c in columns])
    return writer


def _geocode_lines(args: argparse.Namespace, geocoder: Any) -> int:
    """``geocode -``: one query per line of standard input, one answer per line out
    (JSON lines, or CSV with ``--format csv``); a query with no answer is reported
    and the others kept, and the exit code says so (1)."""
    from deploymap.errors import DeploymapError

    fmt = args.format or "json"
    writer = None
    missed = 0
    for ln, raw in enumerate(sys.stdin.buffer, 1):
        try:
            query = raw.decode("utf-8-sig" if ln == 1 else "utf-8").strip()
        except UnicodeDecodeError as e:
            print(f"deploymap: error: <stdin>:{ln}: not UTF-8 (byte {e.start})", file=sys.stderr)
            missed += 1
            continue
        if not query:
            continue
        try:
            found = _geocode_one(args, geocoder, query)
        except DeploymapError as e:
            if e.exit_code != 2:
                # the service is down or refuses: every further query would fail too
                print(
                    f"deploymap: error: <stdin>:{ln}: {printable(e)}; stopped here, the "
                    "answers before were written",
                    file=sys.stderr,
                )
                return e.exit_code
            print(f"deploymap: error: <stdin>:{ln}: {printable(e)}", file=sys.stderr)
            missed += 1
            continue
        if not found:
            print(
                f"deploymap: error: <stdin>:{ln}: no place found for {printable(repr(query))}",
                file=sys.stderr,
            )
            missed += 1
            continue
        rows = [
            {"query": query, **({"rank": i} if args.all else {}), **_location_record(loc)}
            for i, loc in enumerate(found, 1)
        ]
        if fmt == "csv":
            writer = _write_geocode_csv(writer, rows, args.all)
        elif fmt == "json":
            for r in rows:
                print(printable_json(json.dumps(r, ensure_ascii=False)))
        else:
            for r in rows:
                where = f"{r['lat']:.5f}, {r['lon']:.5f}"
                fields = [query, r["name"], where, *(r[k] or "-" for k in ("iso3", "kind", "id"))]
                print("\t".join(printable(f) for f in fields))
        sys.stdout.flush()  # answers as they come: a long batch shows progress
    if fmt == "csv" and writer is None:
        _write_geocode_csv(None, [], args.all)  # the header, so the file is a table
    if missed:
        print(
            f"deploymap: error: {missed} {'query' if missed == 1 else 'queries'} found no "
            "place (reported above); "
            "the others were written",
            file=sys.stderr,
        )
        return 1
    return 0


def _location_record(loc: Any) -> dict[str, Any]:
    raw = loc.raw if isinstance(loc.raw, dict) else {}
    return {
        "name": raw.get("name") or loc.address,
        "lat": round(loc.latitude, 6),
        "lon": round(loc.longitude, 6),
        "iso3": raw.get("iso3"),
        "kind": raw.get("kind"),
        "id": raw.get("id"),
    }


def _single_article(inputs: list[str]) -> bool:
    """One text file (or standard input): ``extract`` prints one Story, as it always has."""
    if len(inputs) != 1:
        return False
    name = inputs[0]
    if name == "-" or name.lower().startswith(("http://", "https://")):
        return True
    from pathlib import Path

    p = Path(name)
    low = p.name.lower().removesuffix(".gz")
    return p.is_file() and not low.endswith((".jsonl", ".ndjson", ".json"))


def _batch_engine(args: argparse.Namespace) -> str:
    from deploymap.errors import InputError

    engine: str | None = args.engine
    if engine == "local" and (args.workers or args.scheduler):
        raise InputError("--workers and --scheduler need --engine dask")
    # asking for workers or a scheduler means the dask engine
    return engine or ("dask" if args.workers or args.scheduler else "local")


def _run_batch(args: argparse.Namespace, job: str, output: str | None) -> int:
    from deploymap.batch import run_batch

    _guard_output(output, args.inputs)
    result = run_batch(
        args.inputs,
        output,
        job=job,
        engine=_batch_engine(args),
        workers=args.workers,
        scheduler=args.scheduler,
        chunk_size=args.chunk_size,
        date=getattr(args, "date", None) or "",
        progress=args.progress,
        max_doc_size=args.max_doc_size,
        doc_timeout=args.doc_timeout,
        country_point=getattr(args, "country_point", "auto"),
    )
    where = "standard output" if result.output == "-" else result.output
    verb = "geoparsed" if job == "geoparse" else "read"
    print(
        f"deploymap: {verb} {result.documents} documents into {where} in "
        f"{result.seconds:.1f} s ({result.docs_per_second:,.0f} docs/s)",
        file=sys.stderr,
    )
    if result.skipped:
        print(
            f"deploymap: error: skipped {result.skipped} malformed or unreadable "
            "documents (reported above); the others were written",
            file=sys.stderr,
        )
        return 2
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    if not _single_article(args.inputs):
        if args.format != "json":
            from deploymap.errors import InputError

            raise InputError(
                f"--format {args.format} takes one article; many inputs give JSONL "
                "(one Story per line): drop --format or give one text file"
            )
        return _run_batch(args, "extract", args.output)

    from deploymap.inputs import read_article, with_pages
    from deploymap.io import write_chunks_atomic
    from deploymap.read import read_text

    (source,) = args.inputs
    _guard_output(args.output, args.inputs)
    art = read_article(
        source, fetch=args.fetch, max_bytes=args.max_doc_size, timeout=args.fetch_timeout
    )
    # a file keeps the name it was given; a page its canonical address
    name = art.source if art.source.startswith(("http://", "https://")) else str(source)
    if source == "-":
        name = art.source
    story = read_text(
        art.text,
        title=art.title,
        date=art.date or args.date or "",
        source=name,
        lang=args.lang or "",
    )
    story = with_pages(story, art)
    del art  # a 20 MB article: keep one copy (the story's)
    _say_if_empty(story, source)
    if args.format == "geojson":
        from deploymap.export import story_to_geojson

        chunks: Iterable[str] = [json.dumps(story_to_geojson(story), ensure_ascii=False), "\n"]
    else:
        chunks = story.iter_json(text=True)  # the whole document: spans point into the text
    # C1 controls, DEL and bidi marks of the article as \u escapes: same JSON value,
    # nothing a terminal (or a pager over the file) would act on
    chunks = (printable_json(chunk) for chunk in chunks)
    if args.output and args.output != "-":
        write_chunks_atomic(args.output, chunks)
    else:
        for chunk in chunks:
            sys.stdout.write(chunk)
    return 0


def _say_if_empty(story: Any, *inputs: str) -> None:
    """A note on stderr when nothing was found: an empty result is not an error (exit 0),
    but it should not look like success either."""
    if story.places or story.missions or story.deployments or story.events:
        return
    names = ", ".join(printable("standard input" if i == "-" else i) for i in inputs[:3])
    more = f" and {len(inputs) - 3} more" if len(inputs) > 3 else ""
    print(
        f"deploymap: note: found no mission, place or troop figure in {names}{more}",
        file=sys.stderr,
    )


def _cmd_geoparse(args: argparse.Namespace) -> int:
    return _run_batch(args, "geoparse", args.output)


STATIC_SUFFIXES = (".png", ".svg", ".pdf")
STATIC_OPTIONS = ("size", "dpi", "style", "no_flows", "small_multiples")


def _map_kind(args: argparse.Namespace) -> str:
    """``static`` for -o FILE.png/.svg/.pdf, ``html`` for .html; anything else is refused."""
    from pathlib import Path

    from deploymap.errors import InputError

    suffix = Path(args.output).suffix.lower()
    if suffix in STATIC_SUFFIXES:
        return "static"
    if suffix not in (".html", ".htm") and args.output != "-":
        raise InputError(
            f"{args.output}: -o takes FILE.html (interactive map) or FILE.png, FILE.svg, "
            "FILE.pdf (static map)"
        )
    given = [o for o in STATIC_OPTIONS if getattr(args, o) not in (None, False)]
    if given:
        flag = "--" + given[0].replace("_", "-")
        raise InputError(f"{flag} is for static maps: use -o FILE.png, FILE.svg or FILE.pdf")
    return "html"


def _write_static(args: argparse.Namespace, story: Any) -> int:
    from deploymap.images import build_static

    if args.offline or args.tiles:
        from deploymap.errors import InputError

        raise InputError("--offline and --tiles are for HTML maps; static maps are always offline")
    dpi = args.dpi or 150.0
    out = build_static(
        story,
        args.output,
        size=args.size,
        dpi=dpi,
        style=args.style or "light",
        flows=not args.no_flows,
        small_multiples=args.small_multiples,
        title=args.title,
    )
    size = out.path.stat().st_size if out.path else 0
    if out.format == "png":
        shape = f"{out.width} x {out.height} px at {dpi:g} dpi"
    else:
        shape = f"{out.width / dpi:g} x {out.height / dpi:g} in"
    print(f"wrote {printable(args.output)} ({shape}, {size / 1024:,.0f} KB)", file=sys.stderr)
    return 0


def _cmd_map(args: argparse.Namespace) -> int:
    from deploymap.io import check_output, write_text_atomic
    from deploymap.mapping import map_html
    from deploymap.tables import is_table, read_inputs

    _refuse_binary(args.inputs)
    check_output(args.output)  # a folder, a device, an input: said before the format
    _guard_output(args.output, args.inputs)
    kind = _map_kind(args)
    years = _years(args.year)
    if (args.mission or years) and not any(is_table(p) for p in args.inputs):
        from deploymap.errors import InputError

        raise InputError("--mission and --year choose table rows, and no input is a table")
    story = read_inputs(args.inputs, mission=args.mission, year=years, date=args.date or "")
    _say_if_empty(story, *args.inputs)
    if kind == "static":
        return _write_static(args, story)
    # without --offline, deploymap's "offline" option (DEPLOYMAP_OFFLINE=1) decides
    offline = True if args.offline else None
    html = map_html(story, offline=offline, tiles=args.tiles, title=args.title)
    write_text_atomic(args.output, html)  # - is standard output
    size = len(html.encode("utf-8"))
    where = "standard output" if args.output == "-" else printable(args.output)
    print(f"wrote {where} ({size / 1024:,.0f} KB)", file=sys.stderr)
    return 0


def _refuse_binary(inputs: Sequence[str]) -> None:
    """Say "binary" for a binary input before table detection trips over its bytes."""
    from pathlib import Path

    from deploymap.io import read_input_text

    for name in inputs:
        p = Path(name)
        binary_ok = (".csv", ".tsv", ".pdf", ".gz")
        if name != "-" and p.suffix.lower() not in binary_ok and p.is_file():
            with p.open("rb") as f:
                head = f.read(8192)
            if b"\0" in head and not head.startswith(b"%PDF-"):
                read_input_text(name)  # raises the InputError that names the file


def _years(values: Sequence[str] | None) -> tuple[str, ...] | None:
    """``--year`` values (``2024``, ``2015-2024``; repeated) as the years to keep."""
    from deploymap.errors import InputError
    from deploymap.tables import parse_years

    try:
        return parse_years(values or None)
    except InputError as e:
        raise InputError(f"--{e}") from None


def _cmd_export(args: argparse.Namespace) -> int:
    from deploymap.export import export
    from deploymap.io import check_output
    from deploymap.tables import is_table, read_inputs

    check_output(args.output)

    personnel = None if args.personnel == ["all"] else tuple(args.personnel or ("Troops",))
    _guard_output(args.output, args.inputs)
    story = read_inputs(
        args.inputs,
        mission=args.mission,
        year=_years(args.year),
        date=args.date or "",
        personnel=personnel,
    )
    if any(is_table(p) for p in args.inputs):
        # what was read and left out (other personnel types, 0-troop rows)
        print(f"deploymap: read {printable(story.title)}", file=sys.stderr)
    n = export(story, args.output, format=args.format)
    where = "standard output" if args.output == "-" else printable(args.output)
    print(f"deploymap: wrote {n} features to {where}", file=sys.stderr)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from deploymap.inputs.story import story_schema

    text = json.dumps(story_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output and args.output != "-":
        from deploymap.io import write_text_atomic

        write_text_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from pathlib import Path

    from deploymap.errors import InputError
    from deploymap.io import check_output, write_text_atomic
    from deploymap.review import read_for_review, review_html

    _refuse_binary([args.input])
    check_output(args.output)
    _guard_output(args.output, [args.input])
    if args.output != "-" and Path(args.output).suffix.lower() not in (".html", ".htm"):
        raise InputError(f"{args.output}: the review page is HTML; give -o FILE.html (or -)")
    story = read_for_review(
        args.input, date=args.date or "", lang=args.lang or "", fetch=args.fetch
    )
    page = review_html(story, title=args.title, name="" if args.input == "-" else args.input)
    write_text_atomic(args.output, page)  # - is standard output
    where = "standard output" if args.output == "-" else printable(args.output)
    print(
        f"wrote {where} ({len(page.encode('utf-8')) / 1024:,.0f} KB): open it in a browser, "
        "check each record, and Save the corrected Story document",
        file=sys.stderr,
    )
    return 0


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
    rv.set_defaults(func=_cmd_review)
    _add_quiet(parser, sub)
    return parser


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


def main(argv: Sequence[str] | None = None) -> int:
    import signal
    import threading
    import time

    global _STARTED
    _STARTED = time.time()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    func: Handler = args.func
    quiet = getattr(args, "quiet", False)
    if quiet and hasattr(args, "progress"):
        args.progress = False
    stderr = sys.stderr
    if quiet:
        sys.stderr = _QuietStderr(stderr)
    # SIGTERM and SIGHUP end a run as Ctrl-C does: temporary outputs are removed
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
            if sig is not None:
                previous[sig] = signal.signal(sig, _on_signal)
    try:
        return func(args)
    except KeyboardInterrupt:
        print("deploymap: interrupted", file=sys.stderr)
        return 130
    except Terminated as e:
        name = signal.Signals(e.signum).name
        print(f"deploymap: stopped by {name}; nothing was written", file=sys.stderr)
        return 128 + e.signum
    except BrokenPipeError:
        # the reader went away (`deploymap extract x.txt | head`): stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except DeploymapError as e:
        if args.debug:
            raise
        for line in getattr(e, "lines", None) or [str(e)]:  # one problem a line
            print(f"deploymap: error: {printable(line)}", file=sys.stderr)
        return e.exit_code
    except OSError as e:
        if args.debug:
            raise
        where = f" {e.filename}" if getattr(e, "filename", None) else ""
        print(f"deploymap: error:{printable(where)} {printable(e.strerror or e)}", file=sys.stderr)
        return 2
    except Exception as e:  # the last line of defence: one line, not a traceback
        if args.debug:
            raise
        print(
            f"deploymap: internal error: {type(e).__name__}: {printable(e)} (rerun with --debug "
            "and report it)",
            file=sys.stderr,
        )
        return 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if quiet and isinstance(sys.stderr, _QuietStderr):
            sys.stderr.close()
            sys.stderr = stderr


if __name__ == "__main__":
    sys.exit(main())
