"""Short REPL reprs of a Story and its records: one line, the facts that matter, no article."""

from __future__ import annotations

import re

import pytest

from deploymap.model import Deployment, Event, Evidence, Mission, MissionMention, Place, Story
from tests.conftest import EXAMPLES

ARTICLE = EXAMPLES / "kfor-command-2023.txt"


@pytest.fixture(scope="module")
def story(gaz):
    from deploymap.read import Reader

    return Reader(gaz).read(ARTICLE.read_text(encoding="utf-8"), source=str(ARTICLE))


def test_story_repr_is_a_one_line_summary(story):
    text = repr(story)
    assert "\n" not in text and len(text) < 200
    assert story.text[:80] not in text  # not the article
    mm = story.mission
    host = "/".join(mm.mission.hosts)
    assert text.startswith(f"Story({mm.mission.id}, host {host}, {mm.troops:,} troops; ")
    n = len({d.contributor for d in story.deployments})
    d = story.deployments[0]
    assert f"{n} contributor{'s' if n > 1 else ''}: {d.contributor} {d.troops:,}" in text
    distinct = len({p.id for p in story.places})
    assert f"; {distinct} places ({len(story.places)} mentions)" in text
    assert text.endswith(f"; source {ARTICLE.name})")  # the file's name, not its path


def test_story_repr_of_an_empty_story():
    assert repr(Story()) == "Story(no mission; 0 places)"


def test_many_contributors_are_ranked_and_cut():
    deps = tuple(Deployment(f"C{i:02d}", "M", troops=100 * i, date="2024") for i in range(1, 8))
    # the later figure of a contributor wins; several places on that date add up
    deps += (
        Deployment("C01", "M", troops=5000, date="2023"),
        Deployment("C02", "M", troops=50, date="2024"),
    )
    text = repr(Story(deployments=deps, sources=("a.txt", "b.txt", "c.txt")))
    assert "7 contributors: C07 700, C06 600, C05 500 (+4 more)" in text
    assert "C01 5,000" not in text
    assert "sources a.txt, b.txt (+1 more)" in text
    text = repr(Story(deployments=deps[1:2] + deps[-1:]))
    assert "C02 250" in text


def test_record_reprs_are_short_and_name_their_key_fields():
    ev = Evidence(10, 60, "Some long sentence " * 10, source="/tmp/x/report.txt", date="2024-01-02")
    place = Place("geonames:1", "Naqoura", "city", "LBN", 33.1179999, 35.1256)
    mission = Mission("UNIFIL", "United Nations Interim Force in Lebanon", "UN", ("LBN",))
    assert repr(place) == "Place(geonames:1, 'Naqoura', city, LBN, 33.118, 35.1256)"
    assert (
        repr(mission) == "Mission(UNIFIL 'United Nations Interim Force in Lebanon', UN, host LBN)"
    )
    assert re.fullmatch(
        r"Evidence\(10-60 'Some long sentence .{20}…'; report\.txt, 2024-01-02\)", repr(ev)
    )
    mm = MissionMention(mission, 0, 6, "UNIFIL", troops=10000, peak=12000, evidence=(ev,))
    assert repr(mm).endswith("host LBN, 10,000 troops, peak 12,000; 1 evidence)")
    dep = Deployment("GHA", "UNIFIL", 870, "2023", place, role="battalion", evidence=(ev, ev))
    assert (
        repr(dep)
        == "Deployment(GHA in UNIFIL, 870 troops, battalion, 2023, at 'Naqoura'; 2 evidence)"
    )
    assert repr(Deployment("GHA", "UNIFIL")) == "Deployment(GHA in UNIFIL, troops unknown)"
    ev2 = Event("handover", "KFOR", "2023-10-10", ("TUR", "ITA"))
    assert repr(ev2) == "Event(handover in KFOR, 2023-10-10: to TUR from ITA)"
    assert repr(Event("tension", actors=("SRB", "XKX"))) == "Event(tension: SRB, XKX)"


def test_reprs_escape_what_an_input_holds():
    hostile = "Naq\x1b[31moura\nline\u202e"
    place = Place(hostile, hostile, "city", "L,B", 0.0, 0.0)
    text = repr(place)
    assert "\x1b" not in text and "\n" not in text and "\u202e" not in text
    assert "'L,B'" in text  # a code with punctuation is quoted, not bare
    story = Story(deployments=(Deployment(hostile, hostile, 1),), sources=(hostile,))
    assert "\x1b" not in repr(story) and "\n" not in repr(story)
