"""The force layer: proportional circles of troops at HQs and sites.

The layer is one data array (:class:`deploymap.mapping.elements.PointLayer`)
of columns (:class:`_Columns`): the points, their troops and style, and
indices into one table of strings; the browser makes each title, tooltip,
popup and label from them with a template.  The sites come as columns too
(:attr:`MapContext.sites`), so ten thousand of them make no dict each and
about 100 bytes each of data.  A mission strength taken from the catalogue,
not from the text or table, is styled apart, says so, and is never added to
the text's figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import chain
from typing import Any

from deploymap.locales import Messages, messages
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
from deploymap.model import Evidence, MissionMention
from deploymap.sites import round_all

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
    """Interned strings: each distinct one written once, records hold indices.

    >>> strs = _Strings()
    >>> strs("Goma"), strs(""), strs("Bunia"), strs("Goma"), strs.items
    (1, -1, 2, 1, ['', 'Goma', 'Bunia'])
    """

    def __init__(self) -> None:
        self.index: dict[str, int] = {"": 0}

    def __call__(self, s: object) -> int:
        if s is None or s == "":
            return -1
        text = s if isinstance(s, str) else str(s)
        return self.index.setdefault(text, len(self.index))

    @property
    def items(self) -> list[str]:
        return list(self.index)


class _Columns:
    """The layer's records as columns (see ``points`` in ``static/deploymap.js``).

    ``x``, ``y``, ``n``, ``k``: longitude, latitude, troops and style of each
    record.  A site's title and Location row are made in the browser from
    ``at`` (its place), ``kind`` and ``who`` (its one contributor, or -1);
    a record with its own title (an HQ) has it in ``title``.  ``v`` holds the
    other popup rows, one column each: a list with a value for every record,
    or, for a column few records have, an object by record number.  ``e``: a
    record's evidence (an index into ``ev``, -1 for none, or a list of them).
    """

    def __init__(self, strs: _Strings) -> None:
        self.strs = strs
        self.x: list[float] = []
        self.y: list[float] = []
        self.n: list[int | None] = []
        self.k: list[int] = []
        self.at: list[int] = []
        self.kind: list[int] = []
        self.who: list[int] = []
        self.e: list[int | list[int]] = []
        self.title: dict[int, int] = {}
        self.values: dict[str, dict[int, int]] = {c: {} for c in COLUMNS}
        self.ev_index: dict[tuple[str, str, str], int] = {}
        self.ev: dict[str, list[int]] = {"text": [], "src": [], "date": []}
        self._sources: dict[str, str] = {}

    def evidence(self, evs: Sequence[Evidence]) -> int | list[int]:
        """The index of each evidence in ``ev`` (added when new): one int, a list, or -1."""
        ids = []
        index = self.ev_index
        for ev in evs:
            key = (ev.text, ev.source, ev.date)
            i = index.get(key)
            if i is None:
                i = index[key] = len(index)
                src = self.source_name(ev.source)
                strs = self.strs.index
                for col, text in (("text", ev.text), ("src", src), ("date", ev.date)):
                    self.ev[col].append(strs.setdefault(text, len(strs)) if text else -1)
            ids.append(i)
        if len(ids) == 1:
            return ids[0]
        return ids or -1

    def source_name(self, source: str) -> str:
        """:func:`deploymap.mapping.style.source_name`, once per source."""
        name = self._sources.get(source)
        if name is None:
            name = self._sources[source] = st.source_name(source)
        return name

    def data(
        self, units: dict[str, list[Any]] | None = None, ui: Messages | None = None
    ) -> dict[str, Any]:
        """The columns, ready for JSON.

        Strings are numbered by use, most used first, so the indices that
        repeat (the mission, the date, a contributor) are the shortest.
        *units* (``UnitSymbols.by_record``: label, symbols, words[, more] by
        record) refer to strings too, and are numbered with the rest.
        """
        units = units or {}
        n = len(self.x)
        v: dict[str, Any] = {}
        for c, col in self.values.items():
            if len(col) * 2 > n:  # most records have it: a plain list
                v[c] = [col.get(i, -1) for i in range(n)]
            elif col:
                v[c] = {str(i): k for i, k in col.items()}
        title = {str(i): k for i, k in self.title.items()}
        lists = [self.at, self.kind, self.who, *self.ev.values()]
        lists += [c for c in v.values() if isinstance(c, list)]
        maps = [title, *(c for c in v.values() if isinstance(c, dict))]
        unit_strings = [k for r in units.values() for k in (r[0], r[2])]
        uses = Counter(chain(*lists, unit_strings, *(m.values() for m in maps)))
        uses.pop(-1, None)
        items = self.strs.items
        by_use = sorted(uses, key=uses.__getitem__, reverse=True)  # stable: ties as met
        new = {old: i for i, old in enumerate(by_use)}
        new[-1] = -1
        renumber = new.__getitem__

        def again(col: Any) -> Any:
            if isinstance(col, dict):
                return {i: new[k] for i, k in col.items()}
            return list(map(renumber, col))

        out: dict[str, Any] = {
            "str": [items[k] for k in by_use],
            "cols": list(COLUMNS),
            "styles": _styles(ui or messages()),
            "ev": {key: again(col) for key, col in self.ev.items()},
            "x": self.x,
            "y": self.y,
            "n": self.n,
            "k": self.k,
            "at": again(self.at),
            "kind": again(self.kind),
            "who": again(self.who),
            "e": self.e,
            "title": again(title),
            "v": {c: again(col) for c, col in v.items()},
        }
        if units:
            out["ru"] = {i: [new[r[0]], r[1], new[r[2]], *r[3:]] for i, r in units.items()}
        return out


def force_layer(ctx: MapContext) -> Layer | None:
    """Proportional circles: each mission's strength at its HQ, contingents where placed."""
    sites = ctx.sites
    placed_missions = set(sites.mission)
    drawn = ctx.drawn
    strs = _Strings()
    cols = _Columns(strs)
    # (series, date, table) of each record, or its windows over the slider's steps
    when: list[Any] = []
    symbols = UnitSymbols()
    for f in ctx.features.get("force", []):
        p = f["properties"]
        if p["kind"] != "mission":
            continue  # the sites come from their columns, below
        mm = drawn.get(p["mission"])
        troops = p["troops"]
        # with its contingents on the map, the total on the HQ would be counted twice
        if mm is None or (troops is None and p["mission"] in placed_missions):
            continue
        style = HQ
        if troops is None:
            troops, _ = _mission_troops(mm, ctx.ui)
            style = CATALOGUE
        if troops is None:
            continue
        lon, lat = f["geometry"]["coordinates"]
        w: Any = (("hq", p["mission"]), p["date"], False)
        if style == CATALOGUE and ctx.axis is not None:
            w = ctx.windows.get(mm.mission.id) or [(-1, -1)]
        i = len(cols.x)
        cols.title[i] = strs(ctx.ui("hq.label", id=mm.mission.id))
        for c, v in _mission_rows(ctx, mm, troops).items():
            if v is not None and v != "":
                cols.values[c][i] = strs(v)
        _add(cols, lon, lat, troops, style, -1, -1, -1, _first_evidence(mm.evidence))
        when.append(w)
    _add_sites(ctx, cols, when, symbols)
    if not cols.x:
        return None
    largest = max((t for t in cols.n if t is not None), default=0)
    t = ctx.ui
    data = cols.data(symbols.by_record, t)
    if t.lang != "en":  # the popup rows' headings, by column (English: the column names)
        data["heads"] = [t(f"col.{c.lower()}") for c in COLUMNS]
    windows: list[list[tuple[int, int]]] | None = None
    if ctx.axis is not None:
        rule = [w for w in when if isinstance(w, tuple)]
        by_rule = iter(ctx.axis.windows(rule))
        windows = [[next(by_rule)] if isinstance(w, tuple) else w for w in when]
        data["w"] = [[list(w) for w in ws] for ws in windows]
    n_recs = len(cols.x)
    cluster = n_recs > CLUSTER_THRESHOLD
    if symbols.by_record:
        data["sym"] = symbols.items
    opts = {
        "pane": "dm-force",
        "style": {"color": st.FORCE, "weight": 1.5, "fillColor": st.FORCE, "fillOpacity": 0.35},
        "canvas": n_recs > CANVAS_THRESHOLD,
        # circle area by troops (style.radius, computed by the runtime)
        "radius": {"largest": largest, "max": st.MAX_RADIUS, "min": st.MIN_RADIUS},
        "cluster": cluster,
        "labels": not cluster and n_recs <= LABELS_MAX,
    }
    from deploymap.mapping.elements import PointLayer

    name = t("layer.force")
    group = _group(name)
    group.add_child(PointLayer(data, opts))
    # with every location drawn as unit symbols there are no circles to explain
    circles = len(symbols.by_record) < n_recs
    legend = _force_legend(largest, t) if circles else ""
    if CATALOGUE in cols.k:
        legend += (
            '<div class="dm-row"><span class="dm-sw" style="border:1.5px dashed #555;'
            'background:rgba(136,136,136,.2);border-radius:50%;width:14px;height:14px"></span>'
            f"{st.e(t('legend.catalogue'))}</div>"
        )
    if cluster:
        legend += f'<div class="dm-row">{st.e(t("legend.cluster"))}</div>'
    if symbols.items:
        legend += f'<div class="dm-lsub">{st.e(t("legend.units"))}</div>' + symbols.legend(t)
    section = t("section.troops_area") if circles else t("section.troops")
    layer = Layer(name, group, legend, section=section)
    if ctx.axis is not None and windows is not None:
        counted = [n if k != CATALOGUE else None for n, k in zip(cols.n, cols.k, strict=True)]
        layer.step_notes = _step_notes(len(ctx.axis), counted, windows, t)
    return layer


