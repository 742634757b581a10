"""The patterns of mission descriptions and names that :mod:`deploymap.extract.missions`
runs: an organisation, the words that describe an operation and a head noun, tied to a
host ("the NATO-led force in Kosovo"), built from the lexicons of
:mod:`deploymap.extract._mission_lexicon`, and the windows of a text round its mission
nouns where they are tried.

Examples
--------
>>> text = "Soldiers of the UN mission in Mali were seen in Gao."
>>> [text[a:b] == text for a, b in _noun_windows(text)]
[True]
>>> is_national_force("the Malian armed forces")
True
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from deploymap.extract import _mission_lexicon as lex
from deploymap.extract._word_index import Keys, RunBranches, WordIndex
from deploymap.extract.wordscan import leading_run, matches_at

ORGANISATIONS = lex.ORGANISATIONS


def _alternation(words: Iterable[str], ignore_case: bool = True) -> str:
    """A regex alternation of *words*, longest first; spaces and hyphens alike."""
    return "|".join(part for _, part in _alternation_parts(words, ignore_case))


def _alternation_parts(words: Iterable[str], ignore_case: bool = True) -> list[tuple[str, str]]:
    """The branches of :func:`_alternation`, each with its word."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        pat = re.escape(w).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]")
        parts.append((w, f"(?i:{pat})" if ignore_case else pat))
    return parts


def _org_alternation() -> str:
    return "|".join(part for _, part in _org_parts())


def _org_parts() -> list[tuple[str, str]]:
    """The branches of the organisations' alternation, each with its name."""
    parts = []
    for w in sorted(lex.ORGANISATIONS, key=len, reverse=True):
        if w in lex.ORGANISATION_ACRONYMS:
            parts.append((w, re.escape(w.upper())))
        else:
            parts.append((w, _alternation([w])))
    return parts


def _by_first_run(template: str, parts: list[tuple[str, str]]) -> RunBranches:
    """*parts* (word, branch) by the first run of each word."""
    out = RunBranches(template)
    for word, part in parts:
        out.add(leading_run(word), part)
    return out


_ORG = rf"(?P<org>{_org_alternation()})"
_LED = r"(?:-led|-backed|-mandated|-run|-commanded|['’]s)?(?:\s\([A-Z.]{2,10}\))?"
_MOD = _alternation(lex.MODIFIERS)
_NOUN = rf"(?P<noun>{_alternation(lex.MISSION_NOUNS)})"
_PREP = rf"(?P<prep>{'|'.join(lex.HOST_PREPOSITIONS)})"
_DIR = rf"(?:(?i:{'|'.join(re.escape(d) for d in lex.HOST_DIRECTIONS)})\s)?"
_PLACE = (
    rf"(?P<place>(?:the\s)?{_DIR}[A-Z][\w'’-]*(?:\.(?=\s[A-Z]))?"
    r"(?:\s(?:of\s|and\s|the\s)*[A-Z][\w'’-]*){0,4})"
)
# Lower-case words that may stand between the organisation and the noun
# ("the UN's newly expanded mission"), but not a verb of speech or a clause.
_FILLER = (
    r"(?!(?:said|says|and|or|but|to|of|the|has|have|had|is|are|was|were|will|would)\b)[a-z][\w-]*"
)
_WORDS = rf"(?P<mods>(?:\s(?:{_MOD}|{_FILLER})){{0,3}}?)"
DESCRIPTIONS = [
    # "the NATO-led force in Kosovo", "the UN's stabilisation mission in Haiti"
    re.compile(rf"\b{_ORG}{_LED}{_WORDS}\s{_NOUN}\s{_PREP}\s{_PLACE}"),
    # "NATO's Kosovo force", "the UN Lebanon mission"
    re.compile(
        rf"\b{_ORG}(?:['’]s)?\s(?P<place>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)"
        r"\s(?P<noun>[Ff]orce|[Mm]ission|[Oo]peration|peacekeepers)\b"
    ),
    # "the regional force of the East African Community (in Congo)"
    re.compile(
        rf"\b(?:the|a|an)\s(?P<mods>(?:(?:{_MOD})\s){{0,3}}){_NOUN}\sof\sthe\s{_ORG}"
        rf"(?:\s\([A-Z]{{2,8}}\))?(?:\s{_PREP}\s{_PLACE})?"
    ),
    # "the peacekeeping force in Lebanon", "peacekeepers in South Sudan": no organisation
    re.compile(
        rf"\b(?:(?:the|a|an|its)\s(?P<mods>(?:(?:{_MOD})\s){{1,3}}){_NOUN}"
        rf"|(?P<noun2>{_alternation(lex.PEACE_NOUNS)}))\s{_PREP}\s{_PLACE}"
    ),
    # "the AU peacekeeping force", "UN troops": the host comes from the text
    re.compile(rf"\b{_ORG}{_LED}(?P<mods>(?:\s(?:{_MOD})){{0,3}})\s{_NOUN}\b"),
]
HOSTLESS = len(DESCRIPTIONS) - 1

