"""Story -> what one static map draws: hosts, mission areas, marks, contributors, flows.

A :class:`Scene` is the static map's share of the interactive map's layers:
the same export features (:func:`deploymap.export.story_features`, held by
:class:`deploymap.mapping.layers.MapContext`), the same per-contributor
totals and the same time windows, reduced to plain records with their labels
and the number of the footnote that gives each figure's source.  A story over
several dates has one scene per step (the small multiples); ``step=None``
takes the last step.

Examples
--------
>>> from deploymap.read import read_text
>>> from deploymap.mapping.layers import MapContext
>>> ctx = MapContext.of(read_text("Turkey keeps about 600 soldiers in KFOR in Kosovo."))
>>> notes = Notes()
>>> scene = build_scene(ctx, notes)
>>> [h.name for h in scene.hosts], [(b.name, b.troops) for b in scene.contributors]
(['Kosovo'], [('Turkey', 600)])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from deploymap.locales import Messages, messages
from deploymap.mapping.layers import MapContext, arc, contributor_total
from deploymap.mapping.layers.base import NOT_A_POINT, SITE_TOTAL
from deploymap.mapping.layers.countries import _on_date
from deploymap.mapping.layers.missions import _mission_troops
from deploymap.mapping.style import source_name
from deploymap.mapping.time import from_table
from deploymap.model import Deployment, Evidence

__all__ = ["Bar", "Flow", "Mark", "Notes", "Region", "Scene", "build_scene", "superscript"]

# Label priorities: capital and HQ > places with a figure > other places.
TOP, FIGURE, PLAIN = 3, 2, 1
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(n: int | None) -> str:
    """A footnote mark: ``superscript(12) == '¹²'``; nothing for None."""
    return "" if n is None else str(n).translate(_SUP)


@dataclass(frozen=True, slots=True)
class Region:
    """A host country or a mission area: its name and shapely geometry (lon, lat)."""

    key: str
    name: str
    geometry: Any


@dataclass(frozen=True, slots=True)
class Mark:
    """A point on the map with its label; *kind* chooses the symbol."""

    lon: float
    lat: float
    label: str
    kind: str  # "force", "hq", "capital", "place"
    priority: int = PLAIN
    troops: int | None = None


@dataclass(frozen=True, slots=True)
class Bar:
    """One contributor's row in the panel."""

    iso3: str
    name: str
    troops: int | None
    lead: bool = False
    note: int | None = None


@dataclass(frozen=True, slots=True)
class Flow:
    """A contributor capital -> mission HQ curve (lon, lat pairs)."""

    iso3: str
    troops: int | None
    coords: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Scene:
    """Everything one map panel draws, for one step of the story (or its only one)."""

    step: str | None
    hosts: tuple[Region, ...]
    areas: tuple[Region, ...]
    marks: tuple[Mark, ...]
    contributors: tuple[Bar, ...]
    flows: tuple[Flow, ...]
    total: int | None  # troops of the force symbols shown
    names: Mapping[str, str] = field(default_factory=dict)  # country names of the interface

    @property
    def forces(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.kind == "force")


@dataclass
class Notes:
    """The footnote list: one number per source, with the figures it gives and their dates."""

    sources: dict[str, int] = field(default_factory=dict)
    dates: dict[str, list[str]] = field(default_factory=dict)

    def cite(self, evidence: Iterable[Evidence], fallback: str = "", date: str = "") -> int | None:
        """The number of the (first) source of *evidence*, or of *fallback*."""
        for ev in evidence:
            if ev.source:
                return self._number(source_name(ev.source), ev.date or date)
        return self._number(fallback, date) if fallback else None

    def _number(self, source: str, date: str) -> int:
        n = self.sources.setdefault(source, len(self.sources) + 1)
        if date and date not in self.dates.setdefault(source, []):
            self.dates[source].append(date)
        self.dates.setdefault(source, [])
        return n

    def lines(self, ui: Messages | None = None) -> list[str]:
        """``"¹ kfor-command-2023.txt (2023-10-05)"``, one per source, in number order."""
        t = ui or messages()
        out = []
        for source, n in self.sources.items():
            dates = sorted(self.dates.get(source, []))
            when = ""
            if len(dates) > 3:
                n_dates = t.plural("count.date", len(dates))
                when = " " + t("static.dates", first=dates[0], last=dates[-1], dates=n_dates)
            elif dates:
                when = f" ({', '.join(dates)})"
            out.append(f"{superscript(n)} {source}{when}")
        return out


