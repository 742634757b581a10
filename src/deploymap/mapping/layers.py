"""One small builder per map layer: Story features -> a folium FeatureGroup and its legend.

The geometry comes from :func:`deploymap.export.story_features` (the same
features ``deploymap extract --format geojson`` writes); the builders here only
style them, aggregate figures per contributor, and write the escaped tooltip
and popup markup.  Each builder returns a :class:`Layer`, or None when the
story has nothing for it.

Examples
--------
>>> from deploymap.read import read_text
>>> ctx = MapContext.of(read_text("Turkey keeps about 600 soldiers in KFOR in Kosovo."))
>>> [layer.name for layer in build_layers(ctx)]  # doctest: +NORMALIZE_WHITESPACE
['Host country', 'Contributors (troops)', 'Mission area and HQ', 'Force size (troops)',
 'Contributor flows']
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from deploymap.mapping import style as st
from deploymap.mapping.time import TimeAxis, from_table, time_axis
from deploymap.model import Deployment, Event, Evidence, MissionMention, Story

if TYPE_CHECKING:
    import folium

    from deploymap.gazetteer import Gazetteer
    from deploymap.gazetteer.missions import MissionCatalogue

__all__ = ["LAYER_BUILDERS", "Layer", "MapContext", "basemap_layer", "build_layers"]

# Above this many point symbols a layer draws on one canvas instead of SVG elements.
CANVAS_THRESHOLD = 1000
# Above this many flows their figures show on hover only, not as permanent labels.
FLOW_LABELS_MAX = 25
# The role of a table's all-contributors total at a location (see deploymap.tables).
SITE_TOTAL = "all contributors"
# Place kinds that are areas or vague regions, not a point worth a marker.
NOT_A_POINT = frozenset({"country", "continent", "region", "sea"})


@dataclass
class Layer:
    """A built layer: its name in the layer control, the group, the legend section."""

    name: str
    group: folium.FeatureGroup
    legend: str = ""
    overlay: bool = True
    section: str = ""  # the legend heading it sits under
    step_notes: list[str] | None = None  # force layer over time: what each step shows


@dataclass
class MapContext:
    """What the builders share: the story, its features by layer, and per-contributor totals."""

    story: Story
    gazetteer: Gazetteer
    catalogue: MissionCatalogue
    features: dict[str, list[dict[str, Any]]]
    totals: dict[str, int | None] = field(default_factory=dict)
    by_contributor: dict[str, list[Deployment]] = field(default_factory=dict)
    missions: dict[str, MissionMention] = field(default_factory=dict)
    axis: TimeAxis | None = None  # the slider's steps, for a story over several dates

    @classmethod
    def of(
        cls,
        story: Story,
        gazetteer: Gazetteer | None = None,
        catalogue: MissionCatalogue | None = None,
    ) -> MapContext:
        """Compute the features of *story* once for every builder."""
        from deploymap.export import story_features
        from deploymap.gazetteer import Gazetteer
        from deploymap.gazetteer.missions import MissionCatalogue

        gaz = gazetteer or Gazetteer()
        cat = catalogue or MissionCatalogue()
        by_layer: dict[str, list[dict[str, Any]]] = {}
        feats = story_features(story, gaz, cat, scale="detail")
        for f in feats:
            by_layer.setdefault(f["properties"]["layer"], []).append(f)
        by_contributor: dict[str, list[Deployment]] = {}
        for d in story.deployments:
            if d.contributor and d.role != SITE_TOTAL and d.status != "withdrawn":
                by_contributor.setdefault(d.contributor, []).append(d)
        missions: dict[str, MissionMention] = {}
        for m in story.missions:
            missions.setdefault(m.mission.id, m)
        return cls(
            story=story,
            gazetteer=gaz,
            catalogue=cat,
            features=by_layer,
            # troops there now: a pledge is shown as such, not drawn as a force
            totals={
                c: contributor_total(d for d in ds if d.present) for c, ds in by_contributor.items()
            },
            by_contributor=by_contributor,
            missions=missions,
            axis=time_axis(feats),
        )

    def country_name(self, iso3: str) -> str:
        try:
            return self.gazetteer.country(iso3).name
        except KeyError:
            return iso3

    def date(self, *dates: str) -> str:
        return next((d for d in dates if d), self.story.date)


def contributor_total(deployments: Iterable[Deployment]) -> int | None:
    """One contributor's troops: its stated total, else the sum of its located contingents.

    Where several sources state the same contingent, the latest date wins (then
    the larger figure), so merging articles does not double count.

    Examples
    --------
    >>> contributor_total([Deployment("TUR", "KFOR", 600, "2023-10-05")])
    600
    >>> contributor_total([Deployment("TUR", "KFOR", None)]) is None
    True
    """
    latest: dict[Any, Deployment] = {}
    for d in deployments:
        if d.troops is None:
            continue
        key = (d.mission, d.location.id if d.location else None)
        old = latest.get(key)
        if old is None or (d.date, d.troops) > (old.date, old.troops or 0):
            latest[key] = d
    stated = [d.troops for (_, loc), d in latest.items() if loc is None and d.troops is not None]
    if stated:
        return sum(stated)
    located = [d.troops for d in latest.values() if d.troops is not None]
    return sum(located) if located else None


# -- shared pieces ------------------------------------------------------------------------------
def _group(name: str, *, overlay: bool = True, show: bool = True) -> folium.FeatureGroup:
    from deploymap.mapping.elements import FeatureGroup

    return FeatureGroup(name=name, overlay=overlay, control=True, show=show)


def _feature(geometry: dict[str, Any] | None, **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _evidence(items: Iterable[Deployment | MissionMention | Event]) -> list[Evidence]:
    return [ev for item in items for ev in item.evidence]


def _events_of(ctx: MapContext, pred: Callable[[Event], bool]) -> list[Event]:
    return [ev for ev in ctx.story.events if pred(ev)]


def _event_text(ctx: MapContext, ev: Event) -> str:
    names = [ctx.country_name(a) for a in ev.actors]
    when = f" on {ev.date}" if ev.date else ""
    if ev.kind == "handover" and names:
        frm = f" from {names[1]}" if len(names) > 1 else ""
        return f"{names[0]} takes command{frm}{when}"
    if ev.kind == "tension" and names:
        return f"Tension: {' and '.join(names)}{when}"
    return f"{ev.kind}: {', '.join(names)}{when}"


def _swatch_row(label: str, css: str) -> str:
    return f'<div class="dm-row"><span class="dm-sw" style="{css}"></span>{st.e(label)}</div>'


# -- basemap ------------------------------------------------------------------------------------
def basemap_layer(ctx: MapContext) -> Layer:
    """Every country's light (1:110m) outline: the offline map's vector basemap."""
    from deploymap.export import _geometry

    feats = []
    for place in ctx.gazetteer.countries():
        geom = ctx.gazetteer.geometry(place, "light")
        if geom is None:
            continue
        gj = _geometry(geom)
        if gj is None:
            continue
        # two decimals (~1 km) is finer than 1:110m data and halves the file
        feats.append(_feature(_round(gj, 2)))
    group = _group("Countries (Natural Earth 1:110m)", overlay=False)
    from deploymap.mapping.elements import DataLayer

    group.add_child(
        DataLayer(
            feats,
            pane="dm-basemap",
            interactive=False,
            style={
                "fillColor": st.BASEMAP_LAND,
                "fillOpacity": 1,
                "color": st.BASEMAP_EDGE,
                "weight": 0.6,
            },
        )
    )
    return Layer(group.layer_name, group, overlay=False)


def _round(obj: Any, nd: int) -> Any:
    if isinstance(obj, float):
        return round(obj, nd)
    if isinstance(obj, list | tuple):
        return [_round(x, nd) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v, nd) for k, v in obj.items()}
    return obj


# -- country boundaries: host, contributors (choropleth), others named --------------------------
def _countries(ctx: MapContext, role: str) -> list[dict[str, Any]]:
    # export gives a contributor one feature per mission and date; the map needs one shape
    seen: dict[str, dict[str, Any]] = {}
    for f in ctx.features.get("country", []):
        p = f["properties"]
        if p["role"] == role and f["geometry"] is not None:
            seen.setdefault(p["iso3"], f)
    return list(seen.values())


def _country_popup(
    ctx: MapContext,
    iso3: str,
    name: str,
    role: str,
    ds: list[Deployment] | None = None,
) -> str:
    """A country's popup; *ds* narrows a contributor to the records of one step."""
    if ds is None:
        ds = ctx.by_contributor.get(iso3, [])
        total = ctx.totals.get(iso3)
    else:
        total = contributor_total(d for d in ds if d.present)
    missions = ", ".join(dict.fromkeys(d.mission for d in ds)) or None
    pledged = sum(d.troops or 0 for d in ds if d.status == "pledged")
    change = sum(d.change or 0 for d in ds)
    hosted = ", ".join(m.mission.id for m in ctx.story.missions if iso3 in m.mission.hosts)
    roles = ", ".join(dict.fromkeys(d.role for d in ds if d.role != "contributor")) or None
    events = _events_of(ctx, lambda ev: iso3 in ev.actors)
    rows: list[tuple[str, object]] = [
        ("Role", {"host": "host country", "contributor": "contributor"}.get(role, "named")),
        ("Hosts", hosted or None),
        ("Contributes to", missions),
        ("Troops", st.troops_text(total) if iso3 in ctx.by_contributor else None),
        ("Pledged", st.troops_text(pledged) if pledged else None),
        ("Change", f"{change:+,}" if change else None),
        (
            "Status",
            ", ".join(dict.fromkeys(d.status for d in ds if d.status != "deployed")) or None,
        ),
        ("As", roles),
        ("Date", ctx.date(*(d.date for d in ds)) or None),
    ]
    rows += [("Event", _event_text(ctx, ev)) for ev in events]
    return st.popup(name, rows, [*_evidence(ds), *_evidence(events)])


