"""Same input, same bytes; and text from the input never becomes live markup."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.mapping.conftest import EXAMPLE, layers_of

# the only tags deploymap's own popup and tooltip markup uses, opening and closing
_TAGS = ["b", "div", "h4", "table", "tr", "th", "td", "blockquote"]
OWN_TAGS = {*_TAGS, *(f"/{t}" for t in _TAGS), "br"}
LIVE_MARKUP = ["<script>alert", "<img src=x", "onerror=alert(1)>", "</script><script>"]


@pytest.mark.parametrize("offline", [False, True])
def test_building_twice_gives_identical_html(render, kfor_story, offline):
    assert render(kfor_story, offline=offline) == render(kfor_story, offline=offline)


def test_rendering_the_same_map_twice_is_stable(kfor_story, gaz, catalogue):
    from deploymap.mapping import build_map

    fmap = build_map(kfor_story, offline=True, gazetteer=gaz, catalogue=catalogue)
    assert fmap.get_root().render() == fmap.get_root().render()


def test_no_random_element_ids(kfor_offline, kfor_online):
    for html in (kfor_offline, kfor_online):
        assert re.search(r"_[0-9a-f]{32}\b", html) is None


def test_separate_processes_write_identical_files(tmp_path):
    outs = []
    for i in range(2):
        out = tmp_path / f"m{i}.html"
        cmd = [sys.executable, "-m", "deploymap", "map", str(EXAMPLE), "-o", str(out), "--offline"]
        subprocess.run(cmd, check=True, capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.parametrize("offline", [False, True])
def test_hostile_article_injects_nothing(render, hostile_story, offline):
    html = render(hostile_story, offline=offline)
    for bad in LIVE_MARKUP:
        assert bad not in html, bad
    # the text is there, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_hostile_title_and_source_are_escaped(render, hostile_story):
    html = render(hostile_story, offline=True, title='<script>alert("t")</script>')
    assert "<title>&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;</title>" in html
    assert "<h1>&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;</h1>" in html


def test_every_tooltip_and_popup_is_escaped_markup(render, hostile_story):
    html = render(hostile_story, offline=True)
    strings = [
        p[key]
        for layer in layers_of(html).values()
        for p in layer.props()
        for key in ("t", "p")
        if key in p and not p.get("text")  # a points layer's text is set as text
    ]
    assert strings
    for s in strings:
        # only deploymap's own tags appear; anything from the text is entity-escaped
        tags = set(re.findall(r"<(/?[a-z0-9]+)", s))
        assert tags <= OWN_TAGS, tags


def test_hostile_source_name_is_escaped(reader, render, tmp_path):
    story = reader.read(
        "KFOR has 3,500 troops in Kosovo.", source="<img src=x onerror=alert(1)>.txt"
    )
    html = render(story, offline=True)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html
    # in the data the runtime sets as text, the name is there, with its tags escaped in JSON
    assert "\\u003cimg src=x onerror=alert(1)\\u003e.txt" in html
