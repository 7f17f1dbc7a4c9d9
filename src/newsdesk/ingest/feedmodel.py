"""One shape for feed entries, whether they came from feedparser (RSS/Atom) or a JSON Feed.

feedparser does not read JSON Feed (checked with feedparser 6.0.14), so `jsonfeed` parses it
and both produce `ParsedFeed`; the feed reader only sees this shape.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsdesk.ingest.charrefs import repair_charrefs
from newsdesk.ingest.dates import from_struct_time


@dataclass(frozen=True)
class Entry:
    link: str | None
    guid: str | None
    title: str | None
    published: datetime | None
    author: str | None
    content: str | None  # the longest full-content body (HTML or text), if any
    content_is_html: bool
    summary: str | None  # HTML or text
    updated: datetime | None = None  # when the entry says it last changed


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    language: str | None
    entries: tuple[Entry, ...]
    problem: str | None = None  # why the parser struggled (feedparser's bozo exception)
    version: str = ""
    # What the feed says about polling it: <ttl> (minutes), sy:updatePeriod, sy:updateFrequency.
    schedule: tuple[tuple[str, str], ...] = ()


#: An XML declaration is under 100 bytes. feedparser finds the encoding with a pattern
#: (``^<\?.*encoding=['"](.*?)['"].*\?>``) that backtracks over the whole first line, in cubic
#: time when that line repeats ``encoding="``: 43 kB took 46 s, 176 kB would take hours (found
#: by benchmarks/fuzz.py). Past this length the first line is ended after the declaration.
DECLARATION_MAX_BYTES = 1024


def _short_first_line(content: bytes) -> bytes:
    """The document with its XML declaration alone on the first line when that line is long
    (a minified feed is one line): a newline after ``?>`` is whitespace in the prolog. A
    declaration still open after `DECLARATION_MAX_BYTES` is not one: a newline before it
    keeps feedparser from reading an encoding from it (the XML parser then reports the
    document as malformed, which it is)."""
    if not content.startswith(b"<?"):
        return content
    line_end = content.find(b"\n", 0, DECLARATION_MAX_BYTES + 1)
    if line_end != -1 or len(content) <= DECLARATION_MAX_BYTES:
        return content
    close = content.find(b"?>", 0, DECLARATION_MAX_BYTES)
    if close == -1:
        return b"\n" + content
    return content[: close + 2] + b"\n" + content[close + 2 :]


#: What feedparser raises from inside its parsers on hostile bytes (found by tests/fuzz):
#: chr() of a reference `repair_charrefs` did not see (a UTF-16 document), int overflow.
FEEDPARSER_ERRORS = (ValueError, OverflowError, UnicodeError, LookupError)


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _entry_from_feedparser(entry: Any) -> Entry:
    contents = [c for c in entry.get("content", []) if _text(c.get("value"))]
    best = max(contents, key=lambda c: len(c.get("value", "")), default=None)
    content = _text(best.get("value")) if best else None
    content_type = (best.get("type") or "text/html") if best else "text/html"
    # dict.get: feedparser's own `get("updated_parsed")` falls back to the published date
    # (with a DeprecationWarning) when the entry has no update date.
    updated = from_struct_time(dict.get(entry, "updated_parsed"))
    published = from_struct_time(dict.get(entry, "published_parsed")) or updated
    return Entry(
        link=_text(entry.get("link")),
        guid=_text(entry.get("id")),
        title=_text(entry.get("title")),
        published=published,
        author=_text(entry.get("author")),
        content=content,
        content_is_html="html" in content_type,
        summary=_text(entry.get("summary")),
        updated=updated,
    )


def parse_xml_feed(content: bytes, url: str, content_type: str | None) -> ParsedFeed:
    """RSS 0.9x/1.0/2.0 or Atom bytes, parsed by feedparser (relative links resolved against url)."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    content = _short_first_line(repair_charrefs(content))
    try:
        # A stream, never bytes/str: feedparser opens strings that look like paths or URLs.
        parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    except FEEDPARSER_ERRORS as failure:
        # One broken feed is a malformed_feed rejection, never a stopped run.
        why = f"feedparser failed: {type(failure).__name__}: {str(failure)[:200]}"
        return ParsedFeed(title=None, language=None, entries=(), problem=why)
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        problem = f"{type(exc).__name__}: {exc}" if exc else "not well-formed"
    feed = parsed.get("feed", {})
    return ParsedFeed(
        title=_text(feed.get("title")),
        language=_text(feed.get("language")),
        entries=tuple(_entry_from_feedparser(e) for e in parsed.get("entries", [])),
        problem=problem,
        version=str(parsed.get("version") or ""),
        schedule=_schedule_hints(feed),
    )


def _schedule_hints(feed: Any) -> tuple[tuple[str, str], ...]:
    """<ttl> and the RSS 1.0 syndication module's fields, as feedparser names them."""
    names = {
        "ttl": "ttl",
        "sy_updateperiod": "update_period",
        "sy_updatefrequency": "update_frequency",
    }
    found = ((ours, _text(feed.get(theirs))) for theirs, ours in names.items())
    return tuple((name, value) for name, value in found if value)
