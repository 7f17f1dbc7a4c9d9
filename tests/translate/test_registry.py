"""Engine choice from the settings, and the reason given when no engine is configured."""

from __future__ import annotations

import tomllib

import pytest

from newsdesk.config import TranslateSettings, load_settings
from newsdesk.errors import ConfigError
from newsdesk.translate import (
    ENABLE_HINT,
    NO_ENGINE,
    get_engine,
    no_engine_detail,
    no_engine_rejection,
)
from newsdesk.translate.openai_engine import OpenAIEngine


def test_no_engine_by_default() -> None:
    assert get_engine(TranslateSettings()) is None


def test_the_hint_is_a_configuration_that_enables_the_openai_engine(tmp_path) -> None:
    config = tmp_path / "newsdesk.toml"
    config.write_text(ENABLE_HINT + "\n", encoding="utf-8")
    settings = load_settings(config, environ={})
    engine = get_engine(settings.translate, environ={})
    assert isinstance(engine, OpenAIEngine)
    assert engine.base_url == tomllib.loads(ENABLE_HINT)["translate"]["base_url"]


def test_rejection_names_the_reason_and_the_configuration_lines() -> None:
    rejection = no_engine_rejection("https://example.org/a")
    assert rejection.reason == NO_ENGINE == "no_translation_engine"
    assert rejection.stage == "translate"
    assert ENABLE_HINT in rejection.detail and ENABLE_HINT in no_engine_detail()


def test_api_key_comes_from_the_named_environment_variable() -> None:
    settings = TranslateSettings(engine="openai", base_url="http://127.0.0.1:1/v1", api_key_env="K")
    engine = get_engine(settings, environ={"K": "sk-123"})
    assert isinstance(engine, OpenAIEngine)
    assert engine._client.headers["Authorization"] == "Bearer sk-123"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (TranslateSettings(engine="openai"), "needs translate.base_url"),
        (TranslateSettings(engine="ctranslate2"), "needs translate.model"),
        (TranslateSettings(engine="marian"), "unknown engine"),
    ],
)
def test_misconfiguration_is_a_config_error(settings: TranslateSettings, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        get_engine(settings, environ={})


def test_engines_implement_the_interface() -> None:
    from newsdesk.translate import TranslationEngine
    from newsdesk.translate.deepl_engine import DeepLEngine

    openai = get_engine(TranslateSettings(engine="openai", base_url="http://127.0.0.1:1/v1"))
    assert isinstance(openai, TranslationEngine)
    assert isinstance(DeepLEngine("k:fx"), TranslationEngine)
