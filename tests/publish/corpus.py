"""Story pages built from real news text nobody on this project wrote (../shared/bench-data):

French bodies, titles and leads from OrangeSum, English sources (title, URL, publisher domain,
named entities) from the story-pairs corpus. Pages get several sections with subheadings,
one to three sources, topics from the sources' named entities, and related stories, so the
site is exercised on the general `Page` shape, not only on one-article pages.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from slugify import slugify

from newsdesk.types import Page, RelatedRef, Section, SourceRef

BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench-data"
FRENCH = BENCH / "french-news-clean" / "articles_fr.jsonl"
ENGLISH = BENCH / "story-pairs-en" / "article_texts.csv"
_SENTENCE = re.compile(r"(?<=[.!?»])\s*(?=[A-ZÀ-Ý«\"])")


def available() -> bool:
    return FRENCH.is_file() and ENGLISH.is_file()


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _english() -> list[dict[str, str]]:
    csv.field_size_limit(10**8)
    with ENGLISH.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _entities(row: dict[str, str]) -> list[str]:
    out: list[str] = []
    for column in ("org", "per", "loc"):
        try:
            out.extend(str(x) for x in ast.literal_eval(row[column] or "[]"))
        except (ValueError, SyntaxError):
            continue
    return out


def real_pages(count: int, now: datetime) -> list[Page]:
    """`count` story pages (at most 500), newest first, published over the days before `now`."""
    french = [json.loads(line) for line in FRENCH.read_text(encoding="utf-8").splitlines()]
    english = _english()
    pages: list[Page] = []
    for i, item in enumerate(french[:count]):
        sentences = [s.strip() for s in _SENTENCE.split(item["article"]) if s.strip()]
        third = max(1, len(sentences) // 3)
        chunks = [sentences[:third], sentences[third : 2 * third], sentences[2 * third :]]
        sections = tuple(
            Section(
                None if n == 0 else _cut(chunk[0], 60).rstrip(".…") if chunk else None,
                tuple(chunk),
            )
            for n, chunk in enumerate(chunks)
            if chunk
        )
        published = now - timedelta(hours=5 * i + 1)
        sources = [
            SourceRef(
                article_id=f"fr-{item['id']}",
                title=item["title"],
                url=f"https://actu.orange.fr/articles/{item['id']}",
                publisher="Orange Actu",
                published=published - timedelta(hours=2),
                language="fr",
            )
        ]
        tags: list[str] = []
        for k in range(i % 3):  # 0, 1 or 2 English sources
            row = english[(i * 2 + k) % len(english)]
            sources.append(
                SourceRef(
                    article_id=f"en-{(i * 2 + k) % len(english)}",
                    title=row["title"],
                    url=row["url"],
                    publisher=re.sub(r"^https?://(www\.)?|/$", "", row["paperurl"]),
                    published=published - timedelta(hours=3),
                    language="en",
                )
            )
            tags.extend(_entities(row)[:3])
        title = _cut(item["title"], 70)
        pages.append(
            Page(
                slug=f"{slugify(title, max_length=60, word_boundary=True)}-{item['id']}",
                title=title,
                description=_cut(item["abstract"], 160),
                chapo=item["abstract"],
                sections=sections,
                sources=tuple(sources),
                published=published,
                updated=published + timedelta(minutes=30 * (i % 2)),
                disclosure="Page composée automatiquement à partir des sources citées.",
                story_id=f"story-{item['id']}",
                bylines=("Rédaction newsdesk",),
                tags=tuple(dict.fromkeys(tags)),
            )
        )
    for i, page in enumerate(pages):  # "En savoir plus": the two next stories
        related = tuple(
            RelatedRef(pages[j].slug, pages[j].title)
            for j in ((i + 1) % len(pages), (i + 2) % len(pages))
            if j != i
        )
        pages[i] = replace(page, related=related)
    return pages
