"""Labelled defects of the bundled sample pages, and recall of the detectors against them.

The labels live in tests/data/detect/sample_labels.json (document, class, exact excerpt); a
label's span is found by searching its excerpt, so the label file stays readable and cannot
drift from the text. Used by the label test and by benchmarks/detectors.py.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsdesk.types import Finding


@dataclass(frozen=True)
class Label:
    document: str
    category: str
    start: int
    end: int
    excerpt: str
    also: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.category, *self.also)


def load_labels(path: Path, texts: dict[str, str]) -> list[Label]:
    """Labels of `path` with spans located in `texts` (document name → text)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for item in data["labels"]:
        text = texts[item["document"]]
        excerpt = item["excerpt"]
        # LABELS.md writes an ordinary space where the page has a no-break space («\u00a0).
        pattern = re.compile(
            "".join("[ \u00a0\u202f]" if ch == " " else re.escape(ch) for ch in excerpt)
        )
        matches = list(pattern.finditer(text))
        n = item.get("occurrence", 1)
        if len(matches) < n:
            raise ValueError(f"label excerpt not found in {item['document']}: {excerpt!r}")
        m = matches[n - 1]
        out.append(
            Label(
                item["document"],
                item["class"],
                m.start(),
                m.end(),
                m.group(0),
                tuple(item.get("also", ())),
            )
        )
    return out


def label_found(label: Label, findings: list[Finding]) -> bool:
    """A label is found when a finding of an accepted class overlaps its span."""
    return any(
        f.category in label.accepted and f.start < label.end and label.start < f.end
        for f in findings
    )


def recall_by_class(
    labels: list[Label], findings: dict[str, list[Finding]]
) -> dict[str, tuple[int, int]]:
    """Class → (labels found, labels) over all documents."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for label in labels:
        total[label.category] += 1
        if label_found(label, findings[label.document]):
            found[label.category] += 1
    return {c: (found[c], total[c]) for c in sorted(total)}
