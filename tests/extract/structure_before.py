"""structure.py as it was before the fifth speed round (ae91d16): the
reference that tests/extract/test_fast_paths_structure_build.py checks the
sentences built now against.  Test code only; not imported by the package.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from deploymap.extract import lexicon as lx
from deploymap.extract.dates import DateMention
from deploymap.extract.figures import Number, find_numbers
from deploymap.extract.wordscan import has_case_odd
from deploymap.model import Toponym

# An elided French article or preposition ("l'", "d'", "qu'") is one token, so
# that it can be a determiner or "of" in the lexicons; "aujourd'hui" is one word.
_WORD_ELIDED = re.compile(
    r"(?<![^\W\d_])(?:aujourd['’]hui|(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’])"
    r"|[^\W\d_]+|\d+|[^\w\s]",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")  # the same where no apostrophe is
# how far (in tokens) the stages look around a token: bounded, so linear
WINDOW = 12


@dataclass(slots=True)
class Token:
    kind: str  # "word", "num", "nation", "punct"
    start: int
    end: int
    low: str
    iso3: str = ""
    demonym: bool = False
    capital: bool = False  # a capital standing for its government ("Ankara")
    force: bool = False  # an armed force standing for its nation ("the Bundeswehr")
    possessive: bool = False  # "Nepal's"
    num: Number | None = None


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


@dataclass(slots=True)
class Sentence:
    text: str
    s: int
    e: int
    tokens: list[Token]
    figures: list[Figure] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    fig_at: dict[int, int] = field(default_factory=dict)  # token index -> figure index
    n: int = 0  # number of tokens
    lows: list[str] = field(default_factory=list)  # each token's word (tokens are fixed)
    nation_at: list[int] = field(default_factory=list)  # indices of the nation tokens
    breaks: list[int] | None = None  # indices of the clause breaks, found when first asked

    def __post_init__(self) -> None:
        self.n = len(self.tokens)
        if len(self.lows) != self.n:  # (build_sentence gives both, as it knows them)
            self.lows = [t.low for t in self.tokens]
            self.nation_at = [i for i, t in enumerate(self.tokens) if t.kind == "nation"]

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
        toks = self.tokens
        return any(toks[i].iso3 not in hosts for i in self.nation_at)

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


def _is_date_number(n: Number, dates: list[DateMention]) -> bool:
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
        if _is_date_number(n, dates):
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
    spans: list[tuple[int, int, Token]] = []
    for t in nations:
        poss = t.text.endswith(("'s", "’s"))
        spans.append(
            (
                t.start,
                t.end,
                Token(
                    "nation",
                    t.start,
                    t.end,
                    t.text.lower(),
                    iso3=t.iso3,
                    demonym=t.demonym,
                    capital=t.kind != "country",
                    possessive=poss,
                ),
            )
        )
    for a, b in _merged_names(text, s, e, missions):
        # a mission's name is one token: "the Senegalese detachment of [the United
        # Nations ... Mission in Mali (MINUSMA)], comprising 850 soldiers"
        spans.append((a, b, Token("mission", a, b, MISSION_TOKEN)))
    for a, b, iso3 in forces:
        spans.append((a, b, Token("nation", a, b, text[a:b].lower(), iso3=iso3, force=True)))
    if figures is None:
        figures = sentence_figures(text, s, e, dates, lang, words)
    for n in figures:
        v0 = n.vstart if n.vstart >= 0 else n.start
        spans.append((v0, n.end, Token("num", v0, n.end, text[v0 : n.end].lower(), num=n)))
    spans.sort(key=lambda x: (x[0], -x[1]))
    tokens: list[Token] = []
    nation_at: list[int] = []
    pos = s
    if has_case_odd(text, s, e) or "\u03a3" in text[s:e]:
        for a, b, tok in spans:
            if a < pos:
                continue  # overlaps a span already taken
            _words(text, pos, a, tokens)
            if tok.kind == "nation":
                nation_at.append(len(tokens))
            tokens.append(tok)
            pos = b
        _words(text, pos, e, tokens)
    else:
        low = text[s:e].lower()  # (the same length, every letter its own lower case)
        for a, b, tok in spans:
            if a < pos:
                continue
            _lowered_words(text, low, s, pos, a, tokens)
            if tok.kind == "nation":
                nation_at.append(len(tokens))
            tokens.append(tok)
            pos = b
        _lowered_words(text, low, s, pos, e, tokens)
    nation_at = _possessives(tokens, nation_at)
    sn = Sentence(text, s, e, tokens, lows=[t.low for t in tokens], nation_at=nation_at)
    if figures:
        _figures(sn)  # (the figures are the number tokens: none, nothing to read)
    if nation_at:
        _groups(sn)
    return sn


MISSION_TOKEN = "<mission>"
_PAREN_OPEN = re.compile(r"\s*\(\s*")
_PAREN_CLOSE = re.compile(r"\s*\)")


def _merged_names(
    text: str, s: int, e: int, missions: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Mission names inside ``[s, e)``, a name and its acronym in parentheses
    right after it ("... au Mali (MINUSMA)") made one span."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(x for x in missions if s <= x[0] and x[1] <= e):
        if out and a < out[-1][1]:
            continue
        if out and _PAREN_OPEN.fullmatch(text, out[-1][1], a):
            close = _PAREN_CLOSE.match(text, b, e)
            if close:
                out[-1] = (out[-1][0], close.end())
                continue
        out.append((a, b))
    return out


def _words(text: str, a: int, b: int, out: list[Token]) -> None:
    """The word and punctuation tokens of ``text[a:b]`` into *out*: what
    :data:`_WORD` (or, where an apostrophe is, :data:`_WORD_ELIDED`) finds.

    No token spans a space, so each run of non-spaces (a ``str.split`` piece)
    is read alone: one of letters only is one word, one character that is no
    letter, digit or "_" one mark, a word with one such mark after it (not an
    apostrophe, which may elide) two; any other piece goes to the pattern
    there (seeing the character before it, as a search of the whole would)."""
    elided = text.find("'", a, b) >= 0 or text.find("’", a, b) >= 0
    pattern = _WORD_ELIDED if elided else _WORD
    seg = text[a:b]
    p = 0
    for piece in seg.split():
        p = seg.find(piece, p)
        q = a + p
        n = len(piece)
        p += n
        if piece.isalpha():
            out.append(Token("word", q, q + n, piece.lower()))
            continue
        last = piece[-1]
        if not (last.isalnum() or last == "_"):
            if n == 1:
                out.append(Token("punct", q, q + 1, last.lower()))
                continue
            if last not in _APOSTROPHES and piece[:-1].isalpha():
                out.append(Token("word", q, q + n - 1, piece[:-1].lower()))
                out.append(Token("punct", q + n - 1, q + n, last.lower()))
                continue
        for m in pattern.finditer(text, q, q + n):
            w = m.group(0)
            low = w.lower().replace("’", "'") if len(w) > 1 else w.lower()
            out.append(Token("punct" if not w[0].isalnum() else "word", *m.span(), low))


_APOSTROPHES = ("'", "’")


def _lowered_words(text: str, low: str, off: int, a: int, b: int, out: list[Token]) -> None:
    """:func:`_words` of ``text[a:b]``, read from *low*: ``text[off:]`` (or a
    part of it holding ``[a, b)``) in lower case, with each character's own
    lower case at its place (no "İ", two characters in lower case, and no "Σ",
    whose lower case depends on the letters around it).

    Lower case keeps each character a letter, digit, space or mark as it was,
    so the pieces between single spaces are read as :func:`_words` reads them:
    one of letters only is one word (already lower case), and so on; a piece
    holding more is read by :func:`_odd_piece`.  The offsets are summed
    lengths: no look-up of each piece."""
    q = a
    append = out.append
    for piece in low[a - off : b - off].split(" "):
        n = len(piece)
        if piece.isalpha():
            append(Token("word", q, q + n, piece))
        elif n == 1:
            if piece.isalnum():
                append(Token("word", q, q + 1, piece))
            elif not (piece == "_" or piece.isspace()):
                append(Token("punct", q, q + 1, piece))
        elif n:
            _odd_piece(text, piece, q, out)
        q += n + 1


# what an elision's apostrophe may follow (:data:`_WORD_ELIDED`, "aujourd'hui" aside)
_ELIDED_HEADS = frozenset(
    ("c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu")
)


def _odd_piece(text: str, piece: str, q: int, out: list[Token]) -> None:
    """The tokens of *piece*, ``text[q:q + len(piece)]`` in lower case (two
    characters or more, not all letters), as :data:`_WORD_ELIDED` finds them:
    a word or figure with a mark after it ("Mali,", "2013."), an elision and
    a word ("l'ONU", "d’un", "l'"), a mark and a word ("«est"), two marks
    ("),"); any other piece is read by the pattern itself."""
    n = len(piece)
    first, last = piece[0], piece[-1]
    if not (last.isalnum() or last == "_" or last.isspace()):
        head = piece[:-1]
        if last not in _APOSTROPHES and (head.isalpha() or head.isdecimal()):
            out.append(Token("word", q, q + n - 1, head))
            out.append(Token("punct", q + n - 1, q + n, last))
            return
        if n == 2 and not (first.isalnum() or first == "_" or first.isspace()):
            out.append(Token("punct", q, q + 1, first))
            out.append(Token("punct", q + 1, q + 2, last))
            return
    if piece.isdecimal():
        out.append(Token("word", q, q + n, piece))
        return
    k = piece.find("'")
    if k < 0 or 0 <= piece.find("’") < k:
        k = piece.find("’")
    if k > 0 and piece[:k] in _ELIDED_HEADS:
        rest = piece[k + 1 :]
        before = text[q - 1] if q else ""
        # the pattern's look-behind: no letter (a word character, no digit) before
        if not (before.isalnum() and not before.isdecimal()):
            if not rest or rest.isalpha():
                out.append(Token("word", q, q + k + 1, piece[: k + 1].replace("’", "'")))
                if rest:
                    out.append(Token("word", q + k + 1, q + n, rest))
                return
            if "-" in rest and _hyphenated(rest, q + k + 1, out, piece[: k + 1]):
                return  # "l’état-major,"
    elif "-" in piece and _hyphenated(piece, q, out):
        return  # "porte-parole", "nord-est.", "a-t-il"
    elif not (first.isalnum() or first == "_" or first.isspace()) and piece[1:].isalpha():
        out.append(Token("punct", q, q + 1, first))
        out.append(Token("word", q + 1, q + n, piece[1:]))
        return
    for m in _WORD_ELIDED.finditer(text, q, q + n):
        w = m.group(0)
        low = w.lower().replace("’", "'") if len(w) > 1 else w.lower()
        out.append(Token("punct" if not w[0].isalnum() else "word", *m.span(), low))


def _hyphenated(piece: str, q: int, out: list[Token], elided: str = "") -> bool:
    """The tokens of *piece* (lower case, at *q*) when it is runs of letters
    joined by single marks of one kind ("-"), a mark after it or not
    ("état-major,"): each run a word, each mark a mark, as the pattern reads
    them (no apostrophe, which is no letter: no elision inside).  *elided*, an elision right
    before it ("l'"), is its word first.  False (nothing added) otherwise."""
    core, last = piece, piece[-1]
    if not (last.isalnum() or last == "_" or last.isspace() or last in _APOSTROPHES):
        core = piece[:-1]
    parts = core.split("-")
    if not all(map(str.isalpha, parts)):
        return False  # (an apostrophe, or an empty part: two marks in a row, one at an end)
    if elided:
        out.append(Token("word", q - len(elided), q, elided.replace("’", "'")))
    p = q
    for w in parts:
        if p > q:
            out.append(Token("punct", p, p + 1, "-"))
            p += 1
        out.append(Token("word", p, p + len(w), w))
        p += len(w)
    if core is not piece:
        out.append(Token("punct", p, p + 1, last))
    return True


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


_QUALIFYING = lx.APPROX_WORDS | lx.OF | {"a", "un", "une", "total"}
_SKIP_TO_NOUN = frozenset(("-", ")", "(", "strong")) | lx.UNIT_MODIFIERS
_TARGET_OR_CHANGE = lx.TO_TARGET_VERBS | lx.CHANGE_VERBS


def _figures(sn: Sentence) -> None:
    toks = sn.tokens
    for i, t in enumerate(toks):
        if t.kind != "num" or t.num is None:
            continue
        n = t.num
        personnel, noun, unit_after = "", -1, False
        # what it counts: a personnel noun within a few words after it
        for k in range(i + 1, min(len(toks), i + 5)):
            w = toks[k]
            if w.low in lx.NOT_PERSONNEL and k <= i + 2:
                personnel, noun = "none", k
                break
            if w.low in lx.PERSONNEL_NOUNS and not (
                k + 1 < len(toks) and toks[k + 1].low in lx.UNIT_NOUNS
            ):
                # "military personnel", "police officers": the first word says the kind
                personnel = lx.PERSONNEL_NOUNS[w.low]
                while k + 1 < len(toks) and toks[k + 1].low in lx.PERSONNEL_NOUNS and k < i + 6:
                    k += 1
                    if personnel == "troops" and w.low in ("military", "personnel", "members"):
                        personnel = lx.PERSONNEL_NOUNS[toks[k].low]
                noun = k
                break
            if w.low in lx.UNIT_NOUNS:
                unit_after = True
                break
            if w.kind == "nation" and w.demonym:
                # "392 Rwandans", "440 Nepalese soldiers", "the 900-member Indian contingent"
                nxt = toks[k + 1].low if k + 1 < len(toks) else ""
                if nxt in lx.PERSONNEL_NOUNS:
                    personnel, noun = lx.PERSONNEL_NOUNS[nxt], k + 1
                elif nxt in lx.UNIT_NOUNS:
                    personnel, noun = "troops", k + 1
                elif w.low.endswith("s") or nxt in (",", ".", "and", ";", "were", "are"):
                    personnel, noun = "troops", k
                break
            if w.kind in ("num", "nation") or w.low in (".", ";", ",", ":"):
                break
        if personnel == "none":
            continue
        if n.words and (unit_after or not personnel):
            continue  # "two battalions", "another one": a count of units, or no count at all
        if personnel and _casualties(sn, i, noun):
            continue  # "55 soldiers were killed", "a perdu 6 de ses hommes"
        p = i - 1
        while p > i - 4 and sn.low(p) in lx.APPROX_WORDS and sn.low(p) not in lx.UNIT_OF:
            p -= 1  # "a contingent of about 250"
        prev = sn.low(p)
        unit = prev in lx.UNIT_OF and (
            sn.low(p - 1) in lx.UNIT_NOUNS or sn.low(p - 1) in lx.PERSONNEL_NOUNS
        )
        if unit and not personnel:
            personnel = "troops"
        f = Figure(i, n.value, personnel, noun, strong=n.strong, unit=unit)
        _figure_role(sn, f)
        sn.fig_at[i] = len(sn.figures)
        sn.figures.append(f)


def _casualties(sn: Sentence, i: int, noun: int) -> bool:
    """The figure at *i* counts casualties: "lost 6 of its men", "55 soldiers were
    killed" (a casualty word just before it, or after its noun in the clause)."""
    if sn.has(i - 3, i, lx.CASUALTY_CUES) >= 0:
        return True
    k = max(noun, i) + 1
    for j in range(k, min(sn.n, k + 8)):
        w = sn.low(j)
        if w in lx.CASUALTY_CUES:
            return True
        if w in (",", ";", ".", ":") or sn.tokens[j].kind == "num":
            return False
    return False


