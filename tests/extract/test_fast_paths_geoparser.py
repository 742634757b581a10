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
