"""auto-republish-disclaimer: the page says it was translated or published by a machine.

Sites that republish automatically often say so in a footer ("nous transmettons cette
actualité automatiquement et la traduisons grâce à une technologie programmatique… non à partir
d'un éditeur humain", "This article was auto-generated from a syndicated feed"). A sentence is
such a disclaimer when it combines automation, an act of publishing or translating, and a
reference to the page itself or to the absence of a human editor; news *about* machine
translation has the first two but not the third.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.detect import messages
from newsdesk.detect.document import Document, Span
from newsdesk.detect.gate import Keywords
from newsdesk.detect.registry import finding, register_class, register_detector
from newsdesk.types import Finding, Severity

CLASS = "auto-republish-disclaimer"
register_class(
    CLASS,
    Severity.ERROR,
    "disclaimer",
    "A statement that the page was translated or published automatically, without an editor.",
)

_F = re.IGNORECASE
_AUTO = re.compile(
    r"automati\w*|programmati\w*|automatis\w*|auto-?\s*(?:generated|translated|published|posted|"
    r"g[ée]n[ée]r[ée]\w*|tradu\w*|publi\w*)|machine[- ]?(?:translat\w*|generated)|"
    r"traduction\s*(?:machine|neuronale)|syndicated|syndiqu\w*|"
    r"\bflux\s*rss|\brss\s*feed|maschinell\w*|automatisch\w*|autom[áa]tic\w*|automatic\w*|"
    r"sans\s*intervention\s*humaine|without\s*(?:any\s*)?human|sin\s*intervenci[óo]n\s*humana|"
    r"senza\s*intervento\s*umano|sem\s*interven[çc][ãa]o\s*humana|ohne\s*menschliche",
    _F,
)
# AI vocabulary is news vocabulary too: it counts only next to "no human editor".
_AUTO_WEAK = re.compile(
    r"algorithm\w*|\brobots?\b|\bbots?\b|intelligence\s*artificielle|artificial\s*intelligence|"
    r"\bia\b|\bai\b|\bki\b|inteligencia\s*artificial|intelligenza\s*artificiale",
    _F,
)
_PUBLISH = re.compile(
    r"tradu\w*|translat\w*|publi\w*|posted|post[ée]\w*|transm[ie]\w*|g[ée]n[ée]r\w*|generat\w*|"
    r"r[ée]dig\w*|written|writes|cr[ée][ée]\w*|created|produ\w*|curated|aggregat\w*|agr[ée]g\w*|"
    r"import\w*|fetched|r[ée]cup[ée]r\w*|compil\w*|sourced|[üu]bersetz\w*|ver[öo]ffentlich\w*|"
    r"erstellt|pubblica\w*|tradott\w*|traduzid\w*|traducid\w*|edited|[ée]dit[ée]\w*|reproduced|"
    r"reprodu\w*|mis\s*en\s*ligne",
    _F,
)
_SELF = re.compile(
    r"\b(?:cet|cette|ce|ces|this|these|the|le|la|les|toutes\s*les|all\s*(?:the\s*)?|"
    r"este|esta|dieser|diese|dieses|questo|questa|este|esta)\s*"
    r"(?:articles?|contenus?|content|actualit[ée]s?|news|story|stories|pages?|textes?|texts?|posts?|"
    r"publications?|informations?|d[ée]p[êe]ches?|art[íi]culos?|contenidos?|noticias?|artikel|"
    r"beitrag|inhalte?|articol[oi]|notizi[ae]|artigos?|not[íi]cias?|conte[úu]dos?)\b|"
    r"\b(?:le|notre|du|de\s*notre|ce|this|our|the|nuestro|unsere[rm]?|nostro|nosso)\s*"
    r"(?:site|website|web\s*site|blog|portal|portail|sitio|webseite|sito)\b|"
    r"\b(?:nous|we|our|notre|nos)\b",
    _F,
)
_NO_HUMAN = re.compile(
    r"\b(?:sans|without|sin|ohne|senza|sem)\s+(?:aucune?\s+|any\s+|ninguna\s+|alcun[oa]?\s+)?"
    r"(?:intervention|relecture|contr[ôo]le|supervision|validation|v[ée]rification|r[ée]vision|"
    r"input|intervention|review|oversight|involvement|editing|supervisi[óo]n|revisi[óo]n|"
    r"intervenci[óo]n|interven[çc][ãa]o|intervento|revis[ãa]o|menschliche\w*|[ée]diteur|"
    r"editor)\s*(?:humaine?s?|human[oa]?s?|umana?|menschliche\w*)?|"
    r"\b(?:non|not|pas|no|nicht|n[ãa]o)\s+(?:\w+\s+){0,3}(?:par|by|por|von|da|pelo|[àa]\s+partir\s+d')\s*"
    r"(?:un|une|a|an|des|un[oa]?|einen?|um|uma)?\s*(?:[ée]diteur|editor|r[ée]dacteur|journaliste|"
    r"humain|human|person|personne|redakteur|redattore|redator)\w*|"
    r"\b(?:humain|human|editorial)\s+(?:editor|[ée]diteur|review|relecture|oversight|intervention|"
    r"input|involvement|supervision|control)\w*|"
    r"\b(?:intervention|relecture|supervision|contr[ôo]le|validation)\s+humaine|"
    r"(?:peut|peuvent|may|might|pueden?|kann|k[öo]nnen|pu[òo]|possono|podem?)\s*"
    r"(?:contenir|contain|contener|enthalten|contenere|conter)\s*(?:des\s*|de\s*)?"
    r"(?:erreurs|errors|inexactitudes|inaccuracies|errores|fehler|errori|erros)",
    _F,
)
_OPINION = re.compile(
    r"n'expriment?\s*pas\s*(?:n[ée]cessairement\s*)?(?:le|les|l')\s*(?:point\s*de\s*vue|opinions?|avis)|"
    r"do(?:es)?\s*not\s*(?:necessarily\s*)?(?:reflect|represent)\s*the\s*(?:views?|opinions?)|"
    r"ne\s*refl[èe]tent?\s*pas\s*(?:n[ée]cessairement\s*)?(?:le|les|l')",
    _F,
)


def _is_disclaimer(sentence: str) -> bool:
    auto = bool(_AUTO.search(sentence))
    weak = bool(_AUTO_WEAK.search(sentence))
    publish = bool(_PUBLISH.search(sentence))
    self_ref = bool(_SELF.search(sentence))
    no_human = bool(_NO_HUMAN.search(sentence))
    if auto and publish and (self_ref or no_human):
        return True
    if no_human and publish and (self_ref or weak):
        return True
    return (auto or weak) and bool(_OPINION.search(sentence))


# Every disclaimer sentence holds one of these words (automation or a missing human); see gate.py.
_KEYWORDS = Keywords(
    (
        "automat",
        "programmat",
        "auto-",
        "auto ",
        "machine",
        "syndi",
        "rss",
        "maschinell",
        "autom\u00e1t",
        "humain",
        "human",
        "umano",
        "menschlich",
        "\u00e9diteur",
        "editeur",
        "editor",
        "redakteur",
        "redattore",
        "redator",
        "r\u00e9dacteur",
        "redacteur",
        "contenir",
        "contain",
        "contener",
        "enthalten",
        "conter",
        "expriment",
        "reflect",
        "represent",
        "refl\u00e8te",
    )
)


def find(doc: Document) -> Iterator[Finding]:
    positions = _KEYWORDS.positions(doc.lower)
    if not positions:
        return
    sentences: list[Span] = []
    for pos in positions:
        sent = doc.sentence_at(pos)
        if not sentences or sentences[-1] != sent:
            sentences.append(sent)
    flagged: list[Span] = []
    for sentence in sentences:
        text = doc.norm[sentence.start : sentence.end]
        if doc.quoted_fraction(sentence.start, sentence.end) > 0.5:
            continue
        if _is_disclaimer(text):
            if flagged and not doc.text[flagged[-1].end : sentence.start].strip():
                flagged[-1] = Span(flagged[-1].start, sentence.end)
            else:
                flagged.append(sentence)
    for span in flagged:
        yield finding(doc, CLASS, span.start, span.end, messages.DISCLAIMER)


register_detector("disclaimer", find)
