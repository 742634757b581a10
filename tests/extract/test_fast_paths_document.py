"""The document-level fast paths of speed round 3 give what the loops and
patterns they stand in for give: the language vote summed from looked-up
weights, the word index's cut at the apostrophe and its capitals read from
runs already found, the uncatalogued-name gate, and the names that share
their first word's pattern.
"""

from __future__ import annotations

import re

from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from deploymap.extract import language
from deploymap.extract import mission_patterns as patterns
from deploymap.extract._word_index import Keys, WordIndex
from deploymap.extract.missions import _name_pattern, _shared_heads
from deploymap.gazetteer.missions import MissionCatalogue
from deploymap.read import Reader
from tests.extract.pieces import texts_of

_PIECES = [
    "The", "the", "UN", "un", "Un", "AU", "au", "A", "a", "EU", "force", "Force", "FORCE",
    "Mission", "mission", "Forces", "Operation", "Office", "Observer Group", "in", "for",
    "to", "of", "and", "South", "Sudan", "Mali", "(MINUSMA)", "(EAC)", "(Xy)", "(", ")",
    "l’ONU", "d’un", "l'armée", "«force»", "été", "opération", "x–y", "_", "2deux", "g5",
    "’", "'", " ", "\n", "\xa0", ",", ".", "K",
]  # fmt: skip
texts = texts_of(_PIECES, max_size=16)


def test_every_weighted_stop_word_is_letters_alone():
    # a chunk is looked up once only because no stop word has a break in it
    assert all(w.isalpha() for w in language._WEIGHTS)


def _runs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group().lower()) for m in re.finditer(r"\w+", text)]


_KEYS = Keys({"un", "au", "a", "eu", "force", "onu", "armée", "été", "opération", "y", "g5"})


@settings(max_examples=400, deadline=None)
@given(texts)
def test_the_index_with_the_apostrophe_cut_and_capitals_from_found_runs(text):
    index = WordIndex.of(text, _KEYS)
    if index is None:
        return
    assert index.present(_KEYS) == {w for _, w in _runs(text) if w in _KEYS}
    index.keyed(_KEYS)  # the runs found first: the capitals are read from them
    upper = [(p, w) for p, w in _runs(text) if w in _KEYS and text[p : p + len(w)] == w.upper()]
    assert index.keyed_upper(_KEYS) == upper


def _uncatalogued_plain(text: str, paren: re.Match[str]) -> re.Match[str] | None:
    start = max(0, paren.start() - patterns._NAME_WINDOW)
    return patterns.UNCATALOGUED.search(text, start, paren.end())


@settings(max_examples=400, deadline=None)
@given(texts)
@example("the European Union Monitoring Mission in South Sudan (EAC)")
@example("Observers of the Force (EAC) of the Mission (Xy)")
@example("The UN Office in Mali (EAC)")
def test_the_uncatalogued_gate_drops_no_match_that_ends_at_its_parenthesis(text):
    for paren in patterns._ACRONYM_IN_PARENS.finditer(text):
        plain = _uncatalogued_plain(text, paren)
        want = plain.span() if plain and plain.end() == paren.end() else None
        got = patterns._uncatalogued(text, paren)
        assert (got.span() if got and got.end() == paren.end() else None) == want


_NAME_WORDS = ["Force", "FORCE", "force", "Mission", "of", "the", "in", "Sudan", "South", "x",
               "Stabilisation", "-x", "UN-AU", "Interim", "a"]  # fmt: skip
names = st.lists(
    st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=4).map(" ".join),
    min_size=1,
    max_size=8,
    unique=True,
)
_TEXT_WORDS = [*_NAME_WORDS, "Stabilization", "Stabilizationx", "-", " ", "  ", "x", "The"]


@settings(max_examples=400, deadline=None)
@given(names, texts_of(_TEXT_WORDS, max_size=12))
@example(["Force of the Sudan", "Force of Sudan", "Force"], "force of  Sudan")
@example(["Force -x of", "Force x"], "Force -x of")  # a hyphen the separator must leave
def test_names_sharing_their_first_word_match_as_the_plain_alternation(listed, text):
    ordered = sorted(listed, key=len, reverse=True)
    pairs = [(_name_pattern(n.split()[0]), _name_pattern(n)) for n in ordered]
    template = r"(?<![\w-])(?:{})(?![\w-])"
    shared = re.compile(template.format(_shared_heads(pairs)), re.IGNORECASE)
    plain = re.compile(template.format("|".join(full for _, full in pairs)), re.IGNORECASE)
    assert [m.span() for m in shared.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(texts, st.sets(st.sampled_from(sorted(_KEYS))), st.booleans())
def test_the_index_lists_its_runs_as_sorting_every_pair_lists_them(text, keys, upper_first):
    index = WordIndex.of(text, _KEYS)
    if index is None:
        return
    if upper_first:
        index.keyed_upper(keys)  # (capitals looked for before the runs are found)
    plain = sorted((p, w) for w in index.present(keys) for p in index._starts_of(w))
    assert index.keyed(keys) == plain == [(p, w) for p, w in _runs(text) if w in keys]
    assert index.starts(keys) == [p for p, _ in plain]


_READER: list[Reader] = []


def _reader() -> Reader:
    if not _READER:
        _READER.append(Reader())
    return _READER[0]


def _national_operations_plain(reader: Reader, hosts: tuple[str, ...], when: str) -> set[str]:
    """The nations whose own operation runs in one of *hosts* on *when*, read
    from the catalogue at each call (as the reader did before it kept them)."""
    ops = set()
    for host in hosts:
        for m in reader.finder.hosted(host):
            nation = reader._national(m)
            if nation and (m.start or "0") <= when and (not m.end or when <= m.end):
                ops.add(nation)
    return ops


_HOSTS = sorted({h for m in MissionCatalogue() for h in m.hosts})
# (the hosts of nations' own operations drawn as often as all the others)
_OPERATION_HOSTS = sorted(
    {h for m in MissionCatalogue() if m.organisation and m.organisation != "UN" for h in m.hosts}
)
_HOST = st.sampled_from(_OPERATION_HOSTS) | st.sampled_from(_HOSTS)
_WHEN = st.builds(
    "{:04d}-{:02d}-{:02d}".format,
    st.integers(1990, 2030),
    st.integers(1, 12),
    st.integers(1, 28),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HOST, max_size=4).map(tuple), _WHEN)
def test_the_kept_national_operations_are_the_catalogue_read_again(hosts, when):
    reader = _reader()
    kept = {
        nation
        for nation, start, end in reader._national_operations(hosts)
        if start <= when and (not end or when <= end)
    }
    plain = _national_operations_plain(reader, hosts, when)
    assert kept == plain
    event("some operation" if plain else "none")
