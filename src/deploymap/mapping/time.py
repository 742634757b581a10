"""The time dimension of a map: the steps of its slider, and at which steps a feature shows.

A story spans several dates when its force, contributor or flow features
carry more than one (Geo-PKO years, UN reporting dates, several articles
merged).  Its map then gets a slider over those dates, drawn by
``deploymap.slider`` in ``static/deploymap.js``: each time-aware feature
carries ``w = [first, last]``, the step indices at which it shows, and the
runtime keeps exactly those features on the map.  A story with one date has
no axis, and its features no ``w``.

When a feature shows:

* A **table row** (evidence without a text span: a Geo-PKO year, a UN
  reporting date, a deployments CSV row) describes its own date and nothing
  after it: it shows at that step only.  A site missing from a later year
  is gone in that year.
* An **article's figure** holds until a later figure of the same series (the
  same contributor, site or mission HQ) replaces it: it shows from its date
  on.  (After :func:`deploymap.aggregate.merge_stories` only the latest
  figure is left, so each step shows what was known by then.)
* An interval ``"a/b"`` shows from *a* to *b* (table) or from *a* on
  (article); an undated feature shows at every step.

Dates are ISO strings of any precision (``"2024"``, ``"2023-10-05"``) and are
compared as such, a year standing for the whole year.

Examples
--------
>>> axis = TimeAxis(("2022", "2023", "2024"))
>>> axis.windows([("Naqoura", "2023", True), ("TUR", "2022", False), ("TUR", "2024", False)])
[(1, 1), (0, 1), (2, 2)]
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from deploymap.model import Deployment

__all__ = ["TIME_LAYERS", "TimeAxis", "from_table", "time_axis"]

#: The export layers whose features move with the slider (contributors: role "contributor").
TIME_LAYERS = ("force", "country", "flow")


def _span(date: str | None) -> tuple[str, str] | None:
    if not date:
        return None
    first, _, last = date.partition("/")
    return first, last or first


@dataclass(frozen=True, slots=True)
class TimeAxis:
    """The slider's steps: distinct ISO dates, oldest first.

    Parameters
    ----------
    steps : tuple of str
        At least two dates, sorted.
    """

    steps: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.steps)

    def _first(self, start: str) -> int:
        # the first step on or after *start* ("2024-03-01" >= "2024")
        return bisect.bisect_left(self.steps, start)

    def _last(self, end: str) -> int:
        # the last step within *end*, a year standing for all its days
        i = len(self.steps) - 1
        while i >= 0 and self.steps[i][: len(end)] > end:
            i -= 1
        return i

    def windows(self, items: Sequence[tuple[Hashable, str | None, bool]]) -> list[tuple[int, int]]:
        """The ``(first, last)`` step of each ``(series, date, from_table)`` item.

        See the module docstring for the rules; *series* says which items
        replace each other (for article figures).

        Examples
        --------
        >>> axis = TimeAxis(("2023-01-10", "2023-10-05"))
        >>> axis.windows([("KFOR", "2023-01-10/2023-10-05", False), ("x", None, True)])
        [(0, 1), (0, 1)]
        """
        last = len(self.steps) - 1
        spans: list[tuple[int, int]] = []
        for _, date, _ in items:
            span = _span(date)
            spans.append((0, last) if span is None else (self._first(span[0]), self._last(span[1])))
        # article figures: until the next start of the same series
        starts: dict[Hashable, list[int]] = {}
        for (series, date, table), (i0, _) in zip(items, spans, strict=True):
            if not table and date:
                starts.setdefault(series, []).append(i0)
        out = []
        for (series, date, table), (i0, i1) in zip(items, spans, strict=True):
            if not table and date:
                later = [s for s in starts[series] if s > i0]
                i1 = min(later) - 1 if later else last
            out.append((i0, max(i0, i1)))
        return out


def time_axis(
    features: Iterable[dict[str, Any]], site_dates: Iterable[str | None] = ()
) -> TimeAxis | None:
    """The axis of a story's export features, or None when they hold one date or none.

    Only force features, contributor countries and flows count: the host,
    the mission area and the places named do not move with time.  The dates
    of force sites not among *features* come as *site_dates*
    (:attr:`deploymap.sites.ForceSites.date`).

    Examples
    --------
    >>> def f(layer, date):
    ...     return {"properties": {"layer": layer, "date": date, "role": "contributor"}}
    >>> time_axis([f("force", "2023"), f("force", "2024"), f("mission_area", "1994")]).steps
    ('2023', '2024')
    >>> time_axis([f("force", "2024"), f("place", "2020")]) is None
    True
    """
    dates: set[str] = set()
    for date in set(site_dates):
        span = _span(date)
        if span is not None:
            dates.update(span)
    for f in features:
        p = f["properties"]
        if p.get("layer") not in TIME_LAYERS:
            continue
        if p["layer"] == "country" and p.get("role") != "contributor":
            continue
        span = _span(p.get("date"))
        if span is not None:
            dates.update(span)
    return TimeAxis(tuple(sorted(dates))) if len(dates) > 1 else None


def from_table(deployments: Iterable[Deployment]) -> bool:
    """Whether records come from table rows (evidence with no text span), not articles.

    Examples
    --------
    >>> from deploymap.model import Evidence
    >>> row = Deployment("GHA", "UNIFIL", 870, "2023-10-31", evidence=(Evidence(0, 0, "row"),))
    >>> said = Deployment("TUR", "KFOR", 600, "2023-10-05", evidence=(Evidence(10, 40, "..."),))
    >>> from_table([row]), from_table([said]), from_table([])
    (True, False, False)
    """
    evidence = [e for d in deployments for e in d.evidence]
    return bool(evidence) and all(e.start == e.end for e in evidence)
