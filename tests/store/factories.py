"""Small builders of real-looking values for store tests (not mocks: plain dataclasses)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from newsdesk.types import (
    Article,
    ItemHints,
    Licence,
    Paragraph,
    RawItem,
    Source,
    SourceKind,
    SourceRules,
)

PARIS_SUMMER = timezone(timedelta(hours=2))


def feed_source(location: str = "https://www.lemonde.fr/international/rss_full.xml") -> Source:
    return Source(
        kind=SourceKind.FEED,
        location=location,
        name="Le Monde — International",
        publisher="Le Monde",
        language="fr",
        licence=Licence.EXCERPT,
        rules=SourceRules(
            drop_selectors=("div.share", "aside#related"), title_suffix=" – Le Monde"
        ),
    )


def raw_item(
    source: Source,
    url: str = "https://example.org/a.html",
    content: bytes = b"<html><body><p>Bonjour</p></body></html>",
    fetched_at: datetime = datetime(2024, 5, 31, 18, 41, tzinfo=PARIS_SUMMER),
) -> RawItem:
    return RawItem(
        source_id=source.id,
        url=url,
        fetched_at=fetched_at,
        content=content,
        media_type="text/html",
        status=200,
        headers=(("content-type", "text/html; charset=utf-8"), ("etag", '"abc"')),
        encoding="utf-8",
        hints=ItemHints(
            title="Kirby : « nous ne sommes pas en guerre »",
            published=datetime(2024, 5, 31, 9, 0, tzinfo=PARIS_SUMMER),
            author="Rédaction",
            language="fr",
        ),
    )


def article(
    raw: RawItem,
    title: str = "Un titre",
    paragraphs: tuple[str, ...] = ("Premier paragraphe.", "Deuxième."),
    language: str | None = "fr",
    published: datetime | None = datetime(2024, 5, 31, 9, 0, tzinfo=UTC),
) -> Article:
    return Article(
        raw_id=raw.id,
        source_id=raw.source_id,
        url=raw.url,
        title=title,
        paragraphs=tuple(Paragraph(p, language, 0.99) for p in paragraphs),
        language=language,
        language_confidence=0.99,
        byline="Jean Dupont",
        published=published,
        canonical_url=raw.url + "?canonical",
        site_name="Le Monde",
    )
