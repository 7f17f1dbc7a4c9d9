"""The extractive composer on real articles it was not written against (french-news-clean
pseudo-stories) and on the samples: SEO limits, new headlines, no repetition, licence caps,
screened sentences never copied."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

from newsdesk.compose.material import StorySource
from newsdesk.compose.story_page import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    compose_story_page,
    too_close,
)
from newsdesk.compose.text import is_dependent
from newsdesk.compose.typography import french
from newsdesk.detect import detect
from newsdesk.language import split_sentences
from newsdesk.types import Licence, Story
from newsdesk.verify.normalize import fold_text

NOW = datetime(2024, 6, 1, tzinfo=UTC)
ATTRIBUTION = re.compile(r"^selon [^,]{1,60}, ")


def story_of(articles) -> Story:  # type: ignore[no-untyped-def]
    return Story(
        id=articles[0].id,
        members=tuple(a.id for a in articles),
        title=articles[0].title,
        languages=("fr",),
        first_seen=NOW,
        last_seen=NOW,
        lead=articles[0].id,
    )


def compose(articles, target: int = 700, excerpt: int = 60):  # type: ignore[no-untyped-def]
    sources = [StorySource(a, publisher=a.site_name) for a in articles]
    return compose_story_page(
        story_of(articles), sources, now=NOW, length_target=target, excerpt_max_words=excerpt
    )


def test_seo_fields_and_headings_on_real_articles(clean_stories) -> None:  # type: ignore[no-untyped-def]
    for articles in clean_stories:
        page = compose(articles).page
        assert 0 < len(page.title) <= TITLE_MAX, page.title
        assert 0 < len(page.description) <= DESCRIPTION_MAX
        assert page.slug and page.slug.endswith(page.story_id[:6])  # type: ignore[index]
        for article in articles:
            assert not too_close(page.title, article.title), (page.title, article.title)
        # A headline or subheading must stand alone: not "Il a toutefois averti que…".
        for line in (page.title, *(s.heading for s in page.sections if s.heading)):
            assert not is_dependent(line), line
        for section in page.sections[1:]:
            assert section.heading and fold_text(section.heading) not in {
                "introduction",
                "conclusion",
            }
        assert page.bylines[0] == "Rédaction newsdesk"
        assert "composée automatiquement" in page.disclosure
        assert len(page.sources) == len(articles)
        # French typography, idempotent on every field
        for text in (page.title, page.chapo, *(p for s in page.sections for p in s.paragraphs)):
            assert french(text) == text


def test_every_body_sentence_is_copied_from_a_source(clean_stories) -> None:  # type: ignore[no-untyped-def]
    for articles in clean_stories[:15]:
        page = compose(articles).page
        sources = fold_text(" ".join(a.text for a in articles))
        for section in page.sections:
            for paragraph in section.paragraphs:
                for start, end in split_sentences(paragraph):
                    sentence = ATTRIBUTION.sub("", fold_text(paragraph[start:end]))
                    assert sentence in sources, sentence


def test_no_sentence_repeated_across_sources(clean_stories) -> None:  # type: ignore[no-untyped-def]
    articles = clean_stories[0]
    twice = [articles[0], replace(articles[0], url=articles[0].url + "?copy", raw_id="copy")]
    composition = compose(twice)
    paragraphs = [p for s in composition.page.sections for p in s.paragraphs]
    assert composition.selection.duplicates > 0
    assert len(paragraphs) == len(set(paragraphs))


def test_excerpt_sources_give_at_most_their_word_budget(clean_stories) -> None:  # type: ignore[no-untyped-def]
    articles = [replace(a, licence=Licence.EXCERPT) for a in clean_stories[1]]
    composition = compose(articles, excerpt=40)
    body = composition.selection.body
    for index in range(len(articles)):
        assert sum(u.words for u in body if u.source == index) <= 40
    assert composition.selection.licence_capped


def test_belgorod_story_from_three_samples(sample_stories) -> None:  # type: ignore[no-untyped-def]
    belgorod = sample_stories[0]
    composition = compose(belgorod)
    page = composition.page
    assert page.word_count >= 700
    assert len(page.sources) == 3
    assert len(page.sections) >= 3 and all(s.heading for s in page.sections[1:])
    text = page.title + "\n\n" + page.body_text
    assert detect(text, language="fr") == []
    for residue in ("Customize this title", "Make this article", "Source link", "[this week]"):
        assert residue not in text
    # who reported what: the secondary sources are attributed
    assert "Selon RT" in page.body_text


def test_screened_sentences_are_never_copied(sample_stories) -> None:  # type: ignore[no-untyped-def]
    for articles in sample_stories:
        sources = [StorySource(a, publisher=a.site_name) for a in articles]
        page = compose(articles).page
        body = fold_text(page.body_text)
        for source in sources:
            for dropped in source.screened.dropped:
                if len(dropped.text.split()) >= 5:
                    assert fold_text(dropped.text) not in body, dropped
