"""Stage 1 of reading deployments: a structure for each sentence.

A sentence becomes a list of tokens (words, punctuation, figures, and the
nations the geoparser found, merged into one token each; the words and marks
are read by :mod:`deploymap.extract.word_tokens`), and over them the groups
the roles stage reasons with:

* **figures** (:class:`Figure`): a number with what it counts ("about 440
  Nepalese soldiers" counts troops; "two battalions" counts units, not
  people), its qualifier, and the cue that makes it a change ("a further
  200"), a target ("taking its contingent to 440"), a ceiling ("authorised up
  to 15,000") or a peak ("down from 50,000");
* **nation groups** (:class:`Group`): nations joined by commas, "and", "or",
  "as well as" ("Chile, Peru and Ecuador"), each member with the figure
  written in parentheses after it ("Italy (1,068)");
* cue look-ups by token (:meth:`Sentence.has`), phrases (:meth:`Sentence.phrase_at`)
  and clause bounds (:meth:`Sentence.clause`).

Every step is one pass over the tokens with bounded look-around, so the
cost is linear in the sentence length whatever the text.

>>> from deploymap.model import Toponym
>>> text = "Chile and Peru (160) sent 210 troops."
>>> tops = [Toponym(0, 5, "Chile", "Chile", "country", "CHL", 0, 0, "c"),
...         Toponym(10, 14, "Peru", "Peru", "country", "PER", 0, 0, "p")]
>>> sn = build_sentence(text, 0, len(text), tops, [])
>>> [t.low for t in sn.tokens]
['chile', 'and', 'peru', '(', '160', ')', 'sent', '210', 'troops', '.']
>>> [[sn.tokens[m].iso3 for m in g.members] for g in sn.groups]
[['CHL', 'PER']]
>>> [(f.value, f.personnel) for f in sn.figures]
[(160, ''), (210, 'troops')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from deploymap.extract import lexicon as lx
from deploymap.extract.dates import DateMention
from deploymap.extract.figures import Number, find_numbers
from deploymap.extract.word_tokens import APOSTROPHES, Token, lowered_words, plain_token, words_into
from deploymap.extract.wordscan import has_case_odd
from deploymap.model import Toponym

# how far (in tokens) the stages look around a token: bounded, so linear
WINDOW = 12


@dataclass(slots=True)
class Figure:
    """A number token and what the sentence says about it."""

    tok: int  # token index
    value: int
    personnel: str  # "troops", "police", "observers", "staff", or "" (not a head count)
    noun: int = -1  # token index of the noun it counts
    role: str = ""  # "", "change", "target", "authorised", "peak", "from", "outof"
    sign: int = 0  # for a change: +1 or -1
    strong: bool = False
    unit: bool = False  # "a battalion of 700": the number follows a unit noun
    base: int | None = None  # "from 195 to 215": 195


@dataclass(slots=True)
class Group:
    """Nations coordinated in one phrase: "Chile, Peru and Ecuador"."""

    members: list[int]  # token indices
    first: int
    last: int  # last token index of the group (a closing parenthesis included)
    figures: dict[int, int] = field(default_factory=dict)  # member -> its number token


_SPECIAL_KINDS = ("nation", "num", "mission")


class Sentence:
    """A sentence's tokens and what the stages read over them.

    The tokens' words are :attr:`lows` and their starts :attr:`starts`; the
    nation, number and mission tokens are objects, in :attr:`special` by
    index.  The other tokens (words and marks, most of them, and few ever read
    once the sentence is built) are made as :class:`Token` objects only when
    :attr:`tokens` is first read: :meth:`kind` and :attr:`starts` say what the
    stages ask of them.
    """

    __slots__ = (
        "_tokens",
        "breaks",
        "e",
        "fig_at",
        "figures",
        "groups",
        "lows",
        "n",
        "nation_at",
        "s",
        "special",
        "starts",
        "text",
    )
    text: str
    s: int
    e: int
    figures: list[Figure]
    groups: list[Group]
    fig_at: dict[int, int]  # token index -> figure index
    n: int  # number of tokens
    lows: list[str]  # each token's word (tokens are fixed)
    nation_at: list[int]  # indices of the nation tokens
    breaks: list[int] | None  # indices of the clause breaks, found when first asked
    starts: list[int]  # each token's start
    special: dict[int, Token]  # the nation, number and mission tokens by index
    _tokens: list[Token] | None

    def __init__(
        self,
        text: str,
        s: int,
        e: int,
        tokens: list[Token] | None = None,
        figures: list[Figure] | None = None,
        groups: list[Group] | None = None,
        fig_at: dict[int, int] | None = None,
        n: int = 0,
        lows: list[str] | None = None,
        nation_at: list[int] | None = None,
        breaks: list[int] | None = None,
        *,
        starts: list[int] | None = None,
        special: dict[int, Token] | None = None,
    ) -> None:
        self.text, self.s, self.e = text, s, e
        self.figures = [] if figures is None else figures
        self.groups = [] if groups is None else groups
        self.fig_at = {} if fig_at is None else fig_at
        self.breaks = breaks
        self._tokens = tokens
        if tokens is None:  # (build_sentence: the words, starts and special tokens)
            assert lows is not None and starts is not None and special is not None
            self.lows, self.starts, self.special = lows, starts, special
            self.n = len(lows)
            self.nation_at = [] if nation_at is None else nation_at
            return
        self.n = len(tokens)
        if lows is None or len(lows) != self.n:
            lows = [t.low for t in tokens]
            nation_at = [i for i, t in enumerate(tokens) if t.kind == "nation"]
        self.lows = lows
        self.nation_at = [] if nation_at is None else nation_at
        self.starts = [t.start for t in tokens]
        self.special = {i: t for i, t in enumerate(tokens) if t.kind in _SPECIAL_KINDS}

    @property
    def tokens(self) -> list[Token]:
        """Every token, in order (the words and marks made when first read)."""
        toks = self._tokens
        if toks is None:
            special = self.special
            toks = self._tokens = [
                special.get(k) or plain_token(w, a)
                for k, (w, a) in enumerate(zip(self.lows, self.starts, strict=True))
            ]
        return toks

    def kind(self, k: int) -> str:
        """``tokens[k].kind``, without making the token."""
        t = self.special.get(k)
        if t is not None:
            return t.kind
        if k < 0:
            return self.tokens[k].kind  # (as a list reads it: from the end)
        return "word" if self.lows[k][0].isalnum() else "punct"

    def end(self, k: int) -> int:
        """``tokens[k].end``, without making the token."""
        t = self.special.get(k)
        if t is not None:
            return t.end
        if k < 0 or self._tokens is not None:
            return self.tokens[k].end  # (read with the pattern: a word's end is its own)
        return self.starts[k] + len(self.lows[k])

    def _fields(self) -> tuple[object, ...]:
        return (
            self.text,
            self.s,
            self.e,
            self.tokens,
            self.figures,
            self.groups,
            self.fig_at,
            self.n,
            self.lows,
            self.nation_at,
            self.breaks,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Sentence)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Sentence(text={self.text[self.s : self.e]!r}, s={self.s}, e={self.e}, n={self.n})"

    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < self.n else ""

    def has(self, i: int, j: int, words: frozenset[str] | set[str]) -> int:
        """Index of the first token in [i, j) whose word is in *words*, or -1."""
        i = max(0, i)
        part = self.lows[i : max(i, j)]  # (a negative j: none)
        if words.isdisjoint(part):
            return -1  # (most look-ups find nothing: the set says so at once)
        for k, w in enumerate(part, i):
            if w in words:
                return k
        return -1

    def has_last(self, i: int, j: int, words: frozenset[str] | set[str]) -> int:
        lows = self.lows
        if words.isdisjoint(lows[max(0, i) : max(0, j)]):
            return -1
        for k in range(min(j, len(lows)) - 1, max(0, i) - 1, -1):
            if lows[k] in words:
                return k
        return -1

    def phrase_at(self, i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
        """Length of the first phrase of *phrases* that starts at token *i*, or 0."""
        if not 0 <= i < self.n:
            return 0  # no phrase starts with "" (the lexicons' words are never empty)
        for p in _by_first(phrases).get(self.lows[i], ()):
            if len(p) == 1 or tuple(self.lows[i : i + len(p)]) == p:
                return len(p)
        return 0

    def find_phrase(self, i: int, j: int, phrases: tuple[tuple[str, ...], ...]) -> int:
        firsts = _by_first(phrases)
        lows = self.lows
        if firsts.keys().isdisjoint(lows[max(0, i) : max(0, j)]):
            return -1
        for k in range(max(0, i), min(j, len(lows))):
            if lows[k] in firsts and self.phrase_at(k, phrases):
                return k
        return -1

    def clause(self, i: int) -> tuple[int, int]:
        """Token bounds of the clause around token *i* (";", "while", "but" split)."""
        lo = max(0, i - 3 * WINDOW)
        hi = min(self.n, i + 3 * WINDOW)
        breaks = self.breaks
        if breaks is None:
            # (most sentences have no break: one set look-up says so)
            lows = self.lows
            breaks = self.breaks = (
                []
                if _BREAK_WORDS.isdisjoint(lows)
                else [k for k, w in enumerate(lows) if w in _BREAK_WORDS]
            )
        if not breaks:
            return lo, hi
        k = bisect_left(breaks, i)  # breaks[k - 1]: the last before i
        a = max(lo, breaks[k - 1] + 1) if k else lo
        k = bisect_left(breaks, i + 1, k)  # breaks[k]: the first after i
        b = min(hi, breaks[k]) if k < len(breaks) else hi
        return a, b

    def nations(self) -> list[int]:
        return list(self.nation_at)

    def foreign(self, hosts: AbstractSet[str]) -> bool:
        """Whether a nation token of the sentence is none of *hosts*."""
        special = self.special
        return any(special[i].iso3 not in hosts for i in self.nation_at)

    def figure(self, tok: int) -> Figure | None:
        k = self.fig_at.get(tok)
        return self.figures[k] if k is not None else None


# phrase lists by identity: an lru_cache would hash the whole tuple at every call
_PHRASE_INDEX: dict[int, tuple[tuple[tuple[str, ...], ...], dict[str, list[tuple[str, ...]]]]] = {}


def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    got = _PHRASE_INDEX.get(id(phrases))
    if got is not None and got[0] is phrases:
        return got[1]
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(p)
    if len(_PHRASE_INDEX) > 256:
        _PHRASE_INDEX.clear()  # phrase lists made on the fly: the index stays small
    _PHRASE_INDEX[id(phrases)] = (phrases, out)  # the tuple kept: its id stays its own
    return out


_BREAK_WORDS = frozenset((";", ":", *lx.CLAUSE_BREAKS))


def is_date_number(n: Number, dates: list[DateMention]) -> bool:
    """Whether the number *n* stands inside one of *dates* ("le 3 mars": 3 is
    the day, no figure)."""
    return any(d.start <= n.vstart < d.end or d.start < n.end <= d.end for d in dates)


def sentence_figures(
    text: str,
    s: int,
    e: int,
    dates: list[DateMention],
    lang: str = "en",
    words: AbstractSet[str] | None = None,
) -> list[Number]:
    """The numbers of ``text[s:e]`` that may be figures: not part of one of
    *dates*, not an amount of money ("$500").  A sentence without one has no
    :class:`Figure`.

    >>> [n.value for n in sentence_figures("On 3 March 2024, 450 troops cost $500.", 0, 38, [])]
    [3, 450]
    """
    out = []
    for n in find_numbers(text, s, e, lang=lang, words=words):
        if dates and is_date_number(n, dates):
            continue
        before = text[max(s, n.vstart - 2) : n.vstart]
        if "$" in before or "€" in before or "£" in before:
            continue
        out.append(n)
    return out


def build_sentence(
    text: str,
    s: int,
    e: int,
    nations: list[Toponym],
    dates: list[DateMention],
    forces: list[tuple[int, int, str]] = (),  # type: ignore[assignment]
    lang: str = "en",
    missions: list[tuple[int, int]] = (),  # type: ignore[assignment]
    words: AbstractSet[str] | None = None,
    figures: list[Number] | None = None,
) -> Sentence:
    """Tokens, figures and nation groups of ``text[s:e]``.

    *nations* are the country and capital toponyms inside the sentence, in
    order; *forces* are armed-force names found in it, as (start, end, iso3);
    *words*, when given, the sentence's lower-case runs of letters
    (:func:`deploymap.extract.events.sentence_words`); *figures*, when given,
    what :func:`sentence_figures` found in it.
    """
    # (start, -end, order, token): sorted as they are, the longest of spans
    # that start together first and ties in the order given (no key to call)
    spans: list[tuple[int, int, int, Token]] = []
    for t in nations:
        a, b = t.start, t.end
        low = t.text.lower()
        tok = Token("nation", a, b, low, t.iso3, t.demonym, t.kind != "country")
        if t.text.endswith(_POSSESSIVE_ENDS):
            tok.possessive = True
        spans.append((a, -b, len(spans), tok))
    if missions:
        for a, b in _merged_names(text, s, e, missions):
            # a mission's name is one token: "the Senegalese detachment of [the United
            # Nations ... Mission in Mali (MINUSMA)], comprising 850 soldiers"
            spans.append((a, -b, len(spans), Token("mission", a, b, MISSION_TOKEN)))
    for a, b, iso3 in forces:
        tok = Token("nation", a, b, text[a:b].lower(), iso3, False, False, True)
        spans.append((a, -b, len(spans), tok))
    if figures is None:
        figures = sentence_figures(text, s, e, dates, lang, words)
    for n in figures:
        v0, b = (n.vstart if n.vstart >= 0 else n.start), n.end
        tok = Token("num", v0, b, text[v0:b].lower(), "", False, False, False, False, n)
        spans.append((v0, -b, len(spans), tok))
    if len(spans) > 1:
        spans.sort()
    nation_at: list[int] = []
    num_at: list[int] = []
    pos = s
    seg = text[s:e]
    if has_case_odd(text, s, e) or "\u03a3" in seg:
        tokens: list[Token] = []
        for a, _, _, tok in spans:
            if a < pos:
                continue  # overlaps a span already taken
            words_into(text, pos, a, tokens)
            if tok.kind == "nation":
                nation_at.append(len(tokens))
            elif tok.kind == "num":
                num_at.append(len(tokens))
            tokens.append(tok)
            pos = tok.end
        words_into(text, pos, e, tokens)
        if nation_at:
            n_tokens = len(tokens)
            nation_at = _possessives(tokens, nation_at)
            if len(tokens) != n_tokens:  # ("Nepal's": two tokens fewer after each)
                num_at = [i for i, t in enumerate(tokens) if t.kind == "num"]
        sn = Sentence(text, s, e, tokens, lows=[t.low for t in tokens], nation_at=nation_at)
    else:
        # the words and starts only, the special tokens by index: the other
        # tokens are made when first asked for (most never are)
        low = seg.lower()  # (the same length, every letter its own lower case)
        lows: list[str] = []
        starts: list[int] = []
        special: dict[int, Token] = {}
        for a, _, _, tok in spans:
            if a < pos:
                continue
            if a > pos:  # (an empty gap holds no token)
                lowered_words(text, low, s, pos, a, lows, starts)
            k = len(lows)
            if tok.kind == "nation":
                nation_at.append(k)
            elif tok.kind == "num":
                num_at.append(k)
            special[k] = tok
            lows.append(tok.low)
            starts.append(tok.start)
            pos = tok.end
        if e > pos:
            lowered_words(text, low, s, pos, e, lows, starts)
        if nation_at:
            got = _possessive_words(lows, starts, special, nation_at)
            if got is not None:
                nation_at, special = got
                num_at = [k for k, t in special.items() if t.kind == "num"]
        sn = _sentence(text, s, e, lows, starts, special, nation_at)
    if num_at:
        _figures(sn, num_at)  # (the figures are the number tokens: none, nothing to read)
    if nation_at:
        _groups(sn)
    return sn


def _sentence(
    text: str,
    s: int,
    e: int,
    lows: list[str],
    starts: list[int],
    special: dict[int, Token],
    nation_at: list[int],
) -> Sentence:
    """``Sentence(text, s, e, None, lows=lows, nation_at=nation_at, starts=starts,
    special=special)``, its fields stored here (no keywords to sort out)."""
    sn = object.__new__(Sentence)
    sn.text = text
    sn.s = s
    sn.e = e
    sn.figures = []
    sn.groups = []
    sn.fig_at = {}
    sn.n = len(lows)
    sn.lows = lows
    sn.nation_at = nation_at
    sn.breaks = None
    sn.starts = starts
    sn.special = special
    sn._tokens = None
    return sn


_POSSESSIVE_ENDS = ("'s", "’s")


MISSION_TOKEN = "<mission>"
_PAREN_OPEN = re.compile(r"\s*\(\s*")
_PAREN_CLOSE = re.compile(r"\s*\)")


def _merged_names(
    text: str, s: int, e: int, missions: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Mission names inside ``[s, e)``, a name and its acronym in parentheses
    right after it ("... au Mali (MINUSMA)") made one span."""
    inside = [x for x in missions if s <= x[0] and x[1] <= e]
    if len(inside) < 2:
        return inside  # (one name: nothing to merge)
    inside.sort()
    out: list[tuple[int, int]] = []
    for a, b in inside:
        if out and a < out[-1][1]:
            continue
        if out and _PAREN_OPEN.fullmatch(text, out[-1][1], a):
            close = _PAREN_CLOSE.match(text, b, e)
            if close:
                out[-1] = (out[-1][0], close.end())
                continue
        out.append((a, b))
    return out


