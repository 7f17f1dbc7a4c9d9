"""One function per link type that turns a matched pair into its explained `Link`.

Both engines call these — the local one (`link.corpus`) and the Spark one (`audit.spark`) — so
an edge reads the same whichever found it. They need only the two documents' id, language and
date (`LinkDoc`), and the matched spans with their texts: Spark never ships full texts to the
place where edges are built.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.link.alignment import Alignment
from newsdesk.link.direction import orient
from newsdesk.link.docs import LinkDoc
from newsdesk.link.minhash import NUM_PERM
from newsdesk.link.quotes import Quote, QuoteMatch
from newsdesk.link.rewrites import RewriteMeasure
from newsdesk.link.templates import TemplateLine
from newsdesk.types import Evidence, Link, LinkType

Span = tuple[int, int]


def oriented_evidence(
    source_id: str,
    a_id: str,
    span_a: Span,
    text_a: str,
    span_b: Span,
    text_b: str,
    score: float,
) -> Evidence:
    """Evidence of a pair (a, b) with spans in the link's own order (source first)."""
    if source_id != a_id:
        span_a, span_b, text_a, text_b = span_b, span_a, text_b, text_a
    return Evidence(
        source_span=span_a, target_span=span_b, source_text=text_a, target_text=text_b, score=score
    )


def duplicate_link(a: LinkDoc, b: LinkDoc) -> Link:
    o = orient(a, b)
    return Link(
        source=o.source.id,
        target=o.target.id,
        type=LinkType.DUPLICATE,
        score=1.0,
        directed=o.directed,
        note=f"same text after normalisation; {o.note}",
    )


def near_copy_link(a: LinkDoc, b: LinkDoc, jaccard: float, estimate: float) -> Link:
    o = orient(a, b)
    return Link(
        source=o.source.id,
        target=o.target.id,
        type=LinkType.NEAR_COPY,
        score=round(jaccard, 4),
        directed=o.directed,
        note=(
            f"exact Jaccard {jaccard:.3f} on 5-word shingles; MinHash estimate {estimate:.3f} "
            f"({NUM_PERM} permutations); {o.note}"
        ),
    )


def template_link(
    a: LinkDoc, b: LinkDoc, shared: Sequence[tuple[TemplateLine, TemplateLine]]
) -> Link:
    o = orient(a, b)
    evidence = tuple(
        oriented_evidence(
            o.source.id, a.id, (la.start, la.end), la.text, (lb.start, lb.end), lb.text, 1.0
        )
        for la, lb in shared
    )
    return Link(
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


def quote_link(
    a: LinkDoc,
    b: LinkDoc,
    quotes_a: Sequence[Quote],
    quotes_b: Sequence[Quote],
    found: Sequence[QuoteMatch],
) -> Link:
    o = orient(a, b)
    evidence = tuple(
        oriented_evidence(
            o.source.id,
            a.id,
            (quotes_a[m.a].start, quotes_a[m.a].end),
            quotes_a[m.a].text,
            (quotes_b[m.b].start, quotes_b[m.b].end),
            quotes_b[m.b].text,
            m.score,
        )
        for m in found
    )
    how = sorted({m.how for m in found})
    return Link(
        source=o.source.id,
        target=o.target.id,
        type=LinkType.SHARES_QUOTES,
        score=max(m.score for m in found),
        directed=o.directed,
        evidence=evidence,
        note=f"{len(found)} shared quotation(s), matched by {' and '.join(how)}; {o.note}",
    )


def translation_link(
    a: LinkDoc,
    b: LinkDoc,
    al: Alignment,
    spans_a: Sequence[Span],
    texts_a: Sequence[str],
    spans_b: Sequence[Span],
    texts_b: Sequence[str],
) -> Link:
    """`translation-of` from a sentence alignment; `texts_*[i]` is the text of `spans_*[i]`."""
    o = orient(a, b)
    evidence = tuple(
        oriented_evidence(o.source.id, a.id, spans_a[i], texts_a[i], spans_b[j], texts_b[j], s)
        for i, j, s in al.pairs
    )
    cov = {a.id: al.coverage_a, b.id: al.coverage_b}
    return Link(
        source=o.source.id,
        target=o.target.id,
        type=LinkType.TRANSLATION_OF,
        score=round(len(al.pairs) / min(len(spans_a), len(spans_b)), 3),
        directed=o.directed,
        evidence=evidence,
        note=(
            f"{len(al.pairs)} aligned sentence pairs; covers "
            f"{cov[o.source.id]:.0%} of {o.source.id} ({o.source.language}) and "
            f"{cov[o.target.id]:.0%} of {o.target.id} ({o.target.language}); "
            f"{al.in_order:.0%} in order; {o.note}"
        ),
    )


def rewrite_link(
    a: LinkDoc,
    b: LinkDoc,
    m: RewriteMeasure,
    spans_a: Sequence[Span],
    texts_a: Sequence[str],
    spans_b: Sequence[Span],
    texts_b: Sequence[str],
) -> Link:
    """`rewrite-of` from a paraphrase alignment; the score is the share of the rewrite (the
    later document, else the better-covered one) that the aligned sentences cover."""
    o = orient(a, b)
    evidence = tuple(
        oriented_evidence(o.source.id, a.id, spans_a[i], texts_a[i], spans_b[j], texts_b[j], s)
        for i, j, s in m.alignment.pairs
    )
    cov = {a.id: m.coverage_a, b.id: m.coverage_b}
    rewrite = o.target if o.directed else (a if m.coverage_a > m.coverage_b else b)
    original = o.source if rewrite is o.target else o.target
    if rewrite.id == a.id:
        kept, n_fig, n_kept, n_names = m.figures_a_in_b, m.figures_a, m.names_a_in_b, m.names_a
    else:
        kept, n_fig, n_kept, n_names = m.figures_b_in_a, m.figures_b, m.names_b_in_a, m.names_b
    figures = (
        f"{kept:.0%} of its {n_fig} figures and {n_kept:.0%} of its {n_names} names "
        f"found in {original.id}"
    )
    languages = (
        f"{original.language} -> {rewrite.language}"
        if original.language != rewrite.language
        else f"both {rewrite.language}"
    )
    return Link(
        source=o.source.id,
        target=o.target.id,
        type=LinkType.REWRITE_OF,
        score=round(cov[rewrite.id], 3),
        directed=o.directed,
        evidence=evidence,
        note=(
            f"{len(m.alignment.pairs)} paraphrased sentence pairs (median cosine "
            f"{m.median_cosine:.2f}); cover {cov[rewrite.id]:.0%} of {rewrite.id} and "
            f"{cov[original.id]:.0%} of {original.id}; {m.order:.0%} in the same order; "
            f"{figures}; {languages}; {o.note}"
        ),
    )
