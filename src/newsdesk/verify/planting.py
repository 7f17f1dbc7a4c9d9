"""Plant one known error into a good story page, to measure the verifier (benchmark and tests).

Each planter changes a copy of a composed page the way automated rewriting goes wrong — a changed
number, date or name, an altered or invented quotation, an invented first-person sentence, a
leaked instruction, model self-talk, an untranslated fragment — and says which check codes may
rightly catch it. The wording lists are this module's own (several variants per class, chosen by
a seeded random generator), not patterns copied from the detectors.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from newsdesk.types import Page, Section
from newsdesk.verify.facts import Fact, dates, figures, quotations

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip
FIRST_PERSON = (
    "Personnellement, je trouve cette décision profondément injuste et inquiétante.",
    "À mon avis, les autorités ont totalement échoué dans cette affaire.",
    "Je pense sincèrement que cette situation aurait pu être évitée.",
    "Pour ma part, j’estime que ces chiffres ne veulent rien dire.",
    "En tant que citoyen, je suis choqué par ce que j’ai lu.",
    "Je dois dire que je n’ai jamais vu une telle négligence.",
)
LEAKED = (
    "Make this article seo compatible, add subheadings and write at least 700 words.",
    "Rewrite the following text in French with a catchy title.",
    "Réécris cet article pour le référencement avec des sous-titres, au moins 700 mots.",
    "Customize this title in french",
    "Rédige un titre accrocheur et optimise le texte pour Google.",
    "Please paraphrase the article below and keep it under 800 words.",
)
SELF_TALK = (
    "En tant que modèle de langage, je ne peux pas vérifier ces informations.",
    "Je suis un assistant d’intelligence artificielle et je ne dispose pas de données récentes.",
    "Voici une version réécrite de l’article, optimisée pour le référencement.",
    "Bien sûr ! Voici l’article paraphrasé comme demandé.",
    "As an AI language model, I cannot provide personal opinions.",
    "J’espère que cette réécriture vous convient, n’hésitez pas à demander des modifications.",
)
UNTRANSLATED = (
    " [this week]",
    " [according to officials]",
    " (the defense department said)",
    " [in Russia or Crimea]",
    " [local time]",
)
UNTRANSLATED_SENTENCES = (
    "The minister said the plan would be announced next week.",
    "Officials declined to comment on the ongoing investigation.",
    "It was not immediately clear how many people were affected.",
    "The company did not respond to a request for comment.",
)
INVENTED_QUOTES = (
    "« Nous ne laisserons jamais faire une chose pareille », a affirmé un responsable.",
    "« C’est une victoire historique pour tout le pays », a déclaré un porte-parole.",
    "« La situation est sous contrôle et il n’y a aucun danger », a assuré la préfecture.",
    "« Nous irons jusqu’au bout de cette enquête », a promis le ministre.",
)
OTHER_NAMES = (
    "Jean-Pierre Moulinier", "Sophie Lavergne", "Karim Benhadj", "Olga Vasnetsova",
    "Thomas Greenfield", "Marie-Claire Dufresne", "Hiroshi Tanaka", "Lucas Ferreira",
)  # fmt: skip

EXPECTED: dict[str, frozenset[str]] = {
    # A change inside a quotation is rightly reported as a quotation not found.
    "changed-number": frozenset(
        {"figure_not_in_source", "figure_out_of_context", "quote_not_in_source"}
    ),
    "changed-date": frozenset({"date_not_in_source", "date_out_of_context", "quote_not_in_source"}),
    "swapped-name": frozenset({"name_not_in_source", "name_out_of_context", "quote_not_in_source"}),
    "altered-quote": frozenset({"quote_not_in_source"}),
    "invented-quote": frozenset({"quote_not_in_source"}),
    "invented-first-person": frozenset(
        {
            "finding:injected-opinion",
            "finding:persona-leak",
            "finding:impersonation",
            "unsupported_sentence",
        }
    ),  # fmt: skip
    "leaked-instruction": frozenset(
        {"finding:leaked-instruction", "unsupported_sentence", "inserted_text", "foreign_words"}
    ),
    "model-self-talk": frozenset(
        {"finding:model-self-talk", "unsupported_sentence", "foreign_words"}
    ),
    "untranslated-fragment": frozenset(
        {"finding:untranslated-fragment", "unsupported_sentence", "inserted_text", "foreign_words"}
    ),
}
CLASSES = tuple(EXPECTED)


@dataclass(frozen=True)
class Planted:
    page: Page
    category: str
    detail: str  # what was changed, for the report

    @property
    def expected(self) -> frozenset[str]:
        return EXPECTED[self.category]


Planter = Callable[[Page, random.Random, Sequence[str]], "Planted | None"]


def _paragraph_slots(page: Page) -> list[tuple[int, int]]:
    return [(s, p) for s, sec in enumerate(page.sections) for p in range(len(sec.paragraphs))]


def _with_paragraph(page: Page, s: int, p: int, text: str) -> Page:
    sections = list(page.sections)
    paragraphs = list(sections[s].paragraphs)
    paragraphs[p] = text
    sections[s] = Section(sections[s].heading, tuple(paragraphs))
    return replace(page, sections=tuple(sections))


def _insert_sentence(page: Page, rng: random.Random, sentence: str) -> tuple[Page, str]:
    slots = _paragraph_slots(page)
    s, p = rng.choice(slots)
    text = page.sections[s].paragraphs[p]
    # at the start, the end, or between two sentences of the paragraph
    cuts = [0, len(text)] + [m.end() for m in re.finditer(r"[.!?…»] (?=[A-ZÀ-Ö«])", text)]
    cut = rng.choice(cuts)
    new = (text[:cut].rstrip() + " " + sentence + " " + text[cut:].lstrip()).strip()
    return _with_paragraph(page, s, p, new), sentence


def _facts_in_paragraphs(
    page: Page, finder: Callable[[str], list[Fact]]
) -> list[tuple[int, int, Fact]]:
    out = []
    for s, p in _paragraph_slots(page):
        for fact in finder(page.sections[s].paragraphs[p]):
            out.append((s, p, fact))
    return out


def changed_number(page: Page, rng: random.Random, names: Sequence[str]) -> Planted | None:
    found = [(s, p, f) for s, p, f in _facts_in_paragraphs(page, figures) if f.kind == "figure"]
    if not found:
        return None
    s, p, fact = rng.choice(found)
    digits = fact.key.replace(",", "")
    value = int(digits) if digits.isdigit() else 0
    new_value = (
        value + rng.choice([1, 2, 3, 7, 10, 13])
        if value < 1000
        else value + rng.choice([100, 250, 1000])
    )
    new_text = str(new_value)
    text = page.sections[s].paragraphs[p]
    text = text[: fact.start] + new_text + text[fact.end :]
    return Planted(_with_paragraph(page, s, p, text), "changed-number", f"{fact.text} → {new_text}")


def changed_date(page: Page, rng: random.Random, names: Sequence[str]) -> Planted | None:
    found = _facts_in_paragraphs(page, dates)
    if not found:
        return None
    s, p, fact = rng.choice(found)
    original = fact.text
    words = original.split()
    for i, word in enumerate(words):
        low = word.lower()
        pool = WEEKDAYS if low in WEEKDAYS else MONTHS if low in MONTHS else None
        if pool is not None:
            choice = rng.choice([w for w in pool if w != low])
            words[i] = choice.capitalize() if word[:1].isupper() else choice
            break
        if word.isdigit() and len(word) == 4:
            words[i] = str(int(word) - rng.choice([1, 2, 3]))
            break
        if word.isdigit() or word == "1er":
            day = 1 if word == "1er" else int(word)
            words[i] = str(day % 27 + rng.choice([1, 2]))
            break
    new = " ".join(words)
    if new == original:
        return None
    text = page.sections[s].paragraphs[p]
    text = text[: fact.start] + new + text[fact.end :]
    return Planted(_with_paragraph(page, s, p, text), "changed-date", f"{original} → {new}")


def swapped_name(page: Page, rng: random.Random, names: Sequence[str]) -> Planted | None:
    from newsdesk.verify.names import names as find_names

    found = []
    for s, p in _paragraph_slots(page):
        for name in find_names(page.sections[s].paragraphs[p]):
            if name.label == "PER" and len(name.text.split()) >= 1 and len(name.text) > 3:
                found.append((s, p, name))
    if not found:
        return None
    s, p, name = rng.choice(found)
    pool = [n for n in (*names, *OTHER_NAMES) if n.lower() not in name.text.lower()]
    other = rng.choice(pool)
    if len(name.text.split()) == 1:
        other = other.split()[-1]
    text = page.sections[s].paragraphs[p]
    text = text[: name.start] + other + text[name.end :]
    return Planted(_with_paragraph(page, s, p, text), "swapped-name", f"{name.text} → {other}")


def altered_quote(page: Page, rng: random.Random, names: Sequence[str]) -> Planted | None:
    found = [
        (s, p, q) for s, p, q in _facts_in_paragraphs(page, quotations)
        if len(q.text.split()) >= 3
    ]  # fmt: skip
    if not found:
        return None
    s, p, quote = rng.choice(found)
    words = list(re.finditer(r"[^\W\d_]{4,}", quote.text))
    if not words:
        return None
    target = rng.choice(words)
    replacement = rng.choice(
        ["jamais", "toujours", "absolument", "certainement", "pas", "totalement"]
    )
    inner = quote.text[: target.start()] + replacement + quote.text[target.end() :]
    text = page.sections[s].paragraphs[p]
    text = text[: quote.start] + inner + text[quote.end :]
    return Planted(
        _with_paragraph(page, s, p, text), "altered-quote", f"{target.group()} → {replacement}"
    )


def invented_quote(page: Page, rng: random.Random, names: Sequence[str]) -> Planted | None:
    new, sentence = _insert_sentence(page, rng, rng.choice(INVENTED_QUOTES))
    return Planted(new, "invented-quote", sentence)


def invented_first_person(page: Page, rng: random.Random, names: Sequence[str]) -> Planted | None:
    new, sentence = _insert_sentence(page, rng, rng.choice(FIRST_PERSON))
    return Planted(new, "invented-first-person", sentence)


def leaked_instruction(page: Page, rng: random.Random, names: Sequence[str]) -> Planted | None:
    sentence = rng.choice(LEAKED)
    if rng.random() < 0.3:  # glued to the title, as in the samples
        return Planted(replace(page, title=sentence + page.title), "leaked-instruction", sentence)
    new, sentence = _insert_sentence(page, rng, sentence)
    return Planted(new, "leaked-instruction", sentence)


def model_self_talk(page: Page, rng: random.Random, names: Sequence[str]) -> Planted | None:
    new, sentence = _insert_sentence(page, rng, rng.choice(SELF_TALK))
    return Planted(new, "model-self-talk", sentence)


def untranslated_fragment(page: Page, rng: random.Random, names: Sequence[str]) -> Planted | None:
    if rng.random() < 0.5:
        new, sentence = _insert_sentence(page, rng, rng.choice(UNTRANSLATED_SENTENCES))
        return Planted(new, "untranslated-fragment", sentence)
    s, p = rng.choice(_paragraph_slots(page))
    text = page.sections[s].paragraphs[p]
    spaces = [m.start() for m in re.finditer(r" ", text)]
    if not spaces:
        return None
    cut = rng.choice(spaces)
    fragment = rng.choice(UNTRANSLATED)
    glued = text[:cut] + fragment + text[cut:]
    return Planted(_with_paragraph(page, s, p, glued), "untranslated-fragment", fragment.strip())


PLANTERS: dict[str, Planter] = {
    "changed-number": changed_number,
    "changed-date": changed_date,
    "swapped-name": swapped_name,
    "altered-quote": altered_quote,
    "invented-quote": invented_quote,
    "invented-first-person": invented_first_person,
    "leaked-instruction": leaked_instruction,
    "model-self-talk": model_self_talk,
    "untranslated-fragment": untranslated_fragment,
}


def plant(
    page: Page, category: str, rng: random.Random, names: Sequence[str] = ()
) -> Planted | None:
    """`page` with one error of `category`, or None when the page has nothing to change
    (no figure, no date, no quotation, no person)."""
    if not _paragraph_slots(page):
        return None
    return PLANTERS[category](page, rng, names)
