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
import sys
from collections.abc import Callable, Sequence
from typing import Any

from deploymap._version import __version__
from deploymap.errors import DeploymapError

Handler = Callable[[argparse.Namespace], int]


def _cmd_geocode(args: argparse.Namespace) -> int:
    from deploymap.geocode.online import get_geocoder

    geocoder = get_geocoder(
        args.geocoder,
        user_agent=args.user_agent,
        fallback=args.fallback,
    )
    if args.all:
        found = geocoder.geocode(args.query, exactly_one=False, country=args.country) or []
        if args.limit:
            found = found[: args.limit]
    else:
        one = geocoder.geocode(args.query, exactly_one=True, country=args.country)
        found = [one] if one is not None else []
    if not found:
        print(f"deploymap: no place found for {args.query!r}", file=sys.stderr)
        return 1
    records = [_location_record(loc) for loc in found]
    if args.format == "json":
        print(json.dumps(records if args.all else records[0], ensure_ascii=False))
    else:
        for r in records:
            where = f"{r['lat']:.5f}, {r['lon']:.5f}"
            print(f"{r['name']}\t{where}\t{r['iso3'] or '-'}\t{r['kind'] or '-'}\t{r['id'] or '-'}")
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


def _cmd_extract(args: argparse.Namespace) -> int:
    from deploymap.io import read_input_text, write_text_atomic
    from deploymap.read import read_text

    text = read_input_text(args.input)
    story = read_text(text, date=args.date or "", source=str(args.input))
    if args.format == "geojson":
        from deploymap.export import story_to_geojson

        out = json.dumps(story_to_geojson(story), ensure_ascii=False)
    else:
        out = json.dumps(story.to_dict(), ensure_ascii=False, indent=1)
    if args.output and args.output != "-":
        write_text_atomic(args.output, out + "\n")
    else:
        print(out)
    return 0


def _cmd_geoparse(args: argparse.Namespace) -> int:
    from deploymap.extract.toponyms import geoparse_jsonl

    n = geoparse_jsonl(args.inputs, args.output)
    print(f"deploymap: geoparsed {n} documents into {args.output}", file=sys.stderr)
    return 0


def _cmd_map(args: argparse.Namespace) -> int:
    from deploymap.io import read_input_text, write_text_atomic
    from deploymap.mapping import quick_map

    text = read_input_text(args.input)
    html = quick_map(text, title=args.title or args.input)
    write_text_atomic(args.output, html)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deploymap",
        description="Map peacekeeping deployments from news text, offline by default.",
    )
    parser.add_argument("--version", action="version", version=f"deploymap {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    g = sub.add_parser("geocode", help="find a place by name")
    g.add_argument("query", help='a place name, optionally "Town, Country"')
    g.add_argument("--country", help="ISO3 code (or name) of a country to favour")
    g.add_argument(
        "--geocoder",
        default="offline",
        help="offline (default) or a geopy service: nominatim, arcgis, photon, ...",
    )
    g.add_argument("--user-agent", help="identify yourself to online services (Nominatim)")
    g.add_argument("--fallback", choices=["offline"], help="use the gazetteer if the service fails")
    g.add_argument("--all", action="store_true", help="list every candidate, best first")
    g.add_argument("--limit", type=int, default=0, help="with --all, at most this many")
    g.add_argument("--format", choices=["text", "json"], default="text")
    g.set_defaults(func=_cmd_geocode)

    x = sub.add_parser("extract", help="missions, contributors, figures and places of an article")
    x.add_argument("input", help="a UTF-8 text file, or - for standard input")
    x.add_argument("--format", choices=["json", "geojson"], default="json")
    x.add_argument("--date", help="the article date (YYYY-MM-DD) for dates without a year")
    x.add_argument("-o", "--output", help="write here instead of standard output")
    x.set_defaults(func=_cmd_extract)

    gp = sub.add_parser("geoparse", help="find and place toponyms in JSONL or text files")
    gp.add_argument("inputs", nargs="+", help='JSONL with {"id", "text"} lines, or .txt files')
    gp.add_argument("-o", "--output", required=True, help="output JSONL")
    gp.set_defaults(func=_cmd_geoparse)

    m = sub.add_parser("map", help="write an HTML map of an article")
    m.add_argument("input", help="a UTF-8 text file")
    m.add_argument("-o", "--output", default="map.html")
    m.add_argument("--title")
    m.set_defaults(func=_cmd_map)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    func: Handler = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        print("deploymap: interrupted", file=sys.stderr)
        return 130
    except DeploymapError as e:
        if args.debug:
            raise
        print(f"deploymap: error: {e}", file=sys.stderr)
        return e.exit_code
    except OSError as e:
        if args.debug:
            raise
        where = f" {e.filename}" if getattr(e, "filename", None) else ""
        print(f"deploymap: error:{where} {e.strerror or e}", file=sys.stderr)
        return 2
    except Exception as e:  # the last line of defence: one line, not a traceback
        if args.debug:
            raise
        print(
            f"deploymap: internal error: {type(e).__name__}: {e} (rerun with --debug "
            "and report it)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
