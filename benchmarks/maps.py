"""Map builder budgets (issues 5 and 15): file sizes, warm build time, a 10,000-marker map.

Run: ``.venv/bin/python benchmarks/maps.py [SEED_ARTICLE] [--against OLD_SRC] [--rounds N]``.
Targets: the seed article's map at most 1.5 MB online and 3 MB offline, built
in under 2 s warm; a map of 10,000 force markers at most 2 MB and built in
0.5 s warm (issue 15), measured beside a plain folium GeoJson layer of the
same points in the same run.  "Warm" means the gazetteer and the mission
catalogue are open; the time covers ``build_map`` and rendering the HTML,
given as wall time and as the process's CPU time (on a shared machine the
wall time also counts the time other processes held the cores).

``--against OLD_SRC`` also builds the 10,000-marker map with another copy of
the package (``PYTHONPATH=OLD_SRC``, e.g. a ``git worktree`` of an older
commit), in separate processes taking turns with this one for ``--rounds``
rounds, so both see the same machine load; the browser loads their pages in
turns too.

The browser part needs Playwright and Chromium (Debian ``chromium``) and runs
with the network off; it is skipped with a note when either is missing.
Prints a Markdown table for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.mapping.synthetic

DEFAULT_SEED = ROOT.parent / "shared" / "seed" / "kosovo-kfor-2023.txt"
EXAMPLE = ROOT / "src" / "deploymap" / "examples" / "kfor-command-2023.txt"
MB = 1_000_000


def warm_build(story, n: int = 7, **kwargs) -> tuple[float, str]:
    """Median seconds of build_map + render with the data already open."""
    wall, _, html = warm_build_cpu(story, n, **kwargs)
    return statistics.median(wall), html


def warm_build_cpu(
    story, n: int = 7, *, shared: bool = True, **kwargs
) -> tuple[list[float], list[float], str]:
    """Wall and CPU seconds of each of *n* builds + renders, with the data already open.

    With ``shared=False`` each build opens its own gazetteer and catalogue, as
    ``build_map(story)`` and ``story.to_map()`` do when none is passed (after
    one warm-up build in the process, like the shared case).
    """
    from deploymap.gazetteer import Gazetteer
    from deploymap.gazetteer.missions import MissionCatalogue
    from deploymap.mapping import map_html

    if shared:
        kwargs = {"gazetteer": Gazetteer(), "catalogue": MissionCatalogue(), **kwargs}
    html = map_html(story, **kwargs)  # warm-up
    wall, cpu = [], []
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        html = map_html(story, **kwargs)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - t)
    return wall, cpu, html


def folium_geojson(story, n: int = 3) -> tuple[float, str]:
    """The same points as a plain folium GeoJson layer (popups as properties), for comparison."""
    wall, _, html = folium_geojson_cpu(story, n)
    return statistics.median(wall), html


def folium_geojson_cpu(story, n: int = 3) -> tuple[list[float], list[float], str]:
    """Wall and CPU seconds of each of *n* folium GeoJson builds + renders (after a warm-up)."""
    import folium

    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [d.location.lon, d.location.lat]},
            "properties": {
                "name": d.location.name,
                "troops": d.troops,
                "contributor": d.contributor,
            },
        }
        for d in story.deployments
        if d.location is not None
    ]
    wall, cpu, html = [], [], ""
    for _ in range(n + 1):
        t, c = time.perf_counter(), time.process_time()
        m = folium.Map(tiles=None)
        folium.GeoJson(
            {"type": "FeatureCollection", "features": feats},
            marker=folium.CircleMarker(radius=4),
            tooltip=folium.GeoJsonTooltip(["name", "troops"]),
            popup=folium.GeoJsonPopup(["name", "troops", "contributor"]),
        ).add_to(m)
        html = m.get_root().render()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - t)
    return wall[1:], cpu[1:], html


# every force point is in and drawn (clusters load in chunks: the runtime marks the end)
READY = "window.L && document.querySelector('.folium-map[data-dm-drawn]')"
# an older runtime, which did not mark it: the first canvas or cluster
READY_OLD = "window.L && document.querySelector('.leaflet-container canvas, .dm-cluster')"
READY_FOLIUM = "window.L && document.querySelector('.leaflet-interactive')"


def browser_load(path: Path, ready: str = READY) -> dict[str, float] | None:
    """Seconds until the map is drawn, and for one zoom and one pan, in headless Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        return None
    args = ["--no-sandbox", "--disable-gpu", "--proxy-server=127.0.0.1:9"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=args)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
        )
        t = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function(ready)
        load = time.perf_counter() - t
        # one zoom in and one pan, timed inside the page (Leaflet redraws synchronously
        # when animation is off; a Promise on its events would time the event loop)
        steps = page.evaluate(
            """() => {
              const map = window[document.querySelector('.folium-map').id]
                || Object.values(window).find(v => v instanceof L.Map);
              let t = performance.now();
              map.setZoom(map.getZoom() + 1, {animate: false});
              const zoom = performance.now() - t;
              t = performance.now();
              map.panBy([200, 100], {animate: false});
              return {zoom: zoom / 1000, pan: (performance.now() - t) / 1000};
            }"""
        )
        browser.close()
    return {"load_s": load, "zoom_s": steps["zoom"], "pan_s": steps["pan"]}


