"""The translation cache: one translated text per (text, languages, engine)."""

from __future__ import annotations

from newsdesk.store.models import TranslationRow
from newsdesk.store.records import TranslationRecord
from newsdesk.store.sessions import Sessions
from newsdesk.store.upsert import upsert
from newsdesk.types import stable_id


def translation_key(text: str, source_lang: str, target_lang: str, engine: str) -> str:
    """The cache key of translating `text` from one language to another with `engine`.

    Put whatever changes the output into `engine` (e.g. "openai:qwen2.5-7b"); the engine
    version is recorded on the entry but not part of the key."""
    return stable_id(engine, source_lang, target_lang, text, length=64)


def row_to_record(row: TranslationRow) -> TranslationRecord:
    return TranslationRecord(
        key=row.key,
        engine=row.engine,
        engine_version=row.engine_version,
        source_lang=row.source_lang,
        target_lang=row.target_lang,
        source_text=row.source_text,
        text=row.text,
        created_at=row.created_at,
    )


class TranslationRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def get(self, key: str) -> TranslationRecord | None:
        with self._s.read() as session:
            row = session.get(TranslationRow, key)
            return row_to_record(row) if row else None

    def put(
        self,
        key: str,
        engine: str,
        engine_version: str,
        source_lang: str,
        target_lang: str,
        source_text: str,
        text: str,
    ) -> TranslationRecord:
        """Cache a translation under `key` (replacing an older entry with that key)."""
        now = self._s.now()
        values = {
            "key": key,
            "engine": engine,
            "engine_version": engine_version,
            "source_lang": source_lang,
            "target_lang": target_lang,
            "source_text": source_text,
            "text": text,
            "created_at": now,
        }
        with self._s.write() as session:
            upsert(session, TranslationRow.__table__, values, keys=["key"])  # type: ignore[arg-type]
        return TranslationRecord(**values)  # type: ignore[arg-type]
