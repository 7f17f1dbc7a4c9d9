"""Foreign articles in the desk: held with `no_translation_engine` and the configuration that
would enable one; with an engine configured (a real local OpenAI-compatible server answering
WMT newstest2013's human French references), their story page is composed from the checked
translation and verified against it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.translate import check_segment
from tests.translate.servers import WMT, load_wmt, start

LINES = slice(0, 20)  # the first WMT document: US voter ID laws, 20 consecutive sentences


@pytest.fixture
def english_folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    if not WMT.is_dir():
        pytest.skip("../shared/bench-data/wmt-newstest2013-en-fr is not present")
    pairs = [(en, fr) for en, fr in load_wmt()[LINES] if check_segment(en, fr, "en", "fr").ok]
    folder = tmp_path / "en"
    folder.mkdir()
    title, *body = [en for en, _ in pairs]
    (folder / "voter-id.txt").write_text(title + "\n\n" + "\n\n".join(body), encoding="utf-8")
    (folder / "metadata.json").write_text(
        '{"voter-id.txt": {"language": "en", "published": "2013-01-15", "publisher": "Newstest"}}',
        encoding="utf-8",
    )
    return folder, dict(pairs)


def _config(tmp_path: Path, folder: Path, extra: str = "") -> Path:
    path = tmp_path / "newsdesk.toml"
    path.write_text(
        f'{extra}\n[[sources]]\nkind = "folder"\nlocation = "{folder}"\nlanguage = "en"\n'
        'licence = "full"\n',
        encoding="utf-8",
    )
    return path


def test_foreign_story_waits_for_an_engine_then_is_translated(
    english_folder: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, references = english_folder
    config = _config(tmp_path, folder)
    result = CliRunner().invoke(app, ["run", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "no_translation_engine" in result.output
    assert 'engine = "openai"' in result.output  # the exact lines that would enable one
    db = tmp_path / "newsdesk-data" / "newsdesk.sqlite"
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from pages").fetchone()[0] == 0
        assert conn.execute("select count(*) from stories").fetchone()[0] == 1

    server, peer = start("openai", references)
    try:
        config = _config(
            tmp_path,
            folder,
            f'[translate]\nengine = "openai"\nbase_url = "{peer.url}/v1"\nmodel = "scripted"\n',
        )
        result = CliRunner().invoke(app, ["run", "--config", str(config)])
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    assert peer.requests, "the engine was never asked"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select body, reasons, status from pages").fetchall()
        cached = conn.execute("select count(*) from translations").fetchone()[0]
    assert len(rows) == 1 and cached > 0
    body, reasons, status = rows[0]
    assert "Traduction automatique" in body  # the disclosure says what was machine-translated
    assert "no_translation_engine" not in reasons
    assert status in ("published", "held")
    for code in ("quote_not_in_source", "figure_not_in_source", "name_not_in_source"):
        assert code not in reasons  # traced to the translation
    assert "La nouvelle loi" in body or "loi" in body  # French text, from the references