def host_layer(ctx: MapContext) -> Layer | None:
    """The host country (or countries), highlighted."""
    feats = []
    for f in _countries(ctx, "host"):
        p = f["properties"]
        missions = ", ".join(
            m.mission.id for m in ctx.story.missions if p["iso3"] in m.mission.hosts
        )
        feats.append(
            _feature(
                f["geometry"],
                t=st.tooltip(p["name"], f"host of {missions}" if missions else "host country"),
                p=_country_popup(ctx, p["iso3"], p["name"], "host"),
            )
        )
    if not feats:
        return None
    css = f"background:{st.HOST};opacity:.8;border:2px solid {st.HOST_EDGE}"
    return _layer(
        "Host country",
        feats,
        pane="dm-countries",
        style={
            "fillColor": st.HOST,
            "fillOpacity": 0.5,
            "color": st.HOST_EDGE,
            "weight": 2.5,
        },
        legend=_swatch_row("Host country", css),
        section="Countries",
    )


def contributor_layer(ctx: MapContext) -> Layer | None:
    """Contributing countries shaded by troops (a choropleth) with its class legend."""
    found = _countries(ctx, "contributor")
    if not found:
        return None
    if ctx.axis is not None:
        return _contributors_over_time(ctx, ctx.axis)
    figures = [t for c, t in ctx.totals.items() if t is not None]
    breaks = st.nice_breaks(max(figures)) if figures else []
    feats = []
    for f in found:
        p = f["properties"]
        total = ctx.totals.get(p["iso3"])
        lead = any(d.role != "contributor" for d in ctx.by_contributor.get(p["iso3"], []))
        feats.append(
            _feature(
                f["geometry"],
                s={"fillColor": st.class_colour(total, breaks)},
                t=st.tooltip(
                    p["name"],
                    st.troops_text(total),
                    "lead nation" if lead else "",
                ),
                p=_country_popup(ctx, p["iso3"], p["name"], "contributor"),
            )
        )
    return _contributor_choropleth(
        feats, breaks, any(ctx.totals.get(f["properties"]["iso3"]) is None for f in found)
    )


