"""Filters of the geoparser's matches: common words, persons, organisations and
media, datelines, statewide mentions (used by :mod:`deploymap.extract.toponyms`)."""

from __future__ import annotations

from deploymap.extract import _lexicon as lex
from deploymap.extract import _place_lexicon as plex
from deploymap.extract.toponym_resolve import _holds
from deploymap.extract.toponym_tokens import (
    _TOKEN,
    _TOKEN_SPLIT,  # noqa: F401  (re-exported: toponyms keeps the names it had)
    _token_key,
)
from deploymap.extract.toponym_types import _Index, _Match

# A one-word name that is also a frequent English word must be this much more
# "place" than "word": log10(population) - zipf frequency (see _is_common_word).
COMMON_WORD_MARGIN = 0.9
COMMON_WORD_MARGIN_SENTENCE_START = 1.8
COMMON_WORD_MIN_ZIPF = 3.0
ADMIN1_LOG_POP = 5.5
COMMON_ADMIN1_ZIPF = 5.1
ORG_LOOKAHEAD = 4


def _held_by_next(text: str, m: _Match, q: _Match | None) -> bool:
    """Whether "Town, Qualifier" holds: *q* follows *m* after ", " and is a province
    abbreviation ("Churchill, Man.") or a country or province that holds one of
    *m*'s candidates ("Paris, Texas")."""
    if q is None or text[m.end : q.start] != ", " or not q.cands or not m.cands:
        return False
    if q.kind == "abbreviation":
        return True
    return any(
        c.place.kind not in ("country", "admin1") and _holds(q, c.place, by_name=True)
        for c in m.cands
    )


def _is_statewide(text: str, toks: list[tuple[int, int, str]], m: _Match) -> bool:
    """Whether the words around *m* say it is a state or province: "New York
    state", "Washington State farm", "New York Gov. Cuomo", "the state of Washington"."""
    k = m.j + 1
    if (
        k < len(toks)
        and text[m.end : toks[k][0]] == " "
        and _token_key(toks[k][2]) in (lex.STATE_CUES)
    ):
        return True
    return text[max(0, m.start - 9) : m.start].lower() == "state of "


def _is_dateline(text: str, toks: list[tuple[int, int, str]], m: _Match) -> bool:
    """Whether *m* is an all-capitals dateline opening a line ("LONDON (Reuters) -",
    "COLUMBIA, Ky.", "DETROIT The ...") rather than a word of an all-capitals headline."""
    if not toks[m.i][2].isupper():  # most names: no need to look further
        return False
    words = [t[2] for t in toks[m.i : m.j + 1]]
    if not all(w.isupper() for w in words) or sum(len(w) for w in words) < 3:
        return False
    # at the start of its line (looking back only to the previous token), or
    # joined by a slash to an all-capitals name that is: "KIGALI/JUBA -"
    i = m.i
    while i > 0 and text[toks[i - 1][1] : toks[i][0]] == "/" and toks[i - 1][2].isupper():
        i -= 1
    gap = text[toks[i - 1][1] if i > 0 else 0 : toks[i][0]]
    nl = gap.rfind("\n")
    if (nl < 0 and i > 0) or gap[nl + 1 :].strip():
        return False
    j = m.j
    while (
        j + 1 < len(toks) and text[toks[j][1] : toks[j + 1][0]] == "/" and toks[j + 1][2].isupper()
    ):
        j += 1
    if j + 1 >= len(toks):
        return True
    s, _, nxt = toks[j + 1]
    after = text[toks[j][1] : s].strip()
    # "LONDON (Reuters) -", "DALLAS —", "NEWARK, N.J.", or the story's first
    # sentence ("DETROIT The agency..."); not "NATO and the EU"
    return after[:1] in (",", "(", "—", "–", "-") or (nxt[:1].isupper() and not nxt.isupper())


def _title_before(text: str, toks: list[tuple[int, int, str]], i: int) -> int | None:
    """The token of the title ("President", "Mr.") that opens the person's name
    token *i* is part of, looking back over at most two capitalised words."""
    k = i - 1
    while k >= 0 and i - k <= 3:
        gap = text[toks[k][1] : toks[k + 1][0]]
        w = toks[k][2]
        if gap not in (" ", ". ") or not w[:1].isupper():
            return None
        key = _token_key(w)
        if key in lex.TITLES:
            return k
        if gap != " ":  # "Doyle. Wisconsin": a sentence ends; only "Mr. X" has the dot
            return None
        if w.isupper() or key in lex.FUNCTION_WORDS:
            return None
        k -= 1
    return None


def _before_person(
    text: str, toks: list[tuple[int, int, str]], m: _Match, person_words: set[str]
) -> bool:
    """Whether *m* is a given name before a surname the text gives a person:
    "Jonas Preston" where the text also writes "President Preston"."""
    k = m.j + 1
    if k >= len(toks) or text[m.end : toks[k][0]] != " " or m.j != m.i:
        return False
    w = toks[k][2]
    return w[:1].isupper() and _token_key(w) in person_words


def _media_index() -> dict[str, list[tuple[str, ...]]]:
    """Agency and broadcaster names by their first token, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for name in plex.NEWS_MEDIA:
        words = tuple(t.group() for t in _TOKEN.finditer(name))
        out.setdefault(words[0], []).append(words)
    for v in out.values():
        v.sort(key=len, reverse=True)
    return out


_MEDIA = _media_index()


def _in_media_name(text: str, toks: list[tuple[int, int, str]], m: _Match) -> bool:
    """Whether *m* lies in the name of a news agency or broadcaster credited in
    *text*: long names anywhere ("Deutsche Welle"), short capitals ("AP", "AFP")
    only as a credit, in parentheses or before "said", "reported" and the like."""
    n = len(toks)
    for k in range(max(0, m.i - 2), m.i + 1):
        w = toks[k][2]
        for words in _MEDIA.get(w, ()):
            j = k + len(words) - 1
            if j < m.i or j >= n or tuple(t[2] for t in toks[k : j + 1]) != words:
                continue
            if len(words) == 1 and w.isupper() and len(w) <= 4:
                s, end = toks[k][0], toks[j][1]
                gap = text[end : toks[j + 1][0]] if j + 1 < n else ""
                return (
                    (text[s - 1 : s] == "(" and text[end : end + 1] in ")/,")
                    or (gap == " " and toks[j + 1][2] in plex.CREDIT_WORDS)
                    # "APA-Pretoria": the agency before its dateline city
                    or (
                        gap == "-"
                        and toks[j + 1][2][:1].isupper()
                        and (k == 0 or "\n" in text[toks[k - 1][1] : s])
                    )
                )
            return True
    return False


def _generic(m: _Match) -> bool:
    """Whether *m* is a lone generic word ("Islands", "The Mission")."""
    key = m.key[4:] if m.key.startswith("the ") else m.key
    return key in plex.GENERIC_WORDS


def _is_plural_demonym(key: str, idx: _Index) -> bool:
    """ "Serbs", "Americans": a people, not an adjective ("Swiss" is both)."""
    return key.endswith("s") and key[:-1] in idx.names


# Capitalised words that do not open a street's name ("On Tuesday Main Street").
_NOT_NAME = lex.MONTHS | lex.WEEKDAYS | lex.TITLES
