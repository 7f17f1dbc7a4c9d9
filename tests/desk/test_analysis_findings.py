"""Findings stored for an article point into its text, or into its title (part="title")."""

from __future__ import annotations

from newsdesk.desk.analysis import body_findings
from newsdesk.types import Article, Paragraph


def test_title_and_text_findings_keep_exact_spans() -> None:
    title = "Make this title seo friendlyLa Bourse de Tokyo termine en forte hausse"
    text = "Le Nikkei a gagné 2,3 % vendredi, porté par les valeurs exportatrices et un yen faible."
    article = Article(
        raw_id="r",
        source_id="s",
        url="https://exemple.test/bourse",
        title=title,
        paragraphs=(Paragraph("Skip to content"), Paragraph(text, language="fr")),
        language="fr",
    )
    findings = body_findings(article)
    in_title = [f for f in findings if f.part == "title"]
    in_text = [f for f in findings if f.part == "text"]
    assert in_title and in_text
    for f in in_title:
        assert 0 <= f.start < f.end <= len(title)
        assert title[f.start : f.end] == f.excerpt
        assert "seo" in f.excerpt.lower()
    for f in in_text:
        assert article.text[f.start : f.end].strip()
    assert any("Skip to content" in article.text[f.start : f.end] for f in in_text)
