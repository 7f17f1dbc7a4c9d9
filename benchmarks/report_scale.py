"""The audit report at crawl scale: report.html size, time to open it in Chromium, peak memory.

    .venv/bin/python benchmarks/report_scale.py                 # 100,000 documents, 400 sites
    .venv/bin/python benchmarks/report_scale.py --quick         # 10,000 documents
    .venv/bin/python benchmarks/report_scale.py --keep /tmp/r   # keep corpus, outputs, screenshot

The corpus (JSONL) is built from the 250 professional French articles of
../shared/bench-data/french-news-clean (document k is article k mod 250 with a few words swapped,
seeded by k, as in benchmarks/spark_scaling.py), spread over `--sites` sites and 30 days. A
quarter of the sites are republishers whose pages carry the seeds' residue ("Customize this
title in french", "Source link", "Skip to content"…) on 40 % of their documents; the others show
it on 1 %. The audit runs in its own process (`newsdesk audit --no-provenance --format
html,jsonl,parquet,sqlite`: provenance embeds every title, ~12 documents/s per core, and is not
what this measures), then report.html and the largest site page are opened in Chromium
(Playwright, Debian's /usr/bin/chromium) and timed to their `load` event; a screenshot of the
report's first screen is written for a person to look at.

Targets (issue 18): report.html under 25 MB at 100,000 documents and open in a few seconds.
Figures on the shared 2-core development machine are indicative.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "bench-data" / "french-news-clean" / "articles_fr.jsonl"
CHROMIUM = Path("/usr/bin/chromium")
RESIDUE = (
    ("prefix", "Customize this title in french"),
    ("prefix", "Skip to content"),
    ("suffix", "Source link"),
    ("suffix", "Je suis un expert en paraphrase et je vais réécrire cet article."),
)
TARGET_MB = 25.0


def build_corpus(path: Path, n: int, sites: int, seed: int) -> None:
    rows = [json.loads(x) for x in ARTICLES.read_text(encoding="utf-8").splitlines()]
    start = datetime(2026, 10, 1, tzinfo=UTC)
    republishers = set(random.Random(seed).sample(range(sites), sites // 4))
    with path.open("w", encoding="utf-8") as fh:
        for k in range(n):
            a = rows[k % len(rows)]
            rng = random.Random(f"{seed}:{k}")
            words = f"{a['abstract']}\n\n{a['article']}".split(" ")
            for _ in range(3):
                i = rng.randrange(len(words))
                words[i] = rng.choice(words)
            text = " ".join(words)
            site = k % sites
            if rng.random() < (0.4 if site in republishers else 0.01):
                where, residue = rng.choice(RESIDUE)
                text = f"{residue}\n\n{text}" if where == "prefix" else f"{text}\n\n{residue}"
            when = start + timedelta(days=30 * k / n, minutes=rng.randrange(600))
            record = {
                "url": f"https://site{site:03d}.example/{when:%Y/%m}/{k}.html",
                "title": a["title"],
                "text": text,
                "published": when.isoformat(),
                "language": "fr",
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_audit(corpus: Path, out: Path) -> tuple[float, float, str]:
    """(seconds, peak RSS of the audit process in MB, its last output lines)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsdesk.cli",
            "audit",
            str(corpus),
            "--out",
            str(out),
            "--no-provenance",
            "--format",
            "html,jsonl,parquet,sqlite",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode not in (0, 1):
        raise SystemExit(f"the audit failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return seconds, max(peak, before) / 1024, "\n".join(done.stdout.splitlines()[-2:])


def open_in_chromium(pages: list[Path], screenshot: Path) -> list[float]:
    """Seconds from navigation to the `load` event, per page; a screenshot of the first."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1600})
            for i, path in enumerate(pages):
                started = time.perf_counter()
                page.goto(path.resolve().as_uri(), wait_until="load", timeout=120_000)
                times.append(time.perf_counter() - started)
                if i == 0:
                    page.screenshot(path=str(screenshot))
        finally:
            browser.close()
    return times


def mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="10,000 documents")
    ap.add_argument("--documents", type=int, default=None)
    ap.add_argument("--sites", type=int, default=400)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--keep", type=Path, help="keep the corpus, outputs and screenshot here")
    args = ap.parse_args()
    n = args.documents or (10_000 if args.quick else 100_000)
    if not ARTICLES.is_file():
        raise SystemExit(f"{ARTICLES} is missing (../shared/bench-data beside the repository)")
    with tempfile.TemporaryDirectory(prefix="report-scale-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        corpus, out = folder / "corpus.jsonl", folder / "audit"
        build_corpus(corpus, n, args.sites, args.seed)
        print(f"corpus: {n:,} documents over {args.sites} sites, {mb(corpus):.0f} MB")
        seconds, peak, tail = run_audit(corpus, out)
        print(f"audit: {seconds:.0f} s ({n / seconds:.0f} documents/s), peak RSS {peak:.0f} MB")
        print(f"  {tail}")
        report = out / "report.html"
        site_pages = sorted((out / "report-sites").glob("*.html"))
        largest = max(site_pages, key=lambda p: p.stat().st_size) if site_pages else None
        print(
            f"report.html {mb(report):.2f} MB (target < {TARGET_MB:.0f} MB); "
            f"{len(site_pages)} site pages, {sum(mb(p) for p in site_pages):.1f} MB in all, "
            f"largest {mb(largest) if largest else 0:.2f} MB; "
            f"audit.sqlite {mb(out / 'audit.sqlite'):.0f} MB, "
            f"findings.parquet {mb(out / 'findings.parquet'):.1f} MB, "
            f"documents.parquet {mb(out / 'documents.parquet'):.0f} MB"
        )
        if CHROMIUM.is_file():
            shot = folder / "report.png"
            times = open_in_chromium([report, *([largest] if largest else [])], shot)
            print(
                f"Chromium load event: report.html {times[0]:.2f} s"
                + (f", largest site page {times[1]:.2f} s" if len(times) > 1 else "")
                + (f"; screenshot {shot}" if args.keep else "")
            )
        else:
            print("Chromium not found at /usr/bin/chromium: opening time not measured")
        ok = mb(report) < TARGET_MB
        print(f"target report.html < {TARGET_MB:.0f} MB: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
