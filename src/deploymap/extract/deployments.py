"""Stage 3 of reading deployments: claims, sentence by sentence, into records.

For each sentence: its structure (:mod:`.structure`), the roles over it
(:mod:`.roles`) and its events (:mod:`.events`).  Across sentences the claims
about one nation are merged: the figure said with the most confidence (the
first on a tie) is the contingent, the latest status holds ("the contingent
exited" after "the withdrawal of 116 of its troops" is withdrawn), and every
sentence stays as evidence.  A sentence that names another mission and not
this one speaks of that mission: its claims are left out.

A figure in a sentence without a nation but about "the contingent" belongs to
the nation the previous sentence was about ("Cameroon sent its sixth
contingent. ... the contingent comprises 750 soldiers and 350 gendarmes").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from deploymap._frozen import fast_init
from deploymap.extract import lexicon as lx
from deploymap.extract.dates import find_dates
from deploymap.extract.events import (
    CountryMention,
    handovers,
    may_tell_events,
    tensions,
    text_words,
)
from deploymap.extract.figures import lexicon_of
from deploymap.extract.mission_roles import (
    LEAVING_VERBS,
    MissionFigure,
    mission_figures,
    mission_leaves,
)
from deploymap.extract.roles import Claim, Context, read_claims
from deploymap.extract.structure import (
    Sentence,
    build_sentence,
    is_date_number,
    sentence_figures,
)
from deploymap.model import Event, Evidence, Mission, Toponym

MISSION_ANAPHORA = re.compile(
    r"\b(?:the|its|this) (?:mission|force|operation|group|deployment|peacekeeping "
    r"force|peacekeepers)\b|\b(?:the mission['’]s|the force['’]s)\b|"
    r"\d-strong (?:\w+ ){0,2}(?:mission|force|operation)\b|"
    r"\b(?:size|strength|number|total) of (?:the|its) (?:forces?|mission|troops|peacekeepers)\b",
    re.IGNORECASE,
)


def _phrase_pattern(phrases: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    alts = [r"\s*".join(re.escape(w).replace("'", "['’]") for w in p) for p in phrases]
    return re.compile(r"(?<!\w)(?:" + "|".join(alts or ["(?!)"]) + r")(?!\w)", re.IGNORECASE)


# "la force", "cette mission": the mission without its name (the lexicons' phrases)
_MISSION_PHRASES = _phrase_pattern(lx.MISSION_PHRASES)
# the last words of those phrases, in lower case; the first words ("l'" both
# ways) by the second word of their phrases
_PHRASE_ENDS = tuple(sorted({p[-1].lower() for p in lx.MISSION_PHRASES}))
_FIRSTS_BY_SECOND: dict[str, tuple[str, ...]] = {}
for _p in lx.MISSION_PHRASES:
    if len(_p) > 1:
        _firsts = {_p[0].lower().replace("'", q) for q in "'’"}
        _FIRSTS_BY_SECOND[_p[1].lower()] = tuple(
            sorted(_firsts.union(_FIRSTS_BY_SECOND.get(_p[1].lower(), ())))
        )
_PLAIN_PHRASES = (
    all(len(p) > 1 for p in lx.MISSION_PHRASES)
    and all(w.isalpha() for w in _PHRASE_ENDS)
    and all(w.isalpha() for w in _FIRSTS_BY_SECOND)
    and all(f.rstrip("'’").isalpha() for fs in _FIRSTS_BY_SECOND.values() for f in fs)
)
_WORD_CHAR = re.compile(r"\w")
# the runs of letters a phrase's second word stands in where the phrase is
# found: alone or run together with the first word (no space between), and
# alone or with the words after it (no space after); a sentence without one of
# a second word's runs has none of its phrases
_SECOND_RUNS: dict[str, frozenset[str]] = {}
for _p in lx.MISSION_PHRASES:
    if len(_p) > 1:
        _runs = {"".join(_p[j:k]).lower() for j in (0, 1) for k in range(2, len(_p) + 1)}
        _SECOND_RUNS[_p[1].lower()] = _SECOND_RUNS.get(_p[1].lower(), frozenset()) | _runs
# the run of letters a phrase's match ends with: its last word, or its last
# words run together where the pattern's spaces are none ("laforce"); a
# sentence without one of these among its words has no phrase
_PHRASE_RUNS = frozenset(
    "".join(p[j:]).lower()
    for p in lx.MISSION_PHRASES
    for j in range(len(p))
    if all(w.isalpha() for w in p[j:])
)


def _mission_phrase(text: str, s: int, e: int, words: AbstractSet[str] | None) -> bool:
    """``_MISSION_PHRASES.search(text, s, e) is not None``, the pattern tried
    only where the sentence in lower case has a phrase's second word with one
    of its first words just before it (spaces between), not after a word
    character, and only when it has a phrase's last word somewhere.  (The
    second words are rarer than the first, "la", "les".)  *words* (None when
    the text has a letter of :data:`~deploymap.extract.wordscan.CASE_ODD`) says
    lower case finds what the pattern's IGNORECASE does, at the same offsets,
    and that a phrase the pattern finds ends a run of letters that is one of
    :data:`_PHRASE_RUNS` (it starts and ends at no word character)."""
    if words is None or not _PLAIN_PHRASES:
        return _MISSION_PHRASES.search(text, s, e) is not None
    if words.isdisjoint(_PHRASE_RUNS):
        return False
    low = text[s:e].lower()
    if not any(w in low for w in _PHRASE_ENDS):
        return False
    for second, firsts in _FIRSTS_BY_SECOND.items():
        if words.isdisjoint(_SECOND_RUNS[second]):
            continue
        k = low.find(second)
        while k >= 0:
            j = k  # the first word ends where the spaces before the second begin
            while j and low[j - 1].isspace():
                j -= 1
            for f in firsts:
                p = j - len(f)
                if (
                    p >= 0
                    and low.startswith(f, p)
                    and not (s + p and _WORD_CHAR.match(text, s + p - 1))
                    and _MISSION_PHRASES.match(text, s + p, e)
                ):
                    return True
            k = low.find(second, k + 1)
    return False


# "It now has 9,200 troops", "Mais elle ne dispose que de ...": the previous subject
_PRONOUN_START = re.compile(
    r"\W*(?:\w+\W+)?(?:" + "|".join(sorted(lx.SUBJECT_PRONOUNS)) + r")\b", re.IGNORECASE
)
_PRONOUNS = frozenset(w.lower() for w in lx.SUBJECT_PRONOUNS)


def _pronoun_start(text: str, s: int, e: int, words: AbstractSet[str] | None) -> bool:
    """``_PRONOUN_START.match(text, s, e)``, tried only when the sentence's
    *words* (None: unknown) have a pronoun: the pattern's pronoun starts the
    sentence or follows a non-word character, and ends at a word boundary, so
    it is a whole run of letters."""
    if words is not None and words.isdisjoint(_PRONOUNS):
        return False
    return _PRONOUN_START.match(text, s, e) is not None


# lead nations: "Spain leads Sector East", "Hungary commands the operation"
_LEAD_VERBS = (
    "leads",
    "led",
    "is leading",
    "will lead",
    "commands",
    "commanded",
    "heads",
    "headed",
    "is in charge of",
    "will command",
)
LEADS = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:" + "|".join(_LEAD_VERBS) + r")\b",
    re.IGNORECASE,
)
# the longest word of each verb of LEADS: a whole run of letters wherever the
# verb is matched after a space (its words are apart by one space, and the
# verb ends at a word boundary)
_LEAD_WORDS = frozenset(max(reversed(v.split()), key=len) for v in _LEAD_VERBS)
_LEAD_OBJECT = re.compile(
    r"\b(?:sector|mission|operation|force|command|battalion|brigade|contingent)\b", re.IGNORECASE
)
# (no look-behind first: the engine then skips straight to the names' first
# letters; :func:`_force_names` checks the character before)
_FORCE_NAMES = re.compile(
    r"(?:"
    + "|".join(re.escape(n) for n in sorted(lx.ARMED_FORCES, key=len, reverse=True))
    + r")(?![\w-])"
)
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def _force_names(text: str) -> list[tuple[int, int, str]]:
    """``(?<![\\w-])`` + :data:`_FORCE_NAMES` over *text*, as (start, end, iso3)."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    while (m := _FORCE_NAMES.search(text, pos)) is not None:
        a = m.start()
        if a and _WORD_OR_HYPHEN.match(text, a - 1):
            pos = a + 1  # inside a word: the next place is tried, as finditer would
            continue
        out.append((a, m.end(), lx.ARMED_FORCES[m.group(0)]))
        pos = m.end()
    return out


