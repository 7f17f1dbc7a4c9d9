"""untranslated-fragment: words left in another language than the article's.

Three places where machine translation leaves the source language behind:
- square brackets, which the translator treats as untouchable ("[this week]", "[in Russia or
  Crimea]"); a bracket holding only a name is checked against the article's own spelling of
  that name ("[Putin]" in an article that says "Poutine");
- parentheses, likewise ("(this week)", "(in Russia or Crimea)"). French news puts much more
  in parentheses than in brackets — sources "(AFP)", parties "(PS)", acronyms "(OTAN)", titles
  "(New York Times)", glosses "(en anglais : « fair use »)", "(think tank)" — so a parenthesis
  counts only when it reads as a phrase of the other language: besides the identifier's
  verdict, it must hold one of that language's function words ("in", "the", "this"), which a
  term kept in the original ("fake news", "think tank") does not;
- whole sentences in another language.
Both are decided by language identification of the span (py3langid, restricted to plausible
languages), not by a word list. Brackets that are not language are left alone: shortcodes and
embeds (`[EMBED url=" "]`, `[/button]`: boilerplate.py reports them), editorial insertions in
the article's own language (`[was]`, `[China's]`, `[gastrointestinal]`: one word, or words
the article uses elsewhere), and parentheses that expand an acronym or name a law, a work or
an organisation in its original language ("CICR (International Committee of the Red Cross)",
"(Bereavement Leave for Miscarriage)"). A sentence is sent to the identifier only when few of its words
are function words of the article's language — a cheap prefilter, since almost every sentence
of a French article is French.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from functools import cached_property

from newsdesk.detect import messages
from newsdesk.detect.boilerplate import SHORTCODE
from newsdesk.detect.document import Document
from newsdesk.detect.langid import SPAN_LANGUAGES, language_probabilities
from newsdesk.detect.registry import finding, register_class, register_detector
from newsdesk.types import Finding, Severity

CLASS = "untranslated-fragment"
register_class(
    CLASS,
    Severity.WARNING,
    "untranslated",
    "A span (bracketed fragment or sentence) in another language than the article.",
)

# Calibrated on the bracketed fragments of the samples and on French editorial insertions
# ("[il]", "[le président]", "[en 2019]"): short spans spread probability thinly, so we ask
# for the foreign language to be clearly ahead rather than for a high absolute probability.
BRACKET_MARGIN = 2.0  # p(top foreign language) / p(article language)
BRACKET_MAX_DOC_PROB = 0.3  # above this the article's language remains plausible
SENTENCE_MIN_WORDS = 4  # shorter sentences are names, captions or figures
SENTENCE_FOREIGN_PROB = 0.8  # p(foreign language) needed to flag a whole sentence
SENTENCE_MAX_DOC_PROB = 0.1
# Inside quotation marks a foreign sentence may be a quotation left in the original on purpose
# (a slogan, a song title, a short tweet); only long, unambiguous ones count.
QUOTED_MIN_WORDS = 8
QUOTED_FOREIGN_PROB = 0.99
FUNCTION_WORD_SHARE = 0.12  # below this share of function words a sentence is sent to langid
NAME_SIMILARITY = 0.72  # "Putin"/"Poutine" = 0.83; unrelated names of similar length < 0.6
MIN_LOWERCASE_SHARE = 0.5  # a "sentence" of capitalised names is not prose
# Articles written in a language other than French and English (the languages newsdesk
# translates between) quote English on purpose: a motto, a heading, a song line ("Life is a
# burning bush.", "Dressed as a girl" on German blogs of the extraction benchmark). Only a
# longer sentence there reads as a fragment left behind.
OTHER_MIN_WORDS = 8
_ATTRIBUTED = re.compile(r"\((?-i:[A-ZÀ-Ý][\w'-]+)(?:\s+(?-i:[A-ZÀ-Ý])[\w'.-]+){0,3}\)\W*$")
# An embedded social-media post: its text, then "— Name (@handle) date", or a t.co link.
_EMBED_SIGNATURE = re.compile(r"^\W*[—–-]\s*[^\n]{1,60}\(@\w+\)")

# Function words of each article language, for the prefilter only (never to decide). Words
# shared by French and English ("a", "on") are left out so neither language hides the other.
_FUNCTION_WORDS = {
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "l",
            "un",
            "une",
            "des",
            "du",
            "de",
            "d",
            "et",
            "est",
            "sont",
            "à",
            "au",
            "aux",
            "en",
            "dans",
            "pour",
            "par",
            "sur",
            "avec",
            "que",
            "qui",
            "qu",
            "ne",
            "n",
            "pas",
            "se",
            "s",
            "sa",
            "son",
            "ses",
            "il",
            "elle",
            "ils",
            "elles",
            "on",
            "nous",
            "vous",
            "ce",
            "c",
            "cette",
            "ces",
            "leur",
            "leurs",
            "plus",
            "a",
            "ont",
            "été",
            "être",
            "avait",
            "mais",
            "ou",
            "où",
            "comme",
            "si",
            "y",
            "lui",
            "tout",
            "tous",
            "été",
            "aussi",
            "très",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "a",
            "an",
            "of",
            "and",
            "to",
            "in",
            "is",
            "are",
            "was",
            "were",
            "for",
            "on",
            "with",
            "that",
            "this",
            "by",
            "as",
            "at",
            "from",
            "it",
            "its",
            "be",
            "been",
            "has",
            "have",
            "had",
            "not",
            "but",
            "or",
            "which",
            "who",
            "will",
            "would",
            "their",
            "they",
            "he",
            "she",
            "we",
            "you",
            "there",
            "than",
            "also",
            "into",
            "about",
            "after",
            "more",
        ]
    ),
}
# Function words of the other languages with a list, per article language (parentheses only).
_OTHER_FUNCTION_WORDS = {
    lang: frozenset().union(*(w for other, w in _FUNCTION_WORDS.items() if other != lang))
    for lang in _FUNCTION_WORDS
}
# Fast path of the prefilter: a sentence holding several of the commonest function words of the
# article's language is in that language (checked with substring tests, no tokenising).
_COMMON_PAIRS = {
    "fr": (
        " de ",
        " la ",
        " le ",
        " les ",
        " et ",
        " des ",
        " du ",
        " une ",
        " est ",
        " que ",
        " dans ",
        " pour ",
        " qui ",
        " sur ",
        " pas ",
    ),
    "en": (
        " the ",
        " of ",
        " and ",
        " to ",
        " is ",
        " was ",
        " for ",
        " that ",
        " with ",
        " from ",
        " are ",
        " were ",
        " has ",
        " have ",
    ),
}
COMMON_WORDS_FOR_SURE = 3
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_BRACKET = re.compile(r"\[([^\[\]\n]{2,120})\]")
_PAREN = re.compile(r"\(([^()\n]{2,120})\)")
# Quoted words inside a parenthesis are a term given in the original on purpose.
_QUOTED_IN_SPAN = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
PAREN_MIN_WORDS = 2  # "(this week)"; a single word in parentheses is a term or a name
_SKIP_BRACKET = re.compile(
    r"^\W*(?:\.{2,}|…|sic|ndlr|n\.d\.l\.r\.?|ndt|n\.d\.t\.?|ndlr\s*:.*|note\s+de\s+la\s+r[ée]daction.*|"
    r"[\d\s,./:h-]+|[a-z]|photo|vid[ée]o|video|audio|traduction.*|translation.*|ed\.?|"
    r"editor'?s?\s+note.*|inaudible|rires|applaudissements|laughter|applause)\W*$",
    re.IGNORECASE,
)


# An editorial insertion is usually one word ("[was]", "[il]", "[gastrointestinal]"); the
# untranslated fragments of the samples and the planted ones have two or more ("[this week]").
EDITORIAL_MAX_WORDS = 1
_ACRONYM = re.compile(r"(?<![\w-])[A-ZÀ-Ý][A-ZÀ-Ý0-9&.-]{1,9}(?![\w-])")
_POSSESSIVE = re.compile(r"'s$|s'$")


def _words_used_elsewhere(doc: Document, words: list[str], span_start: int, span_end: int) -> bool:
    """Does the article use every word of a bracket outside it? Then they are its language."""
    body = doc.lower
    for w in words:
        lw = w.lower()
        if len(lw) < 2:
            continue
        rx = re.compile(rf"(?<![\w]){re.escape(lw)}(?![\w])")
        if not any(m.start() < span_start or m.start() >= span_end for m in rx.finditer(body)):
            return False
    return True


def _expands_acronym(doc: Document, start: int, content: str, words: list[str]) -> bool:
    """An acronym's expansion ("OMS (World Health Organization)") or a name in its original
    language: an acronym just before or inside, or every content word capitalised."""
    before = doc.norm[max(0, start - 20) : start].rstrip()
    if _ACRONYM.search(before[-12:]) and before[-1:].isupper() or _ACRONYM.search(content):
        return True
    # A gloss of the name just before it: "le consortium Reacting (Research and action …)".
    name_before = re.search(r"(?-i:[A-ZÀ-Ý][\w-]+)$", before)
    if name_before and words[0][:1].isupper() and not _sentence_start(before, name_before.start()):
        return True
    content_words = [w for w in words if len(w) > 3]
    initials = "".join(w[0] for w in words if w[:1].isupper())
    if len(initials) >= 2 and re.search(rf"(?<![\w]){re.escape(initials)}(?![\w])", doc.text):
        return True
    # A name of a law, a work or a body starts with a capital and capitalises its content
    # words ("Bereavement Leave for Miscarriage"); "(in Russia or Crimea)" is a phrase.
    return (
        bool(content_words)
        and words[0][:1].isupper()
        and all(w[:1].isupper() for w in content_words)
    )


def _sentence_start(text: str, pos: int) -> bool:
    """Is `pos` the first word of a sentence (so its capital says nothing)?"""
    return not text[:pos].strip() or text[:pos].rstrip()[-1:] in '.!?:«"“'


class _NameIndex:
    """Capitalised words of a document, to recognise a name spelled in another language."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @cached_property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in re.finditer(r"\b[A-ZÀ-ÖØ-Þ][\w-]{2,}", self.doc.text):
            for part in m.group(0).split("-"):
                if part[:1].isupper():
                    counts[part] = counts.get(part, 0) + 1
        return counts

    def foreign_spelling(self, word: str) -> bool:
        """Is `word` used only here while a similar, differently spelled name is used elsewhere?"""
        word = _POSSESSIVE.sub("", word)  # "[China's]" is "China" in the possessive
        if len(word) < 4 or self.counts.get(word, 0) > 1:
            return False
        for other in self.counts:
            if other == word or abs(len(other) - len(word)) > 3 or other[0] != word[0]:
                continue
            if SequenceMatcher(None, word.lower(), other.lower()).ratio() >= NAME_SIMILARITY:
                return True
        return False


