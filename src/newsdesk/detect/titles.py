"""repeated-title and title-suffix: what a republishing template does to the headline.

A template that prints the headline twice leaves the title as a body line; a site that builds
its <title> as "headline – section – site" leaves the publisher glued to the headline. A single
"– Moscou" after an RT headline is an attribution, not a suffix, so one dash counts only when
what follows looks like a publication name; pipes and chains of dashes always do.

Titles are read as the page shows them first (`split_title`): a kicker before the headline
("Opinion | …", "Sports | …") is not the headline, and the headline is never taken for a
suffix. A page's <title> carries its site's suffix while the page shows its <h1>; when the
body opens with the bare headline (within its first lines, after a kicker or a caption), that
line is the page's <h1>, so neither the suffix nor the "repetition" is a defect.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsdesk.detect import messages
from newsdesk.detect.document import Document
from newsdesk.detect.registry import finding, register_class, register_detector
from newsdesk.types import Finding, Severity

REPEATED = "repeated-title"
SUFFIX = "title-suffix"
register_class(
    REPEATED, Severity.WARNING, "titles", "The headline printed again as a line of the body."
)
register_class(
    SUFFIX,
    Severity.WARNING,
    "titles",
    "A publisher, section or site name glued to the headline ('… – RT Russie et ex-Union soviétique').",
)

MIN_TITLE_WORDS = 3  # a one- or two-word "title" repeated in the body is usually a heading
SUFFIX_MAX_WORDS = 7  # "RT Russie et ex-Union soviétique" is 5; site names are short

_SEPARATOR = re.compile(r"\s+(?:[|•·»]|::|-{1,2})\s+|\s*\|\s*")
_PUBLICATION = re.compile(
    r"\b(?:actu\w*|info\w*|news|journal|times|post|presse|press|magazine|mag|tv|t[ée]l[ée]|radio|"
    r"fm|hebdo|quotidien|gazette|tribune|herald|daily|courrier|d[ée]p[êe]che|matin|soir|express|"
    r"observateur|monde|figaro|lib[ée]ration|parisien|ouest-france|minutes|bfm\w*|franceinfo|"
    r"euronews|rfi|france\s*24|huffpost|yahoo|msn|bbc|cnn|reuters|afp|sputnik|tass|ria|jazeera|"
    r"telegraph|guardian|independent|bloomberg|politico|week|semaine|blog|online|en\s*ligne|"
    r"nouvelles|noticias|zeitung|notizie|not[íi]cias|r[ée]publicain|provence|nice-matin|"
    r"voix|progr[èe]s|dna|sud|nord|est|ouest|centre|journal\w*)\b|"
    r"\b[\w-]+\.(?:fr|com|net|org|info|be|ch|ca|uk|de|es|it|eu|io|news)\b|"
    r"\b(?-i:[A-Z]{2,6})\b(?:\s+\w+){1,5}$",
    re.IGNORECASE,
)


# A kicker: a section or genre label before the headline ("Opinion |", "Sports |", "TRIBUNE -").
KICKER_MAX_WORDS = 3
# The page's <h1> is found among the first body lines (after a kicker, a date, a caption, a
# cookie banner or one sidebar paragraph: dw.com, macrumors.com on the extraction benchmarks).
H1_MAX_LINE = 6
H1_MAX_PROSE_BEFORE = 1


@dataclass(frozen=True)
class TitleParts:
    """Offsets into the title string: kicker [0, start), headline [start, end), suffix [end, …)."""

    start: int
    end: int


def split_title(title: str) -> TitleParts:
    """Where the headline is in a title that may carry a kicker and a site suffix."""
    end = _suffix_start(title)
    end = len(title) if end is None else end
    start = 0
    first = _SEPARATOR.search(title, 0, end)
    if first is not None and first.start() > 0:
        kicker = title[: first.start()].strip()
        rest = title[first.end() : end].strip()
        if (
            0 < len(kicker.split()) <= KICKER_MAX_WORDS
            and len(rest.split()) > len(kicker.split())
            and ("|" in first.group(0) or _is_label(kicker))
        ):
            start = first.end()
    return TitleParts(start, end)


def _is_label(kicker: str) -> bool:
    """A genre or section label ("Opinion", "TRIBUNE", "Review", "EN DIRECT")."""
    from newsdesk.detect.genre import from_title

    return from_title(f"{kicker} | x") is not None


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())


def _is_name(segment: str) -> bool:
    words = segment.split()
    return 0 < len(words) <= SUFFIX_MAX_WORDS and (words[0][:1].isupper() or words[0][:1].isdigit())


def _suffix_start(title: str) -> int | None:
    """Offset in `title` where a glued publisher suffix starts, or None."""
    # A separator inside parentheses is an attribution, not a suffix ("(BVA - Orange - …)").
    seps = [m for m in _SEPARATOR.finditer(title) if not _in_parentheses(title, m.start())]
    if not seps:
        return None
    pipes = [m for m in seps if "|" in m.group(0) or "•" in m.group(0) or "::" in m.group(0)]
    candidates = pipes if pipes else (seps if len(seps) >= 2 else [])
    head_end = _headline_end(title, seps)
    for m in candidates:
        if m.start() < head_end:
            continue  # "Opinion | Headline": the headline is not a suffix
        rest = [s.strip() for s in _SEPARATOR.split(title[m.end() :])]
        if m.start() > 0 and all(_is_name(s) for s in rest if s):
            return m.start()
    last = seps[-1]
    tail = title[last.end() :].strip()
    if last.start() > 0 and _is_name(tail) and _PUBLICATION.search(tail):
        return last.start()
    return None


def _in_parentheses(title: str, pos: int) -> bool:
    return title.count("(", 0, pos) > title.count(")", 0, pos)


def _headline_end(title: str, seps: list[re.Match[str]]) -> int:
    """End of the longest segment (in words): the headline, which no suffix may start inside."""
    bounds = [0] + [x for m in seps for x in (m.start(), m.end())] + [len(title)]
    best, best_end = -1, 0
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        n = len(title[a:b].split())
        if n > best:
            best, best_end = n, b
    return best_end


def find(doc: Document) -> Iterator[Finding]:
    title = doc.title
    if title is None:
        return
    title_text = doc.norm[title.start : title.end]
    parts = split_title(title_text)
    headline = _norm(title_text[parts.start : parts.end])
    cut = parts.end if parts.end < len(title_text) else None
    # An HTML page's title line is its <title> (metadata: the page shows its <h1>), so its
    # suffix is no defect and the <h1> near the top of the body is no repetition. In plain
    # text the title line is what readers see; a suffix or kicker on it still says that it
    # was taken from a <title> when the body opens with the bare headline.
    html = doc.html
    keys = {k for k in (_norm(title_text), headline) if len(k.split()) >= MIN_TITLE_WORDS}
    if doc._title_hint:
        keys.add(_norm(doc._title_hint))
    h1 = None
    if html:
        h1 = _page_h1(doc, title.start, keys)
    elif parts.start > 0 or cut is not None:
        h1 = _page_h1(doc, title.start, {headline})
    if cut is not None and h1 is None and not html:
        yield finding(doc, SUFFIX, title.start + cut, title.end, messages.TITLE_SUFFIX)
    keys = {k for k in keys if len(k.split()) >= MIN_TITLE_WORDS}
    if not keys:
        return
    shortest = min(len(k) for k in keys) * 0.8
    longest = max(len(k) for k in keys) * 1.5 + 10
    for line in doc.lines:
        if line.start == title.start or line.start == h1:
            continue
        if not shortest <= line.end - line.start <= longest:
            continue
        if _norm(doc.text[line.start : line.end]) in keys:
            yield finding(doc, REPEATED, line.start, line.end, messages.REPEATED_TITLE)


def _page_h1(doc: Document, title_start: int, keys: set[str]) -> int | None:
    """Start of the body line that shows the headline near the top (the page's <h1>)."""
    keys = {k for k in keys if len(k.split()) >= MIN_TITLE_WORDS}
    after = [ln for ln in doc.lines if ln.start > title_start][:H1_MAX_LINE]
    prose = 0
    for ln in after:
        line = doc.text[ln.start : ln.end]
        if _norm(line) in keys:
            return ln.start
        if _PROSE.search(line) and len(line.split()) >= PROSE_MIN_WORDS:
            prose += 1
            if prose >= H1_MAX_PROSE_BEFORE + 1:
                return None  # the article has begun: the <h1> is above it
    return None


_PROSE = re.compile(r"[.!?…][»\"”’)]?$")
PROSE_MIN_WORDS = 8


register_detector("titles", find)
