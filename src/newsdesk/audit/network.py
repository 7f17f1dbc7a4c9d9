"""The network between sites: who copies or translates whom, and how long after.

A document link of a copy type (`duplicate`, `near-copy`, `translation-of`, `rewrite-of`)
between two documents of different sites is a *site link*. Its direction comes from, in order:

1. the link itself, when it is directed (both dates known and at least an hour apart);
2. the two publication dates, when both are known and differ by less than that hour: one copy
   published eight minutes after its original is weak evidence, but a site that does so every
   day is not, and the site edge adds them up;
3. the other links of the same two sites: an undated copy between two sites whose dated links
   all go one way is taken to go that way too ("site pair");
4. the two sites' roles in all their dated links of the kind (translations between two
   languages, or same-language copies): a site that came later in nearly all of its dated translations translates, one
   that came earlier is translated, and an undated translation between such a pair goes from
   the second to the first ("site roles");
5. otherwise it stays unoriented (and is kept apart: it counts as nobody's copy).

Site links are then summed into site edges: from the original site to the site that copied or
translated it, with counts per link type and the median delay.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from newsdesk.audit.site_docs import SiteDoc
from newsdesk.types import Link

# Link types (their values) that make one document a copy of another: word for word, nearly,
# translated, or retold sentence by sentence ("rewrite-of", when the link stage finds it).
COPY_TYPES = ("duplicate", "near-copy", "translation-of", "rewrite-of")


@dataclass(frozen=True)
class SiteLink:
    """A copy link between documents of two sites, oriented when possible."""

    source: SiteDoc
    target: SiteDoc
    type: str  # a COPY_TYPES value
    oriented_by: str | None  # "link", "dates", "site pair", "site roles" or None (unknown)
    delay: timedelta | None  # target's date minus source's, when both are known and oriented


@dataclass(frozen=True)
class SiteEdge:
    """Every site link from `source` (the original site) to `target` (the copying one)."""

    source: str
    target: str
    counts: tuple[tuple[str, int], ...]  # (link type, links), in COPY_TYPES order
    median_delay: timedelta | None
    delays: int  # links with a known delay
    oriented: bool  # False: the links between these two sites could not be ordered
    examples: tuple[tuple[str, str], ...]  # a few (source document, target document) names

    @property
    def weight(self) -> int:
        return sum(n for _, n in self.counts)


# How much more often one site must have been the later one in its dated copies than the other
# for an undated copy between them to be oriented by their roles: 0.5 is, for example, a site
# later in 3 of its 4 dated copies against one later in 1 of 4. A site needs one dated link of
# the kind (translation or copy) to have a role: one is thin, but the gap asks that the other
# site's links say the opposite.
ROLE_GAP = 0.5
ROLE_MIN_LINKS = 1
EDGE_EXAMPLES = 3  # document pairs kept per edge: enough to open and check by hand


def _delay(source: SiteDoc, target: SiteDoc) -> timedelta | None:
    if source.published is None or target.published is None:
        return None
    return target.published - source.published


def _kind(a: SiteDoc, b: SiteDoc) -> str:
    """ "translation" between two known, different languages, else "copy"."""
    return "translation" if a.language and b.language and a.language != b.language else "copy"


def site_links(links: Iterable[Link], docs: Mapping[str, SiteDoc]) -> list[SiteLink]:
    """The cross-site copy links among `links`, oriented (see the module docstring)."""
    oriented: list[SiteLink] = []
    pending: list[tuple[SiteDoc, SiteDoc, str]] = []
    for link in links:
        kind = link.type.value
        if kind not in COPY_TYPES:
            continue
        a, b = docs.get(link.source), docs.get(link.target)
        if a is None or b is None or a.site == b.site:
            continue
        if link.directed:
            oriented.append(SiteLink(a, b, kind, "link", _delay(a, b)))
        elif a.published is not None and b.published is not None and a.published != b.published:
            first, second = (a, b) if a.published < b.published else (b, a)
            oriented.append(SiteLink(first, second, kind, "dates", _delay(first, second)))
        else:
            pending.append((a, b, kind))
    votes = Counter((x.source.site, x.target.site) for x in oriented)
    # Roles are counted apart for translations and for same-language copies: sites that
    # translate one original publish the same French text, so the fastest translator is the
    # "original" of the others' duplicates while being a translator itself.
    later = Counter((x.target.site, _kind(x.source, x.target)) for x in oriented)
    earlier = Counter((x.source.site, _kind(x.source, x.target)) for x in oriented)

    def copier_share(site: str, kind: str) -> float | None:
        n = later[(site, kind)] + earlier[(site, kind)]
        return later[(site, kind)] / n if n >= ROLE_MIN_LINKS else None

    for a, b, kind in pending:
        ab, ba = votes[(a.site, b.site)], votes[(b.site, a.site)]
        if ab != ba:
            first, second = (a, b) if ab > ba else (b, a)
            oriented.append(SiteLink(first, second, kind, "site pair", _delay(first, second)))
            continue
        share_a, share_b = copier_share(a.site, _kind(a, b)), copier_share(b.site, _kind(a, b))
        roles = share_b - share_a if share_a is not None and share_b is not None else 0.0
        if abs(roles) >= ROLE_GAP:
            first, second = (a, b) if roles > 0 else (b, a)
            oriented.append(SiteLink(first, second, kind, "site roles", _delay(first, second)))
            continue
        first, second = (a, b) if (a.site, a.name) <= (b.site, b.name) else (b, a)
        oriented.append(SiteLink(first, second, kind, None, None))
    return oriented


def median_delay(delays: list[timedelta]) -> timedelta | None:
    if not delays:
        return None
    return timedelta(seconds=statistics.median(d.total_seconds() for d in delays))


def site_edges(links: Iterable[SiteLink]) -> list[SiteEdge]:
    """Site links summed per (original site, copying site), heaviest edges first."""
    groups: dict[tuple[str, str, bool], list[SiteLink]] = defaultdict(list)
    for x in links:
        groups[(x.source.site, x.target.site, x.oriented_by is not None)].append(x)
    edges = []
    for (source, target, is_oriented), group in groups.items():
        per_type = Counter(x.type for x in group)
        delays = [x.delay for x in group if x.delay is not None]
        examples = sorted((x.source.name, x.target.name) for x in group)[:EDGE_EXAMPLES]
        edges.append(
            SiteEdge(
                source=source,
                target=target,
                counts=tuple((t, per_type[t]) for t in COPY_TYPES if per_type[t]),
                median_delay=median_delay(delays),
                delays=len(delays),
                oriented=is_oriented,
                examples=tuple(examples),
            )
        )
    edges.sort(key=lambda e: (-e.weight, e.source, e.target, not e.oriented))
    return edges
