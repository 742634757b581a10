"""``deploymap geocode``: one query, or one per line of standard input."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from deploymap.errors import DeploymapError
from deploymap.terminal import printable, printable_json


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
