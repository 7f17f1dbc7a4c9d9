"""Cheap candidate pairs for the expensive comparisons (sentence embeddings, quote meaning).

Embedding every sentence of a corpus is far too slow (about 40 sentences/s), so documents
are first paired by what survives translation unchanged and costs a regular expression to
find: numbers (with their thousands and decimal separators removed) and proper names
(capitalised words that do not open a sentence, accents and case folded). A pair's score is
the summed inverse document frequency of what it shares, so "2013" or "Obama" in half the
corpus counts little and "Brennan" or "300" counts a lot. Between English and French (and
other Latin-script languages), long words also share cognate stems ("républicain" and
"republican", "électorale" and "electoral"): the first `STEM_LETTERS` letters of words of
`STEM_MIN_LETTERS` or more, folded, are features too. Each document keeps its best `TOP_K`
partners.

Phases: `cheap_features` (map, per document) → `candidate_pairs` (group by feature, reduce to
scored pairs).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
_CAPITALISED = re.compile(r"\b[^\W\d_][\w’'\-]*")
_SENTENCE_OPENING = set('.!?«"“:—–-\n')

# A pair must share at least this many features: one shared name ("Kiev") is common chance.
MIN_SHARED = 2
# Each document keeps its best partners only. On WMT newstest2013 lines 0-999 (pseudo-documents
# of 8 lines, 125 per language) names and numbers alone put 101/125 translations among the
# candidates (at any K); with cognate stems, 125/125 at K = 3 (about 2 pairs per document).
TOP_K = 3
STEM_LETTERS = 5
STEM_MIN_LETTERS = 7
_LONG_WORD = re.compile(rf"[^\W\d_]{{{STEM_MIN_LETTERS},}}")
# A feature carried by more documents than this is skipped (its IDF is low, its pairs many).
MAX_POSTING = 200


@dataclass(frozen=True)
class CheapFeatures:
    numbers: frozenset[str]
    names: frozenset[str]
    stems: frozenset[str] = frozenset()

    @property
    def all(self) -> frozenset[str]:
        return frozenset(
            {f"#{n}" for n in self.numbers}
            | {f"@{n}" for n in self.names}
            | {f"~{s}" for s in self.stems}
        )


def fold(word: str) -> str:
    """Lower case without accents: "États" and "Etats" compare equal."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def cheap_features(text: str) -> CheapFeatures:
    """Numbers of two or more digits, non-initial capitalised words and cognate stems."""
    numbers = set()
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) >= 2:
            numbers.add(digits)
    names = set()
    for m in _CAPITALISED.finditer(text):
        word = m.group()
        if not word[0].isupper() or len(word) < 3:
            continue
        j = m.start() - 1
        while j >= 0 and text[j] in " \t\u00a0":
            j -= 1
        if j < 0 or text[j] in _SENTENCE_OPENING:
            continue
        names.add(fold(word.strip("’'-")))
    stems = frozenset(fold(w)[:STEM_LETTERS] for w in _LONG_WORD.findall(text))
    return CheapFeatures(frozenset(numbers), frozenset(names), stems)


@dataclass(frozen=True)
class Candidate:
    a: int
    b: int
    score: float
    shared: tuple[str, ...]


def candidate_pairs(
    features: Sequence[CheapFeatures],
    languages: Sequence[str | None],
    cross_language: bool = True,
    top_k: int = TOP_K,
    max_df_floor: int = 2,
) -> list[Candidate]:
    """Scored pairs (a < b) sharing at least MIN_SHARED features; with `cross_language`,
    only pairs of two different known languages, else only pairs of one language.

    `max_df_floor`: a feature carried by this many documents is kept however small the corpus
    (in a handful of documents about one story, every name is in more than a third of them)."""
    n = len(features)
    sets = [f.all for f in features]
    postings: dict[str, list[int]] = {}
    for i, s in enumerate(sets):
        for feat in s:
            postings.setdefault(feat, []).append(i)
    idf = {f: math.log(n / len(p)) for f, p in postings.items()}
    # Features in more than a third of the documents (or MAX_POSTING of them) cannot tell
    # pairs apart; skipping them also keeps the number of pairs counted linear.
    max_df = min(max(max_df_floor, n // 3), MAX_POSTING)
    shared: dict[tuple[int, int], list[str]] = {}
    for feat, docs in postings.items():
        if len(docs) < 2 or len(docs) > max_df:
            continue
        by_lang: dict[str, list[int]] = {}
        for d in docs:
            lang = languages[d]
            if lang is not None:
                by_lang.setdefault(lang, []).append(d)
        groups = list(by_lang.values())
        for gi, group in enumerate(groups):
            if cross_language:
                others = [d for g in groups[gi + 1 :] for d in g]
                for a in group:
                    for b in others:
                        shared.setdefault((min(a, b), max(a, b)), []).append(feat)
            else:
                for x, a in enumerate(group):
                    for b in group[x + 1 :]:
                        shared.setdefault((a, b), []).append(feat)
    best: dict[int, list[Candidate]] = {}
    for (a, b), feats in shared.items():
        if len(feats) < MIN_SHARED:
            continue
        ordered = tuple(sorted(feats))
        # fsum over sorted features: the same score whatever order the feature sets were walked
        # in (set order follows PYTHONHASHSEED), so ties below are real ties.
        cand = Candidate(a, b, math.fsum(idf[f] for f in ordered), ordered)
        best.setdefault(a, []).append(cand)
        best.setdefault(b, []).append(cand)
    keep: dict[tuple[int, int], Candidate] = {}
    for cands in best.values():
        cands.sort(key=lambda c: (-c.score, c.a, c.b))
        for c in cands[:top_k]:
            keep[(c.a, c.b)] = c
    return sorted(keep.values(), key=lambda c: (c.a, c.b))
