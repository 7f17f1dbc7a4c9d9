"""schema.org `NewsArticle` structured data for a page."""

from __future__ import annotations

import json
from typing import Any

from newsdesk.publish.sanitize import plain_text
from newsdesk.types import Page


def _clean(text: str) -> str:
    """Whitespace collapsed: titles from real feeds end with newlines and double spaces."""
    return " ".join(text.split())


def news_article(page: Page, url: str, site_name: str) -> dict[str, Any]:
    """The JSON-LD object; required fields per Google's article guidelines are always present."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": _clean(page.title),
        "description": _clean(page.description),
        "inLanguage": page.language,
        "datePublished": page.published.isoformat(),
        "dateModified": page.updated.isoformat(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "author": [
            {"@type": "Organization", "name": page.bylines[0] if page.bylines else site_name}
        ]
        + [{"@type": "Person", "name": b} for b in page.bylines[1:]],
        "publisher": {"@type": "Organization", "name": site_name},
        "wordCount": page.word_count,
        "isBasedOn": [
            {
                "@type": "NewsArticle",
                "headline": _clean(plain_text(s.title)),
                **({"url": s.url} if s.url else {}),
                **(
                    {"publisher": {"@type": "Organization", "name": plain_text(s.publisher)}}
                    if s.publisher
                    else {}
                ),
                **({"inLanguage": s.language} if s.language else {}),
            }
            for s in page.sources
        ],
    }
    if page.tags:
        data["keywords"] = list(page.tags)
    return data


def dumps(data: dict[str, Any]) -> str:
    """Serialise for a <script> element: `</` is escaped so the JSON cannot close the script."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
