"""The comparison form of text: what may differ between a page and its source without the page
saying anything different — quotation-mark shapes, apostrophes, spaces (including the
non-breaking ones French typography adds), dashes, letter case and accents.

`fold_text` keeps words and their order, so a quotation is "found in a source" exactly when its
folded form is a substring of the source's folded form.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTE_MARKS = re.compile(r"[«»“”„‟\"‹›]")
_APOSTROPHES = re.compile(r"[’‘`´ʼ′]")
_DASHES = re.compile(r"[–—‐‑‒]")
_ELLIPSIS = re.compile(r"…|\.\.\.")
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[,.;:!?)\]])")
_SPACE_AFTER_OPEN = re.compile(r"(?<=[(\[]) ")


def fold_text(text: str) -> str:
    """Lower-case, accent-free, one kind of apostrophe, no quotation marks, single spaces."""
    out = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in out if not unicodedata.combining(c)).lower()
    out = _QUOTE_MARKS.sub(" ", out)
    out = _APOSTROPHES.sub("'", out)
    out = _DASHES.sub("-", out)
    out = _ELLIPSIS.sub(" ... ", out)
    out = _SPACE.sub(" ", out)
    out = _SPACE_BEFORE_PUNCT.sub("", out)
    out = _SPACE_AFTER_OPEN.sub("", out)
    return out.strip()


def pieces(quotation: str) -> list[str]:
    """The parts of a quotation between elisions ("…", "(...)", "[…]"), folded: each part must
    be found in the source, not the whole (the elision marks a cut)."""
    folded = fold_text(quotation)
    parts = re.split(r"\s*[(\[]?\s*\.\.\.\s*[)\]]?\s*", folded)
    return [p.strip(" ,;:.") for p in parts if len(p.strip(" ,;:.")) >= 2]
