"""Import the feed list of an OPML file, as exported by Miniflux, FreshRSS, Feedly, Inoreader...

Feed readers export one ``<outline xmlUrl=...>`` per feed, nested inside category outlines (to
any depth). Every outline with an http(s) ``xmlUrl`` becomes a feed `Source`, named by its
``title`` (or ``text``); the same feed listed in two categories is imported once. Attribute
names are matched case-insensitively (``xmlurl`` occurs in the wild). An outline marked
disabled (Miniflux's ``miniflux:disabled="true"``, or a plain ``disabled`` attribute) is imported
disabled. Outlines that are not feeds (FreshRSS's ``HTML+XPath`` scrapers, ``xmlUrl`` that is not
http(s)) are skipped and logged as ``opml_outline_skipped``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsdesk.errors import InputError
from newsdesk.ingest.charrefs import repair_charrefs
from newsdesk.ingest.items import language_code
from newsdesk.log import get_logger
from newsdesk.types import Source, SourceKind

log = get_logger(__name__)

#: Outline types that name a scraper rather than a feed (FreshRSS's web-scraping sources).
NOT_FEED_TYPES = frozenset(
    {"html+xpath", "xml+xpath", "html+xpath+json+dotnotation", "json+dotnotation"}
)


def _attributes(element: Any) -> dict[str, str]:
    """Attributes by lower-cased local name ("{ns}disabled" → "disabled")."""
    return {str(k).rsplit("}", 1)[-1].lower(): str(v) for k, v in element.attrib.items()}


def parse_opml(path_or_bytes: str | Path | bytes) -> list[Source]:
    """The feeds of an OPML document (a file path, or its bytes), in document order.

    Raises `InputError` when the input is not an OPML document at all.
    """
    if isinstance(path_or_bytes, bytes):
        data, name = path_or_bytes, "OPML input"
    else:
        path = Path(path_or_bytes)
        try:
            path = path.expanduser()
            data = path.read_bytes()
        except (OSError, RuntimeError) as exc:  # RuntimeError: "~nosuchuser/feeds.opml"
            raise InputError(f"{path}: cannot read: {exc}") from exc
        name = str(path)
    from lxml import etree

    # No entities, no network: an OPML file is often downloaded from a stranger's blog.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(repair_charrefs(data), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: not XML: {exc}") from exc
    try:
        return _feeds(root, name)
    except UnicodeDecodeError as exc:  # a tag or namespace lxml kept but cannot decode
        raise InputError(f"{name}: undecodable XML: {exc}") from exc


def _feeds(root: Any, name: str) -> list[Source]:
    """The feed sources of a parsed OPML tree (see the module docstring)."""
    if root is None or str(root.tag).rsplit("}", 1)[-1].lower() != "opml":
        raise InputError(f"{name}: not an OPML document (no <opml> root element)")
    body = next((c for c in root if str(c.tag).lower().endswith("body")), None)
    if body is None:
        raise InputError(f"{name}: OPML without a <body>")
    sources: list[Source] = []
    seen: set[str] = set()
    for outline in body.iter():
        if not isinstance(outline.tag, str) or outline.tag.rsplit("}", 1)[-1].lower() != "outline":
            continue
        try:
            attrs = _attributes(outline)
        except UnicodeDecodeError as exc:  # bytes lxml kept in recover mode but cannot decode
            log.warning("opml_outline_skipped", url=None, title=None, why=str(exc)[:200])
            continue
        url = (attrs.get("xmlurl") or "").strip()
        if not url:
            continue  # a category (or a plain note): its children are visited by iter()
        title = (attrs.get("title") or attrs.get("text") or "").strip() or None
        if attrs.get("type", "").lower() in NOT_FEED_TYPES:
            log.warning("opml_outline_skipped", url=url, title=title, why="not a feed")
            continue
        if not url.lower().startswith(("http://", "https://")):
            log.warning("opml_outline_skipped", url=url, title=title, why="not an http(s) URL")
            continue
        if url in seen:
            continue
        seen.add(url)
        disabled = attrs.get("disabled", "").strip().lower() in ("true", "1", "yes")
        sources.append(
            Source(
                kind=SourceKind.FEED,
                location=url,
                name=title,
                language=language_code(attrs.get("language")),
                enabled=not disabled,
            )
        )
    log.info("opml_parsed", input=name, feeds=len(sources))
    return sources
