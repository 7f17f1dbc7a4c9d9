"""`rewrite-of` links: one article retold sentence by sentence from another, in any language.

A rewrite ("make this article SEO compatible") keeps the original's facts in the original's
order, its quotations, figures and names, and adds little: sentence by sentence it is a
paraphrase. Few five-word shingles survive, so it is not a near-copy; when the original is in
another language its sentences are reworded, merged and dropped, so it is not a sentence-aligned
translation either. Two outlets reporting one event independently share the names, figures and
often a quotation, but not the sentence-by-sentence correspondence nor its order.

Phases, on the same candidate pairs as translations (`candidates.candidate_pairs`: rare names,
numbers and stems; same-language pairs as well as cross-language ones):

    map      sentence_stems(text)            folded 5-letter stems per sentence (no model)
    filter   passes_lexical_gate(stems_a, b)  same language only: enough sentences of both sides
                                             find a lexically close sentence on the other, mostly
                                             in order; other pairs are never embedded
    reduce   measure(sa, sb, ...)            sentence embeddings (multilingual USE v3, shared
                                             with `translations`), many-to-one coverage of both
                                             sides, order of the one-to-one alignment, figures
             is_rewrite(measure)             the decision (thresholds below)

The boundary with `translation-of` (decided in `is_faithful_translation`): a translation is
aligned nearly one to one with both sides covered and every aligned pair close in meaning; a
cross-language pair that aligns but drops, merges or rewords sentences is a rewrite. A pair is
never both: the translation stage keeps its faithful pairs, this stage takes the others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsdesk.link.alignment import Alignment, align
from newsdesk.link.candidates import cheap_features, fold
from newsdesk.link.translations import Embedder, Sentences

# Cosine (multilingual USE v3) at or above which two sentences count as one said in other
# words: same language, and across languages (a translated paraphrase scores lower; the
# translation threshold alignment.MIN_COSINE is 0.6). Calibrated with
# `benchmarks/rewrites.py --calibrate` on the calibration half, recipe A (grid over 0.5-0.65):
# 0.6 same-language is the loosest value with no rewrite-of between same-story articles.
MIN_COSINE = 0.6
MIN_COSINE_CROSS = 0.5
# The better-covered side (the rewrite, which adds little) must have at least this share of its
# sentences close to a sentence of the other ...
MIN_REWRITE_COVERAGE = 0.85
# ... and the other side (the original, of which a rewrite may drop or merge sentences) this.
# Same-story articles built on one press release cover each other's sentences loosely; below
# 0.6 several story-pairs-en pairs pass (calibration grid).
MIN_ORIGINAL_COVERAGE = 0.6
# At least this many one-to-one aligned sentence pairs: one or two shared sentences are a
# shared quotation or a shared lead, not a rewrite.
MIN_ALIGNED = 3
# Share of the aligned pairs in the longest run kept in the same order on both sides: a rewrite
# may swap neighbours within a paragraph, independent reports tell things in their own order.
MIN_ORDER = 0.6
# When the rewrite states at least MIN_FIGURES distinct numbers, at least this share of them
# must appear in the original: a rewrite keeps the figures and adds none of its own ...
MIN_FIGURES_KEPT = 0.8
MIN_FIGURES = 2
# ... and likewise its names (same language only: across languages names are inflected,
# translated or open sentences). Two articles on one press release each add names of their
# own; 0.9 is the calibration grid's value with no same-story pair linked.
MIN_NAMES_KEPT = 0.9
MIN_NAMES = 3
# Same-language gate before any embedding (cost bound: embedding runs at ~40 sentences/s, and
# same-language candidates are about two per document). A sentence is matched lexically when
# it shares at least LEXICAL_SENTENCE of the smaller sentence's stems (and two stems or more)
# with a sentence of the other side; a pair is embedded when at least LEXICAL_GATE of the
# shorter side's sentences are matched. A paraphrase keeps names, figures and some content
# words: "The company announced on Tuesday that it will build a new plant in Texas" and "On
# Tuesday, the firm revealed plans to construct a fresh facility in Texas" share 2 of 7 stems.
# The longer side must have at least LEXICAL_GATE_LONGER of its sentences matched (distinct),
# and the matches must keep MIN_ORDER in order (`passes_lexical_gate`). On 2,000 OrangeSum
# articles (4,884 same-language candidate pairs), the shorter side's coverage alone let 905
# pairs through (878 documents to embed); with the longer side and the order, 77 pairs (100
# documents). Every scripted rewrite of benchmarks/rewrites.py (60 tried, recipe B) and the
# hand-written rewrite of tests/link/test_rewrites.py pass.
LEXICAL_SENTENCE = 0.25
LEXICAL_GATE = 0.5
LEXICAL_GATE_LONGER = 0.4
STEM_LETTERS = 5
_WORD = re.compile(r"[^\W_]{4,}")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
# The translation boundary: a cross-language pair is a faithful translation, and keeps
# `translation-of`, when its one-to-one alignment (at MIN_COSINE_CROSS) keeps the order
# (TRANSLATION_ORDER) and leaves at most one sentence in ten of either side unaccounted for
# (`unexplained`: a sentence merged into a neighbour's counterpart is accounted for, one that
# was dropped or added is not). Rewording is no boundary across languages: a literary human
# translation (WMT lines 2432-2439) has a median cosine of 0.70, scripted rewritten
# translations 0.69-0.88. A rewrite drops, adds or moves sentences; a translation, even one
# whose sentences are split differently (WMT lines 2400-2407: three French sentences for one
# English line), does not.
TRANSLATION_COVERAGE = 0.9
TRANSLATION_ORDER = 0.95


def sentence_stems(text: str, spans: Sequence[tuple[int, int]]) -> list[frozenset[str]]:
    """Folded first STEM_LETTERS letters of the words of 4+ letters of each sentence."""
    return [frozenset(fold(w)[:STEM_LETTERS] for w in _WORD.findall(text[s:e])) for s, e in spans]


def lexical_match(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> list[int]:
    """For each sentence of the shorter side (in order), the sentence of the other side that
    shares the most stems with it, when they share at least LEXICAL_SENTENCE of the smaller
    sentence's stems and two stems or more; unmatched sentences are left out."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    matched: list[int] = []
    for s in short:
        best, best_shared = -1, 0
        for j, t in enumerate(long_):
            shared = len(s & t)
            if shared > max(best_shared, 1) and shared >= LEXICAL_SENTENCE * min(len(s), len(t)):
                best, best_shared = j, shared
        if best >= 0:
            matched.append(best)
    return matched


