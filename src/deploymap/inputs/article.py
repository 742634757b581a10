"""What every article reader gives: text, and what the page says about it."""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from typing import Any

from deploymap.model import Evidence, Story

__all__ = ["Article", "with_pages"]


@dataclass(frozen=True, slots=True)
class Article:
    """An article reduced to the text deploymap reads.

    ``title`` and ``date`` are what the page itself says (an HTML page's
    headline and publication date; empty when it says nothing), ``source`` the
    file name or the page's canonical URL, and ``pages`` the offset in
    ``text`` where each page starts (a PDF; empty for other inputs).
    """

    text: str
    title: str = ""
    date: str = ""
    source: str = ""
    pages: tuple[int, ...] = ()

    def page_of(self, offset: int) -> int | None:
        """The page (1 = first) of a character offset, None without pages.

        >>> Article("one\\n\\ntwo", pages=(0, 5)).page_of(6)
        2
        """
        if not self.pages:
            return None
        return max(1, bisect.bisect_right(self.pages, offset))


def _paged(ev: Any, article: Article) -> Any:
    if isinstance(ev, Evidence) and ev.page is None:
        return dataclasses.replace(ev, page=article.page_of(ev.start))
    return ev


def with_pages(story: Story, article: Article) -> Story:
    """*story* with the page of every evidence span filled in from *article*'s pages.

    >>> from deploymap.model import Deployment
    >>> s = Story(deployments=(Deployment("KEN", "ATMIS", evidence=(Evidence(7, 9, "x"),)),))
    >>> with_pages(s, Article("a\\n\\nb\\n\\nc", pages=(0, 6))).deployments[0].evidence[0].page
    2
    """
    if not article.pages:
        return story

    def evs(items: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        return tuple(_paged(e, article) for e in items)

    missions = tuple(
        dataclasses.replace(
            m,
            evidence=evs(m.evidence),
            troops_evidence=_paged(m.troops_evidence, article),
            authorised_evidence=_paged(m.authorised_evidence, article),
            peak_evidence=_paged(m.peak_evidence, article),
        )
        for m in story.missions
    )
    deployments = tuple(
        dataclasses.replace(d, evidence=evs(d.evidence), figure=_paged(d.figure, article))
        for d in story.deployments
    )
    events = tuple(dataclasses.replace(e, evidence=evs(e.evidence)) for e in story.events)
    return dataclasses.replace(story, missions=missions, deployments=deployments, events=events)
