"""Map builder budgets (issue 5): file sizes, warm build time, a 10,000-marker map.

Run: ``.venv/bin/python benchmarks/maps.py [SEED_ARTICLE]``.  Targets: the seed
article's map at most 1.5 MB online and 3 MB offline, built in under 2 s warm;
a map of 10,000 force markers at most 2 MB and built in 0.5 s warm (issue 15),
measured beside a plain folium GeoJson layer of the same points in the same run.  The browser
part needs Playwright and Chromium (Debian ``chromium``) and runs with the
network off; it is skipped with a note when either is missing.  Prints a
Markdown table for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.mapping.synthetic

DEFAULT_SEED = ROOT.parent / "shared" / "seed" / "kosovo-kfor-2023.txt"
EXAMPLE = ROOT / "src" / "deploymap" / "examples" / "kfor-command-2023.txt"
MB = 1_000_000


def warm_build(story, n: int = 7, **kwargs) -> tuple[float, str]:
    """Median seconds of build_map + render with the data already open."""
    from deploymap.gazetteer import Gazetteer
    from deploymap.gazetteer.missions import MissionCatalogue
    from deploymap.mapping import map_html

    gaz, cat = Gazetteer(), MissionCatalogue()
    html = map_html(story, gazetteer=gaz, catalogue=cat, **kwargs)  # warm-up
    runs = []
    for _ in range(n):
        t = time.perf_counter()
        html = map_html(story, gazetteer=gaz, catalogue=cat, **kwargs)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), html


def folium_geojson(story, n: int = 3) -> tuple[float, str]:
    """The same points as a plain folium GeoJson layer (popups as properties), for comparison."""
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
    runs, html = [], ""
    for _ in range(n + 1):
        t = time.perf_counter()
        m = folium.Map(tiles=None)
        folium.GeoJson(
            {"type": "FeatureCollection", "features": feats},
            marker=folium.CircleMarker(radius=4),
            tooltip=folium.GeoJsonTooltip(["name", "troops"]),
            popup=folium.GeoJsonPopup(["name", "troops", "contributor"]),
        ).add_to(m)
        html = m.get_root().render()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs[1:]), html


READY = "window.L && document.querySelector('.leaflet-container canvas, .dm-cluster')"


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


def main(argv: list[str]) -> None:
    from tests.mapping.synthetic import many_forces_story

    from deploymap.read import read_text

    seed_path = Path(argv[0]) if argv else DEFAULT_SEED
    if not seed_path.is_file():
        print(f"note: {seed_path} not found; using the project's example article")
        seed_path = EXAMPLE
    story = read_text(seed_path.read_text(encoding="utf-8"), source=str(seed_path))

    online_s, online = warm_build(story)
    offline_s, offline = warm_build(story, offline=True)
    many = many_forces_story(10_000)
    many_s, many_html = warm_build(many, n=3, offline=True)
    plain_s, plain_html = folium_geojson(many)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "many.html"
        path.write_text(many_html, encoding="utf-8")
        timing = browser_load(path)
        plain_path = Path(tmp) / "plain.html"
        # folium's page loads Leaflet from its CDN: serve it the embedded copy instead
        from deploymap.mapping.assets import offline_asset

        inline = "<script>" + offline_asset("leaflet").text + "</script>"
        cdn = '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'
        plain = plain_html.replace(cdn, inline)
        plain_path.write_text(plain, encoding="utf-8")
        plain_timing = browser_load(
            plain_path, "window.L && document.querySelector('.leaflet-interactive')"
        )

    rows = {
        f"{seed_path.name} map, online: size": f"{len(online.encode()) / MB:.3f} MB",
        f"{seed_path.name} map, offline: size": f"{len(offline.encode()) / MB:.3f} MB",
        "seed map build + render, warm (median of 7), online": f"{online_s:.3f} s",
        "seed map build + render, warm (median of 7), offline": f"{offline_s:.3f} s",
        "10,000 force markers, offline: size": f"{len(many_html.encode()) / MB:.2f} MB",
        "10,000 force markers: build + render, warm": f"{many_s:.2f} s",
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
