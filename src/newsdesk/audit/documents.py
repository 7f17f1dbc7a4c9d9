"""What the audit reads: documents named by their input path or URL, with their extracted text.

Detectors must see residue, so documents are extracted WITHOUT newsdesk's cleaning. The document
text is the title line, a blank line, then the body paragraphs separated by blank lines; every
offset in the audit's outputs is a character offset into that text (stored in documents.jsonl).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsdesk.audit.parquet_input import is_parquet, read_parquet
from newsdesk.config import Settings
from newsdesk.extract import extract
from newsdesk.ingest import InMemoryFetchMemory, collect
from newsdesk.ingest.fetcher import Fetcher
from newsdesk.ingest.files import is_warc_name
from newsdesk.ingest.jsonl import is_jsonl_name
from newsdesk.types import Article, Licence, RawItem, Rejection, Source, SourceKind, Unchanged


@dataclass(frozen=True)
class AuditDocument:
    name: str  # the input path or URL: how the document is named in every output file
    text: str  # title line + blank line + body
    title: str
    language: str | None
    published: datetime | None
    article_id: str
    publisher: str | None = None  # as the input declares it (JSONL, metadata.json): its site
    html: bool = False  # extracted from a web page (HTML file, WARC record, URL, JSONL `html`)

    @property
    def url(self) -> str | None:
        """The page's address when the document is named by one (URL, WARC record, JSONL url)."""
        return self.name if self.name.startswith(("http://", "https://")) else None

    @property
    def body_offset(self) -> int:
        return len(self.title) + 2 if self.title else 0


def source_for(path_or_url: str) -> Source:
    """Decide the kind of input from its form: URL, folder, JSONL, WARC or single file."""
    if path_or_url.startswith(("http://", "https://")):
        return Source(kind=SourceKind.PAGE, location=path_or_url, licence=Licence.FULL)
    path = Path(path_or_url)
    name = path.name.lower()
    if path.is_dir():
        kind = SourceKind.FOLDER
    elif is_jsonl_name(name):
        kind = SourceKind.JSONL
    elif is_warc_name(name):
        kind = SourceKind.WARC
    else:
        kind = SourceKind.FOLDER  # a single file: the folder reader accepts a file path too
    return Source(kind=kind, location=str(path), licence=Licence.FULL)


def document_name(raw: RawItem) -> str:
    return raw.url


def _is_html(raw: RawItem) -> bool:
    return "html" in raw.media_type


def to_document(raw: RawItem, article: Article) -> AuditDocument:
    title = article.title.strip()
    paragraphs = [p.text for p in article.paragraphs]
    # In HTML the headline is both <title> and the page's <h1>: readers see it once, so a body
    # that starts with it is not a repeated title. In plain text the repetition is literal.
    if _is_html(raw) and paragraphs and " ".join(paragraphs[0].split()) == " ".join(title.split()):
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    text = f"{title}\n\n{body}" if title else body
    return AuditDocument(
        name=document_name(raw),
        text=text,
        title=title,
        language=article.language,
        published=article.published,
        article_id=article.id,
        publisher=raw.hints.publisher,
        html=_is_html(raw),
    )


def read_corpus(
    inputs: Iterable[str], settings: Settings, *, allow_private: bool = False
) -> Iterator[AuditDocument | Rejection]:
    """Every document of the inputs, or a Rejection naming the input that could not be used."""
    fetcher: Fetcher | None = None
    memory = InMemoryFetchMemory()
    try:
        for location in inputs:
            source = source_for(location)
            if source.kind == SourceKind.PAGE:
                fetcher = fetcher or Fetcher(settings.fetch)
                source = Source(
                    kind=source.kind,
                    location=location,
                    licence=Licence.FULL,
                    allow_private=allow_private,
                )
            elif not Path(location).exists():
                yield Rejection(
                    item=location,
                    stage="audit",
                    reason="not_found",
                    detail="no such file or folder",
                )
                continue
            items = (
                read_parquet(source, fetcher, memory, settings.fetch)
                if is_parquet(location)
                else collect(source, fetcher, memory, settings.fetch)
            )
            for item in items:
                if isinstance(item, Rejection):
                    yield item
                elif isinstance(item, Unchanged):
                    continue
                else:
                    result = extract(item, source, settings.extract, clean=False)
                    if isinstance(result, Rejection):
                        yield result
                    else:
                        yield to_document(item, result)
    finally:
        if fetcher is not None:
            fetcher.close()
