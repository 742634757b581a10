"""The mission layer: each mission's area of operations and its HQ."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deploymap.locales import Messages, messages
from deploymap.mapping import style as st
from deploymap.model import Mission, MissionMention

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
    t = ctx.ui
    m = mm.mission
    troops, note = _mission_troops(mm, t)
    events = _events_of(ctx, lambda ev: ev.mission == m.id)
    rows: list[tuple[str, object]] = [
        (t("col.mission"), m.name),
        (t("col.organisation"), m.organisation),
        (t("col.hosts"), ", ".join(ctx.country_name(h) for h in m.hosts)),
        (t("col.hq"), m.hq_name or None),
        (t("col.troops"), t.troops(troops) if troops is not None else None),
        (t("col.authorised"), t.troops(mm.authorised) if mm.authorised else None),
        (t("col.peak"), t.troops(mm.peak) if mm.peak else None),
        (t("col.since"), m.start or None),
        (t("col.ended"), m.end or None),
        (t("col.date"), ctx.story.date or None),
    ]
    rows += [(t("col.event"), _event_text(ctx, ev)) for ev in events]
    return st.popup(m.id, rows, [*mm.evidence, *_evidence(events)], note=note)


def _mission_troops(mm: MissionMention, ui: Messages | None = None) -> tuple[int | None, str]:
    """The strength to draw: the text's figure, else the catalogue's (said so in a note)."""
    if mm.troops is not None:
        return mm.troops, ""
    m = mm.mission
    if m.strength is not None:
        return m.strength, catalogue_note(m, ui)
    return None, ""


def catalogue_note(m: Mission, ui: Messages | None = None) -> str:
    """``"catalogue figure, as of 2023-03, SC res ... (not from the text)"``.

    >>> catalogue_note(Mission("X", "X", "UN", (), strength=100, strength_date="2024"))
    'catalogue figure, as of 2024 (not from the text)'
    """
    t = ui or messages()
    bits = [t("catalogue.figure")]
    if m.strength_date:
        bits.append(t("catalogue.as_of", date=m.strength_date))
    if m.strength_source:
        bits.append(m.strength_source)
    return t("catalogue.note", bits=", ".join(bits))


def _hq_circles(ctx: MapContext) -> set[str]:
    """Missions whose HQ the force layer marks with a figure (text, table or catalogue)."""
    placed = {d.mission for d in ctx.story.deployments if d.location is not None}
    out = set()
    for f in ctx.features.get("force", []):
        p = f["properties"]
        mm = ctx.missions.get(p["mission"])
        if p["kind"] != "mission" or mm is None:
            continue
        if p["troops"] is not None or (p["mission"] not in placed and _mission_troops(mm)[0]):
            out.add(p["mission"])
    return out


def _feature_missions(ctx: MapContext, drawn: dict[str, MissionMention]) -> list[str]:
    """The mission of each feature mission_layer makes, in its order."""
    areas = [
        f["properties"]["mission"]
        for f in ctx.features.get("mission_area", [])
        if f["properties"]["mission"] in drawn and f["geometry"] is not None
    ]
    hqs = [
        k
        for k, mm in drawn.items()
        if mm.mission.hq_lat is not None and mm.mission.hq_lon is not None
    ]
    return areas + hqs


def mission_layer(ctx: MapContext) -> Layer | None:
    """Each mission's area of operations, dashed, with its HQ marked."""
    from deploymap.model import point_feature_geometry

    t = ctx.ui
    feats = []
    drawn = ctx.drawn
    for f in ctx.features.get("mission_area", []):
        p = f["properties"]
        mm = drawn.get(p["mission"])
        if mm is None or f["geometry"] is None:
            continue
        feats.append(
            _feature(
                f["geometry"],
                t=st.tooltip(t("mission.area_of", id=mm.mission.id), mm.mission.name),
                p=_mission_popup(ctx, mm),
                a=t("mission.area_of", id=mm.mission.id),
            )
        )
    circled = _hq_circles(ctx)
    for mm in drawn.values():
        m = mm.mission
        if m.hq_lat is None or m.hq_lon is None:
            continue
        feats.append(
            _feature(
                point_feature_geometry(round(m.hq_lat, 6), round(m.hq_lon, 6)),
                s={"icon": "dm-hq", "html": st.e(t("hq.mark")), "size": [18, 14]},
                t=st.tooltip(t("mission.hq_of", id=m.id), m.hq_name),
                p=_mission_popup(ctx, mm),
                a=t("mission.hq_of", id=m.id) + (f", {m.hq_name}" if m.hq_name else ""),
            )
        )
        if m.id not in circled:  # else the force circle's label names the HQ, with its figure
            feats[-1]["properties"]["lb"] = [t("hq.label", id=m.id), 3, 0, None]
    if ctx.axis is not None:
        for f, mid in zip(feats, _feature_missions(ctx, drawn), strict=True):
            f["properties"]["w"] = [list(w) for w in ctx.windows[mid]] or [[-1, -1]]
    if not feats:
        return None
    legend = _swatch_row(
        t("legend.area"), f"border:2px dashed {st.AREA};background:rgba(29,78,137,.12)"
    ) + (
        '<div class="dm-row"><span class="dm-sw dm-hq" style="width:18px;height:14px">'
        f"{st.e(t('hq.mark'))}</span>{st.e(t('legend.hq'))}</div>"
    )
    return _layer(
        t("layer.missions"),
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
        section=t("section.mission"),
    )
