"""Information extraction from news text: toponyms (see :mod:`.toponyms`)."""

from __future__ import annotations

from deploymap.extract.toponyms import Geoparser, geoparse, geoparse_jsonl

__all__ = ["Geoparser", "geoparse", "geoparse_jsonl"]
