"""Story -> folium layers -> HTML."""

from __future__ import annotations

from deploymap.mapping.quick import quick_map

__all__ = ["quick_map"]
