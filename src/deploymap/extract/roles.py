"""Stage 2 of reading deployments: roles over a sentence's structure.

Given a :class:`~deploymap.extract.structure.Sentence`, decide for each
nation group whether it contributes (subject of a deployment verb, source of
troops, member of a list of contributors, a demonym qualifying a troop
noun), whether it only stands there (a place after "in", a nation asked or
approached, a party to the conflict, a nation that left), and which figure
is its own: written in parentheses after it, paired in order ("respectively",
or two lists of the same length), shared ("each"), gapped ("Chad 40"), given
first ("850 from Gabon", "392 Rwandans"), possessive ("Nepal's 870"), or the
object of its verb.  A figure that is a change ("a further 200") gives the
change; the target after it ("taking its contingent to 440") gives the
contingent.  What is left over is for the mission
(:func:`deploymap.extract.mission_roles.mission_figures`).

Every look-around is bounded (:data:`~deploymap.extract.structure.WINDOW`).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from deploymap._frozen import fast_init
from deploymap.extract import lexicon as lx
from deploymap.extract.role_verbs import (
    SAY,
    SIZE_WORDS,
    past_apposition,
    verb_group,
    verb_object,
)
from deploymap.extract.structure import WINDOW, Figure, Group, Sentence

BLOCK_WITHDRAWAL = lx._words("delay delayed postpone postponed extend extended halt halted")
# word sets the stages look up, made once (a union made at each call costs more
# than the look-up)
_GAP_WORDS = lx.APPROX_WORDS | {"a", "total", "of", "than", "to"}
_OF_OR_DETERMINER = lx.OF | lx.DETERMINERS
_RELATIVE_CUES = lx.TOTAL_CUES | lx.DEPLOY_VERBS | lx.UNIT_OF
_CHANGE_OR_TARGET = lx.CHANGE_VERBS | lx.TO_TARGET_VERBS
# Without one of these words a sentence blocks no group (:func:`_blocked` looks
# for nothing else after the word before the group), names no withdrawal
# (:func:`_withdraw_verb`), no figure of "each" (:func:`_each_figure`).
_BLOCK_WORDS = (
    lx.APPROACH_CUES
    | lx.BLOCK_CUES
    | lx.FORMER_CUES
    | lx.HOSTILE_CUES
    | {"left", "withdrew", "withdrawn"}
    | lx.NEGATION_CUES
    | {p[0] for p in lx.NEGATION_PHRASES}
)
_WITHDRAW_WORDS = lx.WITHDRAW_VERBS | {p[0] for p in lx.WITHDRAW_PHRASES}
_MISSION_NOUNS_OR_OF = lx.MISSION_NOUNS | lx.OF
# every word :func:`read_claims` asks the sentence's words about
_SENTENCE_CUES = _BLOCK_WORDS | _WITHDRAW_WORDS | lx.EACH | lx.WITH


def _words_of(sn: Sentence) -> frozenset[str]:
    """The words of *sn*'s tokens that are cues :func:`read_claims` tests for
    (:data:`_SENTENCE_CUES`), as a set: one look-up tells that a cue is nowhere
    in the sentence, so that no stage need look for it word by word.  (One
    pass over the tokens; the tests then look in this small set.)"""
    return _SENTENCE_CUES.intersection(sn.lows)


@fast_init
@dataclass(frozen=True, slots=True)
class Claim:
    """What one sentence says about one nation in the mission."""

    iso3: str
    troops: int | None = None
    change: int | None = None
    status: str = ""  # "" when the sentence says nothing of it (deployed by default)
    personnel: str = "troops"
    confidence: float = 0.5
    figure: tuple[int, int] | None = None  # character span of the figure itself
    whole: bool = True  # the status concerns the whole contingent (not "200 of them")


@dataclass(slots=True)
class Context:
    hosts: set[str]
    about_mission: bool
    org: str = ""  # the main mission's organisation word, lower case ("nato")
    # where the sentence names the mission: (start, end) character spans
    names: tuple[tuple[int, int], ...] = ()
    # ``sn.foreign(hosts)`` of the sentence read, when the caller knows it
    foreign: bool | None = None


_DETERMINERS = lx.DETERMINERS
_SOURCE_PREPS = lx.SOURCE_PREPS


def _prev_index(sn: Sentence, i: int) -> int:
    """The token before *i*, determiners skipped ("from the Philippines")."""
    k = i - 1
    lows = sn.lows  # (i is a token's index: every k below is one too)
    while k >= 0 and (w := lows[k]) in _DETERMINERS and w not in _SOURCE_PREPS:
        k -= 1  # "du", "des" are "of the" (kept), "le", "la" articles (skipped)
    return k


def _leaves_home(sn: Sentence, g: Group, w: int) -> bool:
    """ "250 Senegalese gendarmes left Dakar", "a quitté Lomé": leaving one's own
    country or capital is setting out for the mission, not withdrawing from it."""
    special = sn.special
    own = {special[m].iso3 for m in g.members}
    for k in range(w + 1, min(sn.n, w + 4)):
        t = special.get(k)
        if t is not None and t.kind == "nation":
            return t.iso3 in own
    return False


def _withdraw_verb(
    sn: Sentence, g: Group, a: int, b: int, vg: tuple[int, int, str] | None = None
) -> int:
    """The withdrawal said of this group: just before it ("the withdrawal of 116
    Senegalese ...", "a farewell for the Angolan contingent"), as its own verb
    ("Croatia decided to pull its troops out", "A and B - the largest
    contributors - will withdraw"), or after "is the first country to exit".
    *vg* is ``verb_group(sn, g.last, b)`` when the caller has it."""
    for k in range(max(a, g.first - 6), g.first):
        if sn.low(k) in lx.WITHDRAW_VERBS or sn.phrase_at(k, lx.WITHDRAW_PHRASES):
            return k
    verb, obj, _ = verb_group(sn, g.last, b) if vg is None else vg
    if verb >= 0:
        hit = sn.low(verb) in lx.WITHDRAW_VERBS or sn.phrase_at(verb, lx.WITHDRAW_PHRASES)
        return verb if hit and not _leaves_home(sn, g, verb) else -1
    if sn.low(obj) in lx.WITHDRAW_VERBS:
        return obj
    if sn.low(obj - 1) not in ("is", "are", "was", "were"):
        return -1
    for k in range(obj, min(b, obj + WINDOW)):
        if sn.kind(k) == "nation":
            return -1
        if sn.low(k) in lx.WITHDRAW_VERBS or sn.phrase_at(k, lx.WITHDRAW_PHRASES):
            return k
    return -1


def _status_of(
    sn: Sentence,
    g: Group,
    a: int,
    b: int,
    verb_status: str,
    vg: tuple[int, int, str] | None = None,
) -> tuple[str, bool]:
    """(status, whole) for a group from the words of its clause [a, b)."""
    w = _withdraw_verb(sn, g, a, b, vg)
    if w >= 0 and sn.has(max(a, w - 6), w, BLOCK_WITHDRAWAL) < 0:
        future = sn.has(max(a, w - 4), min(b, w + 6), lx.FUTURE_CUES) >= 0
        if sn.has(max(a, w - 3), w, lx.BEGIN_VERBS) >= 0:
            future = True  # "began to withdraw", "a commencé à retirer": under way
        partial = sn.has(max(a, g.first - 3), g.first, {"some", "part", "half"}) >= 0
        # a figure of its own, before it ("300 Bangladeshi troops ... will leave") or as
        # the verb's object ("withdrew 250 troops"): only part of the contingent
        own = [f for f in sn.figures if g.first - 4 <= f.tok < g.first or w < f.tok <= w + 4]
        if any(f.sign < 0 or f.personnel for f in own):
            partial = partial or not (sn.has(a, b, lx.COMPLETE_CUES) >= 0)
        if future or partial:
            return "withdrawing", not partial
        return "withdrawn", True
    return verb_status, True  # "" when the clause says nothing of it


def _blocked(
    sn: Sentence,
    g: Group,
    a: int,
    ctx: Context,
    p: int | None = None,
    cued: bool | AbstractSet[str] = True,
) -> str:
    """Why a group is no contributor here ("place", "approached", ...), or "".

    *p* is ``_prev_index(sn, g.first)`` when the caller has it; *cued* False
    says the sentence has none of :data:`_BLOCK_WORDS`, a set which of them
    it has (each look below is for the words of one kind: none is made for a
    kind the sentence lacks)."""
    if p is None:
        p = _prev_index(sn, g.first)
    pw = sn.low(p)
    if pw in lx.LOCATIVES and not (pw == "to" and sn.low(p - 1) in lx.DEPLOY_VERBS and False):
        # "present in South Sudan", "moving through Greece into Macedonia"
        return "place"
    if pw == "of" and sn.low(p - 1) in (
        "government",
        "governments",
        "president",
        "capital",
        "north",
        "south",
        "east",
        "west",
        "army",
        "armies",
        "parliament",
    ):
        return "place"
    if cued is False:
        return ""  # (every look below is for a word of _BLOCK_WORDS)
    # the words of _BLOCK_WORDS the sentence has (all, when that is not known)
    have = _BLOCK_WORDS if isinstance(cued, bool) else cued
    if (not have.isdisjoint(_APPROACH)) and sn.has(
        max(a, g.first - WINDOW), g.first, _APPROACH
    ) >= 0:
        return "approached"
    if (not have.isdisjoint(_BLOCKING)) and sn.has(max(a, g.first - 8), g.first, _BLOCKING) >= 0:
        return "blocked"
    if (not have.isdisjoint(_FORMER)) and sn.has(max(a, g.first - 4), g.first, _FORMER) >= 0:
        return "former"
    if (not have.isdisjoint(_HOSTILE)) and sn.has(max(a, g.first - 3), g.first, _HOSTILE) >= 0:
        return "hostile"
    left = not have.isdisjoint(_LEFT)
    negation = not have.isdisjoint(_NEGATION)
    if not (left or negation):
        return ""
    after = past_apposition(sn, g.last + 1, sn.n)
    if left and sn.low(after) in ("that", "which", "who") and sn.has(after, after + 5, _LEFT) >= 0:
        return "former"
    # "Sweden has decided not to participate", "provide no troops"
    if not negation:
        return ""
    neg = sn.has(after, min(sn.n, after + 6), lx.NEGATION_CUES)
    if neg >= 0 or sn.find_phrase(after, after + 8, lx.NEGATION_PHRASES) >= 0:
        return "negated"
    return ""


# the kinds of :data:`_BLOCK_WORDS` that :func:`_blocked` looks for, each in its window
_APPROACH = lx.APPROACH_CUES
_BLOCKING = lx.BLOCK_CUES
_FORMER = lx.FORMER_CUES
_HOSTILE = lx.HOSTILE_CUES
_LEFT = frozenset({"left", "withdrew", "withdrawn"})
# a negation cue, or the first word of a negation phrase
_NEGATION = lx.NEGATION_CUES | {p[0] for p in lx.NEGATION_PHRASES}


# between paired figures: "895 and 875", "2 000 et 750", "40, 95 or 180"
_PAIR_GAP = frozenset(p[0] for p in lx.LIST_SEPARATORS if len(p) == 1) - {"/", "plus"}


def _paired_figures(sn: Sentence, g: Group, b: int) -> list[Figure]:
    """ "A and B ... 895 and 875 personnel (respectively)": one figure per member."""
    n = len(g.members)
    if n < 2:
        return []
    cands = [f for f in sn.figures if g.last < f.tok < b and f.role in ("", "target")]
    for i0 in range(len(cands)):
        run = [cands[i0]]
        for f in cands[i0 + 1 :]:
            gap = [sn.low(k) for k in range(run[-1].tok + 1, f.tok)]
            if (
                gap
                and all(w in _PAIR_GAP or w in lx.PERSONNEL_NOUNS for w in gap)
                and len(gap) <= 3
            ):
                run.append(f)
            else:
                break
        if len(run) == n:
            return run
        if len(run) > 1:
            break
    return []


def _each_figure(sn: Sentence, g: Group, b: int) -> Figure | None:
    for f in sn.figures:
        if g.last < f.tok < min(b, g.last + WINDOW):
            if (
                sn.has(f.tok + 1, f.tok + 4, lx.EACH) >= 0
                or sn.has(g.last + 1, f.tok, lx.EACH) >= 0
            ):
                return f
            return None
    return None


def _gapped_figure(sn: Sentence, g: Group) -> tuple[Figure | None, float]:
    """ "Chad 40", "Togo a total of 540 men", "Ghana – 870", "Nepal: 1,150"."""
    k = g.last + 1
    line = False
    if sn.low(k) in (":", "–", "—", "-", "="):
        k += 1
        line = True
    while sn.low(k) in _GAP_WORDS and k < g.last + 6:
        k += 1
    f = sn.figure(k)
    if f is None or f.role not in ("", "target"):
        return None, 0.0
    return f, 0.95 if line else 0.8


def _figure_first(sn: Sentence, m: int, p: int | None = None) -> Figure | None:
    """ "850 from Gabon", "340 troops from the Philippines", "392 Rwandans"
    (*p*: ``_prev_index(sn, m)``, when the caller has it)."""
    tok = sn.special[m]
    if p is None:
        p = _prev_index(sn, m)
    if sn.low(p) == "from":
        k = p - 1
        if k >= 0 and sn.low(k) in lx.PERSONNEL_NOUNS:
            k -= 1
            while k >= 0 and sn.low(k) in lx.UNIT_MODIFIERS:
                k -= 1
        f = sn.figure(k)
        if f is not None and f.role in ("", "change"):
            return f
    if tok.demonym:
        # the noun after the demonym ("392 Rwandan troops") or, as French
        # writes it, before ("392 soldats rwandais")
        nouns = (m - 1, m, m + 1) if _noun_before(sn, m) >= 0 else (m, m + 1)
        for f in sn.figures:
            if f.tok < m and m - f.tok <= 3 and (f.noun in nouns or f.strong):
                return f
        # "the 420 soldiers of the Nepalese contingent", "les 420 soldats du
        # contingent népalais": the figure's noun, "of", the demonym's unit
        k = m - 1
        unit = _noun_before(sn, m) >= 0 and sn.low(k) in lx.UNIT_NOUNS
        if unit:
            k -= 1
        elif sn.low(m + 1) not in lx.UNIT_NOUNS:
            return None
        while k >= 0 and sn.low(k) in lx.DETERMINERS and sn.low(k) not in lx.OF:
            k -= 1
        if sn.low(k) in lx.OF:
            f = next((x for x in sn.figures if x.noun == k - 1 and x.tok < k), None)
            if f is not None and f.role in ("", "target"):
                return f
    return None


def _relative_figure(sn: Sentence, m: int) -> Figure | None:
    """ "the Irish contingent, which numbers 340 soldiers", "le contingent
    irlandais, qui compte 340 soldats", "le bataillon togolais de la
    <mission>, composé de 740 éléments", "Morocco, which has 750 peacekeepers":
    a unit's or a country's figure in a relative clause."""
    t = sn.special[m]
    k = m + 1
    if not t.demonym:
        # "Morocco, which has 750 peacekeepers there, ...": the country itself
        if t.capital or t.possessive:
            return None
    elif _noun_before(sn, m) < 0:
        if sn.low(k) not in lx.UNIT_NOUNS:
            return None
        k += 1
    j = k
    while j < k + 3 and sn.low(j) in _OF_OR_DETERMINER:
        j += 1
    if j > k and j < sn.n and sn.kind(j) == "mission":
        k = j + 1  # "... of the [mission's name (ACRONYM)], comprising 850"
    nxt = sn.low(k + 1)
    if sn.low(k) != "," or not (nxt in lx.APPOSITION_START or nxt in lx.UNIT_OF):
        return None
    for j in range(k + 1, min(sn.n, k + 7)):
        f = sn.figure(j)
        if f is not None:
            before = sn.has(k + 1, j, _RELATIVE_CUES)
            return f if before >= 0 and f.personnel and f.role in ("", "target") else None
        if sn.kind(j) == "nation" or sn.low(j) in (",", ";", "."):
            return None
    return None


_BEFORE_SUBJECT = lx.DETERMINERS | lx.UNIT_NOUNS


def _fronted_figure(sn: Sentence, g: Group) -> Figure | None:
    """ "With 1,100 soldiers, Italy is ...", "Fort de 850 hommes, le contingent
    sénégalais ...": a figure in the phrase that opens the sentence, just
    before its subject."""
    w0 = sn.low(0)
    if w0 in lx.WITH:
        k = 1
    elif w0 in SIZE_WORDS and sn.low(1) in lx.OF:
        k = 2
    else:
        return None
    f = next((x for x in sn.figures if k <= x.tok < k + 4), None)
    if f is None or not f.personnel or f.role not in ("", "target"):
        return None
    comma = max(f.noun, f.tok) + 1
    if sn.low(comma) != "," or not comma < g.first <= comma + 4:
        return None
    if any(sn.low(j) not in _BEFORE_SUBJECT for j in range(comma + 1, g.first)):
        return None
    return f


def _possessive_figure(sn: Sentence, m: int) -> Figure | None:
    """ "Nepal's 870 soldiers", "the Indian contingent of 900"."""
    tok = sn.special[m]
    if tok.possessive or tok.demonym:
        for k in range(m + 1, min(sn.n, m + 5)):
            f = sn.figure(k)
            if f is not None:
                if tok.possessive or f.unit:
                    return f
                return None
            if sn.kind(k) == "nation" or sn.low(k) in (",", ".", ";"):
                return None
    return None


def _noun_before(sn: Sentence, m: int) -> int:
    """The troop or unit noun right before a demonym, as French writes it
    ("les soldats tchadiens", "le contingent népalais", "les Casques bleus
    rwandais"), or -1."""
    k = m - 1
    if k >= 0 and (sn.low(k) in lx.PERSONNEL_NOUNS or sn.low(k) in lx.UNIT_NOUNS):
        return k
    return -1


def _demonym_noun(sn: Sentence, g: Group, ctx: Context) -> tuple[bool, str]:
    """ "Kenyan troops", "Ethiopian and Djiboutian units", "an Egyptian engineering company";
    "le contingent tchadien" (the noun first)."""
    special = sn.special
    for m in g.members:
        if not special[m].demonym:
            return False, ""
    k = _noun_before(sn, g.first)
    if k >= 0:
        w = sn.low(k)
        if w not in lx.GENERIC_NOUNS or ctx.about_mission:
            return True, lx.PERSONNEL_NOUNS.get(w, "troops")
    for k in range(g.last + 1, min(sn.n, g.last + 4)):
        w = sn.low(k)
        if w in lx.PERSONNEL_NOUNS or w in lx.UNIT_NOUNS:
            if w in ("company", "companies"):
                ok = sn.low(k - 1) in lx.UNIT_MODIFIERS or sn.has(k + 1, k + 3, {"of"}) >= 0
                return ok, "troops"
            if w in lx.GENERIC_NOUNS and not ctx.about_mission:
                return False, ""
            return True, lx.PERSONNEL_NOUNS.get(w, "troops")
        if ((t := special.get(k)) is not None and t.kind in ("nation", "num")) or w in (
            ",",
            ".",
            ";",
            "and",
        ):
            return False, ""
    return False, ""


_SOURCE_NOUNS = frozenset(lx.PERSONNEL_NOUNS) | (lx.UNIT_NOUNS - {"force", "forces", "group"})


def _listed(sn: Sentence, g: Group, a: int, p: int | None = None) -> bool:
    """ "contributors include A, B", "troops from A, B", "come from A", "followed by A"."""
    if p is None:
        p = _prev_index(sn, g.first)
    pw = sn.low(p)
    lo = max(0, g.first - WINDOW)
    if pw in lx.SOURCE_PREPS:
        if sn.low(p - 1) == "followed":
            return True
        if sn.has(lo, p, lx.HANDOVER_WORDS) >= 0:
            return False  # "take over command from Turkey": the previous lead
        near = max(0, p - 5)
        if pw in lx.AGENT_PREPS and sn.has(near, p, lx.SOURCE_VERBS) < 0:
            return False
        return sn.has(near, p, _SOURCE_NOUNS) >= 0 or sn.has(near, p, lx.SOURCE_VERBS) >= 0
    if pw in lx.LIST_INTRO_VERBS or pw in lx.LIST_INTRO_WORDS:
        return sn.has(max(0, p - 9), p, lx.LIST_INTRO_HEADS) >= 0
    return pw in ("does", "do") and sn.low(p - 1) == "as"  # "..., as does China"


def _with_figure(sn: Sentence, g: Group, b: int, hosts: set[str]) -> Figure | None:
    """ "Burundi takes part in the mission with a battalion of 850", "le Sénégal
    « tient son rang » dans la mission, avec 900 militaires": a troop figure after "with" in the
    subject's clause, no other contributor between."""
    lows = sn.lows
    special = sn.special
    for k in range(g.last + 1, min(b, g.last + 2 * WINDOW)):
        w = lows[k]
        t = special.get(k)
        if t is not None and t.kind == "nation" and t.iso3 not in hosts:
            return None
        if w in lx.WITH:
            f = verb_object(sn, k + 1, b)[1]
            return f if f is not None and f.personnel and f.role in ("", "target") else None
        if w in (";", ".") or w in lx.CLAUSE_BREAKS:
            return None
    return None


def _subject_after(
    sn: Sentence,
    g: Group,
    b: int,
    hosts: set[str] = frozenset(),  # type: ignore[assignment]
    vg: tuple[int, int, str] | None = None,
    with_word: bool = True,
) -> tuple[bool, Figure | None, str]:
    """The group as subject: (contributes, its figure, verb status); *vg* is
    ``verb_group(sn, g.last, b)`` when the caller has it; *with_word* False
    says the sentence has no word of ``lx.WITH`` (no figure "with" it)."""
    verb, obj, status = verb_group(sn, g.last, b) if vg is None else vg
    if verb < 0:
        # "A is the fifth-largest contributor", "A, with 1,234 personnel"
        k = sn.has(g.last + 1, min(b, g.last + 7), lx.CONTRIBUTOR_NOUNS)
        if k >= 0 and sn.has(g.last + 1, k, lx.COPULAS) >= 0:
            w = sn.has(k, min(b, k + 6), lx.WITH)
            f = verb_object(sn, w + 1, b, bare=True)[1] if w >= 0 else None
            return True, f, ""
        nxt = sn.low(g.last + 1)
        w = g.last + 1 + (nxt == ",")
        if with_word and sn.low(w) in lx.WITH:
            noun, f = verb_object(sn, w + 1, b, bare=True)
            return noun >= 0 or f is not None, f, ""
        last = sn.special.get(g.last)
        demonym = last is not None and last.demonym
        f = _with_figure(sn, g, b, hosts) if with_word and not demonym else None
        if f is not None:
            return True, f, status
        if nxt in ("follow", "follows", "followed"):
            return True, None, ""
        if last is not None and last.possessive and nxt in _OWN_NOUNS:
            return True, None, status  # "Nepal's contribution", "Ghana's peacekeepers"
        return False, None, status
    vw = sn.low(verb)
    noun, f = verb_object(sn, obj, b)
    if noun < 0 and f is None:
        return False, None, status
    if f is None and vw in _CHANGE_OR_TARGET:
        # "raise its contingent in the force by 150 to a total of 420"
        f = next(
            (
                x
                for x in sn.figures
                if noun < x.tok < min(b, noun + 2 * WINDOW)
                and x.role in ("change", "target", "from")
            ),
            None,
        )
    if (
        f is None
        and sn.low(obj) in ("its", "their")
        and vw in ("has", "have", "had", "keep", "keeps", "is", "are", "was", "were")
    ):
        return False, None, status
    if (
        f is None
        and noun >= 0
        and sn.low(noun) in lx.GENERIC_NOUNS
        and sn.low(noun) not in ("units", "unit")
    ):
        return True, None, status
    if vw in lx.WITHDRAW_VERBS:
        status = status or "withdrawn"
    return True, f, status


_SUBJECT_START = frozenset((",", "that", "and", ":", '"', "“", "+", "-", "–")) | SAY
_OWN_NOUNS = lx._words(
    "contribution contributions contingent contingents troops soldiers peacekeepers "
    "battalion battalions"
)


@dataclass(slots=True)
class _Bind:
    figure: Figure | None
    confidence: float


def _figure_binds(sn: Sentence, g: Group, b: int, p: int, each_word: bool) -> dict[int, _Bind]:
    """The figures of the members of *g* (clause end *b*, *p* the index before
    the group): written with them, paired, shared, gapped, given first, possessive,
    in a relative clause, "from" after the whole figure; *each_word* False says
    the sentence has no word of ``lx.EACH``."""
    binds: dict[int, _Bind] = {}
    # figures written with the members
    for m, k in g.figures.items():
        f = sn.figure(k)
        if f is not None:
            binds[m] = _Bind(f, 0.9)
    paired = _paired_figures(sn, g, b)
    for m, f in zip(g.members, paired, strict=False):
        binds.setdefault(m, _Bind(f, 0.9 if sn.has(0, sn.n, lx.RESPECTIVELY) >= 0 else 0.8))
    each = _each_figure(sn, g, b) if not paired and each_word else None
    if each is not None:
        for m in g.members:
            binds.setdefault(m, _Bind(each, 0.85))
    gapped, conf = _gapped_figure(sn, g)
    if gapped is not None and not binds:
        for m in g.members:
            binds.setdefault(m, _Bind(gapped, conf))
    if len(g.members) == 1:
        m = g.members[0]  # (the group's first token: *p* is the index before it)
        f = _figure_first(sn, m, p if m == g.first else None)
        conf = 0.8
        if f is None:
            f, conf = _possessive_figure(sn, m), 0.8
        if f is None:
            f, conf = _relative_figure(sn, m), 0.8
        if f is None and g.first > 3:
            f, conf = _fronted_figure(sn, g), 0.8
        if f is not None and m not in binds:
            binds[m] = _Bind(f, conf)
    if len(g.members) == 1 and sn.low(p) == "from" and sn.has(p - 5, p, {"all"}) >= 0:
        # "grew to 2,140, every one of them from Rwanda": the whole figure is theirs
        f = next((x for x in reversed(sn.figures) if p - WINDOW < x.tok < p), None)
        if f is not None and f.role in ("", "target"):
            binds.setdefault(g.members[0], _Bind(f, 0.9))
    return binds


def read_claims(sn: Sentence, ctx: Context) -> tuple[list[Claim], set[int]]:
    """Claims about nations in *sn*, and the tokens of the figures they own."""
    claims: list[Claim] = []
    owned: set[int] = set()
    if not sn.groups:
        return claims, owned
    words = _words_of(sn)
    blocking = not words.isdisjoint(_BLOCK_WORDS)
    withdrawal = not words.isdisjoint(_WITHDRAW_WORDS)
    each_word = not words.isdisjoint(lx.EACH)
    with_word = not words.isdisjoint(lx.WITH)
    for g in sn.groups:
        a, b = sn.clause(g.first)
        p = _prev_index(sn, g.first)
        if sn.low(p) == ":":
            a = max(0, g.first - WINDOW)
        why = _blocked(sn, g, a, ctx, p, words if blocking else False)
        if why:
            continue
        # a sentence without figures binds none (each look below is for one)
        binds = _figure_binds(sn, g, b, p, each_word) if sn.figures else {}
        contrib: set[int] = set()
        listed = _listed(sn, g, a, p)
        vg = verb_group(sn, g.last, b)
        is_subj, subj_fig, verb_status = _subject_after(sn, g, b, ctx.hosts, vg, with_word)
        dem, personnel = _demonym_noun(sn, g, ctx)
        if is_subj and subj_fig is not None:
            m = g.members[-1]
            if len(g.members) == 1 and m not in binds:
                binds[m] = _Bind(subj_fig, 0.8)
        for m in g.members:
            t = sn.special[m]
            if t.capital and not (is_subj or m in binds):
                continue
            if t.capital and not (m == 0 or sn.low(m - 1) in _SUBJECT_START):
                continue  # a capital speaks for its government only as a subject
            if listed or is_subj or dem or m in binds:
                contrib.add(m)
        if g.first == 0 and sn.low(1) == ":" and not binds:
            # a heading "POLAND: ... would send 500 troops": the paragraph's nation
            f = next(
                (x for x in sn.figures if x.personnel and x.role in ("", "target", "change")), None
            )
            if f is not None and f.tok not in owned:
                binds[g.members[0]] = _Bind(f, 0.75)
                contrib.add(g.members[0])
                verb_status = "pledged" if sn.has(2, f.tok, lx.PLEDGE_CUES) >= 0 else verb_status
        if not contrib:
            continue
        if withdrawal:
            status, whole = _status_of(sn, g, a, b, verb_status, vg)
        else:
            status, whole = verb_status, True  # (no word of withdrawal to find)
        for m in g.members:
            t = sn.special[m]
            if m not in contrib or t.iso3 in ctx.hosts:
                continue
            bind = binds.get(m)
            claims.append(_claim(sn, t.iso3, bind, status, whole, personnel, b, owned))
    if len(claims) == 1 and claims[0].troops is None:
        claims[0] = _with_target(sn, claims[0], owned)
    return claims, owned


def _with_target(sn: Sentence, c: Claim, owned: set[int]) -> Claim:
    """The one nation of a sentence, with no figure of its own, takes a target
    said of its number: "Rwandan gendarmes arrived in May; 150 more landed on
    Tuesday, which brings their number to 450" (not "the mission's total": a mission
    noun between makes it the mission's)."""
    f = next((x for x in sn.figures if x.role == "target" and x.tok not in owned), None)
    if f is None:
        return c
    k = sn.has_last(max(0, f.tok - 6), f.tok, lx.COUNTED_NOUNS)
    if k < 0 or sn.has(max(0, k - 3), f.tok, _MISSION_NOUNS_OR_OF) >= 0:
        return c
    owned.add(f.tok)
    kind = f.personnel if f.personnel and f.personnel != "none" else c.personnel
    return Claim(c.iso3, f.value, c.change, c.status, kind, 0.85, figure_span(sn, f), c.whole)


def _claim(
    sn: Sentence,
    iso3: str,
    bind: _Bind | None,
    status: str,
    whole: bool,
    personnel: str,
    b: int,
    owned: set[int],
) -> Claim:
    if bind is None or bind.figure is None:
        return Claim(
            iso3, status=status, personnel=personnel or "troops", confidence=0.5, whole=whole
        )
    f = bind.figure
    owned.add(f.tok)
    troops: int | None = f.value
    change: int | None = None
    span = figure_span(sn, f)
    if f.role == "change":
        change, troops = f.sign * f.value, None
    elif f.role == "from":
        troops = None
    elif f.role == "target" and f.base is not None:
        change = f.value - f.base
    # the contingent after the change: "a further 200 ... taking its contingent to 440"
    for g in sn.figures:
        if f.tok < g.tok < b and g.role == "target" and sn.has(f.tok, g.tok, lx.HEDGES) < 0:
            owned.add(g.tok)
            if change is None and g.base is not None:
                change = g.value - g.base
            elif change is None and f.role == "":
                change = g.value - f.value
            troops, span = g.value, figure_span(sn, g)
            break
        if (
            f.role == ""
            and f.tok < g.tok < b
            and g.role == "change"
            and g.personnel == f.personnel
            and g.tok not in owned
            and not any(sn.kind(k) == "nation" for k in range(f.tok, g.tok))
            and sn.has(f.tok, g.tok, lx.HEDGES) < 0
        ):
            # "the contingent, which has 43 soldiers, will be reinforced by some
            # twenty more": the contingent after the change
            owned.add(g.tok)
            change = g.sign * g.value
            troops = f.value + change if troops is not None else None
            break
        if f.tok < g.tok < b and g.role == "outof" and status == "withdrawing":
            # "120 soldiers, out of a total of 900, are to go home": 780 remain
            owned.add(g.tok)
            change, troops, span = -f.value, g.value - f.value, figure_span(sn, g)
            break
    if (
        status == "withdrawing"
        and not whole
        and f.role == ""
        and troops == f.value
        and change is None
    ):
        change, troops = -f.value, None
    kind = f.personnel if f.personnel and f.personnel != "none" else (personnel or "troops")
    return Claim(iso3, troops, change, status, kind, _weight(sn, f, bind.confidence), span, whole)


def _weight(sn: Sentence, f: Figure, confidence: float) -> float:
    """ "Spain fields 640 soldiers there in all" says the whole contingent (more
    sure); "a group of 1,200, including 300 Spaniards" a part of something (less)."""
    k = f.tok - 1
    while k > f.tok - 4 and sn.low(k) in lx.APPROX_WORDS:
        k -= 1
    if sn.low(k) in lx.PART_CUES:
        return round(confidence - 0.1, 2)
    if sn.find_phrase(max(0, f.tok - WINDOW), f.tok, lx.WHOLE_PHRASES) >= 0:
        return round(confidence + 0.1, 2)
    end = (f.noun if f.noun > f.tok else f.tok) + 1
    if sn.find_phrase(end, end + 2, lx.WHOLE_PHRASES) >= 0:
        return round(confidence + 0.1, 2)
    return confidence


def figure_span(sn: Sentence, f: Figure) -> tuple[int, int]:
    """The characters of figure *f*, its qualifier included ("about 440")."""
    t = sn.special[f.tok]
    return (t.num.start if t.num else t.start, t.end)
