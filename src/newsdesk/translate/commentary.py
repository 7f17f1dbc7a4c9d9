"""Model commentary around a translation: "Voici la traduction :", "Here is the translation",
"Note : …", "I hope this helps", refusals. Such text must never be stored as a translation.

The patterns are anchored (at the start of the answer or of a line, or a whole closing
sentence) so that news text that merely contains "voici" or "translation" is not caught; they
were checked against the 3,000 French references of WMT newstest2013, where none matches.
"""

from __future__ import annotations

import re

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE | re.MULTILINE))
    for name, pattern in (
        (
            "announces_translation",
            r"^\W*(?:voici|voil[àa]|ci-dessous|here\s+is|here's|below\s+is|this\s+is)\s+"
            r"(?:[\w'’]+\s+){0,3}?(?:traduction|traduit|translation|translated|version\s+"
            r"(?:fran[çc]aise|anglaise|french|english))\b",
        ),
        (
            "labels_translation",
            r"^\W*(?:traduction|translation|texte\s+traduit|translated\s+text|french|fran[çc]ais|"
            r"english|anglais|r[ée]ponse|answer|output)\s*(?:\([^)]*\))?\s*:",
        ),
        (
            "assents",
            r"^\W*(?:bien\s+s[ûu]r|certainement|certainly|sure|of\s+course|absolument|"
            r"d'accord|ok(?:ay)?|avec\s+plaisir|happy\s+to\s+help)\s*[!,.:]\s*"
            r"(?:voici|voil[àa]|here|je\s|j'|i\s|i'|la\s+traduction|the\s+translation)",
        ),
        ("note", r"^\W*(?:note|remarque|n\.\s?b\.|nota\s+bene|ps)\s*:"),
        (
            "closing",
            r"(?:j'esp[èe]re\s+que\s+(?:cette|cela|ceci)|i\s+hope\s+(?:this|that)\s+helps|"
            r"n'h[ée]sitez\s+pas\s+[àa]\s+(?:me|nous)\s+(?:demander|contacter)|"
            r"let\s+me\s+know\s+if)",
        ),
        (
            "refusal",
            r"(?:\bje\s+ne\s+peux\s+pas\s+(?:traduire|fournir|r[ée]pondre)|"
            r"\bi\s+(?:cannot|can't|am\s+unable\s+to)\s+(?:translate|help|provide)|"
            r"\ben\s+tant\s+qu'(?:ia|assistant|mod[èe]le)|\bas\s+an\s+ai\b)",
        ),
    )
)


def find_commentary(text: str) -> str | None:
    """The first piece of model commentary in `text` (quoted for the reason detail), or None."""
    for name, pattern in _PATTERNS:
        m = pattern.search(text)
        if m:
            return f"{name}: {m.group(0).strip()!r}"
    return None
