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


# Characters that must not appear raw in JSON inlined in HTML, and their JSON escapes.
# Escaping `</` alone is not enough: `<!--` followed by `<script` puts the HTML parser in
# the "script data double escaped" state, where `</script>` no longer ends the element and the
# rest of the page becomes script text (a feed byline `Jean <!--<script> Martin` blanked the
# page in Chromium). `>` and `&` are escaped for the same reason as in Django's json_script;
# U+2028/U+2029 end a line in older JavaScript parsers.
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(data: object) -> str:
    """JSON safe to inline in a <script> element: the same value for a JSON parser, and no
    character that HTML gives a meaning to inside a script."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


def dumps(data: dict[str, Any]) -> str:
    """Serialise for a <script type="application/ld+json"> element (see `script_json`)."""
    return script_json(data)