def build_scene(ctx: MapContext, notes: Notes, step: int | None = None) -> Scene:
    """The scene of *ctx* at *step* (an index of ``ctx.axis``; None: the last or only one)."""
    axis = ctx.axis
    if axis is not None and step is None:
        step = len(axis) - 1
    shown = _Shown(ctx, step)
    marks: list[Mark] = []
    total = 0
    known = False
    forces = shown.forces()
    at_force = {_key(f["geometry"]["coordinates"]) for f, _, _ in forces}
    # missions whose HQ symbol has its figure's label ("KFOR HQ · 3,500")
    labelled = {
        f["properties"]["mission"] for f, _, _ in forces if f["properties"]["kind"] == "mission"
    }
    t = ctx.ui
    for f, troops, ev in forces:
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"]
        if troops is not None:
            total += troops
            known = True
        note = notes.cite(ev[0], ev[1], p.get("date") or "") if troops is not None else None
        figure = (
            f"{t.number(troops)}{superscript(note)}"
            if troops is not None
            else t("troops.no_figure")
        )
        if p["kind"] == "mission":
            label = f"{t('hq.label', id=p['mission'])} · {figure}"
        else:
            label = f"{_site_name(ctx, p)} · {figure}"
        marks.append(Mark(lon, lat, label, "force", FIGURE if troops else PLAIN, troops))
    for mm in ctx.missions.values():
        m = mm.mission
        if m.hq_lat is None or m.hq_lon is None or not shown.active(m.id):
            continue
        covered = m.id in labelled and _key((m.hq_lon, m.hq_lat)) in at_force
        hq = "" if covered else t("hq.label", id=m.id)
        marks.append(Mark(m.hq_lon, m.hq_lat, hq, "hq", TOP))
    seen: set[str] = set()
    for f in ctx.features.get("place", []):
        p = f["properties"]
        if p["kind"] in NOT_A_POINT or p["id"] in seen:
            continue
        seen.add(p["id"])
        lon, lat = f["geometry"]["coordinates"]
        capital = p["kind"] == "capital"
        near_figure = _key((lon, lat)) in at_force
        prio = TOP if capital else FIGURE if near_figure else PLAIN
        marks.append(Mark(lon, lat, p["name"], "capital" if capital else "place", prio))
    return Scene(
        step=axis.steps[step] if axis is not None and step is not None else None,
        hosts=shown.regions("country"),
        areas=shown.regions("mission_area"),
        marks=tuple(marks),
        contributors=shown.bars(notes),
        flows=shown.flows(),
        total=total if known else None,
        names=ctx.ui.countries,
    )


def _site_name(ctx: MapContext, p: dict[str, Any]) -> str:
    """A force site's name: export's ``"TUR in Prizren"`` in the interface's words."""
    name = str(p["name"])
    if ctx.ui.lang == "en":
        return name
    code = str(p.get("contributors") or "").split(" ")[0]
    prefix = f"{code} in "
    if code and name.startswith(prefix):
        return ctx.ui("runtime.site_in", who=ctx.country_name(code), at=name[len(prefix) :])
    return name


def _key(lonlat: Any) -> tuple[float, float]:
    return (round(lonlat[0], 4), round(lonlat[1], 4))


