"""model-self-talk: a language model talking about itself or its task, published as text.

Four kinds of utterance never belong in a news report outside quotation marks, whatever the
language: an AI describing itself ("As an AI language model", "Je suis un expert en
paraphrase"), a refusal ("I cannot fulfill this request"), a knowledge-cutoff caveat, and the
delivery chatter around a rewrite ("Bien sûr ! Voici l'article réécrit", "I hope this helps").
Patterns are built from parts (an AI noun, a first-person frame, a rewrite participle) in
English, French, Spanish, German, Italian and Portuguese so that rewordings are covered.

A blogger or an advice columnist may close with "I hope this helps" or "let me know if you
have questions" in their own voice: in genres that speak in the first person (genre.py) those
sign-offs alone are an `info` hint; the AI's self-description, refusals and cutoff caveats
stay errors in every genre.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from newsdesk.detect import messages
from newsdesk.detect.document import Document, Span
from newsdesk.detect.gate import Keywords, gated_finditer
from newsdesk.detect.genre import genre_of
from newsdesk.detect.registry import finding, register_class, register_detector
from newsdesk.types import Finding, Severity

CLASS = "model-self-talk"
register_class(
    CLASS,
    Severity.ERROR,
    "self_talk",
    "A language model's self-description, refusal, knowledge-cutoff caveat or delivery chatter.",
)

# AI nouns that name a model or assistant unambiguously ("language model", "modèle de langage").
_AI = (
    r"(?:(?:large\s*)?language\s*model|llm|ai\s*(?:language\s*)?(?:model|assistant|chatbot)|"
    r"a\.i\.\s*(?:model|assistant)|artificial\s*intelligence\s*(?:model|assistant)|chatbot|"
    r"virtual\s*assistant|"
    r"mod[èe]le\s*(?:de\s*langage|linguistique|d'ia|de\s*langue|d'intelligence\s*artificielle)|"
    r"assistant\s*(?:virtuel|ia|d'ia|num[ée]rique)|agent\s*conversationnel|"
    r"modelo\s*(?:de\s*lenguaje|de\s*linguagem|ling[üu][íi]stico)|asistente\s*virtual|"
    r"assistente\s*virtual|ki-?sprachmodell|ki-?assistent|sprachmodell|"
    r"modello\s*(?:linguistico|di\s*linguaggio)|assistente\s*virtuale)"
)
# Bare "AI"/"IA"/"KI" is news vocabulary; it is self-talk only when a first person follows.
_AI_BARE = (
    r"(?:ai|a\.i\.|artificial\s*intelligence|ia|intelligence\s*artificielle|"
    r"inteligencia\s*artificial|intelig[êe]ncia\s*artificial|ki|k[üu]nstliche\s*intelligenz|"
    r"intelligenza\s*artificiale)\s*,\s*(?:i|je|j'|yo|eu|ich|io|no|non|ne)\b"
)
_REWRITE_PART = (
    r"(?:rewritten|re-written|revised|paraphrased|translated|reworded|rephrased|optimi[sz]ed|"
    r"seo|updated|improved|r[ée]{1,2}crit[es]?|reformul[ée]e?s?|paraphras[ée]e?s?|traduit[es]?|"
    r"optimis[ée]e?s?|r[ée]vis[ée]e?s?|am[ée]lior[ée]e?s?|reescrit[oa]s?|parafrasead[oa]s?|"
    r"traducid[oa]s?|traduzid[oa]s?|optimizad[oa]s?|otimizad[oa]s?|revisad[oa]s?|"
    r"umgeschrieben\w*|[üu]berarbeitet\w*|[üu]bersetzt\w*|optimiert\w*|riscritt[oa]|"
    r"riformulat[oa]|tradott[oa]|ottimizzat[oa]|rivist[oa])"
)
_TEXT_NOUN = (
    r"(?:article|text|version|rewrite|translation|summary|title|content|paraphrase|"
    r"texte|r[ée][ée]criture|traduction|r[ée]sum[ée]|titre|contenu|reformulation|"
    r"art[íi]culo|texto|versi[óo]n|traducci[óo]n|t[íi]tulo|artigo|vers[ãa]o|tradu[çc][ãa]o|"
    r"artikel|fassung|[üu]bersetzung|titel|articolo|testo|versione|traduzione|titolo)"
)
_DET = r"(?:the|a|an|your|my|l'|la|le|une|un|votre|ma|mon|el|la|una|un|tu|su|o|a|um|uma|seu|sua|der|die|das|eine|ein|ihr|dein|il|lo|una|uno)\s*"

_SELF = [
    # AI self-reference
    rf"\bas\s*(?:an?\s*)?(?:{_AI}|{_AI_BARE})",
    rf"\bi(?:'m|\s*am)\s*(?:just\s*|only\s*|merely\s*)?(?:an?\s*)?(?:{_AI}|ai\b|artificial\s*intelligence)",
    rf"\ben\s*tant\s*qu(?:e\s*|')(?:un\s*|une\s*|simple\s*)?(?:{_AI}|{_AI_BARE})",
    rf"\bje\s*(?:ne\s*)?suis\s*(?:qu'|que\s*)?(?:juste\s*|seulement\s*|simplement\s*)?(?:un|une)\s*"
    rf"(?:{_AI}|ia\b|intelligence\s*artificielle|assistant\b)",
    r"\bje\s*suis\s*(?:un|une)\s*(?:expert|experte|sp[ée]cialiste|professionnel|outil)\s*(?:en|de\s*la|de)\s*"
    r"(?:paraphrase|r[ée][ée]criture|reformulation|r[ée]daction\s*seo|seo)",
    r"\bi(?:'m|\s*am)\s*(?:an?\s*)?(?:expert\s*)?(?:paraphras(?:er|ing\s*(?:tool|expert))|rewriting\s*tool)",
    r"\bpas\s*seulement\s*un\s*assistant|\bnot\s*just\s*an?\s*assistant",
    rf"\bcomo\s*(?:un\s*|una\s*|um\s*|uma\s*)?(?:{_AI}|{_AI_BARE})",
    rf"\b(?:soy|sou)\s*(?:un|una|um|uma)\s*(?:{_AI}|ia\b|inteligencia\s*artificial|intelig[êe]ncia\s*artificial)",
    rf"\bals\s*(?:ein\s*|eine\s*)?(?:{_AI}|{_AI_BARE})",
    rf"\bich\s*bin\s*(?:nur\s*)?(?:ein|eine)\s*(?:{_AI}|ki\b|k[üu]nstliche\s*intelligenz)",
    rf"\b(?:come|in\s*quanto)\s*(?:un\s*|una\s*)?(?:{_AI}|{_AI_BARE})",
    rf"\bsono\s*(?:solo\s*)?(?:un|una)\s*(?:{_AI}|ia\b|intelligenza\s*artificiale)",
    # knowledge cutoff
    r"\b(?:my|the)\s*(?:knowledge|training)\s*(?:cut-?\s*off|data\s*(?:only\s*)?(?:goes|extends|runs))",
    r"\bas\s*of\s*my\s*(?:last|latest)\s*(?:update|training|knowledge)",
    r"\b(?:ma|mes)\s*(?:date\s*(?:limite|de\s*coupure)|limite)\s*(?:de|des)\s*connaissances?",
    r"\bmes\s*(?:donn[ée]es|connaissances)\s*(?:d'entra[îi]nement\s*)?s'arr[êe]tent",
    r"\bmi\s*(?:fecha\s*de\s*corte|conocimiento\s*se\s*limita)|\bmein\s*wissensstand|"
    r"\bla\s*mia\s*data\s*di\s*cut-?off|\bmeu\s*conhecimento\s*vai\s*at[ée]",
    # delivery chatter around a rewrite
    r"^\W*(?:sure|certainly|absolutely|of\s*course|okay|ok|great)\W{0,3}\s*here(?:'s|\s*is|\s*are)\b",
    rf"\bhere(?:'s|\s*is|\s*are)\s*{_DET}(?:(?:[\w-]+\s+){{0,2}}{_REWRITE_PART}[\w-]*\s*(?:and\s*\w+\s*)?"
    rf"(?:[\w-]+\s+){{0,2}}{_TEXT_NOUN}|"
    rf"{_TEXT_NOUN}\s*(?:you\s*(?:asked|requested)|in\s*french|rewritten|{_REWRITE_PART}))",
    r"^\W*(?:bien\s*s[ûu]r|certainement|absolument|d'accord|avec\s*plaisir|tr[èe]s\s*bien)\W{0,3}\s*voici\b",
    rf"\bvoici\s*{_DET}(?:{_TEXT_NOUN})s?\s*(?:{_REWRITE_PART}|demand[ée]e?|en\s*fran[çc]ais|pour\s*le\s*seo|"
    r"optimis[ée]e?\s*pour)",
    r"\bvoici\s*(?:une|ma|la)\s*(?:nouvelle\s*)?(?:version|r[ée][ée]criture|paraphrase|reformulation)\s*"
    r"(?:{_REWRITE_PART}|de\s*(?:l'|cet|ce|votre)\s*(?:article|texte))",
    r"^\W*(?:claro|por\s*supuesto|desde\s*luego|com\s*certeza|certamente|certo|gerne|nat[üu]rlich|klar)"
    r"\W{0,3}\s*(?:aqu[íi]|aqui|ecco|hier)\b",
    rf"\b(?:aqu[íi]|aqui)\s*(?:est[áa]|tienes|tiene|est[ãa]o)\s*{_DET}{_TEXT_NOUN}\s*{_REWRITE_PART}",
    rf"\becco\s*{_DET}{_TEXT_NOUN}\s*{_REWRITE_PART}",
    rf"\bhier\s*(?:ist|sind)\s*{_DET}{_REWRITE_PART}",
    rf"\bi(?:\s*have|'ve)\s*(?:{_REWRITE_PART})\s*(?:the|your|this)\s*{_TEXT_NOUN}",
    rf"\bj'ai\s*(?:{_REWRITE_PART})\s*(?:l'|le\s*|la\s*|cet\s*|ce\s*|votre\s*|ton\s*)(?:{_TEXT_NOUN})",
    r"\bi\s*hope\s*(?:this|that|it)\s*(?:helps|meets|is\s*helpful)",
    r"\blet\s*me\s*know\s*if\s*you\b|\bfeel\s*free\s*to\s*(?:ask|let\s*me|reach\s*out)",
    r"\bj'esp[èe]re\s*que\s*(?:cela|ceci|cette\s*version|ce\s*texte|cet\s*article)\s*(?:vous\s*)?"
    r"(?:aide|aidera|convient|conviendra|r[ée]pond)",
    r"\bn'h[ée]sitez\s*pas\s*[àa]\s*me\s*(?:demander|dire|faire\s*savoir|solliciter|contacter)",
    r"\b(?:faites|dites)-moi\s*savoir\s*si\b",
    r"\bsi\s*vous\s*(?:avez\s*besoin|souhaitez)\s*d'autres\s*(?:modifications|ajustements|changements)",
    r"\bespero\s*que\s*(?:esto|isto|isso)\s*(?:te\s*|le\s*)?(?:ayude|ajude|sea\s*[úu]til|seja\s*[úu]til)",
    r"\bich\s*hoffe,?\s*(?:das|dies)\s*hilft|\bspero\s*che\s*(?:questo|ci[òo])\s*(?:ti\s*|le\s*)?(?:sia\s*utile|aiuti)",
]
_REFUSAL = [
    r"\bi(?:'m|\s*am)\s*sorry,?\s*but\s*i\s*(?:can't|cannot|can\s*not|am\s*unable|won't|am\s*not\s*able)",
    r"\bi\s*(?:can't|cannot|can\s*not|am\s*unable\s*to|won't\s*be\s*able\s*to|am\s*not\s*able\s*to)\s*"
    r"(?:fulfil{1,2}|comply\s*with|complete|assist\s*with|help\s*with|process)\s*(?:this|that|your|the)"
    r"\s*(?:request|task|query|prompt)",
    r"\bi\s*(?:can't|cannot)\s*(?:browse|access)\s*the\s*(?:internet|web)",
    r"\bi\s*don't\s*have\s*(?:access\s*to\s*)?real-?time\s*(?:information|data|access)",
    r"\b(?:je\s*suis\s*)?d[ée]sol[ée]e?,?\s*mais\s*je\s*ne\s*(?:peux|suis\s*pas\s*en\s*mesure|pourrai)",
    r"\bje\s*ne\s*(?:peux|suis\s*pas\s*en\s*mesure\s*de|suis\s*pas\s*capable\s*de|pourrai)\s*(?:pas\s*)?"
    r"(?:r[ée]pondre\s*[àa]|satisfaire|donner\s*suite\s*[àa]|traiter|accomplir|r[ée]aliser|compl[ée]ter)"
    r"\s*(?:cette|votre|ta)\s*(?:demande|requ[êe]te|t[âa]che|consigne)",
    r"\bje\s*n'ai\s*pas\s*acc[èe]s\s*(?:[àa]\s*internet|aux\s*(?:informations|donn[ée]es)\s*en\s*temps\s*r[ée]el)",
    r"\blo\s*siento,?\s*pero\s*no\s*puedo|\bno\s*puedo\s*(?:cumplir|completar|satisfacer|procesar)\s*"
    r"(?:con\s*)?(?:esta|tu|su)\s*(?:solicitud|petici[óo]n)",
    r"\bes\s*tut\s*mir\s*leid,?\s*aber\s*ich\s*kann|\bich\s*kann\s*(?:diese|deine|ihre)\s*anfrage\s*nicht",
    r"\bmi\s*dispiace,?\s*ma\s*non\s*posso|\bnon\s*posso\s*(?:soddisfare|completare|elaborare)\s*"
    r"(?:questa|la\s*tua|la\s*sua)\s*richiesta",
    r"\b(?:desculpe|sinto\s*muito|lamento),?\s*mas\s*n[ãa]o\s*posso|\bn[ãa]o\s*posso\s*(?:atender|cumprir|"
    r"completar)\s*(?:esta|sua|a\s*sua|essa)\s*(?:solicita[çc][ãa]o|pedido)",
]

# Every pattern above contains one of these (lower-case) words; see gate.py.
_SELF_KEYWORDS = Keywords(
    (
        "model",
        "mod\u00e8le",
        "modele",
        "llm",
        "chatbot",
        "assistant",
        "asistente",
        "conversationnel",
        "intelligen",
        "inteligen",
        " ai,",
        " ai ",
        "a.i.",
        "'ia",
        " ia,",
        " ia ",
        " ki,",
        "ki-",
        "paraphras",
        "rewrit",
        "r\u00e9\u00e9cri",
        "reecri",
        "reformul",
        "cutoff",
        "cut-off",
        "cut off",
        "knowledge",
        "date limite",
        "date de coupure",
        "s'arr\u00eat",
        "wissensstand",
        "conhecimento",
        "fecha de corte",
        "conocimiento",
        "here's",
        "here is",
        "here are",
        "voici",
        "aqu\u00ed",
        "aqui est",
        "ecco",
        "hier ist",
        "hier sind",
        "hope",
        "j'esp\u00e8re que c",
        "espero que",
        "hoffe",
        "spero che",
        "let me know",
        "feel free",
        "h\u00e9sitez pas \u00e0 me",
        "moi savoir",
        "d'autres modif",
        "d'autres ajust",
        "d'autres chang",
        "i have",
        "i've",
        "j'ai r",
        "j'ai p",
        "j'ai t",
        "j'ai o",
        "j'ai a",
        "not just",
        "pas seulement un",
        "expert",
        "sprachmodell",
        "data only",
        "data goes",
        "data extends",
        "data runs",
        "as of my",
    )
)
_REFUSAL_KEYWORDS = Keywords(
    (
        "sorry",
        "désolé",
        "desole",
        "can't",
        "cannot",
        "can not",
        "unable",
        "won't",
        "not able",
        "don't have",
        "ne peux",
        "ne suis pas",
        "ne pourrai",
        "n'ai pas",
        "siento",
        "no puedo",
        "leid",
        "ich kann",
        "dispiace",
        "non posso",
        "desculpe",
        "sinto",
        "lamento",
        "não posso",
        "nao posso",
    )
)
_SELF_RX = re.compile("|".join(f"(?:{p})" for p in _SELF), re.IGNORECASE | re.MULTILINE)
_REFUSAL_RX = re.compile("|".join(f"(?:{p})" for p in _REFUSAL), re.IGNORECASE | re.MULTILINE)


# Sign-offs a human author writes too (a blog post, an advice column): soft in those genres.
_SOFT_SIGN_OFF = re.compile(
    r"\bi\s*hope\s*(?:this|that|it)\s*(?:helps|is\s*helpful)|\blet\s*me\s*know\s*if\s*you\b|"
    r"\bfeel\s*free\s*to\s*(?:ask|let\s*me|reach\s*out)|"
    r"\bj'esp[èe]re\s*que\s*(?:cela|ceci)\s*(?:vous\s*)?(?:aide|aidera)|"
    r"\bn'h[ée]sitez\s*pas\s*[àa]\s*me\s*(?:demander|dire|faire\s*savoir|contacter)|"
    r"\b(?:faites|dites)-moi\s*savoir\s*si\b",
    re.IGNORECASE,
)
SOFT_CONFIDENCE = 0.3


def is_self_talk(text: str) -> bool:
    """Does `text` hold a model's self-talk or refusal (first_person.py does not count such a
    sentence as an author narrating)?"""
    return bool(_SELF_RX.search(text) or _REFUSAL_RX.search(text))


def _sentence_span(doc: Document, start: int, end: int) -> Span:
    first = doc.sentence_at(start)
    last = doc.sentence_at(max(start, end - 1))
    return Span(min(first.start, start), max(last.end, end))


def find(doc: Document) -> Iterator[Finding]:
    seen: list[Span] = []
    for rx, keywords, message in (
        (_REFUSAL_RX, _REFUSAL_KEYWORDS, messages.REFUSAL),
        (_SELF_RX, _SELF_KEYWORDS, messages.SELF_TALK),
    ):
        for m in gated_finditer(rx, doc.norm, doc.lower, keywords):
            if doc.in_quotes(m.start()):
                continue
            span = _sentence_span(doc, m.start(), m.end())
            if any(s.start < span.end and span.start < s.end for s in seen):
                continue
            seen.append(span)
            found = finding(doc, CLASS, span.start, span.end, message)
            if _SOFT_SIGN_OFF.match(doc.norm, m.start()) and genre_of(doc).first_person:
                found = replace(found, severity=Severity.INFO, confidence=SOFT_CONFIDENCE)
            yield found


register_detector("self_talk", find)
