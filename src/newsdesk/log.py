"""Structured logging with event names: ``log.info("feed_fetched", source=..., status=304)``.

Events go through the standard `logging` module so that any handler can collect them. The CLI
decides the level (quiet by default, verbose with --debug) and the format (`configure_logging`):
``text`` writes ``event key=value ...`` lines for people; ``json`` writes one JSON object per
line (timestamp, level, logger, event, then the event's fields) for log collectors (Loki,
Elasticsearch, journald's JSON export, `docker logs` shippers). Records from other libraries
(uvicorn, alembic, warnings) get the same shape, their message as the event.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

LogFormat = Literal["text", "json"]
LOG_FORMATS: tuple[LogFormat, ...] = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"

# Attribute names under which an EventLogger record carries its event and fields, so that
# the JSON formatter can write them as they were given instead of parsing the text line.
_EVENT = "newsdesk_event"
_FIELDS = "newsdesk_fields"
# Keys of every JSON line; an event field of the same name is written with a trailing "_".
_HANDLER = "newsdesk"  # name of the handler configure_logging installs
_RESERVED = frozenset({"timestamp", "level", "logger", "event", "exception"})


class EventLogger:
    def __init__(self, name: str) -> None:
        self._logger = logging.getLogger(name)

    def _emit(self, level: int, event: str, fields: dict[str, Any]) -> None:
        if self._logger.isEnabledFor(level):
            kv = " ".join(f"{k}={v!r}" for k, v in fields.items())
            self._logger.log(level, "%s %s", event, kv, extra={_EVENT: event, _FIELDS: fields})

    def debug(self, event: str, **fields: Any) -> None:
        self._emit(logging.DEBUG, event, fields)

    def info(self, event: str, **fields: Any) -> None:
        self._emit(logging.INFO, event, fields)

    def warning(self, event: str, **fields: Any) -> None:
        self._emit(logging.WARNING, event, fields)

    def error(self, event: str, **fields: Any) -> None:
        self._emit(logging.ERROR, event, fields)


def get_logger(name: str) -> EventLogger:
    return EventLogger(name)


def _plain(value: Any) -> Any:
    """A field value JSON can hold: numbers, strings, booleans and None as they are, lists
    and dicts element by element, anything else (paths, datetimes, enums) as its str()."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line (newlines inside values are escaped)."""

    def format(self, record: logging.LogRecord) -> str:
        event = getattr(record, _EVENT, None)
        line: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": event if isinstance(event, str) else record.getMessage(),
        }
        fields = getattr(record, _FIELDS, None)
        if isinstance(fields, dict):
            for key, value in fields.items():
                name = f"{key}_" if key in _RESERVED else str(key)
                line[name] = _plain(value)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(
    level: int, log_format: LogFormat = "text", stream: TextIO | None = None
) -> None:
    """Send every log record (ours, libraries', Python warnings) to `stream` (stderr) in the
    chosen format, replacing the handler an earlier call set: the last call wins, so tests and
    the CLI can call it more than once in one process."""
    if log_format not in LOG_FORMATS:
        raise ValueError(
            f"unknown log format {log_format!r} (choose from {', '.join(LOG_FORMATS)})"
        )
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(
        JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    handler.set_name(_HANDLER)
    root = logging.getLogger()
    for old in list(root.handlers):
        if old.get_name() == _HANDLER:  # ours from an earlier call; others (pytest's) stay
            root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # A library's warnings.warn() would otherwise be written to stderr as two bare text lines.
    logging.captureWarnings(True)
