"""The geoparser's name index asked of the gazetteer (lazy) and held in memory
(built) answer alike, and one document does not build the in-memory index."""

from __future__ import annotations

import json
import pickle
import runpy

import pytest

from deploymap.extract import toponym_index as ti
from deploymap.extract.toponym_spelling import LOOSE_MIN_CONSONANTS, loose_key
from deploymap.extract.toponyms import SCAN_FORMS, Geoparser
from deploymap.gazetteer import Gazetteer
from tests.conftest import EXAMPLES, SHARED

ARTICLE = (EXAMPLES / "kfor-command-2023.txt").read_text(encoding="utf-8")
CORPORA = SHARED / "eval" / "corpora"


@pytest.fixture
def no_full_read(monkeypatch):
    """Reading every name key (what building the in-memory index does) fails."""

    def refuse(self, forms=None):
        raise AssertionError("the whole name index was read")

    monkeypatch.setattr(Gazetteer, "keys", refuse)


def test_one_article_does_not_build_the_name_index(no_full_read):
    from deploymap.read import Reader

    story = Reader().read(ARTICLE)
    assert any(p.name == "Kosovo" for p in story.places)


def test_one_document_asks_the_gazetteer_a_few_hundred_questions_at_most(gaz):
    gp = Geoparser(gaz)
    toponyms = gp.parse(ARTICLE)
    assert toponyms
    assert not isinstance(gp.index.names, frozenset)
    names, prefixes, english, common = gp._probes
    assert not names.settled and not prefixes.settled
    assert english._full is None and common._full is None
    assert ti.PROBES_BEFORE_BUILD - names._budget.left < 500


def test_the_index_is_built_once_the_probes_would_cost_more(gaz, monkeypatch):
    monkeypatch.setattr(ti, "PROBES_BEFORE_BUILD", 20)
    built = Geoparser(gaz)
    built.build_index()
    gp = Geoparser(gaz)
    assert gp.index is not None
    probes = gp._probes
    # the budget runs out in the middle of this document: the rest of it is
    # read with the built index, and the answer is the same
    assert gp.parse(ARTICLE) == built.parse(ARTICLE)
    assert isinstance(gp.index.names, frozenset)
    assert isinstance(gp.index.prefixes, frozenset)
    assert isinstance(gp.index.english, frozenset) and isinstance(gp.index.common, dict)
    assert all(p._full is not None for p in probes)  # the lazy sets answer from them too


def test_probe_sets_answer_as_the_built_sets(gaz):
    built = Geoparser(gaz)
    built.build_index()
    names, prefixes = built.index.names, built.index.prefixes
    lazy = Geoparser(gaz)
    probe = lazy.index
    keys = sorted(names)[::11]
    tried = [
        *keys,
        *(k[:-1] for k in keys),
        *(k + " " for k in keys[:2000]),
        *(k + " x" for k in keys[:2000]),
        *sorted(prefixes)[::3],
        "",
        " ",
        "north",
        "new",
        "a\x00b",
        "kosovo\ud800",  # a lone surrogate, which SQLite cannot take
        "\U0010ffff",
    ]
    for k in tried:
        assert (k in probe.names) == (k in names), k
        assert (k in probe.prefixes) == (k in prefixes), k
    assert 1 not in probe.names  # not a key at all


def test_word_tables_answer_as_the_built_tables(gaz):
    built = Geoparser(gaz)
    built.build_index()
    english, common = built.index.english, built.index.common
    lazy = Geoparser(gaz).index
    words = [*sorted(english)[::7], *sorted(common)[::3], "london", "split", "", "x\ud800"]
    words += [w.title() for w in words[:300]]
    for w in words:
        assert (w in lazy.english) == (w in english), w
        assert lazy.common.get(w) == common.get(w), w
        assert lazy.common.get(w, -1.0) == common.get(w, -1.0), w


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_overlay_keys_are_answered_alike(gaz, lang):
    built = Geoparser(gaz, lang=lang)
    built.build_index()
    lazy = Geoparser(gaz, lang=lang)
    extra = lazy._overlay_keys()
    assert extra  # the regional demonyms at least
    for k in sorted(extra):
        assert k in lazy.index.names and k in built.index.names
        head = k.rsplit(" ", 1)[0]
        assert (head in lazy.index.prefixes) == (head in built.index.prefixes)
    assert built._overlay == lazy._overlay


def test_word_prefixes_are_every_word_prefix():
    got = ti.word_prefixes(["a b c", "a b", "x  y", "solo"])
    assert got == {"a", "a b", "x", "x "}


def test_loose_keys_in_one_pass_equal_loose_key(gaz):
    keys = sorted({k for k, _ in gaz.area_name_keys()})
    assert ti.loose_keys(keys, loose_key) == [loose_key(k) for k in keys]
    odd = ["tab\there", "two  spaces", " lead", "trail ", "line\nbreak", "plain one"]
    assert ti.loose_keys(odd, loose_key) == [loose_key(k) for k in odd]
    assert ti.loose_keys([], loose_key) == []


def test_loose_index_holds_what_area_names_give(gaz):
    want: dict[str, list] = {}
    for key, place in gaz.area_names():
        lk = loose_key(key)
        if len(lk.replace(" ", "")) >= LOOSE_MIN_CONSONANTS:
            want.setdefault(lk, []).append((key, place))
    got = ti.LooseIndex(gaz, loose_key, LOOSE_MIN_CONSONANTS)
    assert len(got) == len(want) and set(got) == set(want)
    assert all(got[lk] == want[lk] for lk in want)
    assert got.get("not a skeleton", ()) == ()


def test_a_pickled_geoparser_starts_lazy_again(gaz):
    gp = Geoparser(gaz)
    gp.build_index()
    again = pickle.loads(pickle.dumps(gp))
    assert again.parse(ARTICLE) == gp.parse(ARTICLE)
    assert not isinstance(again.index.names, frozenset)


def _texts(name: str) -> list[str]:
    path = CORPORA / f"{name}.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def _french_texts() -> list[str]:
    path = SHARED / "eval" / "news_fr_cases.py"
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    return [case["text"] for case in runpy.run_path(str(path))["CASES"]]


@pytest.mark.parametrize("corpus", ["geovirus", "trnews", "news_fr"])
def test_lazy_and_built_index_parse_real_news_alike(gaz, monkeypatch, corpus):
    lang = "fr" if corpus == "news_fr" else "en"
    texts = _french_texts() if corpus == "news_fr" else _texts(corpus)
    monkeypatch.setattr(ti, "PROBES_BEFORE_BUILD", 10**9)  # lazy throughout
    lazy = Geoparser(gaz, lang=lang)
    built = Geoparser(gaz, lang=lang)
    built.build_index()
    for text in texts:
        assert lazy.parse(text) == built.parse(text)
    assert not isinstance(lazy.index.names, frozenset)
    assert gaz.keys(SCAN_FORMS)  # the gazetteer still answers in full
