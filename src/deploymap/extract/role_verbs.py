"""Stage 2 of reading deployments, first part: the verb group after a subject.

:func:`verb_group` finds, after a nation group, its main verb (past
auxiliaries, time phrases, appositions, a verb of saying or a lead-in verb,
an act named by its noun: "announced the deployment of") and the status it
gives (pledged, deployed); :func:`verb_object` the troops or figure the verb
takes.  :mod:`deploymap.extract.roles` reads the rest of the roles with them.

Every look-around is bounded (:data:`~deploymap.extract.structure.WINDOW`).
"""

from __future__ import annotations

from deploymap.extract import lexicon as lx
from deploymap.extract.structure import WINDOW, Figure, Sentence

# Words of a verb group before its main verb: "has also since", "will be", "is to".
AUX = (
    lx._words(
        "has have had is are was were will would shall can could may might must be been being "
        "to also currently already now since still reportedly further recently eventually "
        "soon once again just not never itself themselves jointly together both all each "
        "alone usually so far yet then later meanwhile"
    )
    | lx.AUXILIARIES
)
# "Benin has said it will deploy": a verb of saying hands over to its clause.
SAY = lx._words("said says say announced announces told confirmed confirms stated added noted")
PRONOUNS = lx._words("it they he she we that")
# Verbs that lead to the deployment verb: "agreed to send", "is set to contribute".
LEAD_IN = lx.PLEDGE_CUES | lx.LEAD_IN_VERBS

_DETERMINERS = lx.DETERMINERS
_BARE_END = lx.LOCATIVES | {",", ".", ";", "and", "each", ")"}
_OF_OR_LOCATIVE = lx.OF | lx.LOCATIVES


_APPOSITION_START = lx.APPOSITION_START
# ", numbering 850 soldiers,", ", fort de 5 400 hommes,": an apposition of size
SIZE_WORDS = lx.UNIT_OF - lx.OF


# the words :func:`past_apposition` moves past from, and the first words of
# the armed forces' heads: without them the look-ups return at once
_APPOSITION_OPENERS = frozenset((",", "(", "–", "—", "-"))
_FORCE_HEAD_FIRSTS = frozenset(p[0] for p in lx.ARMED_FORCE_HEADS)


def past_apposition(sn: Sentence, k: int, end: int) -> int:
    """Index after an apposition at *k* (", which is not a member," / "(CAR)"), else *k*."""
    if sn.low(k) in (",", "(", "–", "—", "-") and (
        (w := sn.low(k + 1)) in _APPOSITION_START or w in SIZE_WORDS
    ):
        j = k + 1
        while j < min(end, k + 2 * WINDOW) and sn.low(j) not in (",", ")", "–", "—", "-"):
            j += 1
        if sn.low(j) in (",", ")", "–", "—", "-"):
            return j + 1
    elif sn.low(k) == "(":
        j = k
        while j < min(end, k + 8) and sn.low(j) != ")":
            j += 1
        return j + 1
    return k


def verb_group(sn: Sentence, i: int, end: int) -> tuple[int, int, str]:
    """After a subject ending at *i*: (main verb index, object start, status) or (-1, ...)."""
    k = i + 1
    status = ""
    last_aux = ""
    hops = 0
    low = sn.low
    lows = sn.lows
    # the subject's noun ("Bangladeshi troops") and an apposition (", which is
    # not an ECOWAS member,", ", out of a total of 1,500,", "(CAR)") are skipped
    stop = min(end, i + 4)
    while k < stop and ((w := low(k)) in lx.PERSONNEL_NOUNS or w in lx.UNIT_NOUNS):
        k += 1
    # "the Senegalese contingent of MINUSMA numbers", "le contingent sénégalais
    # de la Minusma compte" (the noun before its demonym): the mission names the
    # contingent's
    if (k > i + 1 and low(k) in _OF_OR_LOCATIVE) or (
        k == i + 1 and low(k) in lx.OF and i > 0 and low(i - 1) in lx.UNIT_NOUNS
    ):
        j = k + 1 + (low(k + 1) in _DETERMINERS)
        if sn.kind(j) == "mission":
            k = j + 1
    if low(k) in _APPOSITION_OPENERS:
        k = past_apposition(sn, k, end)
    if (t := sn.special.get(i)) is not None and t.demonym and low(k) in lx.OFFICES:
        # "French President Jacques Chirac pledged": the office and the name speak for it
        j = k
        while j < min(end, k + 6) and (
            sn.low(j) in lx.OFFICES or (sn.kind(j) == "word" and sn.text[sn.starts[j]].isupper())
        ):
            j += 1
        k = j
    elif low(k) in _FORCE_HEAD_FIRSTS:
        k += sn.phrase_at(k, lx.ARMED_FORCE_HEADS)  # "the Kenya Defence Forces deployed"
    stop = min(end, k + WINDOW)
    while k < stop:
        w = lows[k]  # (first: a k past the tokens fails here as it always has)
        if (
            w in ("on", "in", "this", "last", "next")
            and hops < 2
            and k + 1 < end
            and sn.kind(k + 1) == "word"
            and sn.low(k + 1) not in _DEPLOY_VERBS
        ):
            # "Rome on Monday gave", "Ghana this week sent": a time phrase
            k += 2
            hops += 1
            continue
        if w in AUX:
            if w in _FUTURE_AUX:
                status = status or "pledged"
            elif w in _PRESENT_AUX:
                status = "deployed"
            last_aux = w
            k += 1
            continue
        if w in SAY:
            j = k + 1
            if sn.low(j) == "that":
                j += 1
            if sn.low(j) in PRONOUNS:
                k = j + 1
                continue
        if w in LEAD_IN and sn.low(k + 1) in lx.INFINITIVE_MARKERS:
            # "continues to deploy" speaks of troops there already
            status = "deployed" if w in _CONTINUE_VERBS else "pledged"
            k += 2
            continue
        if w in _PLEDGE_CUES and w in _DEPLOY_VERBS:
            status = "pledged"
        if w in _CONTINUE_VERBS and status == "pledged":
            # "will keep its 800 troops", "will be staying put": they are there already
            status = "deployed"
        if w in _DEPLOY_VERBS or w in _WITHDRAW_VERBS:
            return k, k + 1, status
        if last_aux in ("has", "have", "had") and (
            ((t := sn.special.get(k)) is not None and t.kind == "num") or w in _APPROX_WORDS
        ):
            return k - 1, k, status
        if (
            w in ("set", "slated", "due", "expected", "ready", "prepared", "committed")
            and sn.low(k + 1) == "to"
        ):
            status = "pledged"
            k += 2
            continue
        if w in _ACT_VERBS and (act := _act_noun(sn, k + 1, end)) >= 0:
            # "announced the deployment of 450 troops": the act's noun stands
            # for the verb, its object follows "of"
            if w in _PLEDGE_CUES:
                status = status or "pledged"
            return act, act + 2, status
        return -1, k, status
    return -1, k, status


