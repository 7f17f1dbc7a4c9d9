"""The deepl engine against a local server implementing DeepL's documented v2 contract."""

from __future__ import annotations

import json

import pytest

from newsdesk.config import TranslateSettings
from newsdesk.errors import ConfigError, EngineError
from newsdesk.translate import get_engine
from newsdesk.translate.deepl_engine import FREE_URL, PRO_URL, DeepLEngine, default_url
from newsdesk.translate.result import TranslationRejected
from tests.translate.conftest import NO_WAIT
from tests.translate.servers import Peer, Reply


def engine(peer: Peer, key: str = "test-key:fx", sleeps: list[float] | None = None) -> DeepLEngine:
    record = sleeps.append if sleeps is not None else (lambda s: None)
    return DeepLEngine(key, base_url=peer.url, timeout=5, retry=NO_WAIT, sleep=record)


def test_request_follows_the_contract_and_answers_come_back_in_order(
    deepl_peer: Peer, clean_pairs
) -> None:
    pairs = clean_pairs[30:90]
    out = engine(deepl_peer).translate([en for en, _ in pairs], "en", "fr")
    assert out == [fr for _, fr in pairs]
    assert [len(r["text"]) for r in deepl_peer.requests] == [50, 10]  # at most 50 per request
    assert deepl_peer.requests[0]["source_lang"] == "EN"
    assert deepl_peer.requests[0]["target_lang"] == "FR"
    assert deepl_peer.headers[0]["Authorization"] == "DeepL-Auth-Key test-key:fx"


def test_a_bad_key_raises_with_deepls_message(deepl_peer: Peer, clean_pairs) -> None:
    with pytest.raises(EngineError, match="HTTP 403.*invalid authentication key"):
        engine(deepl_peer, key="wrong").translate([clean_pairs[0][0]], "en", "fr")
    assert len(deepl_peer.requests) == 1


def test_quota_exceeded_456_is_not_retried(deepl_peer: Peer, clean_pairs) -> None:
    deepl_peer.script = [lambda r: Reply(456, body={"message": "Quota exceeded"})]
    with pytest.raises(EngineError, match="456.*Quota exceeded"):
        engine(deepl_peer).translate([clean_pairs[0][0]], "en", "fr")


def test_429_is_retried(deepl_peer: Peer, clean_pairs) -> None:
    deepl_peer.script = [lambda r: Reply(429, body={"message": "Too many requests"})]
    sleeps: list[float] = []
    en, fr = clean_pairs[0]
    assert engine(deepl_peer, sleeps=sleeps).translate([en], "en", "fr") == [fr]
    assert len(sleeps) == 1


def test_deepl_output_goes_through_the_same_checks(deepl_peer: Peer, clean_pairs) -> None:
    en, fr = next(p for p in clean_pairs if "http" not in p[0])
    deepl_peer.script = [lambda r: Reply(content=json.dumps(["Traduction : " + r[0]]))] * 3
    with pytest.raises(TranslationRejected) as info:
        engine(deepl_peer).translate([en], "en", "fr")
    assert info.value.reason == "model_commentary"


def test_endpoint_from_the_key_and_key_from_the_environment() -> None:
    assert default_url("abc:fx") == FREE_URL and default_url("abc") == PRO_URL
    settings = TranslateSettings(engine="deepl", api_key_env="DEEPL_KEY_FOR_TEST")
    with pytest.raises(ConfigError, match="DEEPL_KEY_FOR_TEST"):
        get_engine(settings, environ={})
    eng = get_engine(settings, environ={"DEEPL_KEY_FOR_TEST": "k:fx"})
    assert isinstance(eng, DeepLEngine) and eng.base_url == FREE_URL
