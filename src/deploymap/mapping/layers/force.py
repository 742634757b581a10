"""The force layer: proportional circles of troops at HQs and sites."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deploymap.mapping import style as st
from deploymap.mapping.time import from_table
from deploymap.model import Deployment

if TYPE_CHECKING:
    pass

from deploymap.mapping.layers.base import (
    CANVAS_THRESHOLD,
    SITE_TOTAL,
    Layer,
    MapContext,
    _evidence,
    _feature,
    _layer,
)
from deploymap.mapping.layers.missions import _mission_popup, _mission_troops


# -- force-size symbols -------------------------------------------------------------------------
def force_layer(ctx: MapContext) -> Layer | None:
    """Proportional circles: each mission's strength at its HQ, contingents where placed."""
    located: dict[tuple[str, float, float], list[Deployment]] = {}
    for d in ctx.story.deployments:
        if d.location is not None:
            key = (d.mission, round(d.location.lon, 6), round(d.location.lat, 6))
            located.setdefault(key, []).append(d)
    placed_missions = {mission for mission, _, _ in located}
    # troops, geometry, tooltip title, popup, and (series, date, from a table) for the slider
    items: list[tuple[int | None, dict[str, Any], str, str, tuple[Any, Any, bool]]] = []
    for f in ctx.features.get("force", []):
        p = f["properties"]
        if p["kind"] == "mission":
            mm = ctx.missions.get(p["mission"])
            troops = p["troops"]
            # with its contingents on the map, the total on the HQ would be counted twice
            if mm is None or (troops is None and p["mission"] in placed_missions):
                continue
            if troops is None:
                troops, _ = _mission_troops(mm)
            if troops is None:
                continue
            title = f"{mm.mission.id}: {st.troops_text(troops)}"
            series = ("hq", p["mission"])
            items.append(
                (troops, f["geometry"], title, _mission_popup(ctx, mm), (series, p["date"], False))
            )
        else:
            lon, lat = f["geometry"]["coordinates"]
            ds = located.get((p["mission"], lon, lat), [])
            same_date = [d for d in ds if d.date and d.date == p.get("date")]
            title, pop = _site_text(ctx, p, same_date or ds)
            when = (("site", p["mission"], lon, lat), p["date"], from_table(same_date or ds))
            items.append((p["troops"], f["geometry"], title, pop, when))
    if not items:
        return None
    largest = max((t for t, *_ in items if t is not None), default=0)
    # big circles first, so the small ones drawn over them stay clickable
    items.sort(key=lambda it: -(it[0] or 0))
    windows = ctx.axis.windows([it[4] for it in items]) if ctx.axis is not None else None
    feats = []
    for i, (troops, geom, title, pop, _) in enumerate(items):
        s: dict[str, Any] = {"radius": st.radius(troops or 0, largest)}
        if troops is None:
            s["dashArray"] = "2 2"
            s["fillOpacity"] = 0.1
        feats.append(_feature(geom, s=s, t=st.tooltip(title), p=pop))
        if windows is not None:
            feats[-1]["properties"]["w"] = list(windows[i])
    layer = _layer(
        "Force size (troops)",
        feats,
        pane="dm-force",
        style={
            "color": st.FORCE,
            "weight": 1.5,
            "fillColor": st.FORCE,
            "fillOpacity": 0.35,
        },
        canvas=len(feats) > CANVAS_THRESHOLD,
        legend=_force_legend(largest),
        section="Troops (circle area)",
    )
    if ctx.axis is not None and windows is not None:
        layer.step_notes = _step_notes(len(ctx.axis), [it[0] for it in items], windows)
    return layer


def _step_notes(steps: int, troops: list[int | None], windows: list[tuple[int, int]]) -> list[str]:
    """``"10,245 troops at 35 locations"``: what the force layer shows at each step."""
    notes = []
    for i in range(steps):
        shown = [t for t, (a, b) in zip(troops, windows, strict=True) if a <= i <= b]
        known = sum(t for t in shown if t is not None)
        where = f"{len(shown)} location{'s' if len(shown) != 1 else ''}"
        notes.append(f"{known:,} troops at {where}" if known else where)
    return notes


def _site_text(ctx: MapContext, p: dict[str, Any], ds: list[Deployment]) -> tuple[str, str]:
    """Tooltip title and popup of the troops at one location."""
    loc = next((d.location for d in ds if d.location is not None), None)
    where = loc.name if loc else str(p.get("name") or "")
    who = list(dict.fromkeys(d.contributor for d in ds if d.contributor and d.role != SITE_TOTAL))
    name = f"{ctx.country_name(who[0])} in {where}" if len(who) == 1 else where
    troops = p.get("troops")
    rows: list[tuple[str, object]] = [
        ("Mission", p.get("mission")),
        ("Location", f"{where} ({loc.kind})" if loc and loc.kind else where),
        ("Contributors", ", ".join(ctx.country_name(c) for c in who) if len(who) > 1 else None),
        ("Troops", st.troops_text(troops)),
        ("Date", p.get("date")),
    ]
    return f"{name}: {st.troops_text(troops)}", st.popup(name, rows, _evidence(ds))


def _force_legend(largest: int) -> str:
    cells = []
    for v in st.legend_circles(largest):
        d = 2 * st.radius(v, largest)
        cells.append(
            f'<div><div class="dm-circle" style="width:{d:.0f}px;height:{d:.0f}px;'
            f'margin:0 auto;border:1.5px solid {st.FORCE};background:rgba(192,57,43,.35)">'
            f'</div><div class="dm-circle-label">{v:,}</div></div>'
        )
    return f'<div class="dm-circles">{"".join(cells)}</div>'
