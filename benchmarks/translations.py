"""translation-of links: precision and recall on English/French pseudo-documents.

WMT newstest2013 (../shared/bench-data/wmt-newstest2013-en-fr) gives 3,000 English news
sentences with their human French translations, line by line. Every 8 consecutive lines make
one pseudo-document on each side; the English and French documents are shuffled together and
given to `newsdesk.link.link_documents` with their language. A found `translation-of` edge is
right when it joins block k in English with block k in French. Neighbouring blocks come from
the same news story (same names and numbers), which makes the negatives hard.

Lines 0-999 were used to calibrate the thresholds (`--calibrate` prints the grid); the
default run measures lines 1000-2999, which the thresholds never saw. The baseline beside it
is the candidate stage alone (best cheap-feature partner = translation), to show what the
sentence alignment adds. Embedding runs at ~40 sentences/s on one core, so the full run takes
minutes; the machine has 2 cores shared with other work, so speeds are indicative.

    .venv/bin/python benchmarks/translations.py [--quick] [--calibrate]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT.parent / "shared" / "bench-data" / "wmt-newstest2013-en-fr"
BLOCK = 8


def load_docs(first: int, last: int, seed: int = 5):  # noqa: ANN201 - script helper
    from newsdesk.link import LinkDoc

    en = (WMT / "newstest2013.en-fr.eng").read_text(encoding="utf-8").splitlines()
    fr = (WMT / "newstest2013.en-fr.fra").read_text(encoding="utf-8").splitlines()
    docs = []
    for k, start in enumerate(range(first, last - BLOCK + 1, BLOCK)):
        docs.append(LinkDoc(id=f"en{k}", text=" ".join(en[start : start + BLOCK]), language="en"))
        docs.append(LinkDoc(id=f"fr{k}", text=" ".join(fr[start : start + BLOCK]), language="fr"))
    random.Random(seed).shuffle(docs)
    return docs


def truth_of(docs) -> set[frozenset[str]]:  # noqa: ANN001
    blocks = {d.id[2:] for d in docs}
    return {frozenset((f"en{k}", f"fr{k}")) for k in blocks}


def prf(found: set[frozenset[str]], truth: set[frozenset[str]]) -> tuple[float, float]:
    tp = len(found & truth)
    return (tp / len(found) if found else 1.0), (tp / len(truth) if truth else 1.0)


def candidate_baseline(docs) -> set[frozenset[str]]:  # noqa: ANN001
    from newsdesk.link.candidates import candidate_pairs, cheap_features

    feats = [cheap_features(d.text) for d in docs]
    cands = candidate_pairs(feats, [d.language for d in docs], top_k=1)
    best: dict[int, tuple[float, int]] = {}
    for c in cands:
        for x, y in ((c.a, c.b), (c.b, c.a)):
            if c.score > best.get(x, (-1.0, -1))[0]:
                best[x] = (c.score, y)
    return {frozenset((docs[x].id, docs[y].id)) for x, (_, y) in best.items() if best[y][1] == x}


def calibrate(docs) -> None:  # noqa: ANN001
    """Grid of (cosine threshold, coverage) → precision/recall on the calibration lines."""
    from newsdesk.embeddings import embed
    from newsdesk.link.alignment import align
    from newsdesk.link.candidates import candidate_pairs, cheap_features
    from newsdesk.link.translations import embed_sentences

    truth = truth_of(docs)
    cands = candidate_pairs([cheap_features(d.text) for d in docs], [d.language for d in docs])
    cand_pairs = {frozenset((docs[c.a].id, docs[c.b].id)) for c in cands}
    print(
        f"candidates: {len(cands)} pairs for {len(docs)} documents; "
        f"true pairs among them: {len(cand_pairs & truth)}/{len(truth)}"
    )
    needed = sorted({d for c in cands for d in (c.a, c.b)})
    sents = dict(zip(needed, embed_sentences([docs[i] for i in needed], embed), strict=True))
    print(f"{'cos':>5}{'cover':>7}{'P':>7}{'R':>7}")
    for cos in (0.5, 0.55, 0.6, 0.65, 0.7):
        for cover in (0.3, 0.5, 0.7):
            found = set()
            for c in cands:
                a, b = sents[c.a], sents[c.b]
                al = align(a.vectors @ b.vectors.T, cos)
                shorter = min(len(a.spans), len(b.spans))
                if (
                    shorter
                    and len(al.pairs) >= min(2, shorter)
                    and len(al.pairs) / shorter >= cover
                ):
                    found.add(frozenset((docs[c.a].id, docs[c.b].id)))
            p, r = prf(found, truth)
            print(f"{cos:>5.2f}{cover:>7.1f}{p:>7.3f}{r:>7.3f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="lines 1000-1479 (60 blocks)")
    ap.add_argument("--calibrate", action="store_true", help="threshold grid on lines 0-999")
    args = ap.parse_args()
    if args.calibrate:
        calibrate(load_docs(0, 1000))
        return 0
    docs = load_docs(1000, 1480 if args.quick else 3000)
    truth = truth_of(docs)
    n_sent = sum(d.text.count(". ") + 1 for d in docs)
    print(f"{len(docs)} pseudo-documents ({len(truth)} translation pairs, ~{n_sent} sentences)")

    from newsdesk.embeddings import embed
    from newsdesk.link import link_documents
    from newsdesk.types import LinkType

    embed(["warm-up"])  # model load is not counted
    t = time.perf_counter()
    base = candidate_baseline(docs)
    dt_base = time.perf_counter() - t
    t = time.perf_counter()
    result = link_documents(docs, embed=embed)
    dt = time.perf_counter() - t
    found = {
        frozenset((x.source, x.target)) for x in result.links if x.type is LinkType.TRANSLATION_OF
    }
    print(f"\n{'method':<44}{'P':>7}{'R':>7}{'seconds':>9}{'pairs/s':>9}")
    p, r = prf(base, truth)
    print(
        f"{'cheap features only (best mutual partner)':<44}{p:>7.3f}{r:>7.3f}{dt_base:>9.1f}"
        f"{len(truth) / dt_base:>9.1f}"
    )
    p, r = prf(found, truth)
    print(
        f"{'newsdesk translation-of (align sentences)':<44}{p:>7.3f}{r:>7.3f}{dt:>9.1f}"
        f"{len(truth) / dt:>9.2f}"
    )
    wrong = sorted(tuple(sorted(x)) for x in found - truth)
    missed = sorted(tuple(sorted(x)) for x in truth - found)
    print(f"false edges: {wrong[:10]}\nmissed pairs: {missed[:10]}")
    other = [x for x in result.links if x.type is not LinkType.TRANSLATION_OF]
    print(f"other links: {len(other)} ({sorted({x.type.value for x in other})})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
