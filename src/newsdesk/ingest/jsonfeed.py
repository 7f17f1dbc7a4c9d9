"""JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1), which feedparser does not read."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from newsdesk.ingest.dates import parse_published
from newsdesk.ingest.feedmodel import Entry, ParsedFeed

JSONFEED_VERSION_PREFIX = "https://jsonfeed.org/version/"


def looks_like_json_feed(content: bytes, media_type: str) -> bool:
    if media_type in ("application/feed+json", "application/json"):
        return True
    return content.lstrip()[:1] == b"{" and b"jsonfeed.org" in content[:2048]


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _authors(holder: dict[str, Any]) -> list[Any]:
    """The `authors` list (1.1), else the single `author` object (1.0); a value of another
    type (a string, a number, true) is a careless producer's, and names nobody."""
    authors = holder.get("authors")
    if isinstance(authors, list) and authors:
        return authors
    author = holder.get("author")
    return [author] if isinstance(author, dict) else []


def _author(item: dict[str, Any], feed: dict[str, Any]) -> str | None:
    authors = _authors(item) or _authors(feed)
    names = [_str(a.get("name")) for a in authors if isinstance(a, dict)]
    return ", ".join(n for n in names if n) or None


def _absolute(base: str, link: str | None) -> str | None:
    """The link resolved against the feed's URL; None for one urljoin refuses ("//[")."""
    if not link:
        return None
    try:
        return urljoin(base, link)
    except ValueError:
        return None


def _entry(item: dict[str, Any], feed: dict[str, Any], base: str) -> Entry:
    link = _str(item.get("url")) or _str(item.get("external_url"))
    try:
        published = parse_published(item.get("date_published") or item.get("date_modified"))
    except ValueError:
        published = None
    try:
        updated = parse_published(item.get("date_modified"))
    except ValueError:
        updated = None
    html = _str(item.get("content_html"))
    text = _str(item.get("content_text"))
    return Entry(
        link=_absolute(base, link),
        guid=_str(str(item["id"])) if item.get("id") is not None else None,
        title=_str(item.get("title")),
        published=published,
        author=_author(item, feed),
        content=html or text,
        content_is_html=html is not None,
        summary=_str(item.get("summary")),
        updated=updated,
    )


def parse_json_feed(content: bytes, url: str, encoding: str | None) -> ParsedFeed:
    """A JSON Feed; a non-JSON body or a JSON document that is not a feed is `problem`, no entries."""
    try:
        data = json.loads(content.decode(encoding or "utf-8", errors="replace"))
    except ValueError as exc:
        return ParsedFeed(title=None, language=None, entries=(), problem=f"invalid JSON: {exc}")
    except RecursionError:  # about 1,000 nested arrays or objects exhaust Python's json parser
        return ParsedFeed(title=None, language=None, entries=(), problem="JSON nested too deeply")
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return ParsedFeed(
            title=None, language=None, entries=(), problem="JSON without an items list"
        )
    version = str(data.get("version", ""))
    problem = (
        None if version.startswith(JSONFEED_VERSION_PREFIX) else f"unknown version {version!r}"
    )
    entries = tuple(_entry(i, data, url) for i in data["items"] if isinstance(i, dict))
    return ParsedFeed(
        title=_str(data.get("title")),
        language=_str(data.get("language")),
        entries=entries,
        problem=problem,
        version="json" + version.removeprefix(JSONFEED_VERSION_PREFIX),
    )
