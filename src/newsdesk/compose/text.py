"""Small text helpers shared by composers: sentence-safe truncation, slugs, dependent sentences."""

from __future__ import annotations

import re

from slugify import slugify

SLUG_MAX_LENGTH = 80  # long enough for a headline's key words, short enough for a readable URL

# A sentence that leans on the one before it: a pronoun subject ("Il a ajouté…", not the
# impersonal "Il y a", "Il faut"), a demonstrative ("Ce dernier", "Cela", "C'est"), or a bare
# attribution left after its quotation ("Kirby a déclaré aux journalistes."). It is copied only
# right after that one, and dropped when screening dropped that one.
_DEPENDENT = re.compile(
    r"^(?:Il(?!\s(?:y\sa|faut|s['’]agit|reste|semble|paraît)\b)|Elle|Ils|Elles|Cela|Ceci"
    r"|Celui-ci|Celle-ci|Ceux-ci|Celles-ci|Ce\sdernier|Cette\sdernière|Ces\sderniers"
    r"|Ces\sdernières|Lui|Eux|Selon\s(?:lui|elle|eux|elles)|D['’]après\s(?:lui|elle|eux|elles)"
    r"|Ce\s(?:qui|que)|C['’]est)\b"
    r"|^\S+(?:\s\S+)?\s(?:a|ont)\s(?:déclaré|ajouté|affirmé|dit|indiqué|précisé)\b"
    r"(?!.*\bqu(?:e\b|['’]))[^«»\"]{0,40}$"
)


def is_dependent(text: str) -> bool:
    """Does this sentence need the one before it to be understood (see `_DEPENDENT`)?"""
    return bool(_DEPENDENT.search(text.strip()))


_SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+")


def truncate_words(text: str, limit: int, ellipsis: str = "…") -> str:
    """Cut `text` to at most `limit` characters on a word boundary, adding an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ellipsis)]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:–-") + ellipsis


def first_sentences(text: str, limit: int) -> str:
    """As many whole leading sentences of `text` as fit in `limit` characters (at least one, cut)."""
    out = ""
    for sentence in _SENTENCE_END.split(" ".join(text.split())):
        candidate = f"{out} {sentence}".strip()
        if len(candidate) > limit:
            break
        out = candidate
    return out or truncate_words(text, limit)


def make_slug(title: str, unique: str) -> str:
    """A readable, stable slug: the title's words plus a short id so two titles never collide."""
    base = slugify(title, max_length=SLUG_MAX_LENGTH, word_boundary=True) or "page"
    return f"{base}-{unique[:6]}"


def take_words(paragraphs: list[str], max_words: int) -> list[str]:
    """Leading paragraphs holding at most `max_words` words; the last one may be cut at a sentence."""
    out: list[str] = []
    used = 0
    for paragraph in paragraphs:
        words = len(paragraph.split())
        if used + words <= max_words:
            out.append(paragraph)
            used += words
            continue
        room = max_words - used
        if room > 10:
            sentences = _SENTENCE_END.split(paragraph)
            kept: list[str] = []
            for sentence in sentences:
                if used + len(sentence.split()) > max_words:
                    break
                kept.append(sentence)
                used += len(sentence.split())
            if kept:
                out.append(" ".join(kept))
        break
    return out