def _add_sites(ctx: MapContext, cols: _Columns, when: list[Any], symbols: UnitSymbols) -> None:
    """The records of the force sites: columns made in bulk, ten thousand sites a map.

    A site whose units are known (Geo-PKO's front map, a Story's ``units``) is also
    added to *symbols*: the runtime draws it as APP-6 unit symbols, not a circle.
    """
    sites = ctx.sites
    if not len(sites):
        return
    index = cols.strs.index
    first = len(cols.x)
    cols.x += round_all(sites.lon, 4)  # about 10 m
    cols.y += round_all(sites.lat, 4)
    cols.n += sites.troops
    cols.k += [SITE if t is not None else NO_FIGURE for t in sites.troops]
    cols.at += _numbered(cols.strs, [p.name for p in sites.location])
    kinds = [p.kind for p in sites.location]
    if ctx.ui.lang != "en":  # a place's kind in the interface's words
        kinds = [ctx.ui.value("kind", k) for k in kinds]
    cols.kind += _numbered(cols.strs, kinds)
    for col, values in (("Mission", sites.mission), ("Date", sites.date)):
        ids = cols.values[col]
        numbers = _numbered(cols.strs, values)
        if -1 not in numbers:  # every site has one (one mission, the story's date)
            ids.update(enumerate(numbers, first))
            continue
        for i, k in enumerate(numbers, first):
            if k >= 0:
                ids[i] = k
    contributors = cols.values["Contributors"]
    ev_index, country_name = cols.ev_index, ctx.country_name
    who_col, e_col = cols.who, cols.e
    ev_text, ev_src, ev_date = cols.ev["text"], cols.ev["src"], cols.ev["date"]
    name_of: dict[str, int] = {}  # a contributor's code -> its name's string
    sources = cols._sources
    for i, ds in enumerate(sites.records, first):
        if len(ds) > 1 or ds[0].units:
            units = site_units(ds)
            if units:
                label = contributors_label(ds, country_name, ctx.ui)
                words = cols.strs(units_text(units, ctx.ui))
                symbols.add(i, units, cols.strs(label), words, ctx.ui)
        if len(ds) == 1:  # most sites: one record with one sentence
            d = ds[0]
            c = d.contributor
            if c and d.role != SITE_TOTAL:
                w = name_of.get(c)
                if w is None:
                    w = name_of[c] = index.setdefault(country_name(c), len(index))
                who_col.append(w)
            else:
                who_col.append(-1)
            evs = d.evidence
            if len(evs) == 1 and evs[0].text:
                ev = evs[0]
                key = (ev.text, ev.source, ev.date)
                e = ev_index.get(key)
                if e is None:  # cols.evidence(evs), without the call
                    e = ev_index[key] = len(ev_index)
                    src = sources.get(ev.source)
                    if src is None:
                        src = cols.source_name(ev.source)
                    ev_text.append(index.setdefault(ev.text, len(index)))
                    ev_src.append(index.setdefault(src, len(index)) if src else -1)
                    ev_date.append(index.setdefault(ev.date, len(index)) if ev.date else -1)
                e_col.append(e)
            else:
                e_col.append(cols.evidence(_first_evidence(evs)))
            continue
        who = dict.fromkeys(d.contributor for d in ds if d.contributor and d.role != SITE_TOTAL)
        names = [country_name(c) for c in who]
        if len(names) > 1:
            contributors[i] = cols.strs(", ".join(names))
        who_col.append(index.setdefault(names[0], len(index)) if len(names) == 1 else -1)
        e_col.append(cols.evidence(_first_evidence([e for d in ds for e in d.evidence])))
    if ctx.axis is not None:
        # (series, date, table): the slider's windows
        when += [
            (("site", mid, lon, lat), date, from_table(ds))
            for mid, lon, lat, date, ds in zip(
                sites.mission, sites.lon, sites.lat, sites.date, sites.records, strict=True
            )
        ]


