"""Stage 2, for the mission itself: its strength, ceiling and peak, and its leaving.

What :func:`~deploymap.extract.roles.read_claims` leaves over in a sentence
about the mission is the mission's: a total ("the force now numbers 3,000"),
a ceiling ("authorised up to 15,000"), a peak ("down from 50,000"), each
scored by the cues around it (:func:`mission_figures`); and a sentence may
say that the mission's troops have all gone (:func:`mission_leaves`).

Every look-around is bounded (:data:`~deploymap.extract.structure.WINDOW`).
"""

from __future__ import annotations

from dataclasses import dataclass

from deploymap._frozen import fast_init
from deploymap.extract import lexicon as lx
from deploymap.extract.roles import Context, figure_span
from deploymap.extract.structure import WINDOW, Figure, Sentence

_NOT_YET = lx.FUTURE_CUES | lx.HEDGES | lx.PLEDGE_CUES
_TROOP_NOUNS = frozenset(lx.PERSONNEL_NOUNS) | lx.UNIT_NOUNS
_PLANNED = lx.FUTURE_CUES | lx.HEDGES


def _foreign(sn: Sentence, ctx: Context) -> bool:
    """Whether *sn* names a nation none of the hosts (as *ctx* says, when it knows)."""
    return sn.foreign(ctx.hosts) if ctx.foreign is None else ctx.foreign


def mission_leaves(sn: Sentence, ctx: Context) -> bool:
    """The mission's troops, not one nation's, leave for good: "the last UNOCI
    peacekeepers have left the country", "les derniers casques bleus de la Minuad ont
    définitivement quitté la Côte d'Ivoire" (no contributor named, a troop noun,
    a withdrawal verb and a word of completeness)."""
    if not ctx.about_mission or _foreign(sn, ctx):
        return False
    w = sn.has(0, sn.n, LEAVING_VERBS)  # the first withdrawal verb that is no decrease
    if w < 0 or sn.has(max(0, w - 6), w, _NOT_YET) >= 0:
        return False
    return (
        sn.has(max(0, w - WINDOW), w, _TROOP_NOUNS) >= 0
        and sn.has(max(0, w - WINDOW), min(sn.n, w + 4), lx.COMPLETE_CUES) >= 0
    )


@fast_init
@dataclass(frozen=True, slots=True)
class MissionFigure:
    """A figure for the mission as a whole: kind "total", "authorised" or "peak"."""

    kind: str
    value: int
    score: int
    span: tuple[int, int]


def _counts_people(sn: Sentence, f: Figure, ctx: Context) -> bool:
    """ "EUTM Mali brings together some 700 people": a figure of persons whose
    subject is the mission (a total verb just before it)."""
    if not ctx.about_mission or sn.low(f.tok + 1) not in lx.PEOPLE_NOUNS:
        return False
    k = f.tok - 1
    while k > f.tok - 4 and sn.low(k) in lx.APPROX_WORDS:
        k -= 1
    return sn.low(k) in lx.TOTAL_CUES


def _after_name(sn: Sentence, f: Figure, ctx: Context) -> bool:
    """The figure opens a parenthesis right after the mission's name."""
    k = f.tok - 1
    while k > f.tok - 4 and sn.low(k) in lx.APPROX_WORDS:
        k -= 1
    if sn.low(k) != "(" or k < 1:
        return False
    end = sn.end(k - 1)
    return any(b == end for _, b in ctx.names)


_NOW = lx.NOW_CUES
# the verbs of the mission's leaving: of withdrawal, not of a decrease
LEAVING_VERBS = lx.WITHDRAW_VERBS - lx.DECREASE_CUES
_COUNTRIES = frozenset(["countries", "nations"])
_MISSION_NOUNS = lx.MISSION_NOUNS
_MISSION_SIZE = _MISSION_NOUNS | {"number", "total", "size", "strength"}


