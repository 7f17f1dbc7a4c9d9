"""translate_article: paragraph alignment, the cache, and refusals as Rejections."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from newsdesk.store.repositories.translations import translation_key
from newsdesk.translate import (
    MemoryTranslationCache,
    SqliteTranslationCache,
    cache_key,
    translate_article,
)
from newsdesk.translate.cache import engine_identity
from newsdesk.translate.openai_engine import OpenAIEngine
from newsdesk.types import Article, Paragraph, Rejection
from tests.translate.conftest import NO_WAIT
from tests.translate.servers import Peer, Reply

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def article(texts: list[str], language: str | None = "en") -> Article:
    return Article(
        raw_id="r1",
        source_id="s1",
        url="https://example.org/story",
        title="A story",
        paragraphs=tuple(Paragraph(t) for t in texts),
        language=language,
    )


def engine(peer: Peer) -> OpenAIEngine:
    return OpenAIEngine(peer.url + "/v1", "scripted", retry=NO_WAIT, sleep=lambda s: None)


def test_paragraph_aligned_translation_with_engine_recorded(chat_peer: Peer, clean_pairs) -> None:
    pairs = clean_pairs[200:205]
    art = article([en for en, _ in pairs])
    result = translate_article(art, engine(chat_peer), now=lambda: NOW)
    assert not isinstance(result, Rejection)
    assert result.segments == tuple(fr for _, fr in pairs)
    assert result.source_segments == tuple(en for en, _ in pairs)
    assert result.key == art.id and result.engine == "openai"
    assert result.engine_version == "scripted+p1" and result.created_at == NOW
    assert result.text == "\n\n".join(fr for _, fr in pairs)


def test_second_run_is_served_from_the_cache(chat_peer: Peer, clean_pairs, tmp_path) -> None:
    pairs = clean_pairs[210:214]
    cache = SqliteTranslationCache(tmp_path / "cache.sqlite")
    eng = engine(chat_peer)
    first = translate_article(article([en for en, _ in pairs]), eng, cache)
    assert not isinstance(first, Rejection) and first.from_cache == 0
    assert len(chat_peer.requests) == 1 and len(cache) == 4
    reopened = SqliteTranslationCache(tmp_path / "cache.sqlite")
    again = translate_article(
        article([en for en, _ in pairs] + [clean_pairs[220][0]]), eng, reopened
    )
    assert not isinstance(again, Rejection) and again.from_cache == 4
    assert json.loads(chat_peer.requests[1]["messages"][-1]["content"]) == [clean_pairs[220][0]]


def test_a_refused_paragraph_rejects_the_article_and_caches_only_what_passed(
    chat_peer: Peer, clean_pairs
) -> None:
    pairs = clean_pairs[230:233]
    chat_peer.script = [
        lambda r: Reply(content=json.dumps([r[0], "Voici la traduction : " + r[1], r[2]]))
    ] + [lambda r: Reply(content="Voici la traduction : " + r[0])] * 5
    cache = MemoryTranslationCache()
    result = translate_article(article([en for en, _ in pairs]), engine(chat_peer), cache)
    assert isinstance(result, Rejection)
    assert (result.stage, result.reason) == ("translate", "model_commentary")
    assert result.item == "https://example.org/story" and result.detail.startswith("paragraph 1:")
    assert len(cache) == 2
    stored = {e.text for e in cache._entries.values()}
    assert stored == {pairs[0][1], pairs[2][1]}  # never the commented one


def test_article_without_language_or_already_french_is_rejected(chat_peer: Peer) -> None:
    eng = engine(chat_peer)
    assert translate_article(article(["x"], None), eng).reason == "unknown_language"  # type: ignore[union-attr]
    fr = translate_article(article(["Bonjour."], "fr"), eng)
    assert isinstance(fr, Rejection) and fr.reason == "already_in_target_language"
    assert chat_peer.requests == []


def test_cache_key_matches_the_stores_key_and_changes_with_the_engine_version() -> None:
    key = cache_key("Hello.", "en", "fr", "openai", "m+p1")
    assert key == translation_key("Hello.", "en", "fr", engine_identity("openai", "m+p1"))
    assert key != cache_key("Hello.", "en", "fr", "openai", "m+p2")
    assert key != cache_key("Hello.", "en", "de", "openai", "m+p1")


def test_the_desk_store_is_a_translation_cache(chat_peer: Peer, clean_pairs, tmp_path) -> None:
    from newsdesk.store import Store

    store = Store.open(f"sqlite:///{(tmp_path / 'db.sqlite').as_posix()}", tmp_path / "data")
    try:
        pairs = clean_pairs[240:243]
        eng = engine(chat_peer)
        first = translate_article(article([en for en, _ in pairs]), eng, store.translations)
        again = translate_article(article([en for en, _ in pairs]), eng, store.translations)
        assert not isinstance(first, Rejection) and not isinstance(again, Rejection)
        assert again.from_cache == 3 and again.segments == first.segments
        assert len(chat_peer.requests) == 1
    finally:
        store.close()
