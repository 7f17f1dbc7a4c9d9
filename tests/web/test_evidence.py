"""Claims of a page are linked to where a source says them; invented ones are marked missing."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.types import (
    Article,
    Check,
    Finding,
    Page,
    Paragraph,
    Section,
    Severity,
    SourceRef,
    VerdictStatus,
)
from newsdesk.web.evidence import review

NOW = datetime(2026, 11, 23, tzinfo=UTC)
SOURCE = Article(
    raw_id="r",
    source_id="s",
    url="https://exemple.fr/a",
    title="Grève à la SNCF",
    paragraphs=(
        Paragraph("Selon Laurent Brun, « la mobilisation sera massive » mardi."),
        Paragraph(
            "Le trafic sera réduit de 40 % sur les lignes TGV, et 1 200 trains sont supprimés."
        ),
    ),
    language="fr",
)


def page(body: str) -> Page:
    return Page(
        slug="greve",
        title="Grève",
        description="d",
        chapo="Une grève a commencé.",
        sections=(Section(None, (body,)),),
        sources=(SourceRef(SOURCE.id, SOURCE.title, SOURCE.url, "Exemple", NOW, "fr"),),
        published=NOW,
        updated=NOW,
        disclosure="",
    )


def marks(result, kind: str) -> list:  # noqa: ANN001
    return [
        s.mark for b in result.page_blocks for s in b.segments if s.mark and s.mark.kind == kind
    ]


def test_quotes_figures_and_names_found_in_the_source_are_linked() -> None:
    body = "Pour Laurent Brun, « la mobilisation sera massive ». Le trafic baisse de 40 % et 1200 trains sont supprimés."
    result = review(page(body), (), {SOURCE.id: SOURCE}, {})
    quote = marks(result, "quote")[0]
    assert quote.found and quote.href.startswith(f"#ev-{SOURCE.id}-")
    figures = marks(result, "figure")
    assert [m.found for m in figures] == [True, True]  # "1200" is found as "1 200"
    assert any(m.found for m in marks(result, "name"))
    anchors = {s.mark.anchor for b in result.sources[0].blocks for s in b.segments if s.mark}
    assert {m.href[1:] for m in figures + [quote]} <= anchors


def test_an_invented_figure_or_altered_quote_is_marked_missing() -> None:
    body = "Pour Laurent Brun, « la mobilisation sera historique ». Le trafic baisse de 55 %."
    result = review(page(body), (), {SOURCE.id: SOURCE}, {})
    assert [m.found for m in marks(result, "quote")] == [False]
    assert [m.found for m in marks(result, "figure")] == [False]
    assert result.missing == 2


def test_findings_are_highlighted_in_place_on_both_sides() -> None:
    body = "As an AI language model, I cannot verify this."
    chapo_len = len("Une grève a commencé.") + 2
    check = Check(
        "finding:leaked-instruction",
        "consigne",
        VerdictStatus.FAIL,
        body,
        chapo_len,
        chapo_len + len(body),
    )
    finding = Finding("calque", Severity.WARNING, 0, 5, "Selon", "test", "un défaut")
    result = review(page(body), (check,), {SOURCE.id: SOURCE}, {SOURCE.id: [finding]})
    highlighted = marks(result, "finding")
    assert highlighted and "".join(s.text for s in result.page_blocks[1].segments if s.mark) == body
    source_marks = [
        s
        for b in result.sources[0].blocks
        for s in b.segments
        if s.mark and s.mark.kind == "finding"
    ]
    assert source_marks[0].text == "Selon"


def test_a_source_missing_from_the_store_is_shown_as_such() -> None:
    result = review(page("Rien."), (), {}, {})
    assert result.sources[0].available is False


def test_a_finding_in_the_source_title_is_marked_in_the_title_not_the_text() -> None:
    glued = "Customize this title in frenchGrève à la SNCF"
    source = Article(
        raw_id="r2",
        source_id="s",
        url="https://exemple.fr/b",
        title=glued,
        paragraphs=SOURCE.paragraphs,
        language="fr",
    )
    finding = Finding(
        "leaked-instruction", Severity.ERROR, 0, 30, glued[:30], "t", "consigne", part="title"
    )
    the_page = page("Le trafic sera réduit.")
    ref = SourceRef(source.id, "Grève à la SNCF", source.url, "Exemple", NOW, "fr")
    the_page = Page(**{**the_page.__dict__, "sources": (ref,)})
    result = review(the_page, (), {source.id: source}, {source.id: [finding]})
    panel = result.sources[0]
    assert [(s.text, s.mark is not None) for s in panel.original_title] == [
        ("Customize this title in french", True),
        ("Grève à la SNCF", False),
    ]
    body_marks = [
        s for b in panel.blocks for s in b.segments if s.mark and s.mark.kind == "finding"
    ]
    assert body_marks == []  # offsets 0–30 of the title are not offsets of the text
