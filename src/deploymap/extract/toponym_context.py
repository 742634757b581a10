"""Document-level rules of the geoparser that can be switched off one by one.

Each rule reads a general way news writes places; :data:`RULES` names them,
and ``Geoparser(rules_off=...)`` (or ``benchmarks/geoparse_ablation.py``)
switches any of them off to measure what it does.

>>> sorted(RULES)[:1]
['country_point']
>>> check_rules(["nope"])
Traceback (most recent call last):
...
ValueError: unknown geoparser rule 'nope'; known: ...
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["RULES", "check_rules"]

RULES: dict[str, str] = {
    "country_point": "countries at the chosen convention's point (off: label point)",
}


def check_rules(names: Iterable[str]) -> frozenset[str]:
    """*names* as a frozen set, each checked against :data:`RULES`."""
    out = frozenset(names)
    for name in sorted(out):
        if name not in RULES:
            raise ValueError(f"unknown geoparser rule {name!r}; known: {', '.join(sorted(RULES))}")
    return out
