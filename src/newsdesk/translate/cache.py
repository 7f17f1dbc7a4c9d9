"""The translation cache: one translated segment per (text, languages, engine, engine version).

The protocol is the one `newsdesk.store`'s `TranslationRepository` already has (`get(key)`
returning a record with `.text`, `put(key, engine, engine_version, source_lang, target_lang,
source_text, text)`), so the desk passes its store and the audit or a test passes one of the two
small implementations here. Only translations that passed every check are ever `put`.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from newsdesk.types import stable_id

# Length of the hex cache key: the store's `translations.key` column holds 64 characters.
KEY_LENGTH = 64


class CachedText(Protocol):
    @property
    def text(self) -> str: ...


class TranslationCache(Protocol):
    def get(self, key: str) -> CachedText | None: ...

    def put(
        self,
        key: str,
        engine: str,
        engine_version: str,
        source_lang: str,
        target_lang: str,
        source_text: str,
        text: str,
    ) -> object: ...


def engine_identity(engine: str, engine_version: str) -> str:
    """What goes into the key for the engine: its name and version (model, release)."""
    return f"{engine}@{engine_version}"


def cache_key(
    text: str, source_lang: str, target_lang: str, engine: str, engine_version: str
) -> str:
    """The cache key of translating `text` with one engine version.

    Equal to `newsdesk.store.repositories.translations.translation_key(text, source_lang,
    target_lang, engine_identity(engine, engine_version))`, so both caches agree.
    """
    return stable_id(
        engine_identity(engine, engine_version), source_lang, target_lang, text, length=KEY_LENGTH
    )


@dataclass(frozen=True)
class CacheEntry:
    key: str
    engine: str
    engine_version: str
    source_lang: str
    target_lang: str
    source_text: str
    text: str
    created_at: datetime


class MemoryTranslationCache:
    """A dict; for tests and one-off runs."""

    def __init__(self) -> None:
        self._entries: dict[str, CacheEntry] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> CacheEntry | None:
        return self._entries.get(key)

    def put(
        self,
        key: str,
        engine: str,
        engine_version: str,
        source_lang: str,
        target_lang: str,
        source_text: str,
        text: str,
    ) -> CacheEntry:
        entry = CacheEntry(
            key,
            engine,
            engine_version,
            source_lang,
            target_lang,
            source_text,
            text,
            datetime.now(UTC),
        )
        with self._lock:
            self._entries[key] = entry
        return entry


_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    engine TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source_text TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
)
"""


class SqliteTranslationCache:
    """A single SQLite file, for the audit (which has no database) and repeated local runs."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(self.path), check_same_thread=False)
        with self._lock, self._conn:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __len__(self) -> int:
        with self._lock:
            (n,) = self._conn.execute("SELECT COUNT(*) FROM translations").fetchone()
        return int(n)

    def get(self, key: str) -> CacheEntry | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT key, engine, engine_version, source_lang, target_lang, source_text, text,"
                " created_at FROM translations WHERE key = ?",
                (key,),
            ).fetchone()
        if row is None:
            return None
        key, engine, version, source_lang, target_lang, source_text, text, created = row
        return CacheEntry(
            key,
            engine,
            version,
            source_lang,
            target_lang,
            source_text,
            text,
            datetime.fromisoformat(created),
        )

    def put(
        self,
        key: str,
        engine: str,
        engine_version: str,
        source_lang: str,
        target_lang: str,
        source_text: str,
        text: str,
    ) -> CacheEntry:
        now = datetime.now(UTC)
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    engine,
                    engine_version,
                    source_lang,
                    target_lang,
                    source_text,
                    text,
                    now.isoformat(),
                ),
            )
        return CacheEntry(
            key, engine, engine_version, source_lang, target_lang, source_text, text, now
        )