def _numbered(strs: _Strings, values: Sequence[str | None]) -> list[int]:
    """``[strs(v) for v in values]``, each distinct value looked up once."""
    number = {v: strs(v) for v in dict.fromkeys(values)}
    return list(map(number.__getitem__, values))


def _add(
    cols: _Columns,
    lon: float,
    lat: float,
    troops: int | None,
    style: int,
    at: int,
    kind: int,
    who: int,
    evidence: Sequence[Evidence],
) -> None:
    cols.x.append(round(lon, 4))  # about 10 m
    cols.y.append(round(lat, 4))
    cols.n.append(troops)
    cols.k.append(style)
    cols.at.append(at)
    cols.kind.append(kind)
    cols.who.append(who)
    cols.e.append(cols.evidence(evidence))


def _styles(ui: Messages) -> list[dict[str, Any]]:
    """Per record kind: Leaflet path options, label priority, a note under the figure."""
    return [
        {"prio": 2},  # SITE
        {"prio": 3},  # HQ
        {  # CATALOGUE: dashed and grey, and said in words
            "prio": 3,
            "catalogue": True,
            "note": ui("catalogue.short"),
            "path": {
                "dashArray": "4 3",
                "color": "#555555",
                "fillColor": "#888888",
                "fillOpacity": 0.15,
            },
        },
        {"prio": 2, "path": {"dashArray": "2 2", "fillOpacity": 0.1}},  # NO_FIGURE
    ]


