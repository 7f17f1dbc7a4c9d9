"""The audit tells the detectors where a page was published and that it was HTML: a column
under /opinion/ is an opinion piece whose first person is its author's, not an injected opinion
(issue 16: genre before person), while the same text in a plain file is judged as news."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsdesk.cli import app
from tests.ingest.httpserver import LocalServer

TITLE = "Pourquoi j'ai changé d'avis sur le nucléaire"
PARAGRAPHS = [
    "Je pense que nous avons eu tort de fermer nos centrales. À mon avis, le pays paiera cette "
    "erreur pendant vingt ans.",
    "Je crois que les écologistes devraient le reconnaître, et je suis convaincu que le débat "
    "reviendra bientôt devant le Parlement.",
    "Le gouvernement doit présenter son plan de programmation énergétique au mois de juin, "
    "après une longue consultation des régions et des syndicats du secteur.",
]


def _classes(out: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines():
        f = json.loads(line)
        if f["severity"] == "error":
            found.setdefault(f["document"], set()).add(f["class"])
    return found


def test_an_opinion_page_is_judged_as_opinion(server: LocalServer, tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    url = server.route(
        "/opinion/2026/11/nucleaire.html",
        f"<!doctype html><html lang='fr'><head><title>{TITLE}</title></head><body>"
        f"<article><h1>{TITLE}</h1>{body}</article></body></html>",
    )
    plain = tmp_path / "nucleaire.txt"
    plain.write_text(TITLE + "\n\n" + "\n\n".join(PARAGRAPHS), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["audit", url, str(plain), "--out", str(out), "--allow-private", "--no-provenance"]
    )
    assert result.exit_code == 0, result.output
    errors = _classes(out)
    assert url not in errors  # the author's own voice on an opinion page
    assert "injected-opinion" in errors[str(plain)]  # the same words as an anonymous text
