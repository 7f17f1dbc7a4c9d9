"""The local engine: every link phase over a whole corpus on one machine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsdesk.link.builders import (
    duplicate_link,
    near_copy_link,
    quote_link,
    rewrite_link,
    template_link,
    translation_link,
)
from newsdesk.link.candidates import candidate_pairs, cheap_features
from newsdesk.link.docs import LinkDoc, check_doc
from newsdesk.link.fingerprints import Fingerprints, concat, fingerprint
from newsdesk.link.near_copies import near_copy_pairs
from newsdesk.link.overlap import shared_passages
from newsdesk.link.quotes import (
    QuoteMatch,
    extract_quotes,
    paraphrase_candidates,
    semantic_matches,
    shared_quote_pairs,
)
from newsdesk.link.rewrites import (
    is_faithful_translation,
    is_rewrite,
    measure,
    passes_lexical_gate,
    sentence_stems,
)
from newsdesk.link.templates import shared_template_pairs, template_lines
from newsdesk.link.translations import (
    Embedder,
    align_pair,
    embed_sentences,
    is_translation,
    sentence_spans,
)
from newsdesk.log import get_logger
from newsdesk.types import Evidence, Link, Rejection

log = get_logger(__name__)

# Same-language rewrite candidates (names and numbers only) keep a name shared by up to this
# many documents even in a small corpus: a desk query links a few documents of one story, all
# of which name its people and places (the cost is at most 45 pairs per such name).
SAME_LANGUAGE_DF_FLOOR = 10
# Below this many documents a second process costs more (start-up, pickling) than it saves.
MIN_DOCS_PER_WORKER = 2000


@dataclass(frozen=True)
class LinkResult:
    links: tuple[Link, ...]
    rejections: tuple[Rejection, ...]


def fingerprint_docs(docs: Sequence[LinkDoc], workers: int = 1) -> Fingerprints:
    """Map phase over `docs`, split into `workers` processes when the corpus is large enough."""
    ids = [d.id for d in docs]
    texts = [d.text for d in docs]
    workers = max(1, min(workers, len(docs) // MIN_DOCS_PER_WORKER))
    if workers == 1:
        return fingerprint(ids, texts)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    bounds = np.linspace(0, len(docs), workers + 1).astype(int)
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = [
            pool.submit(fingerprint, ids[s:e], texts[s:e])
            for s, e in zip(bounds[:-1], bounds[1:], strict=True)
        ]
        return concat([f.result() for f in futures])


def copy_links(docs: Sequence[LinkDoc], fp: Fingerprints) -> list[Link]:
    """`duplicate` and `near-copy` links of documents whose rows in `fp` are their positions."""
    (dup_a, dup_b), near = near_copy_pairs(fp)
    links = [
        duplicate_link(docs[a], docs[b])
        for a, b in zip(dup_a.tolist(), dup_b.tolist(), strict=True)
    ]
    links += [
        near_copy_link(docs[a], docs[b], jac, est)
        for a, b, jac, est in zip(
            near.a.tolist(),
            near.b.tolist(),
            near.jaccard.tolist(),
            near.estimate.tolist(),
            strict=True,
        )
    ]
    return links


def template_links(docs: Sequence[LinkDoc], skip: set[tuple[int, int]]) -> list[Link]:
    """`same-template` links: documents that carry the same non-content line."""
    lines = [template_lines(d.text, d.title) for d in docs]
    links = []
    for (a, b), shared in sorted(shared_template_pairs(lines).items()):
        if (a, b) in skip:
            continue
        links.append(template_link(docs[a], docs[b], shared))
    return links


def quote_links(
    docs: Sequence[LinkDoc],
    skip: set[tuple[int, int]],
    semantic_pairs: set[tuple[int, int]],
    embed: Embedder,
    by_meaning: bool = True,
) -> list[Link]:
    """`shares-quotes` links: the same quotation in two documents, by its words or, for the
    `semantic_pairs` (other languages, paraphrased translations), by its meaning."""
    quotes = [extract_quotes(d.text) for d in docs]
    matches: dict[tuple[int, int], list[QuoteMatch]] = {
        pair: m for pair, m in shared_quote_pairs(quotes).items() if pair not in skip
    }
    # Quotation pairs to compare by meaning: all of two documents in different languages
    # that are translation candidates; same-language quotations that share many words.
    to_compare = paraphrase_candidates(quotes, [d.language for d in docs]) if by_meaning else {}
    for a, b in semantic_pairs:
        to_compare.setdefault((a, b), set()).update(
            (i, j) for i in range(len(quotes[a])) for j in range(len(quotes[b]))
        )
    # Documents that already share a quotation word for word are linked: their other
    # quotations are not embedded (evidence enough, and an embedding costs ~25 ms).
    for pair in list(to_compare):
        if pair in skip or pair in matches:
            del to_compare[pair]
    needed = sorted(
        {(a, i) for (a, b), qp in to_compare.items() for i, _ in qp}
        | {(b, j) for (a, b), qp in to_compare.items() for _, j in qp}
    )
    if needed:
        vectors = embed([quotes[d][q].text for d, q in needed])
        row = {key: k for k, key in enumerate(needed)}
        for (a, b), qp in sorted(to_compare.items()):
            scored = [
                (i, j, float(vectors[row[(a, i)]] @ vectors[row[(b, j)]])) for i, j in sorted(qp)
            ]
            known = matches.get((a, b), [])
            extra = semantic_matches(scored, {m.a for m in known}, {m.b for m in known})
            if extra:
                matches[(a, b)] = known + extra
    return [
        quote_link(docs[a], docs[b], quotes[a], quotes[b], found)
        for (a, b), found in sorted(matches.items())
    ]


def translation_links(
    docs: Sequence[LinkDoc],
    skip: set[tuple[int, int]],
    embed: Embedder,
    rewrites: bool = True,
) -> tuple[list[Link], set[tuple[int, int]]]:
    """`translation-of` and `rewrite-of` links, and every cross-language candidate pair that
    was compared.

    Both are judged on the same candidate pairs (rare names, numbers, stems) and the same
    sentence embeddings (each document embedded once). Cross-language pairs: a faithful
    translation (`rewrites.is_faithful_translation`) is `translation-of`; otherwise a pair
    that reads as a rewrite is `rewrite-of`; otherwise an aligned pair is `translation-of` as
    before. Same-language pairs (names and numbers only) are embedded only when their sentences
    overlap lexically, mostly in order (`rewrites.passes_lexical_gate`).
    """
    languages = [d.language for d in docs]
    multilingual = len({lang for lang in languages if lang}) >= 2
    if not multilingual and not rewrites:
        return [], set()
    features = [cheap_features(f"{d.title}\n{d.text}") for d in docs]
    cross = (
        [c for c in candidate_pairs(features, languages) if (c.a, c.b) not in skip]
        if multilingual
        else []
    )
    same: list[tuple[int, int]] = []
    if rewrites:
        named = [replace(f, stems=frozenset()) for f in features]
        pairs = [
            (c.a, c.b)
            for c in candidate_pairs(
                named, languages, cross_language=False, max_df_floor=SAME_LANGUAGE_DF_FLOOR
            )
            if (c.a, c.b) not in skip
        ]
        spans = {i: sentence_spans(docs[i].text) for i in {d for p in pairs for d in p}}
        stems = {i: sentence_stems(docs[i].text, sp) for i, sp in spans.items()}
        same = [(a, b) for a, b in pairs if passes_lexical_gate(stems[a], stems[b])]
    needed = sorted({d for c in cross for d in (c.a, c.b)} | {d for p in same for d in p})
    sentences = dict(zip(needed, embed_sentences([docs[i] for i in needed], embed), strict=True))
    links = []

    def texts(i: int) -> list[str]:
        return [docs[i].text[x:y] for x, y in sentences[i].spans]

    for a, b in [(c.a, c.b) for c in cross] + same:
        sa, sb = sentences[a], sentences[b]
        al = align_pair(sa, sb)
        translated = docs[a].language != docs[b].language and is_translation(
            al, len(sa.spans), len(sb.spans)
        )
        if rewrites:
            m = measure(sa, sb, docs[a].text, docs[b].text, docs[a].language == docs[b].language)
            if is_rewrite(m) and not (
                translated and is_faithful_translation(m, sa, sb, texts(a), texts(b), embed)
            ):
                links.append(
                    rewrite_link(docs[a], docs[b], m, sa.spans, texts(a), sb.spans, texts(b))
                )
                continue
        if translated:
            links.append(
                translation_link(docs[a], docs[b], al, sa.spans, texts(a), sb.spans, texts(b))
            )
    return links, {(c.a, c.b) for c in cross}


def with_passages(link: Link, source: LinkDoc, target: LinkDoc) -> Link:
    """A copy link with its longest shared passages as evidence."""
    evidence = tuple(
        Evidence(
            source_span=sa,
            target_span=sb,
            source_text=source.text[sa[0] : sa[1]],
            target_text=target.text[sb[0] : sb[1]],
            score=1.0,
        )
        for sa, sb, _ in shared_passages(source.text, target.text)
    )
    return replace(link, evidence=evidence)


def link_documents(
    docs: Sequence[LinkDoc],
    workers: int = 1,
    embed: Embedder | None = None,
    explain_copies: bool = True,
    quotes_by_meaning: bool = True,
    rewrites: bool = True,
) -> LinkResult:
    """Every link between `docs`, and the documents that could not be linked (with reasons).

    Pairs linked as `duplicate` or `near-copy` get no other link (their shared quotes and
    template lines are part of the copy); with `explain_copies` their evidence is their
    longest shared passages (about 1 ms per link). `quotes_by_meaning` also compares
    same-language quotations in different words by their embeddings (two translations of one
    statement; the costliest step on a large one-language corpus). `embed` defaults to
    `newsdesk.embeddings.embed`. `rewrites` adds `rewrite-of` links (same-language candidate
    pairs are then compared too).
    """
    if embed is None:
        from newsdesk.embeddings import embed as default_embed

        embed = default_embed
    rejections: list[Rejection] = []
    usable: list[LinkDoc] = []
    seen: set[str] = set()
    for doc in docs:
        rejection = check_doc(doc)
        if rejection is None and doc.id in seen:
            rejection = Rejection(item=doc.id, stage="link", reason="duplicate_id")
        if rejection is not None:
            rejections.append(rejection)
            continue
        seen.add(doc.id)
        usable.append(doc)
    fp = fingerprint_docs(usable, workers=workers)
    index = {d.id: i for i, d in enumerate(usable)}
    links = copy_links(usable, fp)
    if explain_copies:
        links = [with_passages(x, usable[index[x.source]], usable[index[x.target]]) for x in links]
    copied = {
        (min(index[x.source], index[x.target]), max(index[x.source], index[x.target]))
        for x in links
    }
    translated, compared = translation_links(usable, copied, embed, rewrites=rewrites)
    links += translated
    links += quote_links(usable, copied, compared, embed, by_meaning=quotes_by_meaning)
    links += template_links(usable, copied)
    log.info("corpus_linked", documents=len(usable), rejected=len(rejections), links=len(links))
    return LinkResult(tuple(links), tuple(rejections))


def link_corpus(
    docs: Sequence[LinkDoc],
    workers: int = 1,
    embed: Embedder | None = None,
    explain_copies: bool = True,
    quotes_by_meaning: bool = True,
) -> list[Link]:
    """Every link between `docs` (rejected documents are logged; see `link_documents`)."""
    result = link_documents(
        docs,
        workers=workers,
        embed=embed,
        explain_copies=explain_copies,
        quotes_by_meaning=quotes_by_meaning,
    )
    for r in result.rejections:
        log.warning("document_not_linked", item=r.item, reason=r.reason)
    return list(result.links)
