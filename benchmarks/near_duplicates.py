"""Near-duplicate search: newsdesk beside datasketch, rensa and datatrove, on one corpus.

The corpus is built from ../shared/bench-data/french-news-clean (250 professional French
articles): every article starts a *family* of edited copies (words replaced, sentences dropped,
reordered or inserted, at rates from 2 % to 50 %, copies of copies, and copies that differ only
in case, quotation marks, apostrophes and spacing), and the rest of the corpus is *unrelated*
articles assembled from sentences of other articles (French news sentences from the same corpus
and from WMT newstest2013), which share a sentence or two with many others: hard negatives.

Ground truth: every pair with exact Jaccard >= 0.5 over 5-word shingles (lower-cased ``\\w+``
words), found exactly with a prefix-filter join (any pair at >= 0.5 shares a shingle among the
rarest half of each set) and checked with exact set arithmetic. No MinHash is involved.

Every tool reads the same JSONL file and is timed from reading it to its list of pairs:
- newsdesk: `newsdesk.link` (duplicates + near-copies; exact Jaccard on every reported pair);
- datasketch MinHashLSH (threshold 0.5, 128 permutations), pairs kept when the MinHash
  estimate is >= 0.5;
- rensa RMinHashLSH (same), shingles made in Python as its documentation does;
- datatrove's MinHash pipeline (signature → buckets → cluster, 5-grams, 32 buckets x 4
  hashes ~ a 0.42 threshold), which reports clusters; its pairs are all pairs of a cluster.
Pairs are scored against the truth, and so are clusters (pairs linked transitively on both
sides, scored as co-membership pairs). The machine has 2 cores shared with other work, so the
figures are indicative.

    .venv/bin/python benchmarks/near_duplicates.py [--quick] [--docs N] [--no-datatrove]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench-data"
ARTICLES = DATA / "french-news-clean" / "articles_fr.jsonl"
WMT_FR = DATA / "wmt-newstest2013-en-fr" / "newstest2013.en-fr.fra"
THRESHOLD = 0.5
K = 5
NUM_PERM = 128
SENTENCE_SPLIT = re.compile(r"(?<=[.!?»\"])\s*(?=[A-ZÉÀÂÎ«\"])")
Pair = tuple[int, int]


# ---------------------------------------------------------------- corpus


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_SPLIT.split(text) if s.strip()]


def build_corpus(n_docs: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    articles = [json.loads(line)["article"] for line in ARTICLES.open(encoding="utf-8")]
    vocab = sorted({w for a in articles for w in a.split()})
    pool = [s for a in articles for s in sentences_of(a)]
    pool += [s for s in WMT_FR.read_text(encoding="utf-8").splitlines() if len(s.split()) > 5]
    family_share = 0.3
    n_family = int(n_docs * family_share)
    sizes = [1, 2, 3, 5, 8, 13, 20, 40, 80]
    weights = [30, 20, 15, 10, 8, 6, 5, 3, 2]
    docs: list[str] = []
    base_order = list(range(len(articles)))
    rnd.shuffle(base_order)
    b = 0
    while len(docs) < n_family:
        base = articles[base_order[b % len(base_order)]]
        b += 1
        size = rnd.choices(sizes, weights)[0]
        family = [base]
        for _ in range(size):
            parent = rnd.choice(family) if rnd.random() < 0.3 else base
            family.append(edit(parent, rnd, vocab, pool))
        docs.extend(family)
    docs = docs[:n_family]
    while len(docs) < n_docs:
        n_sent = rnd.randint(6, 16)
        docs.append(" ".join(rnd.choice(pool) for _ in range(n_sent)))
    rnd.shuffle(docs)
    return docs


def edit(text: str, rnd: random.Random, vocab: list[str], pool: list[str]) -> str:
    kind = rnd.choice(["replace", "drop", "reorder", "insert", "mixed", "format"])
    rate = rnd.choice([0.02, 0.05, 0.1, 0.2, 0.3, 0.5])
    if kind == "format":
        return reformat(text, rnd)
    sents = sentences_of(text)
    if kind in ("drop", "mixed") and len(sents) > 2:
        keep = [s for s in sents if rnd.random() >= rate]
        sents = keep or sents[:1]
    if kind in ("reorder", "mixed"):
        idx = [i for i in range(len(sents)) if rnd.random() < max(rate, 0.1)]
        moved = [sents[i] for i in idx]
        rnd.shuffle(moved)
        for i, s in zip(idx, moved, strict=True):
            sents[i] = s
    if kind in ("insert", "mixed"):
        for _ in range(max(1, int(len(sents) * rate))):
            sents.insert(rnd.randrange(len(sents) + 1), rnd.choice(pool))
    words = " ".join(sents).split()
    if kind in ("replace", "mixed"):
        for _ in range(int(len(words) * rate)):
            words[rnd.randrange(len(words))] = rnd.choice(vocab)
    return " ".join(words)


def reformat(text: str, rnd: random.Random) -> str:
    """Same words, different case, quotation marks, apostrophes and spacing."""
    text = text.replace('"', "« ", 1).replace("'", "’")
    if rnd.random() < 0.5:
        text = text.upper()
    return re.sub(r" ", lambda _: "  " if rnd.random() < 0.05 else " ", text)


# ---------------------------------------------------------------- ground truth


def shingle_sets(texts: list[str]) -> list[set[int]]:
    out = []
    for t in texts:
        w = re.findall(r"\w+", t.lower())
        if len(w) < K:
            out.append({hash(tuple(w))} if w else set())
        else:
            out.append({hash(tuple(w[i : i + K])) for i in range(len(w) - K + 1)})
    return out


def exact_pairs(sets: list[set[int]], threshold: float = THRESHOLD) -> dict[Pair, float]:
    """All pairs with Jaccard >= threshold (prefix-filter join, exact)."""
    freq: dict[int, int] = {}
    for s in sets:
        for h in s:
            freq[h] = freq.get(h, 0) + 1
    index: dict[int, list[int]] = {}
    found: dict[Pair, float] = {}
    order = sorted(range(len(sets)), key=lambda i: len(sets[i]))
    for i in order:
        s = sets[i]
        if not s:
            continue
        ranked = sorted(s, key=lambda h: (freq[h], h))
        prefix = ranked[: len(s) - int(np.ceil(threshold * len(s))) + 1]
        cands: set[int] = set()
        for h in prefix:
            lst = index.get(h)
            if lst:
                cands.update(lst)
            index.setdefault(h, []).append(i)
        for j in cands:
            t = sets[j]
            if len(t) < threshold * len(s):  # length filter: |t| <= |s| here
                continue
            inter = len(s & t)
            jac = inter / (len(s) + len(t) - inter)
            if jac >= threshold:
                found[(min(i, j), max(i, j))] = jac
    return found


# ---------------------------------------------------------------- tools


def read_jsonl(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def python_shingles(text: str) -> list[str]:
    w = re.findall(r"\w+", text.lower())
    if len(w) < K:
        return [" ".join(w)]
    return [" ".join(w[i : i + K]) for i in range(len(w) - K + 1)]


def run_newsdesk(path: Path, workers: int) -> set[Pair]:
    from newsdesk.link.corpus import fingerprint_docs
    from newsdesk.link.docs import LinkDoc
    from newsdesk.link.near_copies import near_copy_pairs

    rows = read_jsonl(path)
    docs = [LinkDoc(id=r["id"], text=r["text"]) for r in rows]
    fp = fingerprint_docs(docs, workers=workers)
    (da, db), near = near_copy_pairs(fp)
    pairs = set(zip(da.tolist(), db.tolist(), strict=True))
    pairs |= set(zip(near.a.tolist(), near.b.tolist(), strict=True))
    return pairs


def run_newsdesk_links(path: Path, workers: int) -> set[Pair]:
    """The public API end to end (Link objects with notes), for the record."""
    from newsdesk.link import LinkDoc
    from newsdesk.link.corpus import copy_links, fingerprint_docs

    rows = read_jsonl(path)
    docs = [LinkDoc(id=r["id"], text=r["text"]) for r in rows]
    links = copy_links(docs, fingerprint_docs(docs, workers=workers))
    return {tuple(sorted((int(x.source), int(x.target)))) for x in links}  # type: ignore[misc]


def run_datasketch(path: Path) -> set[Pair]:
    from datasketch import MinHash, MinHashLSH

    rows = read_jsonl(path)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    hashes = []
    for i, r in enumerate(rows):
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch([s.encode("utf-8") for s in python_shingles(r["text"])])
        lsh.insert(i, m)
        hashes.append(m)
    pairs = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j != i and m.jaccard(hashes[j]) >= THRESHOLD:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def run_rensa(path: Path) -> set[Pair]:
    from rensa import RMinHash, RMinHashLSH

    rows = read_jsonl(path)
    lsh = RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=32)
    hashes = []
    for i, r in enumerate(rows):
        m = RMinHash(num_perm=NUM_PERM, seed=1)
        m.update(python_shingles(r["text"]))
        lsh.insert(i, m)
        hashes.append(m)
    pairs = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j != i and m.jaccard(hashes[j]) >= THRESHOLD:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def run_datatrove(path: Path, workers: int) -> set[Pair]:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
        MinhashDedupSignature,
    )
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    config = MinhashConfig(n_grams=K, num_buckets=32, hashes_per_bucket=4)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)

        def reader() -> JsonlReader:
            return JsonlReader(str(path.parent), glob_pattern=path.name, id_key="id")

        stages = [
            [reader(), MinhashDedupSignature(str(work / "sigs"), config=config, language="fr")],
            [MinhashDedupBuckets(str(work / "sigs"), str(work / "buckets"), config=config)],
            [
                MinhashDedupCluster(
                    str(work / "buckets"), str(work / "remove"), config=config, save_cluster_id=True
                )
            ],
            [
                reader(),
                MinhashDedupFilter(
                    str(work / "remove"),
                    load_cluster_ids=True,
                    exclusion_writer=JsonlWriter(str(work / "removed"), compression=None),
                ),
                JsonlWriter(str(work / "out"), compression=None),
            ],
        ]
        tasks = [workers, config.num_buckets, 1, workers]
        for i, (pipeline, n_tasks) in enumerate(zip(stages, tasks, strict=True)):
            LocalPipelineExecutor(
                pipeline=pipeline,
                tasks=n_tasks,
                workers=workers,
                logging_dir=str(work / f"logs{i}"),
                skip_completed=False,
            ).run()
        clusters: dict[int, list[int]] = {}
        for f in sorted([*(work / "out").glob("*.jsonl"), *(work / "removed").glob("*.jsonl")]):
            for line in f.open(encoding="utf-8"):
                r = json.loads(line)
                cid = r.get("metadata", {}).get("minhash_cluster_id", -1)
                if cid != -1:
                    clusters.setdefault(cid, []).append(int(r["id"]))
    return _pairs_of_clusters(list(clusters.values()))


def _pairs_of_clusters(clusters: list[list[int]]) -> set[Pair]:
    out: set[Pair] = set()
    for c in clusters:
        c = sorted(c)
        for x in range(len(c)):
            for y in range(x + 1, len(c)):
                out.add((c[x], c[y]))
    return out


# ---------------------------------------------------------------- scoring


def components(pairs: set[Pair], n: int) -> np.ndarray:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    return np.array([find(i) for i in range(n)])


def co_member_pairs(labels: np.ndarray) -> set[Pair]:
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels.tolist()):
        groups.setdefault(lab, []).append(i)
    return _pairs_of_clusters([g for g in groups.values() if len(g) > 1])


def prf(found: set[Pair], truth: set[Pair]) -> tuple[float, float, float]:
    tp = len(found & truth)
    p = tp / len(found) if found else 1.0
    r = tp / len(truth) if truth else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="2,000 documents")
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-datatrove", action="store_true")
    args = ap.parse_args()
    n = 2000 if args.quick else args.docs

    t = time.perf_counter()
    texts = build_corpus(n)
    sets = shingle_sets(texts)
    truth_j = exact_pairs(sets)
    truth = set(truth_j)
    print(
        f"corpus: {n} documents ({time.perf_counter() - t:.1f} s to build + exact ground truth), "
        f"{len(truth)} pairs with Jaccard >= {THRESHOLD}"
    )
    truth_clusters = co_member_pairs(components(truth, n))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i, text in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n")

        tools: list[tuple[str, Callable[[], set[Pair]], int]] = [
            (f"newsdesk ({args.workers} processes)", lambda: run_newsdesk(path, args.workers), n),
            ("newsdesk (1 process)", lambda: run_newsdesk(path, 1), n),
            ("newsdesk Link objects", lambda: run_newsdesk_links(path, args.workers), n),
            ("datasketch MinHashLSH", lambda: run_datasketch(path), n),
            ("rensa RMinHashLSH", lambda: run_rensa(path), n),
        ]
        print(
            f"\n{'tool':<32}{'docs/s':>9}{'pairs':>9}{'pair P':>8}{'pair R':>8}{'pair F1':>8}"
            f"{'clu P':>8}{'clu R':>8}{'clu F1':>8}"
        )
        for name, fn, count in tools:
            _report(name, fn, count, truth, truth_clusters, n)
        if not args.no_datatrove:
            try:
                import datatrove  # noqa: F401
            except ImportError as exc:
                print(f"{'datatrove':<32} not installed ({exc}); pip install datatrove tokenizers")
            else:
                _report(
                    f"datatrove MinHash ({args.workers} workers)",
                    lambda: run_datatrove(path, args.workers),
                    n,
                    truth,
                    truth_clusters,
                    n,
                )
    return 0


def _report(
    name: str,
    fn: Callable[[], set[Pair]],
    count: int,
    truth: set[Pair],
    truth_clusters: set[Pair],
    n: int,
) -> None:
    t = time.perf_counter()
    found = fn()
    dt = time.perf_counter() - t
    p, r, f = prf(found, truth)
    cp, cr, cf = prf(co_member_pairs(components(found, n)), truth_clusters)
    print(
        f"{name:<32}{count / dt:>9.0f}{len(found):>9}{p:>8.3f}{r:>8.3f}{f:>8.3f}"
        f"{cp:>8.3f}{cr:>8.3f}{cf:>8.3f}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
