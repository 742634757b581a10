"""A static map with a French interface: legend, headings and notes in French (SVG text)."""

from __future__ import annotations

import re

from tests.images.conftest import ROOT

FRENCH = ROOT / "tests" / "mapping" / "data" / "minusca-releve-fr.txt"


def _texts(svg: bytes) -> str:
    # matplotlib writes SVG text as <text> elements (svg.fonttype "none")
    return "\n".join(re.findall(r"<text[^>]*>([^<]*)<", svg.decode("utf-8")))


def test_french_svg_legend_and_panels(draw, gaz):
    from deploymap.read import Reader

    story = Reader(gaz).read(FRENCH.read_text(encoding="utf-8"), source=FRENCH.name)
    fr = _texts(draw(story, "svg", ui_lang="fr").data)
    en = _texts(draw(story, "svg").data)
    for word in (
        "Légende",
        "Pays hôte",
        "Effectifs (aire du cercle)",
        "Contributeurs (militaires)",
    ):
        assert word in fr, word
    assert "Égypte" in fr and "1\u202f400" in fr  # French names and numbers
    assert "Frontières" in fr and "Projection azimutale" in fr
    for word in ("Legend", "Host country", "Troops (circle area)", "Boundaries", "Egypt"):
        assert word in en and word not in fr, word
    assert story.title in fr  # the headline as written
