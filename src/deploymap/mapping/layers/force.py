"""The force layer: proportional circles of troops at HQs and sites.

The layer is one data array (:class:`deploymap.mapping.elements.PointLayer`):
each record holds the point, its radius and troops, and indices into one
table of strings; the browser makes the tooltip, popup and label from them.
Ten thousand sites are then about 150 bytes each instead of a popup's markup
each.  A mission strength taken from the catalogue, not from the text or
table, is styled apart, says so, and is never added to the text's figures.
"""

from __future__ import annotations

from typing import Any

from deploymap.mapping import style as st
from deploymap.mapping.layers.base import (
    CANVAS_THRESHOLD,
    SITE_TOTAL,
    Layer,
    MapContext,
    _event_text,
    _events_of,
    _group,
)
from deploymap.mapping.layers.missions import _mission_troops
from deploymap.mapping.layers.units import (
    UnitSymbols,
    contributors_label,
    site_units,
    units_text,
)
from deploymap.mapping.time import from_table
from deploymap.model import Deployment, Evidence, MissionMention

# Above this many points the layer clusters them (counts add troops).
CLUSTER_THRESHOLD = 1000
# Up to this many points each carries a permanent label (decluttered in the browser).
LABELS_MAX = 300

# Popup rows, sites' first, so a site's record stops after five values.
COLUMNS = (
    "Mission",
    "Location",
    "Contributors",
    "Troops",
    "Date",
    "Organisation",
    "Hosts",
    "HQ",
    "Peak",
    "Since",
    "Ended",
    "Event",
    "Figure",
)
COLUMN = {c: i for i, c in enumerate(COLUMNS)}
TROOPS = COLUMN["Troops"]
SITE, HQ, CATALOGUE, NO_FIGURE = range(4)


