"""leaked-instruction: prompt text that a rewriting pipeline published by mistake.

A leaked instruction is a clause addressed to a writing tool: an imperative (or a prompt-style
infinitive) about the text itself — "Customize this title in french", "Réécris cet article",
"Escribe un artículo de 700 palabras" — usually with a constraint (SEO, a word count, a target
language). We score each clause on independent signals instead of matching whole sentences,
so reworded, re-cased, unspaced ("frenchLes États-Unis") and multilingual variants are caught:

- V  an instruction verb at the start of a clause (imperative, six languages)
- T  the text as an object (article, title, paragraph, subheadings… in six languages)
- S  search-engine optimisation
- W  a length constraint in words
- L  a target language ("in French", "en français", "al francés", "ins Französische"…)
- P  prompt scaffolding ("let there be", "the following text", "you are a … writer")
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from newsdesk.detect import messages
from newsdesk.detect.document import Document, Span
from newsdesk.detect.gate import Keywords
from newsdesk.detect.registry import finding, register_class, register_detector
from newsdesk.types import Finding, Severity

CLASS = "leaked-instruction"
register_class(
    CLASS,
    Severity.ERROR,
    "leaked_instruction",
    "An instruction to a writing or translation tool published as part of the text.",
)

_POLITE = (
    r"(?:please|kindly|now|then|also|and|next|finally|s'il\s*(?:te|vous)\s*pla[iî]t|merci\s*de|"
    r"maintenant|ensuite|puis|enfin|et|aussi|por\s*favor|ahora|luego|también|bitte|jetzt|dann|"
    r"auch|per\s*favore|ora|poi|anche|agora|depois|também|-|\*|•)"
)

# Imperatives (tu/vous/usted/du/Sie forms) of verbs that tell a tool what to do with a text.
_IMPERATIVE = (
    # English
    r"re-?write|write|customi[sz]e|make|create|generate|translate|paraphrase|summari[sz]e|"
    r"rephrase|reword|optimi[sz]e|add|include|use|expand|shorten|produce|provide|edit|improve|"
    r"format|insert|craft|compose|turn|convert|adapt|locali[sz]e|give\s*(?:me|it|the)|ensure|"
    r"remove|avoid|do\s*not|don't|keep|"
    # French
    r"r[ée]{1,2}cri(?:s|vez)|[ée]cri(?:s|vez)|r[ée]dige[sz]?|reformule[sz]?|paraphrase[sz]|"
    r"tradui(?:s|sez)|r[ée]sume[sz]?|personnalise[sz]?|rend(?:s|ez)|cr[ée]e[sz]?|g[ée]n[èée]re[sz]?|"
    r"optimise[sz]?|ajoute[sz]?|utilise[sz]?|fai(?:s|tes)|donne[sz]?|propose[sz]?|corrige[sz]?|"
    r"adapte[sz]?|am[ée]liore[sz]?|ins[èée]re[sz]?|inclu(?:s|ez)|[ée]vite[sz]?|transforme[sz]?|"
    r"produi(?:s|sez)|d[ée]veloppe[sz]?|raccourci(?:s|ssez)|compl[èée]te[sz]?|structure[sz]|"
    r"assure[sz]?-(?:toi|vous)|veille[sz]?\s*[àa]|n'utilise[sz]?\s*pas|"
    # Spanish
    r"reescrib[ae]|escrib[ae]|redact[ae]|traduc[e]|traduzca|resum[ae]|parafrase[ae]|reformul[ae]|"
    r"personaliz[a]|personalice|haz|haga|cre[ae]|gener[ae]|optimiz[a]|optimice|añad[ae]|agreg[a]|"
    r"agregue|us[ae]|utiliz[a]|utilice|incluy[ae]|mejor[ae]|conviert[ae]|"
    # German
    r"schreib(?:e|en\s*sie)?|formulier(?:e|en\s*sie)|[üu]bersetz(?:e|en\s*sie)|fass(?:e|en\s*sie)|"
    r"erstell(?:e|en\s*sie)|pass(?:e|en\s*sie)|mach(?:e|en\s*sie)?|optimier(?:e|en\s*sie)|"
    r"f[üu]g(?:e|en\s*sie)|verwend(?:e|en\s*sie)|nutz(?:e|en\s*sie)|generier(?:e|en\s*sie)|"
    r"gestalt(?:e|en\s*sie)|paraphrasier(?:e|en\s*sie)|[üu]berarbeit(?:e|en\s*sie)|"
    # Italian
    r"riscriv[ia]|scriv[ia]|tradu(?:ci|ca)|riassum[ia]|parafras[ai]|riformul[ai]|personalizz[ai]|"
    r"cre[ai]|gener[ai]|ottimizz[ai]|aggiung[ia]|utilizz[ai]|rend[ia]|fai|faccia|includ[ia]|"
    r"miglior[ai]|"
    # Portuguese
    r"reescrev[ae]|escrev[ae]|traduz[a]?|resum[ae]|parafraseie|reformul[ae]|personaliz[ae]|cri[ae]|"
    r"ger[ae]|otimiz[ae]|adicion[ae]|acrescent[ae]|utiliz[ae]|torn[ae]|fa[çc]a|inclu[ae]|melhor[ae]"
)

# Prompt-style infinitives ("Réécrire cet article en 500 mots"): counted only with a deictic
# object ("this article", "le texte suivant"), because "réécrire le texte de loi" is news.
_INFINITIVE = (
    r"r[ée]{1,2}crire|[ée]crire|r[ée]diger|reformuler|paraphraser|traduire|r[ée]sumer|"
    r"personnaliser|optimiser|g[ée]n[ée]rer|cr[ée]er|reescribir|escribir|redactar|traducir|"
    r"resumir|umschreiben|schreiben|[üu]bersetzen|zusammenfassen|umformulieren|riscrivere|"
    r"scrivere|tradurre|riassumere|reescrever|escrever|traduzir|resumir|to\s*(?:re)?write|"
    r"to\s*translate"
)

_TARGET = (
    r"article|articles|text|texts|title|titles|headline|headlines|heading|headings|"
    r"sub-?headings?|sub-?titles?|paragraphs?|content|blog\s*post|post|story|summary|keywords?|"
    r"meta\s*description|sentences?|tone|"
    r"texte|textes|titre|titres|paragraphes?|contenu|intertitres?|sous-titres?|mots[- ]cl[ée]s|"
    r"m[ée]ta-?\s*description|r[ée]sum[ée]|billet|phrases?|chap[ôo]|"
    r"art[íi]culos?|texto|t[íi]tulos?|p[áa]rrafos?|contenido|subt[íi]tulos?|palabras\s*clave|"
    r"resumen|encabezados?|"
    r"artikel|titel|[üu]berschriften?|zwischen[üu]berschriften|abs[äa]tze?|inhalt|"
    r"schl[üu]sselw[öo]rter|zusammenfassung|beitrag|"
    r"articolo|testo|titolo|paragrafi|paragrafo|contenuto|sottotitoli|parole\s*chiave|riassunto|"
    r"artigo|par[áa]grafos?|conte[úu]do|palavras-?\s*chave|resumo|manchete"
)
_DEICTIC = (
    r"(?:this|these|the\s*following|the\s*above|ce|cet|cette|ces|este|esta|estos|estas|"
    r"dies(?:e[nrs]?)?|den\s*folgenden|questo|questa|questi|o\s*seguinte|a\s*seguinte|"
    r"le\s*|la\s*|l'|the\s*|el\s*|il\s*|o\s*|a\s*|den\s*|das\s*|der\s*)"
)

_SIGNALS = {
    "T": re.compile(rf"(?<![\w-])(?:{_TARGET})(?![\w])"),
    "S": re.compile(
        r"(?<![a-z])seo(?![a-z])|search\s*engine|moteurs?\s*de\s*recherche|r[ée]f[ée]rencement|"
        r"suchmaschinen|motores?\s*de\s*b[úu]squeda|motori\s*di\s*ricerca|motores?\s*de\s*busca"
    ),
    "W": re.compile(
        r"\d[\d.,  ]{0,6}\s*(?:-\s*)?(?:words?|mots|palabras|w[öo]rter[n]?|parole|palavras|"
        r"caract[eè]res|characters|zeichen)(?![a-z])"
    ),
    "L": re.compile(
        r"(?:\b(?:in|into|to)\s*(?:french|english|spanish|german|italian|portuguese)|"
        r"\ben\s*(?:langue\s*)?(?:fran[çc]ais|anglais|espagnol|allemand|italien|portugais)|"
        r"\b(?:al|en)\s*(?:franc[ée]s|ingl[ée]s|espa[ñn]ol|alem[áa]n|italiano|portugu[ée]s)|"
        r"\bauf\s*(?:franz[öo]sisch|englisch|spanisch|deutsch)|"
        r"\bins\s*(?:franz[öo]sische|englische|spanische|deutsche)|"
        r"\bin\s*(?:francese|inglese|spagnolo|tedesco)|"
        r"\bpara\s*o\s*(?:franc[êe]s|ingl[êe]s|espanhol|alem[ãa]o)|"
        r"\b(?:be|sois|soyez|sea|sei|seja)\s*(?:in\s*)?(?:french|fran[çc]ais|franc[ée]s))"
        r"(?-i:(?![a-zà-ÿ]))"
    ),
    "P": re.compile(
        r"\blet\s*there\s*be\b|\bthe\s*following\s*(?:text|article|content|paragraphs?)|"
        r"\b(?:le|du)\s*(?:texte|article|contenu)\s*(?:suivant|ci-dessous|ci-dessus)|"
        r"\b(?:el|del)\s*(?:siguiente|texto\s*siguiente)|\bden\s*folgenden\s*text|"
        r"\bil\s*seguente\s*testo|\bo\s*seguinte\s*texto|"
        r"\b(?:you\s*are|act\s*as|tu\s*es|vous\s*[êe]tes|agis(?:sez)?\s*comme|eres|act[úu]a\s*como|"
        r"du\s*bist|agisci\s*come|sei|voc[êe]\s*[ée]|aja\s*como)\s*(?:an?|un|une|una|ein|eine|um|uma)?"
        r"\s*(?:expert|seo|journalist|writer|copywriter|editor|r[ée]dacteur|journaliste|"
        r"periodista|redactor|journalist(?:in)?|giornalista|jornalista|redator)"
    ),
}
# `\W*+` is possessive: _POLITE's bullets are non-word characters too, and a greedy `\W*` around
# them backtracks exponentially on a line of them (a Markdown table rule "|---|---|…" hung).
_LEADING_VERB = re.compile(rf"\W*+(?:{_POLITE}\W*+)*(?:{_IMPERATIVE})(?![\w'])")
_COMMA_VERB = re.compile(rf"[,;]\s*(?:{_POLITE}\s*)*(?:{_IMPERATIVE})(?![\w'])")
_LEADING_INFINITIVE = re.compile(
    rf"\W*+(?:{_POLITE}\W*+)*(?:{_INFINITIVE})\s*{_DEICTIC}?\s*(?:{_TARGET})"
    rf"(?:\s*(?:suivant|ci-dessous|following|siguiente|folgenden|seguente|seguinte))?"
)

# Words of the constraint and scaffolding signals (S, W, L, P); a clause that does not open on
# an instruction verb is examined only if it holds one of them (see gate.py).
_SIGNAL_KEYWORDS = Keywords(
    (
        "seo",
        "search engine",
        "r\u00e9f\u00e9rencement",
        "moteur",
        "suchmaschin",
        "motor",
        "word",
        "mots",
        "palabra",
        "w\u00f6rt",
        "worte",
        "parole",
        "palavra",
        "caract",
        "zeichen",
        "french",
        "english",
        "spanish",
        "german",
        "italian",
        "portuguese",
        "fran\u00e7ais",
        "francais",
        "anglais",
        "franc\u00e9s",
        "ingl\u00e9s",
        "franz\u00f6s",
        "englisch",
        "francese",
        "inglese",
        "franc\u00eas",
        "let there",
        "following",
        "suivant",
        "ci-dessous",
        "ci-dessus",
        "siguiente",
        "folgenden",
        "seguente",
        "seguinte",
        "you are",
        "act as",
        "tu es ",
        "vous \u00eates",
        "agis",
        "eres ",
        "act\u00faa",
        "du bist",
        "agisci",
        "sei un",
        "voc\u00ea",
        "aja como",
    )
)
# Clause boundaries: sentence punctuation, a lower→Upper letter glue ("frenchLes"), and an
# opening quotation mark glued to the word before it ("in french« Nous ne céderons pas »"):
# French and English typography always put a space there, so the glue is a join of two texts.
_PUNCT_BREAK = re.compile(r"[.!?:;…]+[\s\"»”)]*|[\"»”)]\s+(?=[A-ZÀ-ÖØ-Þ])")
# Glue, found from its second character (upper-case letters and « “ are rare, lower-case ones
# are everywhere: scanning for the rare one is several times faster); the character before it
# must be a lower-case letter.
_GLUE_SECOND = re.compile(r"[A-ZÀ-ÖØ-Þ](?=[a-zà-ÿ])|[«“]")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz") | frozenset(chr(c) for c in range(0xE0, 0x100))
MAX_CLAUSE_CHARS = 400  # a leaked prompt is one or two lines; longer clauses are prose


def _breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(end of the clause before, start of the clause after) for every break in [start, end)."""
    out = [(m.end(), m.end()) for m in _PUNCT_BREAK.finditer(text, start, end)]
    for m in _GLUE_SECOND.finditer(text, start + 1, end):
        if text[m.start() - 1] in _LOWER:
            out.append((m.start(), m.start()))  # the break is between the two characters
    if len(out) > 1:
        out.sort()
    return out


