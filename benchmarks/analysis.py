"""The desk's analysis stage on one feed of near-identical undated pages (issue 20, item 3).

    .venv/bin/python benchmarks/analysis.py              # 200 undated copies + 1 dated original
    .venv/bin/python benchmarks/analysis.py --copies 50 100 200 400

Each copy is the first bundled sample with one sentence of its own, so every pair of copies is
a near-copy link (about n²/2 links): the worst case for dating undated articles by their links.
The figures are the time of `analyse` (findings, linking, dating, clustering, storing) and of
`news_times` alone, on SQLite in a temporary folder, with the number of SQL queries made.
Figures on a shared 2-core machine are indicative.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event

from newsdesk.desk.analysis import analyse, news_times, pending_articles
from newsdesk.desk.state import load_state
from newsdesk.store import Store
from newsdesk.types import Article, Licence, Paragraph

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = next((ROOT / "src" / "newsdesk" / "samples" / "articles").glob("000_*.txt"))
NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)
ORIGINAL_DATE = datetime(2024, 5, 30, 8, tzinfo=UTC)


def copies(n: int, dated: int) -> list[Article]:
    text = SAMPLE.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]
    out = []
    for i in range(n + dated):
        body = [*paragraphs, f"Mise à jour numéro {i} de cette dépêche, publiée par le site {i}."]
        out.append(
            Article(
                raw_id=f"{i:064x}",
                source_id="f" * 16,
                url=f"https://copies.example/{i}",
                title="Les États-Unis enquêtent sur des allégations d’équipement américain",
                paragraphs=tuple(Paragraph(p) for p in body),
                language="fr",
                language_confidence=0.99,
                published=ORIGINAL_DATE if i < dated else None,
                licence=Licence.FULL,
            )
        )
    return out


def run(n: int, dated: int) -> dict[str, float]:
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store.open(f"sqlite:///{tmp}/newsdesk.sqlite", Path(tmp)) as store,
    ):
        articles = copies(n, dated)
        for a in articles:
            store.save_article(a)
        state = load_state(store)
        pending = pending_articles(articles, state)
        start = time.perf_counter()
        result = analyse(store, pending, state, NOW)
        total = time.perf_counter() - start
        statements = 0

        def count(*args: object) -> None:
            nonlocal statements
            statements += 1

        event.listen(store.engine, "before_cursor_execute", count)
        start = time.perf_counter()
        when = news_times(store, pending, NOW)
        dating = time.perf_counter() - start
        event.remove(store.engine, "before_cursor_execute", count)
        dated_by_links = sum(1 for a in pending if a.published is None and when[a.id] != NOW)
        return {
            "analyse_s": total,
            "news_times_s": dating,
            "queries": statements,
            "links": result.links,
            "dated_by_links": dated_by_links,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[200])
    parser.add_argument("--dated", type=int, default=1, help="dated originals among the copies")
    args = parser.parse_args()
    print(f"{'copies':>7} {'links':>7} {'analyse s':>10} {'news_times s':>13} {'SQL queries':>13}")
    for n in args.copies:
        r = run(n, args.dated)
        print(
            f"{n:>7} {int(r['links']):>7} {r['analyse_s']:>10.2f} {r['news_times_s']:>13.3f}"
            f" {int(r['queries']):>13}   ({int(r['dated_by_links'])} dated by links)"
        )


if __name__ == "__main__":
    main()
