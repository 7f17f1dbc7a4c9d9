"""A story's members as French `StorySource`s: French articles as they are, foreign ones through
the configured translation engine (and the store's translation cache).

With no engine configured, a foreign member cannot be used; the story is held with the reason
`no_translation_engine` and the configuration lines that would enable one. A translation the
checks refused, or an engine that cannot be reached, holds the story with its own reason; the
cycle goes on with the other stories.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from newsdesk.compose.material import StorySource
from newsdesk.errors import EngineError
from newsdesk.log import get_logger
from newsdesk.store import Store
from newsdesk.translate import (
    ENABLE_HINT,
    NO_ENGINE,
    TranslationEngine,
    translate_segments,
)
from newsdesk.types import Article, Check, Rejection, Story, VerdictStatus

log = get_logger(__name__)

SITE_LANGUAGE = "fr"
TRANSLATION_REJECTED = "translation_rejected"
ENGINE_UNAVAILABLE = "translation_engine_unavailable"


@dataclass
class StoryMaterial:
    sources: list[StorySource]
    holds: list[Check] = field(default_factory=list)  # why some members could not be used


def _ordered(story: Story, articles: Mapping[str, Article]) -> list[Article]:
    """Lead first, then by publication time: the lead sets the page's backbone."""
    members = [articles[a] for a in story.members if a in articles]
    epoch = datetime.min.replace(tzinfo=UTC)
    members.sort(key=lambda a: (a.id != story.lead, a.published or epoch, a.id))
    return members


def no_engine_check(article: Article) -> Check:
    return Check(
        code=NO_ENGINE,
        message=(
            f"Source en {article.language or '?'} non traduite : aucun moteur de traduction "
            f"configuré. Ajoutez à newsdesk.toml :\n{ENABLE_HINT}"
        ),
        status=VerdictStatus.HOLD,
        excerpt=article.title,
    )


def story_material(
    story: Story,
    articles: Mapping[str, Article],
    publishers: Mapping[str, str | None],
    engine: TranslationEngine | None,
    store: Store,
) -> StoryMaterial:
    """The story's sources in French, and a HOLD check for every member left out."""
    material = StoryMaterial(sources=[])
    for article in _ordered(story, articles):
        publisher = publishers.get(article.source_id) or article.site_name
        if article.language == SITE_LANGUAGE:
            material.sources.append(StorySource(article, publisher=publisher))
            continue
        if engine is None:
            material.holds.append(no_engine_check(article))
            continue
        source = translated(article, publisher, engine, store, material.holds)
        if source is not None:
            material.sources.append(source)
    return material


def translated(
    article: Article,
    publisher: str | None,
    engine: TranslationEngine,
    store: Store,
    holds: list[Check],
) -> StorySource | None:
    segments: Sequence[str] = (article.title, *(p.text for p in article.paragraphs))
    try:
        result = translate_segments(
            article.id,
            tuple(segments),
            article.language or "und",
            SITE_LANGUAGE,
            engine,
            store.translations,
            item=article.url,
        )
    except EngineError as exc:
        log.warning("translation_engine_unavailable", article=article.id, error=str(exc))
        holds.append(
            Check(
                ENGINE_UNAVAILABLE,
                f"Moteur de traduction indisponible : {exc}",
                VerdictStatus.HOLD,
                excerpt=article.title,
            )  # fmt: skip
        )
        return None
    if isinstance(result, Rejection):
        holds.append(
            Check(
                TRANSLATION_REJECTED,
                f"Traduction refusée ({result.reason}) : {result.detail}",
                VerdictStatus.HOLD,
                excerpt=article.title,
            )  # fmt: skip
        )
        return None
    return StorySource(
        article,
        publisher=publisher,
        title_fr=result.segments[0],
        paragraphs_fr=tuple(result.segments[1:]),
        translated_by=f"{result.engine} {result.engine_version}".strip(),
    )
