"""repeated-title and title-suffix: what a republishing template does to the headline.

A template that prints the headline twice leaves the title as a body line; a site that builds
its <title> as "headline – section – site" leaves the publisher glued to the headline. A single
"– Moscou" after an RT headline is an attribution, not a suffix, so one dash counts only when
what follows looks like a publication name; pipes and chains of dashes always do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())


def _is_name(segment: str) -> bool:
    words = segment.split()
    return 0 < len(words) <= SUFFIX_MAX_WORDS and (words[0][:1].isupper() or words[0][:1].isdigit())


def _suffix_start(title: str) -> int | None:
    """Offset in `title` where a glued publisher suffix starts, or None."""
    seps = list(_SEPARATOR.finditer(title))
    if not seps:
        return None
    pipes = [m for m in seps if "|" in m.group(0) or "•" in m.group(0) or "::" in m.group(0)]
    candidates = pipes if pipes else (seps if len(seps) >= 2 else [])
    for m in candidates:
        rest = [s.strip() for s in _SEPARATOR.split(title[m.end() :])]
        if m.start() > 0 and all(_is_name(s) for s in rest if s):
            return m.start()
    last = seps[-1]
    tail = title[last.end() :].strip()
    if last.start() > 0 and _is_name(tail) and _PUBLICATION.search(tail):
        return last.start()
    return None


def find(doc: Document) -> Iterator[Finding]:
    title = doc.title
    if title is None:
        return
    title_text = doc.norm[title.start : title.end]
    cut = _suffix_start(title_text)
    if cut is not None:
        yield finding(doc, SUFFIX, title.start + cut, title.end, messages.TITLE_SUFFIX)
    keys = {_norm(title_text)}
    if cut is not None:
        keys.add(_norm(title_text[:cut]))
    if doc._title_hint:
        keys.add(_norm(doc._title_hint))
    keys = {k for k in keys if len(k.split()) >= MIN_TITLE_WORDS}
    if not keys:
        return
    shortest = min(len(k) for k in keys) * 0.8
    longest = max(len(k) for k in keys) * 1.5 + 10
    for line in doc.lines:
        if line.start == title.start or not shortest <= line.end - line.start <= longest:
            continue
        if _norm(doc.text[line.start : line.end]) in keys:
            yield finding(doc, REPEATED, line.start, line.end, messages.REPEATED_TITLE)


register_detector("titles", find)
