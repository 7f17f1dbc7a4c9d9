"""The llm composer against a REAL llama.cpp server running SmolLM2-135M-Instruct (the shared
`llama_server` fixture of tests/conftest.py). A 135M model writes poor French and often poor JSON: whatever it answers
must come out either refused with a stable reason or as a page that verification judges; it is
never published unverified. Takes about a minute on 2 cores (model start + one long answer)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.compose.llm import REASONS, LlmSettings, compose_llm_page
from newsdesk.compose.material import StorySource
from newsdesk.types import Rejection, Story, VerdictStatus
from newsdesk.verify import verify_story_page
from tests.translate.llama_server import LlamaServer

pytestmark = pytest.mark.slow
NOW = datetime(2024, 6, 1, tzinfo=UTC)


def test_real_model_draft_is_refused_or_verified(llama_server: LlamaServer, sample_stories) -> None:  # type: ignore[no-untyped-def]
    articles = sample_stories[2]  # 004: one short source keeps the prompt small
    sources = [StorySource(a, publisher=a.site_name) for a in articles]
    story = Story(articles[0].id, (articles[0].id,), "", ("fr",), NOW, NOW, articles[0].id)
    result = llama_server.call(
        lambda url: compose_llm_page(
            story,
            sources,
            LlmSettings(base_url=url, model="smollm2-135m", timeout=600),
            now=NOW,
            length_target=300,
            excerpt_max_words=60,
            environ={},
        )
    )
    if isinstance(result, Rejection):
        assert result.reason in REASONS, result
        return
    # A schema-valid draft became a page with the story's sources and the model disclosed;
    # verification then judges it like any page (a PASS needs every check passed).
    page = result.page
    assert [s.article_id for s in page.sources] == [articles[0].id]
    assert "smollm2-135m" in page.disclosure
    verdict = verify_story_page(page, sources, hold_short_pages=False)
    failed = [c for c in verdict.checks if c.status != VerdictStatus.PASS]
    assert (verdict.status == VerdictStatus.PASS) == (not failed)
