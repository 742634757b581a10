"""The interface's message catalogues: one JSON file per language, the same keys in each."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from deploymap.errors import InputError
from deploymap.locales import languages, messages


def _raw(lang: str) -> dict:
    return json.loads((resources.files("deploymap.locales") / f"{lang}.json").read_text("utf-8"))


def test_every_language_has_every_key():
    keys = {lang: set(_raw(lang)["messages"]) for lang in languages()}
    en = keys["en"]
    for lang, have in keys.items():
        assert have == en, (lang, sorted(en - have)[:10], sorted(have - en)[:10])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_fields_match_across_languages(lang):
    """A message's {fields} are the same in every language (a missing one would show raw)."""
    fields = re.compile(r"\{(\w+)\}")
    en = _raw("en")["messages"]
    for key, text in _raw(lang)["messages"].items():
        assert set(fields.findall(text)) == set(fields.findall(en[key])), key
        assert text.strip(), key


def test_french_differs_from_english_where_it_should():
    en, fr = _raw("en")["messages"], _raw("fr")["messages"]
    same = [k for k in en if en[k] == fr[k] and len(en[k]) > 12]
    assert same == [], same  # long sentences left untranslated


def test_unit_words_cover_the_units_lexicon():
    from deploymap.units import echelons, kinds

    fr = _raw("fr")["messages"]
    assert [k for k in kinds() if k and f"unit.kind.{k}" not in fr] == []
    assert [k for k in echelons() if k and f"unit.echelon.{k}" not in fr] == []


def test_record_values_have_french_words():
    from deploymap.model import PERSONNEL, STATUSES

    fr = messages("fr")
    for status in STATUSES:
        assert fr.value("status", status) != status
    for kind in PERSONNEL:
        assert fr.value("personnel", kind) != kind
    assert fr.value("role", "lead nation") == "nation cheffe de file"
    assert fr.value("event", "handover") == "passation de commandement"
    assert fr.value("status", "made-up") == "made-up"  # unknown values as they are


def test_numbers_follow_the_language():
    assert messages("en").number(1400) == "1,400"
    assert messages("fr").number(1400) == "1\u202f400"
    assert messages("fr").number(14000000) == "14\u202f000\u202f000"
    assert messages("fr").troops(None) == "aucun chiffre donné"
    assert messages("fr").plural("count.location", 1) == "1 lieu"
    assert messages("fr").plural("count.location", 2) == "2 lieux"
    assert messages("en").plural("count.location", 0) == "0 locations"


def test_french_country_names_come_from_the_gazetteer_data():
    fr = messages("fr")
    assert fr.country("TCD", "Chad") == "Tchad"
    assert fr.country("LBN", "Lebanon") == "Liban"
    assert fr.country("COD", "x") == "République démocratique du Congo"  # fr.json's own
    assert messages("en").country("TCD", "Chad") == "Chad"


@pytest.mark.parametrize("bad", ["de", "", "FR ", "english"])
def test_unknown_language_is_one_clear_error(bad):
    if bad.strip().lower() in languages() or not bad:
        assert messages(bad).lang in languages()  # "" is the default, case is ignored
        return
    with pytest.raises(InputError, match=r"unknown interface language .*use one of en, fr"):
        messages(bad)


def test_fields_are_data_never_format():
    """A value holding braces is inserted as it is, not formatted again."""
    out = messages("fr")("host.alt", name="{0.__class__} {name}")
    assert out == "{0.__class__} {name}, pays hôte"


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    """A typo in a key would show the key itself: every literal key used is there."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "deploymap"
    en = _raw("en")["messages"]
    asked: set[str] = set()
    call = re.compile(r"\b(?:t|ui|ctx\.ui|self\.ctx\.ui|page\.ctx\.ui)\(\s*\"([a-z_.]+)\"")
    plural = re.compile(r"\.plural\(\s*\"([a-z_.]+)\"")
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        asked |= set(call.findall(text))
        asked |= {f"{k}.{form}" for k in plural.findall(text) for form in ("one", "other")}
    js = re.compile(r"\bw\(\"([a-z_.]+)\"")
    runtime = (src / "mapping" / "static" / "deploymap.js").read_text(encoding="utf-8")
    asked |= {"runtime." + k for k in js.findall(runtime)}
    review = (src / "review" / "static" / "review.js").read_text(encoding="utf-8")
    asked |= {"review.js." + k for k in js.findall(review) if not k.endswith(".")}
    page = (src / "review" / "static" / "review.html").read_text(encoding="utf-8")
    asked |= {"review.html." + k for k in re.findall(r"\[\[(\w+)\]\]", page)}
    assert len(asked) > 150  # the scan found the code's keys
    assert sorted(asked - set(en)) == []
