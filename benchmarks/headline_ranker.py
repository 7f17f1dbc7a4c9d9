"""Retrain the headline ranker (`src/newsdesk/compose/headline_ranker.json`) reproducibly.

For each article of ../shared/bench-data/orangesum-train from record 2,000 on (records 0-1,999
are held out for benchmarks/headlines.py), every headline candidate of `compose/headline.py`
is scored by ROUGE-L F1 against the professional title (the benchmark's tokeniser). A linear
model is fitted by ridge least squares to those scores centred per article (so it learns which
candidate of a story is better, not which story is easier). No randomness: the same data and
code give the same weights.

Articles are cut into sentences directly (no screening by the detectors: professional articles
carry almost no findings, and screening would triple the time).

    .venv/bin/python benchmarks/headline_ranker.py [--limit N] [--dry-run] [--cache FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
OUT = REPO / "src" / "newsdesk" / "compose" / "headline_ranker.json"
WORDS_OUT = REPO / "src" / "newsdesk" / "compose" / "headline_words.json"
RIDGE = 1.0  # L2 penalty on the weights (features are of order 1; a few thousand articles)
WORDS_MIN_ARTICLES = 10  # a word used by fewer training articles gets the mean chance
WORDS_PRIOR = 10.0  # pseudo-articles of the mean chance added to every word's counts


def word_table(records: list[dict[str, str]]) -> dict[str, object]:
    """Each word's chance of being in the professional title when the article uses it."""
    from collections import Counter

    from newsdesk.compose.headline import title_tokens

    used: Counter[str] = Counter()
    titled: Counter[str] = Counter()
    for record in records:
        article = set(title_tokens(record["article"]))
        title = set(title_tokens(record["title"]))
        used.update(article)
        titled.update(article & title)
    mean = sum(titled.values()) / max(1, sum(used.values()))
    words = {
        w: round((titled[w] + WORDS_PRIOR * mean) / (n + WORDS_PRIOR), 4)
        for w, n in sorted(used.items())
        if n >= WORDS_MIN_ARTICLES
    }
    return {
        "default": round(mean, 4),
        "words": words,
        "trained": f"benchmarks/headline_ranker.py on orangesum-train records 2000+ "
        f"({len(records)} records), prior {WORDS_PRIOR}, min {WORDS_MIN_ARTICLES} articles",
    }


def story_sentences(body: str) -> list[tuple[int, str]]:
    from benchmarks.headlines import paragraphs_of

    from newsdesk.language import split_sentences

    out = []
    for paragraph in paragraphs_of(body):
        for start, end in split_sentences(paragraph):
            sentence = paragraph[start:end].strip()
            if sentence:
                out.append((0, sentence))
    return out


def collect(records: list[dict[str, str]]) -> list[tuple[list[tuple[float, ...]], list[float]]]:
    """Per article: the candidates' features and their ROUGE-L F1 against the title."""
    from benchmarks.headlines import rouge

    from newsdesk.compose.headline import candidates
    from newsdesk.compose.material import Unit
    from newsdesk.compose.salience import Salience

    out = []
    for n, record in enumerate(records):
        sentences = story_sentences(record["article"])
        salience = Salience([Unit(0, 0, i, t) for i, (_, t) in enumerate(sentences)])
        found = candidates(sentences, salience)
        if found:
            out.append(
                ([c.features for c in found], [rouge(c.text, record["title"])[2] for c in found])
            )
        if n and n % 250 == 0:
            print(f"  {n} articles", flush=True)
    return out


def fit(data: list[tuple[list[tuple[float, ...]], list[float]]]) -> list[float]:
    import numpy as np

    rows, targets = [], []
    for features, scores in data:
        x = np.array(features, dtype=float)
        y = np.array(scores, dtype=float)
        rows.append(x - x.mean(axis=0))
        targets.append(y - y.mean())
    x = np.vstack(rows)
    y = np.concatenate(targets)
    penalty = RIDGE * np.eye(x.shape[1])  # the bias column is all zeros once centred
    weights = np.linalg.solve(x.T @ x + penalty, x.T @ y)
    weights[0] = 0.0  # the bias cancels out within an article
    return [round(float(w), 6) for w in weights]


def chosen_score(
    data: list[tuple[list[tuple[float, ...]], list[float]]], weights: list[float]
) -> float:
    total = 0.0
    for features, scores in data:
        values = [sum(w * f for w, f in zip(weights, row, strict=True)) for row in features]
        total += scores[max(range(len(values)), key=values.__getitem__)]
    return 100 * total / max(1, len(data))


def main() -> None:
    from benchmarks.headlines import load

    from newsdesk.compose.headline import FEATURES, _weights

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # 1,500 training articles (~10 minutes on 2 shared cores) for 25 weights; records 2,000
    # to 3,499. The word table is counted on all training records (2,000-4,999).
    parser.add_argument("--limit", type=int, default=1500)
    parser.add_argument("--dry-run", action="store_true", help="fit and print, do not write")
    parser.add_argument("--cache", type=Path, default=None, help="reuse/keep candidates here")
    args = parser.parse_args()
    records = load("train", args.limit)
    if not args.dry_run:
        table = word_table(load("train", None))
        WORDS_OUT.write_text(json.dumps(table, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {WORDS_OUT.relative_to(REPO)}: {len(table['words'])} words")  # type: ignore[arg-type]
    started = time.perf_counter()
    if args.cache and args.cache.exists():
        data = [(list(map(tuple, f)), s) for f, s in json.loads(args.cache.read_text())]
    else:
        data = collect(records)
        if args.cache:
            args.cache.write_text(json.dumps(data))
    print(f"{len(data)} articles with candidates in {time.perf_counter() - started:.0f} s")
    weights = fit(data)
    oracle = 100 * sum(max(s) for _, s in data) / max(1, len(data))
    print(f"R-L of the chosen candidate (training articles): current weights "
          f"{chosen_score(data, list(_weights())):.1f}, refitted {chosen_score(data, weights):.1f},"
          f" oracle {oracle:.1f}")  # fmt: skip
    for name, w in zip(FEATURES, weights, strict=True):
        print(f"  {name:18} {w:+.4f}")
    if not args.dry_run:
        model = {
            "features": list(FEATURES),
            "weights": weights,
            "trained": (
                f"benchmarks/headline_ranker.py on orangesum-train records 2000+ "
                f"({len(records)} records, {len(data)} with candidates), ridge {RIDGE}"
            ),
        }
        OUT.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
