"""The audit's tables as Parquet and SQLite (issue 18, item 4): every JSONL row is there, with
its values, readable by pyarrow and by SQLite's own JSON functions (what DuckDB, pandas and
Datasette use)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsdesk.audit.tables import SQLITE_NAME, column_kinds, write_tables
from newsdesk.cli import app


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("audit")
    result = CliRunner().invoke(
        app, ["audit", str(samples_dir), "--out", str(out), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    write_tables(out, ["parquet", "sqlite"])
    return out


def test_every_row_and_value_is_in_the_parquet_files(audited: Path) -> None:
    for name in ("documents", "findings", "links", "stories"):
        rows = _jsonl(audited / f"{name}.jsonl")
        table = pq.read_table(audited / f"{name}.parquet").to_pylist()
        assert len(table) == len(rows) > 0, name
    findings = pq.read_table(audited / "findings.parquet").to_pylist()
    expected = _jsonl(audited / "findings.jsonl")
    assert [(f["document"], f["class"], f["start"], f["excerpt"]) for f in findings] == [
        (f["document"], f["class"], f["start"], f["excerpt"]) for f in expected
    ]
    stories = pq.read_table(audited / "stories.parquet").to_pylist()
    assert stories[0]["members"] == _jsonl(audited / "stories.jsonl")[0]["members"]
    links = pq.read_table(audited / "links.parquet").to_pylist()
    assert json.loads(links[0]["evidence"]) == _jsonl(audited / "links.jsonl")[0]["evidence"]


def test_the_sqlite_file_answers_a_drill_down(audited: Path) -> None:
    db = sqlite3.connect(audited / SQLITE_NAME)
    try:
        by_class = dict(db.execute('SELECT "class", count(*) FROM findings GROUP BY "class"'))
        expected: dict[str, int] = {}
        for f in _jsonl(audited / "findings.jsonl"):
            expected[f["class"]] = expected.get(f["class"], 0) + 1
        assert by_class == expected
        # documents with an error, joined to their text, as an investigator would ask
        joined = db.execute(
            "SELECT d.document, count(*) FROM findings f JOIN documents d USING (document) "
            "WHERE f.severity = 'error' GROUP BY d.document"
        ).fetchall()
        assert joined and all(n > 0 for _, n in joined)
        members = db.execute("SELECT json_array_length(members) FROM stories").fetchall()
        assert sum(n for (n,) in members) == sum(
            len(s["members"]) for s in _jsonl(audited / "stories.jsonl")
        )
        indexes = {r[1] for r in db.execute("SELECT * FROM sqlite_master WHERE type='index'")}
        assert "ix_findings_document" in indexes and "ix_findings_class" in indexes
    finally:
        db.close()


def test_column_types_follow_every_row_not_the_first(tmp_path: Path) -> None:
    rows = [
        {"document": "a", "score": 1, "note": None, "tags": ["x"], "extra": {"k": 1}},
        {"document": "b", "score": 0.5, "note": None, "tags": [], "extra": [1, 2]},
        {"document": "c", "score": 2, "note": "late text", "tags": ["y", "z"]},
    ]
    path = tmp_path / "findings.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert column_kinds(path) == {
        "document": "str",
        "score": "float",
        "note": "str",
        "tags": "strings",
        "extra": "json",
    }
    write_tables(tmp_path, ["parquet", "sqlite"])
    table = pq.read_table(tmp_path / "findings.parquet").to_pylist()
    assert [r["score"] for r in table] == [1.0, 0.5, 2.0]
    assert table[2]["note"] == "late text" and table[2]["tags"] == ["y", "z"]
    assert table[2]["extra"] is None and json.loads(table[1]["extra"]) == [1, 2]
    db = sqlite3.connect(tmp_path / SQLITE_NAME)
    try:
        assert db.execute("SELECT tags FROM findings WHERE document='c'").fetchone() == (
            '["y", "z"]',
        )
    finally:
        db.close()


def test_an_empty_output_gives_an_empty_table(tmp_path: Path) -> None:
    (tmp_path / "links.jsonl").write_text("", encoding="utf-8")
    assert write_tables(tmp_path, ["parquet", "sqlite"]) == {"links": 0}
    assert pq.read_table(tmp_path / "links.parquet").num_rows == 0


def test_the_cli_writes_the_tables_it_is_asked_for(tmp_path: Path, samples_dir: Path) -> None:
    out = tmp_path / "o"
    result = CliRunner().invoke(
        app, ["audit", str(samples_dir), "--out", str(out), "--format", "sqlite,parquet"]
    )
    assert result.exit_code == 0, result.output
    assert (out / SQLITE_NAME).is_file() and (out / "findings.parquet").is_file()
    assert (out / "findings.jsonl").is_file()  # the tables are made from it
    assert not (out / "report.html").exists()
    refused = CliRunner().invoke(app, ["audit", str(samples_dir), "--format", "xlsx"])
    assert refused.exit_code != 0 and "xlsx" in refused.output
