"""French news: language vote, French places, missions and figures.

Every sentence here is written for these tests (no evaluation text).
"""

from __future__ import annotations

import json

import pytest

from deploymap.batch import _extract_doc
from deploymap.cli import main
from deploymap.extract.language import detect_language
from deploymap.extract.toponyms import Geoparser
from deploymap.gazetteer.french import demonym_forms
from deploymap.read import default_reader, read_text


@pytest.fixture(scope="module")
def fr():
    return Geoparser(lang="fr")


def _places(gp, text):
    return [(t.text, t.iso3, t.demonym) for t in gp.parse(text)]


def test_language_vote():
    assert detect_language("Le bataillon est parti de la base vers le nord du pays.") == "fr"
    assert detect_language("The battalion left the base for the north of the country.") == "en"


def test_french_country_names_are_the_country_not_a_namesake(fr):
    got = _places(
        fr, "Des renforts partent pour le Liban et pour la République démocratique du Congo."
    )
    assert ("Liban", "LBN", False) in got
    assert ("République démocratique du Congo", "COD", False) in got


def test_capitalised_french_function_words_are_no_places(fr):
    got = _places(
        fr, "Selon le ministre, rien ne change. Lors du sommet, Sur ce point, Tous ont voté."
    )
    assert got == []


def test_a_capitalised_article_opening_a_sentence_is_no_first_name(fr):
    # "Les" is a first name in the gazetteer's list; opening a French sentence it is
    # the article, and the name after it is no surname
    got = _places(fr, "Les Comores ont voté. Les Pays-Bas aussi. Hier, les Comores ont voté.")
    assert [g[1] for g in got] == ["COM", "NLD", "COM"]


def test_a_longer_name_after_a_capitalised_article_wins(fr):
    # "La Côte" is a town; "La Côte d'Ivoire" opening a sentence is the country
    got = _places(fr, "La Côte d'Ivoire a voté. La Côte est un village suisse.")
    assert got[0][:2] == ("Côte d'Ivoire", "CIV")
    assert got[1][0] == "La Côte"


def test_elided_article_before_a_name(fr):
    got = _places(fr, "Les patrouilles de l'Ituri reprennent depuis la ville d'Abidjan.")
    assert [g[0] for g in got] == ["Ituri", "Abidjan"]


def test_lower_case_demonyms_in_all_four_forms(fr):
    got = _places(fr, "Une unité tchadienne, des soldats tchadiens et des infirmières tchadiennes.")
    assert [(g[0], g[1], g[2]) for g in got] == [
        ("tchadienne", "TCD", True),
        ("tchadiens", "TCD", True),
        ("tchadiennes", "TCD", True),
    ]
    assert demonym_forms("malien") == ("malien", "malienne", "maliens", "maliennes")


def test_french_direction_names_are_the_english_namesake(fr):
    got = fr.parse("Des combats au Sud-Kivu.")
    assert [(t.text, t.iso3) for t in got] == [("Sud-Kivu", "COD")]


def test_english_reading_is_unchanged_by_french_data():
    # the English geoparser keeps its own reading of a French-looking word
    en = Geoparser()
    assert all(t.iso3 != "LBN" for t in en.parse("Liban is a town."))


def test_title_case_acronyms_are_missions():
    story = read_text("La Monusco a renforcé ses positions près de Goma, indique un communiqué.")
    assert story.mission is not None and story.mission.mission.id == "MONUSCO"


def test_french_only_acronyms_are_aliases():
    story = read_text("La MINUSS protège les civils dans le camp de Bentiu depuis des mois.")
    assert story.mission is not None and story.mission.mission.id == "UNMISS"


def test_french_national_operations_are_catalogued():
    story = read_text("Les soldats de l'opération Sangaris ont quitté la capitale en octobre.")
    assert story.mission is not None and story.mission.mission.id == "SANGARIS"


def test_demonym_after_its_noun_with_a_spaced_figure():
    story = read_text("La Minusma compte désormais 1 300 soldats burkinabés dans le nord du pays.")
    assert [(d.contributor, d.troops) for d in story.deployments] == [("BFA", 1300)]


def test_subject_with_a_french_auxiliary():
    story = read_text("Le Ghana a envoyé 420 militaires à la Minusca le mois dernier.")
    assert ("GHA", 420) in [(d.contributor, d.troops) for d in story.deployments]


def test_lang_is_recorded_and_can_be_overridden():
    text = "Le Ghana a envoyé 420 militaires à la Minusca le mois dernier."
    assert read_text(text).lang == "fr"
    assert read_text(text, lang="en").lang == "en"
    with pytest.raises(ValueError, match="lang"):
        read_text(text, lang="xx")


def test_jsonl_record_lang_and_cli_flag(tmp_path, capsys):
    text = "Le Ghana a envoyé 420 militaires à la Minusca le mois dernier."
    out = _extract_doc(default_reader(), "d1", text, {"lang": "en"}, "")
    assert out["lang"] == "en"
    out = _extract_doc(default_reader(), "d1", text, {"lang": "<script>"}, "")
    assert out["lang"] == "fr"  # an unknown value is ignored, the text decides
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    assert main(["extract", str(p), "--lang", "en"]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == "en"


def test_every_language_module_has_every_joined_class_and_acts_are_withdrawal_words():
    import importlib

    from deploymap.extract import lexicon as lx
    from deploymap.extract.language import LANGUAGES

    for code in LANGUAGES:
        if code == "en":
            continue
        mod = importlib.import_module(f"deploymap.extract.lexicon_{code}")
        missing = [name for name in lx.JOINED if not hasattr(mod, name)]
        assert not missing, (code, missing)
        # a withdrawal named as an act ("le retrait de") is found by the withdrawal words
        assert mod.WITHDRAW_NOUNS <= mod.WITHDRAW_VERBS, code
    assert lx.WITHDRAW_NOUNS <= lx.WITHDRAW_VERBS
