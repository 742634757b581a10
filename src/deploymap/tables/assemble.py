"""Table records -> Story, and several stories joined into one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from deploymap.model import Deployment, Evidence, Mission, MissionMention, Place, Story, Toponym
from deploymap.tables.records import (
    GEOPKO,
    GEOPKO_CITE,
    HQ_KINDS,
    SITE_TOTAL,
    _Read,
    _Site,
    _site_key,
)
from deploymap.tables.resolve import _Resolver
from deploymap.textnorm import name_key


def _story(reads: list[_Read], res: _Resolver) -> Story:
    # Hosts of missions outside the catalogue: the countries their sites are in.
    country_of = {k: v for t in reads for k, v in t.countries.items()}
    site_country: dict[tuple, str] = {}

    def country(s: _Site) -> str:
        # the row's country; the front map's for a TCC row; the catalogue's only
        # host; else the boundary the point falls in
        key = _site_key(s.mission, s.date, s.location, s.lat, s.lon)
        if key not in site_country:
            found = s.country or country_of.get(key, "")
            if not found:
                cat_hosts = res.mission(s.mission).hosts
                found = cat_hosts[0] if len(cat_hosts) == 1 else ""
            site_country[key] = found or res.gaz.country_at(s.lat, s.lon, un_view=True) or ""
        return site_country[key]

    hosts: dict[str, list[str]] = {}
    hq_of: dict[str, _Site] = {}
    for t in reads:
        for s in t.sites:
            hs = hosts.setdefault(s.mission, [])
            c = country(s)
            if c and c not in hs:
                hs.append(c)
            if s.hq == 3:
                hq_of.setdefault(s.mission, s)
    missions: dict[str, Mission] = {}

    def mission_of(raw: str) -> Mission:
        m = missions.get(raw)
        if m is None:
            m = res.mission(raw, hosts.get(raw, ()))
            site = hq_of.get(raw)
            if not m.in_catalogue and site is not None:
                m = Mission(
                    id=m.id,
                    name=m.name,
                    organisation=m.organisation,
                    hosts=m.hosts,
                    hq_name=site.location,
                    hq_lat=site.lat,
                    hq_lon=site.lon,
                    in_catalogue=False,
                )
            missions[raw] = m
        return m

    places: dict[tuple, Place] = {}

    def place_of(s: _Site) -> Place:
        kind = HQ_KINDS.get(s.hq, "site")
        # one Place per location, mission and HQ status, whatever the year
        pkey = (s.mission, s.location, round(s.lat, 6), round(s.lon, 6), kind)
        p = places.get(pkey)
        if p is None:
            mid = mission_of(s.mission).id
            p = Place(
                id=f"table:{mid}:{name_key(s.location)}@{s.lat:.5f},{s.lon:.5f}",
                name=s.location,
                kind=kind,
                iso3=country(s),
                lat=s.lat,
                lon=s.lon,
                source=s.source,
            )
            places[pkey] = p
        return p

    # Sites: the front map's (with totals) first, then TCC locations not in it.
    site_total: dict[tuple, Deployment] = {}
    tcc_text: dict[tuple, Evidence] = {}
    for t in reads:
        for s in t.sites:
            key = _site_key(s.mission, s.date, s.location, s.lat, s.lon)
            ev = Evidence(0, 0, s.text, source=s.source, date=s.date)
            if not s.total:
                tcc_text[key] = ev
                continue
            site_total[key] = Deployment(
                contributor="",
                mission=mission_of(s.mission).id,
                troops=s.troops,
                date=s.date,
                location=place_of(s),
                role=SITE_TOTAL,
                evidence=(ev,),
                units=s.units,
            )
    tcc_sites = {
        _site_key(s.mission, s.date, s.location, s.lat, s.lon): s
        for t in reads
        for s in t.sites
        if not s.total
    }
    deployments: list[Deployment] = []
    for key, d in site_total.items():
        extra = tcc_text.get(key)
        if extra is not None:
            d = replace(d, evidence=(*d.evidence, extra))
        deployments.append(d)
    for t in reads:
        for p in t.parts:
            mission = mission_of(p.mission)
            loc: Place | None = None
            if p.site is not None:
                total = site_total.get(p.site)
                if total is not None:
                    loc = total.location
                elif p.site in tcc_sites:
                    loc = place_of(tcc_sites[p.site])
            elif p.place is not None:
                lname, lat, lon = p.place
                loc = Place(
                    id=f"table:{mission.id}:{name_key(lname)}@{lat:.5f},{lon:.5f}",
                    name=lname,
                    kind="site",
                    iso3=res.gaz.country_at(lat, lon, un_view=True) or "",
                    lat=lat,
                    lon=lon,
                    source=p.source,
                )
            deployments.append(
                Deployment(
                    contributor=p.contributor,
                    mission=mission.id,
                    troops=p.troops,
                    date=p.date,
                    location=loc,
                    role="contributor",
                    evidence=(Evidence(0, 0, p.text, source=p.source, date=p.date),),
                    units=p.units,
                )
            )

    # Mission totals per date: the sites' totals where a front map gives them,
    # otherwise the contributors' known figures.
    totals: dict[str, dict[str, int]] = {}
    has_sites = {d.mission for d in deployments if d.role == SITE_TOTAL}
    for d in deployments:
        if d.troops is None or (d.mission in has_sites) != (d.role == SITE_TOTAL):
            continue
        by_date = totals.setdefault(d.mission, {})
        by_date[d.date] = by_date.get(d.date, 0) + d.troops
    source_names = tuple(dict.fromkeys(s for t in reads for s in t.sources))
    mentions = []
    for m in dict.fromkeys(missions.values()):
        by_date = totals.get(m.id, {})
        latest = max(by_date) if by_date else ""
        troops = by_date.get(latest) if latest else None
        highest = max(by_date.values(), default=None)
        peak = highest if highest is not None and troops is not None and highest > troops else None
        mev: tuple[Evidence, ...] = ()
        if latest:
            mev = (
                Evidence(
                    0,
                    0,
                    f"{', '.join(source_names)}: {troops:,} troops in {m.id} in {latest}",
                    source=", ".join(t.name for t in reads),
                    date=latest,
                ),
            )
        mentions.append(MissionMention(m, 0, 0, "", troops=troops, peak=peak, evidence=mev))

    dates = sorted({d.date for d in deployments if d.date})
    labels = ", ".join(dict.fromkeys(t.fmt.label for t in reads))
    scope = ", ".join(m.id for m in dict.fromkeys(missions.values()))
    if len(scope) > 60:
        scope = f"{len(missions)} missions"
    when = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}" if dates else ""
    notes = "; ".join(t.note for t in reads if t.note)
    title = f"{labels}: {scope} {when}".strip() + (f" ({notes})" if notes else "")
    sources = tuple(GEOPKO_CITE if s == GEOPKO else s for s in source_names)
    return Story(
        text="",
        title=title,
        date=dates[0] if len(dates) == 1 else "",
        missions=tuple(mentions),
        deployments=tuple(deployments),
        sources=sources,
    )


def concat_stories(stories: Sequence[Story]) -> Story:
    """Several stories as one, by concatenating their records.

    Texts are joined with blank lines and place spans shifted to point into
    the joined text. Missions named by several keep one mention (the first
    with a figure), so their areas are drawn once; deployments, places and
    events are kept as they are (a table's records are per location and date
    already).

    Examples
    --------
    >>> a, b = Story(date="2024", sources=("x",)), Story(date="2023-10-05", sources=("y",))
    >>> s = concat_stories([a, b])
    >>> s.date, s.sources
    ('', ('x', 'y'))
    """
    if len(stories) == 1:
        return stories[0]
    missions: dict[str, MissionMention] = {}
    for s in stories:
        for m in s.missions:
            had = missions.get(m.mission.id)
            if had is None or (had.troops is None and m.troops is not None):
                missions[m.mission.id] = m
    dates = {s.date for s in stories}
    places: list[Toponym] = []
    offset = 0
    for s in stories:
        places += [replace(t, start=t.start + offset, end=t.end + offset) for t in s.places]
        if s.text:
            offset += len(s.text) + 2  # the "\n\n" that joins the texts
    return Story(
        text="\n\n".join(s.text for s in stories if s.text),
        title="; ".join(s.title for s in stories if s.title),
        date=dates.pop() if len(dates) == 1 else "",
        places=tuple(places),
        missions=tuple(missions.values()),
        deployments=tuple(d for s in stories for d in s.deployments),
        events=tuple(e for s in stories for e in s.events),
        sources=tuple(dict.fromkeys(src for s in stories for src in s.sources)),
    )
