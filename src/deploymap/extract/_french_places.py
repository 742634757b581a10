"""French names for the geoparser: country names and demonyms from
``geodata/curated/countries_fr.csv`` (CLDR), French forms of direction-led
names ("Nord-Kivu"), elided articles ("l'Ituri") and lower-case demonyms
("le contingent tchadien").  Used by :class:`~deploymap.extract.toponyms.Geoparser`
when it reads French (``lang="fr"``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping
from operator import itemgetter
from typing import Protocol, TypeVar

from deploymap.extract import lexicon_fr as fr
from deploymap.gazetteer import Gazetteer, prior
from deploymap.gazetteer.french import french_country_names, french_demonyms
from deploymap.model import Candidate
from deploymap.textnorm import fold

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")


def token_key(w: str) -> str:
    """Same folding as the geoparser's token keys."""
    if w.isascii():
        return w.replace(".", "").lower()
    return fold(w).casefold().replace(".", "")


def name_key(name: str) -> str:
    """The scan key of a whole name, token by token as the geoparser joins them."""
    return " ".join(token_key(m.group()) for m in _TOKEN.finditer(name))


def overlay(gaz: Gazetteer, keys: Iterable[str]) -> dict[str, tuple[Candidate, ...]]:
    """Scan key -> candidates that French adds or puts first.

    A French country name is that country only ("Liban" is Lebanon, not the
    Czech town); a direction-led French name is its English namesake's
    ("nord kivu" is "north kivu").
    """
    out: dict[str, tuple[Candidate, ...]] = {}
    for name, iso3 in french_country_names().items():
        try:
            place = gaz.country(iso3)
        except (KeyError, LookupError):
            continue
        out[name_key(name)] = (Candidate(place, prior(place, "name"), "name"),)
    for dem, iso3 in french_demonyms().items():
        try:
            place = gaz.country(iso3)
        except (KeyError, LookupError):
            continue
        out.setdefault(name_key(dem), (Candidate(place, prior(place, "demonym"), "demonym"),))
    english = {v: k for k, v in fr.NAME_DIRECTIONS.items()}
    for key in keys:
        head, _, rest = key.partition(" ")
        if rest and head in english:
            fkey = f"{english[head]} {rest}"
            if fkey not in out:
                cands = tuple(c for c in gaz._lookup(key) if c.form in ("name", "alias"))
                if cands:
                    out[fkey] = cands
    return out


class LowerDemonyms(dict[str, "tuple[()] | tuple[str, tuple[Candidate, ...]]"]):
    """Word as written -> (its key, its candidates) if it is a French demonym
    in lower case ("tchadien", "sénégalaise": its key's first reading in
    *overlay* is a demonym), else ``()``.  A word is worked out when first
    looked up with ``[]`` (:meth:`__missing__`), so a text's known words are
    looked up at C speed; at *limit* words the table starts again.

    >>> from deploymap.model import Place
    >>> chad = Place("country:TCD", "Chad", "country", "TCD", 15.0, 19.0)
    >>> dem = LowerDemonyms({"tchadien": (Candidate(chad, 1.0, "demonym"),)}, 10)
    >>> dem["tchadien"][0], dem["Tchadien"], dem["armée"]
    ('tchadien', (), ())
    """

    __slots__ = ("limit", "overlay")

    def __init__(self, overlay: Mapping[str, tuple[Candidate, ...]], limit: int):
        super().__init__()
        self.overlay = overlay
        self.limit = limit

    def __missing__(self, w: str) -> tuple[()] | tuple[str, tuple[Candidate, ...]]:
        key = token_key(w) if w[:1].islower() else ""
        cands = self.overlay.get(key) if key else None
        got: tuple[()] | tuple[str, tuple[Candidate, ...]] = (
            (key, cands) if cands and cands[0].form == "demonym" else ()
        )
        if len(self) >= self.limit:
            self.clear()
        self[w] = got
        return got


def lower_name_words() -> frozenset[str]:
    """The words French writes in lower case inside country names
    ("démocratique", "centrafricaine", "arabes")."""
    return frozenset(
        m.group()
        for name in french_country_names()
        for m in _TOKEN.finditer(name)
        if m.group()[:1].islower()
    )