def _possessives(tokens: list[Token], nation_at: list[int]) -> list[int]:
    """ "Nepal's" -> the nation token flagged possessive, the "'s" dropped.
    *nation_at* are the indices of the nation tokens; they are returned as
    they are once the "'s" are gone."""
    found = [
        i
        for i in nation_at
        if i + 2 < len(tokens)
        and tokens[i + 1].low in ("'", "’")
        and tokens[i + 2].low == "s"
        and tokens[i + 1].start == tokens[i].end
    ]
    if not found:
        return nation_at
    for i in reversed(found):  # (from the end: the indices before stay true)
        tokens[i].possessive = True
        del tokens[i + 1 : i + 3]
    return [i - 2 * bisect_left(found, i) for i in nation_at]


def _possessive_words(
    lows: list[str], starts: list[int], special: dict[int, Token], nation_at: list[int]
) -> tuple[list[int], dict[int, Token]] | None:
    """:func:`_possessives` of a sentence kept as its words, starts and
    special tokens (:func:`build_sentence`): the "'s" dropped from *lows* and
    *starts*, and the nation indices and special tokens as they are then; None
    (nothing changed) when no nation is possessive."""
    n = len(lows)
    found = [
        i
        for i in nation_at
        if i + 2 < n
        and lows[i + 1] in APOSTROPHES
        and lows[i + 2] == "s"
        and i + 1 not in special
        and starts[i + 1] == special[i].end
    ]
    if not found:
        return None
    for i in reversed(found):  # (from the end: the indices before stay true)
        special[i].possessive = True
        del lows[i + 1 : i + 3]
        del starts[i + 1 : i + 3]
    return (
        [i - 2 * bisect_left(found, i) for i in nation_at],
        {k - 2 * bisect_left(found, k): t for k, t in special.items()},
    )