def many_only(out: Path, builds: int, folium: bool = False) -> None:
    """Build the 10,000-marker map *builds* times warm; write it to *out*; print the times."""
    from tests.mapping.synthetic import many_forces_story

    many = many_forces_story(10_000)
    wall, cpu, html = warm_build_cpu(many, n=builds, offline=True)
    out.write_text(html, encoding="utf-8")
    record = {"wall": wall, "cpu": cpu, "bytes": len(html.encode())}
    uwall, ucpu, _ = warm_build_cpu(many, n=builds, shared=False, offline=True)
    record.update(user_wall=uwall, user_cpu=ucpu)
    if folium:
        fwall, fcpu, fhtml = folium_geojson_cpu(many, builds)
        record.update(folium_wall=fwall, folium_cpu=fcpu, folium_bytes=len(fhtml.encode()))
        out.with_suffix(".folium.html").write_text(_inline_leaflet(fhtml), encoding="utf-8")
    print(json.dumps(record))


def _inline_leaflet(html: str) -> str:
    # folium's page loads Leaflet from its CDN: serve it the embedded copy instead
    from deploymap.mapping.assets import offline_asset

    inline = "<script>" + offline_asset("leaflet").text + "</script>"
    cdn = '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'
    return html.replace(cdn, inline)


def _run(src: Path | None, out: Path, builds: int, folium: bool) -> dict[str, Any]:
    """:func:`many_only` in a fresh process, importing the package from *src* (None: this one)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    cmd = [sys.executable, __file__, "--many-only", str(out), "--builds", str(builds)]
    if folium:
        cmd.append("--folium")
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fmt(xs: list[float]) -> str:
    return f"{statistics.median(xs):.2f} s (min {min(xs):.2f})"


def compare(old_src: Path, rounds: int, builds: int, label: str = "before") -> None:
    """Old and new 10,000-marker maps, built and loaded in turns; prints a Markdown table."""
    runs: dict[str, dict[str, list[float]]] = {
        k: {"wall": [], "cpu": [], "user_wall": [], "user_cpu": []}
        for k in ("old", "new", "folium")
    }
    sizes: dict[str, int] = {}
    browser: dict[str, list[dict[str, float]]] = {"old": [], "new": [], "folium": []}
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(rounds):
            for who, src in (("old", old_src), ("new", None)):
                r = _run(src, Path(tmp) / f"{who}.html", builds, folium=who == "new")
                for kind in ("wall", "cpu", "user_wall", "user_cpu"):
                    runs[who][kind] += r.get(kind, [])  # an older script times no user path
                sizes[who] = r["bytes"]
                if who == "new":
                    runs["folium"]["wall"] += r["folium_wall"]
                    runs["folium"]["cpu"] += r["folium_cpu"]
                    sizes["folium"] = r["folium_bytes"]
            pages = (
                ("old", Path(tmp) / "old.html", READY_OLD),
                ("new", Path(tmp) / "new.html", READY),
                ("folium", Path(tmp) / "new.folium.html", READY_FOLIUM),
            )
            for who, page, ready in pages:
                timing = browser_load(page, ready)
                if timing is not None:
                    browser[who].append(timing)
    load = tuple(max(a, b) for a, b in zip(load, os.getloadavg(), strict=True))
    print(f"load average (1, 5, 15 min), the higher of start and end: {load}")
    print(f"| 10,000 force markers | {label} | after | folium GeoJson, same points |")
    print("|---|---|---|---|")
    print("| size | " + " | ".join(f"{sizes[k] / MB:.2f} MB" for k in runs) + " |")
    for kind, what in (
        ("wall", "build + render, warm, wall time"),
        ("cpu", "build + render, warm, CPU time"),
        ("user_wall", "the same, no gazetteer passed (`story.to_map()`), wall time"),
        ("user_cpu", "the same, no gazetteer passed, CPU time"),
    ):
        cells = " | ".join(_fmt(runs[k][kind]) if runs[k][kind] else "—" for k in runs)
        print(f"| {what} (median of {rounds * builds}) | {cells} |")
    if all(browser.values()):
        for key, what in (
            ("load_s", "Chromium: load until every point is drawn"),
            ("zoom_s", "Chromium: redraw after one zoom step"),
            ("pan_s", "Chromium: redraw after a pan"),
        ):
            cells = " | ".join(
                f"{statistics.median(t[key] for t in browser[k]):.3f} s" for k in runs
            )
            print(f"| {what} (median of {rounds}) | {cells} |")
    else:
        print("| Chromium | skipped (no Playwright or Chromium) | | |")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--against", type=Path, help="another copy's src/ to compare with")
    parser.add_argument("--label", default="before", help="the other copy's column heading")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--builds", type=int, default=3, help="warm builds per process")
    parser.add_argument("--many-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--folium", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.many_only is not None:
        many_only(args.many_only, args.builds, args.folium)
        return
    if args.against is not None:
        compare(args.against, args.rounds, args.builds, args.label)
        return
    seed(args.seed)


def seed(seed_path: Path) -> None:
    from tests.mapping.synthetic import many_forces_story

    from deploymap.read import read_text

    if not seed_path.is_file():
        print(f"note: {seed_path} not found; using the project's example article")
        seed_path = EXAMPLE
    story = read_text(seed_path.read_text(encoding="utf-8"), source=str(seed_path))

    online_s, online = warm_build(story)
    offline_s, offline = warm_build(story, offline=True)
    many = many_forces_story(10_000)
    many_s, many_html = warm_build(many, n=3, offline=True)
    user_s = statistics.median(warm_build_cpu(many, n=3, shared=False, offline=True)[0])
    plain_s, plain_html = folium_geojson(many)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "many.html"
        path.write_text(many_html, encoding="utf-8")
        timing = browser_load(path)
        plain_path = Path(tmp) / "plain.html"
        plain_path.write_text(_inline_leaflet(plain_html), encoding="utf-8")
        plain_timing = browser_load(plain_path, READY_FOLIUM)

    rows = {
        f"{seed_path.name} map, online: size": f"{len(online.encode()) / MB:.3f} MB",
        f"{seed_path.name} map, offline: size": f"{len(offline.encode()) / MB:.3f} MB",
        "seed map build + render, warm (median of 7), online": f"{online_s:.3f} s",
        "seed map build + render, warm (median of 7), offline": f"{offline_s:.3f} s",
        "10,000 force markers, offline: size": f"{len(many_html.encode()) / MB:.2f} MB",
        "10,000 force markers: build + render, warm": f"{many_s:.2f} s",
        "the same, no gazetteer passed (`story.to_map()`)": f"{user_s:.2f} s",
        "same points, folium GeoJson layer: size": f"{len(plain_html.encode()) / MB:.2f} MB",
        "same points, folium GeoJson layer: build + render, warm": f"{plain_s:.2f} s",
    }
    if timing is None:
        rows["10,000 force markers: browser"] = "skipped (no Playwright or Chromium)"
    else:
        rows["10,000 force markers: Chromium load to drawn canvas"] = f"{timing['load_s']:.2f} s"
        rows["10,000 force markers: redraw after one zoom step"] = f"{timing['zoom_s']:.3f} s"
        rows["10,000 force markers: redraw after a pan"] = f"{timing['pan_s']:.3f} s"
    if plain_timing is not None:
        rows["folium GeoJson, same points: Chromium load"] = f"{plain_timing['load_s']:.2f} s"
        rows["folium GeoJson, same points: redraw after one zoom step"] = (
            f"{plain_timing['zoom_s']:.3f} s"
        )
        rows["folium GeoJson, same points: redraw after a pan"] = f"{plain_timing['pan_s']:.3f} s"
    print("| measure | value |\n|---|---|")
    for k, v in rows.items():
        print(f"| {k} | {v} |")
    print(
        json.dumps(
            {
                "online_bytes": len(online.encode()),
                "offline_bytes": len(offline.encode()),
                "online_s": online_s,
                "offline_s": offline_s,
                "many_bytes": len(many_html.encode()),
                "many_s": many_s,
                **(timing or {}),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