# Where an elided article may open a token before a capital: "l'", "d’", "L'",
# "D'" not followed by a lower-case letter of a-z or Latin-1 (none of which is a
# capital; split_elisions tests the letter itself).  Most elisions of running
# French are before a lower-case word ("l'armée", "d'un") and go no further.
# Found from the apostrophe, one pattern for each (a literal-led search passes
# over a text faster than one led by a set of letters), the letter before it
# tested after.
_ELIDING = tuple(re.compile(f"{a}(?![a-zß-öø-ÿ])") for a in ("'", "’"))
_ELIDED_LETTERS = frozenset("lLdD")


def _elisions(text: str) -> list[int]:
    """Where an elided article may open a token before a capital (see
    :data:`_ELIDING`), in text order.

    >>> _elisions("l'armée de l'ONU, d’Abidjan; qu'Ali")
    [11, 18]
    """
    return sorted(
        s
        for pattern in _ELIDING
        for hit in pattern.finditer(text)
        if (s := hit.start() - 1) >= 0 and text[s] in _ELIDED_LETTERS
    )


def split_elisions(text: str, toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop the elided article of "l'Ituri" and of "d'Abidjan" (but not the
    "d'" that is part of a name, as in "Côte d'Ivoire").

    >>> text = "l'Ituri et Côte d'Ivoire"
    >>> split_elisions(text, [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)])
    [(2, 7, 'Ituri'), (8, 10, 'et'), (11, 15, 'Côte'), (16, 24, "d'Ivoire")]
    """
    return split_elisions_at(text, toks)[0]


def split_elisions_at(
    text: str, toks: list[tuple[int, int, str]]
) -> tuple[list[tuple[int, int, str]], list[int]]:
    """:func:`split_elisions` of *toks*, and the indices of the tokens it
    changed (each opens with a capital now: "Ituri" of "l'Ituri"), in order.

    >>> text = "vers l'Ituri"
    >>> split_elisions_at(text, [(0, 4, "vers"), (5, 12, "l'Ituri")])
    ([(0, 4, 'vers'), (7, 12, 'Ituri')], [1])
    """
    out: list[tuple[int, int, str]] | None = None
    changed: list[int] = []
    start_of = itemgetter(0)
    # only the tokens that open with an elision are looked at (found at C speed)
    for s in _elisions(text):
        i = bisect.bisect_left(toks, s, key=start_of)
        if i >= len(toks) or toks[i][0] != s:
            continue  # inside a token
        e, w = toks[i][1], toks[i][2]
        if len(w) > 2 and w[2:3].isupper():
            prev = toks[i - 1] if i else None
            inside = (
                w[0] in "dD"
                and prev is not None
                and ((changed and changed[-1] == i - 1) or prev[2][:1].isupper())
                and text[prev[1] : s] == " "
            )
            if not inside:
                if out is None:
                    out = list(toks)
                out[i] = (s + 2, e, w[2:])
                changed.append(i)
    return (toks, changed) if out is None else (out, changed)


def is_function_word(key: str) -> bool:
    """A capitalised French function word ("Sur", "Lors") or a body's name
    ("Croix-Rouge") is no place."""
    return key in fr.FUNCTION_WORDS or key in fr.NOT_PLACES


class _Spanned(Protocol):
    start: int
    end: int
    i: int
    j: int


M = TypeVar("M", bound=_Spanned)
_ARTICLE_WORDS = frozenset(a for a in fr.ARTICLES if not a.endswith("'"))


def past_articles(
    toks: list[tuple[int, int, str]],
    matches: list[M],
    scan_at: Callable[[int], list[M]],
) -> list[M]:
    """A name the scan read from a capitalised article ("La Côte" of "La Côte
    d'Ivoire a déployé", at a sentence start) gives way to a longer one that
    starts after the article; *scan_at(i)* is the scan from token *i* alone.
    Names of several tokens only: an article alone opens no name."""
    out: list[M] = []
    skip_to = -1
    for m in matches:
        if m.start < skip_to:
            continue  # inside the longer name
        if m.j > m.i and toks[m.i][2].lower() in _ARTICLE_WORDS:
            longer = [x for x in scan_at(m.i + 1) if x.i == m.i + 1 and x.end > m.end]
            if longer:
                m = longer[0]
                skip_to = m.end
        out.append(m)
    return out
