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
from bisect import bisect_left
from dataclasses import dataclass, field

from deploymap.extract.figures import DateMention, Number, find_dates, find_numbers
from deploymap.model import Event, Evidence, Mission, Toponym

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
    r"drawdown of|pull(?:ed|ing)? out|sen[dt] home|bring(?:s|ing)? in|brought in)"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# "down from some 50,000 at its peak": the cue before marks a past high ...
PEAK_BEFORE = re.compile(
    r"\b(?:down from|peak of|peaked at|a high of|as many as|once numbered|once had|at its height)"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# ... and so does one right after the figure
PEAK_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:at (?:its|the) (?:peak|height)|at peak|in its heyday)\b", re.IGNORECASE
)
MISSION_ANAPHORA = re.compile(
    r"\b(?:the|its|this) (?:mission|force|operation|group|contingent|deployment|peacekeeping "
    r"force|peacekeepers)\b|\b(?:the mission['’]s|the force['’]s)\b|"
    r"\d-strong (?:\w+ ){0,2}(?:mission|force|operation)\b",
    re.IGNORECASE,
)
# "taking the force to about 1,100", "bringing the mission's strength to 1,100"
MISSION_TO = re.compile(
    r"\b(?:tak|bring|rais|lift|cut|reduc|push)\w* (?:the|its) (?:mission|force|operation|"
    r"deployment)(?:['’]s (?:strength|total|size))? (?:\w+ )?to\s*$",
    re.IGNORECASE,
)
# lead nations: "Spain leads Sector East", "Hungary commands the operation"
LEADS = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:leads|led|is leading|will lead|commands|commanded|heads|headed|"
    r"is in charge of|will command)\b",
    re.IGNORECASE,
)
# "a battalion of 700", "a contingent numbering 750"
NOUN_OF = re.compile(rf"\b(?:{TROOP_NOUNS})\s+(?:of|numbering|totall?ing)\s*$", re.IGNORECASE)
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
# "will assume command of", "take over leadership of", "took charge of"
TAKE_COMMAND = re.compile(
    r"\b(?:assum\w*|tak\w* over|took over|tak(?:e|es|ing)|took|get\w*|inherit\w*)"
    r" (?:the )?(?:(?:rotating|overall) )?(?:command|leadership|charge|control|helm)\b",
    re.IGNORECASE,
)
# "command passes from Italy to Turkey"
PASS_COMMAND = re.compile(
    r"\b(?:command|leadership)\b[^.;]{0,60}?\b(?:pass\w*|mov\w*|transfer\w*|shift\w*|go\w*)"
    r" from\b",
    re.IGNORECASE,
)
# "Italy handed over command to Turkey"
HAND_COMMAND = re.compile(
    r"\bhand\w* (?:over )?(?:the )?(?:command|leadership|reins)\b", re.IGNORECASE
)
# ", which has the largest army in NATO after the US," is an aside, not the subject
APPOSITIVE = re.compile(r",\s*(?:which|who|whose|that|a|an|the)\b[^,]{0,120},")
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
        if re.match(
            r"\s*(?:km|kilomet|miles?|metres|meters|years?|days?|months?|hours?|"
            r"per ?cent|%|dollars|euros|people|civilians|refugees|villages|"
            r"kilograms|tons|tonnes|aircraft|drones|vehicles|tanks|of its|of the|st\b|nd\b|th\b)",
            after,
        ):
            continue
        nums.append(n)
    return nums


@dataclass
class _Sentence:
    """One sentence being read: its text span, country mentions and figures."""

    text: str
    s: int
    e: int
    countries: list[CountryMention]
    numbers: list[Number]
    about_mission: bool
    owned: set[int] = field(default_factory=set)  # starts of figures already assigned

    def after(self, pos: int, n: int = 40) -> str:
        return self.text[pos : min(self.e, pos + n)]

    def before(self, pos: int, n: int = 40) -> str:
        return self.text[max(self.s, pos - n) : pos]

    def claim(self, n: Number) -> int:
        self.owned.add(n.start)
        return n.value


