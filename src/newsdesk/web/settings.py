"""Settings of the review desk: a section of the one settings registry (config.DeskSettings).

Re-exported here for the web package; `newsdesk.config.load_settings` reads them from
newsdesk.toml (`[desk]`), `NEWSDESK_DESK__*` environment variables and `--set desk.…`.
"""

from __future__ import annotations

from newsdesk.config import DeskSettings

__all__ = ["DeskSettings"]
