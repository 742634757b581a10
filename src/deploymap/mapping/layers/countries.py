"""Country layers: the offline basemap, the host, contributors (a choropleth), others named."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from deploymap.mapping import style as st
from deploymap.mapping.memo import Memo, gazetteer_key
from deploymap.mapping.time import TimeAxis, from_table
from deploymap.model import Deployment

if TYPE_CHECKING:
    pass

from deploymap.mapping.layers.base import (
    Layer,
    MapContext,
    _event_text,
    _events_of,
    _evidence,
    _feature,
    _group,
    _layer,
    _swatch_row,
    contributor_total,
)

# -- basemap ------------------------------------------------------------------------------------
# The basemap as JSON text per gazetteer file: the same for every map, made once.
_BASEMAPS: Memo[str] = Memo(4)
# A country's light outline per gazetteer file (never changed by a builder).
_LIGHT: Memo[dict[str, Any] | None] = Memo(512)


def _basemap_features(gaz: Any) -> list[dict[str, Any]]:
    """Every country's light outline as a feature, at two decimals."""
    from deploymap.export import _geometry, _round

    feats = []
    for place in gaz.countries():
        geom = gaz.geometry(place, "light")
        gj = _geometry(geom) if geom is not None else None
        if gj is not None:
            # two decimals (~1 km) is finer than 1:110m data and halves the file
            feats.append(_feature(_round(gj, 2)))
    return feats


def _basemap_json(gaz: Any) -> str:
    from deploymap.mapping.elements import features_json

    return _BASEMAPS.get(gazetteer_key(gaz), lambda: features_json(_basemap_features(gaz)))


def light_shape(ctx: MapContext, iso3: str, fallback: dict[str, Any] | None) -> Any:
    """A contributor's 1:110m outline: seen in the World view, it needs no more detail."""
    from deploymap.export import _geometry, _round

    def make() -> dict[str, Any] | None:
        try:
            geom = ctx.gazetteer.geometry(ctx.gazetteer.country(iso3), "light")
        except KeyError:
            geom = None
        gj = _geometry(geom) if geom is not None else None
        return _round(gj, 2) if gj is not None else None

    if iso3 not in ctx.light:
        key = gazetteer_key(ctx.gazetteer)
        ctx.light[iso3] = _LIGHT.get(None if key is None else (key, iso3), make)
    return ctx.light[iso3] or fallback