def _bracket_findings(doc: Document, lang: str) -> Iterator[Finding]:
    names = _NameIndex(doc)
    for m in _BRACKET.finditer(doc.norm):
        content = m.group(1).strip()
        if _SKIP_BRACKET.match(content) or SHORTCODE.match(doc.text, m.start()):
            continue
        words = _WORD.findall(content)
        if not words:
            continue
        if all(w[:1].isupper() for w in words):
            if any(not w.isupper() and names.foreign_spelling(w) for w in words):
                yield finding(
                    doc, CLASS, m.start(), m.end(), messages.UNTRANSLATED_NAME, confidence=0.6
                )
            continue
        if len(words) <= EDITORIAL_MAX_WORDS or _words_used_elsewhere(
            doc, words, m.start(), m.end()
        ):
            continue  # an editorial insertion in the article's own language
        probs = language_probabilities(content)
        p_doc = probs.get(lang, 0.0)
        top, p_top = max(probs.items(), key=lambda kv: kv[1])
        if top != lang and p_top >= BRACKET_MARGIN * p_doc and p_doc < BRACKET_MAX_DOC_PROB:
            yield finding(doc, CLASS, m.start(), m.end(), messages.UNTRANSLATED_BRACKET, 0.8)


def _paren_findings(doc: Document, lang: str) -> Iterator[Finding]:
    """Parentheses written in another language than the article (see the module docstring)."""
    for m in _PAREN.finditer(doc.norm):
        if doc.in_quotes(m.start()):
            continue
        content = _QUOTED_IN_SPAN.sub(" ", m.group(1)).strip()
        if not content or _SKIP_BRACKET.match(content):
            continue
        words = _WORD.findall(content)
        if len(words) < PAREN_MIN_WORDS or all(w[:1].isupper() for w in words):
            continue  # a name, a source, an acronym, a title
        if m.start() > 0 and doc.text[m.start() - 1].isalnum():
            continue  # glued to a word: part of a name ("Chris(tine and the Queens)")
        if _expands_acronym(doc, m.start(), content, words):
            continue  # "OTAN (North Atlantic Treaty Organization)", a law's or a work's name
        lowered = [w.lower() for w in words]
        others = _OTHER_FUNCTION_WORDS.get(lang, frozenset())
        if len(words) < SENTENCE_MIN_WORDS and not any(w in others for w in lowered):
            continue  # cheap exit before the identifier: neither condition below can hold
        probs = language_probabilities(content)
        p_doc = probs.get(lang, 0.0)
        top, p_top = max(probs.items(), key=lambda kv: kv[1])
        if top == lang or p_top < BRACKET_MARGIN * p_doc or p_doc >= BRACKET_MAX_DOC_PROB:
            continue
        foreign_words = _FUNCTION_WORDS.get(top)
        own_words = _FUNCTION_WORDS.get(lang, frozenset()) - (foreign_words or frozenset())
        if any(w.lower().split("'")[0] in own_words for w in words):
            continue  # holds a function word of the article's own language ("soit", "de")
        if foreign_words is not None:
            # A function word of both languages ("on", "a") is no evidence: "(on percussion)"
            # in an English article.
            shared = _FUNCTION_WORDS.get(lang, frozenset())
            if not any(w.lower() in foreign_words - shared for w in words):
                continue  # a term kept in the original, not a phrase left untranslated
        elif p_top < SENTENCE_FOREIGN_PROB or len(words) < SENTENCE_MIN_WORDS:
            continue  # no function-word list for that language: ask for a long, clear span
        yield finding(doc, CLASS, m.start(), m.end(), messages.UNTRANSLATED_PAREN, 0.8)


