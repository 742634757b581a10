"""Contributors, force sizes and command handovers, sentence by sentence.

The rules read news the way it is written: a nation contributes when it is
the subject of a deployment verb with troops or a figure as object ("Pakistan
has around 1,900 troops", "Ghana has sent about 740 soldiers"), when its
demonym qualifies a troop noun ("Kenyan troops", "a 600-strong Turkish force",
"Ethiopian and Djiboutian units"), or when it is listed as a source of troops
("drawn mainly from Bangladesh, Egypt and Pakistan").  The host, nations that
have left ("replacing Ethiopian units that left"), adversaries ("to fight
Russian forces") and bystanders ("officials in Amman") are not contributors.

A figure nobody owns, in a sentence about the mission ("The force now numbers
about 1,100 troops"), is the mission's strength; "down from 50,000 at its peak"
is its peak.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from deploymap.extract.figures import DateMention, Number, find_dates, find_numbers
from deploymap.model import Deployment, Event, Evidence, Mission, Toponym

TROOP_NOUNS = (
    r"troops|soldiers|personnel|peace-?keepers|blue helmets|servicemen|service ?members|"
    r"staff|officers|observers|engineers|medics|marines|paratroopers|infantry|"
    r"battalions?|contingents?|compan(?:y|ies)|units?|brigades?|platoons?|detachments?|"
    r"force|forces|members|men and women|sailors|airmen|police|gendarmes|specialists|experts"
)
_TROOP_NOUN = re.compile(rf"\b(?:{TROOP_NOUNS})\b", re.IGNORECASE)
DEPLOY_VERBS = (
    r"contribut\w*|provid\w*|suppl(?:y|ies|ied|ying)|send(?:s|ing)?|sent|deploy\w*|"
    r"keeps?|kept|maintain\w*|station\w*|ha[sd]|have|field\w*|commit\w*|pledg\w*|"
    r"add(?:s|ed|ing)?|dispatch\w*|rotat\w*|join\w*|lead(?:s|ing)?|led|remains?|"
    r"is|was|are|were|will|followed by|brings?|bringing|offer\w*"
)
_DEPLOY_VERB = re.compile(rf"\b(?:{DEPLOY_VERBS})\b", re.IGNORECASE)
_FROM_LIST = re.compile(
    r"\b(?:drawn|drawn mainly|drawn largely|drawn mostly|come|coming|comes|"
    rf"contributed|sent|provided|supplied|(?:{TROOP_NOUNS}))\s+(?:\w+\s+)?(?:from|by)\s+$",
    re.IGNORECASE,
)
FORMER = re.compile(
    r"\b(?:left|leaving the mission|withdr[ae]w\w*|pulled out|pulling out|departed|"
    r"ended (?:its|their)|replac\w+|former(?:ly)?|until (?:it|they) left)\b",
    re.IGNORECASE,
)
HOSTILE = re.compile(
    r"\b(?:fight\w*|against|attack\w*|rebels?|militia\w*|insurgent\w*|invad\w*|"
    r"occup\w*|clash\w* with|enemy|adversar\w*)\b",
    re.IGNORECASE,
)
CHANGE = re.compile(
    r"\b(?:another|additional|an additional|extra|further|withdr[ae]w\w*|cut\w*|reduc\w*|"
    r"drawdown of|pull(?:ed|ing)? out|sen[dt] home|by)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
PEAK = re.compile(
    r"\b(?:down from|peak|height|at its|once|from a high of|high of|as many as)\b", re.IGNORECASE
)
MISSION_ANAPHORA = re.compile(
    r"\b(?:the|its|this) (?:mission|force|operation|group|contingent|deployment|peacekeeping "
    r"force|peacekeepers)\b|\b(?:the mission['’]s|the force['’]s)\b",
    re.IGNORECASE,
)
TOTAL_CUE = re.compile(
    r"\b(?:has|have|had|numbers?|numbering|totals?|totalling|totaling|comprises|of|"
    r"strength|leaving|remaining|now|currently|counts?|with|serve|serving|is|stands at)\b",
    re.IGNORECASE,
)
BRINGING = re.compile(
    r"\bbring(?:s|ing)? (?:its|their|the) (?:contingent|total|number|force|deployment|presence)"
    r"(?: \w+){0,3} to$",
    re.IGNORECASE,
)
HANDOVER = [
    # "Turkey will assume command of KFOR from Italy on Oct. 10"
    re.compile(
        r"(?P<lead>\b[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)\b(?:[^.;]{0,80}?)\b(?:will |to |would |shall )?"
        r"(?:assum\w+|tak\w+ over|took over|tak\w+|took|get\w*) (?:the )?(?:command|leadership|charge|"
        r"control)\b(?P<rest>[^;]{0,160}?)\bfrom (?P<prev>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)"
    ),
    # "Command passes from Italy to Turkey"
    re.compile(
        r"\b(?:command|leadership)\b[^.;]{0,40}?\b(?:pass\w*|mov\w*|transfer\w*|shift\w*|go\w*) "
        r"from (?P<prev>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*) to (?P<lead>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)"
    ),
    # "Italy handed over command to Turkey"
    re.compile(
        r"(?P<prev>\b[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*) (?:will |would |is to |has )?"
        r"hand\w* (?:over )?(?:the )?(?:command|leadership)\b[^.;]{0,80}?\bto (?P<lead>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)"
    ),
]
TENSION = re.compile(
    r"\b(?:tensions?|clash(?:es)?|dispute|standoff|stand-off|conflict|hostilities|violence)\b"
    r"[^.;]{0,60}?\bbetween\b",
    re.IGNORECASE,
)


@dataclass
class CountryMention:
    iso3: str
    start: int
    end: int
    demonym: bool
    text: str


@dataclass
class Findings:
    """What one pass over the sentences found (mutable while it is built)."""

    deployments: dict[str, dict[str, object]] = field(default_factory=dict)
    totals: list[tuple[int, Number, int, Evidence]] = field(default_factory=list)
    peaks: list[tuple[Number, Evidence]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def _words_between(text: str, a: int, b: int) -> int:
    return len(re.findall(r"[\w'’-]+", text[a:b]))


def _troop_noun_after(text: str, pos: int, limit: int, max_words: int = 4) -> re.Match[str] | None:
    """A troop noun within *max_words* words after *pos* (adjectives may come first)."""
    window = text[pos:limit]
    m = _TROOP_NOUN.search(window)
    if m and _words_between(window, 0, m.start()) <= max_words:
        return m
    return None


def _clean_numbers(text: str, s: int, e: int, dates: list[DateMention]) -> list[Number]:
    nums = []
    for n in find_numbers(text, s, e):
        if any(d.start <= n.start < d.end or d.start < n.end <= d.end for d in dates):
            continue
        before = text[max(s, n.start - 2) : n.start]
        after = text[n.end : min(e, n.end + 12)].lower()
        if "$" in before or "€" in before or "£" in before:
            continue
        if re.match(r"\s*(?:km|kilomet|miles?|metres|meters|years?|days?|months?|hours?|"
                    r"per ?cent|%|dollars|euros|people|civilians|refugees|villages|"
                    r"kilograms|tons|tonnes|aircraft|drones|vehicles|tanks|of its|of the|st\b|nd\b|th\b)", after):
            continue
        nums.append(n)
    return nums


def extract_deployments(
    text: str,
    sentences: list[tuple[int, int]],
    toponyms: list[Toponym],
    mission: Mission | None,
    mission_spans: list[tuple[int, int]],
    year: int | None = None,
    source: str = "",
    date: str = "",
) -> Findings:
    """Read contributors, figures and events out of *text* for *mission*."""
    hosts = set(mission.hosts) if mission else set()
    found = Findings()
    countries = [
        CountryMention(t.iso3, t.start, t.end, t.demonym, t.text)
        for t in toponyms
        if t.kind == "country" and t.iso3
    ]
    for s, e in sentences:
        ev = Evidence(s, e, text[s:e], source, date)
        in_sent = [c for c in countries if s <= c.start < e]
        mentions_mission = any(s <= a < e for a, _ in mission_spans) or bool(
            MISSION_ANAPHORA.search(text, s, e)
        )
        dates = find_dates(text, s, e, default_year=year)
        nums = _clean_numbers(text, s, e, dates)
        owned: set[int] = set()
        _handovers(text, s, e, in_sent, dates, mission, ev, found)
        _tensions(text, s, e, in_sent, found, ev)

        for i, c in enumerate(in_sent):
            nxt = in_sent[i + 1].start if i + 1 < len(in_sent) else e
            prev_end = in_sent[i - 1].end if i > 0 else s
            if c.iso3 in hosts:
                continue
            after_text = text[c.end : min(e, c.end + 80)]
            # nations that left or are being replaced, and the mission's adversaries
            if FORMER.search(text, max(s, c.start - 25), c.start) or re.match(
                r"^(?:[\w ,'’-]{0,40}?)\b(?:that|which|who) (?:have |had )?(?:left|withdr)", after_text
            ):
                continue
            near_before = text[max(prev_end, c.start - 30) : c.start]
            figure: int | None = None
            is_contrib = False
            # 1. demonym + troop noun: "Kenyan troops", "Ethiopian and Djiboutian units"
            if c.demonym:
                lim = e
                m = _troop_noun_after(text, c.end, lim, max_words=3)
                if m:
                    noun = m.group(0).lower()
                    between = text[c.end : c.end + m.start()]
                    # coordinated demonyms share the noun; another country in between does not
                    blocked = any(c.end <= o.start < c.end + m.start() and not o.demonym for o in in_sent)
                    hostile = HOSTILE.search(text, max(s, c.start - 40), c.start)
                    if not blocked and not hostile and (noun != "forces" or mentions_mission):
                        if noun not in ("officers", "police", "staff", "members", "experts") or mentions_mission:
                            is_contrib = "," not in between or " and " in between
                # "about 440 Nepalese soldiers", "a 600-strong Turkish force"
                for n in nums:
                    if n.end <= c.start and _words_between(text, n.end, c.start) <= 2 and (
                        n.strong or m
                    ):
                        figure, is_contrib = n.value, is_contrib or bool(m) or n.strong
                        owned.add(n.start)
            # 2. a source list: "drawn mainly from Bangladesh, Egypt and Pakistan"
            lst = text[max(s, c.start - 120) : c.start]
            head = re.split(r"[;:]|\bwhile\b", lst)[-1]
            if not is_contrib and _FROM_LIST.search(re.sub(r"(?:[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*,? (?:and |or )?)+$", "", head)):
                is_contrib = True
            # 3. subject of a deployment verb with troops or a figure as object
            if not c.demonym or not is_contrib:
                # coordinated subjects share the verb: "Bangladesh and India supply engineers"
                j = i
                while j + 1 < len(in_sent) and re.fullmatch(
                    r"\s*(?:,|and|or|, and|as well as)\s*", text[in_sent[j].end : in_sent[j + 1].start]
                ):
                    j += 1
                clause_end = in_sent[j + 1].start if j + 1 < len(in_sent) else e
                if j > i:
                    # a figure after a coordinated subject belongs to them all only with "each"
                    nxt = clause_end
                window = text[c.end : clause_end]
                v = _DEPLOY_VERB.search(window)
                near = [n for n in nums if c.end <= n.start < clause_end and n.start not in owned]
                if near:
                    n = near[0]
                    gap = _words_between(text, c.end, n.start)
                    troopish = bool(_troop_noun_after(text, n.end, e, max_words=4)) or bool(
                        re.match(r"\s*(?:each|in |at |near |based|deployed|stationed|personnel)", text[n.end : n.end + 12])
                    ) or bool(re.match(r"[\s,)]*(?:$|[,;.])", text[n.end : n.end + 3]))
                    verb_ok = v is not None and v.start() < n.start - c.end
                    with_ok = re.search(r"\bwith\s*$", text[c.end : n.start].rstrip(" ") + " ") or re.search(
                        r"\bwith (?:\w+ ){0,2}$", text[c.end : n.start]
                    )
                    if troopish and gap <= 12 and (verb_ok or with_ok or gap <= 3):
                        if not CHANGE.search(text[max(s, n.start - 30) : n.start]) or BRINGING.search(
                            text[max(s, n.start - 60) : n.start].rstrip()
                        ):
                            figure = n.value
                            is_contrib = True
                            owned.add(n.start)
                elif v is not None and not c.demonym:
                    obj = window[v.end() :]
                    if _troop_noun_after(obj, 0, len(obj), max_words=6) and not re.match(
                        r"\s*(?:its|their|her|his) ", obj
                    ):
                        obj_noun = _troop_noun_after(obj, 0, len(obj), max_words=6)
                        assert obj_noun is not None
                        if obj_noun.group(0).lower() not in ("forces", "force") or mentions_mission:
                            is_contrib = True
                # "bringing its contingent to more than 2,100"
                for n in nums:
                    if c.end <= n.start < clause_end and BRINGING.search(
                        text[max(s, n.start - 60) : n.start].rstrip()
                    ) or (c.end <= n.start < clause_end and BRINGING.search(
                        re.sub(r"\s*" + re.escape(n.qualifier) + r"\s*$", "", text[max(s, n.start - 60) : n.start + len(n.qualifier)]).rstrip()
                    )):
                        figure = n.value
                        is_contrib = True
                        owned.add(n.start)
            if HOSTILE.search(near_before) and not figure:
                continue
            if is_contrib:
                _add(found, c.iso3, figure, ev)
        # "Argentina and Slovakia ... with roughly 240 soldiers each"
        for n in nums:
            if re.match(r"\s*(?:\w+\s+){0,2}each\b", text[n.end : n.end + 25]):
                group = [c for c in in_sent if c.end <= n.start and c.iso3 not in hosts]
                if len(group) >= 2:
                    for c in group:
                        _add(found, c.iso3, n.value, ev, override=True)
                    owned.add(n.start)
        # Figures nobody owns, in sentences about the mission: its strength and peak.
        if mentions_mission or not in_sent:
            for k, n in enumerate(nums):
                if n.start in owned:
                    continue
                before = text[max(s, n.start - 40) : n.start]
                troop = _troop_noun_after(text, n.end, e, max_words=3) or n.strong or re.search(
                    r"strength of\s*$", before
                )
                if not troop and not PEAK.search(text[n.end : min(e, n.end + 30)]):
                    continue
                if CHANGE.search(before):
                    continue
                if PEAK.search(before[-20:]) or PEAK.search(text[n.end : min(e, n.end + 25)]):
                    found.peaks.append((n, ev))
                    continue
                if not troop:
                    continue
                # owned by a country named right before it in a non-mission sentence?
                score = 1 + (2 if mentions_mission else 0) + (1 if TOTAL_CUE.search(before) else 0)
                score += 1 if n.strong else 0
                found.totals.append((score, n, k, ev))
    return found


def _add(found: Findings, iso3: str, troops: int | None, ev: Evidence, override: bool = False) -> None:
    d = found.deployments.get(iso3)
    if d is None:
        found.deployments[iso3] = {"troops": troops, "evidence": [ev]}
        return
    if troops is not None and (d["troops"] is None or override):
        d["troops"] = troops
    evs = d["evidence"]
    assert isinstance(evs, list)
    if ev not in evs:
        evs.append(ev)


def _country_at(in_sent: list[CountryMention], start: int, end: int) -> CountryMention | None:
    for c in in_sent:
        if start <= c.start < end:
            return c
    return None


def _handovers(
    text: str,
    s: int,
    e: int,
    in_sent: list[CountryMention],
    dates: list[DateMention],
    mission: Mission | None,
    ev: Evidence,
    found: Findings,
) -> None:
    for pat in HANDOVER:
        for m in pat.finditer(text, s, e):
            lead = _country_at(in_sent, m.start("lead"), m.end("lead"))
            prev = _country_at(in_sent, m.start("prev"), m.end("prev"))
            if lead is None or prev is None or lead.iso3 == prev.iso3:
                continue
            when = next((d.iso for d in dates if d.start >= m.start()), "")
            event = Event(
                "handover",
                mission.id if mission else "",
                when,
                (lead.iso3, prev.iso3),
                (ev,),
            )
            if all(x.actors != event.actors for x in found.events if x.kind == "handover"):
                found.events.append(event)
            elif when:
                # a later sentence gives the date an earlier one left out
                for i, x in enumerate(found.events):
                    if x.kind == "handover" and x.actors == event.actors and not x.date:
                        found.events[i] = Event(x.kind, x.mission, when, x.actors, (*x.evidence, ev))
            return


def _tensions(
    text: str, s: int, e: int, in_sent: list[CountryMention], found: Findings, ev: Evidence
) -> None:
    m = TENSION.search(text, s, e)
    if not m:
        return
    parties = [c.iso3 for c in in_sent if c.start >= m.end() and c.start < m.end() + 80]
    if len(set(parties)) >= 2:
        actors = tuple(dict.fromkeys(parties))[:2]
        if all(set(x.actors) != set(actors) for x in found.events if x.kind == "tension"):
            found.events.append(Event("tension", "", "", actors, (ev,)))


def best_total(found: Findings) -> tuple[int | None, int | None, list[Evidence]]:
    """The mission's current strength and peak as the text gives them."""
    total = None
    evidence: list[Evidence] = []
    if found.totals:
        score, n, _, ev = sorted(found.totals, key=lambda t: (-t[0], t[3].start, t[1].start))[0]
        total = n.value
        evidence.append(ev)
    peak = max((n.value for n, _ in found.peaks), default=None)
    if peak is not None and total is not None and peak <= total:
        peak = None
    return total, peak, evidence
