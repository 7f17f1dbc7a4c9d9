"""Defect detectors: find, with exact spans, what automated republishing leaves in a text.

    detect(text, language=None, title=None) -> list[Finding]   sorted by start
    CLASSES: dict[str, DefectClass]                            every class, for docs and --fail-on

`text` is the document as extracted, *without* cleaning; for plain-text pages its first line
is the title. Every finding's `start`/`end` are character offsets into `text` and
`text[start:end] == excerpt`. One module per family registers its classes and its detector:

    leaked_instruction  leaked-instruction
    self_talk           model-self-talk
    first_person        injected-opinion, persona-leak, impersonation
    untranslated        untranslated-fragment
    quotes              unbalanced-quotes, misplaced-quotes
    boilerplate         boilerplate, inline-related-link, metadata-residue
    titles              repeated-title, title-suffix
    byline              byline-in-body
    disclaimer          auto-republish-disclaimer
    calque              mt-calque (info: best effort, lower confidence)
"""

from __future__ import annotations

from newsdesk.detect import (  # noqa: F401  (importing a module registers its classes)
    boilerplate,
    byline,
    calque,
    disclaimer,
    first_person,
    leaked_instruction,
    quotes,
    self_talk,
    titles,
    untranslated,
)
from newsdesk.detect.document import Document
from newsdesk.detect.overlap import resolve_overlaps
from newsdesk.detect.registry import CLASSES, DETECTORS, DefectClass
from newsdesk.log import get_logger
from newsdesk.types import Finding

__all__ = ["CLASSES", "DefectClass", "Finding", "detect", "detect_document"]

log = get_logger(__name__)


def detect(
    text: str,
    *,
    language: str | None = None,
    title: str | None = None,
    url: str | None = None,
    html: bool = False,
) -> list[Finding]:
    """Every defect found in `text`, sorted by start offset.

    `language` is the ISO 639-1 code of the article if known (identified otherwise); `title` is
    the headline if the caller knows it (otherwise the first line is taken as the title); `url`
    the page's address if it has one, `html` whether the text was extracted from a web page.
    """
    return detect_document(Document(text, language=language, title=title, url=url, html=html))


def detect_document(doc: Document, only: frozenset[str] | None = None) -> list[Finding]:
    """Run the registered detectors (or the families in `only`) on a prepared Document."""
    found: list[Finding] = []
    for name, fn in DETECTORS.items():
        if only is not None and name not in only:
            continue
        found.extend(fn(doc))
    kept = resolve_overlaps(found)
    kept.sort(key=lambda f: (f.start, f.end, f.category))
    return kept
