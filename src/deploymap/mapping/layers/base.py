"""What every layer builder shares: the map context, the Layer record, small helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from deploymap.locales import Messages, messages
from deploymap.mapping import style as st
from deploymap.mapping.time import TimeAxis, from_table, time_axis
from deploymap.model import Deployment, Event, Evidence, MissionMention, Story
from deploymap.sites import ForceSites

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
    """What the builders share: the story, its features by layer, and per-contributor totals.

    ``drawn`` holds the missions the map draws as current; a mission the
    story names that had closed (or not begun) by its date is left out of
    the map layers and listed in the data table only (see :func:`mission_status`).

    ``sites`` holds the force sites of the drawn missions as columns
    (:func:`deploymap.sites.force_sites`); ``features["force"]`` holds them as
    export features too, unless the context was made with ``site_features=False``
    (the interactive map, which draws them from the columns).
    """

    story: Story
    gazetteer: Gazetteer
    catalogue: MissionCatalogue
    features: dict[str, list[dict[str, Any]]]
    totals: dict[str, int | None] = field(default_factory=dict)
    by_contributor: dict[str, list[Deployment]] = field(default_factory=dict)
    missions: dict[str, MissionMention] = field(default_factory=dict)
    axis: TimeAxis | None = None  # the slider's steps, for a story over several dates
    status: dict[str, str] = field(default_factory=dict)  # mission id -> mission_status()
    windows: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # over the axis
    _names: dict[str, str] = field(
        default_factory=dict, repr=False
    )  # country names, looked up once
    light: dict[str, Any] = field(default_factory=dict, repr=False)  # 1:110m outlines by ISO3
    sites: ForceSites = field(default_factory=ForceSites)
    ui: Messages = field(default_factory=messages)  # the interface language's words

    @classmethod
    def of(
        cls,
        story: Story,
        gazetteer: Gazetteer | None = None,
        catalogue: MissionCatalogue | None = None,
        *,
        site_features: bool = True,
        ui_lang: str = "en",
    ) -> MapContext:
        """Compute the features of *story* once for every builder.

        With ``site_features=False`` the force sites are only in ``sites``;
        *ui_lang* is the language of the words the builders write
        (:func:`deploymap.locales.messages`).
        """
        ui = messages(ui_lang)
        from deploymap.export import story_features
        from deploymap.gazetteer import Gazetteer
        from deploymap.gazetteer.missions import MissionCatalogue
        from deploymap.sites import force_sites

        gaz = gazetteer or Gazetteer()
        cat = catalogue or MissionCatalogue()
        missions: dict[str, MissionMention] = {}
        for m in story.missions:
            missions.setdefault(m.mission.id, m)
        # contributors are seen in the World view: 1:110m outlines are enough
        feats = story_features(
            story, gaz, cat, scale="detail", contributor_scale="light", sites=site_features
        )
        sites = force_sites(story)
        axis = time_axis(feats, sites.date)
        windows: dict[str, list[tuple[int, int]]] = {}
        if axis is not None:
            # over time a mission shows in the steps it exists
            windows = {mid: mission_windows(story, mm, axis) for mid, mm in missions.items()}
            status = {mid: "current" if windows[mid] else "closed" for mid in missions}
        else:
            ref = reference_date(story)
            others = list(missions.values())
            status = {mid: mission_status(mm, ref, others) for mid, mm in missions.items()}
        by_layer: dict[str, list[dict[str, Any]]] = {}
        for f in feats:
            p = f["properties"]
            shown = status.get(p.get("mission") or "", "current") == "current"
            if p["layer"] in ("mission_area", "force", "flow") and not shown:
                continue
            by_layer.setdefault(p["layer"], []).append(f)
        drawn = {m for m in set(sites.mission) if status.get(m or "", "current") == "current"}
        if len(drawn) < len(set(sites.mission)):
            sites = sites.take([i for i, m in enumerate(sites.mission) if m in drawn])
        by_contributor: dict[str, list[Deployment]] = {}
        for d in story.deployments:
            if not d.contributor or d.role == SITE_TOTAL or d.status == "withdrawn":
                continue
            if status.get(d.mission, "current") == "current":
                by_contributor.setdefault(d.contributor, []).append(d)
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
            axis=axis,
            status=status,
            windows=windows,
            sites=sites,
            ui=ui,
        )

    @property
    def drawn(self) -> dict[str, MissionMention]:
        """The missions the map draws: current at the story's date."""
        return {k: mm for k, mm in self.missions.items() if self.status[k] == "current"}

    def country_name(self, iso3: str) -> str:
        name = self._names.get(iso3)
        if name is None:
            try:
                name = self.ui.country(iso3, self.gazetteer.country(iso3).name)
            except KeyError:
                name = iso3
            self._names[iso3] = name
        return name

    def date(self, *dates: str) -> str:
        return next((d for d in dates if d), self.story.date)


