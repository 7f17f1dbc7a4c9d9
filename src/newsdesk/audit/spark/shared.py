"""`shares-quotes` and `same-template` links on Spark: group by shared key, reduce per pair.

The phases of `newsdesk.link.quotes` and `newsdesk.link.templates` with Spark's grouping:

- quotations: group documents by each 8-word run of their quotations → candidate pairs →
  `lexical_matches` per pair; same-language pairs whose quotations share many rare words
  (`paraphrase_candidates`, with the word frequencies counted over the corpus) and the
  translation candidates are compared by meaning (`semantic_matches` on quotation embeddings,
  computed once per document that needs them);
- template lines: group documents by normalised non-content line → every pair of a group of
  at most `MAX_PAIRWISE_GROUP` documents, else a star around its first document.

Pairs already linked as copies get neither link, as in the local engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from newsdesk.audit.spark.edges import Pair, with_meta
from newsdesk.audit.spark.features import LinkRow
from newsdesk.link.builders import quote_link, template_link
from newsdesk.link.docs import LinkDoc
from newsdesk.link.quotes import (
    MAX_PAIRWISE_GROUP as MAX_QUOTED_GROUP,
)
from newsdesk.link.quotes import (
    MIN_SHARED_QUOTE_SHARE,
    MIN_SHARED_QUOTE_WORDS,
    Quote,
    QuoteMatch,
    lexical_matches,
    quote_words,
    run_keys,
    semantic_matches,
)
from newsdesk.link.templates import MAX_PAIRWISE_GROUP, TemplateLine
from newsdesk.link.translations import Embedder
from newsdesk.types import Link

if TYPE_CHECKING:
    from pyspark import RDD


# ------------------------------------------------------------------------------ quotations


def _run_pairs(rows: Iterable[int]) -> Iterator[tuple[Pair, None]]:
    """Pairs of one quotation run's documents: all pairs, or a star around the first document
    for a run quoted by more than MAX_QUOTED_GROUP documents (`shared_quote_pairs`)."""
    ordered = sorted(set(rows))
    heads = ordered if len(ordered) <= MAX_QUOTED_GROUP else ordered[:1]
    for x, a in enumerate(heads):
        for b in ordered[x + 1 :]:
            yield (a, b), None


def _paraphrase_counts(
    refs: Iterable[tuple[int, int, int]],
) -> Iterator[tuple[tuple[int, int, int, int], tuple[int, int, int]]]:
    """For one (language, word) posting: every pair of quotations of different documents
    (none when the word is in more than MAX_QUOTED_GROUP quotations)."""
    ordered = sorted(refs)
    if len(ordered) > MAX_QUOTED_GROUP:
        return
    for x, (da, qa, na) in enumerate(ordered):
        for db, qb, nb in ordered[x + 1 :]:
            if da != db:
                yield (da, qa, db, qb), (1, na, nb)


def _sum_counts(x: tuple[int, int, int], y: tuple[int, int, int]) -> tuple[int, int, int]:
    return x[0] + y[0], x[1], x[2]


def _is_paraphrase(kv: tuple[tuple[int, int, int, int], tuple[int, int, int]]) -> bool:
    count, na, nb = kv[1]
    return count >= MIN_SHARED_QUOTE_WORDS and count >= MIN_SHARED_QUOTE_SHARE * min(na, nb)


def paraphrase_pairs(rows: RDD[LinkRow], n_docs: int) -> RDD[tuple[Pair, tuple[int, int]]]:
    """((document a, document b), (quote in a, quote in b)) for same-language quotations that
    share many words (`paraphrase_candidates`)."""
    limit = max(2, n_docs // 3)
    with_quotes = rows.filter(lambda r: bool(r.quotes))
    common = (
        with_quotes.flatMap(
            lambda r: [(w, 1) for w in frozenset().union(*(quote_words(q) for q in r.quotes))]
        )
        .reduceByKey(lambda x, y: x + y)
        .filter(lambda kv: kv[1] <= limit)
    )
    refs = with_quotes.flatMap(
        lambda r: [
            (w, (r.language, r.row, qi, len(quote_words(q))))
            for qi, q in enumerate(r.quotes)
            for w in quote_words(q)
        ]
    )
    return (
        refs.join(common)
        .map(lambda kv: ((kv[1][0][0], kv[0]), kv[1][0][1:]))
        .groupByKey()
        .flatMap(lambda kv: _paraphrase_counts(kv[1]))
        .reduceByKey(_sum_counts)
        .filter(_is_paraphrase)
        .map(lambda kv: ((kv[0][0], kv[0][2]), (kv[0][1], kv[0][3])))
    )


def _quote_vectors(
    items: Iterable[tuple[int, tuple[Iterable[int], tuple[Quote, ...]]]], embed: Embedder | None
) -> Iterator[tuple[int, dict[int, np.ndarray]]]:
    """Embeddings of the needed quotations of one partition's documents (one batch)."""
    if embed is None:
        from newsdesk.embeddings import embed as default_embed

        embed = default_embed
    wanted = [(row, sorted(set(qis)), quotes) for row, (qis, quotes) in items]
    flat = [quotes[i].text for _, qis, quotes in wanted for i in qis]
    if not flat:
        return
    vectors = embed(flat)
    k = 0
    for row, qis, _ in wanted:
        yield row, {i: vectors[k + n] for n, i in enumerate(qis)}
        k += len(qis)


