"""The time slider: maps of stories over several dates or years.

A story with one date has no slider; one over several (Geo-PKO years, merged
articles, dated table rows) has ``deploymap.slider`` and time-aware features
carrying ``w = [first, last]`` step indices.  The browser test drives the
real Geo-PKO data offline.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from deploymap.mapping.time import TimeAxis, time_axis
from tests.mapping.conftest import EXAMPLE, ROOT, call_args, layers_of
from tests.mapping.test_browser import browser  # noqa: F401  (the same headless Chromium)

DATA = ROOT / "tests" / "data"
SMALL_FRONT = DATA / "geopko_front_small.csv"  # UNDOF 2022 and 2023, UNTAES 1996
GEOPKO = ROOT.parent / "shared" / "data" / "geopko"
FRONT = GEOPKO / "geopko_v2.3_frontmap.csv"
TCC = GEOPKO / "geopko_v2.3_tccmap.csv"
TIMED = ("Force size (troops)", "Contributors (troops)", "Contributor flows")


def slider_of(html: str) -> dict | None:
    found = call_args(html, "slider")
    assert len(found) <= 1
    return found[0] if found else None


def visible(features: list[dict], step: int) -> list[dict]:
    return [f for f in features if f["properties"]["w"][0] <= step <= f["properties"]["w"][1]]


@pytest.fixture(scope="module")
def undof(gaz, catalogue):
    from deploymap.tables import read_table

    return read_table(SMALL_FRONT, mission="UNDOF", gazetteer=gaz, catalogue=catalogue)


@pytest.fixture(scope="module")
def undof_html(render, undof):
    return render(undof, offline=True)


@pytest.fixture(scope="module")
def articles(reader):
    """Two articles months apart: Turkey in January, Italy (and KFOR's size) in October."""
    a = reader.read(
        "Turkey keeps about 600 soldiers in KFOR, the NATO force in Kosovo.",
        date="2023-01-10",
        source="january.txt",
    )
    b = reader.read(
        "Italy has 800 troops in KFOR in Kosovo. KFOR numbers about 4,000 troops.",
        date="2023-10-05",
        source="october.txt",
    )
    return a, b


# -- the axis and its rules ------------------------------------------------------------------------
def test_table_rows_show_at_their_own_step_only():
    axis = TimeAxis(("2022", "2023", "2024"))
    assert axis.windows([("site", "2022", True), ("site", "2024", True)]) == [(0, 0), (2, 2)]


def test_article_figures_hold_until_replaced():
    axis = TimeAxis(("2023-01-10", "2023-06-01", "2023-10-05"))
    items = [
        ("TUR", "2023-01-10", False),
        ("TUR", "2023-10-05", False),
        ("ITA", "2023-06-01", False),
    ]
    assert axis.windows(items) == [(0, 1), (2, 2), (1, 2)]


@pytest.mark.parametrize(
    ("date", "table", "window"),
    [
        (None, True, (0, 2)),  # undated: always
        ("", False, (0, 2)),
        ("2023/2024", True, (1, 2)),  # an interval, from a table
        ("2022/2023", False, (0, 2)),  # from an article: held from its start on
    ],
)
def test_windows_of_intervals_and_undated(date, table, window):
    axis = TimeAxis(("2022", "2023", "2024"))
    assert axis.windows([("x", date, table)]) == [window]


def test_a_year_step_holds_its_days():
    axis = TimeAxis(("2023-01-10", "2023-10-05", "2024-02-01"))
    assert axis.windows([("x", "2023/2023", True)]) == [(0, 1)]


def test_only_force_contributor_and_flow_dates_make_steps():
    def f(layer, date, role="contributor"):
        return {"properties": {"layer": layer, "date": date, "role": role}}

    assert time_axis([f("country", "2020", "host"), f("force", "2024"), f("place", "2021")]) is None
    axis = time_axis([f("force", "2022/2024"), f("flow", "2023")])
    assert axis is not None and axis.steps == ("2022", "2023", "2024")


# -- maps -----------------------------------------------------------------------------------------
def test_single_date_story_has_no_slider(kfor_offline, render):
    from deploymap.tables import read_table

    assert slider_of(kfor_offline) is None
    assert "dm-time" not in kfor_offline.split("<style>", 1)[0]  # only in the stylesheet
    for layer in layers_of(kfor_offline).values():
        assert all("w" not in p for p in layer.props())
    one_year = render(read_table(SMALL_FRONT, mission="UNDOF", year=2023), offline=True)
    assert slider_of(one_year) is None


def test_years_of_a_table_get_a_slider(undof_html):
    slider = slider_of(undof_html)
    assert slider is not None
    assert slider["steps"] == ["2022", "2023"]
    assert slider["start"] == 1  # the latest year first
    # Camp Faouar 900 + Position 10 150 (+ one site of unknown size) in 2022
    assert slider["notes"] == ["1,050 troops at 3 locations", "1,125 troops at 2 locations"]


def test_force_features_carry_their_year(undof, undof_html, gaz, catalogue):
    from deploymap.export import story_features

    force = layers_of(undof_html)["Force size (troops)"]
    steps = slider_of(undof_html)["steps"]
    exported = Counter(
        f["properties"]["date"]
        for f in story_features(undof, gaz, catalogue)
        if f["properties"]["layer"] == "force"
    )
    # table rows show at exactly their year, as many as the export has for it
    assert all(p["w"][0] == p["w"][1] for p in force.props())
    assert Counter(steps[p["w"][0]] for p in force.props()) == exported
    for p in force.props():
        assert f"Date: {steps[p['w'][0]]}" in p["p"]  # the popup's Date row agrees


def test_moving_the_slider_changes_the_force_markers(undof_html):
    force = layers_of(undof_html)["Force size (troops)"].features
    assert [len(visible(force, i)) for i in (0, 1)] == [3, 2]


def test_merged_articles_step_through_what_was_known(render, articles):
    from deploymap.aggregate import merge_stories

    html = render(merge_stories(articles), offline=True)
    assert slider_of(html)["steps"] == ["2023-01-10", "2023-10-05"]
    contributors = layers_of(html)["Contributors (troops)"].features
    named = [
        [f["properties"]["t"].split("<br>")[0] for f in visible(contributors, i)] for i in (0, 1)
    ]
    # Turkey's January figure still holds in October
    assert named == [["<b>Turkey</b>"], ["<b>Turkey</b>", "<b>Italy</b>"]]
    force = layers_of(html)["Force size (troops)"].features
    assert [len(visible(force, i)) for i in (0, 1)] == [0, 1]  # KFOR's size: October


def test_repeated_outlines_are_written_once(render, gaz, catalogue):
    from deploymap.tables import read_tables

    story = read_tables([DATA / "un_contributions.csv"], gazetteer=gaz, catalogue=catalogue)
    html = render(story, offline=True)
    if slider_of(html) is None:
        pytest.skip("the UN contributions fixture has one reporting date")
    contributors = layers_of(html)["Contributors (troops)"].features
    shared = [f for f in contributors if f["geometry"] is None]
    assert all(isinstance(f["properties"]["g"], int) for f in shared)


def test_slider_map_is_deterministic(render, undof, articles):
    from deploymap.aggregate import merge_stories
    from deploymap.tables import read_table

    again = read_table(SMALL_FRONT, mission="UNDOF")
    assert render(undof, offline=True) == render(again, offline=True)
    merged = merge_stories(articles)
    assert render(merged) == render(merge_stories(list(reversed(articles))))


HOSTILE_ROWS = (
    "contributor,mission,troops,date,location,lat,lon\n"
    "Hungary,KFOR,470,2022-10-05,<script>alert(1)</script>,42.6650,21.1500\n"
    'Hungary,KFOR,480,2023-10-05,"</script><!-- <img src=x onerror=alert(2)>",42.6650,21.1500\n'
    "türkiye,KFOR,600,2023-10-05,Camp Sultan Murat,42.3900,20.8200\n"
)


@pytest.fixture(scope="module")
def hostile_table(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "deployments.csv"
    path.write_text(HOSTILE_ROWS, encoding="utf-8")
    return path


def test_table_cells_are_escaped_in_popups(render, hostile_table):
    from deploymap.tables import read_table

    html = render(read_table(hostile_table), offline=True)
    assert slider_of(html) is not None
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "<!-- <img" not in html
    # the force layer's popups are made in the browser and set as text: the cells literally
    popups = " ".join(p["p"] + p["t"] for p in layers_of(html)["Force size (troops)"].props())
    assert "Hungary in <script>alert(1)</script>" in popups
    assert "</script><!-- <img src=x onerror=alert(2)>" in popups


# -- the command line -----------------------------------------------------------------------------
def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deploymap", "map", *args], capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("years", "steps"),
    [
        (["--year", "2022-2023"], ["2022", "2023"]),
        (["--year", "2022", "--year", "2023"], ["2022", "2023"]),
        (["--year", "2021-2022"], None),  # one year with rows: no slider
        ([], ["2022", "2023"]),
    ],
)
def test_cli_maps_tables_with_mission_and_years(tmp_path, years, steps):
    out = tmp_path / "m.html"
    r = run(str(SMALL_FRONT), "--mission", "UNDOF", *years, "--offline", "-o", str(out))
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    slider = slider_of(html)
    assert (slider["steps"] if slider else None) == steps
    assert "UNTAES" not in html.split("<body>", 1)[1].split("deploymap.slider", 1)[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "20x"], "--year '20x': give a year (2024) or a range"),
        (["--year", "2024-2020"], "the first not after the last"),
        (["--year", "1950-1960"], "no rows for UNDOF in 1950-1960; years in the table: 2022, 2023"),
        (["--year", "1950"], "no rows for UNDOF in 1950"),
    ],
)
def test_cli_year_errors_are_one_line(tmp_path, args, message):
    out = tmp_path / "m.html"
    r = run(str(SMALL_FRONT), "--mission", "UNDOF", *args, "-o", str(out))
    assert r.returncode == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_cli_filters_need_a_table(tmp_path):
    r = run(str(EXAMPLE), "--year", "2023", "-o", str(tmp_path / "m.html"))
    assert r.returncode == 2 and "no input is a table" in r.stderr


