"""A desk over a real store (SQLite in a temp folder) holding pages composed by the desk's own
composer from real French articles (the bundled samples), one of them held for review."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from newsdesk.compose.article_page import compose_article_page
from newsdesk.config import Settings, SiteSettings
from newsdesk.store import Store
from newsdesk.store.records import PageRecord, PageStatus
from newsdesk.types import Article, Check, Paragraph, Source, SourceKind, Verdict, VerdictStatus
from newsdesk.verify import verify_page
from newsdesk.web.app import create_app
from newsdesk.web.passwords import hash_password, token_hash
from newsdesk.web.settings import DeskSettings

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
PASSWORD = "correct horse battery staple"
TOKEN = "test-api-token-0123456789"
SAMPLES = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "samples" / "articles"


@dataclass
class DeskFixture:
    client: TestClient
    store: Store
    settings: Settings
    held: PageRecord
    published: PageRecord
    article: Article


def sample_article(index: int, source: Source) -> Article:
    path = sorted(SAMPLES.glob("*.txt"))[index]
    lines = path.read_text(encoding="utf-8").strip().split("\n")
    title = lines[0].strip()
    paragraphs = tuple(
        Paragraph(p.strip(), "fr", 0.99) for p in "\n".join(lines[1:]).split("\n") if p.strip()
    )
    return Article(
        raw_id=f"raw-{index}",
        source_id=source.id,
        url=f"https://exemple.fr/articles/{index}",
        title=title,
        paragraphs=paragraphs,
        language="fr",
        language_confidence=0.99,
        published=NOW,
        canonical_url=f"https://exemple.fr/articles/{index}",
        site_name="Exemple",
    )


def make_desk(tmp_path: Path, base_url: str = "http://127.0.0.1:8000") -> DeskFixture:
    settings = Settings(
        data_dir=tmp_path / "data",
        out=tmp_path / "site",
        site=SiteSettings(base_url=base_url, name="newsdesk test"),
    )
    store = Store.open(settings.db_url, settings.data_dir)
    source = store.add_source(
        Source(SourceKind.FEED, "https://exemple.fr/rss.xml", name="Exemple", publisher="Exemple")
    )
    records = []
    for index in range(2):
        article = sample_article(index, source)
        store.save_article(article)
        page = compose_article_page(article, publisher="Exemple", now=NOW, excerpt_max_words=400)
        verdict = verify_page(page)
        if index == 0:  # held: the reason a real desk would hold it
            verdict = Verdict(
                VerdictStatus.HOLD,
                verdict.checks
                + (Check("page_too_short", "Page sous la longueur cible.", VerdictStatus.HOLD),),
            )
            status = PageStatus.HELD
        else:
            verdict, status = Verdict(VerdictStatus.PASS, verdict.checks), PageStatus.PUBLISHED
        store.save_page(
            PageRecord(page=page, verdict=verdict, status=status, article_ids=(article.id,))
        )
        records.append(store.pages.get(page.id))
    desk = DeskSettings(
        user="redaction",
        password_hash=hash_password(PASSWORD),
        secret_key="k" * 48,
        api_token_hash=token_hash(TOKEN),
    )
    app = create_app(settings, desk=desk, store=store, clock=lambda: NOW)
    client = TestClient(app, base_url=base_url.replace("127.0.0.1:8000", "testserver"))
    held, published = records
    assert held is not None and published is not None
    return DeskFixture(client, store, settings, held, published, sample_article(0, source))


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[DeskFixture]:
    fixture = make_desk(tmp_path)
    yield fixture
    fixture.store.close()
