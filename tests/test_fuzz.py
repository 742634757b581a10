"""Property tests: the text stages never raise and always point inside the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deploymap.extract.dates import find_dates
from deploymap.extract.figures import find_numbers
from deploymap.extract.sentences import sentence_spans
from deploymap.read import read_text

# Arbitrary Unicode, plus text built from words that exercise the rules.
WORDS = st.sampled_from(
    [
        "Turkey",
        "Turkish",
        "troops",
        "KFOR",
        "UNIFIL",
        "Kosovo",
        "the",
        "mission",
        "of",
        "about",
        "3,500",
        "600-strong",
        "from",
        "Italy",
        "on",
        "Oct.",
        "10",
        ",",
        ".",
        "(",
        ")",
        "U.S.",
        "Serbs",
        "Zvečan",
        "Mr.",
        "Chad",
        "each",
        "with",
        "some",
        "peak",
        "\n\n",
        "’s",
        "Banjska",
        "command",
        "will",
        "assume",
        "DRC",
        "Congolese",
        "forces",
    ]
)
NEWSISH = st.lists(WORDS, max_size=60).map(" ".join)
TEXTS = st.one_of(st.text(max_size=400), NEWSISH)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_read_text_never_raises_and_spans_are_inside(text):
    story = read_text(text)
    n = len(text)
    for t in story.places:
        assert 0 <= t.start < t.end <= n
        assert text[t.start : t.end] == t.text
    for d in story.deployments:
        assert len(d.contributor) == 3
        for ev in d.evidence:
            assert 0 <= ev.start <= ev.end <= n and text[ev.start : ev.end] == ev.text
    for m in story.missions:
        assert 0 <= m.start <= m.end <= n
        for ev in m.evidence:
            assert text[ev.start : ev.end] == ev.text
    for e in story.events:
        for ev in e.evidence:
            assert text[ev.start : ev.end] == ev.text


@SETTINGS
@given(TEXTS)
def test_sentences_numbers_dates_stay_in_bounds(text):
    last = 0
    for s, e in sentence_spans(text):
        assert last <= s < e <= len(text)
        last = e
    for num in find_numbers(text):
        assert 0 <= num.start < num.end <= len(text) and num.value >= 0
    for d in find_dates(text, default_year=2023):
        assert 0 <= d.start < d.end <= len(text)
