"""The openai engine against a real local HTTP server speaking the OpenAI chat API, scripted to
fail the ways models and servers fail."""

from __future__ import annotations

import json

import pytest

from newsdesk.errors import EngineError
from newsdesk.translate.openai_engine import OpenAIEngine, parse_answer
from newsdesk.translate.result import TranslationRejected
from newsdesk.translate.retry_loop import BadAnswer
from tests.translate.conftest import NO_WAIT
from tests.translate.servers import Peer, Reply


def engine(peer: Peer, sleeps: list[float] | None = None, **kw: object) -> OpenAIEngine:
    record = sleeps.append if sleeps is not None else (lambda s: None)
    return OpenAIEngine(
        peer.url + "/v1",
        "scripted",
        "sk-test",
        timeout=5,
        retry=NO_WAIT,
        sleep=record,
        **kw,  # type: ignore[arg-type]
    )


def test_batches_and_returns_the_answers_in_order(chat_peer: Peer, clean_pairs) -> None:
    pairs = clean_pairs[100:120]
    out = engine(chat_peer, batch_size=8).translate([en for en, _ in pairs], "en", "fr")
    assert out == [fr for _, fr in pairs]
    assert len(chat_peer.requests) == 3  # 8 + 8 + 4
    assert chat_peer.headers[0]["Authorization"] == "Bearer sk-test"
    first = chat_peer.requests[0]
    assert json.loads(first["messages"][-1]["content"]) == [en for en, _ in pairs[:8]]
    assert "French" in first["messages"][0]["content"] and first["temperature"] == 0.0


def test_429_and_503_are_retried_with_growing_backoff(chat_peer: Peer, clean_pairs) -> None:
    chat_peer.script = [lambda r: Reply(429), lambda r: Reply(503), lambda r: Reply(502)]
    sleeps: list[float] = []
    en, fr = clean_pairs[3]
    assert engine(chat_peer, sleeps).translate([en], "en", "fr") == [fr]
    assert len(chat_peer.requests) == 4
    assert len(sleeps) == 3 and sleeps[0] < sleeps[1] < sleeps[2]


def test_retry_after_header_is_honoured(chat_peer: Peer, clean_pairs) -> None:
    chat_peer.script = [lambda r: Reply(429, headers={"Retry-After": "0.05"})]
    sleeps: list[float] = []
    engine(chat_peer, sleeps).translate([clean_pairs[0][0]], "en", "fr")
    assert sleeps == [0.05]


def test_persistent_5xx_raises_engine_error_not_a_rejection(chat_peer: Peer, clean_pairs) -> None:
    chat_peer.script = [lambda r: Reply(500)] * 10
    with pytest.raises(EngineError, match="failed after 5 attempts"):
        engine(chat_peer).translate([clean_pairs[0][0]], "en", "fr")


def test_bad_key_is_not_retried(chat_peer: Peer, clean_pairs) -> None:
    chat_peer.script = [lambda r: Reply(401, body={"error": {"message": "invalid api key"}})]
    with pytest.raises(EngineError, match="HTTP 401.*invalid api key"):
        engine(chat_peer).translate([clean_pairs[0][0]], "en", "fr")
    assert len(chat_peer.requests) == 1


def test_timeout_is_retried() -> None:
    # A server that accepts the connection and never answers.
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    sleeps: list[float] = []
    eng = OpenAIEngine(url, "m", timeout=0.2, retry=NO_WAIT, sleep=sleeps.append)
    with pytest.raises(EngineError, match="ReadTimeout|timed out"):
        eng.translate(["The police arrested two men on Monday."], "en", "fr")
    assert len(sleeps) == NO_WAIT.retries
    sock.close()


