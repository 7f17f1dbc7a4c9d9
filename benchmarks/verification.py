"""Verification benchmark: plant known errors into good story pages; every one must be caught.

Pages are composed (extractive composer) from real articles: pseudo-stories of two consecutive
articles of ../shared/bench-data/french-news-clean (OrangeSum; its lost paragraph breaks are
restored at "fin.Début" joins), plus the three story pages of the bundled samples. Each planted
page carries one error of one class (see `newsdesk.verify.planting`); it counts as caught when
the verdict is `fail` or `hold` AND one of the checks rightly naming that class fired. Clean
pages are verified too: at most 2 % may be held (length is a publication policy, not a
verification error, so pages are verified with `hold_short_pages = false`).

    .venv/bin/python benchmarks/verification.py            # >= 500 planted pages
    .venv/bin/python benchmarks/verification.py --quick    # a small run

Figures are indicative: 2 shared cores.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLEAN = REPO.parent / "shared" / "bench-data" / "french-news-clean" / "articles_fr.jsonl"
SAMPLE_STORIES = (("000", "001", "002"), ("003",), ("004",))
NOW = datetime(2024, 6, 1, tzinfo=UTC)

# OrangeSum lost its paragraph breaks: "…Mailly.\"Bête\", …" and "…lire\".Sven …". A quote
# glued to the next capital opens the next paragraph; one followed by a space closes this one.
_GLUED = re.compile(
    r"(?<=[^\W\d_%][.!?])(?=[\"«]?[A-ZÀ-ÖØ-Þ])|(?<=[.!?][\"»])(?=[A-ZÀ-ÖØ-Þ])"
    r"|(?<=[a-zà-ÿ]{3})(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ]{2})|(?<=%[.!?])(?=[A-ZÀ-ÖØ-Þ])"
)


@dataclass
class BenchPage:
    page: object  # newsdesk.types.Page
    sources: list  # list[StorySource]
    label: str


def _article(record: dict, index: int):  # type: ignore[no-untyped-def]
    from newsdesk.types import Article, Licence, Paragraph

    body = _GLUED.sub("\n", record["article"])
    sentences = [s.strip() for s in body.split("\n") if s.strip()]
    paragraphs = [record["abstract"].strip()] + sentences
    return Article(
        raw_id=f"raw-{record['id']}",
        source_id="orangesum",
        url=f"https://actu.orange.fr/bench/{record['id']}",
        title=record["title"],
        paragraphs=tuple(Paragraph(p, language="fr") for p in paragraphs if p),
        language="fr",
        published=datetime.fromisoformat(record["date"]).replace(tzinfo=UTC),
        site_name="Orange Actu",
        licence=Licence.FULL,
    )


def clean_stories(limit: int | None = None) -> list[list]:  # type: ignore[type-arg]
    """Pseudo-stories of two consecutive french-news-clean articles."""
    records = [json.loads(line) for line in CLEAN.read_text(encoding="utf-8").splitlines()]
    articles = [_article(r, i) for i, r in enumerate(records)]
    stories = [articles[i : i + 2] for i in range(0, len(articles) - 1, 2)]
    return stories[:limit] if limit else stories


def sample_stories() -> list[list]:  # type: ignore[type-arg]
    from newsdesk.cli import bundled_sources
    from newsdesk.config import load_settings
    from newsdesk.extract import extract
    from newsdesk.ingest import InMemoryFetchMemory, collect
    from newsdesk.ingest.fetcher import Fetcher
    from newsdesk.types import Rejection

    settings = load_settings(environ={})
    source = bundled_sources()[0]
    by_prefix = {}
    fetcher = Fetcher(settings.fetch)
    for item in collect(source, fetcher, InMemoryFetchMemory(), settings.fetch):
        if isinstance(item, Rejection) or not hasattr(item, "content"):
            continue
        article = extract(item, source, settings.extract)
        if not isinstance(article, Rejection):
            by_prefix[Path(item.url).name[:3]] = article
    fetcher.close()
    return [[by_prefix[k] for k in group] for group in SAMPLE_STORIES]


def compose_pages(stories: list[list], label: str) -> list[BenchPage]:  # type: ignore[type-arg]
    from newsdesk.compose.material import StorySource
    from newsdesk.compose.story_page import compose_story_page
    from newsdesk.types import Story

    out = []
    for articles in stories:
        sources = [StorySource(a, publisher=a.site_name) for a in articles]
        story = Story(
            id=articles[0].id,
            members=tuple(a.id for a in articles),
            title=articles[0].title,
            languages=("fr",),
            first_seen=NOW,
            last_seen=NOW,
            lead=articles[0].id,
        )
        page = compose_story_page(
            story, sources, now=NOW, length_target=700, excerpt_max_words=60
        ).page
        out.append(BenchPage(page, sources, label))
    return out


def verify(page, sources):  # type: ignore[no-untyped-def]
    from newsdesk.verify import verify_story_page

    return verify_story_page(page, sources, hold_short_pages=False)


@dataclass
class Result:
    clean_pages: int
    clean_held: list  # (label, reasons)
    per_class: dict  # class -> Counter(planted, caught, caught_specific, missed)
    missed: list  # (class, detail, reasons)
    seconds: float
    compose_seconds: float


def run(n_stories: int | None, per_class: int, seed: int, with_samples: bool = True) -> Result:
    from newsdesk.types import VerdictStatus
    from newsdesk.verify.names import names as find_names
    from newsdesk.verify.planting import CLASSES, plant

    rng = random.Random(seed)
    started = time.perf_counter()
    pages = compose_pages(clean_stories(n_stories), "french-news-clean")
    if with_samples:
        pages += compose_pages(sample_stories(), "samples")
    compose_seconds = time.perf_counter() - started
    clean_held = []
    for bp in pages:
        verdict = verify(bp.page, bp.sources)
        if verdict.status != VerdictStatus.PASS:
            clean_held.append((bp.label, bp.page.title, verdict.reasons))
    people = sorted(
        {n.text for bp in pages[:40] for n in find_names(bp.page.body_text) if n.label == "PER"}
    )
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    missed = []
    for category in CLASSES:
        order = list(range(len(pages)))
        rng.shuffle(order)
        done = 0
        for i in order * 3:
            if done >= per_class:
                break
            bp = pages[i]
            others = [p for p in people if p not in bp.page.body_text]
            planted = plant(bp.page, category, rng, others)
            if planted is None:
                continue
            done += 1
            verdict = verify(planted.page, bp.sources)
            reasons = set(verdict.reasons)
            caught = verdict.status != VerdictStatus.PASS and bool(reasons & planted.expected)
            specific = planted.expected - {"unsupported_sentence"}
            stats[category]["planted"] += 1
            stats[category]["caught"] += caught
            stats[category]["by class check"] += bool(reasons & specific)
            stats[category]["fail"] += verdict.status == VerdictStatus.FAIL
            if not caught:
                missed.append((category, planted.detail, sorted(reasons)))
    return Result(
        len(pages), clean_held, dict(stats), missed, time.perf_counter() - started, compose_seconds
    )


def report(result: Result) -> None:
    print(f"clean pages verified: {result.clean_pages}")
    share = len(result.clean_held) / max(1, result.clean_pages)
    print(f"clean pages held or failed: {len(result.clean_held)} ({share:.1%}; bar: <= 2 %)")
    for label, title, reasons in result.clean_held[:10]:
        print(f"   [{label}] {title[:60]!r}: {', '.join(reasons)}")
    print()
    print(
        f"{'class':24} {'planted':>8} {'caught':>8} {'rate':>7} {'by class check':>15} {'fail':>6}"
    )
    total = Counter()
    for category, c in result.per_class.items():
        total.update(c)
        rate = c["caught"] / max(1, c["planted"])
        print(
            f"{category:24} {c['planted']:8d} {c['caught']:8d} {rate:7.1%} "
            f"{c['by class check']:15d} {c['fail']:6d}"
        )
    rate = total["caught"] / max(1, total["planted"])
    print(
        f"{'all':24} {total['planted']:8d} {total['caught']:8d} {rate:7.1%} "
        f"{total['by class check']:15d} {total['fail']:6d}"
    )
    for category, detail, reasons in result.missed[:20]:
        print(f"   missed {category}: {detail!r} -> {reasons}")
    print(
        f"\ntime: {result.seconds:.1f} s (composition {result.compose_seconds:.1f} s); 2 shared cores"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small run (about 100 planted)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    if not CLEAN.is_file():
        print(f"missing {CLEAN}", file=sys.stderr)
        return 2
    if args.quick:
        result = run(n_stories=30, per_class=12, seed=args.seed)
    else:
        result = run(n_stories=None, per_class=64, seed=args.seed)
    report(result)
    planted = sum(c["planted"] for c in result.per_class.values())
    caught = sum(c["caught"] for c in result.per_class.values())
    ok = caught == planted and len(result.clean_held) <= 0.02 * result.clean_pages
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
