"""The extract stage: a RawItem becomes an Article (cleaned, with languages) or a Rejection.

Order of work: decide what the bytes are (decode.py), read the document (html.py with
trafilatura, plaintext.py for text and Markdown), apply the source's title suffix rule, clean
what the reader left (cleaning.py, skipped with ``clean=False`` so the audit sees the residue),
fill missing metadata from the item's hints, identify languages, and check the length.
"""

from __future__ import annotations

import re
from datetime import datetime

from newsdesk.config import ExtractSettings
from newsdesk.detect.words import count_words
from newsdesk.extract.cleaning import Cleaned, RemovalReason
from newsdesk.extract.cleaning import clean as clean_text
from newsdesk.extract.dates import parse_date, to_utc
from newsdesk.extract.decode import Kind, Undecodable, decode_text, kind_of
from newsdesk.extract.html import Extracted, NoArticle, extract_html
from newsdesk.extract.plaintext import extract_text
from newsdesk.language.identify import identify
from newsdesk.log import get_logger
from newsdesk.types import Article, Licence, Paragraph, RawItem, Rejection, Source

log = get_logger(__name__)

STAGE = "extract"
_HOST_LIKE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+$")


def _reject(raw: RawItem, reason: str, detail: str) -> Rejection:
    log.info("extract_rejected", item=raw.url, reason=reason, detail=detail)
    return Rejection(
        item=raw.url, stage=STAGE, reason=reason, detail=detail, source_id=raw.source_id
    )


def _read(raw: RawItem, source: Source | None) -> Extracted | Rejection:
    kind = kind_of(raw.media_type, raw.content, raw.url)
    if isinstance(kind, Undecodable):
        return _reject(raw, kind.reason, kind.detail)
    text = decode_text(raw.content, raw.encoding, item=raw.url)
    if isinstance(text, Undecodable):
        return _reject(raw, text.reason, text.detail)
    try:
        if kind == Kind.HTML:
            drops = source.rules.drop_selectors if source else ()
            url = raw.url if raw.url.startswith(("http://", "https://")) else None
            return extract_html(text, url, drops)
        return extract_text(text, markdown=kind == Kind.MARKDOWN, known_title=raw.hints.title)
    except NoArticle as exc:
        return _reject(raw, "no_article", str(exc))


def _strip_title_suffix(title: str, suffix: str | None) -> str:
    """The source's own rule: cut its configured suffix off the title (whitespace-insensitive)."""
    if not suffix:
        return title
    stripped = title.rstrip()
    s = suffix.strip()
    if s and stripped.endswith(s):
        return stripped[: -len(s)].rstrip(" \u00a0|–—-:·")
    return title


def _byline_from(cleaned: Cleaned) -> str | None:
    for removal in cleaned.removed(RemovalReason.BYLINE):
        text = removal.text.strip()
        for lead in ("Par ", "By ", "PAR ", "BY ", "par ", "by "):
            if text.startswith(lead):
                return text[len(lead) :].strip()
    return None


def _published_from(cleaned: Cleaned) -> datetime | None:
    for removal in cleaned.removed(RemovalReason.TIMESTAMP):
        value = parse_date(removal.text.strip().removeprefix("date").strip())
        if value is not None:
            return value
    return None


def article_language(paragraphs: tuple[Paragraph, ...]) -> tuple[str | None, float]:
    """The article's language from its paragraphs' languages, without reading the text again.

    Each paragraph votes for its language with its length times its confidence; the article's
    confidence is the winner's votes over the whole text's length (so a bilingual article, or
    one made of uncertain paragraphs, gets a low confidence).
    """
    votes: dict[str, float] = {}
    total = 0
    for p in paragraphs:
        total += len(p.text)
        if p.language is not None:
            votes[p.language] = votes.get(p.language, 0.0) + len(p.text) * p.language_confidence
    if not votes or total == 0:
        return None, 0.0
    best = max(votes, key=lambda k: votes[k])
    return best, votes[best] / total


def extract(
    raw: RawItem,
    source: Source | None = None,
    settings: ExtractSettings | None = None,
    *,
    clean: bool = True,
) -> Article | Rejection:
    """Extract the article of `raw`; a Rejection with a stable reason code when there is none.

    Reasons: ``no_article``, ``too_short`` (fewer than ``settings.min_words`` words),
    ``decode_error``, ``binary_content``, ``unsupported_media_type``. With ``clean=False`` the
    text is the reader's, without newsdesk's cleaning (the audit reports residue with spans).
    """
    settings = settings or ExtractSettings.model_validate({})
    read = _read(raw, source)
    if isinstance(read, Rejection):
        return read
    hints = raw.hints
    title = _strip_title_suffix(read.title, source.rules.title_suffix if source else None)
    paragraphs: tuple[str, ...] = read.paragraphs
    byline, published = read.byline, read.published
    # trafilatura falls back to the host name when a page names no site: a publisher named by
    # the feed or the source is better than "example.org".
    page_site = read.site_name if read.site_name and not _HOST_LIKE.match(read.site_name) else None
    site_name = (
        page_site or hints.publisher or (source.publisher if source else None) or read.site_name
    )
    if clean:
        cleaned = clean_text(
            title,
            paragraphs,
            site_names=(
                read.site_name,
                hints.publisher,
                source.publisher if source else None,
                source.name if source else None,
            ),
        )
        if cleaned.removals:
            log.info(
                "extract_cleaned",
                item=raw.url,
                removed=[f"{r.reason}:{r.text[:40]}" for r in cleaned.removals],
            )
        title, paragraphs = cleaned.title, cleaned.paragraphs
        byline = byline or _byline_from(cleaned)
        published = published or _published_from(cleaned)
    if not title.strip() and hints.title:
        title = hints.title
    byline = byline or hints.author
    if published is None and hints.published is not None:
        published = to_utc(hints.published)
    words = sum(count_words(p) for p in paragraphs)  # Chinese, Japanese, Thai: per character
    if not paragraphs:
        return _reject(raw, "no_article", "no body text after extraction")
    if words < settings.min_words:
        return _reject(raw, "too_short", f"{words} words (minimum {settings.min_words})")
    body = tuple(Paragraph(p, *identify(p)) for p in paragraphs)
    language, confidence = article_language(body)
    if language is None:
        hint = hints.language or (source.language if source else None)
        language, confidence = (hint, 0.0) if hint else (None, 0.0)
    return Article(
        raw_id=raw.id,
        source_id=raw.source_id,
        url=raw.url,
        title=title,
        paragraphs=body,
        language=language,
        language_confidence=confidence,
        byline=byline,
        published=published,
        canonical_url=read.canonical_url,
        site_name=site_name,
        licence=source.licence if source else Licence.EXCERPT,
    )
