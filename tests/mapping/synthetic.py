"""Synthetic stories for load tests: many located contingents of one mission.

Used by the browser tests and by ``benchmarks/maps.py``; deterministic for a seed.
"""

from __future__ import annotations

import random

from deploymap.model import Deployment, Evidence, MissionMention, Place, Story

CONTRIBUTORS = (
    "BGD", "PAK", "IND", "NPL", "RWA", "ETH", "EGY", "GHA", "SEN", "CHN",
    "IDN", "URY", "MAR", "TZA", "ZAF", "MWI", "KEN", "NGA", "BRA", "JOR",
)  # fmt: skip


def many_forces_story(n: int, *, seed: int = 0) -> Story:
    """*n* MONUSCO contingents at random points in the DR Congo, each with a figure."""
    from deploymap.gazetteer.missions import MissionCatalogue

    rng = random.Random(seed)
    mission = MissionCatalogue().get("MONUSCO")
    deployments = []
    for i in range(n):
        lat, lon = round(rng.uniform(-11.0, 4.0), 5), round(rng.uniform(14.0, 30.0), 5)
        place = Place(f"synthetic:{i}", f"Site {i}", "site", "COD", lat, lon)
        troops = rng.randint(10, 900)
        ev = Evidence(0, 0, f"Contingent {i} has {troops} troops.", "synthetic", "2024-01-01")
        deployments.append(
            Deployment(
                contributor=CONTRIBUTORS[i % len(CONTRIBUTORS)],
                mission="MONUSCO",
                troops=troops,
                date="2024-01-01",
                location=place,
                evidence=(ev,),
            )
        )
    total = sum(d.troops or 0 for d in deployments)
    mm = MissionMention(mission, 0, 0, "MONUSCO", troops=total)
    return Story(
        title=f"{n:,} synthetic MONUSCO contingents",
        date="2024-01-01",
        missions=(mm,),
        deployments=tuple(deployments),
        sources=("synthetic",),
    )
