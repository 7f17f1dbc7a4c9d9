"""Build the items readers yield: RawItems from fetches and files, tagged Rejections, hints.

Shared by every reader so that an item looks the same whichever reader produced it, and an item
already stored becomes ``Unchanged(reason="already_stored")`` in one place.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import datetime
from html.parser import HTMLParser

from newsdesk.ingest import reasons
from newsdesk.ingest.fetcher import Fetcher, FetchResult, url_host
from newsdesk.ingest.memory import FetchMemory
from newsdesk.types import ItemHints, RawItem, Rejection, Source, Unchanged

_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


def reject(source: Source, item: str, reason: str, detail: str = "") -> Rejection:
    return Rejection(
        item=item, stage=reasons.STAGE, reason=reason, detail=detail, source_id=source.id
    )


def tagged(rejection: Rejection, source: Source) -> Rejection:
    """The rejection with the source named (the fetcher does not know the source)."""
    if rejection.source_id is not None:
        return rejection
    return replace(rejection, source_id=source.id)


def conditional_fetch(
    fetcher: Fetcher,
    source: Source,
    url: str,
    memory: FetchMemory,
    accept: str,
    *,
    allow_binary: bool = False,
) -> FetchResult | Rejection:
    """Fetch `url` for `source` with the validators remembered for it (conditional GET); a
    rejection comes back with the source named. A source's `allow_private` covers its own host
    (the host of its location) and no other: not the hosts its feed entries or sitemap name."""
    etag, last_modified = memory.validators(url)
    result = fetcher.fetch(
        url,
        allow_private=source.allow_private,
        private_host=url_host(source.location),
        etag=etag,
        last_modified=last_modified,
        accept=accept,
        allow_binary=allow_binary,
    )
    return tagged(result, source) if isinstance(result, Rejection) else result


def language_code(value: object) -> str | None:
    """ "fr" from "fr-FR", "FR" or "fr_CA"; None for anything that is not a language tag."""
    if not isinstance(value, str):
        return None
    match = _LANGUAGE.match(value.strip())
    return match.group(1).lower() if match else None


def source_hints(source: Source, **known: object) -> ItemHints:
    """Hints from what is known about an item, falling back on the source's publisher/language."""
    fields = {k: v for k, v in known.items() if v not in (None, "")}
    fields.setdefault("publisher", source.publisher)
    fields.setdefault("language", source.language)
    return ItemHints(**fields)  # type: ignore[arg-type]


def raw_from_fetch(source: Source, result: FetchResult, hints: ItemHints) -> RawItem:
    return RawItem(
        source_id=source.id,
        url=result.url,
        fetched_at=result.fetched_at,
        content=result.content,
        media_type=result.media_type or "text/html",
        status=result.status,
        headers=result.headers,
        encoding=result.encoding,
        hints=hints,
    )


def raw_from_local(
    source: Source,
    url: str,
    content: bytes,
    media_type: str,
    encoding: str | None,
    hints: ItemHints,
    read_at: datetime,
) -> RawItem:
    return RawItem(
        source_id=source.id,
        url=url,
        fetched_at=read_at,
        content=content,
        media_type=media_type,
        encoding=encoding,
        hints=hints,
    )


def unless_known(raw: RawItem, memory: FetchMemory) -> RawItem | Unchanged:
    """The item, or Unchanged when an item with the same id (source, url, bytes) is stored."""
    if memory.known(raw.id):
        return Unchanged(source_id=raw.source_id, url=raw.url, reason="already_stored")
    return raw


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed (for summaries and lengths)."""
    if "<" not in fragment:
        return " ".join(html.unescape(fragment).split())
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return " ".join(" ".join(collector.parts).split())
