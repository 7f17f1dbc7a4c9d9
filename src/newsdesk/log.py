"""Structured logging with event names: ``log.info("feed_fetched", source=..., status=304)``.

Events go through the standard `logging` module as ``event key=value ...`` lines so that any
handler can collect them; the CLI decides the level (quiet by default, verbose with --debug).
"""

from __future__ import annotations

import logging
from typing import Any


class EventLogger:
    def __init__(self, name: str) -> None:
        self._logger = logging.getLogger(name)

    def _emit(self, level: int, event: str, fields: dict[str, Any]) -> None:
        if self._logger.isEnabledFor(level):
            kv = " ".join(f"{k}={v!r}" for k, v in fields.items())
            self._logger.log(level, "%s %s", event, kv)

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
