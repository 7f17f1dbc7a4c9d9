"""Article text and metadata from an HTML page, with trafilatura.

A source's rules are applied first: its CSS selectors are removed from the parsed page before
trafilatura sees it. trafilatura gives the main text (one paragraph per line), the title, the
author, the canonical URL and the site name; its date is a day only, so the publication time is
read from the page's meta tags / JSON-LD first (see dates.py) and trafilatura's day is the
fallback.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsdesk.extract.dates import parse_date, published_from_html
from newsdesk.log import get_logger

log = get_logger(__name__)


@dataclass(frozen=True)
class Extracted:
    """What a reader found in a document, before our cleaning."""

    title: str
    paragraphs: tuple[str, ...]
    byline: str | None = None
    published: datetime | None = None
    canonical_url: str | None = None
    site_name: str | None = None


class NoArticle(Exception):
    """Internal: the page has no main text (turned into a `no_article` Rejection)."""


def _drop(tree: object, selectors: tuple[str, ...]) -> int:
    """Remove every element matching the CSS selectors; return how many were removed."""
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    removed = 0
    for selector in selectors:
        try:
            matcher = CSSSelector(selector)
        except (SelectorError, RecursionError) as exc:  # RecursionError: thousands of parts
            # newsdesk.toml refuses such selectors; one stored by other means is skipped, so
            # a typo in a source's rules never stops the extraction of its articles.
            log.warning("selector_skipped", selector=selector, why=str(exc))
            continue
        for element in matcher(tree):
            parent = element.getparent()
            if parent is None:
                continue
            # Keep the text that follows the element (its tail) in the document.
            if element.tail:
                prev = element.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + element.tail
                else:
                    parent.text = (parent.text or "") + element.tail
            parent.remove(element)
            removed += 1
    return removed


def extract_html(html: str, url: str | None, drop_selectors: tuple[str, ...] = ()) -> Extracted:
    """Main text and metadata of an HTML page. Raises NoArticle when there is no main text."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        raise NoArticle("the HTML could not be parsed")
    if drop_selectors:
        removed = _drop(tree, drop_selectors)
        log.debug("selectors_dropped", url=url, removed=removed)
    published = published_from_html(tree)
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    text = "" if doc is None or isinstance(doc, dict) else (doc.text or "")
    if doc is None or isinstance(doc, dict) or not text.strip():
        raise NoArticle("trafilatura found no main text")
    paragraphs = tuple(line for line in text.split("\n") if line.strip())
    if published is None and doc.date:
        published = parse_date(str(doc.date))
    return Extracted(
        title=(doc.title or "").strip(),
        paragraphs=paragraphs,
        byline=(doc.author or "").strip() or None,
        published=published,
        canonical_url=doc.url or None,
        site_name=(doc.sitename or "").strip() or None,
    )