def _is_former(sn: _Sentence, c: CountryMention) -> bool:
    """Nations that left or are being replaced: "replacing Ethiopian units that left"."""
    return bool(
        FORMER.search(sn.text, max(sn.s, c.start - 25), c.start)
        or re.match(
            r"^(?:[\w ,'’-]{0,40}?)\b(?:that|which|who) (?:have |had )?(?:left|withdr)",
            sn.after(c.end, 80),
        )
    )


def _demonym_troops(sn: _Sentence, c: CountryMention) -> tuple[bool, int | None]:
    """ "Kenyan troops", "Ethiopian and Djiboutian units", "about 440 Nepalese soldiers",
    "a 600-strong Turkish force"."""
    text = sn.text
    is_contrib = False
    figure = None
    m = _troop_noun_after(text, c.end, sn.e, max_words=3)
    if m:
        noun = m.group(0).lower()
        between = text[c.end : c.end + m.start()]
        # coordinated demonyms share the noun; a country name in between does not
        blocked = any(c.end <= o.start < c.end + m.start() and not o.demonym for o in sn.countries)
        hostile = HOSTILE.search(text, max(sn.s, c.start - 40), c.start)
        if noun in ("company", "companies"):
            # "Turkish companies" are firms; a military company comes with a figure
            # or a verb ("Uruguay provides a mechanised company"), read elsewhere.
            m = None
        generic = m is not None and noun in (
            "forces",
            "officers",
            "police",
            "staff",
            "members",
            "experts",
        )
        if m and not blocked and not hostile and (not generic or sn.about_mission):
            is_contrib = "," not in between or " and " in between
    for n in sn.numbers:
        if n.end <= c.start and _words_between(text, n.end, c.start) <= 2 and (n.strong or m):
            figure = sn.claim(n)
            is_contrib = True
    return is_contrib, figure


def _in_source_list(sn: _Sentence, c: CountryMention) -> bool:
    """ "drawn mainly from Bangladesh, Egypt, Pakistan and Honduras"."""
    head = re.split(r"[;:]|\bwhile\b", sn.before(c.start, 120))[-1]
    head = re.sub(r"(?:[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*,? (?:and |or )?)+$", "", head)
    return bool(_FROM_LIST.search(head))


def _is_troopish(sn: _Sentence, n: Number) -> bool:
    """Does this figure count people in uniform? ("740 soldiers", "a battalion of 700")."""
    text = sn.text
    return bool(
        _troop_noun_after(text, n.end, sn.e, max_words=4)
        or NOUN_OF.search(sn.before(n.start))
        or re.match(
            r"\s*(?:each|in |at |near |based|deployed|stationed|personnel)",
            text[n.end : n.end + 12],
        )
        or re.match(r"[\s,)]*(?:$|[,;.])", text[n.end : n.end + 3])
    )


def _subject_figure(sn: _Sentence, i: int, c: CountryMention) -> tuple[bool, int | None]:
    """A nation as the subject of a deployment verb with troops or a figure as object:
    "Pakistan has around 1,900 troops", "followed by Italy with some 1,070",
    "Italy (1,068)", "Bangladesh and India supply engineers"."""
    text, countries = sn.text, sn.countries
    # coordinated subjects share the verb: "Bangladesh and India supply engineers"
    j = i
    while j + 1 < len(countries) and re.fullmatch(
        r"\s*(?:,|and|or|, and|as well as)\s*", text[countries[j].end : countries[j + 1].start]
    ):
        j += 1
    clause_end = countries[j + 1].start if j + 1 < len(countries) else sn.e
    window = text[c.end : clause_end]
    verb = _DEPLOY_VERB.search(window)
    is_contrib, figure = False, None
    near = [n for n in sn.numbers if c.end <= n.start < clause_end and n.start not in sn.owned]
    if near:
        n = near[0]
        gap = _words_between(text, c.end, n.start)
        between = text[c.end : n.start]
        paren = re.fullmatch(r"\s*\(\s*", between) is not None  # "Italy (1,068)"
        with_ok = bool(re.search(r"\bwith (?:\w+ ){0,2}$|\bwith\s*$", between))
        verb_ok = (verb is not None and verb.start() < n.start - c.end) or paren
        troopish = _is_troopish(sn, n) or paren
        if (
            (troopish or with_ok)
            and gap <= 12
            and (verb_ok or with_ok or gap <= 3)
            and (
                not CHANGE.search(sn.before(n.start, 30))
                or BRINGING.search(sn.before(n.start, 60).rstrip())
            )
        ):
            figure = sn.claim(n)
            is_contrib = True
    elif verb is not None and not c.demonym:
        obj = window[verb.end() :]
        noun = _troop_noun_after(obj, 0, len(obj), max_words=6)
        if (
            noun
            and not re.match(r"\s*(?:its|their|her|his) ", obj)
            and (noun.group(0).lower() not in ("forces", "force") or sn.about_mission)
        ):
            is_contrib = True
    # "bringing its contingent to more than 2,100": the new total wins
    for n in sn.numbers:
        if c.end <= n.start < clause_end and BRINGING.search(sn.before(n.start, 60).rstrip()):
            figure = sn.claim(n)
            is_contrib = True
    return is_contrib, figure


