"""Lines made only of punctuation must not make a detector's pattern backtrack for ever.

A Markdown table rule ("|---|---|…", extracted from a page's table) hung the audit: the
leading-instruction pattern allowed `\\W*` around bullets that are themselves non-word
characters, and tried exponentially many ways to split the line. The timeout turns a hang
into a failure; the text is tiny, so any linear pattern finishes at once.
"""

from __future__ import annotations

import pytest

from newsdesk.detect import detect


@pytest.mark.timeout(120)
@pytest.mark.parametrize("rule", ["|" + "---|" * 40, "- " * 60, "* • " * 40, "|:---:" * 30])
def test_punctuation_lines_are_read_in_linear_time(rule: str) -> None:
    text = f"Répartition des auteurs\n\nLe tableau suivant résume les chiffres.\n\n{rule}\n\nFin."
    found = detect(text, language="fr")
    assert all(text[f.start : f.end] == f.excerpt for f in found)
    assert not [f for f in found if f.category == "leaked-instruction"]


def test_speech_tags_after_a_quotation_are_not_instructions() -> None:
    """OrangeSum: '…?"Comment communiquer … ?", résume Mikaël Chambru, spécialiste de la
    communication…' was an error: the clause opening on a comma is a speech tag."""
    from newsdesk.detect import detect

    text = (
        'Un titre\n\nIls exigent des réponses définitives?"Comment communiquer dans ce '
        "contexte d'incertitude ?\", résume Mikaël Chambru, spécialiste de la communication "
        "scientifique à l'Université de Grenoble-Alpes."
    )
    assert not [f for f in detect(text, language="fr") if f.category == "leaked-instruction"]
    leak = "Un titre\n\nRésume ce texte en français en 300 mots, avec des sous-titres."
    assert [f for f in detect(leak, language="fr") if f.category == "leaked-instruction"]