# "the European Union Monitoring Mission in Georgia (EUMM)"
UNCATALOGUED = re.compile(
    r"\b(?:the )?(?P<name>(?:[A-Z][\w'’-]*|of|for|the|in|and)"
    r"(?: (?:[A-Z][\w'’-]*|of|for|the|in|and)){1,12}?"
    r" (?:Mission|Force|Forces|Operation|Observer Group|Office)"
    r"(?: (?:in|for|to) (?P<place>(?:the )?"
    r"[A-Z][\w'’-]*(?: (?:of |and )?[A-Z][\w'’-]*){0,4}))?) \((?P<acr>[A-Z][A-Za-z-]{2,14})\)"
)
_NATIONAL_TAIL = re.compile(rf"(?:{_alternation(lex.NATIONAL_FORCE_TAILS)})$")
_NATIONAL_HEAD = re.compile(rf"^(?:the\s)?(?:{_alternation(lex.NATIONAL_FORCE_TAILS)})\sof\s")
_ORG_AT_START = re.compile(rf"^(?:the\s)?{_ORG}\b")


def is_national_force(name: str) -> bool:
    """Whether *name* is a country's armed force, police or ministry (never a mission).

    >>> is_national_force("Rwanda Defence Force"), is_national_force("Ministry of Defence")
    (True, True)
    >>> is_national_force("East African Community Regional Force")
    False
    >>> is_national_force("European Union Naval Force")
    False
    """
    low = name.lower()
    words = set(re.findall(r"[a-z][a-z-]*", low))
    if _ORG_AT_START.match(name) or words & lex.INTERNATIONAL_WORDS:
        return False
    if any(w in low for w in lex.NATIONAL_BODY_WORDS):
        return True
    return bool(_NATIONAL_TAIL.search(low) or _NATIONAL_HEAD.match(low))


_ORG_START = re.compile(rf"\b(?:{_org_alternation()})\b")


def _trim_name(start: int, name: str) -> tuple[int, str]:
    """Cut leading words that are not part of a mission's name: "Observers of the
    European Union Monitoring Mission" starts at "European"."""
    m = _ORG_START.search(name)
    if m:
        return start + m.start(), name[m.start() :]
    words = re.match(r"(?:(?:The|the|in|of|for|and) )+", name)
    if words:
        return start + words.end(), name[words.end() :]
    return start, name


# Where UNCATALOGUED can match: only before an "(ACRONYM)"; looking there first
# keeps a long text from being scanned with the name pattern at every capital.
_ACRONYM_IN_PARENS = re.compile(r"\([A-Z][A-Za-z-]{2,14}\)")
_NAME_WINDOW = 300
# ... and only where the window holds one of its head nouns (as written)
_UNCATALOGUED_HEADS = ("Mission", "Force", "Operation", "Observer Group", "Office")


