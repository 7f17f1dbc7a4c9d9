"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 of a list of stories (the site's, or one topic's).

Written from templates (Atom, RSS) and `json` (JSON Feed) rather than a feed library: a site has
one feed per topic in three formats, and a template renders them in a fraction of the time.
Every feed is parsed back with feedparser, and the JSON Feed checked against its spec, in tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from newsdesk.config import SiteSettings
from newsdesk.publish.templating import environment
from newsdesk.publish.urls import absolute
from newsdesk.publish.views import Card

FEED_SIZE = 30  # entries per feed: a day or two of a busy desk
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class FeedInfo:
    """What identifies one feed: its title, the page it mirrors and where its files live."""

    title: str
    subtitle: str
    home_path: str  # site-relative path of the HTML page the feed mirrors
    directory: str  # "" for the site's feeds, "sujets/<slug>/" for a topic's


def _updated(cards: list[Card], fallback: datetime) -> datetime:
    return max((c.updated for c in cards), default=fallback)


def atom(info: FeedInfo, cards: list[Card], site: SiteSettings, fallback: datetime) -> bytes:
    return (
        environment()
        .get_template("feeds/atom.xml")
        .render(
            info=info,
            site=site,
            cards=cards[:FEED_SIZE],
            home_url=absolute(site.base_url, info.home_path),
            self_url=absolute(site.base_url, f"{info.directory}atom.xml"),
            updated=_updated(cards, fallback).isoformat(),
            url=lambda c: absolute(site.base_url, c.path),
        )
        .encode("utf-8")
    )


def rss(info: FeedInfo, cards: list[Card], site: SiteSettings, fallback: datetime) -> bytes:
    return (
        environment()
        .get_template("feeds/rss.xml")
        .render(
            info=info,
            site=site,
            cards=cards[:FEED_SIZE],
            home_url=absolute(site.base_url, info.home_path),
            self_url=absolute(site.base_url, f"{info.directory}rss.xml"),
            updated=format_datetime(_updated(cards, fallback)),
            url=lambda c: absolute(site.base_url, c.path),
            rfc822=format_datetime,
        )
        .encode("utf-8")
    )


def json_feed(info: FeedInfo, cards: list[Card], site: SiteSettings) -> bytes:
    """A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/)."""
    items = []
    for card in cards[:FEED_SIZE]:
        url = absolute(site.base_url, card.path)
        item: dict[str, object] = {
            "id": url,
            "url": url,
            "title": card.title,
            "content_text": card.description,
            "summary": card.description,
            "date_published": card.published.isoformat(),
            "date_modified": card.updated.isoformat(),
            "language": card.language,
        }
        if card.bylines:
            item["authors"] = [{"name": b} for b in card.bylines]
        if card.tags:
            item["tags"] = list(card.tags)
        items.append(item)
    document = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "description": info.subtitle,
        "home_page_url": absolute(site.base_url, info.home_path),
        "feed_url": absolute(site.base_url, f"{info.directory}feed.json"),
        "language": site.language,
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
