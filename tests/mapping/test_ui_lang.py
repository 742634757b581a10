"""--ui-lang fr: every word of the map's interface is French; the evidence is as written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources

import pytest

from tests.mapping.conftest import DATA, EXAMPLE, ROOT, call_args, layers_of

FRENCH = DATA / "minusca-releve-fr.txt"
FRONT = ROOT / "tests" / "data" / "geopko_front_small.csv"  # two years: a slider


def _catalogue(lang: str) -> dict[str, str]:
    raw = (resources.files("deploymap.locales") / f"{lang}.json").read_text("utf-8")
    return json.loads(raw)["messages"]


def english_only() -> list[str]:
    """The literal pieces of English messages that French says otherwise (6+ characters)."""
    en, fr = _catalogue("en"), _catalogue("fr")
    out = set()
    for key, text in en.items():
        if key.startswith(("value.", "unit.")) or text == fr[key]:
            continue  # record values: checked where shown (their raw value is also data)
        for piece in re.split(r"\{\w+\}", text):
            piece = piece.strip(" :;.,()")
            french = re.split(r"\{\w+\}", fr[key])
            if len(piece) >= 6 and not any(piece in f for f in french):
                out.add(piece)
    return sorted(out)


def _ui_text(html: str) -> str:
    """What the interface says, from the page: never the evidence or the story's own text."""
    parts = []
    legend = re.search(r'<details class="dm-legend".*?</details>', html, re.S)
    parts.append(legend.group(0) if legend else "")
    for name, layer in layers_of(html).items():
        parts.append(name)
        if name == "Effectifs (militaires)":
            continue  # its popups are made by the runtime (the browser test reads them)
        for p in layer.props():
            popup = re.sub(r"<blockquote>.*?</blockquote>", "", str(p.get("p") or ""), flags=re.S)
            parts += [str(p.get("t") or ""), str(p.get("a") or ""), popup]
    dec = json.JSONDecoder()
    for m in re.finditer(r"deploymap\.points\(\w+, \w+, ", html):
        data = dec.raw_decode(html, m.end())[0]  # the force layer's own words
        parts += data.get("heads", []) + [s.get("note", "") for s in data["styles"]]
        parts += [data["str"][k] for k in data["title"].values()]
    for fn in ("panel", "slider"):
        parts += [json.dumps(a, ensure_ascii=False) for a in call_args(html, fn)]
    for table in call_args(html, "table"):
        parts.append(table["title"])
        for s in table["sections"]:
            cols = s["cols"]
            parts += [s["title"], *cols]
            keep = [i for i, c in enumerate(cols) if c not in ("Preuve", "Écrit")]
            parts += [str(row[i]) for row in s["rows"] for i in keep]
    words = re.search(r"deploymap\.words\((\{.*?\})\);", html)
    if words:  # the runtime's words, without their {fields}
        parts += [re.sub(r"\{\w+\}", "", str(v)) for v in json.loads(words.group(1)).values()]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def french(reader, render):
    story = reader.read(FRENCH.read_text(encoding="utf-8"), source=str(FRENCH))
    return story, render(story, offline=True, ui_lang="fr")


def test_french_story_is_read_as_french(french):
    story, _ = french
    assert story.lang == "fr" and story.mission is not None


@pytest.mark.parametrize("which", ["french article", "english article", "table over time"])
def test_french_interface_holds_no_english_word(which, french, reader, render):
    from deploymap.tables import read_table

    if which == "french article":
        html = french[1]
    elif which == "english article":
        story = reader.read(EXAMPLE.read_text(encoding="utf-8"), source=str(EXAMPLE))
        html = render(story, offline=True, ui_lang="fr")
    else:
        html = render(read_table(FRONT), offline=True, ui_lang="fr")
    ui = _ui_text(html)
    assert len(ui) > 2000  # the parts were found
    left = [s for s in english_only() if s in ui]
    assert left == [], left
    assert '<html lang="fr">' in html


def test_english_interface_is_english(kfor_offline):
    """The same check fails on the English page: it can fail."""
    ui = _ui_text(kfor_offline)
    assert len([s for s in english_only() if s in ui]) > 20
    assert '<html lang="en">' in kfor_offline


def test_french_labels_numbers_and_countries(french):
    _, html = french
    layers = layers_of(html)
    assert "Pays hôte" in layers and "Effectifs (militaires)" in layers
    (panel,) = call_args(html, "panel")
    names = {r["n"] for r in panel["rows"]}
    assert {"Égypte", "Zambie"} <= names  # the gazetteer's French names
    order = [r["n"] for r in panel["rows"]]
    assert order.index("Égypte") < order.index("Portugal") < order.index("Zambie")  # unaccented
    assert panel["title"] == "Contributeurs"
    legend = re.search(r'<details class="dm-legend".*?</details>', html, re.S).group(0)
    assert "<summary>Légende</summary>" in legend
    assert "1\u202f001–1\u202f500" in legend  # a class of the choropleth, French numbers
    assert "République centrafricaine" in json.dumps(
        layers["Pays hôte"].props(), ensure_ascii=False
    )


def test_evidence_is_shown_as_written(reader, render):
    story = reader.read(EXAMPLE.read_text(encoding="utf-8"), source=str(EXAMPLE))
    html = render(story, offline=True, ui_lang="fr")
    (table,) = call_args(html, "table")
    rows = [r for s in table["sections"] for r in s["rows"]]
    assert any("KFOR now numbers roughly 3,500 troops" in str(r) for r in rows)
    assert any("Turquie" in str(r) for r in rows)  # the interface's country name


def test_slider_notes_and_table_follow_the_language(render):
    from deploymap.tables import read_table

    html = render(read_table(FRONT), offline=True, ui_lang="fr")
    (slider,) = call_args(html, "slider")
    assert slider["notes"] and all(re.search(r"\d lieux?$", n) for n in slider["notes"]), slider
    assert all(" lieu" in n and "location" not in n for n in slider["notes"])


def test_english_is_the_default_and_unknown_languages_fail(render, kfor_story):
    from deploymap.errors import InputError

    assert render(kfor_story, offline=True, ui_lang="en") == render(kfor_story, offline=True)
    with pytest.raises(InputError, match="unknown interface language 'xx'"):
        render(kfor_story, offline=True, ui_lang="xx")


def _cli(*args: str, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "deploymap", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def test_cli_ui_lang(tmp_path):
    out = tmp_path / "carte.html"
    r = _cli("map", str(FRENCH), "--offline", "--ui-lang", "fr", "-o", str(out), "-q")
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "Légende" in html
    review = tmp_path / "relecture.html"
    r = _cli("review", str(FRENCH), "--ui-lang", "fr", "-o", str(review), "-q")
    assert r.returncode == 0, r.stderr
    page = review.read_text(encoding="utf-8")
    assert "Enregistrer le récit corrigé" in page and "Save corrected story" not in page
    bad = _cli("map", str(FRENCH), "--offline", "--ui-lang", "de", "-o", str(out))
    assert bad.returncode == 2
    assert "--ui-lang" in bad.stderr and "'de'" in bad.stderr
    assert "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) <= 2
