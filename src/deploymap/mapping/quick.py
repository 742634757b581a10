"""A first, minimal map: every country and town named in a text, as markers.

Stands in until the layered map builder lands; it already follows the rules
every map here keeps: text from the input is HTML-escaped, element ids are
deterministic, and nothing is fetched at build time.
"""

from __future__ import annotations

import html
import re

from deploymap.gazetteer import Gazetteer

_WORDS = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w-]*){0,3}")


def _found_places(text: str, gaz: Gazetteer) -> list[tuple[str, object]]:
    seen: dict[str, object] = {}
    for m in _WORDS.finditer(text):
        words = m.group(0).split()
        # longest prefix that names a country or a sizeable town
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n]).rstrip("’'s")
            best = gaz.candidates(cand, forms=("name", "alias", "alt", "demonym"))
            if best and (best[0].place.kind in ("country", "capital") or best[0].score > 5.5):
                seen.setdefault(best[0].place.id, best[0].place)
                break
    return sorted(seen.items())


def quick_map(text: str, title: str = "deploymap", gazetteer: Gazetteer | None = None) -> str:
    """HTML of a folium map with a marker for each place the text names."""
    import folium

    gaz = gazetteer or Gazetteer()
    places = [p for _, p in _found_places(text, gaz)]
    fmap = folium.Map(location=(20, 0), zoom_start=2, tiles=None)
    fmap._id = "deploymap"
    folium.TileLayer("OpenStreetMap").add_to(fmap)
    for i, p in enumerate(places):
        marker = folium.Marker(
            (p.lat, p.lon),  # type: ignore[attr-defined]
            tooltip=html.escape(p.name),  # type: ignore[attr-defined]
        )
        marker._id = f"place{i}"
        marker.add_to(fmap)
    if places:
        lats = [p.lat for p in places]  # type: ignore[attr-defined]
        lons = [p.lon for p in places]  # type: ignore[attr-defined]
        fmap.fit_bounds([(min(lats), min(lons)), (max(lats), max(lons))])
    heading = f"<h3 style='margin:4px'>{html.escape(title)}</h3>"
    fmap.get_root().html.add_child(folium.Element(heading))  # type: ignore[attr-defined]
    return fmap.get_root().render()
