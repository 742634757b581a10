"""A sentence's word and mark tokens are made only when its tokens are read.

:func:`structure.build_sentence` keeps a sentence as its words
(:attr:`Sentence.lows`), their starts and its nation, number and mission
tokens by index (:attr:`Sentence.special`); the stages read :meth:`Sentence.kind`,
:attr:`Sentence.starts` and :meth:`Sentence.end` instead of the tokens.  Each
must say what the tokens the sentences were built with before
(:mod:`tests.extract.structure_before`) say, without making them.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.extract import structure
from deploymap.read import Reader
from tests.extract import structure_before as before
from tests.extract.test_fast_paths_structure_build import _sentences, build_args


@settings(max_examples=1000, deadline=None)
@given(_sentences(), st.data(), st.sampled_from(["fr", "en"]))
def test_kinds_starts_and_ends_are_the_tokens(drawn, data, lang):
    args, kw = build_args(drawn, data, lang)
    want = before.build_sentence(*args, **kw).tokens
    sn = structure.build_sentence(*args, **kw)
    n = len(want)
    assert sn.n == n
    assert [sn.kind(k) for k in range(n)] == [t.kind for t in want]
    assert sn.starts == [t.start for t in want]
    assert [sn.end(k) for k in range(n)] == [t.end for t in want]
    specials = {k: (t.kind, t.start, t.end, t.low, t.iso3) for k, t in enumerate(want)}
    assert {k: specials[k] for k in sn.special} == {
        k: v for k, v in specials.items() if v[0] in ("nation", "num", "mission")
    }
    assert all(sn.special[k].kind == "nation" for k in sn.nation_at)
    if n:  # (a negative index reads from the end, as a list does)
        k = data.draw(st.integers(-n, -1))
        assert (sn.kind(k), sn.end(k)) == (want[k].kind, want[k].end)
    assert [(t.kind, t.start, t.end, t.low) for t in sn.tokens] == [
        (t.kind, t.start, t.end, t.low) for t in want
    ]


def test_a_sentence_read_makes_no_word_tokens(monkeypatch):
    made = []
    tokens = structure.Sentence.tokens

    def counted(sn: structure.Sentence) -> list[structure.Token]:
        if sn._tokens is None:
            made.append(sn.text[sn.s : sn.e])
        return tokens.fget(sn)  # type: ignore[no-any-return,attr-defined]

    monkeypatch.setattr(structure.Sentence, "tokens", property(counted))
    text = (
        "Ghana, Kenya and Nepal (870) have sent 1,200 soldiers to the UN mission in "
        "South Sudan. The Kenyan contingent, which numbers 300 troops, arrived on Monday. "
        "Le Sénégal a envoyé 450 militaires supplémentaires au Mali, dont 120 policiers."
    )
    got = Reader().read(text)
    assert got.deployments  # (the sentences were read: claims found)
    assert made == []


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=20),
    st.lists(st.text(min_size=1, max_size=4), max_size=6),
    st.lists(st.integers(0, 5), max_size=3),
)
def test_a_sentence_made_by_hand_is_the_one_its_constructor_makes(text, lows, nations):
    starts = list(range(len(lows)))
    nation_at = sorted({k for k in nations if k < len(lows)})
    special = {k: structure.Token("nation", k, k + 1, lows[k], "X") for k in nation_at}
    got = structure._sentence(text, 0, len(text), lows, starts, special, nation_at)
    want = structure.Sentence(
        text, 0, len(text), None, lows=lows, nation_at=nation_at, starts=starts, special=special
    )
    assert [getattr(got, f) for f in structure.Sentence.__slots__] == [
        getattr(want, f) for f in structure.Sentence.__slots__
    ]
    assert got == want
