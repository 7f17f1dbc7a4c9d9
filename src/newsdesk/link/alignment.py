"""Sentence alignment between two articles from their sentence embeddings.

Greedy one-to-one: the most similar pair of sentences is aligned first, then the next most
similar pair of still unaligned sentences, down to `MIN_COSINE`. Greedy rather than monotonic
because rewritten and translated news moves sentences around (sample 001 reorders its
source); the share of aligned pairs that keep their order is reported beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Cosine (multilingual USE v3) at or above which two sentences are taken as translations of
# each other. Calibrated on WMT newstest2013 lines 0-999 (125 English and 125 French
# pseudo-documents of 8 lines; lines 1000-2999 are the benchmark's held-out part), with
# translations.MIN_COVERAGE = 0.5: cosine 0.50 → P 0.992 R 1.000; 0.55 → 0.992/1.000;
# 0.60 → 1.000/0.992; 0.65 → 1.000/0.976; 0.70 → 1.000/0.896
# (`.venv/bin/python benchmarks/translations.py --calibrate`).
MIN_COSINE = 0.6


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[tuple[int, int, float], ...]  # (sentence in a, sentence in b, cosine)
    coverage_a: float  # share of a's sentences aligned
    coverage_b: float
    in_order: float  # share of aligned pairs that keep the relative order of their neighbours


def align(sim: np.ndarray, min_cosine: float = MIN_COSINE) -> Alignment:
    """Greedy one-to-one alignment of the rows and columns of a similarity matrix."""
    m, n = sim.shape
    if m == 0 or n == 0:
        return Alignment((), 0.0, 0.0, 0.0)
    flat = np.argsort(-sim, axis=None)
    used_a = np.zeros(m, dtype=bool)
    used_b = np.zeros(n, dtype=bool)
    pairs: list[tuple[int, int, float]] = []
    for idx in flat:
        i, j = divmod(int(idx), n)
        s = float(sim[i, j])
        if s < min_cosine:
            break
        if used_a[i] or used_b[j]:
            continue
        used_a[i] = used_b[j] = True
        pairs.append((i, j, round(s, 3)))
        if len(pairs) == min(m, n):
            break
    pairs.sort()
    cols = [j for _, j, _ in pairs]
    ordered = sum(1 for x, y in zip(cols, cols[1:], strict=False) if y > x)
    in_order = ordered / (len(cols) - 1) if len(cols) > 1 else 1.0 if cols else 0.0
    return Alignment(tuple(pairs), len(pairs) / m, len(pairs) / n, in_order)
