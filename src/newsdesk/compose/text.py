"""Small text helpers shared by composers: sentence-safe truncation and slugs."""

from __future__ import annotations

import re

from slugify import slugify

SLUG_MAX_LENGTH = 80  # long enough for a headline's key words, short enough for a readable URL

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
