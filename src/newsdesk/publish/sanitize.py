"""Sanitising what comes from sources: no source markup ever reaches a page as markup.

Every text field of a `Page` is plain text rendered with autoescaping. Source-provided strings
(titles, publisher names) can still carry tags or entities from a feed; `plain_text` strips the
tags with nh3 (a maintained sanitiser) and decodes entities, so readers see words, not markup.
`safe_fragment` is for the rare output that must be HTML (a WordPress post body): it keeps a
short allowlist of structural tags and drops everything else, scripts and handlers included.
"""

from __future__ import annotations

import html

import nh3

FRAGMENT_TAGS = frozenset(
    {
        "p",
        "h2",
        "h3",
        "ul",
        "ol",
        "li",
        "a",
        "blockquote",
        "q",
        "em",
        "strong",
        "cite",
        "span",
        "aside",
    }
)
FRAGMENT_ATTRIBUTES = {"a": {"href", "hreflang", "title"}, "*": {"lang", "class"}}


def plain_text(value: str) -> str:
    """The text of a possibly-marked-up string: tags removed, entities decoded, spaces collapsed."""
    if "<" not in value and "&" not in value:
        return value
    cleaned = nh3.clean(value, tags=set(), strip_comments=True)
    return " ".join(html.unescape(cleaned).split())


def safe_fragment(markup: str) -> str:
    """An HTML fragment restricted to `FRAGMENT_TAGS`; links get rel="nofollow noopener"."""
    return nh3.clean(
        markup,
        tags=set(FRAGMENT_TAGS),
        attributes={k: set(v) for k, v in FRAGMENT_ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
