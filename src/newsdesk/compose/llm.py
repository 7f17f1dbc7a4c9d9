"""The `llm` composer: an OpenAI-compatible endpoint writes a structured draft from the story's
sources; the draft is validated against a schema and then goes through the same verification
as an extractive page.

A draft that is not valid JSON, or does not match the schema, is refused with a stable reason
(`llm_invalid_json`, `llm_invalid_draft`, `llm_empty_answer`); it is never repaired, truncated
or completed by code, so what an editor reviews is what the model wrote. An unreachable or
failing endpoint raises `EngineError` (broken infrastructure, not bad input).

The endpoint, model and key come from `LlmSettings` (see the report for the settings proposed
for config.py's `[compose]` section).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsdesk.compose import messages
from newsdesk.compose.material import StorySource
from newsdesk.compose.story_page import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    Composition,
    bylines,
    disclosure,
    source_ref,
)
from newsdesk.compose.text import make_slug
from newsdesk.compose.typography import french
from newsdesk.errors import EngineError
from newsdesk.log import get_logger
from newsdesk.types import Licence, Page, Rejection, RelatedRef, Section, Story

log = get_logger(__name__)

STAGE = "compose"
REASONS = ("llm_invalid_json", "llm_invalid_draft", "llm_empty_answer")
# The sources given to the model, in words: enough for a 700-word page from three reports,
# within the 4,096-token context of small local models once the instructions are added.
PROMPT_SOURCE_WORDS = 1800


class DraftSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    heading: str | None = Field(None, max_length=120)
    paragraphs: list[str] = Field(min_length=1)


class Draft(BaseModel):
    """What the model must answer: one JSON object of this shape."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=10, max_length=200)
    description: str = Field(min_length=20, max_length=400)
    chapo: str = Field(min_length=20)
    sections: list[DraftSection] = Field(min_length=1)


@dataclass(frozen=True)
class LlmSettings:
    base_url: str
    model: str = ""
    api_key_env: str = "NEWSDESK_COMPOSE_API_KEY"
    timeout: float = 120.0
    temperature: float = 0.0


SYSTEM_PROMPT = (
    "Tu es secrétaire de rédaction dans une rédaction francophone. À partir des sources "
    "fournies, écris un article en français. Règles absolues : n’utilise que les faits des "
    "sources ; recopie les citations mot pour mot entre « » avec leur auteur ; recopie les "
    "chiffres, dates et noms exactement ; indique qui rapporte quoi (« selon … ») ; pas "
    "d’opinion, pas de première personne, pas de commentaire sur ta tâche. Réponds uniquement "
    'par un objet JSON : {"title": titre de {title_max} caractères au plus, différent des '
    'titres des sources, "description": {description_max} caractères au plus, "chapo": '
    'une ou deux phrases, "sections": [{"heading": intertitre tiré du texte de la section '
    '(null pour la première), "paragraphs": [paragraphes]}]}.'
)


def prompt(sources: Sequence[StorySource], length_target: int, excerpt_max_words: int) -> str:
    """The user message: the sources, numbered, each cut to its share of the prompt (and an
    excerpt-licensed source to its quotable words)."""
    share = PROMPT_SOURCE_WORDS // max(1, len(sources))
    parts = [f"Longueur visée : environ {length_target} mots.", ""]
    for i, source in enumerate(sources, 1):
        budget = excerpt_max_words if source.licence == Licence.EXCERPT else share
        words = " ".join(source.screened.paragraphs).split()[:budget]
        parts.append(f"Source {i} — {source.publisher_name or 'source'} — « {source.title} »")
        parts.append(" ".join(words))
        parts.append("")
    return "\n".join(parts)


def _content(body: object) -> str:
    try:
        return str(body["choices"][0]["message"]["content"] or "")  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return ""


