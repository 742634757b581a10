"""Export order: the same story gives the same GeoJSON bytes in every process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

SCRIPT = """
import hashlib, sys
from deploymap.export import geojson_text, story_to_geojson
from deploymap.tables import read_table
print(hashlib.sha256(geojson_text(story_to_geojson(read_table(sys.argv[1]))).encode()).hexdigest())
"""


def test_a_story_with_two_hosts_exports_the_same_bytes_whatever_the_hash_seed():
    # un_contributions.csv has missions in two hosts: a set of them iterates in an order
    # that depends on the process's string hash seed
    digests = set()
    for seed in ("11", "12", "13", "14", "15", "16"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(DATA / "un_contributions.csv")],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1
