"""Many articles into one Story: the same mission and contributor merged across sources.

    stories (one per article) -> sorted by article date -> merged Story

Rules
-----
* Articles are ordered by date; an undated article counts as older than any
  dated one, and among articles of the same date the later one given wins.
* A mission's strength, and a contributor's troops in a mission, are the
  figure of the latest article that gives one; the merged record's ``date``
  is that article's date ("as of").  A mission's peak is the largest peak.
* Every piece of evidence is kept, each with its source and article date, so
  nothing older is lost: the figures a time slider needs are in
  :func:`timeline` (the merged Story as of each article date).
* Places are deduplicated by gazetteer id, events by (kind, mission, date,
  actors) with their evidence pooled.

A corpus run (``deploymap extract CORPUS -o stories.jsonl``) writes one Story
per line; :func:`read_stories` reads them back for merging.

Examples
--------
>>> from deploymap.model import Deployment, Story
>>> old = Story(date="2023-01-10", sources=("a",),
...             deployments=(Deployment("TUR", "KFOR", troops=400, date="2023-01-10"),))
>>> new = Story(date="2023-10-05", sources=("b",),
...             deployments=(Deployment("TUR", "KFOR", troops=600, date="2023-10-05"),))
>>> merged = merge_stories([new, old])
>>> [(d.contributor, d.troops, d.date) for d in merged.deployments]
[('TUR', 600, '2023-10-05')]
>>> merged.sources, merged.date
(('a', 'b'), '2023-10-05')
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from deploymap.errors import InputError
from deploymap.model import (
    Deployment,
    Event,
    Evidence,
    MissionMention,
    Story,
    Toponym,
)

if TYPE_CHECKING:
    from deploymap.gazetteer.missions import MissionCatalogue

__all__ = ["article_dates", "merge_stories", "read_stories", "story_from_dict", "timeline"]


def _when(story: Story) -> tuple[bool, str]:
    # dated after undated; ISO dates sort as strings ("2023-10" < "2023-10-05")
    return (bool(story.date), story.date)


def _stamped(evidence: Iterable[Evidence], story: Story) -> list[Evidence]:
    """Evidence with its article's source and date filled in where it lacks them."""
    source = story.sources[0] if story.sources else story.title
    out = []
    for ev in evidence:
        if (not ev.source and source) or (not ev.date and story.date):
            ev = dataclasses.replace(ev, source=ev.source or source, date=ev.date or story.date)
        out.append(ev)
    return out


def _unique(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(evidence))


def article_dates(stories: Iterable[Story]) -> list[str]:
    """The distinct article dates, oldest first: the steps of a time slider.

    >>> article_dates([Story(date="2024-02-01"), Story(), Story(date="2023-05-01")])
    ['2023-05-01', '2024-02-01']
    """
    return sorted({s.date for s in stories if s.date})


def merge_stories(stories: Iterable[Story], *, title: str = "", until: str | None = None) -> Story:
    """Merge articles into one :class:`~deploymap.model.Story`.

    Parameters
    ----------
    stories : iterable of Story
        One Story per article, in any order (see the module notes for ties).
    title : str, optional
        The merged story's title (default: the latest article's).
    until : str, optional
        Only articles dated on or before this ISO date (undated ones included):
        the state of knowledge at that date, one frame of a time slider.

    Returns
    -------
    Story
        ``text`` is empty; ``date`` is the latest article date; ``sources``
        lists every article's sources, oldest first.

    Examples
    --------
    >>> from deploymap.model import Deployment, Evidence, Story
    >>> a = Story(date="2024-03-01", sources=("a.txt",), deployments=(
    ...     Deployment("KEN", "ATMIS", troops=3000, date="2024-03-01",
    ...                evidence=(Evidence(0, 9, "3,000 ...", "a.txt", "2024-03-01"),)),))
    >>> b = Story(date="2024-06-01", sources=("b.txt",), deployments=(
    ...     Deployment("KEN", "ATMIS", troops=None, date="2024-06-01", role="lead nation"),))
    >>> d, = merge_stories([a, b]).deployments
    >>> d.troops, d.date, d.role, [e.source for e in d.evidence]
    (3000, '2024-03-01', 'lead nation', ['a.txt'])
    """
    ordered = sorted(stories, key=_when)
    if until is not None:
        ordered = [s for s in ordered if not s.date or s.date <= until]
    if not ordered:
        return Story(title=title)

    places: dict[str, Toponym] = {}
    for story in ordered:
        for p in story.places:
            places.setdefault(p.id, p)

    return Story(
        text="",
        title=title or next((s.title for s in reversed(ordered) if s.title), ""),
        date=ordered[-1].date,
        places=tuple(places.values()),
        missions=_merge_missions(ordered),
        deployments=_merge_deployments(ordered),
        events=_merge_events(ordered),
        sources=tuple(dict.fromkeys(src for s in ordered for src in s.sources)),
    )


