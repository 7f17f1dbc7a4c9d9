"""The passages two copies share, as evidence spans for `duplicate` and `near-copy` links.

The texts are compared by 5-word shingles (the same normalisation as the near-copy search):
runs of consecutive shingles of one text that also occur, consecutively, in the other merge
into a passage; the longest passages are reported with their character spans in both texts.
About a millisecond per pair, so it is run on the links found, not on candidate pairs.
"""

from __future__ import annotations

from newsdesk.link.normalize import token_spans
from newsdesk.link.shingles import SHINGLE_WORDS

# The evidence of a copy link lists at most this many passages (the longest ones).
MAX_PASSAGES = 3


def shared_passages(
    text_a: str, text_b: str, max_passages: int = MAX_PASSAGES
) -> list[tuple[tuple[int, int], tuple[int, int], int]]:
    """Longest shared passages: ((start, end) in a, (start, end) in b, number of words)."""
    wa, wb = token_spans(text_a), token_spans(text_b)
    k = SHINGLE_WORDS
    if len(wa) < k or len(wb) < k:
        return []
    where_b: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(wb) - k + 1):
        where_b.setdefault(tuple(w for w, _, _ in wb[j : j + k]), []).append(j)
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