def _semantic(
    kv: tuple[Pair, tuple[Iterable[tuple[int, int]], tuple[Any, Any]]],
) -> Iterator[tuple[Pair, list[QuoteMatch]]]:
    """Quotation pairs of one document pair compared by meaning (`semantic_matches`)."""
    pair, (qp, (va, vb)) = kv
    scored = [(i, j, float(va[i] @ vb[j])) for i, j in sorted(set(qp))]
    extra = semantic_matches(scored, set(), set())
    if extra:
        yield pair, extra


def quote_links(
    rows: RDD[LinkRow],
    info: RDD[tuple[int, tuple[LinkDoc, tuple[Quote, ...]]]],
    skip: RDD[tuple[Pair, None]],
    compared: RDD[tuple[Pair, None]],
    n_docs: int,
    embed: Embedder | None = None,
) -> RDD[tuple[Pair, Link]]:
    """(row pair, `shares-quotes` link) for every pair of documents sharing a quotation."""
    from pyspark import StorageLevel

    quotes = rows.filter(lambda r: bool(r.quotes)).map(lambda r: (r.row, r.quotes))
    quotes.persist(StorageLevel.MEMORY_AND_DISK)
    pairs = (
        rows.flatMap(lambda r: [(k, r.row) for k in set().union(*map(run_keys, r.quotes))])
        .distinct()
        .groupByKey()
        .flatMap(lambda kv: _run_pairs(kv[1]))
        .distinct()
        .subtractByKey(skip)
    )
    lexical = (
        with_pairs(pairs, quotes)
        .map(lambda kv: (kv[0], lexical_matches(kv[1][0], kv[1][1])))
        .filter(lambda kv: bool(kv[1]))
    )
    lexical.persist(StorageLevel.MEMORY_AND_DISK)
    # Quotation pairs to compare by meaning: every quotation pair of two translation
    # candidates, and same-language pairs sharing many words; not for pairs already linked.
    counts = quotes.mapValues(len)
    of_candidates = with_pairs(compared, counts).flatMap(
        lambda kv: [(kv[0], (i, j)) for i in range(kv[1][0]) for j in range(kv[1][1])]
    )
    to_compare = (
        paraphrase_pairs(rows, n_docs)
        .union(of_candidates)
        .subtractByKey(skip)
        .subtractByKey(lexical)
        .groupByKey()
    )
    to_compare.persist(StorageLevel.MEMORY_AND_DISK)
    needed = to_compare.flatMap(
        lambda kv: [(kv[0][0], i) for i, _ in kv[1]] + [(kv[0][1], j) for _, j in kv[1]]
    ).groupByKey()
    vectors = needed.join(quotes).mapPartitions(lambda it: _quote_vectors(it, embed))
    extra = to_compare.join(with_pairs(to_compare.mapValues(lambda _: None), vectors)).flatMap(
        _semantic
    )
    matches = lexical.union(extra)
    return with_meta(matches, info).map(_quote_link)


def with_pairs(pairs: RDD[tuple[Pair, Any]], values: RDD[tuple[int, Any]]) -> RDD[Any]:
    """((a, b), (value of a, value of b)) for the pairs whose both rows have a value."""
    by_a = pairs.map(lambda kv: (kv[0][0], kv[0][1])).join(values)
    by_b = by_a.map(lambda kv: (kv[1][0], (kv[0], kv[1][1]))).join(values)
    return by_b.map(lambda kv: ((kv[1][0][0], kv[0]), (kv[1][0][1], kv[1][1])))


def _quote_link(
    item: tuple[Pair, list[QuoteMatch], Any, Any],
) -> tuple[Pair, Link]:
    pair, found, (a, quotes_a), (b, quotes_b) = item
    return pair, quote_link(a, b, quotes_a, quotes_b, found)


# ------------------------------------------------------------------------------ templates


def _first_lines(r: LinkRow) -> Iterator[tuple[str, tuple[int, int, TemplateLine]]]:
    """(key, (row, position, line)) for the first line of each key in one document."""
    seen: set[str] = set()
    for position, line in enumerate(r.templates):
        if line.key not in seen:
            seen.add(line.key)
            yield line.key, (r.row, position, line)


def _template_pairs(
    group: Iterable[tuple[int, int, TemplateLine]],
) -> Iterator[tuple[Pair, tuple[tuple[int, int], TemplateLine, TemplateLine]]]:
    """Pairs of one line's documents; the key's first appearance orders a pair's lines as the
    local engine's posting dictionary does."""
    ordered = sorted(group, key=lambda g: g[0])
    if len(ordered) < 2:
        return
    first = (ordered[0][0], ordered[0][1])
    heads = ordered if len(ordered) <= MAX_PAIRWISE_GROUP else ordered[:1]
    for x, (a, _, la) in enumerate(heads):
        for b, _, lb in ordered[x + 1 :]:
            yield (a, b), (first, la, lb)


def template_links(
    rows: RDD[LinkRow], meta: RDD[tuple[int, LinkDoc]], skip: RDD[tuple[Pair, None]]
) -> RDD[tuple[Pair, Link]]:
    """(row pair, `same-template` link) for documents that carry the same non-content line."""
    shared = (
        rows.flatMap(_first_lines)
        .groupByKey()
        .flatMap(lambda kv: _template_pairs(kv[1]))
        .subtractByKey(skip)
        .groupByKey()
        .mapValues(lambda lines: [(la, lb) for _, la, lb in sorted(lines, key=lambda x: x[0])])
    )
    return with_meta(shared, meta).map(_template_link)


def _template_link(item: tuple[Pair, Any, LinkDoc, LinkDoc]) -> tuple[Pair, Link]:
    pair, shared, a, b = item
    return pair, template_link(a, b, shared)
