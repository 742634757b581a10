"""One small builder per map layer: Story features -> a folium FeatureGroup and its legend.

The geometry comes from :func:`deploymap.export.story_features` (the same
features ``deploymap extract --format geojson`` writes); the builders here only
style them, aggregate figures per contributor, and write the escaped tooltip
and popup markup.  Each builder returns a :class:`Layer`, or None when the
story has nothing for it.

Examples
--------
>>> from deploymap.read import read_text
>>> ctx = MapContext.of(read_text("Turkey keeps about 600 soldiers in KFOR in Kosovo."))
>>> [layer.name for layer in build_layers(ctx)]  # doctest: +NORMALIZE_WHITESPACE
['Host country', 'Contributors (troops)', 'Mission area and HQ', 'Force size (troops)',
 'Contributor flows']
"""

from __future__ import annotations

from collections.abc import Callable

from deploymap.mapping.layers.base import Layer, MapContext, contributor_total
from deploymap.mapping.layers.countries import (
    basemap_layer,
    contributor_layer,
    host_layer,
    mentioned_layer,
)
from deploymap.mapping.layers.flows import arc, flow_layer
from deploymap.mapping.layers.force import force_layer
from deploymap.mapping.layers.missions import mission_layer
from deploymap.mapping.layers.places import place_layer

__all__ = [
    "LAYER_BUILDERS",
    "Layer",
    "MapContext",
    "arc",
    "basemap_layer",
    "build_layers",
    "contributor_total",
]

LAYER_BUILDERS: tuple[Callable[[MapContext], Layer | None], ...] = (
    host_layer,
    contributor_layer,
    mentioned_layer,
    mission_layer,
    force_layer,
    flow_layer,
    place_layer,
)


def build_layers(ctx: MapContext) -> list[Layer]:
    """Every layer the story has something for, bottom to top."""
    return [layer for build in LAYER_BUILDERS if (layer := build(ctx)) is not None]
