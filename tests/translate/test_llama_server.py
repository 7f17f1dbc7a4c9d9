"""The openai engine against a REAL llama.cpp server running SmolLM2-135M-Instruct.

That model's French is poor: the point is that whatever it answers, the engine returns only
checked French or refuses with a stable reason, and nothing unchecked reaches the cache.
"""

from __future__ import annotations

import pytest

from newsdesk.translate import (
    REASONS,
    MemoryTranslationCache,
    TranslationRejected,
    check_segment,
    translate_article,
)
from newsdesk.translate.openai_engine import OpenAIEngine
from newsdesk.types import Article, Paragraph, Rejection
from tests.translate.llama_server import LlamaServer

pytestmark = pytest.mark.slow


def engine(url: str) -> OpenAIEngine:
    return OpenAIEngine(url, "smollm2-135m", timeout=120, batch_size=4, attempts=2)


def test_answers_are_checked_french_or_refused_with_a_reason(
    llama_server: LlamaServer, wmt_pairs
) -> None:
    sources = [en for en, _ in wmt_pairs[2500:2520] if 40 < len(en) < 160][:4]

    def attempt(url: str) -> list[str] | TranslationRejected:
        try:
            return engine(url).translate(sources, "en", "fr")
        except TranslationRejected as refused:
            return refused

    out = llama_server.call(attempt)
    if isinstance(out, TranslationRejected):
        refused = out
        assert refused.reason in REASONS
        assert len(refused.partial) == len(sources)
        for src, text in zip(sources, refused.partial, strict=True):
            assert text is None or check_segment(src, text, "en", "fr").ok
    else:
        assert len(out) == len(sources)
        assert all(check_segment(s, t, "en", "fr").ok for s, t in zip(sources, out, strict=True))


def test_nothing_unchecked_is_cached(llama_server: LlamaServer, wmt_pairs) -> None:
    texts = [en for en, _ in wmt_pairs[2600:2630] if 40 < len(en) < 160][:3]
    article = Article(
        raw_id="r",
        source_id="s",
        url="https://example.org/en/story",
        title="Story",
        paragraphs=tuple(Paragraph(t) for t in texts),
        language="en",
    )
    cache = MemoryTranslationCache()

    def attempt(url: str) -> object:
        cache._entries.clear()  # a retry on a fresh server starts from an empty cache
        return translate_article(article, engine(url), cache)

    result = llama_server.call(attempt)
    if isinstance(result, Rejection):
        assert result.reason in REASONS and result.stage == "translate"
    else:
        assert result.engine == "openai" and len(result.segments) == len(texts)
    for entry in cache._entries.values():
        assert check_segment(entry.source_text, entry.text, "en", "fr").ok
