"""Story -> folium layers -> HTML: the interactive map of what a text reports.

``build_map`` is loaded on first use, so importing this package stays light.

Examples
--------
>>> from deploymap.mapping import build_map
>>> build_map.__module__
'deploymap.mapping.build'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deploymap.mapping.build import build_map, map_html

__all__ = ["build_map", "map_html"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("deploymap.mapping.build"), name)
    raise AttributeError(f"module 'deploymap.mapping' has no attribute {name!r}")
