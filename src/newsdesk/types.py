"""The data that flows between newsdesk's stages.

Every type is a frozen dataclass with a stable, content-derived id, so that a stage can be
re-run (or run on Spark) and produce the same ids. A stage that cannot handle an item returns a
`Rejection` with a stable reason code; it never returns ``None`` and never skips silently.

    Source ─ingest→ RawItem ─extract→ Article ─detect→ Finding
                                          └─link→ Link        Articles ─cluster→ Story
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


def stable_id(*parts: str, length: int = 16) -> str:
    """A short hex id derived from the given strings (sha256), stable across runs and machines."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:length]


def content_hash(data: bytes) -> str:
    """The full sha256 of raw bytes: the key of the content-addressed raw store."""
    return hashlib.sha256(data).hexdigest()


class SourceKind(StrEnum):
    FEED = "feed"  # RSS 0.9x/1.0/2.0, Atom, JSON Feed
    PAGE = "page"  # a single article URL
    SITEMAP = "sitemap"  # sitemap.xml or sitemap index
    FOLDER = "folder"  # a local folder of .html/.htm/.txt/.md files
    JSONL = "jsonl"  # one article per line: text, optional url/title/published/...
    WARC = "warc"  # WARC / WARC.gz response records


class Licence(StrEnum):
    """What a source allows us to republish."""

    EXCERPT = "excerpt"  # short quotations and a link only (the default)
    FULL = "full"  # the text may be reproduced at length


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class SourceRules:
    """Per-source extraction rules."""

    drop_selectors: tuple[str, ...] = ()  # CSS selectors removed before extraction
    title_suffix: str | None = None  # e.g. " – RT Russie et ex-Union soviétique"


@dataclass(frozen=True)
class Source:
    """Where articles come from. `id` is derived from kind and location."""

    kind: SourceKind
    location: str  # URL, or a local path
    name: str | None = None
    publisher: str | None = None
    language: str | None = None  # ISO 639-1 hint
    licence: Licence = Licence.EXCERPT
    allow_private: bool = False  # may the fetcher reach private/loopback addresses?
    enabled: bool = True
    rules: SourceRules = field(default_factory=SourceRules)

    @property
    def id(self) -> str:
        return stable_id(self.kind.value, self.location)


@dataclass(frozen=True)
class ItemHints:
    """Metadata known before extraction (from a feed entry, a JSONL line, bundled samples)."""

    title: str | None = None
    published: datetime | None = None
    author: str | None = None
    summary: str | None = None
    publisher: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class RawItem:
    """What was fetched or read, exactly as received; stored before anything else touches it."""

    source_id: str
    url: str  # URL, or file path / path#line for local inputs
    fetched_at: datetime  # timezone-aware, UTC
    content: bytes
    media_type: str  # "text/html", "text/plain", "text/markdown", ...
    status: int | None = None  # HTTP status, None for local files
    headers: tuple[tuple[str, str], ...] = ()
    encoding: str | None = None  # detected or declared charset, if known
    hints: ItemHints = field(default_factory=ItemHints)

    @property
    def content_hash(self) -> str:
        return content_hash(self.content)

    @property
    def id(self) -> str:
        return stable_id(self.source_id, self.url, self.content_hash)


@dataclass(frozen=True)
class Unchanged:
    """A fetch that cost nothing: HTTP 304, a listed page fetched since it changed, or an item
    already stored."""

    source_id: str
    url: str
    reason: str  # "not_modified" | "already_fetched" | "already_stored"


@dataclass(frozen=True)
class Rejection:
    """An input that a stage could not use, with a stable reason code and the input named."""

    item: str  # the URL or path of the input
    stage: str  # "ingest", "extract", ...
    reason: str  # stable code: "http_500", "empty_body", "too_large", ...
    detail: str = ""  # one human-readable line
    source_id: str | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    language: str | None = None
    language_confidence: float = 0.0


