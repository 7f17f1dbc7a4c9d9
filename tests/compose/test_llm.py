"""The `llm` composer against a real local HTTP server that answers scripted drafts: a faithful
draft passes verification; an invented quotation fails; malformed or off-schema drafts are
refused with their reason, never repaired; an unreachable endpoint is an EngineError."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from newsdesk.compose.llm import LlmSettings, compose_llm_page
from newsdesk.compose.material import StorySource
from newsdesk.errors import EngineError
from newsdesk.types import Rejection, Story, VerdictStatus
from newsdesk.verify import verify_story_page

NOW = datetime(2024, 6, 1, tzinfo=UTC)


class Scripted:
    def __init__(self) -> None:
        self.answers: list[tuple[int, str]] = []
        self.requests: list[dict[str, Any]] = []


@pytest.fixture
def endpoint() -> Iterator[tuple[str, Scripted]]:
    script = Scripted()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length", 0))
            script.requests.append(json.loads(self.rfile.read(length)))
            status, content = script.answers.pop(0)
            body = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1", script
    server.shutdown()


def belgorod(sample_stories):  # type: ignore[no-untyped-def]
    articles = sample_stories[0]
    sources = [StorySource(a, publisher=a.site_name) for a in articles]
    story = Story(
        articles[0].id, tuple(a.id for a in articles), "", ("fr",), NOW, NOW, articles[0].id
    )
    return story, sources


def faithful_draft(sources) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A draft such as a careful model writes: the sources' own sentences, attributed."""
    lead = sources[0].screened.paragraphs
    second = sources[2].screened.paragraphs
    return {
        "title": "Raid de Belgorod : Washington enquête sur des véhicules américains",
        "description": "La Maison Blanche examine des informations sur l’usage de véhicules "
        "américains lors du raid dans la région russe de Belgorod.",
        "chapo": lead[1],
        "sections": [
            {"heading": None, "paragraphs": [lead[0], lead[2]]},
            {"heading": "Des véhicules fournis par l’Occident", "paragraphs": [second[0]]},
        ],
    }


def run(url: str, story, sources):  # type: ignore[no-untyped-def]
    return compose_llm_page(
        story,
        sources,
        LlmSettings(base_url=url, model="scripted"),
        now=NOW,
        length_target=700,
        excerpt_max_words=60,
        environ={},
    )


def test_faithful_draft_passes_verification(endpoint, sample_stories) -> None:  # type: ignore[no-untyped-def]
    url, script = endpoint
    story, sources = belgorod(sample_stories)
    script.answers.append((200, "```json\n" + json.dumps(faithful_draft(sources)) + "\n```"))
    composition = run(url, story, sources)
    assert not isinstance(composition, Rejection)
    page = composition.page
    verdict = verify_story_page(page, sources, hold_short_pages=False)
    assert verdict.status == VerdictStatus.PASS, verdict.checks
    assert "modèle de langage (scripted)" in page.disclosure
    request = script.requests[0]
    assert request["response_format"] == {"type": "json_object"}
    assert "Source 1" in request["messages"][1]["content"]


def test_draft_with_invented_quotation_fails(endpoint, sample_stories) -> None:  # type: ignore[no-untyped-def]
    url, script = endpoint
    story, sources = belgorod(sample_stories)
    draft = faithful_draft(sources)
    draft["sections"][0]["paragraphs"].append(
        "« Nous condamnons fermement ce raid », a déclaré John Kirby."
    )
    script.answers.append((200, json.dumps(draft)))
    composition = run(url, story, sources)
    assert not isinstance(composition, Rejection)
    verdict = verify_story_page(composition.page, sources, hold_short_pages=False)
    assert verdict.status == VerdictStatus.FAIL
    assert "quote_not_in_source" in verdict.reasons


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ('Voici l’article demandé : {"title": ', "llm_invalid_json"),
        (
            json.dumps({"title": "Un titre assez long", "description": "x" * 30}),
            "llm_invalid_draft",
        ),
        (
            json.dumps(
                {
                    "title": "T" * 20,
                    "description": "d" * 30,
                    "chapo": "c" * 30,
                    "sections": [],
                    "notes": "en plus",
                }
            ),
            "llm_invalid_draft",
        ),  # fmt: skip
        ("", "llm_empty_answer"),
    ],
)
def test_bad_drafts_are_refused_not_repaired(
    endpoint, sample_stories, answer: str, reason: str
) -> None:  # type: ignore[no-untyped-def]
    url, script = endpoint
    story, sources = belgorod(sample_stories)
    script.answers.append((200, answer))
    result = run(url, story, sources)
    assert isinstance(result, Rejection)
    assert result.reason == reason and result.stage == "compose"


def test_failing_endpoint_is_an_engine_error(endpoint, sample_stories) -> None:  # type: ignore[no-untyped-def]
    url, script = endpoint
    story, sources = belgorod(sample_stories)
    script.answers.append((500, "boom"))
    with pytest.raises(EngineError, match="HTTP 500"):
        run(url, story, sources)
    with pytest.raises(EngineError, match="unreachable"):
        run("http://127.0.0.1:9/v1", story, sources)
