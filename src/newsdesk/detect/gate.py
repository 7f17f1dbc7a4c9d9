"""Keyword gates: run an expensive pattern only around the literal words it cannot match without.

Python's regular expressions try every alternative at every position, so a pattern with forty
branches costs milliseconds on a news article. Every branch of our patterns contains one of a
few literal keywords; `str.find` locates those in microseconds, and the full pattern then runs
only in a window around each occurrence. This is what keeps the detector set fast enough for
corpus audits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

WINDOW_BEFORE = 160  # characters before a keyword a match may start (longest prefix ~120)
WINDOW_AFTER = 260  # characters after a keyword a match may end


def keyword_positions(lower: str, keywords: Iterable[str]) -> list[int]:
    """Sorted offsets of every occurrence of any keyword in `lower` (already lower-cased)."""
    out = []
    for kw in keywords:
        i = lower.find(kw)
        while i >= 0:
            out.append(i)
            i = lower.find(kw, i + 1)
    out.sort()
    return out


def windows(
    positions: list[int], length: int, before: int = WINDOW_BEFORE, after: int = WINDOW_AFTER
) -> list[tuple[int, int]]:
    """Merged [start, end) windows around keyword positions."""
    merged: list[tuple[int, int]] = []
    for p in positions:
        s, e = max(0, p - before), min(length, p + after)
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def gated_finditer(
    pattern: re.Pattern[str],
    text: str,
    lower: str,
    keywords: Iterable[str],
    before: int = WINDOW_BEFORE,
    after: int = WINDOW_AFTER,
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, restricted to windows around the keywords (no duplicates).

    A pattern whose matches lie in a known place around its keyword (a quoted fragment ends at
    its closing mark) may pass narrower `before`/`after` bounds."""
    last_end = -1
    for s, e in windows(keyword_positions(lower, keywords), len(text), before, after):
        for m in pattern.finditer(text, s, e):
            if m.start() >= last_end:
                last_end = m.end()
                yield m


def any_keyword(lower: str, keywords: Iterable[str]) -> bool:
    return any(kw in lower for kw in keywords)