def _contributor_choropleth(feats: list[dict[str, Any]], breaks: list[int], unknown: bool) -> Layer:
    rows = []
    for i in range(1, len(breaks)):
        lo, hi = breaks[i - 1] + (1 if i > 1 else 0), breaks[i]
        colour = st.class_colour(hi, breaks)
        rows.append(_swatch_row(f"{max(lo, 1):,}–{hi:,}", f"background:{colour}"))
    if unknown:
        rows.append(_swatch_row("no figure given", f"background:{st.NO_FIGURE}"))
    return _layer(
        "Contributors (troops)",
        feats,
        pane="dm-countries",
        style={"fillOpacity": 0.85, "color": "#3f007d", "weight": 1.2},
        legend='<div class="dm-row">Contributors by troops:</div>' + "".join(rows),
        section="Countries",
    )


def _on_date(ds: Iterable[Deployment], date: str | None) -> list[Deployment]:
    """The records behind an export feature of *date* (undated ones take any)."""
    ds = list(ds)
    same = [d for d in ds if d.date == date]
    return same or [d for d in ds if not d.date]


def _contributors_over_time(ctx: MapContext, axis: TimeAxis) -> Layer:
    """One shape per contributor and date, shaded on one scale for every step."""
    shapes: dict[tuple[str, str | None], dict[str, Any]] = {}
    for f in ctx.features.get("country", []):
        p = f["properties"]
        if p["role"] == "contributor" and f["geometry"] is not None:
            shapes.setdefault((p["iso3"], p["date"]), f)
    rows = []
    for (iso3, date), f in shapes.items():
        ds = _on_date(ctx.by_contributor.get(iso3, []), date)
        rows.append((iso3, date, f, ds, contributor_total(ds)))
    figures = [t for *_, t in rows if t is not None]
    breaks = st.nice_breaks(max(figures)) if figures else []
    windows = axis.windows([(iso3, date, from_table(ds)) for iso3, date, _, ds, _ in rows])
    feats = []
    for (iso3, date, f, ds, total), w in zip(rows, windows, strict=True):
        name = f["properties"]["name"]
        lead = any(d.role != "contributor" for d in ds)
        feats.append(
            _feature(
                f["geometry"],
                s={"fillColor": st.class_colour(total, breaks)},
                t=st.tooltip(
                    name, st.troops_text(total), "lead nation" if lead else "", date or ""
                ),
                p=_country_popup(ctx, iso3, name, "contributor", ds),
                w=list(w),
            )
        )
    return _contributor_choropleth(feats, breaks, any(t is None for *_, t in rows))


