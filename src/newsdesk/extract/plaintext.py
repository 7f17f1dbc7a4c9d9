"""Article text from plain-text and Markdown documents.

The first non-empty line is the title, unless it is too long to be a headline or is the whole
text: then the document has no title of its own and all of it is body (a JSONL `text` is often
one line); paragraphs are separated by blank lines (lines inside a paragraph are kept as they
are, for the cleaning to judge one by one). Markdown gets a light
reading: a YAML-style front matter gives title/author/date, heading marks, emphasis, images and
link targets are removed so the text reads as prose.
"""

from __future__ import annotations

import re

from newsdesk.extract.dates import parse_date
from newsdesk.extract.html import Extracted, NoArticle

#: A first line with more words than this is a paragraph, not a headline. Headlines of 5,250 real
#: French articles (../shared/bench-data french-news-clean and orangesum-train) have at most 26
#: words (99.9th percentile 24); the first line of their bodies has at least 67 in 99 % of them.
HEADLINE_MAX_WORDS = 30

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*\n", re.DOTALL)
_FM_FIELD = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$", re.MULTILINE)
# Every pattern below scans a bounded stretch from each place it starts: with open-ended
# `.+?` / `[^)]*`, a line of 20,000 unclosed "__a " or "[a](" made each start scan to the end
# of the line: one 80 kB Markdown file took 47 s in the emphasis pattern and 11 s in the
# heading pattern (found fuzzing; a 10 MB file, within fetch.max_bytes, would never finish).
# Now 0.2 s each.
#: Longest emphasised span removed (characters): a bold phrase or sentence, not a paragraph.
MAX_EMPHASIS_CHARS = 300
#: Longest link text (characters; no brackets inside) and link target read; longer ones
#: keep their Markdown. Link texts are headlines at most; URLs rarely pass 2,000 characters.
MAX_LINK_TEXT_CHARS = 500
MAX_LINK_CHARS = 2000
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*)$", re.MULTILINE)
_MD_IMAGE = re.compile(
    rf"!\[[^\[\]\n]{{0,{MAX_LINK_TEXT_CHARS}}}\]\([^)\n]{{0,{MAX_LINK_CHARS}}}\)"
)
_MD_LINK = re.compile(
    rf"\[([^\[\]\n]{{1,{MAX_LINK_TEXT_CHARS}}})\]"
    rf"\((?:[^()\s]|\([^)\n]{{0,{MAX_LINK_CHARS}}}\)){{1,{MAX_LINK_CHARS}}}"
    rf"(?:\s+\"[^\"\n]{{0,{MAX_LINK_CHARS}}}\")?\)"
)
_MD_EMPHASIS = re.compile(
    rf"(\*\*|__)(?=\S)(.{{1,{MAX_EMPHASIS_CHARS}}}?)(?<=\S)\1"
    rf"|(?<![\w*])\*(?=\S)([^*\n]{{1,{MAX_EMPHASIS_CHARS}}}?)(?<=\S)\*(?![\w*])"
)
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _markdown_to_text(text: str) -> str:
    text = _MD_RULE.sub("", text)
    # The closing "###" of a heading is stripped in Python: `[ \t#]*$` after a lazy group
    # rescans the rest of the line from every position.
    text = _MD_HEADING.sub(lambda m: m.group(1).rstrip(" \t#"), text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    return _MD_QUOTE.sub("", text)


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def extract_text(text: str, *, markdown: bool = False, known_title: str | None = None) -> Extracted:
    """Title and paragraphs of a plain-text (or Markdown) document. Raises NoArticle if empty.

    `known_title` comes from the item's metadata (a JSONL `title`, a feed entry): when the text
    does not start with it, the whole text is body — a JSONL article is often a single line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    if markdown:
        fm = _FRONT_MATTER.match(text)
        if fm:
            meta = {
                m.group("key").lower(): _unquote(m.group("value"))
                for m in _FM_FIELD.finditer(fm.group("body"))
            }
            text = text[fm.end() :]
        text = _markdown_to_text(text)
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise NoArticle("the document is empty")
    if not meta.get("title") and known_title and not _same_line(lines[first], known_title):
        meta["title"] = known_title
    headline = len(lines[first].split()) <= HEADLINE_MAX_WORDS and any(
        line.strip() for line in lines[first + 1 :]
    )
    title = meta.get("title") or (lines[first] if headline else "")
    rest = (
        "\n".join(lines[first + 1 :])
        if title and not meta.get("title")
        else "\n".join(lines[first:])
    )
    paragraphs = tuple(p.strip("\n") for p in _BLANK_LINE.split(rest) if p.strip())
    published = None
    for key in ("date", "published", "pubdate"):
        if meta.get(key):
            published = parse_date(meta[key])
            if published:
                break
    return Extracted(
        title=title,
        paragraphs=paragraphs,
        byline=meta.get("author") or None,
        published=published,
        canonical_url=meta.get("canonical_url") or meta.get("url") or None,
        site_name=meta.get("site_name") or meta.get("publisher") or None,
    )
