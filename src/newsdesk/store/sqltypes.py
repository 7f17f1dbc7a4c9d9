"""Column types that behave the same on SQLite and PostgreSQL.

`UTCDateTime` takes timezone-aware datetimes only, stores them in UTC and always gives back
aware UTC datetimes (SQLite has no time zone type and would otherwise return naive values).
`JSONDocument` is JSON on SQLite and JSONB on PostgreSQL. `SafeText` and `JSONDocument` store
any Python string, including U+0000, which PostgreSQL refuses in text and JSONB; a NUL from a
broken feed must not stop a run on one database when it passes on the other (see `escape_nul`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator, TypeEngine

# U+FFFF is a Unicode noncharacter: never in real text, yet valid UTF-8 that PostgreSQL stores.
_ESC = "\uffff"
_ESCAPED = re.compile("\uffff(.)", re.DOTALL)


def escape_nul(text: str) -> str:
    """Reversibly replace U+0000 (NUL ↦ U+FFFF "0", U+FFFF ↦ U+FFFF U+FFFF); other text is
    returned unchanged."""
    if "\x00" not in text and _ESC not in text:
        return text
    return text.replace(_ESC, _ESC + _ESC).replace("\x00", _ESC + "0")


def unescape_nul(text: str) -> str:
    if _ESC not in text:
        return text
    return _ESCAPED.sub(lambda m: "\x00" if m.group(1) == "0" else m.group(1), text)


def _walk(value: Any, fn: Any) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list | tuple):
        return [_walk(v, fn) for v in value]
    if isinstance(value, dict):
        return {fn(k): _walk(v, fn) for k, v in value.items()}
    return value


class SafeText(TypeDecorator[str]):
    """Text that may contain any character, U+0000 included."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else escape_nul(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else unescape_nul(value)


class JSONDocumentType(TypeDecorator[Any]):
    """A JSON document (JSONB on PostgreSQL) whose strings may contain U+0000."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return _walk(value, escape_nul)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return _walk(value, unescape_nul)


JSONDocument = JSONDocumentType()


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored in UTC; a naive datetime is a programming error and refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(
                f"naive datetime {value.isoformat()} given; newsdesk stores aware datetimes only"
            )
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            # SQLite stores text; a fixed naive-UTC format keeps ORDER BY and comparisons right.
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