def test_cli_merges_articles_into_a_slider(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Turkey keeps about 600 soldiers in KFOR, the NATO force in Kosovo.")
    b.write_text("Italy has 800 troops in KFOR in Kosovo.")
    out = tmp_path / "m.html"
    r = run(str(a), str(b), "--date", "2023-10-05", "-o", str(out), "--offline")
    assert r.returncode == 0, r.stderr  # one date for both: one step, no slider
    assert slider_of(out.read_text(encoding="utf-8")) is None
    r = run(str(EXAMPLE), str(DATA / "deployments.csv"), "-o", str(out), "--offline")
    assert r.returncode == 0, r.stderr
    assert "Force size (troops)" in layers_of(out.read_text(encoding="utf-8"))


# -- in a browser, with the network off ------------------------------------------------------------
needs_geopko = pytest.mark.skipif(not FRONT.is_file(), reason=f"Geo-PKO data not at {GEOPKO}")


@needs_geopko
@pytest.mark.browser
@pytest.mark.slow
def test_geopko_years_offline_in_a_browser(browser, render, gaz, catalogue, tmp_path):  # noqa: F811
    from deploymap.tables import read_tables
    from tests.mapping.test_browser import Page

    story = read_tables(
        [FRONT, TCC], mission="UNIFIL", year=None, gazetteer=gaz, catalogue=catalogue
    )
    path = tmp_path / "unifil.html"
    path.write_text(render(story, offline=True), encoding="utf-8")
    page = Page(browser, path)
    try:
        steps = page.page.evaluate("document.querySelector('.dm-time-range').max")
        assert int(steps) >= 20
        # a site is a circle, or the marker of its unit symbols
        markers = ".leaflet-dm-force-pane path.leaflet-interactive, .leaflet-dm-force-pane .dm-unit"

        def at(step: int) -> tuple[int, str]:
            page.page.evaluate(
                """(i) => { const r = document.querySelector('.dm-time-range');
                             r.value = i; r.dispatchEvent(new Event('input')); }""",
                step,
            )
            return page.count(markers), page.page.inner_text(".dm-time-label")

        latest = page.count(markers)
        assert latest == 35  # UNIFIL's 2024 sites
        assert page.page.inner_text(".dm-time-label") == "2024"
        first = at(0)
        assert first == (9, "1994")  # the year's sites, not every year's
        assert at(int(steps)) == (latest, "2024")
        # the contributor outlines and flows follow the slider too (flows: once shown)
        assert page.count(".leaflet-dm-flows-pane path.leaflet-interactive") == 0
        page.page.get_by_label("Contributor flows").check()
        assert page.count(".leaflet-dm-flows-pane path.leaflet-interactive") > 0
        assert page.count(".dm-time-play") == 1
        assert page.errors == [] and page.external == [] and page.dialogs == []
        page.page.screenshot(path=str(tmp_path / "unifil-slider.png"))
    finally:
        page.close()


def test_cli_help_documents_the_year_forms():
    r = run("--help")
    assert r.returncode == 0
    text = " ".join(r.stdout.split())
    assert "2015-2024" in text and "repeat it" in text and "time slider" in text
