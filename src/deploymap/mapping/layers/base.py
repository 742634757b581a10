"""What every layer builder shares: the map context, the Layer record, small helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from deploymap.mapping import style as st
from deploymap.mapping.time import TimeAxis, time_axis
from deploymap.model import Deployment, Event, Evidence, MissionMention, Story

if TYPE_CHECKING:
    import folium

    from deploymap.gazetteer import Gazetteer
    from deploymap.gazetteer.missions import MissionCatalogue


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
            if d.contributor and d.role != SITE_TOTAL:
                by_contributor.setdefault(d.contributor, []).append(d)
        missions: dict[str, MissionMention] = {}
        for m in story.missions:
            missions.setdefault(m.mission.id, m)
        return cls(
            story=story,
            gazetteer=gaz,
            catalogue=cat,
            features=by_layer,
            totals={c: contributor_total(ds) for c, ds in by_contributor.items()},
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
