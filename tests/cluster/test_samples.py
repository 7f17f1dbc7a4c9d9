"""The bundled samples' known story relations (LABELS.md, "How the five relate")."""

from __future__ import annotations

import random

from newsdesk.cluster import StoryDoc, StoryIndex, cluster_corpus, story_id_for


def test_samples_form_the_labelled_stories(samples: list[StoryDoc]) -> None:
    stories = cluster_corpus(samples)
    groups = sorted(sorted(s.members) for s in stories)
    assert groups == [["000", "001", "002"], ["003"], ["004"]]


def test_corpus_result_does_not_depend_on_input_order(samples: list[StoryDoc]) -> None:
    shuffled = list(samples)
    random.Random(3).shuffle(shuffled)
    assert cluster_corpus(shuffled) == cluster_corpus(samples)


def test_story_fields_come_from_members(samples: list[StoryDoc]) -> None:
    story = next(s for s in cluster_corpus(samples) if "000" in s.members)
    founder = story.members[0]
    assert founder == "001"  # May 2023 (month only, counted as 1 May) precedes 24 May
    assert story.id == story_id_for(founder) and story.lead == founder
    assert story.title == next(d.title for d in samples if d.id == founder).strip()
    assert story.languages == ("fr",)
    assert story.first_seen.isoformat() == "2023-05-01T00:00:00+00:00"
    assert story.last_seen.isoformat() == "2023-06-01T00:00:00+00:00"


def test_incremental_add_matches_corpus(samples: list[StoryDoc]) -> None:
    index = StoryIndex()
    ids = index.add_many(sorted(samples, key=lambda d: d.time))
    assert len(set(ids)) == 3
    assert sorted(sorted(s.members) for s in index.stories()) == [
        ["000", "001", "002"],
        ["003"],
        ["004"],
    ]