def test_preamble_in_a_batch_answer_is_retried_and_the_clean_answer_kept(
    chat_peer: Peer, clean_pairs
) -> None:
    def preamble(refs: list[str]) -> Reply:
        return Reply(content=json.dumps(["Voici la traduction : " + refs[0], *refs[1:]]))

    chat_peer.script = [preamble]
    pairs = clean_pairs[10:14]
    out = engine(chat_peer).translate([en for en, _ in pairs], "en", "fr")
    assert out == [fr for _, fr in pairs]
    assert len(chat_peer.requests) == 2  # the batch, then segment 0 alone with a reminder
    retry = chat_peer.requests[1]
    assert "refused" in retry["messages"][0]["content"] and retry["temperature"] > 0


def test_a_model_that_keeps_announcing_its_translation_is_refused(
    chat_peer: Peer, clean_pairs
) -> None:
    chat_peer.script = [lambda r: Reply(content="Here is the translation:\n\n" + r[0])] * 5
    en = clean_pairs[5][0]
    with pytest.raises(TranslationRejected) as info:
        engine(chat_peer).translate([en], "en", "fr")
    assert info.value.reason == "model_commentary" and info.value.segment == 0
    assert info.value.partial == (None,)


def test_wrong_segment_count_splits_the_batch(chat_peer: Peer, clean_pairs) -> None:
    chat_peer.script = [lambda r: Reply(content=json.dumps(r[:-1]))]  # one text short
    pairs = clean_pairs[20:26]
    out = engine(chat_peer).translate([en for en, _ in pairs], "en", "fr")
    assert out == [fr for _, fr in pairs]
    sizes = [len(json.loads(r["messages"][-1]["content"])) for r in chat_peer.requests]
    assert sizes == [6, 3, 3]


def test_english_left_in_is_refused_and_the_good_segments_are_kept(
    chat_peer: Peer, clean_pairs
) -> None:
    plain = [
        p for p in clean_pairs if len(p[0]) > 120 and not any(c.isdigit() or c == '"' for c in p[0])
    ]
    pairs = plain[:3]

    def leave_english(refs: list[str]) -> Reply:
        return Reply(content=json.dumps([refs[0] + " " + pairs[1][0], *refs[1:]]))

    chat_peer.script = [leave_english] + [
        lambda r: Reply(content=json.dumps([r[0] + " " + pairs[1][0]]))
    ] * 5
    with pytest.raises(TranslationRejected) as info:
        engine(chat_peer).translate([en for en, _ in pairs], "en", "fr")
    assert info.value.reason == "source_language_left"
    assert info.value.partial == (None, pairs[1][1], pairs[2][1])


def test_an_answer_all_in_english_is_wrong_language(chat_peer: Peer, clean_pairs) -> None:
    chat_peer.script = [lambda r: Reply(content=json.dumps([en]))] * 5
    en = next(en for en, _ in clean_pairs if len(en) > 80)
    with pytest.raises(TranslationRejected) as info:
        engine(chat_peer).translate([en], "en", "fr")
    assert info.value.reason in {"wrong_language", "source_language_left"}


def test_a_changed_number_is_refused(chat_peer: Peer, clean_pairs) -> None:
    en, fr = next(p for p in clean_pairs if any(c.isdigit() for c in p[0]))
    digit = next(c for c in fr if c.isdigit())
    wrong = fr.replace(digit, str((int(digit) + 1) % 10), 1)
    chat_peer.script = [lambda r: Reply(content=json.dumps([wrong]))] * 5
    with pytest.raises(TranslationRejected) as info:
        engine(chat_peer).translate([en], "en", "fr")
    assert info.value.reason == "numbers_changed"


def test_parse_answer_accepts_fenced_json_objects_and_plain_single_text() -> None:
    assert parse_answer('```json\n["a", "b"]\n```', 2) == ["a", "b"]
    assert parse_answer('Voici :\n{"translations": ["x"]}', 1) == ["x"]
    assert parse_answer("Le texte seul.", 1) == ["Le texte seul."]
    with pytest.raises(BadAnswer):
        parse_answer("Un. Deux.", 2)