_QUALIFYING = lx.APPROX_WORDS | lx.OF | {"a", "un", "une", "total"}
_SKIP_TO_NOUN = frozenset(("-", ")", "(", "strong")) | lx.UNIT_MODIFIERS
_TARGET_OR_CHANGE = lx.TO_TARGET_VERBS | lx.CHANGE_VERBS


# how far past either end of a sentence the figures' readings look: their
# words are read from the words padded with as many "" (what Sentence.low gives there)
_PAD = 16
_PADDING = [""] * _PAD


def _figures(sn: Sentence, num_at: list[int]) -> None:
    """The :class:`Figure` of each number token (*num_at*: their indices)."""
    special = sn.special
    lows = sn.lows
    nt = sn.n
    # padded[k + _PAD] is sn.low(k) for any k the readings of a figure look at
    padded = _PADDING + lows + _PADDING
    personnel_nouns = lx.PERSONNEL_NOUNS
    unit_nouns = lx.UNIT_NOUNS
    for i in num_at:
        n = special[i].num
        if n is None:
            continue
        personnel, noun, unit_after = "", -1, False
        # what it counts: a personnel noun within a few words after it
        for k in range(i + 1, min(nt, i + 5)):
            w = lows[k]
            if w in lx.NOT_PERSONNEL and k <= i + 2:
                personnel, noun = "none", k
                break
            if w in personnel_nouns and not (k + 1 < nt and lows[k + 1] in unit_nouns):
                # "military personnel", "police officers": the first word says the kind
                personnel = personnel_nouns[w]
                while k + 1 < nt and lows[k + 1] in personnel_nouns and k < i + 6:
                    k += 1
                    if personnel == "troops" and w in ("military", "personnel", "members"):
                        personnel = personnel_nouns[lows[k]]
                noun = k
                break
            if w in unit_nouns:
                unit_after = True
                break
            t = special.get(k)
            if t is None:
                if w in (".", ";", ",", ":"):
                    break
                continue
            if t.kind == "nation" and t.demonym:
                # "392 Rwandans", "440 Nepalese soldiers", "the 900-member Indian contingent"
                nxt = lows[k + 1] if k + 1 < nt else ""
                if nxt in personnel_nouns:
                    personnel, noun = personnel_nouns[nxt], k + 1
                elif nxt in unit_nouns:
                    personnel, noun = "troops", k + 1
                elif w.endswith("s") or nxt in (",", ".", "and", ";", "were", "are"):
                    personnel, noun = "troops", k
                break
            if t.kind in ("num", "nation") or w in (".", ";", ",", ":"):
                break
        if personnel == "none":
            continue
        if n.words and (unit_after or not personnel):
            continue  # "two battalions", "another one": a count of units, or no count at all
        if personnel and _casualties(special, lows, i, noun):
            continue  # "55 soldiers were killed", "a perdu 6 de ses hommes"
        p = i - 1
        while p > i - 4 and p >= 0 and lows[p] in lx.APPROX_WORDS and lows[p] not in lx.UNIT_OF:
            p -= 1  # "a contingent of about 250"
        unit = (
            p >= 0
            and lows[p] in lx.UNIT_OF
            and p >= 1
            and (lows[p - 1] in unit_nouns or lows[p - 1] in personnel_nouns)
        )
        if unit and not personnel:
            personnel = "troops"
        f = Figure(i, n.value, personnel, noun, strong=n.strong, unit=unit)
        _figure_role(sn, f, n, padded)
        sn.fig_at[i] = len(sn.figures)
        sn.figures.append(f)


