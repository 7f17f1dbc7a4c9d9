"""Where a page sentence comes from: the source sentences that support it.

Every sentence of the sources (their French text, or the translation a page was made from) is
indexed by its content terms. A page sentence is aligned with the source sentences that share
the most of its terms, weighted by rarity; a fact of the page (figure, date, name) is "in
context" when one of those sentences holds it. A fact found only elsewhere in the sources is a
fact moved to a claim it does not belong to (a swapped name, a number from another paragraph).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsdesk.cluster.terms import terms
from newsdesk.compose.material import StorySource
from newsdesk.language import split_sentences
from newsdesk.verify.facts import MONTHS, WEEKDAYS, numbers_in
from newsdesk.verify.normalize import fold_text

SUPPORT_SENTENCES = 3  # source sentences a page sentence is compared with (a sentence may
#                        combine two source sentences; a heading cuts one)


@dataclass(frozen=True)
class SourceSentence:
    source: int  # index of the source
    text: str
    folded: str
    terms: frozenset[str]
    numbers: frozenset[str]


# When the best source sentence alone holds this share of a page sentence's terms, the page
# sentence is a copy of it and its facts must be in that very sentence (not in a neighbour).
SINGLE_SOURCE_COVERAGE = 0.9


@dataclass(frozen=True)
class Support:
    sentences: tuple[SourceSentence, ...]
    coverage: float  # share of the page sentence's terms found in its best source sentence(s)
    single: bool = False  # the best sentence alone supports it: facts are checked there only

    @property
    def context(self) -> tuple[SourceSentence, ...]:
        return self.sentences[:1] if self.single else self.sentences

    @property
    def folded(self) -> str:
        return " \n ".join(s.folded for s in self.context)

    @property
    def numbers(self) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        return out.union(*(s.numbers for s in self.context))

    @property
    def best_source(self) -> int | None:
        return self.sentences[0].source if self.sentences else None


@lru_cache(maxsize=1)
def _fact_terms() -> frozenset[str]:
    """Weekday and month names as content terms (what the date check compares)."""
    words = WEEKDAYS.split("|") + MONTHS.split("|")
    return frozenset(t for w in words for t in terms(w))


class SourceIndex:
    """The sentences of a story's sources, searchable by content terms."""

    def __init__(self, sources: Sequence[StorySource]) -> None:
        self.sources = list(sources)
        self.sentences: list[SourceSentence] = []
        self.folded: list[str] = []
        self.numbers: set[str] = set()
        for i, source in enumerate(sources):
            text = f"{source.title}\n\n{source.text}"
            self.folded.append(fold_text(text))
            self.numbers |= numbers_in(text)
            for start, end in split_sentences(text):
                sentence = text[start:end]
                self.sentences.append(
                    SourceSentence(
                        i,
                        sentence,
                        fold_text(sentence),
                        frozenset(terms(sentence)),
                        frozenset(numbers_in(sentence)),
                    )
                )
        df: Counter[str] = Counter()
        for s in self.sentences:
            df.update(s.terms)
        n = max(1, len(self.sentences))
        self._idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self._postings: dict[str, list[int]] = {}
        for row, s in enumerate(self.sentences):
            for t in s.terms:
                self._postings.setdefault(t, []).append(row)
        self.all_folded = "\n".join(self.folded)

    def idf(self, term: str) -> float:
        return self._idf.get(term, math.log(1 + max(1, len(self.sentences))))

    def support(self, text: str) -> Support:
        wanted = frozenset(terms(text))
        if not wanted:
            return Support((), 1.0)
        scores: Counter[int] = Counter()  # row -> summed idf (Counter[int] for most_common)
        # Terms in sorted order and ties by row: a set's order follows string hashing, which
        # differs per process, and would change sums in their last bit and the order of ties.
        for t in sorted(wanted):
            for row in self._postings.get(t, ()):
                scores[row] += self.idf(t)  # type: ignore[assignment]
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        best = [self.sentences[row] for row, _ in ranked[:SUPPORT_SENTENCES]]
        total = math.fsum(self.idf(t) for t in wanted)
        covered = alone = 0.0
        if best:
            union = best[0].terms | (best[1].terms if len(best) > 1 else frozenset())
            covered = math.fsum(self.idf(t) for t in wanted & union) / total
            # Whether the best sentence alone is the origin is judged without the facts (a
            # changed date or number must not make its own sentence look like another one).
            core = {t for t in wanted if t not in _fact_terms() and not any(c.isdigit() for c in t)}
            core_total = math.fsum(self.idf(t) for t in core) or 1.0
            alone = math.fsum(self.idf(t) for t in core & best[0].terms) / core_total
        return Support(tuple(best), covered, single=alone >= SINGLE_SOURCE_COVERAGE)

    def in_any(self, folded: str) -> bool:
        return folded in self.all_folded
