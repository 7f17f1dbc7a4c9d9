"""byline-in-body: credits and bylines that belong in metadata, printed as body text.

Wire and newspaper articles end with credit lines ("Reporting by …; Editing by …", "Alexander
Ward reported from … and Lara Seligman contributed reporting from Washington"); translated
word for word they become sentences that read as news ("… a rapporté de et … a contribué aux
reportages"). A byline line ("Par Jean Dupont", "By Jane Doe") inside the body is the same
residue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.detect import messages
from newsdesk.detect.document import Document
from newsdesk.detect.gate import Keywords, gated_finditer
from newsdesk.detect.registry import finding, register_class, register_detector
from newsdesk.types import Finding, Severity

CLASS = "byline-in-body"
register_class(
    CLASS,
    Severity.WARNING,
    "byline",
    "A byline or reporting credit ('X a contribué à ce reportage', 'Reporting by …') in the body.",
)

# A personal name: capitalised words, with the particles of European names ("von der Leyen").
_NAME = (
    r"(?-i:[A-ZÀ-ÖØ-Þ][\w'-]+)(?:\s+(?-i:(?:von|van|der|den|de|du|des|di|da|del|della|la|le|al|"
    r"bin|ben|ter)\s+)*(?-i:[A-ZÀ-ÖØ-Þ][\w'-]+)){1,3}"
)
_CREDIT = re.compile(
    "|".join(
        [
            # French, including word-for-word translations of English credit lines
            # "X reported from Kyiv" / "X contributed from London" word for word: a place
            # follows (not "a rapporté de nombreux témoignages", "a participé à des films")
            rf"{_NAME}\s+(?:a|ont)\s+(?:rapport[ée]|contribu[ée]|particip[ée]|collabor[ée])\s+"
            r"(?:de|depuis)\s+(?-i:[A-ZÀ-ÖØ-Þ])",
            # contributing to *this report*, not to anything ("ont contribué à renforcer…")
            r"\b(?:a|ont)\s+(?:contribu|particip|collabor)[ée]\s+(?:[àa]\s+(?:ce|cet|cette|la|l')"
            r"|aux?)\s*"
            r"(?:reportages?|articles?|r[ée]daction|couverture|enqu[êe]tes?|d[ée]p[êe]ches?)",
            r"\b(?:avec\s+la\s+)?(?:contribution|collaboration)\s+de\s+"
            + _NAME
            + r"\s*(?:[àa]|depuis)\s",
            rf"^\W*(?:reportage|r[ée]daction|[ée]dition|texte|r[ée]dig[ée]|[ée]crit|sign[ée])\s+(?:de|par)\s+{_NAME}",
            rf"^\W*par\s+{_NAME}(?:\s*(?:,|et|and)\s*{_NAME})*\s*(?:,\s*[\w' -]{{2,40}})?\W*$",
            # English
            rf"\b(?:additional\s+)?reporting\s+by\s+{_NAME}",
            r"\bcontributed\s+(?:reporting|to\s+this\s+(?:report|article|story))",
            rf"^\W*(?:writing|editing|edited|written|reported|compiled)\s+by\s+{_NAME}",
            rf"{_NAME}\s+reported\s+from\s+(?-i:[A-Z])",
            rf"^\W*by\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*\s*(?:,\s*[\w' -]{{2,40}})?\W*$",
        ]
    ),
    re.IGNORECASE | re.MULTILINE,
)
# Every credit pattern usable inside a long paragraph holds one of these; see gate.py.
_LONG_LINE_KEYWORDS = Keywords(
    (
        "rapport",
        "contribu",
        "particip",
        "collabor",
        "reporting",
        "reportage",
        "r\u00e9daction",
        "\u00e9dition",
        "texte",
        "r\u00e9dig",
        "\u00e9crit",
        "sign\u00e9",
        "writing",
        "editing",
        "edited",
        "written",
        "reported",
        "compiled",
    )
)
BYLINE_LINE_MAX = 300  # credit lines are one or two sentences


def find(doc: Document) -> Iterator[Finding]:
    title = doc.title
    last_end = -1
    for line in doc.lines:
        if title is not None and line.start == title.start:
            continue
        if line.end - line.start > BYLINE_LINE_MAX:
            # long paragraph: only a credit sentence inside it
            raw = doc.norm[line.start : line.end]
            for m in gated_finditer(_CREDIT, raw, raw.lower(), _LONG_LINE_KEYWORDS):
                if m.group(0).lstrip().lower().startswith(("par ", "by ")):
                    continue
                span = doc.sentence_at(line.start + m.start())
                if span.start >= last_end and not doc.in_quotes(line.start + m.start()):
                    last_end = span.end
                    yield finding(doc, CLASS, span.start, span.end, messages.BYLINE_IN_BODY)
            continue
        raw = doc.norm[line.start : line.end]
        hit = _CREDIT.search(raw)
        if hit and not doc.in_quotes(line.start + hit.start()):
            # Credits close a paragraph ("… will stop. (Reporting by …)"): the finding starts
            # at the sentence holding the credit, not at the news sentences before it.
            start = max(line.start, doc.sentence_at(line.start + hit.start()).start)
            yield finding(doc, CLASS, start, line.end, messages.BYLINE_IN_BODY)
            last_end = line.end


register_detector("byline", find)