def _casualties(special: dict[int, Token], lows: list[str], i: int, noun: int) -> bool:
    """The figure at *i* counts casualties: "lost 6 of its men", "55 soldiers were
    killed" (a casualty word just before it, or after its noun in the clause)."""
    if not lx.CASUALTY_CUES.isdisjoint(lows[max(0, i - 3) : i]):
        return True
    k = max(noun, i) + 1
    for j in range(k, min(len(lows), k + 8)):
        w = lows[j]
        if w in lx.CASUALTY_CUES:
            return True
        if w in (",", ";", ".", ":") or ((t := special.get(j)) is not None and t.kind == "num"):
            return False
    return False


_PEAK_FIRSTS = _by_first(lx.PEAK_PHRASES)
_PEAK_WORDS = frozenset(_PEAK_FIRSTS)
_OUT_OF_FIRSTS = _by_first(lx.OUT_OF_PHRASES)
_WITHDRAW_FIRSTS = _by_first(lx.WITHDRAW_PHRASES)


# how far before a figure set "at" or "to" its ceiling word may be, in tokens
_CEILING_REACH = 10
_SET_AT = lx.TO | {"at"}


def _figure_role(sn: Sentence, f: Figure, n: Number, padded: list[str]) -> None:
    """Change, target, ceiling or peak, by the words just before the figure (*n*,
    the token's number; *padded*, the words as :func:`_figures` pads them)."""
    i = f.tok
    lows = sn.lows
    o = i + _PAD  # padded[o + d] is sn.low(i + d)
    back = lows[max(0, i - 4) : i]
    # peaks: "down from some 50,000", "as many as 8,000 at its peak"
    if not _PEAK_WORDS.isdisjoint(lows[max(0, i - 5) : i + 6]):
        for k in range(max(0, i - 5), i):
            if lows[k] in _PEAK_FIRSTS:
                n_peak = sn.phrase_at(k, lx.PEAK_PHRASES)
                if n_peak and k + n_peak >= i - 2:
                    f.role = "peak"
                    return
        for k in range(i + 1, min(len(lows), i + 6)):
            if lows[k] == "at" and sn.phrase_at(k, lx.PEAK_PHRASES):
                f.role = "peak"
                return
    # ceilings: "a maximum of 15,000", "its authorised strength of 1,250",
    # "19,555 personnel authorised by the Council"
    if not lx.AUTHORISED_CUES.isdisjoint(back) or (
        f.noun >= 0 and padded[f.noun + 1 + _PAD] in lx.AUTHORISED_CUES
    ):
        f.role = "authorised"
        return
    if n.qualifier == "up to" and "maximum" in back:
        f.role = "authorised"
        return
    lo = max(0, i - _CEILING_REACH)
    wide = lows[lo:i]
    if not lx.AUTHORISED_CUES.isdisjoint(wide):
        # "the troop ceiling of MINUSMA was set at 13,289", "le plafond des
        # effectifs est fixé à": the ceiling's figure, set at or raised to it
        d = -1
        while d >= -4 and padded[o + d] in _QUALIFYING and padded[o + d] not in _SET_AT:
            d -= 1
        if padded[o + d] in _SET_AT:
            cue = lo + max(k for k, w in enumerate(wide) if w in lx.AUTHORISED_CUES)
            if not any(sn.kind(k) in ("num", "nation") for k in range(cue + 1, i)):
                f.role = "authorised"
                return
    # "from 195 to 215", "de 4 500 militaires à 5 100"
    if back and back[-1] in lx.FROM:
        to = i + 1
        if to == f.noun:
            to += 1 + (padded[to + 1 + _PAD] == ",")
        special = sn.special
        if padded[to + _PAD] in lx.TO and (
            ((t := special.get(to + 1)) is not None and t.kind == "num")
            or ((t := special.get(to + 2)) is not None and t.kind == "num")
        ):
            f.role = "from"
            return
    # targets: "taking its contingent to 440", "to a total of 500", "bring the total to 1,100"
    d = -1
    while d >= -6 and padded[o + d] in _QUALIFYING and padded[o + d] not in lx.TO:
        d -= 1
    w = padded[o + d]
    if w in lx.TO or (w == "at" and padded[o + d - 1] in ("stands", "stand", "put")):
        k = i + d
        verb = sn.has_last(k - 2 * WINDOW, k, _TARGET_OR_CHANGE)
        counted = sn.has_last(k - 10, k, lx.COUNTED_NOUNS)
        up_to = padded[o + d - 1] == "up" and padded[o + d - 2] not in lx.TO_TARGET_VERBS
        if (verb >= 0 and (not up_to or counted >= 0)) or (counted >= 0 and not up_to):
            f.role = "target"
            # "from 195 to 215 (troops)": the figure before the change
            for j in (k - 1, k - 2, k - 3):
                src = t.num if j >= 1 and (t := sn.special.get(j)) is not None else None
                if src is not None and padded[j - 1 + _PAD] in lx.FROM:
                    f.base = src.value
                    break
            return
    # changes: "a further 200", "another 300 soldiers", "700 more troops", "boost ... by 300"
    if (
        not lx.INCREASE_CUES.isdisjoint(back[-3:])
        or padded[o + 1] in ("more", "extra", "additional")
        # "200 soldats supplémentaires"
        or (f.noun > i and padded[f.noun + 1 + _PAD] in lx.INCREASE_CUES)
    ):
        f.role, f.sign = "change", 1
        return
    if back and back[-1] in lx.BY:
        cv = sn.has(i - 2 * WINDOW, i, lx.CHANGE_VERBS)
        if cv >= 0:
            f.role = "change"
            f.sign = -1 if lows[cv].startswith(("reduc", "cut")) else 1
            return
    if not lx.DECREASE_CUES.isdisjoint(back[-3:]) or (
        padded[o - 2] in _WITHDRAW_FIRSTS and sn.phrase_at(i - 2, lx.WITHDRAW_PHRASES)
    ):
        f.role, f.sign = "change", -1
        return
    d = -1
    while d > -6 and padded[o + d] in _QUALIFYING:
        d -= 1
    k = i + d
    for j in range(max(0, k - 3), k + 1):
        n_out = sn.phrase_at(j, lx.OUT_OF_PHRASES) if padded[j + _PAD] in _OUT_OF_FIRSTS else 0
        if n_out and j + n_out >= k + 1:
            f.role = "outof"  # "300 of them, out of a total of 1,500", "sur les 17 000"
            break


