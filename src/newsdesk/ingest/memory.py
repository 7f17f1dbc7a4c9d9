"""What ingestion remembers between runs: HTTP validators and last fetch per URL, stored items.

The store implements `FetchMemory` over its database; `InMemoryFetchMemory` is the same contract
in a dict, for the audit (which has no database) and for tests.

Readers call `remember` only after the item of that URL has been yielded *and the consumer has
come back for the next one* (the store has saved it), so a crash between fetching and storing
never leaves validators that would make the next run skip an item it never stored.

`last_fetched` lets a feed or sitemap skip pages it has already taken: a summary-only feed
entry whose page was fetched after the entry last changed costs no request at all (without
it, every change of the feed would request every listed page again, and a server without
ETag/Last-Modified would send each one in full).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol, runtime_checkable


@runtime_checkable
class FetchMemory(Protocol):
    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(etag, last_modified) last seen for url, (None, None) if never fetched."""
        ...

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Record url's latest successful fetch (taken by the consumer) and its validators."""
        ...

    def last_fetched(self, url: str) -> datetime | None:
        """When url was last fetched and taken (`remember`), None if never."""
        ...

    def known(self, raw_id: str) -> bool:
        """True when a RawItem with this id is already stored."""
        ...


class InMemoryFetchMemory:
    """A FetchMemory in dictionaries; `mark_known` records stored items (the store does that
    itself when it implements FetchMemory)."""

    def __init__(self) -> None:
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        self._fetched: dict[str, datetime] = {}
        self._known: set[str] = set()

    def validators(self, url: str) -> tuple[str | None, str | None]:
        return self._validators.get(url, (None, None))

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._fetched[url] = datetime.now(UTC)
        if etag or last_modified:
            self._validators[url] = (etag, last_modified)
        else:
            self._validators.pop(url, None)

    def last_fetched(self, url: str) -> datetime | None:
        return self._fetched.get(url)

    def known(self, raw_id: str) -> bool:
        return raw_id in self._known

    def mark_known(self, raw_id: str) -> None:
        self._known.add(raw_id)