class _Strings:
    """Interned strings: each distinct one written once, records hold indices."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {"": 0}
        self.items: list[str] = [""]

    def __call__(self, s: object) -> int:
        if s is None or s == "":
            return -1
        text = s if isinstance(s, str) else str(s)
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = len(self.items)
            self.items.append(text)
        return i


def force_layer(ctx: MapContext) -> Layer | None:
    """Proportional circles: each mission's strength at its HQ, contingents where placed."""
    located: dict[tuple[str, float, float], list[Deployment]] = {}
    for d in ctx.story.deployments:
        if d.location is not None and d.present:  # a pledge or a departed contingent: no circle
            key = (d.mission, round(d.location.lon, 6), round(d.location.lat, 6))
            located.setdefault(key, []).append(d)
    placed_missions = {mission for mission, _, _ in located}
    drawn = ctx.drawn
    # troops, (lon, lat), style, title, rows, evidence, (series, date, table) or a window
    items: list[tuple[int | None, tuple[float, float], int, str, dict[str, object], list[Any], Any]]
    items = []
    unit_sites: dict[int, tuple[list[Any], str]] = {}  # id(rows) -> units, label
    for f in ctx.features.get("force", []):
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"]
        if p["kind"] == "mission":
            mm = drawn.get(p["mission"])
            troops = p["troops"]
            # with its contingents on the map, the total on the HQ would be counted twice
            if mm is None or (troops is None and p["mission"] in placed_missions):
                continue
            style = HQ
            if troops is None:
                troops, _ = _mission_troops(mm)
                style = CATALOGUE
            if troops is None:
                continue
            when: Any = (("hq", p["mission"]), p["date"], False)
            if style == CATALOGUE and ctx.axis is not None:
                when = ctx.windows.get(mm.mission.id) or [(-1, -1)]
            rows = _mission_rows(ctx, mm, troops)
            items.append(
                (troops, (lon, lat), style, f"{mm.mission.id} HQ", rows, list(mm.evidence), when)
            )
        else:
            ds = located.get((p["mission"], lon, lat), [])
            same_date = [d for d in ds if d.date and d.date == p.get("date")]
            ds = same_date or ds
            title, rows = _site_rows(ctx, p, ds)
            table = from_table(ds) if ctx.axis is not None else False  # only the slider asks
            when = (("site", p["mission"], lon, lat), p["date"], table)
            style = SITE if p["troops"] is not None else NO_FIGURE
            evidence = [e for d in ds for e in d.evidence]
            units = site_units(ds)
            if units:
                unit_sites[id(rows)] = (units, contributors_label(ds, ctx.country_name))
            items.append((p["troops"], (lon, lat), style, title, rows, evidence, when))
    if not items:
        return None
    largest = max((t for t, *_ in items if t is not None), default=0)
    # big circles first, so the small ones drawn over them stay clickable
    items.sort(key=lambda it: -(it[0] or 0))
    windows: list[list[tuple[int, int]]] | None = None
    if ctx.axis is not None:
        rule = [it[6] for it in items if isinstance(it[6], tuple)]
        by_rule = iter(ctx.axis.windows(rule))
        windows = [[next(by_rule)] if isinstance(it[6], tuple) else it[6] for it in items]
    strs = _Strings()
    ev_index: dict[tuple[str, str, str], int] = {}
    ev_rows: list[list[int]] = []
    recs = []
    sources: dict[str, str] = {}
    symbols = UnitSymbols()
    for i, (troops, (lon, lat), style, title, rows, evs, _) in enumerate(items):
        values = [-1] * len(COLUMNS)
        values[TROOPS] = 0  # the runtime formats the record's troops there
        for c, v in rows.items():
            if v is not None and v != "":
                values[COLUMN[c]] = strs(v)
        while values and values[-1] == -1:
            values.pop()
        ev_ids = []
        for ev in _first_evidence(evs):
            src = sources.get(ev.source)
            if src is None:
                src = sources[ev.source] = st.source_name(ev.source)
            ek = (ev.text, src, ev.date)
            if ek not in ev_index:
                ev_index[ek] = len(ev_rows)
                ev_rows.append([strs(ek[0]), strs(ek[1]), strs(ek[2])])
            ev_ids.append(ev_index[ek])
        rec: list[Any] = [
            round(lon, 4),  # about 10 m
            round(lat, 4),
            troops,
            style,
            strs(title),
            values,
            ev_ids,
        ]
        if windows is not None:
            rec.append([list(w) for w in windows[i]])
        recs.append(rec)
        if id(rows) in unit_sites:
            units, label = unit_sites[id(rows)]
            symbols.add(i, units, strs(label), strs(units_text(units)))
    data = {
        "str": strs.items,
        "cols": list(COLUMNS),
        "ev": ev_rows,
        "styles": _styles(),
        "recs": recs,
        **symbols.data(),
    }
    cluster = len(recs) > CLUSTER_THRESHOLD
    opts = {
        "pane": "dm-force",
        "style": {"color": st.FORCE, "weight": 1.5, "fillColor": st.FORCE, "fillOpacity": 0.35},
        "canvas": len(recs) > CANVAS_THRESHOLD,
        # circle area by troops (style.radius, computed by the runtime)
        "radius": {"largest": largest, "max": st.MAX_RADIUS, "min": st.MIN_RADIUS},
        "cluster": cluster,
        "labels": not cluster and len(recs) <= LABELS_MAX,
    }
    from deploymap.mapping.elements import PointLayer

    name = "Force size (troops)"
    group = _group(name)
    group.add_child(PointLayer(data, opts))
    # with every location drawn as unit symbols there are no circles to explain
    legend = _force_legend(largest) if len(symbols.by_record) < len(recs) else ""
    if any(it[2] == CATALOGUE for it in items):
        legend += (
            '<div class="dm-row"><span class="dm-sw" style="border:1.5px dashed #555;'
            'background:rgba(136,136,136,.2);border-radius:50%;width:14px;height:14px"></span>'
            "Catalogue figure, not from the text (never added to its figures)</div>"
        )
    if cluster:
        legend += '<div class="dm-row">Zoomed out, nearby sites merge: the count adds troops</div>'
    if symbols.items:
        legend += '<div class="dm-lsub">Units</div>' + symbols.legend()
    circles = len(symbols.by_record) < len(recs)
    layer = Layer(name, group, legend, section="Troops (circle area)" if circles else "Troops")
    if ctx.axis is not None and windows is not None:
        counted = [it[0] if it[2] != CATALOGUE else None for it in items]
        layer.step_notes = _step_notes(len(ctx.axis), counted, windows)
    return layer


