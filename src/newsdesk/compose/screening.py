"""Screen a source article before anything of it is copied into a page.

Composition is extractive: pages are built from the sources' own sentences. A sentence that
carries a detector finding in its source — residue, model self-talk, invented opinion, an
untranslated fragment, a broken quotation — is never copied. A finding at the very start or end
of the title (a leaked prompt glued to it, a publisher suffix) is cut off; a finding inside the
title makes the title unusable. A sentence that leans on a dropped one ("Il a ajouté…" after
the dropped sentence that named him) is dropped with it: copied alone, its pronoun would point
at whoever the page mentioned last.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.compose.text import is_dependent
from newsdesk.detect import detect
from newsdesk.language import split_sentences
from newsdesk.types import Article, Finding, Severity

PARAGRAPH_SEPARATOR = "\n\n"
UNCLOSED_QUOTE_CLASS = "unbalanced-quotes"
DANGLING = "dangling-reference"  # Dropped.category of a sentence dropped with the one it leans on
TITLE_EDGE_SLACK = 2  # characters of punctuation/space allowed between a finding and a title edge


@dataclass(frozen=True)
class Dropped:
    text: str
    category: str  # the finding's class, for the log and the review desk


@dataclass(frozen=True)
class Screened:
    title: str | None  # None when the title itself carries a defect that cannot be cut off
    paragraphs: tuple[str, ...]  # kept sentences, paragraph by paragraph (empty ones removed)
    dropped: tuple[Dropped, ...]
    findings: tuple[Finding, ...]  # every finding of the article, offsets into `document`
    document: str


def _clean_title(title: str, findings: list[Finding]) -> str | None:
    for f in findings:
        start, end = max(0, f.start), min(len(title), f.end)
        head, tail = title[:start], title[end:]
        if len(head.strip(" -–—|:")) <= TITLE_EDGE_SLACK:
            title = tail
        elif len(tail.strip(" -–—|:")) <= TITLE_EDGE_SLACK:
            title = head
        else:
            return None
    title = title.strip(" -–—|:")
    return title or None


def _taint(document: str, finding: Finding) -> tuple[int, int]:
    """The part of the document a finding makes unusable.

    A quotation never closed runs to the end of its paragraph: everything after the opening
    mark is the quoted person's words and must not be copied as the narrator's. A voice that
    is not the reporter's (invented opinion, persona, impersonation, self-talk: severity
    `error`) taints its whole paragraph, whose other sentences continue in that voice.
    """
    end = document.find(PARAGRAPH_SEPARATOR, finding.end)
    paragraph_end = len(document) if end == -1 else end
    if finding.severity == Severity.ERROR:
        start = document.rfind(PARAGRAPH_SEPARATOR, 0, finding.start)
        return (0 if start == -1 else start + len(PARAGRAPH_SEPARATOR)), paragraph_end
    if finding.category == UNCLOSED_QUOTE_CLASS:
        return finding.start, paragraph_end
    return finding.start, finding.end


def screen_article(article: Article) -> Screened:
    """Split the article into sentences and keep those no finding touches."""
    title = article.title
    paragraphs = [p.text for p in article.paragraphs]
    document = title + PARAGRAPH_SEPARATOR + PARAGRAPH_SEPARATOR.join(paragraphs)
    findings = detect(document, language=article.language, title=title)
    title_findings = [f for f in findings if f.start < len(title)]
    # Title findings are cut from the right end first so earlier offsets stay valid.
    clean_title = _clean_title(title, sorted(title_findings, key=lambda f: -f.start))

    spans = [(*_taint(document, f), f.category) for f in findings]
    kept: list[str] = []
    dropped: list[Dropped] = []
    offset = len(title) + len(PARAGRAPH_SEPARATOR)
    after_drop = False  # was the previous sentence (in reading order) dropped?
    for paragraph in paragraphs:
        sentences = []
        for start, end in split_sentences(paragraph):
            a, b = offset + start, offset + end
            hit = next((cat for (fs, fe, cat) in spans if fs < b and a < fe), None)
            sentence = paragraph[start:end].strip()
            if not sentence:
                continue
            if hit is None and after_drop and is_dependent(sentence):
                hit = DANGLING
            if hit is None:
                sentences.append(sentence)
            else:
                dropped.append(Dropped(sentence, hit))
            after_drop = hit is not None
        if sentences:
            kept.append(" ".join(sentences))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return Screened(clean_title, tuple(kept), tuple(dropped), tuple(findings), document)
