"""The places layer: a marker for each town, base or site the text names."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from deploymap.mapping import style as st

if TYPE_CHECKING:
    pass

from deploymap.mapping.layers.base import (
    CANVAS_THRESHOLD,
    NOT_A_POINT,
    Layer,
    MapContext,
    _feature,
    _layer,
    _swatch_row,
)

# Kinds whose label outranks the others (with HQs).
CAPITAL_KINDS = frozenset({"capital"})
# Up to this many places carry permanent labels (decluttered in the browser).
LABELS_MAX = 300


# -- places -------------------------------------------------------------------------------------
def place_layer(ctx: MapContext) -> Layer | None:
    """A marker for each town, base or site the text names, with the sentence naming it."""
    from deploymap.extract.sentences import sentence_spans

    text = ctx.story.text
    spans = sentence_spans(text) if text else []
    starts = [s for s, _ in spans]
    mentions: dict[str, list[Any]] = {}
    for t in ctx.story.places:
        mentions.setdefault(t.id, []).append(t)
    # a place with troops is labelled by the force layer (with its figure)
    with_figure = {
        (round(f["geometry"]["coordinates"][0], 4), round(f["geometry"]["coordinates"][1], 4))
        for f in ctx.features.get("force", [])
    }
    if ctx.features.get("place"):
        sites = ctx.sites
        with_figure.update(
            zip([round(x, 4) for x in sites.lon], [round(y, 4) for y in sites.lat], strict=True)
        )
    ui = ctx.ui
    feats = []
    for f in ctx.features.get("place", []):
        p = f["properties"]
        if p["kind"] in NOT_A_POINT:
            continue
        ts = mentions.get(p["id"], [])
        sentences = []
        for t in ts:
            i = bisect.bisect_right(starts, t.start) - 1
            if 0 <= i < len(spans) and t.end <= spans[i][1]:
                sentences.append(text[spans[i][0] : spans[i][1]])
        written = ", ".join(dict.fromkeys(t.text for t in ts if t.text != p["name"]))
        geonames = str(p["id"]).startswith("geonames:")
        source = "GeoNames" if geonames else ui("place.gazetteer")
        kind = ui.value("kind", p["kind"])
        rows: list[tuple[str, object]] = [
            (ui("col.kind"), kind),
            (ui("col.country"), ctx.country_name(p["iso3"]) if p["iso3"] else None),
            (ui("col.written"), written or None),
            (ui("col.mentions"), ui.number(len(ts)) if len(ts) > 1 else None),
            (ui("col.place"), f"{p['id']} ({source})"),
        ]
        feat = _feature(
            f["geometry"],
            t=st.tooltip(p["name"], kind),
            p=st.popup(p["name"], rows, sentences),
            a=f"{p['name']}, {kind}",
        )
        lon, lat = f["geometry"]["coordinates"]
        if (round(lon, 4), round(lat, 4)) not in with_figure:
            prio = 3 if p["kind"] in CAPITAL_KINDS else 1
            feat["properties"]["lb"] = [p["name"], prio, len(ts), None]
        feats.append(feat)
    if len(feats) > LABELS_MAX:
        for feat in feats:
            feat["properties"].pop("lb", None)
    if not feats:
        return None
    css = f"background:{st.PLACE};border-radius:50%;width:9px;height:9px;border:1.5px solid #fff"
    return _layer(
        ui("layer.places"),
        feats,
        pane="dm-places",
        style={
            "radius": 4.5,
            "color": "#ffffff",
            "weight": 1.5,
            "fillColor": st.PLACE,
            "fillOpacity": 1,
        },
        canvas=len(feats) > CANVAS_THRESHOLD,
        legend=_swatch_row(ui("legend.places"), css),
        section=ui("section.lines"),
    )
