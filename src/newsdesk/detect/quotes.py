"""unbalanced-, mismatched- and misplaced-quotes: quotation marks that professional text never sets.

Unbalanced: a quotation opened and never closed, or a closing mark with no opening one, in any
of the conventions the audit reads (« » and » « , „ “ and „ ”, “ ”, ” ”, straight quotes, 「 」);
`quote_marks` decides what each mark is (a » may open, close, or be an arrow; `34"` is an inch
mark) and pairs them across glued paragraphs and quotations over several paragraphs.
Mismatched (info): a quotation closed with a glyph of another convention ("…” , „…"), a
milder slip than a quotation never closed.

Misplaced: machine translation carries English quotation marks over word by word and breaks
French grammar around them. We flag only constructions that a French editor never writes:
a plural determiner before a single quoted singular noun ("quelques « frustration »"), a
sentence that starts with a quoted lower-case word (". « rapports » qui"), a quotation that
opens with a capitalised article in mid-sentence and is followed by a bare noun ("de « De
fabrication soviétique » drones"), an article doubled across the mark ("aux « les autorités"),
and an opening mark followed by a conjugated verb where only an infinitive, a participle or an
adjective can stand ("à « suivez", "est désormais « ne dis pas").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.detect import messages
from newsdesk.detect.document import Document, Span
from newsdesk.detect.quote_marks import GLUE as _GLUE
from newsdesk.detect.quote_marks import pair_quotes
from newsdesk.detect.registry import finding, register_class, register_detector
from newsdesk.types import Finding, Severity

UNBALANCED = "unbalanced-quotes"
MISPLACED = "misplaced-quotes"
register_class(
    UNBALANCED,
    Severity.WARNING,
    "quotes",
    "A quotation opened and never closed within its paragraph (or closed and never opened).",
)
register_class(
    MISPLACED,
    Severity.WARNING,
    "quotes",
    "Quotation marks placed where French grammar forbids them (word-for-word translation).",
)

MISMATCHED = "mismatched-quotes"
register_class(
    MISMATCHED,
    Severity.INFO,
    "quotes",
    'A quotation closed with a glyph of another convention ("…”, „…"): paired, but sloppy.',
)
# Messages for marks other than « and » (those keep the wording of newsdesk.detect.messages).
UNCLOSED_MESSAGE = "Citation ouverte par {mark} et jamais fermée avant la fin du paragraphe."
UNOPENED_MESSAGE = "Guillemet fermant {mark} sans guillemet ouvrant dans le paragraphe."
MISMATCHED_MESSAGE = (
    "Citation ouverte par {open} et fermée par {close} : les deux guillemets ne vont pas ensemble."
)
UNBALANCED_CONFIDENCE = 0.9
MISMATCHED_CONFIDENCE = 0.6

UNCLOSED_EXCERPT_MAX = 120  # characters of an unclosed quotation shown as the finding's span

_Q_OPEN = r"[«“\"]"
_Q_CLOSE = r"[»”\"]"

_PLURAL_DET = (
    r"quelques|plusieurs|des|les|ces|ses|leurs|nos|vos|certains|certaines|nombreux|nombreuses|"
    r"divers|diverses|diff[ée]rents|diff[ée]rentes|deux|trois|quatre|cinq"
)
_SINGULAR_DET = r"un|une|le|la|ce|cet|cette|son|sa|mon|ma|leur|chaque|quelque|aucun|aucune"
_PLURAL_SUFFIX = r"ions|ments|it[ée]s|eurs|ances|ences|ismes|istes|ages|ettes|ines|eaux|aux"

# Words that may follow a closing quotation mark in correct French (a title, a party name…).
_FUNCTION = (
    r"(?:et|ou|de|du|des|la|le|les|l'|à|au|aux|en|dans|pour|par|sur|avec|qui|que|qu'|a|est|sont|"
    r"était|ont|avait|se|s'|ne|n'|mais|puis|lors|selon|sans|sous|chez|contre|entre|vers|depuis|"
    r"pendant|après|avant|dont|où|car|donc|comme|il|elle|ils|elles|on|ce|cette|ces|un|une|y|"
    r"sera|seront|fait|font|devant|derrière|afin|alors|ainsi|aussi|même|très|plus|moins|pas)"
)

# Each rule is (the word, or the character class, that must stand just before the opening
# mark; what must follow from the mark). Rules are tried only at opening quotation marks, and the
# left context is a set lookup, so a long article costs a handful of matches.
_PLURAL_DET_WORDS = frozenset(
    [
        "quelques",
        "plusieurs",
        "des",
        "les",
        "ces",
        "ses",
        "leurs",
        "nos",
        "vos",
        "certains",
        "certaines",
        "nombreux",
        "nombreuses",
        "divers",
        "diverses",
        "différents",
        "différentes",
        "deux",
        "trois",
        "quatre",
        "cinq",
    ]
)
_SINGULAR_DET_WORDS = frozenset(
    [
        "un",
        "une",
        "le",
        "la",
        "ce",
        "cet",
        "cette",
        "son",
        "sa",
        "mon",
        "ma",
        "leur",
        "chaque",
        "quelque",
        "aucun",
        "aucune",
    ]
)
_ARTICLE_WORDS = frozenset(["au", "aux", "du", "des", "le", "la", "les", "un", "une"])
_RULES: list[tuple[str, re.Pattern[str], str]] = [
    (
        "plural-det",
        re.compile(rf"{_Q_OPEN}\s*[a-zà-ÿ][a-zà-ÿ'-]{{3,}}[a-rt-wyà-ÿ]\s*{_Q_CLOSE}(?=[\s,.;:])"),
        messages.MISPLACED_AGREEMENT,
    ),
    (
        "singular-det",
        re.compile(
            rf"{_Q_OPEN}\s*[a-zà-ÿ][a-zà-ÿ'-]{{2,}}(?:{_PLURAL_SUFFIX})\s*{_Q_CLOSE}(?=[\s,.;:])"
        ),
        messages.MISPLACED_AGREEMENT,
    ),
    (
        "sentence-start",
        re.compile(rf"{_Q_OPEN}\s*[a-zà-ÿ][\w'-]*\s*{_Q_CLOSE}\s+(?=[a-zà-ÿ])"),
        messages.MISPLACED_SENTENCE_START,
    ),
    (
        "mid-sentence",
        re.compile(
            rf"{_Q_OPEN}\s*(?:De|Du|En|Pour|Par|Avec|Sur|Dans|Sans|Sous)\s+"
            rf"[^«»“”\"\n.!?]{{1,60}}?\s*{_Q_CLOSE}\s+(?!{_FUNCTION}\b)(?=[a-zà-ÿ]{{3,}})"
        ),
        messages.MISPLACED_CAPITAL,
    ),
    (
        "article",
        re.compile(rf"{_Q_OPEN}\s*(?:le|la|les|l'|un|une|des|du|au|aux)\s"),
        messages.MISPLACED_ARTICLE,
    ),
]


_INFINITIVE_END = ("er", "ir", "oir", "re")


def _invariable_or_verb(quoted: str, det: str) -> bool:
    """A plural determiner before a quoted singular is no slip when the word cannot agree.

    Coined compounds ("les « démocrates-qui-ne-font-rien »", "des « pro-démocratie »") and
    borrowed words ending in a vowel other than e ("les « purikura »", "des « macarona »")
    are invariable; and "les" before a verb is a pronoun ("les « soutenir »", "les
    « déshérite »"), which a single quoted word after it often is.
    """
    word = quoted.strip(' «»“”"  ').lower()
    if "-" in word or word[-1:] in ("a", "i", "o", "u"):
        return True
    if det == "les" and (word.endswith(_INFINITIVE_END) or word.endswith(("e", "ent"))):
        return not word.endswith(("ion", "ité", "ence", "ance", "ure", "ude", "ie", "ère"))
    return False


def _left_context(text: str, pos: int) -> tuple[str, int]:
    """The word just before `pos` (lower-cased) and where it starts; '' at a sentence start."""
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "'-"):
        j -= 1
    return text[j:i].lower(), j


def _rule_applies(rule: str, text: str, pos: int, word: str) -> bool:
    if rule == "plural-det":
        return word in _PLURAL_DET_WORDS and pos > 0 and text[pos - 1].isspace()
    if rule == "singular-det":
        return word in _SINGULAR_DET_WORDS and pos > 0 and text[pos - 1].isspace()
    if rule == "sentence-start":
        k = pos
        while k > 0 and text[k - 1] in " \t" and pos - k < 3:
            k -= 1
        return k == 0 or text[k - 1] in ".!?\n"
    if rule == "mid-sentence":
        return (
            pos >= 2 and text[pos - 1] == " " and (text[pos - 2].islower() or text[pos - 2] == ",")
        )
    return word in _ARTICLE_WORDS and pos > 0 and text[pos - 1].isspace()


_VERB_RIGHT = re.compile(rf"{_Q_OPEN}\s*(?P<w>n'|ne\s|[a-zà-ÿ][\w-]*)")
_OPENING_MARK = re.compile(r"[«“\"]")
_NEGATED_INFINITIVE = re.compile(r"ne\s+(?:pas|plus|jamais|rien|point)\b|n'(?:importe|en\s+pas)")
_QUOTE_CHARS = re.compile(r"[«»“”\"]")
_ANY_MARK = re.compile(r"[«»„“”\"「」『』]")


def _unbalanced(doc: Document) -> Iterator[Finding]:
    text = doc.text
    lines = [(ln.start, ln.end) for ln in doc.lines]
    scan = pair_quotes(text, lines, doc.language)
    ignored = set(scan.ignored)
    odd_straight = _odd_straight_lines(doc, ignored)
    glued = _glued_lines(doc)
    for pos in scan.unclosed:
        straight = text[pos] == '"'
        li = _line_index(doc, pos)
        if straight and (li in glued or not odd_straight.get(li, False)):
            continue
        line = doc.line_at(pos)
        end = _sentence_end(doc, pos, line.end if line else len(text))
        message = messages.UNBALANCED_STRAIGHT if straight else _unclosed_message(text[pos])
        yield finding(doc, UNBALANCED, pos, end, message, confidence=UNBALANCED_CONFIDENCE)
    for pos in scan.unopened:
        straight = text[pos] == '"'
        li = _line_index(doc, pos)
        if straight and (li in glued or not odd_straight.get(li, False)):
            continue
        if _opens_in_missing_lead(doc, pos):
            continue
        line = doc.line_at(pos)
        line_start = line.start if line else 0
        start = max(doc.sentence_at(pos).start, line_start, pos - UNCLOSED_EXCERPT_MAX)
        if start >= pos > line_start:  # the mark opens its "sentence": show the one before
            start = max(doc.sentence_at(pos - 2).start, line_start, pos - UNCLOSED_EXCERPT_MAX)
        message = messages.UNBALANCED_STRAIGHT if straight else _unopened_message(text[pos])
        yield finding(doc, UNBALANCED, start, pos + 1, message, confidence=UNBALANCED_CONFIDENCE)
    for pair in scan.pairs:
        if pair.good:
            continue
        message = MISMATCHED_MESSAGE.format(open=text[pair.open], close=text[pair.close])
        yield finding(
            doc, MISMATCHED, pair.open, pair.close + 1, message, confidence=MISMATCHED_CONFIDENCE
        )


def _opens_in_missing_lead(doc: Document, pos: int) -> bool:
    """Is the closing mark at `pos` in the body's first paragraph, with no mark before it?

    A news body often starts inside a quotation whose opening is in the lead (chapô) that the
    text does not hold: the extractor kept it apart, or the corpus stores it as a separate
    field (OrangeSum's abstract). The mark is unpaired in the text, not in the article.
    """
    body = doc.body_lines
    if not body or not body[0].start <= pos <= body[0].end:
        return False
    glue = _GLUE.search(doc.text, body[0].start, pos)
    return glue is None and not _ANY_MARK.search(doc.text, body[0].start, pos)


def _glued_lines(doc: Document) -> set[int]:
    """Lines holding several paragraphs whose breaks were lost ("…Pyrénées.Alors…").

    A straight quote left unpaired there is not judged: where the breaks were lost, which
    mark lacks its partner is a guess (one misread mark shifts every pair after it)."""
    return {i for i, ln in enumerate(doc.lines) if _GLUE.search(doc.text, ln.start, ln.end)}


def _unclosed_message(mark: str) -> str:
    if mark == "«":
        return messages.UNCLOSED_QUOTE
    return UNCLOSED_MESSAGE.format(mark=mark)


def _unopened_message(mark: str) -> str:
    if mark == "»":
        return messages.UNOPENED_QUOTE
    return UNOPENED_MESSAGE.format(mark=mark)


def _line_index(doc: Document, pos: int) -> int:
    line = doc.line_at(pos)
    return doc.lines.index(line) if line is not None else -1


def _odd_straight_lines(doc: Document, ignored: set[int]) -> dict[int, bool]:
    """Per line: does it hold an odd number of straight double quotes (inch marks left out)?

    A straight quote is the same glyph for opening and closing, so one misread mark shifts
    every pair after it: an unpaired one is reported only where the count proves that one of
    the line's quotations really lacks a mark.
    """
    out: dict[int, bool] = {}
    text = doc.text
    for i, line in enumerate(doc.lines):
        n = 0
        pos = text.find('"', line.start, line.end)
        while pos >= 0:
            if pos not in ignored:
                n += 1
            pos = text.find('"', pos + 1, line.end)
        out[i] = n % 2 == 1
    return out


def _sentence_end(doc: Document, pos: int, limit: int) -> int:
    sent = doc.sentence_at(pos)
    end = sent.end if sent.end > pos else limit
    end = min(end, limit, pos + UNCLOSED_EXCERPT_MAX)
    if end < limit and end == pos + UNCLOSED_EXCERPT_MAX:
        space = doc.text.rfind(" ", pos + 1, end)
        if space > pos:
            end = space
    return end


_SECOND_PLURAL = re.compile(
    r"(?!(?:chez|assez|nez|rez|sons|tons|bons|dons|ponts|non)$)[a-zà-ÿ]{2,}(?:ez|ons)$"
)
_ADVERBS = frozenset(
    ["désormais", "toujours", "maintenant", "déjà", "aussi", "également", "encore"]
)
_AUX_WORDS = frozenset(
    [
        "à",
        "a",
        "est",
        "sont",
        "était",
        "étaient",
        "sera",
        "seront",
        "serait",
        "seraient",
        "ont",
        "avait",
        "avaient",
        "aura",
        "auront",
        "aurait",
        "auraient",
    ]
)


def _misplaced(doc: Document) -> Iterator[Finding]:
    text = doc.norm
    taken: list[Span] = []
    opening = [m.start() for m in _OPENING_MARK.finditer(text)]
    for pos in opening:
        word, word_start = _left_context(text, pos)
        for rule, right, message in _RULES:
            if not _rule_applies(rule, text, pos, word):
                continue
            rm = right.match(text, pos)
            if rm and rule == "plural-det" and _invariable_or_verb(rm.group(), word):
                rm = None
            if rm:
                start = (
                    word_start
                    if word and rule != "sentence-start" and rule != "mid-sentence"
                    else pos
                )
                span = Span(start, rm.end())
                if not any(t.start < span.end and span.start < t.end for t in taken):
                    taken.append(span)
                    yield finding(doc, MISPLACED, span.start, span.end, message)
                break
    for pos in opening:
        if any(t.start <= pos < t.end for t in taken):
            continue
        word, start = _left_context(text, pos)
        if word in _ADVERBS or word.endswith("ment"):
            word, start = _left_context(text, start)
        if word not in _AUX_WORDS:
            continue
        wm = _VERB_RIGHT.match(text, pos)
        if not wm:
            continue
        end: int | None
        if word in ("à", "a") and _SECOND_PLURAL.match(wm.group("w").lower()):
            # "à « suivez": a conjugated -ez/-ons form where only an infinitive can stand
            end = wm.end("w")
        else:
            end = _verb_violation(doc, start, wm)
        if end is not None:
            taken.append(Span(start, end))
            yield finding(doc, MISPLACED, start, end, messages.MISPLACED_VERB)


PARSE_WINDOW_AFTER = 60  # characters after the quoted word given to the tagger

# Words after « that cannot be a finite verb: function words, and participle, adjective,
# noun and infinitive endings. Only the rest is sent to the tagger (most candidates in clean
# news are "était « nécessaire »", "a « soulevé »").
_NOT_FINITE_WORDS = frozenset(
    [
        "l'",
        "d'",
        "un",
        "une",
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "à",
        "au",
        "aux",
        "dans",
        "en",
        "très",
        "trop",
        "plus",
        "moins",
        "pas",
        "peu",
        "bien",
        "loin",
        "cette",
        "ce",
        "ces",
        "cet",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "tout",
        "toute",
        "tous",
        "toutes",
        "rien",
        "beaucoup",
        "assez",
        "chez",
        "nez",
        "un",
        "plutôt",
        "jamais",
        "toujours",
        "encore",
        "déjà",
        "si",
        "aussi",
        "presque",
        "quasi",
    ]
)
_NOT_FINITE_SUFFIX = re.compile(
    r"(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|er|ir|oir|re|ble|bles|if|ifs|ive|ives|eux|euse|euses|"
    r"al|ale|ales|aux|ique|iques|ant|ante|ants|antes|ment|ments|tion|tions|sion|sions|ité|ités|"
    r"eur|eurs|isme|ismes|iste|istes|aire|aires|ance|ances|ence|ences|age|ages|ure|ures|ine|ines|"
    r"el|elle|els|elles|ais|aise|aises)$"
)


def _maybe_finite(word: str) -> bool:
    if word in _NOT_FINITE_WORDS or len(word) < 2:
        return False
    if word.endswith("ez") and word not in ("chez", "assez", "nez", "rez"):
        return True
    if word in ("va", "vont", "est", "sont", "a", "ont", "fait", "font", "dit", "peut", "doit"):
        return True
    return not _NOT_FINITE_SUFFIX.search(word)


def _verb_violation(doc: Document, start: int, m: re.Match[str]) -> int | None:
    """End offset of the offending verb if the quoted text opens with a finite verb, else None."""
    text = doc.norm
    word = m.group("w")
    after = text[m.start("w") : m.start("w") + 40]
    if word.startswith(("n'", "ne")) and word.strip() in ("n'", "ne"):
        if _NEGATED_INFINITIVE.match(after):
            return None
        nxt = re.match(r"(?:n'|ne\s+)([\w-]+)", after)
        return m.start("w") + nxt.end() if nxt else None
    if not _maybe_finite(word.lower()):
        return None
    from newsdesk.detect.parse import parse_fr

    # A window of a few words is enough for the tagger to tell a finite verb, and far cheaper
    # than the whole sentence.
    start = max(doc.sentence_at(start).start, start)
    end = min(len(text), m.end("w") + PARSE_WINDOW_AFTER)
    # The tagger is asked about the words without their quotation marks: a mark between "a" and
    # "dit" hides the auxiliary and makes the participle look finite ("a « dit que… »").
    parsed = parse_fr(_QUOTE_CHARS.sub(" ", doc.text[start:end]))
    target = m.start("w") - start
    for tok in parsed:
        if tok.idx == target:
            finite = "Fin" in tok.morph.get("VerbForm") or "Imp" in tok.morph.get("Mood")
            if tok.pos_ in ("VERB", "AUX") and finite:
                return start + tok.idx + len(tok.text)
            return None
    return None


def find(doc: Document) -> Iterator[Finding]:
    if not _ANY_MARK.search(doc.text):
        return
    yield from _unbalanced(doc)
    if doc.language == "fr":
        yield from _misplaced(doc)


register_detector("quotes", find)
