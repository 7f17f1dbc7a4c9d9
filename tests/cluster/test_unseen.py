"""Story clustering on texts the code was not written against (WMT, french-news-clean)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.cluster import (
    StoryDoc,
    StoryIndex,
    cluster_corpus,
    featurize_many,
    index_from_bytes,
    index_from_records,
    index_to_bytes,
    index_to_records,
)

from .conftest import french_news, wmt_documents

STARTS = [40, 400, 1200, 2000, 2800]  # far apart: different WMT source documents


def test_english_article_and_french_translation_share_a_story(bench_data: Path) -> None:
    pairs = wmt_documents(bench_data, STARTS)
    stories = cluster_corpus([d for pair in pairs for d in pair])
    groups = sorted(sorted(s.members) for s in stories)
    assert groups == sorted(sorted((en.id, fr.id)) for en, fr in pairs)
    assert all(s.languages == ("en", "fr") for s in stories)


@pytest.mark.slow
def test_unrelated_french_articles_stay_apart(bench_data: Path) -> None:
    # 250 professional articles from 2011-2020, mostly unrelated; the one true chain among them
    # is the December 2019 transport strike (19, 25 and 31 December).
    docs = french_news(bench_data, 250)
    stories = cluster_corpus(docs)
    grouped = [s for s in stories if len(s.members) > 1]
    assert len(stories) >= 245
    assert len(grouped) <= 3 and max(len(s.members) for s in grouped) <= 3
    strike = {"fr-news-" + i for i in ("19839", "20104", "19978")}
    assert any(strike <= set(s.members) for s in grouped)


def test_story_id_survives_new_members_and_edited_titles(bench_data: Path) -> None:
    (en, fr), (other, _) = wmt_documents(bench_data, STARTS[:2])
    index = StoryIndex()
    story = index.add(en)
    assert index.add(fr) == story
    # the same article re-read with an edited title keeps its story and the story its id
    assert index.add(replace(en, title="EDITED: " + en.title)) == story
    assert index.stories()[0].title == "EDITED: " + en.title
    # a revised copy (new article id, new title, same text) joins the story
    revised = replace(en, id="en-revised", title="Obama's re-election: a new strategy")
    assert index.add(revised) == story
    assert index.add(other) != story
    assert index.stories()[0].id == story
    assert index.stories()[0].members == (en.id, fr.id, "en-revised")


def test_restored_index_continues_with_the_same_ids(bench_data: Path) -> None:
    pairs = wmt_documents(bench_data, STARTS)
    news = french_news(bench_data, 12)
    first = [en for en, _ in pairs] + news[:6]
    later = [fr for _, fr in pairs] + news[6:]
    features = {f.id: f for f in featurize_many(first + later)}
    original = StoryIndex()
    for doc in first:
        original.add_features(features[doc.id])
    saved = json.loads(json.dumps(index_to_records(original)))  # as a database would keep them
    restored = index_from_records(saved)
    from_bytes = index_from_bytes(index_to_bytes(original))
    assert restored.stories() == original.stories() == from_bytes.stories()
    ids = [[index.add_features(features[d.id]) for d in later] for index in (original, restored)]
    assert ids[0] == ids[1]
    assert restored.stories() == original.stories()
    # the French translations joined the stories their English originals founded
    assert ids[0][: len(pairs)] == [original.story_of(en.id) for en, _ in pairs]


def test_an_article_bridging_two_stories_merges_them(bench_data: Path) -> None:
    (a, _), (b, _) = wmt_documents(bench_data, STARTS[:2])
    bridge = replace(a, id="bridge", title=a.title, text=f"{a.text} {b.title}. {b.text}")
    index = StoryIndex()
    first, second = index.add(a), index.add(b)
    assert first != second
    assert index.add(bridge) == first  # the older story's id lives on
    assert index.aliases() == {second: first}
    assert index.resolve(second) == first
    assert [sorted(s.members) for s in index.stories()] == [sorted([a.id, b.id, "bridge"])]
    restored = index_from_records(index_to_records(index))
    assert restored.aliases() == {second: first}


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        StoryDoc("x", "t", "text", "en", datetime(2024, 1, 1), datetime(2024, 1, 1, tzinfo=UTC))


def test_an_empty_article_opens_its_own_story(bench_data: Path) -> None:
    (en, fr), *_ = wmt_documents(bench_data, STARTS[:1])
    empty = replace(en, id="empty", title="", text="")
    stories = cluster_corpus([en, fr, empty])
    assert sorted(sorted(s.members) for s in stories) == [["empty"], sorted([en.id, fr.id])]