def lexical_coverage(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> float:
    """Share of the shorter side's sentences matched lexically (`lexical_match`)."""
    shorter = min(len(a), len(b))
    return len(lexical_match(a, b)) / shorter if shorter and max(len(a), len(b)) else 0.0


def passes_lexical_gate(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> bool:
    """The decision's rules, by shared stems and looser: most of the shorter side matched, a
    good part of the longer side matched, mostly in order. Only such pairs are embedded."""
    if not a or not b:
        return False
    matched = lexical_match(a, b)
    if not matched or len(matched) / min(len(a), len(b)) < LEXICAL_GATE:
        return False
    if len(set(matched)) / max(len(a), len(b)) < LEXICAL_GATE_LONGER:
        return False
    return longest_in_order(matched) / len(matched) >= MIN_ORDER


def figures(text: str) -> frozenset[str]:
    """Numbers of two or more digits, separators removed ("1,200" and "1 200" are one)."""
    out = set()
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) >= 2:
            out.add(digits)
    return frozenset(out)


@dataclass(frozen=True)
class RewriteMeasure:
    """What `is_rewrite` judges; `_a` / `_b` name the side of each share."""

    alignment: Alignment  # one-to-one at MIN_COSINE(_CROSS) (the evidence)
    coverage_a: float  # share of a's sentences with a close sentence in b (many-to-one)
    coverage_b: float
    order: float  # longest same-order run of aligned pairs / aligned pairs
    median_cosine: float  # of the aligned pairs
    figures_a: int  # distinct figures (numbers of 2+ digits) in a
    figures_b: int
    figures_a_in_b: float  # share of a's figures that b states too (1.0 when a has none)
    figures_b_in_a: float
    names_a: int  # distinct names (capitalised words not opening a sentence) in a
    names_b: int
    names_a_in_b: float  # share of a's names found capitalised anywhere in b
    names_b_in_a: float


def longest_in_order(cols: Sequence[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    for c in cols:
        k = int(np.searchsorted(tails, c))
        if k == len(tails):
            tails.append(c)
        else:
            tails[k] = c
    return len(tails)


_CAPITALISED = re.compile(r"\b[^\W\d_][\w’'\-]*")


def capitalised(text: str) -> frozenset[str]:
    """Every capitalised word, folded, sentence openers included: a rewrite may move a name to
    the head of a sentence, or from it."""
    return frozenset(
        fold(w.strip("’'-")) for w in _CAPITALISED.findall(text) if w[0].isupper() and len(w) >= 3
    )


def _share(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x) if x else 1.0


def measure(
    sa: Sentences, sb: Sentences, text_a: str, text_b: str, same_language: bool = True
) -> RewriteMeasure:
    """How much of each side is the other said again, in what order, with which figures and
    names (names compared only within one language)."""
    threshold = MIN_COSINE if same_language else MIN_COSINE_CROSS
    sim = sa.vectors @ sb.vectors.T
    al = align(sim, threshold)
    if sim.size:
        cov_a = float((sim.max(axis=1) >= threshold).mean())
        cov_b = float((sim.max(axis=0) >= threshold).mean())
    else:
        cov_a = cov_b = 0.0
    cols = [j for _, j, _ in al.pairs]
    order = longest_in_order(cols) / len(cols) if cols else 0.0
    median = float(np.median([s for _, _, s in al.pairs])) if al.pairs else 0.0
    fa, fb = figures(text_a), figures(text_b)
    if same_language:
        na, nb = cheap_features(text_a).names, cheap_features(text_b).names
        ca, cb = capitalised(text_a), capitalised(text_b)
    else:
        na = nb = ca = cb = frozenset()
    return RewriteMeasure(
        al,
        cov_a,
        cov_b,
        order,
        median,
        len(fa),
        len(fb),
        _share(fa, fb),
        _share(fb, fa),
        len(na),
        len(nb),
        _share(na, cb),
        _share(nb, ca),
    )


def _rewrite_of(m: RewriteMeasure, b_rewrites_a: bool) -> bool:
    """Whether one side reads as a rewrite of the other (b of a, or a of b)."""
    if b_rewrites_a:
        cov_r, cov_o = m.coverage_b, m.coverage_a
        fig_r, fig_kept, names_r, names_kept = (
            m.figures_b,
            m.figures_b_in_a,
            m.names_b,
            m.names_b_in_a,
        )
    else:
        cov_r, cov_o = m.coverage_a, m.coverage_b
        fig_r, fig_kept, names_r, names_kept = (
            m.figures_a,
            m.figures_a_in_b,
            m.names_a,
            m.names_a_in_b,
        )
    if cov_r < MIN_REWRITE_COVERAGE or cov_o < MIN_ORIGINAL_COVERAGE:
        return False
    if fig_r >= MIN_FIGURES and fig_kept < MIN_FIGURES_KEPT:
        return False
    return not (names_r >= MIN_NAMES and names_kept < MIN_NAMES_KEPT)


def is_rewrite(m: RewriteMeasure) -> bool:
    if len(m.alignment.pairs) < MIN_ALIGNED or m.order < MIN_ORDER:
        return False
    return _rewrite_of(m, True) or _rewrite_of(m, False)


def unexplained(
    al: Alignment,
    side: int,
    own: Sentences,
    other: Sentences,
    texts: Sequence[str],
    embed: Embedder,
) -> int:
    """Sentences of one side (`side` 0: a, 1: b) that no aligned sentence accounts for.

    A run of unaligned sentences next to an aligned one is accounted for when the run joined to
    that sentence is at least as close to its partner as the sentence alone: the other side
    said them in one sentence (a translator's or a sentence splitter's merge). What is left was
    dropped or added.
    """
    partner = {(i if side == 0 else j): (j if side == 0 else i, c) for i, j, c in al.pairs}
    n = len(own.spans)
    left = 0
    k = 0
    while k < n:
        if k in partner:
            k += 1
            continue
        end = k
        while end < n and end not in partner:
            end += 1
        run = list(range(k, end))
        explained = False
        for anchor, joined in ((k - 1, [k - 1, *run]), (end, [*run, end])):
            if anchor not in partner or anchor < 0 or anchor >= n:
                continue
            j, cos = partner[anchor]
            vector = embed([" ".join(texts[i] for i in joined)])[0]
            if float(vector @ other.vectors[j]) >= cos:
                explained = True
                break
        if not explained:
            left += len(run)
        k = end
    return left


def is_faithful_translation(
    m: RewriteMeasure,
    sa: Sentences,
    sb: Sentences,
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    embed: Embedder,
) -> bool:
    """A translation rather than a rewrite: aligned one to one (`m.alignment`, at
    MIN_COSINE_CROSS) in the same order, with nothing dropped or added on either side once
    merged sentences are accounted for."""
    if not m.alignment.pairs or m.order < TRANSLATION_ORDER:
        return False
    for side, own, other, texts in ((0, sa, sb, texts_a), (1, sb, sa, texts_b)):
        n = len(own.spans)
        if (
            n
            and unexplained(m.alignment, side, own, other, texts, embed)
            > (1 - TRANSLATION_COVERAGE) * n
        ):
            return False
    return True
