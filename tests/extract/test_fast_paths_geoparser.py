"""The shortcuts of the geoparser give what the code they stand in for gives.

``toponyms._toponyms`` makes a parse's :class:`~deploymap.model.Toponym`\\ s a
field at a time, past the frozen dataclass's ``__init__``: the objects must be
the ones ``Toponym(*row)`` makes, field for field, whatever the rows hold.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from deploymap.extract.toponyms import Geoparser, _toponyms
from deploymap.model import Toponym

_ROWS = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.integers(0, 10_000),
        st.text(max_size=12),
        st.text(max_size=12),
        st.sampled_from(["country", "admin1", "city", "capital", "region"]),
        st.text("ABCDXZ", min_size=3, max_size=3),
        st.floats(-90, 90),
        st.floats(-180, 180),
        st.text(max_size=20),
        st.floats(0, 1),
        st.booleans(),
        st.none() | st.integers(1, 10**8),
    ),
    max_size=8,
)


@given(_ROWS)
def test_toponyms_are_those_of_their_init(rows):
    made = _toponyms(rows)
    expected = [Toponym(*row) for row in rows]
    assert made == expected
    for got, want in zip(made, expected, strict=True):
        assert type(got) is Toponym
        assert dataclasses.astuple(got) == dataclasses.astuple(want)
        assert hash(got) == hash(want)
        assert repr(got) == repr(want)


def test_toponyms_of_a_parse_are_still_frozen():
    (t,) = Geoparser().parse("Rain fell on Nairobi.")
    try:
        t.start = 0  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a Toponym of parse took a new field value")
    assert t == Toponym(*dataclasses.astuple(t))


# -- the tokeniser -------------------------------------------------------------------------

# Text made of what decides a token's bounds: letters (capital, accented, not
# Latin), digits, the apostrophes, dots of initialisms, "_", spaces (one or
# more), line breaks and marks (those the tokeniser writes as spaces first too).
_TOKEN_TEXT = st.lists(
    st.sampled_from([*"aZéÉßяЖ7²_'’.-,;:()  \n\t«»\"“", "U.", "N.", "d’", "l'", "A"]),
    max_size=40,
).map("".join)


def _tokens_by_finditer(text: str) -> list[tuple[int, int, str]]:
    """The reference: every match of the token pattern, as the scan reads them."""
    from deploymap.extract.toponym_tokens import _TOKEN

    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


@given(_TOKEN_TEXT)
def test_tokens_of_the_pieces_between_spaces_are_the_patterns(text):
    from deploymap.extract.toponym_tokens import _tokens_words_capitalised

    toks, words, caps = _tokens_words_capitalised(text)
    want = _tokens_by_finditer(text)
    assert toks == want
    assert words == [w for _, _, w in want]
    assert caps == [k for k, (_, _, w) in enumerate(want) if w[0].isupper()]


# Pieces dense in apostrophes ("l’armée", "'a", "a''b", "a'"): the words with
# apostrophes that the tokeniser takes whole, and their near misses.
_APOSTROPHE_MARK = st.sampled_from(["", "'", "’", "''", "'’", ",", "."])
_APOSTROPHE_PIECE = st.builds(
    lambda head, words, tail: head + "".join(a + w for a, w in words)[1:] + tail,
    _APOSTROPHE_MARK,
    st.lists(st.tuples(_APOSTROPHE_MARK, st.sampled_from(["a", "Éb", "7", "l", "D"])), min_size=1),
    _APOSTROPHE_MARK,
)
_APOSTROPHE_TEXT = st.lists(_APOSTROPHE_PIECE, max_size=4).map(" ".join)


@given(_APOSTROPHE_TEXT)
def test_tokens_with_apostrophes_are_the_patterns(text):
    from deploymap.extract.toponym_tokens import _tokens_words_capitalised

    assert _tokens_words_capitalised(text)[0] == _tokens_by_finditer(text)


@given(_TOKEN_TEXT)
def test_tokens_of_ascii_text_are_the_patterns(text):
    from deploymap.extract.toponym_tokens import _tokens_words_capitalised

    text = text.encode("ascii", "replace").decode("ascii")
    assert _tokens_words_capitalised(text)[0] == _tokens_by_finditer(text)


# -- streets looked for only where a capitalised token is a street word ---------------------

_GP = Geoparser()
_STREET_WORDS = [
    "Street",
    "street",
    "STREET",
    "Street’s",
    "MainStreet",
    "Rd",
    "Rd.",
    "Road",
    "Highway",
    "12",
    "Airport",
    "International",
    "Mill",
    "Creek",
    "Drive",
    "Goma",
    "Paris",
    "Texas",
    "Kenya",
    "the",
    "in",
    "at",
    ",",
    ".",
    "-",
    "Dr",
    "James",
]
_STREET_TEXT = st.lists(st.sampled_from([*_STREET_WORDS, "\n"]), max_size=14).map(" ".join)


@given(_STREET_TEXT)
def test_streets_are_those_of_the_whole_scan(text):
    import copy
    from unittest import mock

    from deploymap.extract import toponym_context as rules

    real = rules.place_streets

    def both(*args):
        # (parse passes the capitalised tokens last; a copy of the matches, as
        # the scan changes them, goes to the call that scans every text)
        *head, capitalised = args
        text, toks, matches, *rest = head
        whole = real(text, toks, copy.deepcopy(matches), *rest)
        got = real(*head, capitalised)
        assert repr(got) == repr(whole)
        return got

    with mock.patch.object(rules, "place_streets", both):
        _GP.parse(text)
