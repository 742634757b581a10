"""The shipped Geo-PKO sample: an exact excerpt of Geo-PKO v2.3, rebuilt byte for byte."""

from __future__ import annotations

import csv

import pytest

from deploymap.examples.build_geopko_sample import FILES, MISSIONS, YEARS, build, sample_dir
from tests.conftest import SHARED

GEOPKO = SHARED / "data" / "geopko"


def test_sample_is_small_and_read_as_geo_pko():
    from deploymap.tables import read_tables

    files = [sample_dir() / name for name in FILES.values()]
    assert sum(f.stat().st_size for f in files) < 60_000
    story = read_tables(files)
    assert {m.mission.id for m in story.missions} == set(MISSIONS)
    assert {d.date for d in story.deployments} == {str(y) for y in YEARS}
    assert any("Geo-PKO v2.3" in s for s in story.sources)  # credited as Geo-PKO


def test_sample_rebuilds_from_geo_pko_byte_for_byte(tmp_path):
    if not all((GEOPKO / name).is_file() for name in FILES):
        pytest.skip(f"Geo-PKO v2.3 is not at {GEOPKO}")
    build(GEOPKO, tmp_path)
    for full, sample in FILES.items():
        assert (tmp_path / sample).read_bytes() == (sample_dir() / sample).read_bytes()
        # every sample line is a line of the full file: an excerpt, nothing changed
        lines = set((GEOPKO / full).read_text(encoding="utf-8").splitlines())
        mine = (sample_dir() / sample).read_text(encoding="utf-8").splitlines()
        assert all(line in lines for line in mine)


def test_build_keeps_only_the_chosen_missions_and_years(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for full in FILES:
        with (src / full).open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["mission", "year", "location", "note"])
            w.writerow([MISSIONS[0], min(YEARS), "A", "kept, with a comma"])
            w.writerow([MISSIONS[0], min(YEARS) - 1, "B", "too early"])
            w.writerow(["OTHER", min(YEARS), "C", "other mission"])
    counts = build(src, tmp_path / "out")
    assert set(counts.values()) == {1}
    text = (tmp_path / "out" / FILES["geopko_v2.3_tccmap.csv"]).read_text(encoding="utf-8")
    assert (
        text == f'mission,year,location,note\n{MISSIONS[0]},{min(YEARS)},A,"kept, with a comma"\n'
    )


def test_build_without_the_files_says_where_to_get_them(tmp_path, capsys):
    from deploymap.examples.build_geopko_sample import main

    assert main([str(tmp_path)]) == 2
    assert "pcr.uu.se/data/geo-pko" in capsys.readouterr().err