def _figure_role(sn: Sentence, f: Figure) -> None:
    """Change, target, ceiling or peak, by the words just before the figure."""
    i = f.tok
    n = sn.tokens[i].num
    assert n is not None
    lows = sn.lows
    back = lows[max(0, i - 4) : i]
    after1 = sn.low(i + 1)
    # peaks: "down from some 50,000", "as many as 8,000 at its peak"
    peak_firsts = _by_first(lx.PEAK_PHRASES)
    for k in range(max(0, i - 5), i):
        if lows[k] in peak_firsts:
            n_peak = sn.phrase_at(k, lx.PEAK_PHRASES)
            if n_peak and k + n_peak >= i - 2:
                f.role = "peak"
                return
    for k in range(i + 1, min(len(sn.tokens), i + 6)):
        if lows[k] == "at" and sn.phrase_at(k, lx.PEAK_PHRASES):
            f.role = "peak"
            return
    # ceilings: "a maximum of 15,000", "its authorised strength of 1,250",
    # "19,555 personnel authorised by the Council"
    if not lx.AUTHORISED_CUES.isdisjoint(back) or (
        f.noun >= 0 and sn.low(f.noun + 1) in lx.AUTHORISED_CUES
    ):
        f.role = "authorised"
        return
    if n.qualifier == "up to" and "maximum" in back:
        f.role = "authorised"
        return
    # "the troop ceiling of MINUSMA was set at 13,289": a ceiling word up to ten
    # tokens back, no number or nation after it, the figure set "at" or "to" it
    set_at = lx.TO | {"at"}
    qualifying = lx.APPROX_WORDS | lx.OF | {"a", "un", "une", "total"}
    cues = [k for k in range(max(0, i - 10), i) if lows[k] in lx.AUTHORISED_CUES]
    if cues:

        def word(k: int) -> str:
            return sn.low(k) if k >= 0 else ""

        d = -1
        while d >= -4 and word(i + d) in qualifying and word(i + d) not in set_at:
            d -= 1
        if word(i + d) in set_at and not any(
            sn.tokens[k].kind in ("num", "nation") for k in range(cues[-1] + 1, i)
        ):
            f.role = "authorised"
            return
    # "from 195 to 215", "de 4 500 militaires à 5 100"
    if back and back[-1] in lx.FROM:
        to = i + 1
        if to == f.noun:
            to += 1 + (sn.low(to + 1) == ",")
        if sn.low(to) in lx.TO and (
            (sn.tokens[to + 1 : to + 2] and sn.tokens[to + 1].kind == "num")
            or (sn.tokens[to + 2 : to + 3] and sn.tokens[to + 2].kind == "num")
        ):
            f.role = "from"
            return
    # targets: "taking its contingent to 440", "to a total of 500", "bring the total to 1,100"
    k = i - 1
    while k >= i - 6 and sn.low(k) in _QUALIFYING and sn.low(k) not in lx.TO:
        k -= 1
    if sn.low(k) in lx.TO or (sn.low(k) == "at" and sn.low(k - 1) in ("stands", "stand", "put")):
        verb = sn.has_last(k - 2 * WINDOW, k, _TARGET_OR_CHANGE)
        counted = sn.has_last(k - 10, k, lx.COUNTED_NOUNS)
        up_to = sn.low(k - 1) == "up" and sn.low(k - 2) not in lx.TO_TARGET_VERBS
        if (verb >= 0 and (not up_to or counted >= 0)) or (counted >= 0 and not up_to):
            f.role = "target"
            # "from 195 to 215 (troops)": the figure before the change
            for j in (k - 1, k - 2, k - 3):
                src = sn.tokens[j].num if j >= 1 else None
                if src is not None and sn.low(j - 1) in lx.FROM:
                    f.base = src.value
                    break
            return
    # changes: "a further 200", "another 300 soldiers", "700 more troops", "boost ... by 300"
    if (
        not lx.INCREASE_CUES.isdisjoint(back[-3:])
        or after1 in ("more", "extra", "additional")
        or (f.noun > i and sn.low(f.noun + 1) in lx.INCREASE_CUES)  # "200 soldats supplémentaires"
    ):
        f.role, f.sign = "change", 1
        return
    cv = sn.has(i - 2 * WINDOW, i, lx.CHANGE_VERBS)
    if back and back[-1] in lx.BY and cv >= 0:
        f.role = "change"
        f.sign = -1 if sn.low(cv).startswith(("reduc", "cut")) else 1
        return
    if not lx.DECREASE_CUES.isdisjoint(back[-3:]) or sn.phrase_at(i - 2, lx.WITHDRAW_PHRASES):
        f.role, f.sign = "change", -1
        return
    k = i - 1
    while k > i - 6 and sn.low(k) in _QUALIFYING:
        k -= 1
    out_firsts = _by_first(lx.OUT_OF_PHRASES)
    for j in range(max(0, k - 3), k + 1):
        n_out = sn.phrase_at(j, lx.OUT_OF_PHRASES) if sn.low(j) in out_firsts else 0
        if n_out and j + n_out >= k + 1:
            f.role = "outof"  # "300 of them, out of a total of 1,500", "sur les 17 000"
            break


