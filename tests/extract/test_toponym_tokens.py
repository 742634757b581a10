"""The geoparser's fast tokeniser finds exactly the tokens of its reference pattern."""

import random

import pytest

from deploymap.extract.toponyms import _TOKEN, _capitalised, _tokens

SENTENCES = [
    "",
    "   ",
    "U.S. and U.K. troops left Côte d’Ivoire's north on 3 May.",
    "KIGALI/JUBA - The A.U. said l'Ituri was calm; N.Y.C. wasn't.",
    "St. Louis, Mo., and Ft. Worth's mayor met in São Paulo.",
    "snake_case_words, x__y and 12_000 are split at underscores",
    "Ελλάδα, Україна, 日本 and 𝐁𝐨𝐥𝐝 letters outside the BMP",
    "A.B.C.D. A.B. A. .A.B ''' ’’ d'' 'd l’Est",
    # no dotted initialism: the word pattern alone (ASCII and not)
    "Troops left Mali's north; x_y, 12_000 and d'Abidjan's port. A. B.",
    "Le Sénégal’s l’Ituri d’Abidjan and Côte d’Ivoire, 1er mai.",
]
# characters that stress the pattern: letters, digits, marks, apostrophes, dots, gaps
ALPHABET = "aZé9_'’.- \nÅß𝐀́ʼ"


def _reference(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


@pytest.mark.parametrize("text", SENTENCES)
def test_tokens_are_the_reference_patterns(text):
    assert _tokens(text) == _reference(text)


def test_tokens_on_random_strings():
    rng = random.Random(17)
    for _ in range(2_000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))
        assert _tokens(text) == _reference(text), repr(text)


def test_tokens_on_random_ascii_strings():
    # ASCII texts with and without dotted initialisms take different patterns
    rng = random.Random(18)
    for _ in range(2_000):
        text = "".join(rng.choice("aZ9_'.- \n") for _ in range(rng.randint(0, 30)))
        assert _tokens(text) == _reference(text), repr(text)


@pytest.mark.parametrize("text", SENTENCES)
def test_capitalised_picks_the_tokens_opening_with_a_capital(text):
    toks = _tokens(text)
    assert _capitalised(toks) == [i for i, t in enumerate(toks) if t[2][0].isupper()]


def test_tokens_and_capitalised_together_are_each_alone():
    from deploymap.extract.toponym_tokens import _tokens_and_capitalised

    rng = random.Random(19)
    texts = SENTENCES + [
        "".join(rng.choice(ALPHABET + "AZ") for _ in range(rng.randint(0, 30)))
        for _ in range(2_000)
    ]
    for text in texts:
        toks, caps = _tokens_and_capitalised(text)
        assert toks == _reference(text), repr(text)
        assert caps == [i for i, t in enumerate(toks) if t[2][0].isupper()], repr(text)


def test_initialism_found_from_its_dots():
    from deploymap.extract.toponym_tokens import _INITIALISM, _has_initialism

    rng = random.Random(29)
    for _ in range(5_000):
        text = "".join(rng.choice("AZaé.. 9") for _ in range(rng.randint(0, 16)))
        assert _has_initialism(text) == bool(_INITIALISM.search(text)), repr(text)