# ... and only where a head noun (and its host) ends just before it: the tail of
# UNCATALOGUED, anchored at the parenthesis' end
_TAIL_HEADS = ("Mission", "Force", "Forces", "Operation", "Observer Group", "Office")
_TAIL_PREPOSITIONS = ("in", "for", "to")
_UNCATALOGUED_TAIL = re.compile(
    rf"(?:{'|'.join(_TAIL_HEADS)})"
    rf"(?: (?:{'|'.join(_TAIL_PREPOSITIONS)}) "
    r"(?:the )?[A-Z][\w'’-]*(?: (?:of |and )?[A-Z][\w'’-]*){0,4})?"
    r" \([A-Z][A-Za-z-]{2,14}\)\Z"
)
# the tail's prepositions as they stand in a window
_TAIL_GAPS = tuple(f" {p} " for p in _TAIL_PREPOSITIONS)


def _uncatalogued(text: str, paren: re.Match[str]) -> re.Match[str] | None:
    """``UNCATALOGUED.search`` in the window that ends with *paren*, when its
    match may end there (else None: no match ends with *paren*)."""
    start = max(0, paren.start() - _NAME_WINDOW)
    if text[paren.start() - 1 : paren.start()] != " ":
        return None
    window = text[start : paren.start()]
    if not any(head in window for head in _UNCATALOGUED_HEADS):
        return None
    # the tail's head noun ends at the space before the parenthesis, or a
    # preposition and a host stand between
    if not text.endswith(_TAIL_HEADS, start, paren.start() - 1) and not any(
        gap in window for gap in _TAIL_GAPS
    ):
        return None
    if not _UNCATALOGUED_TAIL.search(text, start, paren.end()):
        return None
    return UNCATALOGUED.search(text, start, paren.end())


# Every description has one of these nouns; the patterns are run only around them.
_NOUN_ANYWHERE = re.compile(rf"\b(?:{_alternation(lex.MISSION_NOUNS)})\b")
_BEFORE_NOUN, _AFTER_NOUN = 160, 120


# ... and looked for at the runs that begin one (the text's runs known)
_NOUN_BRANCHES = _by_first_run(r"\b(?:{})\b", _alternation_parts(lex.MISSION_NOUNS))
_NOUN_KEYS = _NOUN_BRANCHES.keys()
# where an organisation's name can begin ("UN", "A.U.", "African Union", ...)
# (acronyms as written, upper case: "a" is no "A.U.", "un" no "UN")
_ORG_CASED = frozenset(
    o.upper().split(".")[0].split("-")[0]
    for o in lex.ORGANISATIONS
    if o in lex.ORGANISATION_ACRONYMS
)
_ORG_KEYS = Keys(leading_run(o) for o in lex.ORGANISATIONS if o not in lex.ORGANISATION_ACRONYMS)
_ORG_ACRONYM_KEYS = Keys(w.lower() for w in _ORG_CASED)
# the organisations by their first run (lower case), for :func:`_org_starts`
_ORG_BRANCHES = _by_first_run("(?:{})", _org_parts())
# the descriptions that begin with the organisation; of the others, one has it
# further on ("the regional force of the EAC"), one has none (_NO_ORG:
# "peacekeepers in South Sudan")
_ORG_FIRST = frozenset((0, 1, HOSTLESS))
_NO_ORG = 3


# An article opens a description (DESCRIPTIONS[2], [3]) one space before a
# modifier or a noun: it is looked for there alone.
_ARTICLES = ("the", "a", "an", "its")
# (no two end with one letter: the letter before the space names the one to try)
_ARTICLE_BY_LAST = {a[-1]: a for a in _ARTICLES}
_AFTER_ARTICLE_KEYS = Keys({leading_run(m) for m in lex.MODIFIERS} | _NOUN_KEYS)
_PEACE_NOUN_KEYS = Keys(leading_run(n) for n in lex.PEACE_NOUNS)


# Words some descriptions cannot match without, each a whole run as written
# (lower case): a host's preposition ("in", "for", ...: the first and the
# organisation-less one), "of the" ("the regional force of the EAC").
_PREPOSITION_KEYS = Keys(lex.HOST_PREPOSITIONS)
_OF_THE_KEYS = Keys(("of", "the"))
_NEEDS_PREPOSITION = frozenset((0, _NO_ORG))
_NEEDS_OF_THE = frozenset((2,))
# the descriptions tried at _article_starts
AT_ARTICLES = frozenset((2, _NO_ORG))
_EVERY = frozenset(range(len(DESCRIPTIONS)))
# (has a preposition, has "of" and "the") -> the descriptions that may match
_POSSIBLE = {
    (prep, of_the): _EVERY
    - (frozenset() if prep else _NEEDS_PREPOSITION)
    - (frozenset() if of_the else _NEEDS_OF_THE)
    for prep in (False, True)
    for of_the in (False, True)
}