def _leads(sn: _Sentence, c: CountryMention) -> bool:
    """Lead nations: "Spain leads Sector East", "Hungary commands the operation"."""
    if c.demonym or not LEADS.match(sn.after(c.end, 40)):
        return False
    return sn.about_mission or bool(
        re.search(
            r"\b(?:sector|mission|operation|force|command|battalion|brigade|contingent)\b",
            sn.after(c.end, 80),
            re.IGNORECASE,
        )
    )


def _each_groups(sn: _Sentence, hosts: set[str], found: Findings, ev: Evidence) -> None:
    """ "Argentina and Slovakia ... roughly 240 soldiers each", "Rwanda, India and Nepal
    each provide more than 1,000 troops"."""
    for n in sn.numbers:
        group = [c for c in sn.countries if c.end <= n.start and c.iso3 not in hosts]
        if len(group) < 2:
            continue
        each_after = re.match(r"\s*(?:\w+\s+){0,2}each\b", sn.after(n.end, 25))
        each_before = re.match(r"\s*each\s+(?:\w+\s+){0,3}$", sn.text[group[-1].end : n.start])
        if each_after or each_before:
            for c in group:
                _add(found, c.iso3, n.value, ev, override=True)
            sn.owned.add(n.start)


def _mission_figures(sn: _Sentence, found: Findings, ev: Evidence) -> None:
    """Figures nobody owns, in a sentence about the mission: its strength and peak."""
    for k, n in enumerate(sn.numbers):
        if n.start in sn.owned:
            continue
        before = sn.before(n.start)
        troop = (
            _troop_noun_after(sn.text, n.end, sn.e, max_words=3)
            or n.strong
            or re.search(r"strength of\s*$", before)
        )
        is_peak = bool(PEAK_BEFORE.search(before) or PEAK_AFTER.search(sn.after(n.end)))
        if MISSION_TO.search(before):  # "taking the force to about 1,100"
            found.totals.append((6, n, k, ev))
        elif CHANGE.search(before):  # "withdrew another 3,000 soldiers"
            continue
        elif is_peak:
            found.peaks.append((n, ev))
        elif troop:
            score = 1 + (2 if sn.about_mission else 0) + (1 if TOTAL_CUE.search(before) else 0)
            found.totals.append((score + (1 if n.strong else 0), n, k, ev))


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
    # Sorted starts let each sentence find its own mentions by bisection, so a
    # long article costs linear time, not sentences x mentions.
    starts = [c.start for c in countries]
    mission_starts = sorted(a for a, _ in mission_spans)
    for s, e in sentences:
        ev = Evidence(s, e, text[s:e], source, date)
        dates = find_dates(text, s, e, default_year=year)
        names_mission = bisect_left(mission_starts, e) > bisect_left(mission_starts, s)
        sn = _Sentence(
            text,
            s,
            e,
            countries[bisect_left(starts, s) : bisect_left(starts, e)],
            _clean_numbers(text, s, e, dates),
            names_mission or bool(MISSION_ANAPHORA.search(text, s, e)),
        )
        _handovers(text, s, e, sn.countries, dates, mission, ev, found)
        _tensions(text, s, e, sn.countries, found, ev)
        for i, c in enumerate(sn.countries):
            if c.iso3 in hosts or _is_former(sn, c):
                continue
            is_contrib, figure = False, None
            if c.demonym:
                is_contrib, figure = _demonym_troops(sn, c)
            if not is_contrib and _in_source_list(sn, c):
                is_contrib = True
            if not c.demonym or not is_contrib:
                sub, fig = _subject_figure(sn, i, c)
                is_contrib = is_contrib or sub
                figure = fig if fig is not None else figure
            is_contrib = is_contrib or _leads(sn, c)
            prev_end = sn.countries[i - 1].end if i > 0 else s
            if HOSTILE.search(text[max(prev_end, c.start - 30) : c.start]) and not figure:
                continue  # "to fight Russian forces"
            if is_contrib:
                _add(found, c.iso3, figure, ev)
        _each_groups(sn, hosts, found, ev)
        if sn.about_mission or not sn.countries:
            _mission_figures(sn, found, ev)
    return found


