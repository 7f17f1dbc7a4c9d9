"""`translation-of` and `rewrite-of` links on Spark: cheap candidates by grouping, then
sentence alignment.

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

`rewrite-of` (`newsdesk.link.rewrites`) adds same-language pairs: steps 2-3 on names and
numbers only (`same_language`), kept when their sentence stems pass `passes_lexical_gate`;
step 4 judges every pair as `link.corpus.translation_links` does (a faithful translation stays
`translation-of`, a rewrite is `rewrite-of`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsdesk.audit.spark.edges import Pair, with_meta
from newsdesk.audit.spark.features import LinkRow
from newsdesk.audit.spark.shared import with_pairs
from newsdesk.link.builders import rewrite_link, translation_link
from newsdesk.link.candidates import MAX_POSTING, MIN_SHARED, TOP_K
from newsdesk.link.corpus import SAME_LANGUAGE_DF_FLOOR
from newsdesk.link.docs import LinkDoc
from newsdesk.link.rewrites import (
    is_faithful_translation,
    is_rewrite,
    measure,
    passes_lexical_gate,
    sentence_stems,
)
from newsdesk.link.translations import (
    Embedder,
    Sentences,
    align_pair,
    embed_sentences,
    is_translation,
    sentence_spans,
)
from newsdesk.types import Link

if TYPE_CHECKING:
    from pyspark import RDD

Candidate = tuple[Pair, float]


def _feature_pairs(
    postings: Iterable[tuple[int, str | None]], n_docs: int, max_df: int, same: bool = False
) -> Iterator[tuple[Pair, float]]:
    """Cross-language pairs (with `same`: same-language pairs) of one feature's documents,
    with the feature's IDF."""
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
        if same:
            for x, a in enumerate(group):
                for b in group[x + 1 :]:
                    yield (min(a, b), max(a, b)), idf
            continue
        others = [d for g in groups[gi + 1 :] for d in g]
        for a in group:
            for b in others:
                yield (min(a, b), max(a, b)), idf


def _best(cands: Iterable[Candidate]) -> list[Candidate]:
    return sorted(cands, key=lambda c: (-c[1], c[0]))[:TOP_K]


def candidates(rows: RDD[LinkRow], n_docs: int, same_language: bool = False) -> RDD[Candidate]:
    """Scored cross-language pairs, each document's best TOP_K (`candidate_pairs`); with
    `same_language`, same-language pairs on names and numbers (rewrite candidates)."""
    floor = SAME_LANGUAGE_DF_FLOOR if same_language else 2
    max_df = min(max(floor, n_docs // 3), MAX_POSTING)
    shared = (
        rows.flatMap(
            lambda r: [
                (f, (r.row, r.language))
                for f in r.cheap
                if not (same_language and f.startswith("~"))
            ]
        )
        .groupByKey()
        .flatMap(lambda kv: _feature_pairs(kv[1], n_docs, max_df, same_language))
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
) -> Iterator[tuple[int, tuple[Sentences, list[str], LinkDoc]]]:
    """Sentence spans, their texts and embeddings for one partition's documents (and the
    document: figures and names are read from its whole text)."""
    if embed is None:
        from newsdesk.embeddings import embed as default_embed

        embed = default_embed
    batch = list(docs)
    if not batch:
        return
    for (row, doc), sent in zip(batch, embed_sentences([d for _, d in batch], embed), strict=True):
        yield row, (sent, [doc.text[s:e] for s, e in sent.spans], doc)


def _stems(kv: tuple[int, LinkDoc]) -> tuple[int, list[frozenset[str]]]:
    row, doc = kv
    return row, sentence_stems(doc.text, sentence_spans(doc.text))


def translation_links(
    rows: RDD[LinkRow],
    texts: RDD[tuple[int, LinkDoc]],
    meta: RDD[tuple[int, LinkDoc]],
    skip: RDD[tuple[Pair, None]],
    n_docs: int,
    embed: Embedder | None = None,
    rewrites: bool = True,
) -> tuple[RDD[tuple[Pair, Link]], RDD[tuple[Pair, None]]]:
    """(row pair, `translation-of` or `rewrite-of` link) for aligned pairs, and every
    cross-language pair compared."""
    from pyspark import StorageLevel

    compared = candidates(rows, n_docs).map(lambda c: (c[0], None)).subtractByKey(skip)
    compared.persist(StorageLevel.MEMORY_AND_DISK)
    judged = compared
    if rewrites:
        same = candidates(rows, n_docs, same_language=True).map(lambda c: (c[0], None))
        same = same.subtractByKey(skip)
        needed_stems = same.flatMap(lambda kv: [(kv[0][0], None), (kv[0][1], None)]).distinct()
        stems = texts.join(needed_stems).map(lambda kv: _stems((kv[0], kv[1][0])))
        gated = (
            with_pairs(same, stems)
            .filter(lambda kv: passes_lexical_gate(kv[1][0], kv[1][1]))
            .map(lambda kv: (kv[0], None))
        )
        judged = compared.union(gated)
    needed = judged.flatMap(lambda kv: [(kv[0][0], None), (kv[0][1], None)]).distinct()
    sentences = (
        texts.join(needed)
        .map(lambda kv: (kv[0], kv[1][0]))
        .mapPartitions(lambda it: _sentences(it, embed))
    )
    aligned = with_pairs(judged, sentences).flatMap(lambda kv: _judged(kv, embed, rewrites))
    return with_meta(aligned, meta).map(_link), compared


def _judged(
    kv: tuple[Pair, tuple[Any, Any]], embed: Embedder | None, rewrites: bool
) -> Iterator[tuple[Pair, Any]]:
    """The decision of `link.corpus.translation_links` for one pair."""
    if embed is None:
        from newsdesk.embeddings import embed as default_embed

        embed = default_embed
    pair, ((sa, texts_a, doc_a), (sb, texts_b, doc_b)) = kv
    al = align_pair(sa, sb)
    translated = doc_a.language != doc_b.language and is_translation(
        al, len(sa.spans), len(sb.spans)
    )
    if rewrites:
        m = measure(sa, sb, doc_a.text, doc_b.text, doc_a.language == doc_b.language)
        if is_rewrite(m) and not (
            translated and is_faithful_translation(m, sa, sb, texts_a, texts_b, embed)
        ):
            yield pair, ("rewrite", m, sa.spans, texts_a, sb.spans, texts_b)
            return
    if translated:
        yield pair, ("translation", al, sa.spans, texts_a, sb.spans, texts_b)


def _link(item: tuple[Pair, Any, LinkDoc, LinkDoc]) -> tuple[Pair, Link]:
    pair, (kind, found, spans_a, texts_a, spans_b, texts_b), a, b = item
    if kind == "rewrite":
        return pair, rewrite_link(a, b, found, spans_a, texts_a, spans_b, texts_b)
    return pair, translation_link(a, b, found, spans_a, texts_a, spans_b, texts_b)
