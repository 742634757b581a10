"""The subcommands that read articles and tables: extract, geoparse, map, export,
schema and review."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from deploymap.terminal import printable, printable_json

# when this run started (set by main): older temporary outputs were left by killed runs
started = 0.0


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
    for tmp in clean_stale_temps(output, before=started):
        print(f"deploymap: removed {tmp}, left by an interrupted run", file=sys.stderr)


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
        ui_lang=args.ui_lang,
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
    html = map_html(
        story, offline=offline, tiles=args.tiles, title=args.title, ui_lang=args.ui_lang
    )
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
    page = review_html(
        story,
        title=args.title,
        name="" if args.input == "-" else args.input,
        ui_lang=args.ui_lang,
    )
    write_text_atomic(args.output, page)  # - is standard output
    where = "standard output" if args.output == "-" else printable(args.output)
    print(
        f"wrote {where} ({len(page.encode('utf-8')) / 1024:,.0f} KB): open it in a browser, "
        "check each record, and Save the corrected Story document",
        file=sys.stderr,
    )
    return 0