def _act_noun(sn: Sentence, j: int, end: int) -> int:
    """The index of a deployment or withdrawal noun after a verb at *j* - 1 ("the
    deployment of", "l'envoi de", past a time word: "on Thursday the
    deployment of"), followed by "of"; -1 if there is none."""
    low = sn.low
    hops = 0
    while hops < 2 and low(j) in lx.TIME_HOPS:
        j += 1
        hops += 1
    if low(j) in _DETERMINERS:  # "the deployment", "its deployment", "l'envoi"
        j += 1
    w = low(j)
    if (w in lx.DEPLOY_NOUNS or w in lx.WITHDRAW_NOUNS) and j + 1 < end and low(j + 1) in lx.OF:
        return j
    return -1


# (module names for the loop above: a look-up each, not two)
_ACT_VERBS = lx.ACT_VERBS
_FUTURE_AUX = lx.FUTURE_AUXILIARIES
_PRESENT_AUX = lx.PRESENT_AUXILIARIES
_APPROX_WORDS = lx.APPROX_WORDS
_CONTINUE_VERBS = lx.CONTINUE_VERBS
_DEPLOY_VERBS = lx.DEPLOY_VERBS
_PLEDGE_CUES = lx.PLEDGE_CUES
_WITHDRAW_VERBS = lx.WITHDRAW_VERBS


def verb_object(sn: Sentence, a: int, b: int, bare: bool = False) -> tuple[int, Figure | None]:
    """The object of a deployment verb in tokens [a, b): (noun index, its figure).

    A *bare* figure (no noun after it) is taken too: "Italy with some 1,070"."""
    lows = sn.lows
    special = sn.special
    for k in range(a, min(b, a + WINDOW)):
        w = lows[k]
        t = special.get(k)
        if t is not None and t.kind == "nation" and k > a:
            return -1, None
        if (
            t is not None
            and t.kind == "mission"
            and (sn.low(k + 1) in (",", "(") or sn.low(k + 1) in _APPOSITION_START)
        ):
            break  # "joined <the mission>, which has about 14,600 troops": the mission's
        f = sn.figure(k)
        if f is not None and (f.personnel or f.unit):
            after = sn.special.get(f.noun + 1)
            if (after is not None and after.demonym) or any(
                sn.kind(j) == "nation" for j in range(k + 1, f.noun)
            ):
                # "will send 450 Rwandan troops", "va envoyer 450 soldats rwandais":
                # the Rwandans' figure
                return -1, None
            return f.noun, f
        # a figure without a noun, where the sentence goes on with a place or ends:
        # "Malawi has about 1,200 in Kidal", "Spain with some 640"
        if f is not None and f.role in ("", "target") and (bare or sn.low(k + 1) in _BARE_END):
            return f.noun, f
        if w in lx.UNIT_NOUNS:
            f = _unit_figure(sn, k)
            if f is not None:
                return k, f  # "a battalion of 850", "un bataillon d'infanterie de 650"
        if w in lx.PERSONNEL_NOUNS and sn.low(k + 1) in lx.UNIT_NOUNS:
            continue  # "an infantry battalion of 700": a modifier
        if w in lx.PERSONNEL_NOUNS or w in lx.UNIT_NOUNS:
            return k, None
        if w in (";", "."):
            break
    return -1, None


def _unit_figure(sn: Sentence, k: int) -> Figure | None:
    """The figure of the unit noun at *k*: "a battalion of 850", "a contingent of
    about 300", "un bataillon d'infanterie de 650 soldats" (a modifier between)."""
    for j in range(k + 1, min(sn.n, k + 6)):
        f = sn.figure(j)
        if f is not None:
            p = j - 1
            while p > k and sn.low(p) in lx.APPROX_WORDS and sn.low(p) not in lx.UNIT_OF:
                p -= 1
            return f if p > k and sn.low(p) in lx.UNIT_OF else None
        if sn.kind(j) != "word" or (j > k + 3 and sn.low(j) not in lx.UNIT_OF):
            return None
    return None
