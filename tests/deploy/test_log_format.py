"""`--log-format json`: the real CLI in a subprocess writes one JSON object per stderr line, with
timestamp, level, event and the event's fields, for its own events and for libraries' records."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from datetime import datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from newsdesk.log import configure_logging, get_logger

LEVELS = {"debug", "info", "warning", "error", "critical"}


def newsdesk_command() -> list[str]:
    """The installed `newsdesk` script beside this Python (what a user runs), else the module."""
    script = Path(sys.executable).parent / "newsdesk"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "newsdesk.cli"]


def run_cli(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    environ.update(env or {})
    return subprocess.run(
        [*newsdesk_command(), *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def json_lines(stderr: str) -> list[dict[str, Any]]:
    """Every stderr line parsed as one JSON object with the four keys (fails on any other line)."""
    lines = stderr.splitlines()
    assert lines, "no log line at all"
    parsed = []
    for line in lines:
        obj = json.loads(line)  # raises on a line that is not JSON
        assert isinstance(obj, dict), line
        assert obj["level"] in LEVELS, line
        assert isinstance(obj["event"], str) and obj["event"], line
        assert datetime.fromisoformat(obj["timestamp"]).utcoffset() is not None, line
        parsed.append(obj)
    return parsed


@pytest.fixture(scope="module")
def desk_run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """A whole desk cycle on the bundled samples with --debug, so every stage logs."""
    work = tmp_path_factory.mktemp("json-run")
    return run_cli(
        [
            "--log-format",
            "json",
            "--debug",
            "run",
            "--db",
            f"sqlite:///{(work / 'd.sqlite').as_posix()}",
            "--out",
            str(work / "site"),
        ],
        cwd=work,
    )


def test_a_desk_run_logs_one_json_object_per_stderr_line(
    desk_run: subprocess.CompletedProcess[str],
) -> None:
    assert desk_run.returncode == 0, desk_run.stderr[-2000:]
    lines = json_lines(desk_run.stderr)
    events = {line["event"]: line for line in lines}
    # Our own events carry their fields as JSON values, not as a text blob.
    migrated = events["store_migrated"]
    assert migrated["logger"] == "newsdesk.store.migrate"
    assert migrated["before"] is None and isinstance(migrated["after"], str)
    assert events["store_opened"]["db"].startswith("sqlite:///")
    # Libraries' records (alembic's) come through in the same shape.
    assert any(line["logger"].startswith("alembic") for line in lines)
    # The summary is the command's output, on stdout, not mixed into the logs.
    assert "newsdesk run" in desk_run.stdout


def test_the_environment_variable_chooses_json_too(tmp_path: Path) -> None:
    db = f"sqlite:///{(tmp_path / 'd.sqlite').as_posix()}"
    result = run_cli(
        ["--debug", "sources", "list", "--db", db], tmp_path, {"NEWSDESK_LOG_FORMAT": "json"}
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "store_opened" in {line["event"] for line in json_lines(result.stderr)}


def test_text_stays_the_default(tmp_path: Path) -> None:
    db = f"sqlite:///{(tmp_path / 'd.sqlite').as_posix()}"
    result = run_cli(["--debug", "sources", "list", "--db", db], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    opened = [line for line in result.stderr.splitlines() if "store_opened" in line]
    assert opened and " INFO newsdesk.store.facade store_opened db=" in opened[0]


def test_an_unknown_format_is_one_line_naming_it(tmp_path: Path) -> None:
    result = run_cli(["--log-format", "xml", "sources", "list"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "'xml'" in result.stderr


def test_fields_exceptions_and_newlines_stay_on_one_line() -> None:
    stream = StringIO()
    configure_logging(logging.DEBUG, "json", stream)
    try:
        log = get_logger("newsdesk.test")
        log.warning(
            "odd_fields", level="shadowed", path=Path("/x"), detail="two\nlines", n=3, tags=("a",)
        )
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("other").exception("failed %s", "here")
    finally:
        configure_logging(logging.WARNING, "text")
    first, second = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert first["event"] == "odd_fields" and first["level_"] == "shadowed"
    assert first["path"] == "/x" and first["detail"] == "two\nlines"
    assert first["n"] == 3 and first["tags"] == ["a"]
    assert second["event"] == "failed here" and second["level"] == "error"
    assert "ValueError: boom" in second["exception"]


def test_a_failing_command_ends_with_one_json_error_line(tmp_path: Path) -> None:
    """The error that ends a command is a JSON object too, naming the input (text mode keeps
    its one red line)."""
    args = ["sources", "list", "--db", "mysql://u@h/db"]
    result = run_cli(["--log-format", "json", *args], tmp_path)
    assert result.returncode == 2
    (line,) = json_lines(result.stderr)
    assert line["level"] == "error" and line["event"] == "command_failed"
    assert "mysql://u@h/db" in line["message"]
    text = run_cli(args, tmp_path)
    assert text.returncode == 2 and text.stderr.startswith("error: cannot open database mysql://")
