"""Settings of the review desk (login, sessions, API token), read from the environment.

They belong in config.py's registry as a `[desk]` section (NEWSDESK_DESK__PASSWORD_HASH, …);
until that lands, `DeskSettings.from_env()` reads the same variable names.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ENV_PREFIX = "NEWSDESK_DESK__"


class DeskSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user: str = Field(
        "editor", description="Name of the desk's editor account (recorded with each decision)."
    )
    password_hash: str = Field(
        "",
        description="scrypt hash of the editor's password (`python -m newsdesk.web.passwords`); empty: the desk is closed.",
    )
    secret_key: str = Field(
        "",
        description="Key that signs session cookies; empty: a random key per process (sessions end at restart).",
    )
    api_token_hash: str = Field(
        "",
        description="sha256 (hex) of the bearer token of the read-only JSON API; empty: the API is closed.",
    )
    secure_cookies: Literal["auto", "always", "never"] = Field(
        "auto",
        description="Mark cookies Secure: auto = when site.base_url is https.",
    )
    session_hours: float = Field(8.0, description="Hours before an editor must log in again.")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> DeskSettings:
        env = os.environ if environ is None else environ
        values = {
            name: env[f"{ENV_PREFIX}{name.upper()}"]
            for name in cls.model_fields
            if f"{ENV_PREFIX}{name.upper()}" in env
        }
        return cls.model_validate(values)
