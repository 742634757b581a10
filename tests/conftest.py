"""Shared fixtures: one gazetteer per test session (opening it is cheap, but the
lookup cache and spatial indexes are worth sharing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests compare results, not speed: a shared CI machine under load
# once pushed a 30 ms example past hypothesis's 200 ms deadline, so none is set.
settings.register_profile("deploymap", deadline=None)
settings.load_profile("deploymap")

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


@pytest.fixture(autouse=True, scope="session")
def _default_options():
    """Every test sees deploymap's default settings, whatever the shell exported
    (DEPLOYMAP_OFFLINE=1 would otherwise turn every online map of the suite offline).
    Session-scoped, so it comes before the session fixtures that render maps."""
    from deploymap import options

    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("DEPLOYMAP_OFFLINE", raising=False)
        mp.setattr(options, "_current", None)
        yield


@pytest.fixture
def dask_cluster():
    """A local dask cluster of two single-threaded worker processes, its HTTP
    server on a free loopback port, and a client of it: (cluster, client)."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield cluster, client
