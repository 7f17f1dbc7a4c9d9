"""Recall on the labelled defects of the five sample pages (LABELS.md → sample_labels.json)."""

from __future__ import annotations

from newsdesk.detect import CLASSES, detect
from newsdesk.detect.labels import load_labels, recall_by_class

from .conftest import LABELS

MIN_RECALL_PER_CLASS = 0.9  # issue 3


def test_every_labelled_class_is_registered(sample_texts: dict[str, str]) -> None:
    labels = load_labels(LABELS, sample_texts)
    assert {lab.category for lab in labels} <= set(CLASSES)


def test_recall_per_class_on_sample_labels(sample_texts: dict[str, str]) -> None:
    labels = load_labels(LABELS, sample_texts)
    findings = {name: detect(text, language="fr") for name, text in sample_texts.items()}
    recall = recall_by_class(labels, findings)
    for cls, (found, total) in recall.items():
        print(f"{cls:28s} {found}/{total}")
    low = {c: ft for c, ft in recall.items() if ft[0] / ft[1] < MIN_RECALL_PER_CLASS}
    assert not low, f"classes below recall {MIN_RECALL_PER_CLASS}: {low}"


def test_spans_are_exact_excerpts(sample_texts: dict[str, str]) -> None:
    for text in sample_texts.values():
        for f in detect(text, language="fr"):
            assert text[f.start : f.end] == f.excerpt
            assert f.message and f.category in CLASSES
