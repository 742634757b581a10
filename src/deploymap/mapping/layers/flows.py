"""The flows layer: a curve from each contributor's capital to the mission HQ."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from deploymap.mapping import style as st
from deploymap.mapping.time import from_table

if TYPE_CHECKING:
    pass

from deploymap.mapping.layers.base import (
    FLOW_LABELS_MAX,
    Layer,
    MapContext,
    _evidence,
    _feature,
    _layer,
    contributor_total,
)
from deploymap.mapping.layers.countries import _on_date


# -- flows ----------------------------------------------------------------------------------------
def arc(a: tuple[float, float], b: tuple[float, float], n: int = 24) -> list[list[float]]:
    """A gentle curve from *a* to *b* (both lon, lat): a quadratic Bezier bent to one side.

    Examples
    --------
    >>> pts = arc((32.85, 39.92), (21.15, 42.66), n=4)
    >>> pts[0], pts[-1]
    ([32.85, 39.92], [21.15, 42.66])
    """
    (x0, y0), (x1, y1) = a, b
    if x1 - x0 > 180:  # take the short way across the antimeridian
        x1 -= 360
    elif x0 - x1 > 180:
        x1 += 360
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, y1 - y0
    cx, cy = mx - dy * 0.2, my + dx * 0.2
    out = []
    for i in range(n + 1):
        t = i / n
        x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
        y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
        out.append([round(x, 4), round(y, 4)])
    return out


def _total(ctx: MapContext, iso3: str, ds: list[Any], whole: bool) -> int | None:
    """A flow's troops: the contributor's total when the flow has all its records."""
    if whole and len(ds) == len(ctx.by_contributor.get(iso3, ())):
        return ctx.totals.get(iso3)  # the same records: contributor_total of them
    return contributor_total(d for d in ds if d.present)


def flow_layer(ctx: MapContext) -> Layer | None:
    """A curved line from each contributor's capital to the mission HQ, labelled with troops."""
    axis = ctx.axis
    # export splits flows by date: one per step over time, else one per contributor
    seen: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for f in ctx.features.get("flow", []):
        p = f["properties"]
        seen.setdefault((p["iso3"], p["mission"], p["date"] if axis else None), f)
    if not seen:
        return None
    records = {
        key: [d for d in ctx.by_contributor.get(key[0], []) if d.mission == key[1]] for key in seen
    }
    if axis is not None:
        records = {key: _on_date(ds, key[2]) for key, ds in records.items()}
    totals = {key: _total(ctx, key[0], ds, axis is None) for key, ds in records.items()}
    largest = max((t for t in totals.values() if t is not None), default=0)
    windows = (
        axis.windows([(key[:2], key[2], from_table(records[key])) for key in seen])
        if axis is not None
        else [(0, 0)] * len(seen)
    )
    # labels stay readable while few flows show at once
    at_once = max(
        sum(1 for a, b in windows if a <= i <= b) for i in range(len(axis) if axis else 1)
    )
    labels = at_once <= FLOW_LABELS_MAX
    t = ctx.ui
    feats = []
    for ((iso3, mission, date), f), w in zip(seen.items(), windows, strict=True):
        (x0, y0), (x1, y1) = f["geometry"]["coordinates"]
        total = totals[iso3, mission, date]
        name = ctx.country_name(iso3)
        ds = records[iso3, mission, date]
        figure = t.number(total) if total is not None else t("troops.no_figure")
        weight = 1.5 + (4.5 * math.sqrt(total / largest) if total and largest else 0)
        rows: list[tuple[str, object]] = [
            (t("col.from"), t("flow.capital", name=name)),
            (t("col.to"), t("hq.label", id=mission)),
            (t("col.troops"), t.troops(total)),
            (t("col.date"), ctx.date(*(d.date for d in ds)) or None),
        ]
        line = arc((x0, y0), (x1, y1))
        feat = _feature(
            {"type": "LineString", "coordinates": line},
            s={"weight": round(weight, 2)},
            t=st.tooltip(name, figure),
            p=st.popup(f"{name} → {mission}", rows, _evidence(ds)),
            a=t("flow.alt", name=name, mission=mission, troops=t.troops(total)),
        )
        if labels:  # at the curve's middle, decluttered with the others
            mid = line[len(line) // 2]
            feat["properties"]["lb"] = [f"{name} · {figure}", 2, total or 0, [mid[1], mid[0]]]
        feats.append(feat)
        if axis is not None:
            feats[-1]["properties"]["w"] = list(w)
    css = f"border-top-color:{st.FLOW}"
    return _layer(
        t("layer.flows"),
        feats,
        pane="dm-flows",
        style={"color": st.FLOW, "opacity": 0.75, "lineCap": "round"},
        show=False,  # contributors are in the panel; the flows would pull the eye off the host
        legend=f'<div class="dm-row"><span class="dm-line" style="{css}"></span>'
        f"{st.content(t('legend.flows'))}</div>",
        section=t("section.lines"),
    )
