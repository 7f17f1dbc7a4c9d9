"""Quotations in an article, and the quotations two articles share.

A quotation is the text between an opening and a closing mark (« », “ ”, „ “, " ", ‹ ›, and
‘ ’ when ‘ opens). An opening mark that is never closed (a frequent defect of machine-translated
pages: sample 000's « Je n’entrerai pas…) runs to the end of its paragraph. Nested marks stay
inside the outer quotation.

Two quotations are the same when, after normalisation (case, quotation marks, apostrophes,
spacing, punctuation: see `normalize`), they share a run of at least `MIN_SHARED_RUN`
consecutive words. Across languages, and for two different translations of one statement,
words differ; `semantic_matches` compares the quotations' embeddings instead, with a high
threshold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.link.normalize import tokens

OPENERS = {"«": "»", "“": "”", "„": "“", '"': '"', "‹": "›", "‘": "’"}
# A quotation shorter than this many words is too generic to prove anything ("non", "très
# clairs"); 5 words is a clause.
MIN_QUOTE_WORDS = 5
# Two quotations are the same when they share this many consecutive normalised words. Checked
# on the samples (the Kirby quotation shares runs of 15+ words between 000 and 001) and on
# french-news-clean, where unrelated articles share runs of 8 words only in set phrases that are
# not quoted ("à l'intérieur de la Russie" is 6).
MIN_SHARED_RUN = 8
# Cosine similarity (multilingual USE v3) above which two quotations in different wording are
# taken as one statement. WMT newstest2013 lines 0-199 (EN/FR, within the calibration lines):
# human translations of one sentence score 0.65 at the 5th percentile, 0.72 at the 10th,
# 0.82 at the median; different sentences of the same stories reach 0.41 at the 99th and
# 0.57 at the 99.9th percentile. 0.7 keeps ~90 % of translations and lies far above chance
# matches; it was 0.75 until a real translated quotation (WMT line 2012, cosine 0.74) missed.
SEMANTIC_MIN_COSINE = 0.7


@dataclass(frozen=True)
class Quote:
    start: int  # character span of the quoted words (marks excluded)
    end: int
    text: str
    words: tuple[str, ...]


_MARKS = re.compile("[" + re.escape("".join(set(OPENERS) | set(OPENERS.values()))) + "]")


def extract_quotes(text: str) -> list[Quote]:
    """The quotations of `text` with at least MIN_QUOTE_WORDS words, in order."""
    out: list[Quote] = []
    n = len(text)
    pos = 0
    while True:
        m = _MARKS.search(text, pos)
        if m is None:
            return out
        i = m.start()
        ch = text[i]
        closer = OPENERS.get(ch)
        if closer is None or (ch == "‘" and i > 0 and text[i - 1].isalnum()):
            pos = i + 1
            continue
        start = i + 1
        line_end = text.find("\n", start)
        line_end = n if line_end == -1 else line_end
        end = _find_closer(text, start, line_end, ch, closer)
        span_end = line_end if end == -1 else end
        quote = _make_quote(text, start, span_end)
        if quote is not None:
            out.append(quote)
        pos = span_end + 1


def _find_closer(text: str, start: int, limit: int, opener: str, closer: str) -> int:
    """Position of the mark closing `opener` before `limit` (nested pairs skipped), or -1."""
    depth = 0
    for m in _MARKS.finditer(text, start, limit):
        j = m.start()
        c = text[j]
        if c == closer and (closer != "’" or not (j + 1 < limit and text[j + 1].isalnum())):
            if depth == 0:
                return j
            depth -= 1
        elif c == opener and opener != closer:
            depth += 1
    return -1


def _make_quote(text: str, start: int, end: int) -> Quote | None:
    """The quotation between `start` and `end`, trimmed to its first and last word."""
    segment = text[start:end]
    words = tokens(segment)
    if len(words) < MIN_QUOTE_WORDS:
        return None
    s, e = 0, len(segment)
    while not _is_word_char(segment[s]):
        s += 1
    while not _is_word_char(segment[e - 1]):
        e -= 1
    return Quote(start=start + s, end=start + e, text=segment[s:e], words=tuple(words))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def run_keys(quote: Quote, run: int = MIN_SHARED_RUN) -> set[str]:
    """The quotation's runs of `run` consecutive words (the keys two shared quotes have in
    common); a shorter quotation has none."""
    w = quote.words
    return {" ".join(w[i : i + run]) for i in range(len(w) - run + 1)}


@dataclass(frozen=True)
class QuoteMatch:
    a: int  # index of the quote in the first article
    b: int
    score: float  # share of the shorter quotation covered, or cosine for semantic matches
    how: str  # "words" | "meaning"


def lexical_matches(qa: Sequence[Quote], qb: Sequence[Quote]) -> list[QuoteMatch]:
    """Pairs of quotations sharing a run of MIN_SHARED_RUN words (each quote used once)."""
    out: list[QuoteMatch] = []
    used_b: set[int] = set()
    keys_b = [run_keys(q) for q in qb]
    for i, q in enumerate(qa):
        ka = run_keys(q)
        if not ka:
            continue
        best, best_j = 0.0, -1
        for j, kb in enumerate(keys_b):
            if j in used_b or not kb:
                continue
            shared = len(ka & kb)
            if shared:
                shorter = min(len(ka), len(kb))
                cover = (shared + MIN_SHARED_RUN - 1) / (shorter + MIN_SHARED_RUN - 1)
                if cover > best:
                    best, best_j = cover, j
        if best_j >= 0:
            used_b.add(best_j)
            out.append(QuoteMatch(i, best_j, round(min(best, 1.0), 3), "words"))
    return out


def semantic_matches(
    scored: Sequence[tuple[int, int, float]], skip_a: set[int], skip_b: set[int]
) -> list[QuoteMatch]:
    """One-to-one pairs (quote in a, quote in b, cosine) with cosine >= SEMANTIC_MIN_COSINE,
    best first, leaving out quotes already matched."""
    out: list[QuoteMatch] = []
    for i, j, cos in sorted(scored, key=lambda x: -x[2]):
        if cos < SEMANTIC_MIN_COSINE:
            break
        if i in skip_a or j in skip_b:
            continue
        skip_a.add(i)
        skip_b.add(j)
        out.append(QuoteMatch(i, j, round(cos, 3), "meaning"))
    return out


# A run of words quoted by more documents than this (a famous statement) links them as a star
# around the first document, not pair by pair.
MAX_PAIRWISE_GROUP = 50


def shared_quote_pairs(quotes: list[list[Quote]]) -> dict[tuple[int, int], list[QuoteMatch]]:
    """Group + reduce: document pairs (a < b) whose quotations share a run of words."""
    postings: dict[str, set[int]] = {}
    for doc, doc_quotes in enumerate(quotes):
        for q in doc_quotes:
            for k in run_keys(q):
                postings.setdefault(k, set()).add(doc)
    pairs: set[tuple[int, int]] = set()
    for docs in postings.values():
        if len(docs) < 2:
            continue
        ordered = sorted(docs)
        heads = ordered if len(ordered) <= MAX_PAIRWISE_GROUP else ordered[:1]
        for x, a in enumerate(heads):
            for b in ordered[x + 1 :]:
                pairs.add((a, b))
    out: dict[tuple[int, int], list[QuoteMatch]] = {}
    for a, b in sorted(pairs):
        matches = lexical_matches(quotes[a], quotes[b])
        if matches:
            out[(a, b)] = matches
    return out


# Two quotations in one language that share at least this many distinct words of 4+ letters,
# and at least MIN_SHARED_QUOTE_SHARE of the shorter one's, without a common run of words, may
# be two translations of one statement (samples 000 and 001): only those are compared by
# meaning, which bounds the number of embeddings. Words in more than a third of the documents
# (function words) do not count.
MIN_SHARED_QUOTE_WORDS = 5
MIN_SHARED_QUOTE_SHARE = 0.4


def quote_words(quote: Quote) -> frozenset[str]:
    return frozenset(w for w in quote.words if len(w) >= 4)


def paraphrase_candidates(
    quotes: list[list[Quote]], languages: Sequence[str | None]
) -> dict[tuple[int, int], set[tuple[int, int]]]:
    """Same-language document pairs (a < b) → their pairs of quotations (index in a, index
    in b) that share many words: the only quotations worth comparing by meaning."""
    words = [[quote_words(q) for q in doc_quotes] for doc_quotes in quotes]
    df: dict[str, int] = {}
    for doc_words in words:
        for w in set().union(*doc_words) if doc_words else ():
            df[w] = df.get(w, 0) + 1
    limit = max(2, len(quotes) // 3)
    postings: dict[tuple[str | None, str], list[tuple[int, int]]] = {}
    for doc, doc_words in enumerate(words):
        for qi, ws in enumerate(doc_words):
            for w in ws:
                if df[w] <= limit:
                    postings.setdefault((languages[doc], w), []).append((doc, qi))
    counts: dict[tuple[int, int, int, int], int] = {}
    for refs in postings.values():
        if len(refs) > MAX_PAIRWISE_GROUP:
            continue  # a word in this many quotations tells none apart
        for x, (da, qa) in enumerate(refs):
            for db, qb in refs[x + 1 :]:
                if da != db:
                    k = (da, qa, db, qb) if da < db else (db, qb, da, qa)
                    counts[k] = counts.get(k, 0) + 1
    out: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for (da, qa, db, qb), c in counts.items():
        shorter = min(len(words[da][qa]), len(words[db][qb]))
        if c >= MIN_SHARED_QUOTE_WORDS and c >= MIN_SHARED_QUOTE_SHARE * shorter:
            out.setdefault((da, db), set()).add((qa, qb))
    return out