def _add(
    found: Findings, iso3: str, troops: int | None, ev: Evidence, override: bool = False
) -> None:
    d = found.deployments.get(iso3)
    if d is None:
        found.deployments[iso3] = {"troops": troops, "evidence": [ev]}
        return
    if troops is not None and (d["troops"] is None or override):
        d["troops"] = troops
    evs = d["evidence"]
    assert isinstance(evs, list)
    if evs[-1].start != ev.start:  # sentences come in order: only the last can repeat
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
    """Command handovers: who takes over (lead), from whom, and when."""
    asides = [(m.start(), m.end()) for m in APPOSITIVE.finditer(text, s, e)]

    def outside(c: CountryMention) -> bool:
        return not any(a <= c.start < b for a, b in asides)

    def subject_before(pos: int) -> CountryMention | None:
        before = [c for c in in_sent if c.end <= pos and outside(c)]
        return before[-1] if before else None

    def after(pos: int, word: str) -> CountryMention | None:
        for c in in_sent:
            if c.start >= pos and re.search(rf"\b{word}\s+(?:the\s+)?$", text[pos : c.start]):
                return c
        return None

    pairs: list[tuple[CountryMention | None, CountryMention | None, int]] = []
    for m in TAKE_COMMAND.finditer(text, s, e):
        pairs.append((subject_before(m.start()), after(m.end(), "from"), m.start()))
    for m in PASS_COMMAND.finditer(text, s, e):
        prev = next((c for c in in_sent if c.start >= m.end()), None)
        lead = after(prev.end, "to") if prev else None
        pairs.append((lead, prev, m.start()))
    for m in HAND_COMMAND.finditer(text, s, e):
        pairs.append((after(m.end(), "to"), subject_before(m.start()), m.start()))
    for lead, prev, pos in pairs:
        if lead is None or (prev is not None and lead.iso3 == prev.iso3):
            continue
        when = next((d.iso for d in dates if d.start >= pos), "")
        actors = (lead.iso3, prev.iso3) if prev else (lead.iso3,)
        event = Event("handover", mission.id if mission else "", when, actors, (ev,))
        same = [
            i
            for i, x in enumerate(found.events)
            if x.kind == "handover" and x.actors[0] == lead.iso3
        ]
        if not same:
            found.events.append(event)
            continue
        # a later sentence completes what an earlier one left out (date, previous lead)
        i = same[0]
        x = found.events[i]
        found.events[i] = Event(
            x.kind,
            x.mission,
            x.date or when,
            x.actors if len(x.actors) >= len(actors) else actors,
            # sentences come in order: only the last evidence can be this one
            x.evidence if x.evidence[-1].start == ev.start else (*x.evidence, ev),
        )


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
        _, n, _, ev = sorted(found.totals, key=lambda t: (-t[0], t[3].start, t[1].start))[0]
        total = n.value
        evidence.append(ev)
    peak = max((n.value for n, _ in found.peaks), default=None)
    if peak is not None and total is not None and peak <= total:
        peak = None
    return total, peak, evidence
