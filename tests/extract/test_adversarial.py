"""Extraction time stays linear on hostile text (issue 14).

The generators build the shapes that once made extraction super-linear:
repeated capitalised tokens before a nation (nested repeats in a list
pattern), runs of sentence punctuation (a quadratic splitter), runs of
figures before one troop noun (a noun search from every number), all-caps
news, digits and mixed scripts.  Each input, up to 100 KB, must be read
within a budget proportional to its length.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deploymap.read import read_text

# seconds: a fixed start plus a cost per character, generous for a shared machine;
# a quadratic reader takes minutes at 100 KB
BASE, PER_CHAR = 1.0, 200e-6

UNITS = st.sampled_from(
    [
        "A ",
        "1 ",
        ".",
        "!?",
        "... ",
        "Kenya, ",
        "KENYA HAS SENT 400 TROOPS TO SOMALIA. ",
        "1,200 ",
        "9" * 50 + " ",
        "Ωμέγα Кенія 肯尼亚 ",
        "troops from ",
        "(1,000) ",
        "- Ghana – 870\n",
    ]
)


@st.composite
def hostile(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from(["", "Troops came. ", "KFOR has ", "UNMISS: "]))
    unit = draw(UNITS)
    size = draw(st.integers(min_value=1_000, max_value=100_000))
    tail = draw(st.sampled_from(["", "1 Kenya.", "troops.", " soldiers from Chad."]))
    return head + unit * max(1, size // len(unit)) + tail


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile())
def test_extraction_time_is_linear_in_length(text):
    read_text("Kenyan troops joined ATMIS.")  # the reader is built once, outside the budget
    t = time.perf_counter()
    read_text(text)
    took = time.perf_counter() - t
    assert took < BASE + PER_CHAR * len(text), f"{took:.1f} s for {len(text):,} chars"


def test_the_slow_shapes_of_issue_14_are_fast():
    """The four measured cases, each at a size that took a minute or more before."""
    cases = [
        "Troops came. " + "A " * 40 + "1 Kenya.",  # exponential in the word count before
        ("KENYA HAS SENT 400 TROOPS TO THE AU MISSION IN SOMALIA, JOINING UGANDA. " * 16),
        "." * 78_000,
        "KFOR has " + "1 " * 20_000 + "troops.",
    ]
    read_text("warm up")
    for text in cases:
        t = time.perf_counter()
        read_text(text)
        assert time.perf_counter() - t < BASE + PER_CHAR * len(text)


def test_a_long_line_of_abbreviations_splits_in_linear_time():
    """Each abbreviation used to copy the rest of its line to look at the next
    word: a megabyte of "U.S. " took a minute."""
    from deploymap.extract.sentences import sentence_spans

    text = "U.S. " * 200_000
    t = time.perf_counter()
    spans = sentence_spans(text)
    assert time.perf_counter() - t < 15
    assert len(spans) == 200_000 and text[spans[1][0] : spans[1][1]] == "U.S."