class _Shown:
    """Which export features show at one step, with the same windows as the interactive map."""

    def __init__(self, ctx: MapContext, step: int | None) -> None:
        self.ctx = ctx
        self.step = step
        self._active: set[str] | None = None

    def _at(self, items: list[tuple[Any, str | None, bool]]) -> list[bool]:
        axis = self.ctx.axis
        if axis is None or self.step is None:
            return [True] * len(items)
        return [a <= self.step <= b for a, b in axis.windows(items)]

    # -- contributors ------------------------------------------------------------------
    def _contributor_rows(self) -> list[tuple[str, list[Deployment]]]:
        ctx = self.ctx
        if ctx.axis is None:
            return list(ctx.by_contributor.items())
        rows: dict[tuple[str, str | None], list[Deployment]] = {}
        for f in ctx.features.get("country", []):
            p = f["properties"]
            if p["role"] == "contributor":
                key = (p["iso3"], p["date"])
                rows.setdefault(key, _on_date(ctx.by_contributor.get(p["iso3"], []), p["date"]))
        keys = list(rows)
        keep = self._at([(iso3, date, from_table(rows[iso3, date])) for iso3, date in keys])
        return [(iso3, rows[iso3, date]) for (iso3, date), k in zip(keys, keep, strict=True) if k]

    def bars(self, notes: Notes) -> tuple[Bar, ...]:
        out = []
        for iso3, ds in self._contributor_rows():
            total = (
                contributor_total(ds) if self.ctx.axis is not None else self.ctx.totals.get(iso3)
            )
            ev = [e for d in ds for e in d.evidence]
            note = notes.cite(ev, date=next((d.date for d in ds if d.date), "")) if total else None
            lead = any(d.role not in ("contributor", SITE_TOTAL) for d in ds)
            out.append(Bar(iso3, self.ctx.country_name(iso3), total, lead, note))
        out.sort(key=lambda b: (b.troops is None, -(b.troops or 0), b.name))
        return tuple(out)

    # -- force symbols -------------------------------------------------------------------
    def forces(self) -> list[tuple[dict[str, Any], int | None, tuple[list[Evidence], str]]]:
        """(feature, troops, (evidence, fallback source)) of each force symbol shown."""
        ctx = self.ctx
        located: dict[tuple[str, float, float], list[Deployment]] = {}
        for d in ctx.story.deployments:
            if d.location is not None:
                key = (d.mission, round(d.location.lon, 6), round(d.location.lat, 6))
                located.setdefault(key, []).append(d)
        placed = {mission for mission, _, _ in located}
        items: list[tuple[dict[str, Any], int | None, tuple[list[Evidence], str]]] = []
        series: list[tuple[Any, str | None, bool]] = []
        for f in ctx.features.get("force", []):
            p = f["properties"]
            if p["kind"] == "mission":
                mm = ctx.missions.get(p["mission"])
                troops = p["troops"]
                if mm is None or (troops is None and p["mission"] in placed):
                    continue
                fallback = ""
                if troops is None:
                    troops, _ = _mission_troops(mm, ctx.ui)
                    if troops is not None:
                        t = ctx.ui
                        src = mm.mission.strength_source or t("static.catalogue_self")
                        fallback = t("static.catalogue_src", source=src)
                if troops is None:
                    continue
                ev = list(mm.evidence) if not fallback else []
                items.append((f, troops, (ev, fallback)))
                series.append((("hq", p["mission"]), p["date"], False))
            else:
                lon, lat = f["geometry"]["coordinates"]
                ds = located.get((p["mission"], lon, lat), [])
                same = [d for d in ds if d.date and d.date == p.get("date")] or ds
                items.append((f, p["troops"], ([e for d in same for e in d.evidence], "")))
                series.append((("site", p["mission"], lon, lat), p["date"], from_table(same)))
        keep = self._at(series)
        return [it for it, k in zip(items, keep, strict=True) if k]

    def flows(self) -> tuple[Flow, ...]:
        ctx = self.ctx
        seen: dict[tuple[str, str, str | None], dict[str, Any]] = {}
        for f in ctx.features.get("flow", []):
            p = f["properties"]
            seen.setdefault((p["iso3"], p["mission"], p["date"] if ctx.axis else None), f)
        keys = list(seen)
        records = {
            k: [d for d in ctx.by_contributor.get(k[0], []) if d.mission == k[1]] for k in keys
        }
        if ctx.axis is not None:
            records = {k: _on_date(ds, k[2]) for k, ds in records.items()}
        keep = self._at([(k[:2], k[2], from_table(records[k])) for k in keys])
        out = []
        for k, show in zip(keys, keep, strict=True):
            if not show:
                continue
            (x0, y0), (x1, y1) = seen[k]["geometry"]["coordinates"]
            coords = tuple((x, y) for x, y in arc((x0, y0), (x1, y1), n=32))
            out.append(Flow(k[0], contributor_total(records[k]), coords))
        return tuple(out)

    # -- hosts and mission areas ----------------------------------------------------------
    def active(self, mission: str | None) -> bool:
        """A mission shows at a step where any of its force, contributor or flow features do.

        A mission without such features (a text that gives no figure) shows at every step.
        """
        if self.ctx.axis is None or self.step is None:
            return True
        if self._active is None:
            self._active = {f["properties"]["mission"] for f, _, _ in self.forces()}
            timed = {f["properties"]["mission"] for f in self.ctx.features.get("force", [])}
            self._active |= set(self.ctx.missions) - timed
        return mission is None or mission in self._active

    def regions(self, layer: str) -> tuple[Region, ...]:
        import shapely.geometry

        out, seen = [], set()
        for f in self.ctx.features.get(layer, []):
            p = f["properties"]
            if f["geometry"] is None or (layer == "country" and p["role"] != "host"):
                continue
            key = p["iso3"] if layer == "country" else p["mission"]
            if key in seen or not self.active(p.get("mission")):
                continue
            seen.add(key)
            name = self.ctx.country_name(key) if layer == "country" else p["name"]
            out.append(Region(key, name, shapely.geometry.shape(f["geometry"])))
        return tuple(out)
