"""Non-content lines (a publisher's template) and the template lines two articles share.

A *non-content line* is a line of the extracted text that is not a sentence of the article:
short, and either ending without sentence punctuation (a heading, a related-article link, a
share prompt ending in ":") or starting like a link ("En savoir plus", "Lire aussi", "Read
more"). The title line (the first line, or a line equal to the title) is excluded: copies
share titles, not templates. Such a line proves a shared template only when the same
normalised line appears in two or more documents; a line that many documents carry ("Source
link", "Skip to content") is weak evidence of any one publisher, so lines shorter than
`MIN_WORDS` are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.link.normalize import key, tokens

# A line of more than 25 words is a paragraph, not a template element; related-article links
# in the samples are 12-20 words ("En savoir plus Les États-Unis ont du mal à expliquer...").
MAX_WORDS = 25
# Below 4 words a line is generic CMS text shared by unrelated sites ("Skip to content", "RT").
MIN_WORDS = 4
# Line openings that mark a link to another article, in French and English news sites.
LINK_PREFIXES = (
    "en savoir plus",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "lire la suite",
    "read more",
    "read also",
    "see also",
    "related",
)
_SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")


@dataclass(frozen=True)
class TemplateLine:
    start: int
    end: int
    text: str
    key: str  # normalised words


def is_non_content(line: str) -> bool:
    """Whether a line looks like a template element rather than a sentence of the article."""
    words = tokens(line)
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    lowered = " ".join(words)
    if any(lowered.startswith(p) for p in LINK_PREFIXES):
        return True
    return not _SENTENCE_END.search(line)


def template_lines(text: str, title: str = "") -> list[TemplateLine]:
    """The non-content lines of `text` (title line excluded), with their spans."""
    out: list[TemplateLine] = []
    title_key = key(title)
    pos = 0
    first = True
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            continue
        if first:
            first = False
            continue
        k = key(stripped)
        if k == title_key or not is_non_content(stripped):
            continue
        s = start + raw.index(stripped)
        out.append(TemplateLine(start=s, end=s + len(stripped), text=stripped, key=k))
    return out


# A line carried by more documents than this is a site-wide element of many pages; pairs are
# still linked, but as a star around the first document instead of every pair.
MAX_PAIRWISE_GROUP = 50


def shared_template_pairs(
    lines: list[list[TemplateLine]],
) -> dict[tuple[int, int], list[tuple[TemplateLine, TemplateLine]]]:
    """Group phase: document pairs (a < b) that carry the same non-content line, with the
    lines (one pair of lines per shared key)."""
    postings: dict[str, list[tuple[int, TemplateLine]]] = {}
    for doc, doc_lines in enumerate(lines):
        seen: set[str] = set()
        for line in doc_lines:
            if line.key not in seen:
                seen.add(line.key)
                postings.setdefault(line.key, []).append((doc, line))
    out: dict[tuple[int, int], list[tuple[TemplateLine, TemplateLine]]] = {}
    for group in postings.values():
        if len(group) < 2:
            continue
        heads = group if len(group) <= MAX_PAIRWISE_GROUP else group[:1]
        for x, (a, la) in enumerate(heads):
            for b, lb in group[x + 1 :]:
                out.setdefault((a, b), []).append((la, lb))
    return out