def _clauses(doc: Document, line: Span) -> list[Span]:
    spans = []
    s = line.start
    for e, nxt in _breaks(doc.text, line.start, line.end):
        if nxt < s:
            continue  # inside a punctuation break already consumed
        if e > s:
            spans.append(Span(s, e))
        s = nxt
    if s < line.end:
        spans.append(Span(s, line.end))
    return spans


# An instruction verb inside a clause, directly followed by its object ("… Réécris cet article
# en français" glued after a headline); counted only with a hard constraint in the clause.
_INLINE_VERB = re.compile(
    rf"(?<![\w'])(?:{_IMPERATIVE})\s*(?:this|these|the|ce|cet|cette|ces|le|la|les|l'|un|une|des|"
    rf"este|esta|el|un|una|diesen|dieser|den|die|das|einen|questo|questa|il|lo|l'|o|a|um|uma)\s*"
    rf"(?:{_TARGET})(?![\w])"
)


def _signals(clause: str, line_keywords: Sequence[str]) -> set[str]:
    """The signals present in one clause (lower-cased), or an empty set if it cannot qualify.

    `line_keywords` are the signal keywords present in the clause's line (checked once per
    line: most lines hold none, and then only a leading verb can qualify a clause)."""
    # A clause that opens on a comma continues a sentence: ", résume X" after a quotation is
    # speech with its subject inverted, not an order (the comma case is _COMMA_VERB's, below).
    leading = bool(_LEADING_VERB.match(clause)) and not clause.lstrip(" \"'»”’").startswith(
        (",", ";")
    )
    infinitive = bool(_LEADING_INFINITIVE.match(clause))
    if not (leading or infinitive or any(kw in clause for kw in line_keywords)):
        return set()
    found = {name for name, rx in _SIGNALS.items() if rx.search(clause)}
    # A verb after a comma is an instruction only next to a hard constraint: in French the
    # tu-imperative is also the third person (", résume l'institution").
    if leading or (found & {"S", "W", "L"} and _COMMA_VERB.search(clause)):
        found.add("V")
    if infinitive:
        found.add("I")
    if "V" not in found and found & {"S", "W", "L"}:
        m = _INLINE_VERB.search(clause)
        if m:
            found.add("V")
            found.add(f"@{m.start()}")  # the instruction starts mid-clause, at the verb
    return found