def _groups(sn: Sentence) -> None:
    toks = sn.tokens
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
            while k < len(toks) and seps < 4:
                ph = sn.phrase_at(k, lx.LIST_SEPARATORS)
                if ph:
                    k += ph
                    seps += 1
                elif toks[k].low in lx.LIST_FILLERS and seps and k < j + 8:
                    k += 1  # "A and the B", "le Tchad, le Niger et l'Égypte"
                else:
                    break
            if seps and k < len(toks) and toks[k].kind == "nation" and not toks[k].capital:
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
    toks = sn.tokens
    if k >= len(toks) or toks[k].kind != "word" or not sn.text[toks[k].start].isupper():
        return -1
    for j in range(k + 1, min(len(toks), k + 6)):
        if toks[j].low == "," or (toks[j].low,) in lx.LIST_SEPARATORS:
            nxt = j + 1 if toks[j].low != "," else j + 1 + ((sn.low(j + 1),) in lx.LIST_SEPARATORS)
            ok = nxt < len(toks) and toks[nxt].kind == "nation"
            return j - 1 if ok else -1
        if toks[j].kind != "word" and toks[j].low not in ("’", "'", "-"):
            return -1
    return -1


def _member_end(sn: Sentence, g: Group, m: int) -> int:
    """Index of the member's last token: "Italy (1,068)" ends at ")"."""
    toks = sn.tokens
    if m + 2 < len(toks) and toks[m + 1].low == "(":
        # "Italy (1,068)", "Russia (approx. 3,000)", "UK (19,000 soldiers)"
        n = m + 2
        while n < min(len(toks), m + 5) and (toks[n].low in lx.APPROX_WORDS or toks[n].low == "."):
            n += 1
        if n < len(toks) and toks[n].kind == "num":
            for k in range(n + 1, min(len(toks), n + 6)):
                if toks[k].low == ")":
                    g.figures[m] = n
                    return k
    return m
