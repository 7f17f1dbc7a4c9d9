"""What a story page is made of: the story's sources in French, screened, cut into sentences.

A `StorySource` is one member article with its French text: the article's own paragraphs, or
the paragraph-aligned machine translation of a foreign article (with the engine named, for the
disclosure). Composition copies only sentences that screening kept; verification reads the same
French text (and, for a translation, the translation: the page quotes the translation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from newsdesk.compose.screening import Screened, screen_article
from newsdesk.language import split_sentences
from newsdesk.types import Article, Licence, Paragraph

_PARENTHESES = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class StorySource:
    """One member article of a story, in French."""

    article: Article
    publisher: str | None = None
    title_fr: str | None = None  # the French title (the translated one for a foreign article)
    paragraphs_fr: tuple[str, ...] | None = None  # French paragraphs; None: the article's own
    translated_by: str | None = None  # "engine@version" when machine-translated
    bylines: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def licence(self) -> Licence:
        return self.article.licence

    @property
    def title(self) -> str:
        return self.title_fr if self.title_fr is not None else self.article.title

    @property
    def paragraphs(self) -> tuple[str, ...]:
        if self.paragraphs_fr is not None:
            return self.paragraphs_fr
        return tuple(p.text for p in self.article.paragraphs)

    @property
    def text(self) -> str:
        """The French body, paragraphs separated by a blank line (what verification reads)."""
        return "\n\n".join(self.paragraphs)

    @property
    def publisher_name(self) -> str | None:
        """The publisher as readers should see it: "RT (republished)" → "RT"."""
        name = self.publisher or self.article.site_name
        if not name:
            return None
        return _PARENTHESES.sub("", name).strip() or name

    def french_article(self) -> Article:
        """The article with its French title and paragraphs (what screening reads)."""
        if self.paragraphs_fr is None and self.title_fr is None:
            return self.article
        return replace(
            self.article,
            title=self.title,
            paragraphs=tuple(Paragraph(p, language="fr") for p in self.paragraphs),
            language="fr",
        )

    @cached_property
    def screened(self) -> Screened:
        return screen_article(self.french_article())


@dataclass(frozen=True)
class Unit:
    """One kept sentence of one source: the smallest piece a page is built from."""

    source: int  # index in the story's sources
    paragraph: int  # index of the kept paragraph in the screened source
    position: int  # index of the sentence in the whole screened source
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _open_quotes(text: str) -> int:
    """Quotations opened and not closed in `text` (« », “ ”, and straight pairs)."""
    return (
        max(0, text.count("«") - text.count("»"))
        + max(0, text.count("“") - text.count("”"))
        + text.count('"') % 2
    )


def units_of(index: int, source: StorySource) -> list[Unit]:
    """The kept sentences of a source, in reading order. A quotation running over several
    sentences is one unit: copying part of it would leave a quotation mark unmatched and put
    the rest of the speaker's words in the narrator's mouth."""
    out: list[Unit] = []
    position = 0
    for p, paragraph in enumerate(source.screened.paragraphs):
        pending = ""
        for start, end in split_sentences(paragraph):
            sentence = paragraph[start:end].strip()
            if not sentence:
                continue
            pending = f"{pending} {sentence}".strip()
            if _open_quotes(pending):
                continue
            out.append(Unit(index, p, position, pending))
            position += 1
            pending = ""
        if pending and not _open_quotes(pending):
            out.append(Unit(index, p, position, pending))
            position += 1
    return out