def mission_windows(story: Story, mm: MissionMention, axis: TimeAxis) -> list[tuple[int, int]]:
    """The steps of *axis* at which a mission exists.

    A table's mission exists where it has rows (first to last); any other,
    from the catalogue's start to its end.

    Examples
    --------
    >>> from deploymap.model import Mission
    >>> a = Mission("A", "A", "UN", ("HRV",), start="1996-01", end="1998")
    >>> mm = MissionMention(a, 0, 0, "A")
    >>> mission_windows(Story(), mm, TimeAxis(("1994", "1996", "1998", "2022")))
    [(1, 2)]
    """
    m = mm.mission
    rows = [d for d in story.deployments if d.mission == m.id and d.date]
    if rows and from_table(rows):
        (w,) = axis.windows([(m.id, _span([d.date for d in rows]), True)])
        return [w]
    steps = axis.steps
    first = 0
    while m.start and first < len(steps) and _before(steps[first], m.start):
        first += 1
    last = len(steps) - 1
    while m.end and last >= first and _before(m.end, steps[last]):
        last -= 1
    return [(first, last)] if last >= first else []


def _span(dates: list[str]) -> str:
    ds = sorted(dates)
    return ds[0] if ds[0] == ds[-1] else f"{ds[0]}/{ds[-1]}"


def _before(a: str, b: str) -> bool:
    """Whether ISO date *a* is wholly before *b*, at the precision both have.

    >>> _before("2022-03-31", "2025"), _before("2022", "2022-03-31"), _before("2021", "2022")
    (True, False, True)
    """
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def reference_date(story: Story) -> str:
    """The date the story speaks of: its own, else the latest of its records and evidence.

    >>> reference_date(Story(date="2025-01-10")), reference_date(Story())
    ('2025-01-10', '')
    """
    if story.date:
        return story.date.split("/")[-1]
    dates = [d.date for d in story.deployments if d.date]
    dates += [e.date for mm in story.missions for e in mm.evidence if e.date]
    return max((d.split("/")[-1] for d in dates), default="")


def mission_status(mm: MissionMention, ref: str, others: list[MissionMention]) -> str:
    """``"current"``, ``"closed"`` or ``"not begun"``: the mission at the story's date *ref*.

    Without a date, a mission with an end date is closed when the story also
    names a mission in the same host that outlasts it (its successor).

    Examples
    --------
    >>> from deploymap.model import Mission
    >>> a = Mission("A", "A", "AU", ("SOM",), start="2007", end="2022-03-31")
    >>> old = MissionMention(a, 0, 0, "A")
    >>> new = MissionMention(Mission("B", "B", "AU", ("SOM",), start="2025-01-01"), 0, 0, "B")
    >>> mission_status(old, "2025-02", [old, new]), mission_status(new, "2025-02", [old, new])
    ('closed', 'current')
    >>> mission_status(old, "", [old, new]), mission_status(old, "", [old])
    ('closed', 'current')
    """
    m = mm.mission
    if ref:
        if m.end and _before(m.end, ref):
            return "closed"
        if m.start and _before(ref, m.start):
            return "not begun"
        return "current"
    if not m.end:
        return "current"
    for o in others:
        om = o.mission
        if om.id != m.id and set(om.hosts) & set(m.hosts) and (not om.end or om.end > m.end):
            return "closed"
    return "current"


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
    t = ctx.ui
    names = [ctx.country_name(a) for a in ev.actors]
    when = t("event.on", date=ev.date) if ev.date else ""
    if ev.kind == "handover" and names:
        frm = t("event.from", name=names[1]) if len(names) > 1 else ""
        return t("event.handover", name=names[0], frm=frm, when=when)
    if ev.kind == "tension" and names:
        return t("event.tension", names=t("list.and").join(names), when=when)
    return t("event.other", kind=t.value("event", ev.kind), names=", ".join(names), when=when)


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
    show: bool = True,
) -> Layer:
    from deploymap.mapping.elements import DataLayer

    group = _group(name, show=show)
    group.add_child(DataLayer(feats, pane=pane, style=style, canvas=canvas))
    return Layer(name, group, legend, section=section)