def _merge_missions(ordered: Sequence[Story]) -> tuple[MissionMention, ...]:
    by_id: dict[str, list[tuple[Story, MissionMention]]] = {}
    for story in ordered:
        for m in story.missions:
            by_id.setdefault(m.mission.id, []).append((story, m))
    # the merged story's main mission: the one most articles are mainly about
    main = Counter(s.missions[0].mission.id for s in ordered if s.missions)
    first_seen = list(by_id)
    order = sorted(first_seen, key=lambda mid: (-main[mid], first_seen.index(mid)))
    out = []
    for mid in order:
        seen = by_id[mid]
        first = seen[0][1]
        figures = [(s, m) for s, m in seen if m.troops is not None]
        latest = figures[-1][1] if figures else first
        peaks = [m.peak for _, m in seen if m.peak is not None]
        evidence = _unique(ev for s, m in seen for ev in _stamped(m.evidence, s))
        out.append(
            dataclasses.replace(
                first,
                # the newest catalogue record, in case articles were read with different ones
                mission=seen[-1][1].mission,
                troops=latest.troops,
                peak=max(peaks) if peaks else None,
                evidence=evidence,
            )
        )
    return tuple(out)


def _merge_deployments(ordered: Sequence[Story]) -> tuple[Deployment, ...]:
    by_key: dict[tuple[str, str], list[tuple[Story, Deployment]]] = {}
    for story in ordered:
        for d in story.deployments:
            by_key.setdefault((d.mission, d.contributor), []).append((story, d))
    out = []
    for seen in by_key.values():
        last_story, last = seen[-1]
        figures = [(s, d) for s, d in seen if d.troops is not None]
        fig_story, fig = figures[-1] if figures else (last_story, last)
        location = next((d.location for _, d in reversed(seen) if d.location), None)
        out.append(
            Deployment(
                contributor=last.contributor,
                mission=last.mission,
                troops=fig.troops,
                # "as of": the date of the article whose figure won
                date=fig.date or fig_story.date,
                location=location,
                role=last.role,  # the lead can change hands: the latest article says
                evidence=_unique(ev for s, d in seen for ev in _stamped(d.evidence, s)),
                change=fig.change,
                status=last.status,  # a later article may say the contingent left
                personnel=fig.personnel,
                confidence=fig.confidence,
                figure=fig.figure,
                # what the contingent is: the latest article that says it
                units=next((d.units for _, d in reversed(seen) if d.units), ()),
            )
        )
    return tuple(out)


def _merge_events(ordered: Sequence[Story]) -> tuple[Event, ...]:
    by_key: dict[tuple[str, str, str, tuple[str, ...]], Event] = {}
    for story in ordered:
        for e in story.events:
            key = (e.kind, e.mission, e.date, e.actors)
            evidence = _stamped(e.evidence, story)
            if key in by_key:
                had = by_key[key]
                by_key[key] = dataclasses.replace(had, evidence=_unique((*had.evidence, *evidence)))
            else:
                by_key[key] = dataclasses.replace(e, evidence=_unique(evidence))
    return tuple(by_key.values())


def timeline(stories: Iterable[Story], *, title: str = "") -> list[tuple[str, Story]]:
    """The merged Story as of each article date: one frame per step of a time slider.

    Examples
    --------
    >>> from deploymap.model import Deployment, Story
    >>> a = Story(date="2023-01-10", deployments=(Deployment("TUR", "KFOR", troops=400),))
    >>> b = Story(date="2023-10-05", deployments=(Deployment("TUR", "KFOR", troops=600),))
    >>> [(d, s.deployments[0].troops) for d, s in timeline([b, a])]
    [('2023-01-10', 400), ('2023-10-05', 600)]
    """
    stories = list(stories)
    return [(d, merge_stories(stories, title=title, until=d)) for d in article_dates(stories)]


# -- Stories back from `deploymap extract` JSON ------------------------------------------


def story_from_dict(
    d: Mapping[str, Any], catalogue: MissionCatalogue | None = None, *, text: str = ""
) -> Story:
    """Rebuild a Story from :meth:`Story.to_dict` output (one ``deploymap extract`` record).

    Parameters
    ----------
    d : mapping
        The record; an ``"id"`` key (batch output) is ignored.
    catalogue : MissionCatalogue, optional
        Fills in what the record leaves out of a mission (its area, aliases);
        without one, missions carry only what the record says.
    text : str, optional
        The article text, which records do not carry.

    Examples
    --------
    >>> from deploymap.model import Deployment, Story
    >>> s = Story(date="2024-01-02", deployments=(Deployment("KEN", "ATMIS", troops=3000),))
    >>> story_from_dict(s.to_dict()) == s
    True
    """
    from deploymap.inputs.story import story_from_record

    return story_from_record({**d, "text": text} if text else d, catalogue)


def read_stories(
    path: str | os.PathLike[str], catalogue: MissionCatalogue | None = None
) -> Iterator[Story]:
    """Stream the Stories of a ``deploymap extract CORPUS -o stories.jsonl`` file.

    Examples
    --------
    >>> import os, tempfile
    >>> from deploymap.model import Story
    >>> path = os.path.join(tempfile.mkdtemp(), "stories.jsonl")
    >>> with open(path, "w") as f:
    ...     _ = f.write('{"id": "a", "date": "2024-05-01", "sources": ["a.txt"]}\\n')
    >>> [s.date for s in read_stories(path)]
    ['2024-05-01']
    """
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield story_from_dict(json.loads(line), catalogue)
            except (ValueError, KeyError, TypeError) as e:
                raise InputError(
                    f"{path}:{ln}: not a deploymap extract record ({type(e).__name__}: {e})"
                ) from e
