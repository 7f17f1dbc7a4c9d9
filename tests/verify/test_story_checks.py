"""verify_story_page on the samples' story pages: clean pages pass; each kind of planted error
is caught with its code, at the exact span of `Page.body_text`."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from newsdesk.types import Licence, VerdictStatus
from newsdesk.verify import verify_page, verify_story_page
from newsdesk.verify.planting import CLASSES, _with_paragraph, plant


def verify(bp, **kw):  # type: ignore[no-untyped-def]
    return verify_story_page(bp.page, bp.sources, hold_short_pages=False, **kw)


def test_clean_sample_pages_pass(sample_pages) -> None:  # type: ignore[no-untyped-def]
    for bp in sample_pages:
        verdict = verify(bp)
        assert verdict.status == VerdictStatus.PASS, verdict.reasons
    belgorod = sample_pages[0]
    strict = verify_story_page(belgorod.page, belgorod.sources, length_target=700)
    assert strict.status == VerdictStatus.PASS  # the Belgorod page reaches 700 words


def test_page_only_verification_still_works(sample_pages) -> None:  # type: ignore[no-untyped-def]
    assert verify_page(sample_pages[0].page).status == VerdictStatus.PASS


def test_changed_figure_points_at_its_span(sample_pages) -> None:  # type: ignore[no-untyped-def]
    bp = sample_pages[0]
    for s, section in enumerate(bp.page.sections):
        for p, paragraph in enumerate(section.paragraphs):
            if "plus de 70" in paragraph:
                page = _with_paragraph(bp.page, s, p, paragraph.replace("plus de 70", "plus de 97"))
                break
        else:
            continue
        break
    verdict = verify_story_page(page, bp.sources, hold_short_pages=False)
    assert verdict.status == VerdictStatus.FAIL
    check = next(c for c in verdict.checks if c.code == "figure_not_in_source")
    assert page.body_text[check.start : check.end] == "97"


@pytest.mark.parametrize("category", CLASSES)
def test_each_planted_class_is_caught(sample_pages, category: str) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(category)
    caught = 0
    for bp in sample_pages:
        for _ in range(3):
            planted = plant(bp.page, category, rng, ["Sophie Lavergne", "Karim Benhadj"])
            if planted is None:
                continue
            verdict = verify_story_page(planted.page, bp.sources, hold_short_pages=False)
            assert verdict.status != VerdictStatus.PASS, planted.detail
            assert set(verdict.reasons) & planted.expected, (planted.detail, verdict.reasons)
            caught += 1
    assert caught


def test_excerpt_source_copied_beyond_its_share_is_held(sample_pages) -> None:  # type: ignore[no-untyped-def]
    bp = sample_pages[2]  # 004: one source
    sources = [replace(s, article=replace(s.article, licence=Licence.EXCERPT)) for s in bp.sources]
    verdict = verify_story_page(bp.page, sources, hold_short_pages=False)
    assert "excerpt_copied" in verdict.reasons


def test_short_page_says_why(sample_pages) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.verify import MaterialNote

    bp = sample_pages[1]
    note = MaterialNote(available_words=372, duplicates=0, screened_out=8)
    held = verify_story_page(bp.page, bp.sources, length_target=700, material=note)
    check = next(c for c in held.checks if c.code == "length_short")
    assert held.status == VerdictStatus.HOLD and "372" in check.message
    published = verify_story_page(
        bp.page, bp.sources, length_target=700, hold_short_pages=False, material=note
    )
    assert published.status == VerdictStatus.PASS
    assert any(c.code == "length_short" for c in published.checks)  # said, not hidden


def test_generic_heading_and_copied_title_are_held(sample_pages) -> None:  # type: ignore[no-untyped-def]
    bp = sample_pages[0]
    sections = list(bp.page.sections)
    sections[1] = replace(sections[1], heading="Conclusion")
    page = replace(bp.page, sections=tuple(sections), title=bp.sources[1].article.title[:70])
    verdict = verify_story_page(page, bp.sources, hold_short_pages=False)
    assert {"generic_heading", "title_copies_source"} <= set(verdict.reasons)