def mentioned_layer(ctx: MapContext) -> Layer | None:
    """Other countries the story names, outlined only."""
    feats = [
        _feature(
            f["geometry"],
            t=st.tooltip(f["properties"]["name"], "named in the text"),
            p=_country_popup(ctx, f["properties"]["iso3"], f["properties"]["name"], "mentioned"),
        )
        for f in _countries(ctx, "mentioned")
    ]
    if not feats:
        return None
    css = f"border:2px dashed {st.MENTIONED}"
    return _layer(
        "Other countries named",
        feats,
        pane="dm-countries",
        style={
            "fill": True,
            "fillOpacity": 0.04,
            "fillColor": st.MENTIONED,
            "color": st.MENTIONED,
            "weight": 1.3,
            "dashArray": "4 3",
        },
        legend=_swatch_row("Other country named", css),
        section="Countries",
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
        ("Authorised", st.troops_text(mm.authorised) if mm.authorised else None),
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


# -- force-size symbols -------------------------------------------------------------------------
def force_layer(ctx: MapContext) -> Layer | None:
    """Proportional circles: each mission's strength at its HQ, contingents where placed."""
    located: dict[tuple[str, float, float], list[Deployment]] = {}
    for d in ctx.story.deployments:
        if d.location is not None and d.present:  # a pledge or a departed contingent: no circle
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
    totals = {key: contributor_total(d for d in ds if d.present) for key, ds in records.items()}
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
    feats = []
    for ((iso3, mission, date), f), w in zip(seen.items(), windows, strict=True):
        (x0, y0), (x1, y1) = f["geometry"]["coordinates"]
        total = totals[iso3, mission, date]
        name = ctx.country_name(iso3)
        ds = records[iso3, mission, date]
        figure = f"{total:,}" if total is not None else "no figure"
        weight = 1.5 + (4.5 * math.sqrt(total / largest) if total and largest else 0)
        rows: list[tuple[str, object]] = [
            ("From", f"{name} (capital)"),
            ("To", f"{mission} HQ"),
            ("Troops", st.troops_text(total)),
            ("Date", ctx.date(*(d.date for d in ds)) or None),
        ]
        feats.append(
            _feature(
                {"type": "LineString", "coordinates": arc((x0, y0), (x1, y1))},
                s={"weight": round(weight, 2)},
                t=st.e(f"{name} · {figure}") if labels else st.tooltip(name, figure),
                label=labels,
                p=st.popup(f"{name} → {mission}", rows, _evidence(ds)),
            )
        )
        if axis is not None:
            feats[-1]["properties"]["w"] = list(w)
    css = f"border-top-color:{st.FLOW}"
    return _layer(
        "Contributor flows",
        feats,
        pane="dm-flows",
        style={"color": st.FLOW, "opacity": 0.75, "lineCap": "round"},
        legend=f'<div class="dm-row"><span class="dm-line" style="{css}"></span>'
        "From a contributor's capital, labelled with its troops</div>",
        section="Lines and places",
    )


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
        source = "GeoNames" if str(p["id"]).startswith("geonames:") else "deploymap gazetteer"
        rows: list[tuple[str, object]] = [
            ("Kind", p["kind"]),
            ("Country", ctx.country_name(p["iso3"]) if p["iso3"] else None),
            ("Written", written or None),
            ("Mentions", len(ts) if len(ts) > 1 else None),
            ("Place", f"{p['id']} ({source})"),
        ]
        feats.append(
            _feature(
                f["geometry"],
                t=st.tooltip(p["name"], p["kind"]),
                p=st.popup(p["name"], rows, sentences),
            )
        )
    if not feats:
        return None
    css = f"background:{st.PLACE};border-radius:50%;width:9px;height:9px;border:1.5px solid #fff"
    return _layer(
        "Places named",
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
        legend=_swatch_row("Town, base or site named", css),
        section="Lines and places",
    )


def _layer(
    name: str,
    feats: list[dict[str, Any]],
    *,
    pane: str,
    style: dict[str, Any],
    legend: str,
    section: str,
    canvas: bool = False,
) -> Layer:
    from deploymap.mapping.elements import DataLayer

    group = _group(name)
    group.add_child(DataLayer(feats, pane=pane, style=style, canvas=canvas))
    return Layer(name, group, legend, section=section)


LAYER_BUILDERS: tuple[Callable[[MapContext], Layer | None], ...] = (
    host_layer,
    contributor_layer,
    mentioned_layer,
    mission_layer,
    force_layer,
    flow_layer,
    place_layer,
)


def build_layers(ctx: MapContext) -> list[Layer]:
    """Every layer the story has something for, bottom to top."""
    return [layer for build in LAYER_BUILDERS if (layer := build(ctx)) is not None]
