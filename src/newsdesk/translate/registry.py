"""Choosing the engine from the settings, and the reason given when there is none.

No PyPI package ships a usable translation model, so the default is `none`: foreign articles
are still ingested, audited and clustered, and their stories are held with the reason
`no_translation_engine` and the configuration lines that would enable an engine.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from newsdesk.config import TranslateSettings
from newsdesk.errors import ConfigError
from newsdesk.translate.engine import TranslationEngine
from newsdesk.types import Rejection

ENGINES = ("none", "openai", "ctranslate2", "deepl")
NO_ENGINE = "no_translation_engine"
# The smallest configuration that enables an engine: a local llama.cpp / vLLM / Ollama server.
ENABLE_HINT = '[translate]\nengine = "openai"\nbase_url = "http://127.0.0.1:8080/v1"'
ENABLE_HINTS = {
    "openai": ENABLE_HINT,
    "ctranslate2": '[translate]\nengine = "ctranslate2"\nmodel = "/path/to/ctranslate2-model-dir"',
    "deepl": '[translate]\nengine = "deepl"\napi_key_env = "DEEPL_AUTH_KEY"',
}


def no_engine_detail() -> str:
    """The one-paragraph explanation stored with `no_translation_engine`."""
    return (
        "no translation engine is configured; add to newsdesk.toml:\n"
        f"{ENABLE_HINT}\n"
        '(or engine = "ctranslate2" with model = a CTranslate2 model folder, or '
        'engine = "deepl" with the key in the environment)'
    )


def get_engine(
    settings: TranslateSettings, environ: Mapping[str, str] | None = None
) -> TranslationEngine | None:
    """The configured engine, or None when `engine = "none"` (see `no_engine_detail`).

    Raises `ConfigError` for an unknown engine or a missing setting, `MissingExtraError` when
    the engine's optional package is not installed.
    """
    env = os.environ if environ is None else environ
    name = settings.engine.strip().lower()
    key = env.get(settings.api_key_env) or None
    if name == "none":
        return None
    if name == "openai":
        if not settings.base_url:
            raise ConfigError(
                f'translate.engine = "openai" needs translate.base_url, e.g.\n{ENABLE_HINT}'
            )
        from newsdesk.translate.openai_engine import OpenAIEngine

        return OpenAIEngine(settings.base_url, settings.model, key, timeout=settings.timeout)
    if name == "ctranslate2":
        if not settings.model:
            raise ConfigError(
                'translate.engine = "ctranslate2" needs translate.model, the model folder:\n'
                + ENABLE_HINTS["ctranslate2"]
            )
        from newsdesk.translate.ctranslate2_engine import CTranslate2Engine

        return CTranslate2Engine(settings.model)
    if name == "deepl":
        if not key:
            raise ConfigError(
                f'translate.engine = "deepl" needs the API key in ${settings.api_key_env}'
            )
        from newsdesk.translate.deepl_engine import DeepLEngine

        return DeepLEngine(key, base_url=settings.base_url or None, timeout=settings.timeout)
    raise ConfigError(f"translate.engine: unknown engine {settings.engine!r}; one of {ENGINES}")


def no_engine_rejection(item: str) -> Rejection:
    """The rejection of an item that needs translation when no engine is configured."""
    return Rejection(item=item, stage="translate", reason=NO_ENGINE, detail=no_engine_detail())
