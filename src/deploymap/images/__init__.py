"""Story -> static maps for reports and print: PNG, SVG and PDF, offline (matplotlib).

The same story the interactive map draws (:mod:`deploymap.mapping`), as a
print-ready figure: see :func:`build_static`.  Needs the ``static`` extra
(matplotlib, matplotlib-scalebar); loaded on first use.

Examples
--------
>>> from deploymap.images import build_static
>>> build_static.__module__
'deploymap.images.figure'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deploymap.images.figure import StaticMap, build_static

__all__ = ["StaticMap", "build_static"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        try:
            module = importlib.import_module("deploymap.images.figure")
        except ImportError as e:  # matplotlib is an extra
            from deploymap.errors import DeploymapError

            raise DeploymapError(
                f"static maps need matplotlib and matplotlib-scalebar ({e.name} is missing): "
                "pip install 'deploymap[static]'"
            ) from e
        return getattr(module, name)
    raise AttributeError(f"module 'deploymap.images' has no attribute {name!r}")
