"""The mission layer: each mission's area of operations and its HQ."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deploymap.mapping import style as st
from deploymap.model import MissionMention

if TYPE_CHECKING:
    pass

from deploymap.mapping.layers.base import (
    Layer,
    MapContext,
    _event_text,
    _events_of,
    _evidence,
    _feature,
    _layer,
    _swatch_row,
)


# -- mission area and HQ ------------------------------------------------------------------------
def _mission_popup(ctx: MapContext, mm: MissionMention) -> str:
    m = mm.mission
    troops, note = _mission_troops(mm)
    events = _events_of(ctx, lambda ev: ev.mission == m.id)
    rows: list[tuple[str, object]] = [
        ("Mission", m.name),
        ("Organisation", m.organisation),
        ("Hosts", ", ".join(ctx.country_name(h) for h in m.hosts)),
        ("HQ", m.hq_name or None),
        ("Troops", st.troops_text(troops) if troops is not None else None),
        ("Peak", st.troops_text(mm.peak) if mm.peak else None),
        ("Since", m.start or None),
        ("Ended", m.end or None),
        ("Date", ctx.story.date or None),
    ]
    rows += [("Event", _event_text(ctx, ev)) for ev in events]
    return st.popup(m.id, rows, [*mm.evidence, *_evidence(events)], note=note)


def _mission_troops(mm: MissionMention) -> tuple[int | None, str]:
    """The strength to draw: the text's figure, else the catalogue's (said so in a note)."""
    if mm.troops is not None:
        return mm.troops, ""
    m = mm.mission
    if m.strength is not None:
        when = f" ({m.strength_date})" if m.strength_date else ""
        src = f"; {m.strength_source}" if m.strength_source else ""
        return m.strength, f"Strength from the mission catalogue{when}{src}, not from the text."
    return None, ""


def mission_layer(ctx: MapContext) -> Layer | None:
    """Each mission's area of operations, dashed, with its HQ marked."""
    feats = []
    for f in ctx.features.get("mission_area", []):
        p = f["properties"]
        mm = ctx.missions.get(p["mission"])
        if mm is None or f["geometry"] is None:
            continue
        feats.append(
            _feature(
                f["geometry"],
                t=st.tooltip(f"{mm.mission.id} area of operations", mm.mission.name),
                p=_mission_popup(ctx, mm),
            )
        )
    for mm in ctx.missions.values():
        m = mm.mission
        if m.hq_lat is None or m.hq_lon is None:
            continue
        from deploymap.model import point_feature_geometry

        feats.append(
            _feature(
                point_feature_geometry(round(m.hq_lat, 6), round(m.hq_lon, 6)),
                s={"icon": "dm-hq", "html": "HQ", "size": [18, 14]},
                t=st.tooltip(f"{m.id} headquarters", m.hq_name),
                p=_mission_popup(ctx, mm),
            )
        )
    if not feats:
        return None
    legend = _swatch_row(
        "Mission area", f"border:2px dashed {st.AREA};background:rgba(29,78,137,.12)"
    ) + (
        '<div class="dm-row"><span class="dm-sw dm-hq" style="width:18px;height:14px">HQ</span>'
        "Mission headquarters</div>"
    )
    return _layer(
        "Mission area and HQ",
        feats,
        pane="dm-areas",
        style={
            "color": st.AREA,
            "weight": 2.2,
            "dashArray": "7 5",
            "fillColor": st.AREA,
            "fillOpacity": 0.1,
        },
        legend=legend,
        section="Mission",
    )