# the armed forces' names lowered, when each is one run of ASCII letters (as
# :func:`~deploymap.extract.events.sentence_words` finds them): a name the
# pattern finds starts after no word character or hyphen and ends before none,
# so it is a whole word of the sentence it starts in (unless the sentence ends
# inside a run of letters); else (None) every sentence is looked at
_FORCE_WORDS: frozenset[str] = (
    frozenset(n.lower() for n in lx.ARMED_FORCES)
    if all(n.isascii() and n.isalpha() for n in lx.ARMED_FORCES)
    else frozenset()
)
_FORCES_AS_WORDS = bool(_FORCE_WORDS) or not lx.ARMED_FORCES


def _cut_run(text: str, e: int) -> bool:
    """Whether a sentence ending at *e* ends inside a run of letters (or the
    armed forces' names are not all plain words: then every sentence is)."""
    return not _FORCES_AS_WORDS or (0 < e < len(text) and text[e - 1 : e + 1].isalpha())


_CONTINGENT_ANAPHORA = lx.CONTINGENT_ANAPHORA
_AND_APPROX = lx.APPROX_WORDS | {"and", ","}


@dataclass
class Findings:
    """What one pass over the sentences found (mutable while it is built)."""

    claims: dict[str, list[tuple[Claim, Evidence]]] = field(default_factory=dict)
    figures: list[tuple[MissionFigure, Evidence]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    leads: set[str] = field(default_factory=set)
    left: bool = False  # the mission's troops have all left ("the last peacekeepers left")


def extract_deployments(
    text: str,
    sentences: list[tuple[int, int]],
    toponyms: list[Toponym],
    mission: Mission | None,
    mission_spans: list[tuple[int, int]],
    year: int | None = None,
    source: str = "",
    date: str = "",
    other_spans: list[tuple[int, int]] = (),  # type: ignore[assignment]
    lang: str = "en",
    name_spans: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> Findings:
    """Read contributors, figures and events out of *text* for *mission*.

    *mission_spans* are where the text names *mission*; *other_spans* where it
    names other missions; *name_spans* those of all that are names or acronyms
    (not descriptions), each read as one token.
    """
    hosts = set(mission.hosts) if mission else set()
    org = lexicon_of(lang).ORGANISATION_WORDS.get(mission.organisation, "") if mission else ""
    about_before = False
    found = Findings()
    nations = [t for t in toponyms if t.iso3 and t.kind in ("country", "capital")]
    starts = [t.start for t in nations]
    forces: list[tuple[int, int, str]] | None = None  # (found when a sentence may name one)
    fstarts: list[int] = []
    all_spans = sorted(name_spans)
    all_starts = [a for a, _ in all_spans]
    mine_spans = sorted(mission_spans, key=lambda x: x[0])  # (stable: the text's order)
    mine = [a for a, _ in mine_spans]
    other = sorted(a for a, _ in other_spans)
    focus = ""
    focus_all: tuple[str, ...] = ()  # the nations of the previous sentence's claims
    words_of = text_words(text)  # (sentence_words of each sentence)
    for s, e in sentences:
        in_sent = nations[bisect_left(starts, s) : bisect_left(starts, e)]
        words = words_of(s, e)
        cue = _has_cue(text, s, e) if words is None else not words.isdisjoint(_CUE_SET)
        # nothing a role could be read from: no troop word, lead or figure cue
        read = cue and bool(in_sent or ((mission or focus) and _has_figure(text, s, e, words)))
        told = may_tell_events(words, lang)
        if not (read or told):
            continue  # (the dates and evidence only these two stages need)
        ev = Evidence(s, e, text[s:e], source, date)
        if told:
            dates = find_dates(text, s, e, default_year=year, lang=lang, ref=date, words=words)
            countries = [
                CountryMention(t.iso3, t.start, t.end, t.demonym, t.text)
                for t in in_sent
                if t.kind == "country"
            ]
            handovers(text, s, e, countries, dates, mission, ev, found.events, lang, words)
            tensions(text, s, e, countries, found.events, ev, words)
            if not read:
                continue
            figures = sentence_figures(text, s, e, dates, lang, words)
        else:
            # the roles need the dates only to leave out the numbers that are
            # part of one: looked for when the sentence has a number (the
            # figures are its numbers that are part of no date, one by one)
            figures = sentence_figures(text, s, e, [], lang, words)
            dates = (
                find_dates(text, s, e, default_year=year, lang=lang, ref=date, words=words)
                if figures
                else []
            )
            if dates:
                kept = [n for n in figures if not is_date_number(n, dates)]
                if len(kept) < len(figures):
                    figures = kept
        m0, m1 = bisect_left(mine, s), bisect_left(mine, e)
        names_mine = m1 > m0
        names_other = bisect_left(other, e) > bisect_left(other, s)
        about = (
            names_mine
            or (
                (
                    words is None
                    or not (words.isdisjoint(_ANAPHORA_NOUNS) or words.isdisjoint(_ANAPHORA_HEADS))
                )
                and MISSION_ANAPHORA.search(text, s, e) is not None
            )
            or _mission_phrase(text, s, e, words)
            or (about_before and _pronoun_start(text, s, e, words))
        )
        about_before = about
        if words is not None and words.isdisjoint(_FORCE_WORDS) and not _cut_run(text, e):
            in_forces = []  # (no armed force's name is a word of the sentence)
        else:
            if forces is None:
                forces = _force_names(text)
                fstarts = [f[0] for f in forces]
            in_forces = forces[bisect_left(fstarts, s) : bisect_left(fstarts, e)]
        hosts_only = all(t.iso3 in hosts for t in in_sent) and (
            not in_forces or all(f[2] in hosts for f in in_forces)
        )
        # none but the hosts named (or no nation at all): a host never
        # contributes nor leads, so without a figure there is no claim (nor
        # one for the nation in focus, nor for "each"), no figure, no nation
        # foreign to the mission, and the focus stays; only the mission's
        # leaving could be read, and only in a sentence about it
        if hosts_only and not figures and (not about or not _may_leave(text, s, e)):
            continue
        sn = build_sentence(
            text,
            s,
            e,
            in_sent,
            dates,
            in_forces,
            lang=lang,
            missions=all_spans[bisect_left(all_starts, s) : bisect_left(all_starts, e)],
            words=words,
            figures=figures,
        )
        # a nation named that hosts none of the mission (the sentence's nation
        # tokens are some of *in_sent* and *in_forces*: none when those are hosts)
        foreign = not hosts_only and sn.foreign(hosts)
        ctx = Context(hosts, about, org, tuple(mine_spans[m0:m1]) if names_mine else (), foreign)
        claims, owned = read_claims(sn, ctx)
        found.left = found.left or mission_leaves(sn, ctx)
        for k in sn.nation_at:
            t = sn.special[k]
            if not t.demonym and t.iso3 not in hosts and _leads(sn, k, about, words):
                found.leads.add(t.iso3)
                if not any(x.iso3 == t.iso3 for x in claims):
                    claims.append(Claim(t.iso3, confidence=0.4))
        if names_other and not names_mine:
            claims = []  # "880 of its soldiers serve in the UN force in Mali" (another mission)
        if (focus or focus_all) and not foreign:
            claims = _focus_claims(sn, focus, owned) if focus else []
            if not claims and len(focus_all) > 1:
                claims = _each_claims(sn, focus_all, owned)
        for c in claims:
            found.claims.setdefault(c.iso3, []).append((c, ev))
        named = {c.iso3 for c in claims}
        if len(named) == 1:
            focus, focus_all = next(iter(named)), ()
        elif len(named) > 1:
            focus, focus_all = "", tuple(dict.fromkeys(c.iso3 for c in claims))
        elif foreign:
            focus, focus_all = "", ()
        if not names_other or names_mine:
            for f in mission_figures(sn, ctx, owned):
                found.figures.append((f, ev))
    return found


def _number_word_alt() -> str:
    from deploymap.extract.language import LANGUAGES

    langs = [lexicon_of(code) for code in LANGUAGES]
    words = {w for m in langs for w in (*m.SCALES, *m.HUNDREDS, *m.COLLECTIVES)}
    return "|".join(sorted(words, key=len, reverse=True))


_DIGIT = re.compile(rf"\d|\b(?:{_number_word_alt()})\b", re.IGNORECASE)
_DIGIT_ONLY = re.compile(r"\d")
_NUMBER_WORDS = frozenset(_number_word_alt().split("|"))
_PLAIN_NUMBER_WORDS = all(w.isalpha() for w in _NUMBER_WORDS)  # a set look-up finds them
# every branch of MISSION_ANAPHORA has one of these as a whole word
_ANAPHORA_NOUNS = frozenset(
    [
        "mission",
        "force",
        "forces",
        "operation",
        "group",
        "deployment",
        "peacekeeping",
        "peacekeepers",
        "troops",
    ]
)
# and one of these (the first word of each branch but the "-strong" one's)
_ANAPHORA_HEADS = frozenset(["the", "its", "this", "size", "strength", "number", "total", "strong"])


def _has_figure(text: str, s: int, e: int, words: AbstractSet[str] | None) -> bool:
    """``_DIGIT.search(text, s, e)``, by the sentence's *words* when known."""
    if words is None or not _PLAIN_NUMBER_WORDS:
        return _DIGIT.search(text, s, e) is not None
    return not words.isdisjoint(_NUMBER_WORDS) or _DIGIT_ONLY.search(text, s, e) is not None


# A sentence is read only when it holds one of these: every role the reader
# knows needs a troop or unit noun, a contributor or lead word, or a figure cue.
_CUE_WORDS = sorted(
    {*lx.PERSONNEL_NOUNS, *lx.UNIT_NOUNS, *lx.ARMED_FORCES, *lx.SENTENCE_CUES},
    key=len,
    reverse=True,
)
_CUE_SET = frozenset(w.lower() for w in _CUE_WORDS)
_LETTERS = re.compile(r"[^\W\d_]+")


def _has_cue(text: str, s: int, e: int) -> bool:
    """A cue word in ``text[s:e]`` (a set look-up per word: five times faster
    than one alternation of some 300 words)."""
    return any(w.lower() in _CUE_SET for w in _LETTERS.findall(text, s, e))


def _may_leave(text: str, s: int, e: int) -> bool:
    """False when no token of ``text[s:e]`` can be one of the verbs
    :func:`~deploymap.extract.roles.mission_leaves` looks for: none is in the
    sentence lowered (a token's word is its text lowered, and each letter but
    sigma, which none of the verbs has, lowers alone)."""
    low = text[s:e].lower()
    return any(w in low for w in _LEAVING_CORES)


# the verbs of leaving that hold no other one: a text holds one of the verbs
# when it holds one of these (each verb holds one of them, each is a verb)
_LEAVING_CORES = tuple(
    v for v in sorted(LEAVING_VERBS) if not any(u != v and u in v for u in LEAVING_VERBS)
)


def _leads(sn: Sentence, c: int, about: bool, words: AbstractSet[str] | None = None) -> bool:
    """Whether the nation at token *c* leads the mission or a part of it
    (:data:`LEADS` after it).  *words* (:func:`sentence_words` of the
    sentence) without any of :data:`_LEAD_WORDS` says that no verb of
    :data:`LEADS` follows the nation but one that goes on from its last letter
    ("Chadleads": a token that ends inside a run of letters)."""
    t = sn.special[c]
    if (
        words is not None
        and words.isdisjoint(_LEAD_WORDS)
        and not sn.text[t.end : t.end + 1].isalpha()
    ):
        return False
    end = min(sn.e, t.end + 40)
    m = LEADS.match(sn.text, t.end, end)
    if m is None:
        return False
    if m.end() == end < sn.e and (sn.text[end].isalnum() or sn.text[end] == "_"):
        return False  # the window's edge ended the verb: "will lead|East" is "will leadEast"
    return about or bool(_LEAD_OBJECT.search(sn.text, t.end, min(sn.e, t.end + 80)))


def _focus_claims(sn: Sentence, focus: str, owned: set[int]) -> list[Claim]:
    """A sentence about "the contingent" with figures and no nation: the previous one's."""
    k = sn.has(0, sn.n, _CONTINGENT_ANAPHORA)
    if k < 0 and sn.low(0) in lx.SUBJECT_PRONOUNS:
        k = 0  # "It numbers 850 soldiers", "Il compte 850 hommes": the previous subject
    figs = [f for f in sn.figures if f.personnel and f.role == "" and f.tok not in owned]
    if not figs:
        return []
    if k < 0:
        # "some 170 personnel would join the mission": the figure moves in
        f = figs[0]
        if sn.has(f.noun + 1, f.noun + 4, lx.ARRIVAL_VERBS) < 0:
            return []
        figs = [f]
    # "750 soldiers and 350 gendarmes": the parts of one contingent add up
    total = figs[0].value
    used = [figs[0]]
    for f in figs[1:]:
        between = {sn.low(j) for j in range(used[-1].noun + 1, f.tok)}
        if used[-1].noun >= 0 and between <= _AND_APPROX:
            total += f.value
            used.append(f)
        else:
            break
    for f in used:
        owned.add(f.tok)
    t0, t1 = sn.special[used[0].tok], sn.special[used[-1].tok]
    span = (t0.num.start if t0.num else t0.start, t1.end)
    return [Claim(focus, total, None, "", used[0].personnel, 0.45, span)]


def _each_claims(sn: Sentence, nations: tuple[str, ...], owned: set[int]) -> list[Claim]:
    """ "A, B and C will send troops. Each country will contribute a battalion of
    850": a figure said of "each" in a sentence without nations is every one's."""
    if sn.has(0, sn.n, lx.EACH) < 0:
        return []
    f = next((x for x in sn.figures if x.personnel and x.role == "" and x.tok not in owned), None)
    if f is None:
        return []
    owned.add(f.tok)
    t = sn.special[f.tok]
    span = (t.num.start if t.num else t.start, t.end)
    return [Claim(iso3, f.value, None, "", f.personnel, 0.45, span) for iso3 in nations]


@fast_init
@dataclass(frozen=True, slots=True)
class Record:
    """One nation's merged claims."""

    iso3: str
    troops: int | None
    change: int | None
    status: str
    personnel: str
    confidence: float
    figure: Evidence | None
    evidence: tuple[Evidence, ...]
    lead: bool


def records(found: Findings) -> list[Record]:
    """The merged record of each nation, in the order they were first claimed."""
    out = []
    for iso3, items in found.claims.items():
        # one pass: the most confident claim with a figure (the first on a
        # tie), the first change said, the last status said, the top confidence
        best = None
        first_change = None
        said = ""
        whole_exit = False
        confidence = items[0][0].confidence
        for item in items:
            c = item[0]
            if c.troops is not None and (best is None or c.confidence > best[0].confidence):
                best = item
            if first_change is None:
                first_change = c.change
            if c.status:
                said = c.status
                whole_exit = whole_exit or (c.whole and c.status == "withdrawn")
            if c.confidence > confidence:
                confidence = c.confidence
        change = best[0].change if best else None
        if change is None:
            change = first_change
        status = said or "deployed"
        if found.left:
            status = "withdrawn"  # the mission's troops have all gone home
        if status == "withdrawing" and whole_exit:
            status = "withdrawn"
        personnel = best[0].personnel if best else items[0][0].personnel
        figure = None
        if best and best[0].figure:
            a, b = best[0].figure
            ev = best[1]
            figure = Evidence(a, b, ev.text[a - ev.start : b - ev.start], ev.source, ev.date)
        out.append(
            Record(
                iso3,
                best[0].troops if best else None,
                change,
                status,
                personnel,
                round(confidence, 2),
                figure,
                _distinct([ev for _, ev in items]),
                iso3 in found.leads,
            )
        )
    return out


def _distinct(evs: list[Evidence]) -> tuple[Evidence, ...]:
    """``tuple(dict.fromkeys(evs))``: when no two start at the same place no
    two are equal, and none need be hashed (a call of Python each)."""
    if len({ev.start for ev in evs}) == len(evs):
        return tuple(evs)
    return tuple(dict.fromkeys(evs))


@fast_init
@dataclass(frozen=True, slots=True)
class MissionFigures:
    """The mission's current strength, ceiling and peak, each with its evidence."""

    troops: int | None = None
    authorised: int | None = None
    peak: int | None = None
    evidence: tuple[Evidence, ...] = ()
    troops_evidence: Evidence | None = None
    authorised_evidence: Evidence | None = None
    peak_evidence: Evidence | None = None


def _figure_evidence(f: MissionFigure, ev: Evidence) -> Evidence:
    a, b = f.span
    return Evidence(a, b, ev.text[a - ev.start : b - ev.start], ev.source, ev.date)


def best_total(found: Findings) -> MissionFigures:
    """The mission's current strength, authorised ceiling and peak as the text gives them."""
    # the top score of each kind (the top value of the peaks), the first on a tie
    total = ceiling = peak = None
    for x in found.figures:
        kind = x[0].kind
        if kind == "total":
            if total is None or x[0].score > total[0].score:
                total = x
        elif kind == "authorised":
            if ceiling is None or x[0].score > ceiling[0].score:
                ceiling = x
        elif kind == "peak" and (peak is None or x[0].value > peak[0].value):
            peak = x
    if peak and total and peak[0].value <= total[0].value:
        peak = None
    if ceiling and total and ceiling[0].value == total[0].value:
        ceiling = None
    evidence = _distinct([x[1] for x in (total, ceiling, peak) if x])
    return MissionFigures(
        troops=total[0].value if total else None,
        authorised=ceiling[0].value if ceiling else None,
        peak=peak[0].value if peak else None,
        evidence=evidence,
        troops_evidence=_figure_evidence(*total) if total else None,
        authorised_evidence=_figure_evidence(*ceiling) if ceiling else None,
        peak_evidence=_figure_evidence(*peak) if peak else None,
    )