_SEPARATOR_FIRSTS = _by_first(lx.LIST_SEPARATORS)


def _groups(sn: Sentence) -> None:
    special = sn.special
    lows = sn.lows
    nt = sn.n
    i = 0
    for n in sn.nation_at:
        if n < i:
            continue  # a member of the group before
        i = n
        g = Group([i], i, i)
        j = _member_end(sn, g, i)
        while True:
            k = j + 1
            seps = 0
            while k < nt and seps < 4:
                w = lows[k]
                ph = sn.phrase_at(k, lx.LIST_SEPARATORS) if w in _SEPARATOR_FIRSTS else 0
                if ph:
                    k += ph
                    seps += 1
                elif w in lx.LIST_FILLERS and seps and k < j + 8:
                    k += 1  # "A and the B", "le Tchad, le Niger et l'Égypte"
                else:
                    break
            if seps and (t := special.get(k)) is not None and t.kind == "nation" and not t.capital:
                g.members.append(k)
                j = _member_end(sn, g, k)
            elif seps and len(g.members) > 1 and (u := _unknown_member(sn, k)) > 0:
                j = u  # a name the geoparser did not resolve, inside a list of nations
            else:
                break
        g.last = j
        sn.groups.append(g)
        i = j + 1


def _unknown_member(sn: Sentence, k: int) -> int:
    """End of a capitalised name of up to four words that another separator and
    nation follow ("..., Côte d'Ivoire, Egypt"), or -1."""
    lows = sn.lows
    nt = sn.n
    if k >= nt or sn.kind(k) != "word" or not sn.text[sn.starts[k]].isupper():
        return -1
    for j in range(k + 1, min(nt, k + 6)):
        w = lows[j]
        if w == "," or (w,) in lx.LIST_SEPARATORS:
            nxt = j + 1 if w != "," else j + 1 + ((sn.low(j + 1),) in lx.LIST_SEPARATORS)
            ok = nxt < nt and sn.kind(nxt) == "nation"
            return j - 1 if ok else -1
        if sn.kind(j) != "word" and w not in ("’", "'", "-"):
            return -1
    return -1


def _member_end(sn: Sentence, g: Group, m: int) -> int:
    """Index of the member's last token: "Italy (1,068)" ends at ")"."""
    lows = sn.lows
    if m + 2 < len(lows) and lows[m + 1] == "(":
        # "Italy (1,068)", "Russia (approx. 3,000)", "UK (19,000 soldiers)"
        n = m + 2
        while n < min(len(lows), m + 5) and (lows[n] in lx.APPROX_WORDS or lows[n] == "."):
            n += 1
        if n < len(lows) and (t := sn.special.get(n)) is not None and t.kind == "num":
            for k in range(n + 1, min(len(lows), n + 6)):
                if lows[k] == ")":
                    g.figures[m] = n
                    return k
    return m
