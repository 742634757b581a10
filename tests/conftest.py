"""Shared fixtures: one gazetteer per test session (opening it is cheap, but the
lookup cache and spatial indexes are worth sharing)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "src" / "deploymap" / "examples"


@pytest.fixture(scope="session")
def gaz():
    from deploymap.gazetteer import Gazetteer

    return Gazetteer()


@pytest.fixture(scope="session")
def geocoder(gaz):
    from deploymap.geocode import OfflineGeocoder

    return OfflineGeocoder(gaz)
