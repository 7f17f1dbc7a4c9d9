"""The passages two copies share, as evidence spans for `duplicate` and `near-copy` links.

The texts are compared by 5-word shingles (the same normalisation as the near-copy search):
runs of consecutive shingles of one text that also occur, consecutively, in the other merge
into a passage; the longest passages are reported with their character spans in both texts.
About a millisecond per pair, so it is run on the links found, not on candidate pairs. A group
of n copies of one text has n(n-1)/2 links, and each text is in n-1 of them: its words and its
shingle index are computed once and kept (a small LRU cache keyed by the text), not once per pair
(200 near-identical pages: 40,200 tokenisations, 58 s, before the cache).
"""

from __future__ import annotations

from functools import lru_cache

from newsdesk.link.normalize import token_spans
from newsdesk.link.shingles import SHINGLE_WORDS

# The evidence of a copy link lists at most this many passages (the longest ones).
MAX_PASSAGES = 3
# Texts whose words and shingle index are kept: more than the members of any one copy group the
# link stage walks at a time, few enough that the memory stays small (a text's index is ~10x it).
CACHED_TEXTS = 256

Shingle = tuple[str, ...]


@lru_cache(maxsize=CACHED_TEXTS)
def _words(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(token_spans(text))


@lru_cache(maxsize=CACHED_TEXTS)
def _shingle_starts(text: str) -> dict[Shingle, list[int]]:
    """Where each shingle of the text starts (word indexes); read-only for callers."""
    words = _words(text)
    k = SHINGLE_WORDS
    where: dict[Shingle, list[int]] = {}
    for j in range(len(words) - k + 1):
        where.setdefault(tuple(w for w, _, _ in words[j : j + k]), []).append(j)
    return where


def shared_passages(
    text_a: str, text_b: str, max_passages: int = MAX_PASSAGES
) -> list[tuple[tuple[int, int], tuple[int, int], int]]:
    """Longest shared passages: ((start, end) in a, (start, end) in b, number of words)."""
    wa, wb = _words(text_a), _words(text_b)
    k = SHINGLE_WORDS
    if len(wa) < k or len(wb) < k:
        return []
    where_b = _shingle_starts(text_b)
    passages: list[tuple[int, int, int]] = []  # (start word in a, start word in b, words)
    i = 0
    while i <= len(wa) - k:
        starts = where_b.get(tuple(w for w, _, _ in wa[i : i + k]))
        if not starts:
            i += 1
            continue
        best_len, best_j = 0, starts[0]
        for j in starts[:8]:
            n = k
            while i + n < len(wa) and j + n < len(wb) and wa[i + n][0] == wb[j + n][0]:
                n += 1
            if n > best_len:
                best_len, best_j = n, j
        passages.append((i, best_j, best_len))
        i += best_len
    passages.sort(key=lambda p: -p[2])
    out = []
    for i, j, n in passages[:max_passages]:
        span_a = (wa[i][1], wa[i + n - 1][2])
        span_b = (wb[j][1], wb[j + n - 1][2])
        out.append((span_a, span_b, n))
    return sorted(out)
