"""What ingestion remembers between runs: HTTP validators per URL, and which items are stored.

The store implements `FetchMemory` over its database; `InMemoryFetchMemory` is the same contract
in a dict, for the audit (which has no database) and for tests.

Readers call `remember` only after the item of that URL has been yielded *and the consumer has
come back for the next one* (the store has saved it), so a crash between fetching and storing
never leaves validators that would make the next run skip an item it never stored.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class FetchMemory(Protocol):
    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(etag, last_modified) last seen for url, (None, None) if never fetched."""
        ...

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Record the validators of url's latest successful fetch."""
        ...

    def known(self, raw_id: str) -> bool:
        """True when a RawItem with this id is already stored."""
        ...


class InMemoryFetchMemory:
    """A FetchMemory in dictionaries; `mark_known` records stored items (the store does that
    itself when it implements FetchMemory)."""

    def __init__(self) -> None:
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        self._known: set[str] = set()

    def validators(self, url: str) -> tuple[str | None, str | None]:
        return self._validators.get(url, (None, None))

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if etag or last_modified:
            self._validators[url] = (etag, last_modified)
        else:
            self._validators.pop(url, None)

    def known(self, raw_id: str) -> bool:
        return raw_id in self._known

    def mark_known(self, raw_id: str) -> None:
        self._known.add(raw_id)
