"""Which words and sentences a story is about: the basis of the headline, chapô and subheadings.

A term is central to a story when several of its sources use it and use it often; a sentence is
central when it holds many central terms (normalised by its length, so long sentences do not win
by size alone). No model: the story's own sources are the corpus.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from newsdesk.cluster.terms import terms
from newsdesk.compose.material import Unit


def term_set(text: str) -> frozenset[str]:
    return frozenset(terms(text))


class Salience:
    """Term weights of one story, and the centrality of any text against them."""

    def __init__(self, units: Sequence[Unit]) -> None:
        counts: Counter[str] = Counter()
        sources: dict[str, set[int]] = {}
        for unit in units:
            for term in terms(unit.text):
                counts[term] += 1
                sources.setdefault(term, set()).add(unit.source)
        self.weights = {t: len(sources[t]) * math.log1p(n) for t, n in counts.items()}

    # Sums over a set of terms use math.fsum: `sum` would add them in the set's iteration
    # order, which follows string hashing (PYTHONHASHSEED differs per process), so equal
    # sentences could score a last bit apart from one run to the next and swap places in
    # a ranking: one run in four gave a page another headline, hence another address.
    def score(self, text: str) -> float:
        found = term_set(text)
        if not found:
            return 0.0
        return math.fsum(self.weights.get(t, 0.0) for t in found) / math.sqrt(len(found))

    def mass(self, text: str) -> float:
        """Total weight of the distinct terms of `text` (how much of the story it names)."""
        return math.fsum(self.weights.get(t, 0.0) for t in term_set(text))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two term sets relative to the smaller one (containment): a sentence that
    repeats another with a few words more is a repetition."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
