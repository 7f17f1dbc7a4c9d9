"""`translation-of` links on Spark: cheap candidates by grouping, then sentence alignment.

The phases of `newsdesk.link.candidates` and `newsdesk.link.translations`:
1. map: each document's numbers, names and cognate stems (`LinkRow.cheap`);
2. group by feature → cross-language pairs with the feature's inverse document frequency
   (features in more than a third of the corpus, or `MAX_POSTING` documents, are skipped);
3. reduce per pair: at least `MIN_SHARED` features, scored by summed IDF; each document keeps
   its best `TOP_K` partners (ties broken by pair, which the local engine leaves to dictionary
   order);
4. the sentences of every candidate's documents are embedded once per document
   (``mapPartitions``, the model loaded once per worker), each pair is aligned and kept when
   `is_translation` says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsdesk.audit.spark.edges import Pair, with_meta
from newsdesk.audit.spark.features import LinkRow
from newsdesk.audit.spark.shared import with_pairs
from newsdesk.link.builders import translation_link
from newsdesk.link.candidates import MAX_POSTING, MIN_SHARED, TOP_K
from newsdesk.link.docs import LinkDoc
from newsdesk.link.translations import (
    Embedder,
    Sentences,
    align_pair,
    embed_sentences,
    is_translation,
)
from newsdesk.types import Link

if TYPE_CHECKING:
    from pyspark import RDD

Candidate = tuple[Pair, float]


def _feature_pairs(
    postings: Iterable[tuple[int, str | None]], n_docs: int, max_df: int
) -> Iterator[tuple[Pair, float]]:
    """Cross-language pairs of one feature's documents, with the feature's IDF."""
    docs = sorted(postings)
    df = len(docs)
    if df < 2 or df > max_df:
        return
    idf = math.log(n_docs / df)
    by_lang: dict[str, list[int]] = {}
    for row, lang in docs:
        if lang is not None:
            by_lang.setdefault(lang, []).append(row)
    groups = list(by_lang.values())
    for gi, group in enumerate(groups):
        others = [d for g in groups[gi + 1 :] for d in g]
        for a in group:
            for b in others:
                yield (min(a, b), max(a, b)), idf


def _best(cands: Iterable[Candidate]) -> list[Candidate]:
    return sorted(cands, key=lambda c: (-c[1], c[0]))[:TOP_K]


def candidates(rows: RDD[LinkRow], n_docs: int) -> RDD[Candidate]:
    """Scored cross-language pairs, each document's best TOP_K (`candidate_pairs`)."""
    max_df = min(max(2, n_docs // 3), MAX_POSTING)
    shared = (
        rows.flatMap(lambda r: [(f, (r.row, r.language)) for f in r.cheap])
        .groupByKey()
        .flatMap(lambda kv: _feature_pairs(kv[1], n_docs, max_df))
        .groupByKey()
        .mapValues(list)
        .filter(lambda kv: len(kv[1]) >= MIN_SHARED)
        .map(lambda kv: (kv[0], sum(sorted(kv[1]))))
    )
    return (
        shared.flatMap(lambda c: [(c[0][0], c), (c[0][1], c)])
        .groupByKey()
        .flatMap(lambda kv: _best(kv[1]))
        .reduceByKey(max)
    )


def _sentences(
    docs: Iterable[tuple[int, LinkDoc]], embed: Embedder | None
) -> Iterator[tuple[int, tuple[Sentences, list[str]]]]:
    """Sentence spans, their texts and embeddings for one partition's documents."""
    if embed is None:
        from newsdesk.embeddings import embed as default_embed

        embed = default_embed
    batch = list(docs)
    if not batch:
        return
    for (row, doc), sent in zip(batch, embed_sentences([d for _, d in batch], embed), strict=True):
        yield row, (sent, [doc.text[s:e] for s, e in sent.spans])


def translation_links(
    rows: RDD[LinkRow],
    texts: RDD[tuple[int, LinkDoc]],
    meta: RDD[tuple[int, LinkDoc]],
    skip: RDD[tuple[Pair, None]],
    n_docs: int,
    embed: Embedder | None = None,
) -> tuple[RDD[tuple[Pair, Link]], RDD[tuple[Pair, None]]]:
    """(row pair, `translation-of` link) for aligned pairs, and every pair compared."""
    from pyspark import StorageLevel

    compared = candidates(rows, n_docs).map(lambda c: (c[0], None)).subtractByKey(skip)
    compared.persist(StorageLevel.MEMORY_AND_DISK)
    needed = compared.flatMap(lambda kv: [(kv[0][0], None), (kv[0][1], None)]).distinct()
    sentences = (
        texts.join(needed)
        .map(lambda kv: (kv[0], kv[1][0]))
        .mapPartitions(lambda it: _sentences(it, embed))
    )
    aligned = with_pairs(compared, sentences).flatMap(_aligned)
    return with_meta(aligned, meta).map(_translation_link), compared


def _aligned(kv: tuple[Pair, tuple[Any, Any]]) -> Iterator[tuple[Pair, Any]]:
    pair, ((sa, texts_a), (sb, texts_b)) = kv
    al = align_pair(sa, sb)
    if is_translation(al, len(sa.spans), len(sb.spans)):
        yield pair, (al, sa.spans, texts_a, sb.spans, texts_b)


def _translation_link(item: tuple[Pair, Any, LinkDoc, LinkDoc]) -> tuple[Pair, Link]:
    pair, (al, spans_a, texts_a, spans_b, texts_b), a, b = item
    return pair, translation_link(a, b, al, spans_a, texts_a, spans_b, texts_b)
