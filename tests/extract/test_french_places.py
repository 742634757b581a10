"""The French geoparsing helpers of ``_french_places`` and the geoparser's
per-word memos: the fast forms give what the plain ones do."""

from __future__ import annotations

import bisect
import random
import re
from operator import itemgetter

import pytest

from deploymap.extract import _french_places as frp
from deploymap.extract.toponyms import Geoparser, _capitalised, _tokens
from deploymap.gazetteer import Gazetteer
from deploymap.model import Candidate, Place

# letters around elisions: capitals inside and outside Latin-1, lower case, marks
ALPHABET = "lLdDaéÉŒİΣß'’ -x"
_ANY_ELISION = re.compile(r"[lLdD]['’]")


def _split_reference(text: str, toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The elisions split by testing every "l'" and "d'" of the text."""
    out = list(toks)
    changed = -2
    for hit in _ANY_ELISION.finditer(text):
        s = hit.start()
        i = bisect.bisect_left(toks, s, key=itemgetter(0))
        if i >= len(toks) or toks[i][0] != s:
            continue
        e, w = toks[i][1], toks[i][2]
        if len(w) > 2 and w[2:3].isupper():
            prev = toks[i - 1] if i else None
            inside = (
                w[0] in "dD"
                and prev is not None
                and (changed == i - 1 or prev[2][:1].isupper())
                and text[prev[1] : s] == " "
            )
            if not inside:
                out[i] = (s + 2, e, w[2:])
                changed = i
    return out


@pytest.mark.parametrize(
    "text",
    ["l'Ituri et Côte d'Ivoire", "vers l'Œuvre, d’Édimbourg et l'İzmir", "L'ONU d'un l'armée"],
)
def test_elisions_before_any_capital(text):
    toks = _tokens(text)
    split, changed = frp.split_elisions_at(text, toks)
    assert split == _split_reference(text, toks)
    assert changed == [i for i, (a, b) in enumerate(zip(toks, split, strict=True)) if a != b]


def test_elisions_and_capitals_on_random_strings():
    rng = random.Random(23)
    for _ in range(3_000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 24)))
        toks = _tokens(text)
        split, changed = frp.split_elisions_at(text, toks)
        assert split == _split_reference(text, toks), repr(text)
        # the capitals of the split tokens: the old ones and the changed ones
        assert sorted({*_capitalised(toks), *changed}) == _capitalised(split), repr(text)


class _CountingOverlay(dict[str, tuple[Candidate, ...]]):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.asked: list[str] = []

    def get(self, key, default=None):  # type: ignore[override]
        self.asked.append(key)
        return super().get(key, default)


def test_lower_demonyms_worked_out_once_per_word():
    chad = Place("country:TCD", "Chad", "country", "TCD", 15.0, 19.0)
    overlay = _CountingOverlay({"tchadienne": (Candidate(chad, 1.0, "demonym"),)})
    dem = frp.LowerDemonyms(overlay, limit=4)
    words = ["la", "brigade", "tchadienne", "la", "tchadienne", "Tchadienne"]
    found = [dem[w] for w in words]
    assert found[2] == found[4] == ("tchadienne", overlay["tchadienne"])
    assert found[0] == found[1] == found[5] == ()
    assert overlay.asked == ["la", "brigade", "tchadienne"]  # a capital is never asked
    dem["armée"]  # the fifth word: the table starts again
    assert list(dem) == ["armée"]
    assert dem["tchadienne"][0] == "tchadienne"


TEXTS = [
    "Le contingent tchadien de la Minusma a quitté Kidal pour Gao, au Mali.",
    "Mali's army and the Malian police met in Bamako's centre.",
    "La République démocratique du Congo et le Nord-Kivu ; l'Ituri, la RDC.",
    "Les Casques bleus sénégalais sont arrivés à Bangui (Centrafrique) mardi.",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_warm_word_memos_give_what_a_fresh_geoparser_does(lang):
    gaz = Gazetteer()
    warm = Geoparser(gaz, lang=lang)
    for text in TEXTS * 2:  # the second round reads every word from the memos
        assert warm.parse(text) == Geoparser(gaz, lang=lang).parse(text), text