def _styles() -> list[dict[str, Any]]:
    """Per record kind: Leaflet path options, label priority, a note under the figure."""
    return [
        {"prio": 2},  # SITE
        {"prio": 3},  # HQ
        {  # CATALOGUE: dashed and grey, and said in words
            "prio": 3,
            "catalogue": True,
            "note": "catalogue figure (not from the text)",
            "path": {
                "dashArray": "4 3",
                "color": "#555555",
                "fillColor": "#888888",
                "fillOpacity": 0.15,
            },
        },
        {"prio": 2, "path": {"dashArray": "2 2", "fillOpacity": 0.1}},  # NO_FIGURE
    ]


def _first_evidence(evs: list[Evidence]) -> list[Evidence]:
    out: list[Evidence] = []
    seen: set[str] = set()
    for ev in evs:
        if ev.text and ev.text not in seen:
            seen.add(ev.text)
            out.append(ev)
            if len(out) == 3:
                break
    return out


def _mission_rows(ctx: MapContext, mm: MissionMention, troops: int | None) -> dict[str, object]:
    m = mm.mission
    _, note = _mission_troops(mm)
    events = _events_of(ctx, lambda ev: ev.mission == m.id)
    return {
        "Mission": m.name,
        "Organisation": m.organisation,
        "Hosts": ", ".join(ctx.country_name(h) for h in m.hosts),
        "HQ": m.hq_name or None,
        "Peak": st.troops_text(mm.peak) if mm.peak else None,
        "Since": m.start or None,
        "Ended": m.end or None,
        "Date": ctx.story.date or None,
        "Event": "; ".join(_event_text(ctx, ev) for ev in events) or None,
        "Figure": note or None,
    }


def _step_notes(
    steps: int, troops: list[int | None], windows: list[list[tuple[int, int]]]
) -> list[str]:
    """``"10,245 troops at 35 locations"``: what the force layer shows at each step.

    Catalogue figures come in as None: they are never added to the data's.
    """
    notes = []
    for i in range(steps):
        shown = [
            t for t, ws in zip(troops, windows, strict=True) if any(a <= i <= b for a, b in ws)
        ]
        known = sum(t for t in shown if t is not None)
        where = f"{len(shown)} location{'s' if len(shown) != 1 else ''}"
        notes.append(f"{known:,} troops at {where}" if known else where)
    return notes


def _site_rows(
    ctx: MapContext, p: dict[str, Any], ds: list[Deployment]
) -> tuple[str, dict[str, object]]:
    """Title and popup rows of the troops at one location."""
    loc = next((d.location for d in ds if d.location is not None), None)
    where = loc.name if loc else str(p.get("name") or "")
    who = list(dict.fromkeys(d.contributor for d in ds if d.contributor and d.role != SITE_TOTAL))
    name = f"{ctx.country_name(who[0])} in {where}" if len(who) == 1 else where
    rows: dict[str, object] = {
        "Mission": p.get("mission"),
        "Location": f"{where} ({loc.kind})" if loc and loc.kind else where,
        "Contributors": ", ".join(ctx.country_name(c) for c in who) if len(who) > 1 else None,
        "Date": p.get("date"),
    }
    return name, rows


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
