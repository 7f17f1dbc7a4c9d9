"""From a story to a page decision: gather its French sources, compose, verify, publish or hold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from newsdesk.compose.llm import LlmSettings, compose_llm_page
from newsdesk.compose.story_page import Composition, compose_story_page
from newsdesk.config import Settings
from newsdesk.desk.editorial import Editorial, apply_editorial
from newsdesk.desk.sources import StoryMaterial
from newsdesk.errors import EngineError
from newsdesk.store.records import PageRecord, PageStatus
from newsdesk.types import Check, Page, Rejection, RelatedRef, Story, Verdict, VerdictStatus
from newsdesk.verify import MaterialNote, verify_story_page
from newsdesk.verify.checks import verdict_of


@dataclass(frozen=True)
class PageDecision:
    article_ids: tuple[str, ...]
    page: Page | None  # None when no member can be read in French (waiting for translation)
    verdict: Verdict
    story_id: str | None = None

    @property
    def published(self) -> bool:
        return self.page is not None and self.verdict.status == VerdictStatus.PASS

    def record(self) -> PageRecord:
        assert self.page is not None, "a page waiting for translation has no record"
        return PageRecord(
            page=self.page,
            verdict=self.verdict,
            status=PageStatus.from_verdict(self.verdict),
            article_ids=self.article_ids,
        )


def material_note(composition_selection: object, sources_screened: int) -> MaterialNote:
    selection = composition_selection
    return MaterialNote(
        available_words=getattr(selection, "available_words", 0),
        duplicates=getattr(selection, "duplicates", 0),
        screened_out=sources_screened,
        licence_capped_words=sum(getattr(selection, "licence_capped", {}).values()),
    )


def decide_story(
    story: Story,
    material: StoryMaterial,
    settings: Settings,
    now: datetime,
    related: Sequence[RelatedRef] = (),
    editorial: Editorial | None = None,
) -> PageDecision:
    """Compose and verify the page of one story (or say why it cannot be composed).

    `editorial` carries an editor's standing edits and rejection of the story's earlier page:
    they are applied to the new composition *before* verification, so an edited title is
    checked against the new sources like any other."""
    if not material.sources:
        return PageDecision(
            story.members, None, verdict_of(list(material.holds)), story_id=story.id
        )
    composed = compose(story, material, settings, now, related)
    if isinstance(composed, Check):  # the llm composer refused its draft or could not answer
        return PageDecision(
            story.members, None, verdict_of([*material.holds, composed]), story_id=story.id
        )
    composition = composed
    editor_checks: list[Check] = []
    if editorial is not None:
        page, editor_checks = apply_editorial(composition.page, editorial)
        composition = replace(composition, page=page)
    screened_out = sum(len(s.screened.dropped) for s in material.sources)
    verdict = verify_story_page(
        composition.page,
        material.sources,
        length_target=settings.compose.length_target,
        hold_short_pages=settings.compose.hold_short_pages,
        excerpt_max_words=settings.compose.excerpt_max_words,
        excerpt_max_share=settings.compose.excerpt_max_share,
        material=material_note(composition.selection, screened_out),
    )
    if material.holds or editor_checks:
        verdict = verdict_of(list(verdict.checks) + list(material.holds) + editor_checks)
    return PageDecision(story.members, composition.page, verdict, story_id=story.id)


def compose(
    story: Story,
    material: StoryMaterial,
    settings: Settings,
    now: datetime,
    related: Sequence[RelatedRef],
) -> Composition | Check:
    """The configured composer's page, or the HOLD check saying why there is none.

    `compose.composer` ("extractive", the default, or "llm") and the `compose.llm_*` settings
    choose and configure it."""
    name = settings.compose.composer
    if name != "llm":
        return compose_story_page(
            story,
            material.sources,
            now=now,
            length_target=settings.compose.length_target,
            excerpt_max_words=settings.compose.excerpt_max_words,
            related=related,
        )
    llm = LlmSettings(
        base_url=settings.compose.llm_base_url,
        model=settings.compose.llm_model,
        api_key_env=settings.compose.llm_api_key_env,
        timeout=settings.compose.llm_timeout,
    )
    try:
        result = compose_llm_page(
            story,
            material.sources,
            llm,
            now=now,
            length_target=settings.compose.length_target,
            excerpt_max_words=settings.compose.excerpt_max_words,
            related=related,
        )
    except EngineError as exc:
        return Check("llm_engine_unavailable", str(exc), VerdictStatus.HOLD)
    if isinstance(result, Rejection):
        return Check(result.reason, result.detail, VerdictStatus.HOLD)
    return result


def with_checks(decision: PageDecision, extra: Sequence[Check]) -> PageDecision:
    if not extra:
        return decision
    return replace(decision, verdict=verdict_of(list(decision.verdict.checks) + list(extra)))