@dataclass(frozen=True)
class Article:
    """Extracted and cleaned text of one item, with its metadata as separate fields."""

    raw_id: str
    source_id: str
    url: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    language: str | None = None
    language_confidence: float = 0.0
    byline: str | None = None
    published: datetime | None = None  # timezone-aware
    canonical_url: str | None = None
    site_name: str | None = None
    licence: Licence = Licence.EXCERPT

    @property
    def text(self) -> str:
        """The body as one string; paragraphs are separated by a blank line."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def id(self) -> str:
        return stable_id(self.canonical_url or self.url, self.title, self.text)


@dataclass(frozen=True)
class Finding:
    """One defect in one text: `start`/`end` are character offsets into that text."""

    category: str  # the defect class, e.g. "leaked-instruction" (JSON field "class")
    severity: Severity
    start: int
    end: int
    excerpt: str
    detector: str
    message: str  # one line, plain language
    confidence: float = 1.0
    # Where start/end point: "text" (the text the detectors read, the default) or "title" (the
    # article's title, when the finding was made on a title stored apart from its text).
    part: str = "text"


class LinkType(StrEnum):
    DUPLICATE = "duplicate"
    NEAR_COPY = "near-copy"
    TRANSLATION_OF = "translation-of"
    REWRITE_OF = "rewrite-of"
    SHARES_QUOTES = "shares-quotes"
    SAME_TEMPLATE = "same-template"


@dataclass(frozen=True)
class Evidence:
    """A pair of aligned spans, one in each article of a link."""

    source_span: tuple[int, int]
    target_span: tuple[int, int]
    source_text: str
    target_text: str
    score: float = 1.0


@dataclass(frozen=True)
class Link:
    """A typed, explained edge between two articles (ids)."""

    source: str
    target: str
    type: LinkType
    score: float
    directed: bool  # True when `source` is known to be the earlier publication
    evidence: tuple[Evidence, ...] = ()
    note: str = ""  # e.g. why the edge is undirected


@dataclass(frozen=True)
class Story:
    """Articles about one event. `id` survives new members and edited titles."""

    id: str
    members: tuple[str, ...]  # article ids
    title: str
    languages: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime
    lead: str | None = None  # article id


@dataclass(frozen=True)
class SourceRef:
    """A source of a page, as shown to readers: publisher, title and link."""

    article_id: str
    title: str
    url: str | None
    publisher: str | None
    published: datetime | None
    language: str | None


@dataclass(frozen=True)
class RelatedRef:
    """An "En savoir plus" link to another story page."""

    slug: str
    title: str


@dataclass(frozen=True)
class Section:
    heading: str | None  # an intertitre written from the section's text; None for the first
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """One French page, ready to render. Built by `compose`, checked by `verify`."""

    slug: str
    title: str  # at most 70 characters
    description: str  # meta description, at most 160 characters
    chapo: str
    sections: tuple[Section, ...]
    sources: tuple[SourceRef, ...]
    published: datetime
    updated: datetime
    disclosure: str
    story_id: str | None = None
    bylines: tuple[str, ...] = ()
    related: tuple[RelatedRef, ...] = ()
    tags: tuple[str, ...] = ()
    language: str = "fr"

    @property
    def body_text(self) -> str:
        """Every reader-visible sentence of the page body, in reading order."""
        parts = [self.chapo]
        for section in self.sections:
            if section.heading:
                parts.append(section.heading)
            parts.extend(section.paragraphs)
        return "\n\n".join(p for p in parts if p)

    @property
    def word_count(self) -> int:
        return len(self.body_text.split())

    @property
    def id(self) -> str:
        return stable_id(self.story_id or self.slug)


class VerdictStatus(StrEnum):
    PASS = "pass"  # publish
    HOLD = "hold"  # to the review queue
    FAIL = "fail"  # never published


@dataclass(frozen=True)
class Check:
    """One failed or warned check of a page, pointing at the exact span of the page text."""

    code: str  # stable, e.g. "quote_not_in_source", "finding:leaked-instruction"
    message: str
    status: VerdictStatus
    excerpt: str = ""
    start: int | None = None  # offsets into Page.body_text
    end: int | None = None


@dataclass(frozen=True)
class Verdict:
    status: VerdictStatus
    checks: tuple[Check, ...] = ()

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(sorted({c.code for c in self.checks if c.status != VerdictStatus.PASS}))
