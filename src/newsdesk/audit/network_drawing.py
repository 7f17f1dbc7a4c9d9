"""The site network drawn for the report: the largest connected groups of sites on one circle,
without JavaScript.

Sites of one group sit side by side on the circle, the most copied first and the copiers last,
so a network shows as an arc with its chords; labels run outward along the radius, so that 60 of them stay readable. A node's size
follows its documents, its colour its verdict; an edge's width follows its links.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.audit.network import SiteEdge
from newsdesk.audit.sites import SiteProfile

DRAWING_SIZE = 760  # px, the square the drawing is in
DRAWING_MAX_SITES = 60  # beyond this labels overlap; the tables and files list every site
LABEL_MARGIN = 170  # px kept around the circle for the labels
VERDICT_COLOURS = {"republisher": "#b00000", "some signals": "#c77d00"}
DEFAULT_COLOUR = "#2d6fb3"


@dataclass(frozen=True)
class DrawnNode:
    site: str
    x: float
    y: float
    r: float
    colour: str
    label_x: float
    label_y: float
    angle: float  # degrees, the label's rotation
    anchor: str  # "start" on the right half, "end" on the left (text never upside down)
    title: str


@dataclass(frozen=True)
class DrawnEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    title: str


@dataclass(frozen=True)
class Drawing:
    size: int
    nodes: tuple[DrawnNode, ...]
    edges: tuple[DrawnEdge, ...]
    groups: int  # connected groups drawn
    left_out: int  # linked sites not drawn


def _groups(edges: Sequence[SiteEdge]) -> list[list[str]]:
    """Connected groups of linked sites, largest (most links) first."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for e in edges:
        parent[find(e.source)] = find(e.target)
    members: dict[str, list[str]] = defaultdict(list)
    weight: dict[str, int] = defaultdict(int)
    for site in list(parent):
        members[find(site)].append(site)
    for e in edges:
        weight[find(e.source)] += e.weight
    return sorted(
        (sorted(m) for m in members.values()),
        key=lambda m: (-weight[find(m[0])], -len(m), m[0]),
    )


def draw_network(profiles: Sequence[SiteProfile], edges: Sequence[SiteEdge]) -> Drawing | None:
    """The drawing of the largest groups, or None when no two sites are linked."""
    oriented = [e for e in edges if e.oriented]
    if not oriented:
        return None
    groups = _groups(oriented)
    # Sites that are copied on one side of the circle, sites that copy on the other: a
    # network's chords then run across from its originals to its copiers.
    copier: dict[str, float] = defaultdict(float)
    for e in oriented:
        copier[e.source] -= e.weight
        copier[e.target] += e.weight
    total: dict[str, int] = defaultdict(int)
    for e in oriented:
        total[e.source] += e.weight
        total[e.target] += e.weight
    sites: list[str] = []
    drawn_groups = 0
    for group in groups:
        if len(sites) + len(group) > DRAWING_MAX_SITES and sites:
            break
        group = sorted(group, key=lambda s: (copier[s] / total[s], s))
        sites.extend(group[:DRAWING_MAX_SITES])
        drawn_groups += 1
    profile = {p.site: p for p in profiles}
    biggest = max((profile[s].documents for s in sites if s in profile), default=1)
    centre = DRAWING_SIZE / 2
    radius = centre - LABEL_MARGIN
    pos: dict[str, tuple[float, float]] = {}
    radii: dict[str, float] = {}
    nodes = []
    for i, site in enumerate(sites):
        theta = 2 * math.pi * i / len(sites)
        x, y = centre + radius * math.cos(theta), centre + radius * math.sin(theta)
        pos[site] = (x, y)
        p = profile.get(site)
        documents = p.documents if p else 0
        r = 3 + 7 * math.sqrt(documents / biggest)
        radii[site] = r
        degrees = math.degrees(theta)
        left = 90 < degrees < 270
        lx = centre + (radius + r + 4) * math.cos(theta)
        ly = centre + (radius + r + 4) * math.sin(theta)
        nodes.append(
            DrawnNode(
                site=site,
                x=round(x, 1),
                y=round(y, 1),
                r=round(r, 1),
                colour=VERDICT_COLOURS.get(p.verdict, DEFAULT_COLOUR) if p else DEFAULT_COLOUR,
                label_x=round(lx, 1),
                label_y=round(ly, 1),
                angle=round(degrees - 180 if left else degrees, 1),
                anchor="end" if left else "start",
                title=(
                    f"{site}: {documents} documents, score {p.score:.2f} ({p.verdict})"
                    if p
                    else site
                ),
            )
        )
    heaviest = max(e.weight for e in oriented)
    drawn_edges = []
    for e in oriented:
        if e.source not in pos or e.target not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        # End the line at the target's rim, so that its arrowhead shows.
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        cut = (radii[e.target] + 1) / length
        x2, y2 = x2 - (x2 - x1) * cut, y2 - (y2 - y1) * cut
        counts = ", ".join(f"{t} {n}" for t, n in e.counts)
        drawn_edges.append(
            DrawnEdge(
                x1=round(x1, 1),
                y1=round(y1, 1),
                x2=round(x2, 1),
                y2=round(y2, 1),
                width=round(0.8 + 3.2 * math.sqrt(e.weight / heaviest), 2),
                title=f"{e.source} → {e.target}: {counts}",
            )
        )
    linked = {s for e in oriented for s in (e.source, e.target)}
    return Drawing(
        size=DRAWING_SIZE,
        nodes=tuple(nodes),
        edges=tuple(drawn_edges),
        groups=drawn_groups,
        left_out=len(linked) - len(sites),
    )
