"""Sentences are built now as they were built before the fifth speed round.

:mod:`tests.extract.structure_before` is ``structure.py`` as it stood then
(tokens read piece by piece, the figures and groups read token by token); each
sentence drawn here, of the words its readings look for (troop and unit nouns,
qualifiers, cues of changes, targets, ceilings and peaks, casualties, list
separators), nations in their forms, armed forces, mission names, numbers and
the pieces the tokeniser reads by hand (elisions, marks, hyphens, odd spaces
and letters), is built by both, in both languages, and every token, figure and
group must be the same.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.extract import lexicon as lx
from deploymap.extract import structure, word_tokens
from deploymap.model import Toponym
from tests.extract import structure_before as before
from tests.extract.pieces import bounds

_LEXICON = sorted(
    {
        *lx.PERSONNEL_NOUNS,
        *lx.UNIT_NOUNS,
        *lx.UNIT_MODIFIERS,
        *lx.NOT_PERSONNEL,
        *lx.APPROX_WORDS,
        *lx.UNIT_OF,
        *lx.TO,
        *lx.FROM,
        *lx.BY,
        *lx.OF,
        *lx.INCREASE_CUES,
        *lx.DECREASE_CUES,
        *lx.CHANGE_VERBS,
        *lx.TO_TARGET_VERBS,
        *lx.COUNTED_NOUNS,
        *lx.AUTHORISED_CUES,
        *lx.CASUALTY_CUES,
        *lx.CLAUSE_BREAKS,
        *lx.LIST_FILLERS,
        *(w for p in lx.PEAK_PHRASES + lx.OUT_OF_PHRASES + lx.WITHDRAW_PHRASES for w in p),
        *(w for p in lx.LIST_SEPARATORS for w in p),
    }
    - {""}
)
_COMMON = [
    "maximum",
    "up",
    "at",
    "stands",
    "put",
    "more",
    "extra",
    "additional",
    "military",
    "personnel",
    "members",
    "a",
    "un",
    "total",
    "strong",
    "respectively",
    "were",
    "are",
    "and",
    "et",
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "-",
    "approx.",
    "Côte",
    "Ivoire",
]
_NUMBERS = ["850", "1,200", "1 200", "40", "3", "two", "deux", "trois", "cent", "2013", "$500"]
# the pieces the tokeniser reads by hand, and some it leaves to the pattern
_ODD = [
    "l'",
    "L’",
    "d’un",
    "D'UNE",
    "qu’il",
    "jusqu'à",
    "aujourd’hui",
    "l’état-major,",
    "(porte-parole),",
    "a-t-il",
    "«est»",
    "(leur)",
    '"total",',
    "’’assez",
    "x'y",
    "'",
    "’",
    "),",
    "…",
    "¡",
    "(l’",
    "mali’",
    "1er",
    "²",
    "½",
    "x_y",
    "_",
    "nord-",
    "-est",
    "Été",
    "İ",
    "Σ",
    "ſ",
    "\n",
    "\u00a0",
    "",
]
# (text, iso3, kind, demonym) as the geoparser gives them
_NATIONS = [
    ("Chad", "TCD", "country", False),
    ("Nepal's", "NPL", "country", False),
    ("Nepal’s", "NPL", "country", False),
    ("NEPAL'S", "NPL", "country", False),
    ("Rwandan", "RWA", "country", True),
    ("Rwandans", "RWA", "country", True),
    ("tchadiens", "TCD", "country", True),
    ("Bamako", "MLI", "capital", False),
    ("Mali", "MLI", "country", False),
    ("Ghana", "GHA", "country", False),
]
_FORCE = ("Bundeswehr", "DEU")
_MISSION = ["Mission in Mali", "(MINUSMA)", "MINUSMA"]

# the constructions the figures' and groups' readings know, whole
_CHUNKS = [
    "down from",
    "peak of",
    "as many as",
    "at its peak",
    "a maximum of",
    "its authorised strength of",
    "up to",
    "from 195 to",
    "taking its contingent to",
    "bring the total to",
    "to a total of",
    "stands at",
    "a further",
    "more troops",
    "soldats supplémentaires",
    "boosted by",
    "reduced by",
    "cut by",
    "withdraw",
    "pulled out",
    "out of",
    "out of a total of",
    "a battalion of",
    "a contingent of about",
    "numbering",
    "military personnel",
    "police officers",
    "were killed",
    "(850)",
    "(approx. 300)",
    "(1,200 soldiers)",
    ", and",
    "as well as",
    "and the",
    "et le",
    "or",
    "a battalion of 700",
    "a contingent of about 250",
    "from 195 to 215 troops",
    "taking the total to 440 from 400",
    "300 of them, out of a total of 1,500",
    "a high of some about",
    "as many as some about",
    "to a total of a total of",
    "up to a maximum of",
    "the troop ceiling was set at",
    "ceiling of the mission was raised to about",
    "le plafond est fixé à",
    "ceiling of 300 was set at",
]

_PIECE = st.one_of(
    st.sampled_from(_CHUNKS),
    st.sampled_from(_NATIONS),
    st.sampled_from(_NUMBERS),
    st.sampled_from(_LEXICON),
    st.sampled_from(_COMMON),
    st.sampled_from(_NUMBERS),
    st.sampled_from(_ODD),
    st.sampled_from(_NATIONS),
    st.just(_FORCE),
    st.sampled_from(_MISSION).map(lambda m: ("mission", m)),
    st.just(("group",)),
)


@st.composite
def _sentences(draw: st.DrawFn) -> tuple[str, list[Toponym], list[tuple[int, int, str]], list]:
    """A sentence of drawn pieces, with its nations, forces and mission spans."""
    text, tops, forces, missions = "", [], [], []
    pieces: list[object] = []
    for p in draw(st.lists(_PIECE, max_size=24)):
        if p != ("group",):
            pieces.append(p)
            continue
        # nations in a list: "Chad, Mali and Ghana (850)"
        nations = draw(st.lists(st.sampled_from(_NATIONS), min_size=2, max_size=4))
        for k, nation in enumerate(nations):
            if k:
                pieces.append(draw(st.sampled_from([",", "and", "et", "or", "as well as", ", le"])))
            pieces.append(nation)
            if draw(st.booleans()):
                pieces.append(draw(st.sampled_from(["(850)", "(approx. 300)", "(1,200 soldiers)"])))
    for p in pieces:
        if text:
            text += draw(st.sampled_from([" ", " ", " ", "", "  "]))
        k = len(text)
        if isinstance(p, tuple) and len(p) == 4:
            name, iso3, kind, demonym = p
            tops.append(Toponym(k, k + len(name), name, name, kind, iso3, 0, 0, "x", 1.0, demonym))
            text += name
        elif isinstance(p, tuple) and p[0] == "mission":
            missions.append((k, k + len(p[1])))
            text += p[1]
        elif isinstance(p, tuple):
            forces.append((k, k + len(p[0]), p[1]))
            text += p[0]
        else:
            text += p
    return text + draw(st.sampled_from([".", "", " ."])), tops, forces, missions


def _shape(sn: object) -> tuple[object, ...]:
    """Everything a sentence holds, as plain values."""
    tokens = [
        tuple(getattr(t, f) for f in before.Token.__slots__)  # type: ignore[attr-defined]
        for t in sn.tokens  # type: ignore[attr-defined]
    ]
    figures = [dataclasses.astuple(f) for f in sn.figures]  # type: ignore[attr-defined]
    groups = [dataclasses.astuple(g) for g in sn.groups]  # type: ignore[attr-defined]
    return (
        tokens,
        figures,
        groups,
        sn.fig_at,  # type: ignore[attr-defined]
        sn.n,  # type: ignore[attr-defined]
        sn.lows,  # type: ignore[attr-defined]
        sn.nation_at,  # type: ignore[attr-defined]
    )


def build_args(drawn, data, lang):
    """``build_sentence``'s arguments for a drawn text (:func:`_sentences`): the
    whole text or a slice of it, with the nations and forces inside the slice."""
    text, tops, forces, missions = drawn
    s, e = bounds(text, data) if data.draw(st.booleans()) else (0, len(text))
    tops = [t for t in tops if s <= t.start and t.end <= e]
    forces = [f for f in forces if s <= f[0] and f[1] <= e]
    return (text, s, e, tops, [], forces), {"lang": lang, "missions": missions}


@settings(max_examples=1500, deadline=None)
@given(_sentences(), st.data(), st.sampled_from(["fr", "en"]))
def test_a_sentence_is_built_as_before(drawn, data, lang):
    args, kw = build_args(drawn, data, lang)
    want = before.build_sentence(*args, **kw)
    got = structure.build_sentence(*args, **kw)
    assert _shape(got) == _shape(want)


def test_the_marks_read_alone_are_marks():
    # (a mark that ends a piece is no apostrophe: "(l’" is an elision)
    for c in word_tokens._MARKS:
        assert not (c.isalnum() or c == "_" or c.isspace()), c
    assert not word_tokens._MARKS_AFTER & {"'", "’"}


_EDGES = [
    # six qualifying words between "to" and the figure: the farthest a target looks
    "The contingent was brought to a total of a total of 500 troops.",
    "The contingent was brought to a a total of a total of 500 troops.",
    # a peak phrase five words before the figure
    "It once had a high of some about 9,000 soldiers, down from 12,000.",
    "Chad, Mali and Ghana (1,200 soldiers) sent a battalion of 700 men.",
    "Les effectifs passent de 4 500 militaires à 5 100, dont 300 policiers tués.",
    # a ceiling word ten tokens back, the figure set at it; one too far; a number between
    "The troop ceiling of the mission in Mali was then set at about 13,289 soldiers.",
    "The troop ceiling of the mission in Mali was then set by law at about 13,289 men.",
    "The ceiling of 300 for Chad was set at 850 soldiers.",
    "Le plafond des effectifs de la mission est fixé à 13 289 militaires.",
]


def test_edge_constructions_are_read_as_before():
    for text in _EDGES:
        tops = [
            Toponym(k, k + len(name), name, name, "country", iso3, 0, 0, "x", 1.0, False)
            for name, iso3 in (("Chad", "TCD"), ("Mali", "MLI"), ("Ghana", "GHA"))
            if (k := text.find(name)) >= 0
        ]
        for lang in ("en", "fr"):
            want = before.build_sentence(text, 0, len(text), tops, [], lang=lang)
            got = structure.build_sentence(text, 0, len(text), tops, [], lang=lang)
            assert _shape(got) == _shape(want), text
    sn = structure.build_sentence(_EDGES[0], 0, len(_EDGES[0]), [], [])
    assert [f.role for f in sn.figures] == ["target"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["word", "punct"]), st.integers(0, 10**6), st.integers(0, 9), st.text())
def test_a_plain_token_reads_as_a_token_with_its_defaults(kind, start, length, low):
    plain = word_tokens._Plain(kind, start, start + length, low)
    token = structure.Token(kind, start, start + length, low)
    assert isinstance(plain, structure.Token)
    fields = [f.name for f in dataclasses.fields(structure.Token)]
    assert [getattr(plain, f) for f in fields] == [getattr(token, f) for f in fields]
    assert repr(plain).partition("(")[2] == repr(token).partition("(")[2]
