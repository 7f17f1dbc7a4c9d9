"""One reading per span: when two whole-span classes claim overlapping text, keep the stronger.

A leaked English instruction in a French article is also "a sentence in another language";
"Je suis un expert en paraphrase" is also first-person narration. Reporting both is noise, so
among the *exclusive* classes (those that say what a whole sentence or line is) the one
earlier in PRIORITY wins. Token-level classes (quotes, calques) describe something inside a
sentence and are kept alongside, except a calque on the very words already reported as
misplaced quotes.
"""

from __future__ import annotations

from newsdesk.types import Finding

PRIORITY = (
    "leaked-instruction",
    "model-self-talk",
    "auto-republish-disclaimer",
    "impersonation",
    "persona-leak",
    "injected-opinion",
    "byline-in-body",
    "inline-related-link",
    "boilerplate",
    "metadata-residue",
    "title-suffix",
    "repeated-title",
    "untranslated-fragment",
)
_RANK = {name: i for i, name in enumerate(PRIORITY)}


def _overlaps(a: Finding, b: Finding) -> bool:
    return a.start < b.end and b.start < a.end


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    exclusive = sorted(
        (f for f in findings if f.category in _RANK), key=lambda f: (_RANK[f.category], f.start)
    )
    kept: list[Finding] = []
    for f in exclusive:
        if any(_overlaps(f, k) and k.category != f.category for k in kept):
            continue
        if any(_overlaps(f, k) and k.category == f.category for k in kept):
            continue  # the same class found twice on one span (two patterns)
        kept.append(f)
    others = [f for f in findings if f.category not in _RANK]
    misplaced = [f for f in others if f.category == "misplaced-quotes"]
    for f in others:
        if f.category == "mt-calque" and any(_overlaps(f, m) for m in misplaced):
            continue
        if any(_overlaps(f, k) and k.category == f.category for k in kept):
            continue
        kept.append(f)
    return kept
