"""text -> Story: the whole extraction pipeline in one visible place.

    sentences -> toponyms (geoparser) -> missions -> contributors, figures, events -> Story

>>> story = read_text("Kenyan troops joined the African Union Transition Mission in "
...                   "Somalia (ATMIS), which has about 14,600 troops.")
>>> story.mission.mission.id, story.mission.troops
('ATMIS', 14600)
>>> [(d.contributor, d.troops) for d in story.deployments]
[('KEN', None)]
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from deploymap.extract._text_split import TextSplit
from deploymap.extract.dates import article_date, article_year
from deploymap.extract.deployments import best_total, extract_deployments, records
from deploymap.extract.language import LANGUAGES, detect_language
from deploymap.extract.missions import MissionFinder
from deploymap.extract.sentences import sentence_spans
from deploymap.extract.toponyms import Geoparser
from deploymap.extract.units import contingent_units
from deploymap.gazetteer import Gazetteer
from deploymap.gazetteer.missions import MissionCatalogue
from deploymap.model import Deployment, Mission, MissionMention, Story

__all__ = ["Reader", "read_text"]


# A deployment map marks countries, towns, bases and areas. Streets and
# landmarks (put at the nearest town the text names) and continent adjectivals
# ("African Union troops" would pin the middle of Africa) are left to geoparse.
STORY_RULES_OFF = ("streets", "landmarks", "region_demonyms")


class Reader:
    """Holds what reading needs (gazetteer, geoparser, mission catalogue), built once.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
    catalogue : MissionCatalogue, optional
    """

    def __init__(
        self, gazetteer: Gazetteer | None = None, catalogue: MissionCatalogue | None = None
    ):
        self.gazetteer = gazetteer or Gazetteer()
        self.catalogue = catalogue or MissionCatalogue()
        self.geoparser = Geoparser(self.gazetteer, rules_off=STORY_RULES_OFF)
        self._geoparsers = {"en": self.geoparser}
        self.finder = MissionFinder(self.catalogue, self.gazetteer)
        self._nations: dict[str, str] = {}  # organisation -> the nation it names, or ""
        self._operations: dict[tuple[str, ...], tuple[tuple[str, str, str], ...]] = {}

    def _national(self, mission: Mission | None) -> str:
        """The nation whose own operation *mission* is (its organisation is a
        country's name: "France" for Barkhane), else ""."""
        if mission is None or not mission.organisation:
            return ""
        org = mission.organisation
        if org not in self._nations:
            place = self.gazetteer.best(org)
            ok = place is not None and place.kind == "country" and place.name == org
            self._nations[org] = (place.iso3 or "") if ok and place is not None else ""
        return self._nations[org]

    def _national_operations(self, hosts: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
        """(nation, start, end) of each nation's own operation in one of *hosts*
        (the catalogue's, kept by hosts: the same few for every text)."""
        got = self._operations.get(hosts)
        if got is None:
            if len(self._operations) > 10_000:  # (hosts of uncatalogued missions: bounded)
                self._operations.clear()
            got = self._operations[hosts] = tuple(
                (nation, m.start or "0", m.end)
                for host in hosts
                for m in self.finder.hosted(host)
                if (nation := self._national(m))
            )
        return got

    def _without_national_operations(
        self,
        deployments: list[Deployment],
        main: Mission | None,
        spans: list[tuple[int, int]],
        date: str,
        year: int | None,
    ) -> list[Deployment]:
        """Drop a nation's troops that belong to its own operation in the host:
        "Paris keeps 3,000 soldiers in Mali" beside a MISMA story, while
        Serval runs there, is Serval's, unless the sentence names the mission."""
        if main is None or self._national(main):
            return deployments
        when = date[:10] if date[:4].isdigit() else (f"{year}-07-01" if year else "")
        if not when:
            return deployments
        ops = {
            nation for nation, start, end in self._national_operations(main.hosts)
            if start <= when and (not end or when <= end)
        }  # fmt: skip
        if not ops:
            return deployments

        def names_main(d: Deployment) -> bool:
            return any(a < ev.end and ev.start < b for ev in d.evidence for a, b in spans)

        return [d for d in deployments if d.contributor not in ops or names_main(d)]

    def geoparser_for(self, lang: str) -> Geoparser:
        """The geoparser of one language (built on first use)."""
        gp = self._geoparsers.get(lang)
        if gp is None:
            gp = self._geoparsers[lang] = Geoparser(
                self.gazetteer, lang=lang, rules_off=STORY_RULES_OFF
            )
        return gp

    def read(
        self, text: str, *, title: str = "", date: str = "", source: str = "", lang: str = ""
    ) -> Story:
        """Extract a :class:`~deploymap.model.Story` from one article.

        *lang* (``"en"`` or ``"fr"``) overrides the detected language.
        """
        if lang and lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        # one split of the text for the language vote and the mission finder
        split = TextSplit.of(text)
        lang = lang or detect_language(text, split)
        sentences = sentence_spans(text)
        if not title and sentences:
            s, e = sentences[0]
            line = text[s:e]
            if "\n" in text[e : e + 2] and len(line) < 160 and not line.endswith("."):
                title = line
        dated = None if date else article_date(text, lang=lang)
        date = date or dated or ""
        if date[:4].isdigit():
            year: int | None = int(date[:4])
        else:
            year = article_year(text, lang=lang, own_date=dated)
        toponyms = self.geoparser_for(lang).parse(text)
        hits = self.finder.find(text, year=str(year or ""), date=date, places=toponyms, split=split)
        # "UNDOF" is a mission, not a place, wherever the gazetteer has a namesake
        inside: set[int] = set()
        for h in hits:
            if h.how == "acronym":
                inside.update(range(h.start, h.end))
        if inside:
            toponyms = [t for t in toponyms if not (t.start in inside and t.end - 1 in inside)]
        counts: dict[str, int] = {}  # (a Counter's making costs more than its counting)
        for h in hits:
            counts[h.mission.id] = counts.get(h.mission.id, 0) + 1
        order = list(dict.fromkeys(h.mission.id for h in hits))
        # the main mission: the most often named, the first named on a tie
        main_id = max(order, key=lambda m: (counts[m], -order.index(m))) if order else None
        by_id = {h.mission.id: h.mission for h in hits}
        main = by_id.get(main_id) if main_id else None
        spans = [(h.start, h.end) for h in hits if h.mission.id == main_id]
        others = [(h.start, h.end) for h in hits if h.mission.id != main_id]
        found = extract_deployments(
            text,
            sentences,
            toponyms,
            main,
            spans,
            year=year,
            source=source,
            date=date,
            other_spans=others,
            lang=lang,
            name_spans=[(h.start, h.end) for h in hits if h.how != "description"],
        )
        figs = best_total(found)
        missions = []
        for mid in order:
            first = next(h for h in hits if h.mission.id == mid)
            if mid != main_id:
                missions.append(MissionMention(by_id[mid], first.start, first.end, first.text))
                continue
            missions.append(
                MissionMention(
                    by_id[mid],
                    first.start,
                    first.end,
                    first.text,
                    troops=figs.troops,
                    peak=figs.peak,
                    evidence=figs.evidence,
                    authorised=figs.authorised,
                    troops_evidence=figs.troops_evidence,
                    authorised_evidence=figs.authorised_evidence,
                    peak_evidence=figs.peak_evidence,
                )
            )
        deployments = []
        leads = {e.actors[0] for e in found.events if e.kind == "handover" and e.actors}
        # the unit lexicon is English; a French text keeps its contingents without units
        units = contingent_units(text, found.claims, toponyms) if lang == "en" else {}
        for r in records(found):
            deployments.append(
                Deployment(
                    contributor=r.iso3,
                    mission=main_id or "",
                    troops=r.troops,
                    date=date,
                    role="lead nation" if r.iso3 in leads or r.lead else "contributor",
                    evidence=r.evidence,
                    change=r.change,
                    status=r.status,
                    personnel=r.personnel,
                    confidence=r.confidence,
                    figure=r.figure,
                    units=units.get(r.iso3, ()),
                )
            )
        deployments = self._without_national_operations(deployments, main, spans, date, year)
        nation = self._national(main)
        if nation and figs.troops and figs.troops_evidence is not None:
            # a national operation's strength is its nation's contingent
            own = [i for i, d in enumerate(deployments) if d.contributor == nation]
            if own and deployments[own[0]].troops is None:
                deployments[own[0]] = replace(
                    deployments[own[0]], troops=figs.troops, figure=figs.troops_evidence
                )
            elif not own:
                deployments.append(
                    Deployment(
                        contributor=nation,
                        mission=main_id or "",
                        troops=figs.troops,
                        date=date,
                        evidence=(figs.troops_evidence,),
                        confidence=0.5,
                        figure=figs.troops_evidence,
                    )
                )
        hosts = set(main.hosts) if main else set()
        claimed = {d.contributor for d in deployments}
        for event in found.events:
            if event.kind == "handover" and event.actors:
                lead = event.actors[0]
                if lead not in claimed and lead not in hosts:
                    claimed.add(lead)
                    deployments.append(
                        Deployment(
                            contributor=lead,
                            mission=main_id or "",
                            date=date,
                            role="lead nation",
                            evidence=event.evidence,
                            confidence=0.5,
                        )
                    )
        return Story(
            text=text,
            title=title,
            date=date,
            places=tuple(toponyms),
            missions=tuple(missions),
            deployments=tuple(deployments),
            events=tuple(found.events),
            sources=(source,) if source else (),
            lang=lang,
        )


@lru_cache(maxsize=1)
def default_reader() -> Reader:
    """The reader :func:`read_text` uses (built on first use, then reused)."""
    return Reader()


def read_text(
    text: str, *, title: str = "", date: str = "", source: str = "", lang: str = ""
) -> Story:
    """Read one article into a :class:`~deploymap.model.Story`.

    Parameters
    ----------
    text : str
        The article (UTF-8 text; a first short line is taken as its title).
    title, date, source : str, optional
        Override the title, give the article date (ISO) for resolving dates
        such as "Oct. 10", and name the source for the evidence records.
    lang : {"", "en", "fr"}, optional
        The text's language; by default detected (see
        :func:`deploymap.extract.language.detect_language`).
    """
    return default_reader().read(text, title=title, date=date, source=source, lang=lang)
