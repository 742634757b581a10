"""What kind of unit a contingent is: the unit kinds and echelons deploymap knows.

The table is data, ``units.csv`` beside this module, one row per entry:

* ``kind`` rows: a unit's function ("infantry", "medical", "police"), its
  APP-6 D land-unit entity code, the words that name it before a unit noun
  (``before``: "an *engineering* company"), the phrases that name such a unit
  on their own (``alone``: "military observers") and the endings of UN
  contingent abbreviations (``suffix``: BATT in "NEPBATT");
* ``echelon`` rows: a unit's size ("company", "battalion"), its APP-6 echelon
  amplifier, its nouns (``before``), and those nouns that name a military
  unit even with no kind word before them (``alone``: "a battalion", but not
  "a company", which is as often a business);
* ``noun`` rows: unit nouns that say no size ("unit", "contingent").

The text reader is :mod:`deploymap.extract.units`; the map draws each kind
and echelon as an APP-6 symbol (:mod:`deploymap.mapping.symbols`).

Examples
--------
>>> sidc("infantry", "battalion")
'10031000161211000000'
>>> unit_label("medical", ""), unit_label("engineer", "company"), unit_label("", "battalion")
('Medical unit', 'Engineer company', 'Battalion')
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["ECHELONS", "KINDS", "UnitTerm", "echelons", "kinds", "sidc", "unit_label"]


@dataclass(frozen=True, slots=True)
class UnitTerm:
    """One row of ``units.csv``."""

    field: str  # "kind", "echelon" or "noun"
    key: str
    label: str
    code: str
    before: tuple[str, ...]
    alone: tuple[str, ...]
    suffix: tuple[str, ...]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in (cell or "").split(";") if w.strip())


@cache
def terms() -> tuple[UnitTerm, ...]:
    """Every row of the unit lexicon, in file order."""
    raw = (resources.files("deploymap") / "units.csv").read_text("utf-8")
    return tuple(
        UnitTerm(
            r["field"],
            r["key"],
            r["label"],
            r["code"],
            _split(r["before"]),
            _split(r["alone"]),
            _split(r["suffix"]),
        )
        for r in csv.DictReader(io.StringIO(raw))
    )


@cache
def kinds() -> dict[str, UnitTerm]:
    """Unit kinds by key ("" is a unit whose kind the source does not say)."""
    return {t.key: t for t in terms() if t.field == "kind"}


@cache
def echelons() -> dict[str, UnitTerm]:
    """Echelons by key ("" is no echelon stated), smallest first."""
    return {t.key: t for t in terms() if t.field == "echelon"}


KINDS = ("", "headquarters", "infantry", "reserve", "police", "observers", "medical", "aviation")
"""A few kind keys (the full list is :func:`kinds`); Geo-PKO's flags map onto these."""
ECHELONS = ("", "team", "squad", "section", "platoon", "company", "battalion", "regiment")
"""A few echelon keys (the full list is :func:`echelons`)."""


def sidc(kind: str, echelon: str = "") -> str:
    """The 20-digit APP-6 D symbol code of a friendly land unit of *kind* and *echelon*.

    Headquarters carry the headquarters staff (the HQ amplifier).

    Raises
    ------
    KeyError
        For a kind or echelon that is not in the lexicon.
    """
    entity = kinds()[kind].code
    amp = echelons()[echelon].code
    hq = "2" if kind == "headquarters" else "0"
    # version 10 (APP-6 D), reality, friend, land unit, present
    return f"1003100{hq}{amp}{entity}0000"


def unit_label(kind: str, echelon: str = "") -> str:
    """A unit in words: ``"Infantry battalion"``, ``"Medical unit"``, ``"Battalion"``."""
    k = kinds()[kind].label if kind else ""
    e = echelons()[echelon].label.lower() if echelon else ""
    if not k:
        return e.capitalize() if e else "Unit"
    if kind == "headquarters":
        return f"{e.capitalize()} headquarters" if e else k
    return f"{k} {e or 'unit'}"
