"""Template lines, quotation matching and direction on text the rules were not written on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.link import LinkDoc, link_documents
from newsdesk.link.direction import MIN_DIRECTION_GAP, orient
from newsdesk.link.quotes import extract_quotes, lexical_matches
from newsdesk.link.templates import is_non_content, template_lines
from newsdesk.types import LinkType


def no_embedding(texts):
    raise AssertionError("nothing here needs an embedding")


def with_line(article: str, line: str) -> str:
    """Insert a line between the article's first and second halves, as a CMS would."""
    words = article.split(". ")
    half = len(words) // 2
    return ". ".join(words[:half]) + ".\n" + line + "\n" + ". ".join(words[half:])


def test_a_shared_related_link_line_is_a_template_and_a_shared_sentence_is_not(french_news):
    a, b, c, d = (x["article"] for x in french_news[10:14])
    related = f"Lire aussi : {french_news[20]['title']}"
    share = "Partagez cet article sur vos réseaux sociaux"
    sentence = "Le gouvernement a annoncé mardi de nouvelles mesures pour les entreprises."
    docs = [
        LinkDoc("a", "Titre A\n" + with_line(a, related)),
        LinkDoc("b", "Titre B\n" + with_line(b, related + "\n" + share)),
        LinkDoc("c", "Titre C\n" + with_line(c, share + "\n" + sentence)),
        LinkDoc("d", "Titre D\n" + with_line(d, sentence)),
    ]
    links = link_documents(docs, embed=no_embedding).links
    got = {frozenset((x.source, x.target)): x for x in links if x.type is LinkType.SAME_TEMPLATE}
    assert set(got) == {frozenset("ab"), frozenset("bc")}
    assert got[frozenset("ab")].evidence[0].source_text == related
    assert not got[frozenset("ab")].directed
    assert is_non_content(share) and not is_non_content(sentence)
    assert template_lines("Un titre court sans point\nUn corps.", "Un titre court sans point") == []


def test_quotations_match_across_quote_styles_and_apostrophes():
    a = "Il a déclaré : « Nous n’accepterons jamais qu’on touche à l’école publique de la République », hier."
    b = "Selon lui, \"nous n'accepterons jamais qu'on touche à l'école publique de la République\"."
    c = "« Nous accepterons les propositions de réforme de l’école si elles sont raisonnables »"
    qa, qb, qc = extract_quotes(a), extract_quotes(b), extract_quotes(c)
    assert [q.text for q in qa] == [
        "Nous n’accepterons jamais qu’on touche à l’école publique de la République"
    ]
    assert a[qa[0].start : qa[0].end] == qa[0].text
    (match,) = lexical_matches(qa, qb)
    assert match.score == 1.0 and match.how == "words"
    assert lexical_matches(qa, qc) == []


def test_an_unclosed_quotation_runs_to_the_end_of_its_paragraph():
    text = "« Je ne reviendrai pas sur cette décision, a-t-il dit. Jamais.\nUn autre paragraphe."
    (q,) = extract_quotes(text)
    assert q.text.endswith("Jamais") and "autre" not in q.text


def test_direction_needs_two_dates_far_enough_apart():
    t = datetime(2023, 5, 24, 12, tzinfo=UTC)
    early = LinkDoc("z-early", "x", published=t)
    late = LinkDoc("a-late", "x", published=t + MIN_DIRECTION_GAP * 3)
    close = LinkDoc("b-close", "x", published=t + timedelta(minutes=10))
    undated = LinkDoc("c-undated", "x")
    o = orient(late, early)
    assert (o.source.id, o.target.id, o.directed) == ("z-early", "a-late", True)
    o = orient(early, close)
    assert not o.directed and "apart" in o.note and o.source.id == "b-close"
    o = orient(early, undated)
    assert not o.directed and "no publication date for c-undated" in o.note
