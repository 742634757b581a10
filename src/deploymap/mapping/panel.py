"""The contributors panel: each contributor's troops, ranked, with a bar; and the data table.

Both are plain data for ``deploymap.panel`` and ``deploymap.table`` in
``static/deploymap.js``, which set every string as text.  The panel follows
the slider: a contributor's value at each step (``-1`` where it has none).
Catalogue strengths of missions are never in it: its total adds only what
the text or table states.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deploymap.mapping.layers.base import SITE_TOTAL, contributor_total
from deploymap.mapping.layers.countries import _on_date
from deploymap.mapping.time import from_table

if TYPE_CHECKING:
    from deploymap.mapping.layers import MapContext

__all__ = ["TABLE_ROWS_MAX", "panel_data", "table_data"]

#: Rows per section of the data table; the rest is in ``deploymap export``.
TABLE_ROWS_MAX = 300


def panel_data(ctx: MapContext) -> dict[str, Any] | None:
    """The panel's rows, or None when the story has no contributor."""
    from deploymap.mapping.layers.units import site_units, units_text
    from deploymap.mapping.view import country_bounds

    if not ctx.by_contributor:
        return None
    rows: list[dict[str, Any]] = []
    steps = len(ctx.axis) if ctx.axis is not None else 1
    for iso3, ds in ctx.by_contributor.items():
        if ctx.axis is None:
            values: list[int | None] = [ctx.totals.get(iso3)]
        else:
            dates = sorted({d.date for d in ds if d.date})
            groups = [(iso3, date, _on_date(ds, date)) for date in dates]
            windows = ctx.axis.windows([(iso3, date, from_table(g)) for _, date, g in groups])
            values = [-1] * steps
            for (_, _, g), (a, b) in zip(groups, windows, strict=True):
                for i in range(a, b + 1):
                    values[i] = contributor_total(g)
        row = {
            "n": ctx.country_name(iso3),
            "iso": iso3,
            "b": country_bounds(ctx, iso3),
            "v": values,
            "lead": any(d.role not in ("contributor", SITE_TOTAL) for d in ds),
        }
        units = site_units(ds)  # what the contingent is, where the source says it
        if units:
            row["u"] = units_text(units, ctx.ui)
        rows.append(row)
    if ctx.ui.lang == "en":
        rows.sort(key=lambda r: str(r["n"]))
    else:  # "Égypte" among the E's, not after "Zambie"
        rows.sort(key=lambda r: _unaccented(str(r["n"])))
    return {
        "title": ctx.ui("panel.title"),
        "rows": rows,
        "note": ctx.ui("panel.note"),
    }


def _evidence_text(items: Any) -> str:
    texts = list(dict.fromkeys(e.text for it in items for e in it.evidence if e.text))
    return " | ".join(texts[:3])


def table_data(ctx: MapContext) -> dict[str, Any]:
    """The story as tables: missions, contributors, places, events, with their evidence."""
    from deploymap.mapping.layers.missions import _mission_troops

    t = ctx.ui
    story = ctx.story
    missions = []
    for mid, mm in ctx.missions.items():
        m = mm.mission
        troops, note = _mission_troops(mm, t)
        status = ctx.status.get(mid, "current")
        shown = {
            "current": t("table.drawn"),
            "closed": t("table.closed", on=t("table.closed_on", date=m.end) if m.end else ""),
            "not begun": t("table.begins", date=m.start),
        }[status]
        missions.append(
            [
                m.id,
                m.name,
                m.organisation,
                ", ".join(ctx.country_name(h) for h in m.hosts),
                t.number(troops) if troops is not None else "",
                note or (t("table.the_text") if mm.troops is not None else ""),
                shown,
                _evidence_text([mm]),
            ]
        )
    contributors: list[list[Any]] = []
    n_contributors = 0
    for d in story.deployments:
        if d.role == SITE_TOTAL and not d.location:
            continue
        n_contributors += 1
        if n_contributors > TABLE_ROWS_MAX:
            continue  # counted, not written: the section says how many
        contributors.append(
            [
                ctx.country_name(d.contributor)
                if d.contributor
                else t("value.role.all contributors"),
                d.mission,
                t.number(d.troops) if d.troops is not None else t("troops.none"),
                d.date,
                t.value("role", d.role),
                d.location.name if d.location else "",
                _evidence_text([d]),
            ]
        )
    places = []
    seen: set[str] = set()
    for p in story.places:
        if p.id in seen:
            continue
        seen.add(p.id)
        places.append(
            [
                ctx.country_name(p.iso3)
                if p.kind == "country" and p.iso3 and t.countries
                else p.name,
                t.value("kind", p.kind),
                ctx.country_name(p.iso3) if p.iso3 else "",
                _decimal(f"{p.lat:.4f}", t),
                _decimal(f"{p.lon:.4f}", t),
                p.text,
            ]
        )
    events = [
        [
            t.value("event", ev.kind),
            ev.mission,
            ev.date,
            ", ".join(ctx.country_name(a) for a in ev.actors),
            _evidence_text([ev]),
        ]
        for ev in story.events
    ]

    def section(
        title: str, cols: list[str], rows: list[list[Any]], total: int | None = None
    ) -> dict[str, Any]:
        total = len(rows) if total is None else total
        if total > TABLE_ROWS_MAX:  # the rest are in deploymap export
            first = t("table.first", shown=t.number(TABLE_ROWS_MAX), total=t.number(total))
            title += f" ({first})"
            rows = rows[:TABLE_ROWS_MAX]
        return {"title": title, "cols": [t(f"col.{c}") for c in cols], "rows": rows}

    return {
        "title": t("table.title", title=story.title or t("table.the_story")),
        "sections": [
            section(
                t("table.missions"),
                [
                    "mission",
                    "name",
                    "organisation",
                    "hosts",
                    "troops",
                    "figure_from",
                    "on_the_map",
                    "evidence",
                ],
                missions,
            ),
            section(
                t("table.contributors"),
                ["country", "mission", "troops", "date", "role", "place", "evidence"],
                contributors,
                n_contributors,
            ),
            section(
                t("table.places"),
                ["place", "kind", "country", "latitude", "longitude", "written"],
                places,
            ),
            section(t("table.events"), ["event", "mission", "date", "who", "evidence"], events),
        ],
    }


def _unaccented(name: str) -> str:
    """*name* without its accents, for sorting: ``"Égypte"`` -> ``"Egypte"``."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))


def _decimal(number: str, ui: Any) -> str:
    """A decimal number written with the interface's decimal mark."""
    return number if ui.decimal == "." else number.replace(".", ui.decimal)
