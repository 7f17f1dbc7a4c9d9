"""Which site a document belongs to, and the little a site profile needs to know of it.

Investigators study sites, not pages, so every audited document is given a site:

1. the publisher its input *declares* (a JSONL line's `publisher`, a folder's metadata.json):
   whoever built the corpus said so, and it lets one name group several hosts of one outlet;
2. otherwise the host of its URL (lower case, without `www.`): a JSONL line's `url`, a WARC
   record's target URI, a page fetched from the web;
3. otherwise, for local files, the folder that holds them (a JSONL line without `url`: its file).

The site name a *page* gives itself (og:site_name) is not used: a page that copies an outlet
often carries the outlet's name, which is exactly what an investigator must not believe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from urllib.parse import urlsplit

from newsdesk.types import Finding

_JSONL_LINE = re.compile(r"#L\d+$")


@dataclass(frozen=True)
class SiteDoc:
    """One audited document as the site profiles see it (no text: 100,000 of them fit)."""

    id: str  # the article id links refer to
    name: str  # the document name of the audit's outputs
    site: str
    language: str | None
    published: datetime | None
    classes: frozenset[str]  # defect classes with at least one finding in the document


def site_key(name: str, publisher: str | None = None) -> str:
    """The site of a document named `name` (see the module docstring for the order)."""
    if publisher and publisher.strip():
        return " ".join(publisher.split())
    if name.startswith(("http://", "https://")):
        try:
            host = (urlsplit(name).hostname or "").lower().rstrip(".")
        except ValueError:  # a malformed netloc ("http://[::1")
            host = ""
        if host.startswith("www."):
            host = host[4:]
        return host or name  # no usable host: the URL alone
    if _JSONL_LINE.search(name):
        return _JSONL_LINE.sub("", name)
    parent = str(PurePath(name).parent)
    return parent if parent not in ("", ".") else name


def site_doc(
    article_id: str,
    name: str,
    publisher: str | None,
    language: str | None,
    published: datetime | None,
    findings: list[Finding],
) -> SiteDoc:
    return SiteDoc(
        id=article_id,
        name=name,
        site=site_key(name, publisher),
        language=language,
        published=published,
        classes=frozenset(f.category for f in findings),
    )
