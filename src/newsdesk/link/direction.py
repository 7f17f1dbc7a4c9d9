"""Which article of a linked pair is the source: the earlier one, when the dates allow it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from newsdesk.link.docs import LinkDoc

# Publication times closer than this do not order two articles: sites round times to the
# minute or hour, show the time of their last update, or carry a day without a time (midnight).
# One hour is above the rounding seen in feeds and below the delay of a translated or
# rewritten republication (hours to days on the sample sites).
MIN_DIRECTION_GAP = timedelta(hours=1)


@dataclass(frozen=True)
class Orientation:
    source: LinkDoc
    target: LinkDoc
    directed: bool
    note: str


def orient(a: LinkDoc, b: LinkDoc) -> Orientation:
    """The earlier publication as source when both dates are known and far enough apart;
    otherwise an undirected pair (ordered by id, for stable output) and the reason why."""
    first, second = (a, b) if a.id <= b.id else (b, a)
    if a.published is None or b.published is None:
        missing = [d.id for d in (first, second) if d.published is None]
        return Orientation(
            first, second, False, f"undirected: no publication date for {', '.join(missing)}"
        )
    gap = abs(a.published - b.published)
    if gap < MIN_DIRECTION_GAP:
        return Orientation(
            first,
            second,
            False,
            f"undirected: published {_fmt(gap)} apart (< {_fmt(MIN_DIRECTION_GAP)})",
        )
    earlier, later = (a, b) if a.published < b.published else (b, a)
    return Orientation(earlier, later, True, f"{earlier.id} published {_fmt(gap)} earlier")


def _fmt(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds >= 86400:
        return f"{seconds / 86400:.1f} d"
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds // 60} min"