def _is_instruction(sig: set[str]) -> bool:
    constraint = sig & {"T", "S", "W", "L"}
    if "I" in sig:
        return True
    if "V" in sig and constraint:
        return True
    if "P" in sig and (constraint or "V" in sig):
        return True
    return len(sig & {"T", "S", "W", "L"}) >= 3


def find(doc: Document) -> Iterator[Finding]:
    lower = doc.lower
    for line in doc.lines:
        clauses = _clauses(doc, line)
        flagged: list[Span] = []
        signals: list[set[str]] = []
        line_lower = lower[line.start : line.end]
        line_keywords = _SIGNAL_KEYWORDS.present(line_lower)
        for clause in clauses:
            if clause.end - clause.start > MAX_CLAUSE_CHARS:
                signals.append(set())
                continue
            found = _signals(lower[clause.start : clause.end], line_keywords)
            if found and doc.quoted_fraction(clause.start, clause.end) > 0.5:
                found = set()  # a quoted instruction is reported speech, not a leak
            signals.append(found)
        for i, clause in enumerate(clauses):
            if _is_instruction(signals[i]):
                starts = [int(x[1:]) for x in signals[i] if x.startswith("@")]
                flagged.append(Span(clause.start + starts[0], clause.end) if starts else clause)
            elif signals[i] & {"P", "V"} and (
                (i > 0 and _is_instruction(signals[i - 1]))
                or (i + 1 < len(clauses) and _is_instruction(signals[i + 1]))
            ):
                flagged.append(clause)  # "You are a web writer." before the instruction itself
        for span in _merge(flagged, doc):
            yield finding(doc, CLASS, span.start, span.end, messages.LEAKED_INSTRUCTION)


def _merge(spans: list[Span], doc: Document) -> list[Span]:
    """Join flagged clauses separated only by punctuation and spaces."""
    out: list[Span] = []
    for sp in spans:
        if out and not doc.text[out[-1].end : sp.start].strip(" ,.;:!?"):
            out[-1] = Span(out[-1].start, sp.end)
        else:
            out.append(sp)
    return out


register_detector("leaked_instruction", find)
