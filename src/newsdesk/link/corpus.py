"""The local engine: every link phase over a whole corpus on one machine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsdesk.link.direction import orient
from newsdesk.link.docs import LinkDoc, check_doc
from newsdesk.link.fingerprints import Fingerprints, concat, fingerprint
from newsdesk.link.minhash import NUM_PERM
from newsdesk.link.near_copies import near_copy_pairs
from newsdesk.log import get_logger
from newsdesk.types import Link, LinkType, Rejection

log = get_logger(__name__)

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
    links: list[Link] = []
    for a, b in zip(dup_a.tolist(), dup_b.tolist(), strict=True):
        o = orient(docs[a], docs[b])
        links.append(
            Link(
                source=o.source.id,
                target=o.target.id,
                type=LinkType.DUPLICATE,
                score=1.0,
                directed=o.directed,
                note=f"same text after normalisation; {o.note}",
            )
        )
    for a, b, jac, est in zip(
        near.a.tolist(), near.b.tolist(), near.jaccard.tolist(), near.estimate.tolist(), strict=True
    ):
        o = orient(docs[a], docs[b])
        links.append(
            Link(
                source=o.source.id,
                target=o.target.id,
                type=LinkType.NEAR_COPY,
                score=round(jac, 4),
                directed=o.directed,
                note=(
                    f"exact Jaccard {jac:.3f} on 5-word shingles; MinHash estimate {est:.3f} "
                    f"({NUM_PERM} permutations); {o.note}"
                ),
            )
        )
    return links


def link_documents(docs: Sequence[LinkDoc], workers: int = 1) -> LinkResult:
    """Every link between `docs`, and the documents that could not be linked (with reasons)."""
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
    links = copy_links(usable, fp)
    log.info("corpus_linked", documents=len(usable), rejected=len(rejections), links=len(links))
    return LinkResult(tuple(links), tuple(rejections))


def link_corpus(docs: Sequence[LinkDoc], workers: int = 1) -> list[Link]:
    """Every link between `docs` (rejected documents are logged; see `link_documents`)."""
    result = link_documents(docs, workers=workers)
    for r in result.rejections:
        log.warning("document_not_linked", item=r.item, reason=r.reason)
    return list(result.links)