def mission_figures(sn: Sentence, ctx: Context, owned: set[int]) -> list[MissionFigure]:
    """Figures nobody owns, in a sentence about the mission: its strength, ceiling, peak."""
    out: list[MissionFigure] = []
    if not sn.figures:
        return out
    has_nation = _foreign(sn, ctx)
    cues = _figure_cues(sn)  # (a kind of cue it lacks is looked for nowhere)
    for f in sn.figures:
        if f.tok in owned or f.role in ("change", "from"):
            continue
        i = f.tok
        span = figure_span(sn, f)
        if f.role == "authorised":
            out.append(MissionFigure("authorised", f.value, 3, span))
            continue
        if f.role == "peak":
            out.append(MissionFigure("peak", f.value, 3, span))
            continue
        if not (
            f.personnel
            or f.strong
            or f.unit
            or f.role == "target"
            or (sn.low(i - 1) == "of" and sn.low(i - 2) == "strength")
            or _counts_people(sn, f, ctx)
        ):
            continue
        after = f.noun + 1 if f.noun >= 0 else i + 1
        if sn.low(after) in ("within", "inside") or (
            sn.low(after) in ("of", "in")
            and sn.low(after + 1) in ("its", "the")
            and sn.low(after + 2) in ("mission", "force")
        ):
            continue  # a sub-force of the mission, or "N of the mission's M"
        if sn.low(f.noun + 1) in ("in",) and sn.low(f.noun + 2) in ("each", "every"):
            continue
        org_subject = bool(ctx.org) and (
            sn.has(max(0, i - 4), i, {ctx.org}) >= 0
            or sn.has(i, (f.noun if f.noun > i else i) + 5, {ctx.org}) >= 0
        )
        about = ctx.about_mission or org_subject
        if not about and has_nation:
            continue
        if (sn.low(i - 1) == "comprising" and sn.low(i - 2) == "each") or sn.low(i - 1) == "each":
            continue  # "the new units - each comprising 140 personnel"
        score = 1 + (2 if about else 0)
        end = f.noun + 4 if f.noun > i else i + 3
        if not cues.isdisjoint(lx.TOTAL_CUES) and sn.has(max(0, i - 4), i, lx.TOTAL_CUES) >= 0:
            score += 1
        if not cues.isdisjoint(_NOW) and sn.has(max(0, i - 4), end, _NOW) >= 0:
            score += 2  # "currently consists of 3,000", "12,374 are now in place"
        if (
            f.role == "target"
            and not cues.isdisjoint(lx.FUTURE_CUES)
            and sn.has(max(0, i - WINDOW), i, lx.FUTURE_CUES) >= 0
        ):
            score -= 1  # "will bring the force to 2,000 by September": a plan
        elif not cues.isdisjoint(_PLANNED) and sn.has(max(0, i - 4), i, _PLANNED) >= 0:
            score -= 1  # "could eventually number 14,000": a plan
        if not cues.isdisjoint(lx.PART_CUES) and sn.has(max(0, i - 2), i, lx.PART_CUES) >= 0:
            score -= 1  # "300 in uniform, including 40 soldiers": a part
        if _after_name(sn, f, ctx):
            score += 2  # "it joined MISMA (5,500 troops in all)"
        if f.role == "target":
            sized = not cues.isdisjoint(_MISSION_SIZE)
            score += 3 if sized and sn.has(max(0, i - WINDOW), i, _MISSION_SIZE) >= 0 else 1
        if f.role == "outof" or (
            sn.low(i - 1) == "of"
            and not cues.isdisjoint(_OF_MISSION)
            and sn.has(max(0, i - 4), i, _OF_MISSION) >= 0
        ):
            score += 2
        if (
            f.strong
            and not cues.isdisjoint(_MISSION_NOUNS)
            and sn.has(i + 1, i + 5, _MISSION_NOUNS) >= 0
        ):
            score += 2
        if not cues.isdisjoint(_COUNTRIES) and sn.has(i + 1, min(sn.n, i + 8), _COUNTRIES) >= 0:
            score += 1  # "10,500 peacekeepers from 50 countries"
        out.append(MissionFigure("total", f.value, score, span))
    return out


_OF_MISSION = frozenset({"mission", "force", "mission's", "force's"})
# every word :func:`mission_figures` looks for in a window of the sentence
_FIGURE_CUES = (
    lx.TOTAL_CUES
    | _NOW
    | lx.FUTURE_CUES
    | _PLANNED
    | lx.PART_CUES
    | _MISSION_SIZE
    | _OF_MISSION
    | _MISSION_NOUNS
    | _COUNTRIES
)


def _figure_cues(sn: Sentence) -> frozenset[str]:
    """The words of *sn* that are among :data:`_FIGURE_CUES` (one pass over its
    words: a kind of cue none of them is need not be looked for window by window)."""
    return _FIGURE_CUES.intersection(sn.lows)
