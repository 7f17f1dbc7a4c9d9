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

from newsdesk.audit.spark.edges import Pair, oriented_evidence, with_meta
from newsdesk.audit.spark.features import LinkRow
from newsdesk.link.direction import orient
from newsdesk.link.docs import LinkDoc
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
from newsdesk.types import Link, LinkType

if TYPE_CHECKING:
    from pyspark import RDD


# ------------------------------------------------------------------------------ quotations


def _all_pairs(rows: Iterable[int]) -> Iterator[tuple[Pair, None]]:
    ordered = sorted(set(rows))
    for x, a in enumerate(ordered):
        for b in ordered[x + 1 :]:
            yield (a, b), None


def _paraphrase_counts(
    refs: Iterable[tuple[int, int, int]],
) -> Iterator[tuple[tuple[int, int, int, int], tuple[int, int, int]]]:
    """For one (language, word) posting: every pair of quotations of different documents."""
    ordered = sorted(refs)
    for x, (da, qa, na) in enumerate(ordered):
        for db, qb, nb in ordered[x + 1 :]:
            if da != db:
                yield (da, qa, db, qb), (1, na, nb)


def _sum_counts(x: tuple[int, int, int], y: tuple[int, int, int]) -> tuple[int, int, int]:
    return x[0] + y[0], x[1], x[2]


def _is_paraphrase(kv: tuple[tuple[int, int, int, int], tuple[int, int, int]]) -> bool:
    count, na, nb = kv[1]
    return count >= MIN_SHARED_QUOTE_WORDS and count >= MIN_SHARED_QUOTE_SHARE * min(na, nb)


def paraphrase_pairs(rows: RDD[LinkRow], n_docs: int) -> RDD[tuple[Pair, None]]:
    """Same-language pairs with two quotations sharing many words (`paraphrase_candidates`)."""
    limit = max(2, n_docs // 3)
    with_quotes = rows.filter(lambda r: r.quotes)
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
        .map(lambda kv: ((kv[0][0], kv[0][2]), None))
        .distinct()
    )


def _quote_vectors(
    items: Iterator[tuple[int, tuple[Quote, ...]]], embed: Embedder | None
) -> Iterator[tuple[int, np.ndarray]]:
    """Embeddings of the quotations of one partition's documents (one batch)."""
    if embed is None:
        from newsdesk.embeddings import embed as default_embed

        embed = default_embed
    docs = list(items)
    flat = [q.text for _, quotes in docs for q in quotes]
    if not flat:
        return
    vectors = embed(flat)
    k = 0
    for row, quotes in docs:
        yield row, vectors[k : k + len(quotes)]
        k += len(quotes)


def _semantic_extra(
    kv: tuple[Pair, tuple[tuple[np.ndarray, np.ndarray], list[QuoteMatch] | None]],
) -> Iterator[tuple[Pair, list[QuoteMatch]]]:
    pair, ((ea, eb), known) = kv
    known = known or []
    extra = semantic_matches(ea, eb, {m.a for m in known}, {m.b for m in known})
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

    quotes = rows.filter(lambda r: r.quotes).map(lambda r: (r.row, r.quotes))
    quotes.persist(StorageLevel.MEMORY_AND_DISK)
    pairs = (
        rows.flatMap(lambda r: [(k, r.row) for k in set().union(*map(run_keys, r.quotes))])
        .distinct()
        .groupByKey()
        .flatMap(lambda kv: _all_pairs(kv[1]))
        .distinct()
        .subtractByKey(skip)
    )
    lexical = (
        with_pairs(pairs, quotes)
        .map(lambda kv: (kv[0], lexical_matches(kv[1][0], kv[1][1])))
        .filter(lambda kv: bool(kv[1]))
    )
    lexical.persist(StorageLevel.MEMORY_AND_DISK)
    semantic = compared.union(paraphrase_pairs(rows, n_docs)).distinct().subtractByKey(skip)
    needed = semantic.flatMap(lambda kv: [(kv[0][0], None), (kv[0][1], None)]).distinct()
    vectors = quotes.join(needed).map(lambda kv: (kv[0], kv[1][0]))
    vectors = vectors.mapPartitions(lambda it: _quote_vectors(it, embed))
    extra = with_pairs(semantic, vectors).leftOuterJoin(lexical).flatMap(_semantic_extra)
    matches = lexical.fullOuterJoin(extra).map(
        lambda kv: (kv[0], (kv[1][0] or []) + (kv[1][1] or []))
    )
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
    o = orient(a, b)
    evidence = tuple(
        oriented_evidence(
            o.source.id,
            a,
            (quotes_a[m.a].start, quotes_a[m.a].end),
            quotes_a[m.a].text,
            (quotes_b[m.b].start, quotes_b[m.b].end),
            quotes_b[m.b].text,
            m.score,
        )
        for m in found
    )
    how = sorted({m.how for m in found})
    return pair, Link(
        source=o.source.id,
        target=o.target.id,
        type=LinkType.SHARES_QUOTES,
        score=max(m.score for m in found),
        directed=o.directed,
        evidence=evidence,
        note=f"{len(found)} shared quotation(s), matched by {' and '.join(how)}; {o.note}",
    )


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
    o = orient(a, b)
    evidence = tuple(
        oriented_evidence(
            o.source.id, a, (la.start, la.end), la.text, (lb.start, lb.end), lb.text, 1.0
        )
        for la, lb in shared
    )
    return pair, Link(
        source=o.source.id,
        target=o.target.id,
        type=LinkType.SAME_TEMPLATE,
        score=round(1 - 0.5 ** len(shared), 3),
        directed=False,
        evidence=evidence,
        note=(
            f"{len(shared)} identical non-content line(s): one publisher's template; "
            "a template has no direction"
        ),
    )
