"""Cut a text into segments at finding boundaries, so overlapping findings can all be shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.types import Finding


@dataclass(frozen=True)
class Segment:
    text: str
    findings: tuple[int, ...]  # indexes into the findings list, empty for plain text


def segments(text: str, findings: Sequence[Finding]) -> list[Segment]:
    bounds = {0, len(text)}
    for f in findings:
        bounds.update((max(0, f.start), min(len(text), f.end)))
    cuts = sorted(bounds)
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start == end:
            continue
        covering = tuple(i for i, f in enumerate(findings) if f.start <= start and end <= f.end)
        out.append(Segment(text[start:end], covering))
    return out
