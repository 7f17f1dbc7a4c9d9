"""Headlines and subheadings cut from the story's own sentences: a sentence's leading clause.

A news sentence usually opens with its main clause ("Moscou a déclaré avoir vaincu les
groupes") and adds attribution, circumstances and relative clauses after a comma, a dash or a
connective ("…, a déclaré mercredi un responsable", "… selon lesquelles …", "… lors de …").
Cutting at those boundaries keeps words in their source order and invents nothing, so the
verifier finds every word of a heading in one source sentence. A cut that would leave a
quotation open, end on a function word or drop a negation is not a candidate.

Clauses that are grammatically whole are preferred (see `complete_cuts`): the French parse must
show that the cut leaves no word of the clause attached to a word after it ("Le texte précise
que l'écrivaine"), no essential complement behind ("87 décès supplémentaires liés"), and that
the clause is not a subordinate one ("Alors qu'il pleut sur…", "Si elle écrit…").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from newsdesk.cluster.terms import fold, stop_words
from newsdesk.compose.text import is_dependent
from newsdesk.compose.typography import french

# A dateline ("KYIV – ", "PARIS (AFP) – ") and leading connectives are not part of a clause.
_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ' .-]{1,30}(?:\([^)]{1,20}\))?\s*[–—-]\s+")
_CONNECTIVE = re.compile(
    r"^(?:Cependant|Toutefois|Pourtant|Auparavant|Par ailleurs|En outre|De plus|Ainsi|Mais|Or|"
    r"Et|Enfin|Néanmoins|Dans le même temps|Selon [^,]{1,60}|D’après [^,]{1,60}|"
    r"D'après [^,]{1,60}),\s+",
    re.IGNORECASE,
)
# Where a clause may end: punctuation, and the connectives that open a subordinate part.
_BOUNDARY = re.compile(
    r"\s*(?:[,;:](?=\s)|\s[–—(]|\s(?:selon|lors|alors|tandis|afin|après|avant|depuis|car|mais|dont|qui|"
    r"que|lorsque|puisque|parce|où|ainsi|notamment|citant|mettant|ajoutant|estimant|affirmant|"
    r"faisant|selon lesquelles|selon lequel)\b)",
)
_GLUED = re.compile(r"[a-zà-ÿ0-9][A-ZÀ-ÖØ-Þ][a-zà-ÿ]")  # "suisseLa", "Ligue 1La"
# Two sentences the splitter left together: an upper-case run glued to a capitalised word
# ("NÉGATIFSLa ressource"), or a sentence end inside the piece ("… de l'été".Le chef",
# "… des militaires. "On"); a lone capital before the stop is an initial ("M. Larcher").
_TWO_SENTENCES = re.compile(
    r"[A-ZÀ-ÖØ-Þ]{4}[a-zà-ÿ]|(?:[a-zà-ÿ0-9]{4}|[»”\"])[.!?]+\s*[\"«“]?\s*[A-ZÀ-ÖØ-Þ]"
)
_NEGATION = re.compile(r"\b(?:ne|n’|n')\b|\bn[’']", re.IGNORECASE)
_NEGATION_END = re.compile(r"\b(?:pas|plus|jamais|rien|guère|aucun|aucune|personne)\b")
_QUOTES = '«»“”"'
# Words a heading must not end on beyond stop words: auxiliaries and reporting verbs left alone.
_BAD_ENDINGS = {"a", "ont", "est", "sont", "été", "avait", "avaient", "sera", "seront", "fait"}
# A clause that ends on its reporting verb ("L’armée a déclaré") has lost what was reported.
_REPORTING = re.compile(
    r"(?:déclar|affirm|indiqu|ajout|rapport|annonc|expliqu|estim|soulign|not|avert|confirm|"
    r"révél|précis|assur|intervien|dit|écrit|répondu|insist|reconn|ajoutant|citant)\w*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Clause:
    text: str
    source_text: str  # the sentence it was cut from
    word_cut: bool = False  # cut between two words, not at a clause boundary (a last resort)
    complete: bool = True  # grammatically whole (see `complete_cuts`)


# Share of its value an incomplete clause keeps (see `cut_quality`). A half: a whole clause of
# a less central sentence beats a cut one of the most central, unless it is much less central
# (judged by reading the headings of 40 french-news-clean pseudo-stories before and after).
INCOMPLETE_PENALTY = 0.5
# A clause opening with a subordinating conjunction depends on a main clause that was cut off.
_SUBORDINATE = re.compile(
    r"^(?:si|s['’]il|s['’]ils|alors\s+qu|lorsqu|quand|bien\s+qu|parce\s+qu|puisqu|tandis\s+qu|"
    r"comme|même\s+si|afin\s+d|pour\s+qu|dès\s+qu|avant\s+qu|après\s+qu|depuis\s+qu|"
    r"quoiqu|sans\s+qu|jusqu['’]à\s+ce\s+qu|de\s+sorte\s+qu|alors\s+même\s+qu|"
    r"dans\s+la\s+mesure\s+où|au\s+moment\s+où|à\s+mesure\s+qu|pendant\s+qu)",
    re.IGNORECASE,
)
# Relations by which a word after the cut may hang on a word of the clause without the clause
# losing its sense: coordination, punctuation, appositions, circumstances of the main verb.
_OPTIONAL_TAIL = {"conj", "cc", "punct", "appos", "parataxis", "advcl", "discourse", "dep"}
_OPTIONAL_ON_ROOT = _OPTIONAL_TAIL | {"obl", "obl:mod", "advmod", "nsubj", "nsubj:pass", "expl"}


def _strip_head(sentence: str) -> str:
    text = " ".join(sentence.split())
    text = _DATELINE.sub("", text)
    for _ in range(2):
        text = _CONNECTIVE.sub("", text)
    return text


def _ends_well(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    raw = words[-1].strip(".,;:!?…")
    last = fold(raw)
    if any(c.isdigit() for c in raw):
        return False  # "ouverte le 19" has lost its month, "plus de 70" its unit
    if raw.islower() and (raw.endswith("ant") or _REPORTING.match(raw)):
        return False  # a present participle or a reporting verb left without its object
    return last not in stop_words() and last not in _BAD_ENDINGS and len(last) > 1


def _finite(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm")


@dataclass(frozen=True)
class CutQuality:
    finite_verb: bool  # the clause states something
    complete: bool  # grammatically whole


def cut_quality(text: str, cuts: Iterable[int]) -> dict[int, CutQuality]:
    """For each cut (a character offset in `text`), what the French parse says of `text[:cut]`.

    One parse of the whole text serves every cut. A prefix is complete when (1) it holds the
    sentence's root and no word of it hangs on a word after the cut, (2) no word after the cut
    is an essential dependent of a word of it (an object, a complement of a noun, a relative
    clause; circumstances and coordination of the main verb may go), and (3) it does not open
    with a subordinating conjunction."""
    from newsdesk.detect.parse import parse_fr

    doc = parse_fr(text)
    out: dict[int, CutQuality] = {}
    subordinate = bool(_SUBORDINATE.match(text))
    for cut in cuts:
        inside = [t for t in doc if t.idx < cut]
        finite = any(_finite(t) for t in inside)
        complete = not subordinate and any(t.dep_ == "ROOT" for t in inside)
        if complete:
            for token in inside:
                if token.dep_ != "ROOT" and token.head.idx >= cut:
                    complete = False  # "que l'écrivaine" hangs on the verb that was cut
                    break
                for child in token.children:
                    if child.idx < cut:
                        continue
                    allowed = _OPTIONAL_ON_ROOT if token.dep_ == "ROOT" else _OPTIONAL_TAIL
                    if child.dep_ not in allowed:
                        complete = False  # "liés" without "au coronavirus"
                        break
                if not complete:
                    break
        out[cut] = CutQuality(finite, complete)
    return out


def _balanced(text: str) -> bool:
    if text.count("«") != text.count("»") or text.count("“") != text.count("”"):
        return False
    return text.count('"') % 2 == 0


def _keeps_negation(text: str, sentence: str) -> bool:
    """A cut between "ne" and "pas" would turn a denial into an assertion."""
    if not _NEGATION.search(text):
        return True
    return bool(_NEGATION_END.search(text))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# "Dmitri Peskov, porte-parole du Kremlin, a déclaré": the apposition between commas can go.
_APPOSITION = re.compile(r"^([A-ZÀ-ÖØ-Þ][^,«»]{2,40}), ([^,«»]{3,80}), (?=[a-zà-ÿ])")
# "X a déclaré (vendredi) que Y": Y is the news, X its attribution ("Y, selon X").
_REPORTED = re.compile(
    r"^(?P<who>[A-ZÀ-ÖØ-Þ][^,«»]{2,50}?) (?:a|ont) (?:déclaré|affirmé|indiqué|annoncé|estimé|"
    r"assuré|souligné|confirmé|révélé|expliqué|précisé|averti)(?: [^,«»]{0,40}?)? "
    r"(?:que |qu’|qu')(?P<what>[^«»]{20,})$"
)
SELON = "{what}, selon {who}"
_DETERMINERS = {"le", "la", "les", "un", "une", "des", "ce", "cette", "ces", "son", "sa", "ses"}
# A clause whose verb is a reporting verb with only its audience ("X a déclaré à POLITICO")
# says who spoke, not what happened.
_SPEECH_ONLY = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:déclaré|affirmé|indiqué|dit|annoncé|expliqué|"
    r"ajouté|précisé|confié|rapporté)\b(?!.*\b(?:que|qu’|qu')\b)"
)


def speech_only(text: str) -> bool:
    return bool(_SPEECH_ONLY.search(text))


def variants(sentence: str) -> list[tuple[str, str | None]]:
    """The sentence, and shorter readings of it that keep its words in order: without an
    apposition, and reported speech as (what was said, who said it)."""
    text = _strip_head(sentence).rstrip(" .…!")
    out: list[tuple[str, str | None]] = [(text, None)]
    bare = _APPOSITION.sub(r"\1 ", text)
    if bare != text:
        out.append((bare, None))
    for candidate in list(out):
        match = _REPORTED.match(candidate[0])
        if match:
            who = _APPOSITION.sub(r"\1 ", match.group("who") + ", x, ").split(",")[0].strip()
            if who.split(" ", 1)[0].lower() in _DETERMINERS or who.lower().startswith(("l’", "l'")):
                who = who[:1].lower() + who[1:]
            out.append((_capitalise(match.group("what")), who))
    return out


def candidate_clauses(sentence: str, limit: int, minimum: int) -> list[Clause]:
    """Every leading clause of `sentence` (or of a shorter reading, see `variants`) between
    `minimum` and `limit` characters, longest first."""
    out: list[Clause] = []
    for text, who in variants(sentence):
        for clause in _clauses(text, limit, minimum, sentence):
            if who:
                attributed = SELON.format(what=clause.text, who=who)
                if len(french(attributed)) <= limit:
                    clause = Clause(attributed, sentence, clause.word_cut, clause.complete)
            out.append(clause)
    return out


def _clauses(text: str, limit: int, minimum: int, sentence: str) -> list[Clause]:
    if not text or not any(ch.isalpha() for ch in text):
        return []
    cuts = [m.start() for m in _BOUNDARY.finditer(text)] + [len(text)]
    word_cuts: set[int] = set()
    if not any(minimum <= c <= limit for c in cuts):
        # No clause boundary fits: cut between words, as late as the limit allows.
        word_cuts = {m.start() for m in list(re.finditer(r" ", text[: limit + 1]))[-3:]}
        cuts += sorted(word_cuts)
    pieces: list[tuple[int, int, str]] = []  # (cut, end of the piece, piece)
    seen: set[str] = set()
    for cut in sorted(set(cuts), reverse=True):
        piece = text[:cut].rstrip(" ,;:–—-")
        if not (minimum <= len(french(piece)) <= limit) or piece in seen:
            continue
        if any(q in piece for q in _QUOTES) and not _balanced(piece):
            continue
        if not _ends_well(piece) or not _keeps_negation(piece, text):
            continue
        if _GLUED.search(piece) or _TWO_SENTENCES.search(piece):
            continue  # "L'alerte suisseLa semaine dernière": two texts run together
        seen.add(piece)
        pieces.append((cut, len(piece), piece))
    if not pieces:
        return []
    quality = cut_quality(text, [end for _, end, _ in pieces])
    return [
        Clause(
            _capitalise(piece),
            sentence,
            word_cut=cut in word_cuts,
            complete=quality[end].complete,
        )
        for cut, end, piece in pieces
        if quality[end].finite_verb
    ]


def best_clause(
    sentences: Iterable[str],
    limit: int,
    minimum: int,
    score: Callable[[str, str], float],
    avoid: Iterable[str] = (),
    too_close: Callable[[str, str], bool] = lambda a, b: False,
    whole: bool = False,
) -> Clause | None:
    """The best-scoring clause cut from `sentences` that is not `too_close` to anything in
    `avoid` (a source title, another heading), and that stands alone: a clause leaning on what
    came before it ("Il a toutefois averti…", "C'est la production…") names nobody as a
    headline. With `whole`, a clause cut between two words must be grammatically whole: a
    section may go without a subheading, never under a fragment."""
    avoid = list(avoid)
    best: tuple[bool, float, int, Clause] | None = None
    for rank, sentence in enumerate(sentences):
        for clause in candidate_clauses(sentence, limit, minimum):
            if is_dependent(clause.text) or any(too_close(clause.text, o) for o in avoid):
                continue
            if whole and clause.word_cut and not clause.complete:
                continue  # a sentence cut mid-clause ("… ont exprimé") is not a heading
            value = score(clause.text, sentence)
            if value <= 0:
                continue
            if not clause.complete:
                value *= INCOMPLETE_PENALTY
            key = (not clause.word_cut, value, -rank, clause)
            if best is None or key[:3] > best[:3]:
                best = key
    return best[3] if best else None
