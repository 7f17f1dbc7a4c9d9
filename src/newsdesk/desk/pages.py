"""From stored articles to page decisions: compose, verify, decide publish or hold."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from newsdesk.compose.article_page import compose_article_page
from newsdesk.config import Settings
from newsdesk.store.records import PageRecord, PageStatus
from newsdesk.types import Article, Check, Page, Verdict, VerdictStatus
from newsdesk.verify import verify_page

SITE_LANGUAGE = "fr"


@dataclass(frozen=True)
class PageDecision:
    article_ids: tuple[str, ...]
    page: Page | None  # None when the article is waiting for translation
    verdict: Verdict

    @property
    def published(self) -> bool:
        return self.page is not None and self.verdict.status == VerdictStatus.PASS

    def record(self) -> PageRecord:
        assert self.page is not None, "a page waiting for translation has no record"
        return PageRecord(
            page=self.page,
            verdict=self.verdict,
            status=PageStatus.from_verdict(self.verdict),
            article_ids=self.article_ids,
        )


def waiting_for_translation(article: Article) -> PageDecision:
    check = Check(
        code="no_translation_engine",
        message=f"article en {article.language or '?'} : aucun moteur de traduction configuré",
        status=VerdictStatus.HOLD,
    )
    return PageDecision((article.id,), None, Verdict(VerdictStatus.HOLD, (check,)))


def decide_pages(
    articles: Iterable[Article],
    publishers: Mapping[str, str | None],
    settings: Settings,
    now: datetime,
    advance: Callable[[int], None] = lambda n: None,
) -> list[PageDecision]:
    decisions = []
    for article in articles:
        if article.language != SITE_LANGUAGE:
            decisions.append(waiting_for_translation(article))
        else:
            page = compose_article_page(
                article,
                publisher=publishers.get(article.source_id),
                now=now,
                excerpt_max_words=settings.compose.excerpt_max_words,
            )
            decisions.append(PageDecision((article.id,), page, verify_page(page)))
        advance(1)
    return decisions
