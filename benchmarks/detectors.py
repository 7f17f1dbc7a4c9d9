"""Defect detectors: label recall, clean-text findings, planted-defect P/R, and speed.

    .venv/bin/python benchmarks/detectors.py           # full run (2,000 planted, 10,000 docs speed)
    .venv/bin/python benchmarks/detectors.py --quick   # small run

Prints:
1. recall per class on the labelled defects of the five sample pages
   (tests/data/detect/sample_labels.json; meaning-drift in 003 is excluded: it needs the source);
2. every finding of severity >= warning on the 250 clean French articles
   (../shared/bench-data/french-news-clean), for a person to judge;
3. recall and precision per class on planted defects (benchmarks/planting.py);
4. documents per second of the whole detector set on the clean French corpus repeated to
   10,000 documents, on one core, and the time per detector family;
5. every finding >= warning on 5,000 OrangeSum articles and the benchmark's HTML pages, with its
   verdict from benchmarks/judged/, per 100 documents per language and genre (benchmarks/unseen.py).
The machine is shared, so speed figures are indicative: CPU time of this process is printed
beside wall-clock time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import planting  # noqa: E402
from unseen import unseen  # noqa: E402

from newsdesk.detect import detect  # noqa: E402
from newsdesk.detect.document import Document  # noqa: E402
from newsdesk.detect.labels import load_labels, recall_by_class  # noqa: E402
from newsdesk.detect.overlap import resolve_overlaps  # noqa: E402
from newsdesk.detect.registry import DETECTORS  # noqa: E402
from newsdesk.types import Severity  # noqa: E402

SAMPLES = REPO / "src" / "newsdesk" / "samples" / "articles"
LABELS = REPO / "tests" / "data" / "detect" / "sample_labels.json"


def clean_texts() -> list[tuple[str, str]]:
    out = []
    with planting.FR_CLEAN.open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            out.append((item["id"], item["title"] + "\n\n" + item["article"]))
    return out


def label_recall() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}
    labels = load_labels(LABELS, texts)
    findings = {name: detect(text, language="fr") for name, text in texts.items()}
    print("== 1. Sample labels: recall per class (span overlap; meaning-drift excluded)")
    found_all = total_all = 0
    for cls, (found, total) in recall_by_class(labels, findings).items():
        print(f"  {cls:28s} {found}/{total}  recall {found / total:.2f}")
        found_all += found
        total_all += total
    print(f"  {'all':28s} {found_all}/{total_all}  recall {found_all / total_all:.2f}")


def clean_findings() -> None:
    print("== 2. Clean French news (250 articles): findings of severity >= warning")
    shown = 0
    by_class: Counter[str] = Counter()
    for doc_id, text in clean_texts():
        for f in detect(text, language="fr"):
            by_class[(f.category, f.severity.value)] += 1
            if f.severity == Severity.INFO:
                continue
            shown += 1
            ctx = text[max(0, f.start - 80) : f.end + 80].replace("\n", " ")
            print(f"  [{doc_id}] {f.category} ({f.severity.value}): {f.excerpt[:100]!r}")
            print(f"      context: …{ctx}…")
    print(f"  total >= warning: {shown}   (all severities by class: {dict(by_class)})")


def planted(n: int, seed: int) -> None:
    print(f"== 3. Planted defects: {n} documents (seed {seed}), recall and precision per class")
    docs = planting.generate(n, seed)
    scores = planting.score(docs, detect)
    worst_r = worst_p = 1.0
    for cls, sc in sorted(scores.items()):
        print(
            f"  {cls:28s} planted {sc.planted:5d}  recall {sc.recall:.3f}  precision {sc.precision:.3f}"
            f"  (true findings {sc.true_findings}, false {sc.false_findings})"
        )
        if sc.planted:
            worst_r = min(worst_r, sc.recall)
        worst_p = min(worst_p, sc.precision)
    print(f"  lowest recall {worst_r:.3f}, lowest precision {worst_p:.3f}")


def speed(total: int) -> None:
    texts = [t for _, t in clean_texts()]
    corpus = (texts * (total // len(texts) + 1))[:total]
    from newsdesk.detect.langid import identify
    from newsdesk.detect.parse import parse_fr

    parse_fr("Chargement.")  # load models (spaCy, py3langid) before timing
    identify("Chargement du modèle.")
    detect(texts[0], language="fr")
    detect((SAMPLES / "000_6c98827819fc304c.txt").read_text(encoding="utf-8"), language="fr")
    per: Counter[str] = Counter()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for text in corpus:
        doc = Document(text, language="fr")
        found = []
        for name, fn in DETECTORS.items():
            t = time.perf_counter()
            found.extend(fn(doc))
            per[name] += time.perf_counter() - t
        resolve_overlaps(found)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(f"== 4. Speed: {total} documents (the clean French corpus repeated), one core")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"  machine load average (1 min): {load:.1f} on {os.cpu_count()} cores; figures are indicative"
    )
    print(f"  {total / wall:.0f} documents/s wall clock, {total / cpu:.0f} documents/s CPU time")
    print("  time per detector family (wall clock, ms per document):")
    for name, secs in per.most_common():
        print(
            f"    {name:20s} {secs * 1000 / total:.3f} ms  ({100 * secs / sum(per.values()):.0f}%)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small run (320 planted, 1,000 docs)")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    label_recall()
    clean_findings()
    planted(320 if args.quick else 2000, args.seed)
    speed(1000 if args.quick else 10_000)
    unseen(500 if args.quick else 5000)


if __name__ == "__main__":
    main()
