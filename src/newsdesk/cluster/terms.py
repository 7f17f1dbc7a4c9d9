"""Content terms of a text: folded, stop-word-free word tokens that two reports of one event share.

Terms are accent-folded and lower-cased so that "Etats-Unis" and "États-Unis" meet, and a final
plural "s" is dropped so that "missiles"/"missile" meet (crude, but identical in English and
French, which keeps the vocabulary shared across the two languages for names and numbers).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)
MIN_TERM_CHARS = 3  # shorter tokens are mostly particles; tokens holding a digit are always kept


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English and French stop words (spaCy's lists, which need no model), folded like terms."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    extra = {"said", "says", "also", "would", "could", "new", "year", "dit", "selon", "ans"}
    return frozenset(fold(w) for w in (*EN, *FR, *extra))


def fold(word: str) -> str:
    """Lower-case and strip accents: the comparison form of a word or a name."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _stem(term: str) -> str:
    if len(term) > 4 and term.endswith("s") and not term.endswith("ss") and term.isalpha():
        return term[:-1]
    return term


def normalise_term(token: str) -> str | None:
    """The term a raw token counts as, or None for a stop word or a too-short token."""
    folded = fold(token)
    # elided articles: l'armée, d'Ukraine, qu'il
    if len(folded) > 2 and folded[1] == "'" and folded[0] in "ldjmnstc":
        folded = folded[2:]
    elif folded.startswith("qu'"):
        folded = folded[3:]
    folded = folded.strip(".'-")
    if not folded or folded in stop_words():
        return None
    has_digit = any(c.isdigit() for c in folded)
    if len(folded) < MIN_TERM_CHARS and not has_digit:
        return None
    return _stem(folded)


def terms(text: str) -> list[str]:
    """Every content term of `text`, in order, with repeats."""
    out = []
    for match in _WORD.finditer(text):
        term = normalise_term(match.group())
        if term is not None:
            out.append(term)
    return out
