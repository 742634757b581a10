"""Unit symbols on the force layer: a location whose units are known shows their APP-6 symbols.

The force layer's records stay as they are; beside them the data holds

* ``sym``: each distinct symbol once, ``[data URI, width, height, anchor x,
  anchor y, label]`` (the SVG comes from :mod:`deploymap.mapping.symbols`);
* ``ru``: for the records that have units, ``{record index: [label, [symbol
  indices], units, more]}``: the label (a string index, -1 for the record's
  usual label) names the contributors with their figures, *units* (a string
  index) says the units in words for the popup, *more* counts the symbols not
  drawn (left out when none).

The runtime draws such a record as a marker of its symbols instead of a
circle; every other record keeps its circle.  Nothing of the input reaches
the symbols: they are chosen by kind and echelon, which are keys of the
lexicon, and the labels are set as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from deploymap.locales import Messages, messages
from deploymap.mapping import style as st
from deploymap.model import Deployment, Unit

__all__ = ["MAX_SYMBOLS", "UnitSymbols", "contributors_label", "site_units", "units_text"]

#: Symbols drawn side by side at one location; more are said as "+N".
MAX_SYMBOLS = 4
#: Contributors named in a location's label; the others are counted ("+2") and in the popup.
LABEL_CONTRIBUTORS = 3


def site_units(ds: Iterable[Deployment]) -> list[Unit]:
    """The units of the deployments at one location, each kind and echelon once, HQ first."""
    seen: dict[tuple[str, str], Unit] = {}
    for d in ds:
        for u in d.units:
            seen.setdefault((u.kind, u.echelon), u)
    return sorted(seen.values(), key=lambda u: u.kind != "headquarters")


def units_text(units: Sequence[Unit], ui: Messages | None = None) -> str:
    """The units in words, for the popup: ``"Infantry battalion (650 troops); Medical unit"``."""
    t = ui or messages()
    parts = []
    for u in units:
        bits = unit_words(u, t)
        if u.count and u.count > 1:
            bits = f"{u.count} × {bits}"
        if u.troops:
            bits += f" ({t.troops(u.troops)})"
        parts.append(bits)
    return "; ".join(parts)


def unit_words(u: Unit, ui: Messages) -> str:
    """A unit in the interface's words: its label in English, else from the catalogue.

    >>> from deploymap.locales import messages
    >>> unit_words(Unit("medical", "company"), messages("fr"))
    'Compagnie (médical)'
    """
    if ui.lang == "en":
        return u.label
    kind = ui.texts.get(f"unit.kind.{u.kind}", u.kind) if u.kind else ""
    echelon = ui.texts.get(f"unit.echelon.{u.echelon}", u.echelon) if u.echelon else ""
    if kind and echelon:
        return ui("unit.both", kind=kind, echelon=echelon)
    if kind:
        return kind if u.kind == "headquarters" else ui("unit.kind_only", kind=kind)
    return echelon or ui("unit.unit")


class UnitSymbols:
    """Collects the symbols of a force layer, each distinct one written once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.items: list[list[Any]] = []
        self.keys: list[tuple[str, str]] = []
        self.by_record: dict[str, list[Any]] = {}

    def add(
        self, record: int, units: Sequence[Unit], label: int, text: int, ui: Messages | None = None
    ) -> None:
        """Record *record* shows *units*; *label* and *text* index its label and units in words."""
        t = ui or messages()
        ids = []
        for u in units[:MAX_SYMBOLS]:
            code = u.sidc
            i = self.index.get(code)
            if i is None:
                from deploymap.mapping.symbols import symbol, symbol_uri

                s = symbol(code)
                i = self.index[code] = len(self.items)
                self.items.append(
                    [
                        symbol_uri(s.svg),
                        s.width,
                        s.height,
                        s.anchor[0],
                        s.anchor[1],
                        unit_words(u, t),
                    ]
                )
                self.keys.append((u.kind, u.echelon))
            ids.append(i)
        more = len(units) - len(ids)
        self.by_record[str(record)] = [label, ids, text, more] if more > 0 else [label, ids, text]

    def legend(self, ui: Messages | None = None) -> str:
        """A legend row per symbol: the symbol and what it is, in words."""
        t = ui or messages()
        if not self.items:
            return ""
        from deploymap.units import echelons, kinds

        kind_at = {k: i for i, k in enumerate(kinds())}
        echelon_at = {k: i for i, k in enumerate(echelons())}
        order = sorted(
            range(len(self.items)),
            key=lambda i: (kind_at[self.keys[i][0]], echelon_at[self.keys[i][1]]),
        )
        rows = [
            f'<div class="dm-row"><span class="dm-sym" style="background-image:url(&quot;'
            f'{st.e(uri)}&quot;);width:{w:.0f}px;height:{h:.0f}px"></span>{st.e(label)}</div>'
            for uri, w, h, _, _, label in (self.items[i] for i in order)
        ]
        note = f'<div class="dm-row dm-note">{st.e(t("legend.app6"))}</div>'
        return "".join(rows) + note


def contributors_label(
    ds: Sequence[Deployment], country_name: Callable[[str], str], ui: Messages | None = None
) -> str:
    """``"Ghana 850 · Nepal 150"``: the contributors at a location with their figures.

    The largest :data:`LABEL_CONTRIBUTORS` are named; with no contributor
    named there, "" (the runtime then labels it as any location: its name and figure).

    >>> ds = [Deployment(c, "M", t) for c, t in (("GHA", 150), ("NPL", 650), ("IND", None))]
    >>> contributors_label(ds, {"GHA": "Ghana", "NPL": "Nepal", "IND": "India"}.get)
    'Nepal 650 · Ghana 150 · India'
    """
    best: dict[str, int | None] = {}
    for d in ds:
        if d.contributor:
            old = best.get(d.contributor)
            best[d.contributor] = d.troops if old is None else max(old, d.troops or 0)
    if not best:
        return ""
    # the largest first, those without a figure last; the rest are in the popup
    ranked = sorted(best.items(), key=lambda kv: -(kv[1] if kv[1] is not None else -1))
    t = ui or messages()
    shown = [
        f"{country_name(c)} {t.number(n)}" if n is not None else country_name(c)
        for c, n in ranked[:LABEL_CONTRIBUTORS]
    ]
    more = len(ranked) - len(shown)
    return " · ".join(shown) + (f" +{more}" if more else "")