def basemap_layer(ctx: MapContext) -> Layer:
    """Every country's light (1:110m) outline: the offline map's vector basemap."""
    group = _group(ctx.ui("layer.basemap"), overlay=False)
    from deploymap.mapping.elements import DataLayer

    group.add_child(
        DataLayer(
            [],
            written=_basemap_json(ctx.gazetteer),
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
    t = ctx.ui
    if ds is None:
        ds = ctx.by_contributor.get(iso3, [])
        total = ctx.totals.get(iso3)
    else:
        total = contributor_total(d for d in ds if d.present)
    missions = ", ".join(dict.fromkeys(d.mission for d in ds)) or None
    pledged = sum(d.troops or 0 for d in ds if d.status == "pledged")
    change = sum(d.change or 0 for d in ds)
    hosted = ", ".join(m.mission.id for m in ctx.story.missions if iso3 in m.mission.hosts)
    roles = (
        ", ".join(dict.fromkeys(t.value("role", d.role) for d in ds if d.role != "contributor"))
        or None
    )
    events = _events_of(ctx, lambda ev: iso3 in ev.actors)
    statuses = dict.fromkeys(t.value("status", d.status) for d in ds if d.status != "deployed")
    rows: list[tuple[str, object]] = [
        (
            t("col.role"),
            t(f"country.role.{role}" if role in ("host", "contributor") else "country.role.named"),
        ),
        (t("col.hosts"), hosted or None),
        (t("col.contributes_to"), missions),
        (t("col.troops"), t.troops(total) if iso3 in ctx.by_contributor else None),
        (t("col.pledged"), t.troops(pledged) if pledged else None),
        (t("col.change"), t.signed(change) if change else None),
        (t("col.status"), ", ".join(statuses) or None),
        (t("col.as"), roles),
        (t("col.date"), ctx.date(*(d.date for d in ds)) or None),
    ]
    rows += [(t("col.event"), _event_text(ctx, ev)) for ev in events]
    return st.popup(name, rows, [*_evidence(ds), *_evidence(events)])


def host_missions(ctx: MapContext, iso3: str) -> list[str]:
    """The drawn missions *iso3* hosts (a territory hosts its sovereign's missions)."""
    sovereign = ctx.gazetteer.sovereign(iso3)
    return [
        mid
        for mid, mm in ctx.drawn.items()
        if iso3 in mm.mission.hosts or sovereign in mm.mission.hosts
    ]


def host_layer(ctx: MapContext) -> Layer | None:
    """The host country (or countries), highlighted, while one of its missions exists."""
    t = ctx.ui
    feats = []
    all_hosts = bool(ctx.missions) and not ctx.drawn
    for f in _countries(ctx, "host"):
        p = f["properties"]
        hosted = host_missions(ctx, p["iso3"])
        if not hosted and not all_hosts:
            continue  # it hosts only missions closed by the story's date
        missions = ", ".join(hosted)
        name = ctx.country_name(p["iso3"]) if p["iso3"] else p["name"]
        feat = _feature(
            f["geometry"],
            t=st.tooltip(
                name, t("host.of", missions=missions) if missions else t("country.role.host")
            ),
            p=_country_popup(ctx, p["iso3"], name, "host"),
            a=t("host.alt", name=name),
            lb=[name, 3, -1, label_point(ctx, p["iso3"])],
        )
        if ctx.axis is not None:
            feat["properties"]["w"] = merge_windows(w for m in hosted for w in ctx.windows[m])
        feats.append(feat)
    if not feats:
        return None
    css = f"background:{st.HOST};opacity:.8;border:2px solid {st.HOST_EDGE}"
    return _layer(
        t("layer.host"),
        feats,
        pane="dm-countries",
        style={
            "fillColor": st.HOST,
            "fillOpacity": 0.5,
            "color": st.HOST_EDGE,
            "weight": 2.5,
        },
        legend=_swatch_row(t("layer.host"), css),
        section=t("section.countries"),
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
    t = ctx.ui
    feats = []
    for f in found:
        p = f["properties"]
        name = ctx.country_name(p["iso3"])
        total = ctx.totals.get(p["iso3"])
        lead = any(d.role != "contributor" for d in ctx.by_contributor.get(p["iso3"], []))
        feats.append(
            _feature(
                light_shape(ctx, p["iso3"], f["geometry"]),
                s=_fill(total, breaks),
                t=st.tooltip(
                    name,
                    t.troops(total),
                    t("value.role.lead nation") if lead else "",
                ),
                p=_country_popup(ctx, p["iso3"], name, "contributor"),
                iso=p["iso3"],
                a=t("contributor.alt", name=name, troops=t.troops(total)),
                lb=_contributor_label(ctx, p["iso3"], name, total),
            )
        )
    return _contributor_choropleth(
        ctx, feats, breaks, any(ctx.totals.get(f["properties"]["iso3"]) is None for f in found)
    )


def _fill(total: int | None, breaks: list[int]) -> dict[str, Any]:
    s: dict[str, Any] = {"fillColor": st.class_colour(total, breaks)}
    if total is None:  # said by the outline too, not by the colour alone
        s["dashArray"] = st.NO_FIGURE_DASH
    return s


def _contributor_label(ctx: MapContext, iso3: str, name: str, total: int | None) -> list[Any]:
    text = f"{name} · {ctx.ui.number(total)}" if total is not None else name
    return [text, 2, total or 0, label_point(ctx, iso3)]


def label_point(ctx: MapContext, iso3: str) -> list[float] | None:
    """[lat, lon] where a country's name goes: the gazetteer's point inside it."""
    try:
        c = ctx.gazetteer.country(iso3)
    except KeyError:
        return None
    return [round(c.lat, 4), round(c.lon, 4)]


def merge_windows(ws: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Step windows joined where they touch or overlap.

    >>> merge_windows([(3, 4), (0, 1), (1, 2), (6, 6)])
    [[0, 4], [6, 6]]
    """
    out: list[list[int]] = []
    for a, b in sorted(ws):
        if out and a <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out or [[-1, -1]]


def _contributor_choropleth(
    ctx: MapContext, feats: list[dict[str, Any]], breaks: list[int], unknown: bool
) -> Layer:
    t = ctx.ui
    rows = []
    for i in range(1, len(breaks)):
        lo, hi = breaks[i - 1] + (1 if i > 1 else 0), breaks[i]
        colour = st.class_colour(hi, breaks)
        rows.append(_swatch_row(f"{t.number(max(lo, 1))}–{t.number(hi)}", f"background:{colour}"))
    if unknown:
        rows.append(
            _swatch_row(t("troops.none"), f"background:{st.NO_FIGURE};border:1.5px dashed #555")
        )
    return _layer(
        t("layer.contributors"),
        feats,
        pane="dm-countries",
        style={"fillOpacity": 0.85, "color": "#3f007d", "weight": 1.2},
        legend=f'<div class="dm-row">{st.e(t("legend.contributors"))}</div>' + "".join(rows),
        section=t("section.countries"),
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
        rows.append((iso3, date, f, ds, contributor_total(d for d in ds if d.present)))
    figures = [t for *_, t in rows if t is not None]
    breaks = st.nice_breaks(max(figures)) if figures else []
    windows = axis.windows([(iso3, date, from_table(ds)) for iso3, date, _, ds, _ in rows])
    t = ctx.ui
    feats = []
    for (iso3, date, f, ds, total), w in zip(rows, windows, strict=True):
        name = ctx.country_name(iso3)
        lead = any(d.role != "contributor" for d in ds)
        feats.append(
            _feature(
                light_shape(ctx, iso3, f["geometry"]),
                s=_fill(total, breaks),
                t=st.tooltip(
                    name, t.troops(total), t("value.role.lead nation") if lead else "", date or ""
                ),
                p=_country_popup(ctx, iso3, name, "contributor", ds),
                iso=iso3,
                a=t("contributor.alt", name=name, troops=t.troops(total)),
                lb=_contributor_label(ctx, iso3, name, total),
                w=list(w),
            )
        )
    return _contributor_choropleth(ctx, feats, breaks, any(x is None for *_, x in rows))


def mentioned_layer(ctx: MapContext) -> Layer | None:
    """Other countries the story names, outlined only."""
    t = ctx.ui
    feats = [
        _feature(
            f["geometry"],
            t=st.tooltip(ctx.country_name(f["properties"]["iso3"]), t("country.named_tip")),
            p=_country_popup(
                ctx, f["properties"]["iso3"], ctx.country_name(f["properties"]["iso3"]), "mentioned"
            ),
        )
        for f in _countries(ctx, "mentioned")
    ]
    if not feats:
        return None
    css = f"border:2px dashed {st.MENTIONED}"
    return _layer(
        t("layer.mentioned"),
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
        legend=_swatch_row(t("legend.mentioned"), css),
        section=t("section.countries"),
    )
