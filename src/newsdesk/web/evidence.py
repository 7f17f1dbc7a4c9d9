"""Put a composed page beside its sources: every quotation, figure and name of the page is linked
to the place it was found in a source, findings are marked where they are, and what could not be
found is marked as such. Pure text work, no HTML: the template renders the segments escaped.

Offsets follow `Page.body_text` (chapô, headings and paragraphs joined by blank lines), the
convention `Check.start`/`end` use; source offsets follow `Article.text`, the one findings use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from newsdesk.types import Article, Check, Finding, Page

QUOTE = re.compile(r"«\s*([^»]{3,}?)\s*»|“([^”]{3,}?)”|\"([^\"]{3,}?)\"")
FIGURE = re.compile(r"(?<![\w])\d(?:[\d\u00a0\u202f ,.]*\d)?(?:\s?%)?")
NAME = re.compile(
    r"\b[A-ZÀ-ÖØ-Þ][\w’'-]{2,}(?:\s+(?:de |du |des |la |le |von |van )?[A-ZÀ-ÖØ-Þ][\w’'-]+)*"
)
PRIORITY = {"finding": 0, "quote": 1, "figure": 2, "name": 3}
FIGURE_SEPARATORS = r"[\u00a0\u202f ,.]?"


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # "finding", "quote", "figure", "name"
    found: bool = True  # for quote/figure/name: was it found in a source?
    href: str | None = None  # anchor of the place it was found
    anchor: str | None = None  # id given to this span (in a source)
    note: str = ""


@dataclass(frozen=True)
class Segment:
    text: str
    mark: Mark | None = None


@dataclass
class Block:
    kind: str  # "chapo", "heading", "paragraph"
    segments: list[Segment]


@dataclass
class SourcePanel:
    article_id: str
    title: str
    publisher: str | None
    url: str | None
    language: str | None
    blocks: list[Block] = field(default_factory=list)
    available: bool = True
    # The source's own title with its findings marked (a prompt glued to it, say), when a
    # finding is in it; the panel shows `title` (what readers see) otherwise.
    original_title: list[Segment] = field(default_factory=list)


@dataclass
class Review:
    page_blocks: list[Block]
    sources: list[SourcePanel]
    found: int
    missing: int


def page_parts(page: Page) -> list[tuple[str, str]]:
    """(kind, text) in the order and with the filtering of `Page.body_text`."""
    parts = [("chapo", page.chapo)]
    for section in page.sections:
        if section.heading:
            parts.append(("heading", section.heading))
        parts.extend(("paragraph", p) for p in section.paragraphs)
    return [(k, t) for k, t in parts if t]


def _segments(text: str, offset: int, marks: Sequence[Mark]) -> list[Segment]:
    out: list[Segment] = []
    cursor = 0
    for mark in marks:
        start, end = mark.start - offset, mark.end - offset
        if end <= 0 or start >= len(text) or start < cursor:
            continue
        start = max(start, 0)
        end = min(end, len(text))
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], mark))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out


def _blocks(parts: list[tuple[str, str]], marks: list[Mark]) -> list[Block]:
    ordered = sorted(marks, key=lambda m: (m.start, m.end))
    blocks, offset = [], 0
    for kind, text in parts:
        inside = [m for m in ordered if m.start < offset + len(text) and m.end > offset]
        blocks.append(Block(kind, _segments(text, offset, inside)))
        offset += len(text) + 2
    return blocks


def _non_overlapping(marks: Iterable[Mark]) -> list[Mark]:
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (PRIORITY[m.kind], m.start, -(m.end - m.start))):
        if all(mark.end <= k.start or mark.start >= k.end for k in kept):
            kept.append(mark)
    return kept


def _keep_anchors(marks: list[Mark]) -> tuple[list[Mark], dict[str, str]]:
    """Non-overlapping marks of one source, and where each dropped anchor now points: a dropped
    evidence span lends its anchor to the kept mark that covers it (or uses that mark's)."""
    kept = _non_overlapping(marks)
    remap: dict[str, str] = {}
    kept_ids = {id(m) for m in kept}
    for mark in marks:
        if id(mark) in kept_ids or mark.anchor is None:
            continue
        for i, other in enumerate(kept):
            if other.start < mark.end and mark.start < other.end:
                if other.anchor is None:
                    kept[i] = replace(other, anchor=mark.anchor)
                    remap[mark.anchor] = mark.anchor
                else:
                    remap[mark.anchor] = other.anchor
                break
    return kept, remap


def _figure_pattern(figure: str) -> re.Pattern[str]:
    digits = re.sub(r"\D", "", figure)
    return re.compile(r"(?<!\d)" + FIGURE_SEPARATORS.join(digits) + r"(?!\d)")


def _find(needle: str, texts: Mapping[str, str], kind: str) -> tuple[str, int, int] | None:
    """(article id, start, end) of the first source where `needle` occurs."""
    if kind == "figure":
        pattern = _figure_pattern(needle)
        for article_id, text in texts.items():
            match = pattern.search(text)
            if match:
                return article_id, match.start(), match.end()
        return None
    for article_id, text in texts.items():
        at = text.find(needle)
        if at >= 0:
            return article_id, at, at + len(needle)
    folded = needle.casefold()
    for article_id, text in texts.items():
        at = text.casefold().find(folded)
        if at >= 0:
            return article_id, at, at + len(needle)
    return None


def _claims(body: str, tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every quotation, figure and name in the page body."""
    claims: list[tuple[str, int, int]] = []
    for match in QUOTE.finditer(body):
        group = next(g for g in (1, 2, 3) if match.group(g))
        claims.append(("quote", match.start(group), match.end(group)))
    for match in FIGURE.finditer(body):
        if re.sub(r"\D", "", match.group()):
            end = match.end() - (len(match.group()) - len(match.group().rstrip(" ,.")))
            claims.append(("figure", match.start(), end))
    for match in NAME.finditer(body):
        start, text = match.start(), match.group()
        before = body[:start].rstrip(" ")
        if not before or before[-1] in ".!?\n»":  # a sentence's first word is capitalised anyway
            first, _, rest = text.partition(" ")
            if not rest:
                continue
            start, text = start + len(first) + 1, rest.lstrip()
        claims.append(("name", start, start + len(text)))
    for tag in tags:
        for match in re.finditer(re.escape(tag), body):
            claims.append(("name", match.start(), match.end()))
    return claims


def review(
    page: Page,
    checks: Sequence[Check],
    articles: Mapping[str, Article],
    source_findings: Mapping[str, Sequence[Finding]],
) -> Review:
    parts = page_parts(page)
    body = "\n\n".join(t for _, t in parts)
    texts = {
        s.article_id: articles[s.article_id].text for s in page.sources if s.article_id in articles
    }
    page_marks: list[Mark] = [
        Mark(c.start, c.end, "finding", note=f"{c.code} : {c.message}")
        for c in checks
        if c.start is not None and c.end is not None and c.end > c.start
    ]
    source_marks: dict[str, list[Mark]] = {a: [] for a in texts}
    found = missing = 0
    for kind, start, end in _claims(body, page.tags):
        hit = _find(body[start:end], texts, kind)
        if hit is None:
            page_marks.append(
                Mark(start, end, kind, found=False, note="introuvable dans les sources")
            )
            missing += 1
            continue
        article_id, s_start, s_end = hit
        anchor = f"ev-{article_id}-{s_start}"
        page_marks.append(Mark(start, end, kind, href=f"#{anchor}", note="trouvé dans la source"))
        source_marks[article_id].append(Mark(s_start, s_end, kind, anchor=anchor))
        found += 1
    panels = []
    remap: dict[str, str] = {}
    for source in page.sources:
        panel = SourcePanel(
            source.article_id, source.title, source.publisher, source.url, source.language
        )
        article = articles.get(source.article_id)
        if article is None:
            panel.available = False
        else:
            findings = source_findings.get(source.article_id, ())
            marks = source_marks.get(source.article_id, []) + [
                Mark(f.start, f.end, "finding", note=f"{f.category} : {f.message}")
                for f in findings
                if f.part == "text"
            ]
            in_title = [
                Mark(f.start, f.end, "finding", note=f"{f.category} : {f.message}")
                for f in findings
                if f.part == "title" and f.end > f.start
            ]
            if in_title:
                panel.original_title = _segments(article.title, 0, _non_overlapping(in_title))
            kept, moved = _keep_anchors(marks)
            remap.update(moved)
            panel.blocks = _blocks([("paragraph", p.text) for p in article.paragraphs], kept)
        panels.append(panel)
    page_marks = [
        replace(m, href=f"#{remap.get(m.href[1:], m.href[1:])}") if m.href else m
        for m in page_marks
    ]
    return Review(_blocks(parts, _non_overlapping(page_marks)), panels, found, missing)