def _embedded_post(doc: Document, pos: int) -> bool:
    """Is `pos` in an embedded post (a tweet quoted with its signature line)?"""
    line = doc.line_at(pos)
    if line is None:
        return False
    text = doc.text[line.start : line.end]
    if "t.co/" in text or "pic.twitter.com" in text or _EMBED_SIGNATURE.search(text):
        return True
    nxt = next((ln for ln in doc.lines if ln.start > line.end), None)  # rare: before langid
    return nxt is not None and bool(_EMBED_SIGNATURE.search(doc.text[nxt.start : nxt.end]))


def _plainly_in(padded: str, common: Sequence[str]) -> bool:
    """Does the sentence hold COMMON_WORDS_FOR_SURE of its language's commonest words? (Stops
    counting as soon as it does: most sentences of an article get there in a few words.)"""
    found = 0
    for word in common:
        if word in padded:
            found += 1
            if found >= COMMON_WORDS_FOR_SURE:
                return True
    return False


def _sentence_findings(doc: Document, lang: str) -> Iterator[Finding]:
    function_words = _FUNCTION_WORDS.get(lang)
    title = doc.title
    for sent in doc.sentences:
        if title is not None and sent.start < title.end:
            continue
        text = doc.norm[sent.start : sent.end]
        common = _COMMON_PAIRS.get(lang)
        if common and _plainly_in(f" {doc.lower[sent.start : sent.end]} ", common):
            continue  # plainly in the article's language: skip the word count
        words = _WORD.findall(text)
        if len(words) < (SENTENCE_MIN_WORDS if lang in ("fr", "en") else OTHER_MIN_WORDS):
            continue
        lowercase = sum(1 for w in words if w[:1].islower())
        if lowercase / len(words) < MIN_LOWERCASE_SHARE:
            continue
        if function_words is not None:
            share = sum(1 for w in words if w.lower().split("'")[0] in function_words) / len(words)
            if share >= FUNCTION_WORD_SHARE:
                continue
        quoted = doc.quoted_fraction(sent.start, sent.end) > 0.5
        if quoted and len(words) < QUOTED_MIN_WORDS:
            continue  # a slogan, a title of a work or a short tweet quoted in the original
        if _ATTRIBUTED.search(text) or _embedded_post(doc, sent.start):
            continue  # a quotation signed "(Albert Einstein)", an embedded tweet
        probs = language_probabilities(text)
        top, p_top = max(probs.items(), key=lambda kv: kv[1])
        threshold = QUOTED_FOREIGN_PROB if quoted else SENTENCE_FOREIGN_PROB
        if top != lang and p_top >= threshold and probs.get(lang, 0.0) < SENTENCE_MAX_DOC_PROB:
            yield finding(doc, CLASS, sent.start, sent.end, messages.UNTRANSLATED_SENTENCE, 0.9)


def find(doc: Document) -> Iterator[Finding]:
    lang = doc.language
    if lang not in SPAN_LANGUAGES:
        return  # the span identifier cannot say "same language as the article"
    if "[" in doc.text:
        yield from _bracket_findings(doc, lang)
    if "(" in doc.text:
        yield from _paren_findings(doc, lang)
    yield from _sentence_findings(doc, lang)


register_detector("untranslated", find)