# every run the functions below look up (the word index of a text is made for them)
PATTERN_KEYS = Keys(
    _NOUN_KEYS
    | _ORG_KEYS
    | _ORG_ACRONYM_KEYS
    | _AFTER_ARTICLE_KEYS
    | _PEACE_NOUN_KEYS
    | _PREPOSITION_KEYS
    | _OF_THE_KEYS
)


def possible_descriptions(index: WordIndex) -> frozenset[int]:
    """The descriptions (their places in :data:`DESCRIPTIONS`) whose fixed
    words are runs of the text: the others match nowhere in it.

    >>> text = "The UN mission and its troops, the force of the AU."
    >>> sorted(possible_descriptions(WordIndex.of(text, PATTERN_KEYS)))
    [1, 2, 4]
    """
    words = index.words
    return _POSSIBLE[(not words.isdisjoint(_PREPOSITION_KEYS), _OF_THE_KEYS.issubset(words))]


def _org_starts(text: str, index: WordIndex) -> list[int]:
    """Where an organisation's name begins: at a run that begins one (as
    written for acronyms, "UN" but not "un"), where one of those matches."""
    found = index.keyed(_ORG_KEYS) + index.keyed_upper(_ORG_ACRONYM_KEYS)
    return sorted({p for p, w in found if _ORG_BRANCHES.pattern(w).match(text, p)})


def _article_starts(text: str, index: WordIndex) -> list[int]:
    """Where the descriptions that do not open with an organisation may begin:
    at an article before a modifier or a noun, or at a peace noun."""
    out = set(index.starts(_PEACE_NOUN_KEYS))
    for q in index.starts(_AFTER_ARTICLE_KEYS):
        if not text[q - 1 : q].isspace():
            continue
        # the article that may end just before the space, by its last letter
        article = _ARTICLE_BY_LAST.get(text[q - 2 : q - 1])
        if article is not None:
            p = q - 1 - len(article)
            if p >= 0 and text.startswith(article, p):
                out.add(p)
    return sorted(out)


def _descriptions(
    k: int,
    pat: re.Pattern[str],
    text: str,
    windows: list[tuple[int, int]],
    orgs: list[int] | None,
    starts: list[int] | None = None,
) -> Iterator[re.Match[str]]:
    """``pat.finditer`` in each window; where the text's word runs are known
    (*orgs*: where an organisation may begin), a pattern that needs an
    organisation is tried only in windows that have one, and one that begins
    with it only there; one that begins with an article or a peace noun only
    at *starts* (:func:`_article_starts`), when given."""
    for a, b in windows:
        if orgs is not None and k != _NO_ORG:
            here = orgs[bisect_left(orgs, a) : bisect_left(orgs, b)]
            if not here:
                continue  # no organisation in the window: no description needing one
            if k in _ORG_FIRST:
                yield from matches_at(pat, text, here, b)
                continue
        if starts is None:
            yield from pat.finditer(text, a, b)
        else:
            yield from matches_at(
                pat, text, starts[bisect_left(starts, a) : bisect_left(starts, b)], b
            )


def _noun_windows(text: str, lows: list[tuple[int, str]] | None = None) -> list[tuple[int, int]]:
    """The stretches of *text* around its mission nouns, merged where they meet
    (*lows*: the text's word runs in lower case, when known)."""
    out: list[tuple[int, int]] = []
    if lows is None:
        found: Iterable[re.Match[str]] = _NOUN_ANYWHERE.finditer(text)
    else:
        found = _NOUN_BRANCHES.matches(text, lows)
    for m in found:
        a, b = max(0, m.start() - _BEFORE_NOUN), min(len(text), m.end() + _AFTER_NOUN)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out