def _json_object(text: str) -> str:
    """The JSON object of an answer: the whole answer, or the part inside a ```json fence
    (chat models often fence it; taking the fence's content changes no word of the draft)."""
    stripped = text.strip()
    if stripped.startswith("```"):
        stripped = stripped.split("\n", 1)[1] if "\n" in stripped else ""
        stripped = stripped.rsplit("```", 1)[0]
    return stripped.strip()


def request_draft(
    settings: LlmSettings, system: str, user: str, environ: dict[str, str] | None = None
) -> str:
    """Ask the endpoint; return the answer's text. Raises EngineError when it cannot answer."""
    import httpx

    env = os.environ if environ is None else environ
    key = env.get(settings.api_key_env)
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    payload = {
        "model": settings.model or "default",
        "temperature": settings.temperature,
        "response_format": {"type": "json_object"},
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
    }
    url = settings.base_url.rstrip("/") + "/chat/completions"
    try:
        response = httpx.post(url, json=payload, headers=headers, timeout=settings.timeout)
    except httpx.HTTPError as exc:
        raise EngineError(f"composition endpoint {url} unreachable: {exc}") from exc
    if response.status_code != 200:
        raise EngineError(
            f"composition endpoint {url} answered HTTP {response.status_code}: "
            f"{response.text[:200]}"
        )
    try:
        return _content(response.json())
    except ValueError as exc:
        raise EngineError(f"composition endpoint {url} answered non-JSON: {exc}") from exc


def parse_draft(answer: str, item: str) -> Draft | Rejection:
    if not answer.strip():
        return Rejection(item, STAGE, "llm_empty_answer", "the model answered nothing")
    try:
        data = json.loads(_json_object(answer))
    except ValueError as exc:
        return Rejection(item, STAGE, "llm_invalid_json", f"{exc}: {answer[:200]!r}")
    try:
        return Draft.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        return Rejection(item, STAGE, "llm_invalid_draft", f"{where}: {first['msg']}")


def draft_page(
    draft: Draft,
    story: Story,
    sources: Sequence[StorySource],
    now: datetime,
    model: str,
    related: Sequence[RelatedRef] = (),
) -> Page:
    """The page of a validated draft, exactly as written (typography aside): verification,
    not this function, decides whether it may be published."""
    sections = tuple(
        Section(
            french(s.heading) if s.heading and i > 0 else None,
            tuple(french(p) for p in s.paragraphs if p.strip()),
        )
        for i, s in enumerate(draft.sections)
    )
    title = french(draft.title)
    return Page(
        slug=make_slug(title, story.id),
        title=title,
        description=french(draft.description),
        chapo=french(draft.chapo),
        sections=sections,
        sources=tuple(source_ref(s) for s in sources),
        published=now,
        updated=now,
        disclosure=disclosure(sources, messages.DISCLOSURE_LLM, model=model or "modèle"),
        story_id=story.id,
        bylines=bylines(sources),
        related=tuple(related),
        language="fr",
    )


def compose_llm_page(
    story: Story,
    sources: Sequence[StorySource],
    settings: LlmSettings,
    *,
    now: datetime,
    length_target: int,
    excerpt_max_words: int,
    related: Sequence[RelatedRef] = (),
    environ: dict[str, str] | None = None,
) -> Composition | Rejection:
    """Ask for a draft and turn it into a page, or refuse the draft with a stable reason."""
    from newsdesk.compose.selection import Selection

    system = SYSTEM_PROMPT.replace("{title_max}", str(TITLE_MAX)).replace(
        "{description_max}", str(DESCRIPTION_MAX)
    )
    answer = request_draft(
        settings, system, prompt(sources, length_target, excerpt_max_words), environ
    )
    draft = parse_draft(answer, item=f"story:{story.id}")
    if isinstance(draft, Rejection):
        log.info("llm_draft_refused", story=story.id, reason=draft.reason)
        return draft
    page = draft_page(draft, story, sources, now, settings.model, related)
    log.info("llm_draft_composed", story=story.id, words=page.word_count)
    return Composition(page, Selection(chapo=[], body=[]), composer="llm")
