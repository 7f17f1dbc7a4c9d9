"""Properties every finding must have, on generated text (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.detect import CLASSES, detect
from newsdesk.types import Severity

# Pieces of news text and of automated-republishing residue, in any order and spacing.
PIECES = [
    "Le ministre a déclaré mardi que la réforme serait votée.",
    "« Nous ne reculerons pas », a-t-il ajouté.",
    "« Je n’entrerai pas dans les détails.",
    "Customize this title in french",
    "Je suis un expert en paraphrase, pas seulement un assistant.",
    "En savoir plus Les États-Unis ont du mal à expliquer les images",
    "[this week]",
    "Source link",
    "2024-05-31 18:41",
    "Brig. Le général Patrick Ryder",
    "Personnellement, je trouve cette décision inquiétante.",
    "quelques « frustration »",
    '"Il a dit "oui" puis',
    "Skip to content",
    "The government announced new measures on Tuesday to curb inflation.",
    "»",
    "«",
    "\u00a0",
    "\n",
    "\n\n",
    " ",
    "",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from(["fr", "en", None]))
def test_findings_point_at_their_excerpt(pieces: list[str], language: str | None) -> None:
    text = "".join(pieces)
    found = detect(text, language=language)
    assert [f.start for f in found] == sorted(f.start for f in found)
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.excerpt
        # A finding may be lowered to a hint (info: the genre or the author's voice makes it
        # unlikely), never raised above its class's severity.
        assert f.category in CLASSES
        assert f.severity in (CLASSES[f.category].severity, Severity.INFO)
        assert f.message and f.detector == CLASSES[f.category].detector


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_breaks_offsets(text: str) -> None:
    for f in detect(text):
        assert text[f.start : f.end] == f.excerpt
