"""The geoparser's name index: asked of the gazetteer at first, held in memory once that pays.

The scan of :mod:`deploymap.extract.toponym_scan` asks two questions of each
capitalised token run: is it a name key (``key in idx.names``), and does a
longer name go on from it (``key in idx.prefixes``).  Held in memory, the
answers are two frozensets, of the gazetteer's 336,000 scan keys and of their
75,000 word prefixes, which take about half a second to read and build: fifty
times what one article takes to geoparse, and most of the cold start of
``deploymap extract``.

So a new :class:`~deploymap.extract.toponyms.Geoparser` starts with
:class:`KeyProbe` sets instead: each answers ``in`` with one indexed probe of
the gazetteer's ``names`` table (:meth:`Gazetteer.has_key
<deploymap.gazetteer.Gazetteer.has_key>`,
:meth:`~deploymap.gazetteer.Gazetteer.has_key_prefix`) and remembers the
answer.  An article asks about a hundred distinct keys: a cold ``deploymap
extract`` of one went from about 1.0 s to 0.35 s.  The probe sets of one
geoparser share a :class:`ProbeBudget`: after :data:`PROBES_BEFORE_BUILD`
probes, about as long as building the sets takes (the ski-rental rule: never
more than twice the cheaper choice), the geoparser builds the frozensets, and
from then on every probe set answers from them.  A corpus run, which knows it
will read much, builds them at once (:meth:`Geoparser.build_index
<deploymap.extract.toponyms.Geoparser.build_index>`).  Warm, a remembered
answer costs what a set lookup does, so per-document speed is the same.

Both ways give the same answers: ``key in names`` is true exactly when the
gazetteer holds the key in a scan form (or an overlay adds it), and
``key in prefixes`` exactly when such a key starts with ``key + " "`` (the
frozenset holds every word prefix of every key); ``tests/extract/test_toponym_index.py``
checks this, and the same geoparse output both ways on real news.

Examples
--------
>>> from deploymap.gazetteer import Gazetteer
>>> gaz = Gazetteer()
>>> budget = ProbeBudget(2, lambda: None)
>>> names = KeyProbe(lambda k: gaz.has_key(k), frozenset(), budget)
>>> "prizren" in names, "prizren" in names, "przrn" in names, budget.left
(True, True, False, 0)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deploymap.gazetteer import Gazetteer
    from deploymap.model import Place

__all__ = [
    "PROBES_BEFORE_BUILD",
    "KeyProbe",
    "LooseIndex",
    "ProbeBudget",
    "ValueProbe",
    "loose_keys",
    "word_prefixes",
]

#: Gazetteer probes a geoparser makes before it builds the in-memory index.
#: Over news a probe costs about 10 µs more than a set lookup (its query, the
#: memo), the build about 0.5 s, so this many probes cost about what the build
#: does.  One article makes about 100; GeoVirus and TR-News (347 documents)
#: together 12,000.  Warm, a remembered answer costs what a set lookup does.
PROBES_BEFORE_BUILD = 50_000


class ProbeBudget:
    """How many more probes the :class:`KeyProbe` sets of one geoparser may make;
    at zero, *build* is called once (it builds the in-memory index and hands it
    to the probe sets with :meth:`KeyProbe.settle`)."""

    __slots__ = ("build", "left")

    def __init__(self, left: int, build: Callable[[], object]):
        self.left = left
        self.build = build

    def spend(self) -> None:
        self.left -= 1
        if self.left == 0:
            self.build()


class KeyProbe:
    """A set of name keys that only answers ``in``: by *ask* (a gazetteer probe),
    or *extra* (keys an overlay adds), remembered; by a frozenset once settled.

    Parameters
    ----------
    ask : callable
        ``ask(key)``: whether the gazetteer holds *key* (one indexed query).
    extra : frozenset of str
        Keys held besides the gazetteer's (the French and regional overlays).
    budget : ProbeBudget
        Shared by the probe sets of one geoparser; each query spends one.
    """

    __slots__ = ("_ask", "_budget", "_extra", "_full", "_memo")

    def __init__(self, ask: Callable[[str], bool], extra: frozenset[str], budget: ProbeBudget):
        self._ask = ask
        self._extra = extra
        self._budget = budget
        self._memo: dict[str, bool] = {}
        self._full: frozenset[str] | None = None

    def __contains__(self, key: object) -> bool:
        got = self._memo.get(key)  # type: ignore[call-overload]
        if got is None:
            full = self._full
            if full is not None:
                return key in full
            if not isinstance(key, str):
                return False
            got = self._memo[key] = key in self._extra or self._ask(key)
            self._budget.spend()
        return got

    def settle(self, full: frozenset[str]) -> None:
        """Answer from *full* from now on (the in-memory set, once built)."""
        self._full = full
        self._memo = {}

    @property
    def settled(self) -> bool:
        """Whether the in-memory set answers (see :meth:`settle`)."""
        return self._full is not None


class ValueProbe:
    """A table that only answers ``get``: by *ask* (a gazetteer probe, None for
    no value), remembered; by a dict once settled.  The probes spend *budget*
    as a :class:`KeyProbe` does."""

    __slots__ = ("_ask", "_budget", "_full", "_memo")

    def __init__(self, ask: Callable[[str], float | None], budget: ProbeBudget):
        self._ask = ask
        self._budget = budget
        self._memo: dict[str, float | None] = {}
        self._full: dict[str, float] | None = None

    def get(self, key: str, default: float | None = None) -> float | None:
        memo = self._memo
        if key in memo:
            got = memo[key]
        elif self._full is not None:
            return self._full.get(key, default)
        else:
            got = memo[key] = self._ask(key)
            self._budget.spend()
        return default if got is None else got

    def settle(self, full: dict[str, float]) -> None:
        """Answer from *full* from now on (the in-memory table, once read)."""
        self._full = full
        self._memo = {}


def word_prefixes(keys: Iterable[str]) -> set[str]:
    """Every word prefix of every key: ``"north"`` of "north kivu".

    >>> sorted(word_prefixes(["north kivu", "bas uele province"]))
    ['bas', 'bas uele', 'north']
    """
    prefixes: set[str] = set()
    for key in keys:
        # word prefixes, longest first: once one is known, so are the shorter
        i = key.rfind(" ")
        while i > 0 and key[:i] not in prefixes:
            prefixes.add(key[:i])
            i = key.rfind(" ", 0, i)
    return prefixes


# loose_key over many keys at once (see loose_keys): a vowel after the first
# letter of a word goes, then a run of one letter is one letter
_INNER_VOWEL = re.compile(r"(?<=\S)[aeiouy]")
_RUN = re.compile(r"(.)\1+")
# what loose_keys cannot take in one pass: whitespace other than one space between
# the words of a key (the keys are joined by line breaks)
_ODD_SPACING = re.compile(r"[^\S \n]|  |^ | $", re.MULTILINE)


def loose_keys(keys: list[str], loose_key: Callable[[str], str]) -> list[str]:
    """``[loose_key(k) for k in keys]`` in two regular-expression passes over all
    keys joined (a third of the time); keys with odd spacing (or a line break)
    go through *loose_key* one by one.

    >>> from deploymap.extract.toponym_spelling import loose_key
    >>> loose_keys(["hiiraan", "middle shebelle"], loose_key)
    ['hrn', 'mdl shbl']
    >>> loose_keys(["hiiraan", " odd  one"], loose_key)
    ['hrn', 'od on']
    """
    joined = "\n".join(keys)
    if joined.count("\n") != len(keys) - 1 or _ODD_SPACING.search(joined):
        return [loose_key(k) for k in keys]
    return _RUN.sub(r"\1", _INNER_VOWEL.sub("", joined)).split("\n") if keys else []


class LooseIndex(Mapping[str, list[tuple[str, "Place"]]]):
    """Consonant skeleton -> ``[(name key, place)]`` of the gazetteer's area names
    (:meth:`Gazetteer.area_names <deploymap.gazetteer.Gazetteer.area_names>`, in
    its order), for the skeletons of at least *min_consonants* letters.  The
    skeletons are made at once; a skeleton's places are read when it is first
    asked for (a document asks for a few dozen of 7,000).

    >>> from deploymap.gazetteer import Gazetteer
    >>> from deploymap.extract.toponym_spelling import loose_key
    >>> loose = LooseIndex(Gazetteer(), loose_key, 3)
    >>> [(k, p.iso3) for k, p in loose[loose_key("hiraan")]][:3]
    [('haryana', 'IND'), ('hauran', 'SYR'), ('hiiraan', 'SOM')]
    """

    def __init__(self, gaz: Gazetteer, loose_key: Callable[[str], str], min_consonants: int):
        rows = gaz.area_name_keys()
        distinct = list(dict.fromkeys(k for k, _ in rows))
        skeleton = dict(zip(distinct, loose_keys(distinct, loose_key), strict=True))
        pks: dict[str, list[tuple[str, int]]] = {}
        for key, pk in rows:
            lk = skeleton[key]
            if len(lk) - lk.count(" ") >= min_consonants:
                pks.setdefault(lk, []).append((key, pk))
        self._gaz = gaz
        self._pks = pks
        self._places: dict[str, list[tuple[str, Place]]] = {}

    def __getitem__(self, lk: str) -> list[tuple[str, Place]]:
        got = self._places.get(lk)
        if got is None:
            place = self._gaz.place_by_pk
            got = self._places[lk] = [(key, place(pk)) for key, pk in self._pks[lk]]
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self._pks)

    def __len__(self) -> int:
        return len(self._pks)
