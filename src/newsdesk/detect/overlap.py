"""One reading per span: when two whole-span classes claim overlapping text, keep the stronger.

A leaked English instruction in a French article is also "a sentence in another language";
"Je suis un expert en paraphrase" is also first-person narration. Reporting both is noise, so
among the *exclusive* classes (those that say what a whole sentence or line is) the one
earlier in PRIORITY wins. Token-level classes (quotes, calques) describe something inside a
sentence and are kept alongside, except misplaced quotes on the very words a calque already
explains ("est « va procéder" is the English "is going to", quotation marks included).
"""

from __future__ import annotations

from newsdesk.types import Finding

PRIORITY = (
    "leaked-instruction",
    "model-self-talk",
    "auto-republish-disclaimer",
    "byline-in-body",
    "inline-related-link",
    "boilerplate",
    "metadata-residue",
    "title-suffix",
    "repeated-title",
    "untranslated-fragment",  # a French sentence in an English page is not the narrator's "je"
    "impersonation",
    "persona-leak",
    "injected-opinion",
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
    calques = [f for f in others if f.category == "mt-calque"]
    for f in others:
        # "est « va procéder": the calque explains the misplaced mark; report it once.
        if f.category == "misplaced-quotes" and any(_overlaps(f, c) for c in calques):
            continue
        if any(_overlaps(f, k) and k.category == f.category for k in kept):
            continue
        kept.append(f)
    return kept
