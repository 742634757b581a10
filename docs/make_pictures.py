"""The pictures of docs/customising-maps.md: maps drawn with ``build_map`` options, shot
in headless Chromium with the network off.

Run it from the repository root (``make pictures``); it needs the ``test`` extra
(Playwright, which drives the system Chromium: ``apt-get install chromium``, or set
``DEPLOYMAP_CHROMIUM``) and the ``offline`` extra.  Every map is drawn offline (Leaflet
embedded, the vector basemap), from the example articles and the Geo-PKO sample the
package ships, so the pictures are the same on any machine; a request that would
leave the machine is refused and named.  Each PNG is reduced to a palette of at most
128 colours (maps are flat colours), 1000 pixels wide.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "pictures"
# shot at a laptop size, then scaled to WIDTH pixels for the page
VIEW = (1280, 800)
WIDTH = 1000
COLOURS = 128
FLAGS = [
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-domain-reliability",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",  # nothing leaves the machine
]
READY = "window.L && document.querySelector('.leaflet-container')"


def _chromium() -> str:
    exe = os.environ.get("DEPLOYMAP_CHROMIUM") or next(
        (p for n in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(n))),
        None,
    )
    if not exe:
        sys.exit("make_pictures: no Chromium (apt-get install chromium, or set DEPLOYMAP_CHROMIUM)")
    return exe


def _stories() -> dict[str, Any]:
    import deploymap
    from deploymap.examples import __file__ as examples
    from deploymap.tables import read_tables

    folder = Path(examples).parent
    kfor = deploymap.read_text(
        (folder / "kfor-command-2023.txt").read_text(encoding="utf-8"),
        source="kfor-command-2023.txt",
    )
    undof = deploymap.read_text(
        (folder / "undof-golan-2024.txt").read_text(encoding="utf-8"),
        source="undof-golan-2024.txt",
    )
    sample = folder / "geopko-sample"
    unifil = read_tables(
        [sample / "geopko_v2.3_frontmap_sample.csv", sample / "geopko_v2.3_tccmap_sample.csv"],
        mission="UNIFIL",
    )
    return {"kfor": kfor, "undof": undof, "unifil": unifil}


def _click_force(page: Any) -> None:
    page.get_by_text("Hide layers").click()  # room for the popup
    page.locator(".leaflet-dm-force-pane path.leaflet-interactive").first.click(force=True)
    page.wait_for_timeout(300)


def _flows_on(page: Any) -> None:
    page.locator(".leaflet-control-layers").hover()
    page.get_by_label("Contributor flows").check()
    page.wait_for_timeout(300)


# (file, what it shows, story, build_map options, what to do on the page before the shot)
Shot = tuple[str, str, str | tuple[str, ...], dict[str, Any], Callable[[Any], None] | None]
SHOTS: list[Shot] = [
    ("map-offline.png", "offline map of an article", "kfor", {}, None),
    ("map-title.png", "a title of your own", "kfor", {"title": "KFOR in October 2023"}, None),
    ("map-popup.png", "a force's popup with its evidence", "kfor", {}, _click_force),
    ("map-layers.png", "the layer control, flows on", "kfor", {}, _flows_on),
    ("map-several.png", "several stories on one map", ("kfor", "undof"), {}, None),
    ("map-slider.png", "a table over several years: the time slider", "unifil", {}, None),
]


def _shrink(png: Path) -> None:
    """WIDTH pixels wide, a palette of at most COLOURS colours, no dithering (flat map
    colours)."""
    from PIL import Image

    with Image.open(png) as img:
        rgb = img.convert("RGB")
    height = round(rgb.height * WIDTH / rgb.width)
    rgb = rgb.resize((WIDTH, height), Image.Resampling.LANCZOS)
    small = rgb.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(png, optimize=True)


def main() -> int:
    from playwright.sync_api import sync_playwright

    import deploymap

    stories = _stories()
    OUT.mkdir(parents=True, exist_ok=True)
    leaked: list[str] = []

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file:", "data:", "about:")):
            r.continue_()
        else:
            leaked.append(url)
            r.abort()

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(Path(tmp) / "profile"),
            executable_path=_chromium(),
            headless=True,
            args=FLAGS,
            viewport={"width": VIEW[0], "height": VIEW[1]},
            device_scale_factor=1,
        )
        for name, what, which, options, action in SHOTS:
            story = [stories[w] for w in which] if isinstance(which, tuple) else stories[which]
            html = Path(tmp) / f"{name}.html"
            deploymap.build_map(story, offline=True, **options).save(str(html))
            page = context.new_page()
            page.route("**/*", route)
            page.goto(html.as_uri(), wait_until="load")
            page.wait_for_function(READY)
            page.wait_for_timeout(500)  # fitBounds and the SVG layers
            if action is not None:
                action(page)
            page.screenshot(path=str(OUT / name))
            page.close()
            _shrink(OUT / name)
            size = (OUT / name).stat().st_size
            print(f"{OUT.relative_to(ROOT) / name}: {what} ({size / 1024:.0f} KB)")
        context.close()
    if leaked:
        print(f"make_pictures: refused requests: {', '.join(sorted(set(leaked)))}")
        return 1
    total = sum(p.stat().st_size for p in OUT.glob("*.png"))
    print(f"{len(SHOTS)} pictures, {total / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
