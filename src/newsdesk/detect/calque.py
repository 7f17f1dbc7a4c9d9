"""mt-calque (best effort, info): English constructions translated word for word into French.

Lower confidence than the other detectors by nature; reported as `info`. General patterns:
- an English abbreviated rank or office followed by a French article and title: "Brig. Le
  général Patrick Ryder" (from "Brig. Gen."), "Lt. Le colonel", "Sen. La sénatrice";
- a quotation that ends on a preposition, the trace of an English phrasal verb kept as a unit:
  "est « recherche dans »" ("is 'looking into'");
- English auxiliaries rendered literally: "est va procéder" ("is going to"), "ne fait pas
  « soutenir" ("does not 'support'");
- "point de vente" for a news outlet ("a déclaré au point de vente");
- a singular verb after a quoted plural subject ("« … cinq camionnettes » avait été détruite"),
  checked on the French parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.detect import messages
from newsdesk.detect.document import Document
from newsdesk.detect.gate import WINDOW_AFTER, WINDOW_BEFORE, Keywords, gated_finditer
from newsdesk.detect.registry import finding, register_class, register_detector
from newsdesk.types import Finding, Severity

CLASS = "mt-calque"
register_class(
    CLASS,
    Severity.INFO,
    "calque",
    "A word-for-word translation of an English construction (best effort, lower confidence).",
)

_ABBREV = (
    r"(?-i:Brig|Gen|Lt|Lieut|Col|Maj|Capt|Cpt|Sgt|Adm|Cmdr|Cdr|Gov|Sen|Rep|Sec|Amb|Supt|Insp|"
    r"Det|Cpl|Pvt|Pres|Atty|Cmdt|Comdr|Gén|Lt-Col|Maj-Gen|Brig-Gen|Lt-Gen|Rear Adm|Vice Adm)\."
)
_FR_TITLE = (
    r"g[ée]n[ée]ral|g[ée]n[ée]rale|colonel|lieutenant|commandant|capitaine|sergent|major|amiral|"
    r"brigadier|caporal|soldat|gouverneur|gouverneure|s[ée]nateur|s[ée]natrice|repr[ée]sentant|"
    r"repr[ée]sentante|secr[ée]taire|ambassadeur|ambassadrice|pr[ée]sident|pr[ée]sidente|"
    r"procureur|procureure|inspecteur|inspectrice|d[ée]tective|surintendant|commissaire"
)
# A quoted fragment ending on a preposition ("« looking into »" → « recherche dans »).
_QUOTED_FRAGMENT = re.compile(
    r"(?:[«“]\s*|(?<![\w,.])\"(?=[a-zà-ÿ]))[a-zà-ÿ][^«»“”\"\n.!?]{0,50}?\s(?:dans|sur|[àa]|"
    r"de|en|pour|avec|par|vers|contre|chez|apr[èe]s|hors)(?:\s*[»”]|\"(?=[\s,.;:]))",
)
# (pattern, message, confidence); each pattern is run only around its keywords (gate.py).
_RULES: list[tuple[re.Pattern[str], str, float]] = [
    (
        re.compile(
            rf"\b{_ABBREV}\s*(?:{_ABBREV}\s*)?(?:(?-i:Le|La|Les|L')\s*(?:{_FR_TITLE})|(?:{_FR_TITLE}))\b",
            re.IGNORECASE,
        ),
        messages.CALQUE_TITLE,
        0.8,
    ),
    (
        _QUOTED_FRAGMENT,
        messages.CALQUE_PHRASAL,
        0.6,
    ),
    (
        re.compile(
            r"\b(?:est|sont|[ée]tait|[ée]taient)\s+[«“\"]?\s*(?:va|vont|allait|allaient)\s+[a-zà-ÿ]+(?:er|ir|re)\b",
            re.IGNORECASE,
        ),
        messages.CALQUE_AUXILIARY,
        0.7,
    ),
    (
        re.compile(
            r"\bne\s+(?:fait|font|faisait|faisaient|fera|feront)\s+pas\s+(?:non\s+plus\s+)?[«“\"]\s*"
            r"[a-zà-ÿ]+(?:er|ir|re)\b",
            re.IGNORECASE,
        ),
        messages.CALQUE_AUXILIARY,
        0.7,
    ),
    (
        re.compile(
            r"\b(?:d[ée]clar[ée]|dit|confi[ée]|indiqu[ée]|expliqu[ée]|racont[ée]|rapport[ée]|selon|"
            r"cit[ée]e?\s+par|interrog[ée]e?\s+par|a\s+inform[ée]|parlant)\s+(?:au|le|par\s+le|[àa]\s+un)\s+"
            r"point\s+de\s+vente\b|\b(?:le|ce|du)\s+point\s+de\s+vente\s+(?:a\s+rapport[ée]|a\s+indiqu[ée]|"
            r"rapporte|indique|am[ée]ricain|britannique|russe|allemand|d'information|m[ée]diatique|"
            r"en\s+ligne)\b",
            re.IGNORECASE,
        ),
        messages.CALQUE_OUTLET,
        0.7,
    ),
]
# A plural noun right before the closing mark, a singular auxiliary and participle after it.
_RULE_WORDS = (
    tuple(
        f"{abbr}."
        for abbr in [
            "brig",
            "gen",
            "lt",
            "lieut",
            "col",
            "maj",
            "capt",
            "cpt",
            "sgt",
            "adm",
            "cmdr",
            "cdr",
            "gov",
            "sen",
            "rep",
            "sec",
            "amb",
            "supt",
            "insp",
            "det",
            "cpl",
            "pvt",
            "pres",
            "atty",
            "cmdt",
            "comdr",
            "gén",
        ]
    ),
    ("\u00bb", "\u201d", '"'),
    ("va ", "vont ", "allai"),
    (" pas ",),
    ("point de vente",),
)
_RULE_KEYWORDS = tuple(Keywords(words) for words in _RULE_WORDS)
_AGREEMENT = re.compile(
    r"[a-zà-ÿ]{3,}[sx]\s*[»”\"]\s+(?P<aux>a|avait|est|[ée]tait|sera|aurait|serait)\s+[ée]t[ée]\s+"
    r"(?P<part>[a-zà-ÿ]+[^sx\W])\b"
)
_AGREEMENT_KEYWORDS = Keywords(("\u00e9t\u00e9 ", "ete "))


def _agreement(doc: Document) -> Iterator[Finding]:
    from newsdesk.detect.parse import parse_fr

    for m in gated_finditer(_AGREEMENT, doc.norm, doc.lower, _AGREEMENT_KEYWORDS):
        sent = doc.sentence_at(m.start())
        start = min(sent.start, m.start())
        parsed = parse_fr(doc.text[start : max(sent.end, m.end())])
        target = m.start("part") - start
        for tok in parsed:
            if tok.idx != target:
                continue
            subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")]
            plural = any(
                "Plur" in s.morph.get("Number") or any(c.dep_ == "conj" for c in s.children)
                for s in subjects
            )
            if plural and "Plur" not in tok.morph.get("Number"):
                yield finding(
                    doc, CLASS, m.start("aux"), m.end("part"), messages.CALQUE_AGREEMENT, 0.5
                )
            break


# Where a rule's matches lie around its keywords, when narrower than the gate's default. A
# quoted fragment ends at its closing mark (plus the one character its lookahead reads) and
# starts at most ~60 characters before it (an opening mark, a letter, 50 characters, a
# preposition): 96 leaves room for spaces. Straight quotes are frequent in French news, so the
# default windows (160 before, 260 after each mark) made this rule scan nearly every article.
_NARROW_WINDOWS = {_QUOTED_FRAGMENT: (96, 2)}


def find(doc: Document) -> Iterator[Finding]:
    if doc.language != "fr":
        return
    text = doc.norm
    for (rx, message, confidence), keywords in zip(_RULES, _RULE_KEYWORDS, strict=True):
        before, after = _NARROW_WINDOWS.get(rx, (WINDOW_BEFORE, WINDOW_AFTER))
        for m in gated_finditer(rx, text, doc.lower, keywords, before, after):
            yield finding(doc, CLASS, m.start(), m.end(), message, confidence)
    yield from _agreement(doc)


register_detector("calque", find)