def _first_evidence(evs: Sequence[Evidence]) -> Sequence[Evidence]:
    """The first three with distinct texts."""
    if len(evs) == 1 and evs[0].text:
        return evs
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
    _, note = _mission_troops(mm, ctx.ui)
    events = _events_of(ctx, lambda ev: ev.mission == m.id)
    return {
        "Mission": m.name,
        "Organisation": m.organisation,
        "Hosts": ", ".join(ctx.country_name(h) for h in m.hosts),
        "HQ": m.hq_name or None,
        "Peak": ctx.ui.troops(mm.peak) if mm.peak else None,
        "Since": m.start or None,
        "Ended": m.end or None,
        "Date": ctx.story.date or None,
        "Event": "; ".join(_event_text(ctx, ev) for ev in events) or None,
        "Figure": note or None,
    }


def _step_notes(
    steps: int,
    troops: list[int | None],
    windows: list[list[tuple[int, int]]],
    ui: Messages | None = None,
) -> list[str]:
    """``"10,245 troops at 35 locations"``: what the force layer shows at each step.

    Catalogue figures come in as None: they are never added to the data's.
    """
    t = ui or messages()
    notes = []
    for i in range(steps):
        shown = [
            t for t, ws in zip(troops, windows, strict=True) if any(a <= i <= b for a, b in ws)
        ]
        known = sum(t for t in shown if t is not None)
        where = t.plural("count.location", len(shown))
        notes.append(t("step.troops_at", troops=t.troops(known), where=where) if known else where)
    return notes


def _force_legend(largest: int, ui: Messages) -> str:
    cells = []
    for v in st.legend_circles(largest):
        d = 2 * st.radius(v, largest)
        cells.append(
            f'<div><div class="dm-circle" style="width:{d:.0f}px;height:{d:.0f}px;'
            f'margin:0 auto;border:1.5px solid {st.FORCE};background:rgba(192,57,43,.35)">'
            f'</div><div class="dm-circle-label">{ui.number(v)}</div></div>'
        )
    return f'<div class="dm-circles">{"".join(cells)}</div>'
