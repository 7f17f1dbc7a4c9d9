"""deploy/: the Dockerfile, compose.yaml and the systemd unit, exercised without Docker or
systemd (neither runs here) by running the very commands they hold against a real install.

- The package is installed the way the Dockerfile does it: its COPY instructions replayed into a
  build context, its `pip install` run on that context into a fresh virtualenv (dependencies
  are taken from the test environment instead of downloaded: `--no-deps`).
- The image's CMD runs with the image's ENV and the compose file's environment, against a real
  PostgreSQL server set up as compose's `db` service would be; the HEALTHCHECK command must
  pass once a cycle is done, and the STOPSIGNAL must end the process, exit 0, within compose's
  stop_grace_period.
- The unit's ExecStart runs with its Environment= and EnvironmentFile= (the example file), its
  paths moved into a temporary folder; its KillSignal must end it, exit 0, within
  TimeoutStopSec. `systemd-analyze verify` and `security --offline` check the unit when present.

Not exercised: `docker build` itself (the base image, apt/pip inside it, the non-root user's
permissions on the volumes) and systemd's sandbox at run time.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .files import DEPLOY, Dockerfile, Unit, interpolate, read_compose, read_env_file

REPO = DEPLOY.parent
#: Bound on waiting for a first desk cycle on the samples (about 15 s on 2 idle cores); only a
#: hang guard, never a measure.
CYCLE_WAIT_S = 600
IMAGE_HOME = "/var/lib/newsdesk"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clean_environ(path_first: Path) -> dict[str, str]:
    """This process's environment without newsdesk, pip or Python path settings, `path_first`
    first on PATH (as /usr/local/bin is in the python image)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEWSDESK_", "PIP_")) and k not in ("PYTHONPATH", "PYTHONHOME")
    }
    env["PATH"] = f"{path_first}{os.pathsep}{env.get('PATH', '')}"
    return env


# The package, installed as the Dockerfile installs it


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a fresh virtualenv holding the package built from the Dockerfile's context."""
    docker = Dockerfile.read()
    root = tmp_path_factory.mktemp("image")
    context = root / "context"
    context.mkdir()
    for args in docker.all("COPY"):
        *sources, dest = shlex.split(args)
        for source in sources:
            origin = REPO / source
            target = context / dest / Path(source).name if dest.endswith("/") else context / dest
            if origin.is_dir():
                shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, target)
    (install,) = [a for a in docker.all("RUN") if "pip install" in a]
    target = shlex.split(re.search(r"pip install (\S+)", install).group(1))[0]  # type: ignore[union-attr]
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            target,
        ],
        cwd=context,
        env=clean_environ(venv / "bin"),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # The dependencies: those of this test environment, after the venv's own site-packages (so
    # the installed package, not the source tree, is what runs).
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        env=clean_environ(venv / "bin"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (Path(site) / "_test_dependencies.pth").write_text("\n".join(deps) + "\n")
    where = subprocess.run(
        [str(python), "-c", "import newsdesk; print(newsdesk.__file__)"],
        env=clean_environ(venv / "bin"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(site), f"the source tree was imported, not the install: {where}"
    return venv / "bin"


def needs_serve_watch(bin_dir: Path) -> None:
    help_text = subprocess.run(
        [str(bin_dir / "newsdesk"), "serve", "--help"],
        capture_output=True,
        text=True,
        env={**clean_environ(bin_dir), "COLUMNS": "200"},
        check=False,
    ).stdout
    if "--watch" not in help_text:
        pytest.skip("`newsdesk serve --watch` is not in this tree yet (issue 19, watch command)")


def test_the_installed_package_holds_every_file_serve_reads(installed: Path) -> None:
    """A non-editable install: templates, the desk's CSS, migrations and samples are there."""
    code = (
        "import importlib.resources as r; p = r.files('newsdesk'); "
        "need = ['web/static/desk.css', 'web/templates/login.html', 'publish/templates', "
        "'store/migrations/env.py', 'samples/articles']; "
        "missing = [n for n in need if not (p / n).is_file() and not (p / n).is_dir()]; "
        "print(missing)"
    )
    out = subprocess.run(
        [str(installed / "python"), "-c", code],
        env=clean_environ(installed),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "[]", f"missing from the installed package: {out}"


# A process under test


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    port: int
    stderr: Path

    def healthz(self) -> tuple[int, dict[str, Any]]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=10) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as r:
            return r.read().decode()

    def wait_for_a_cycle(self) -> dict[str, Any]:
        """/healthz once the first desk cycle has ended (the watcher works)."""
        deadline = time.monotonic() + CYCLE_WAIT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"exited with {self.process.returncode}: {self.tail()}")
            try:
                status, body = self.healthz()
            except (OSError, ValueError):
                status, body = 0, {}
            if status == 200 and body.get("last_cycle"):
                return body
            time.sleep(0.5)
        pytest.fail(f"no cycle ended within {CYCLE_WAIT_S} s: {self.tail()}")

    def stop(self, signame: str, within: float) -> int:
        self.process.send_signal(getattr(signal, signame))
        try:
            return self.process.wait(timeout=within)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"still running {within} s after {signame}: {self.tail()}")

    def tail(self) -> str:
        return self.stderr.read_text(errors="replace")[-3000:]


@pytest.fixture
def serve() -> Iterator[Any]:
    started: list[Served] = []

    def start(argv: list[str], env: dict[str, str], cwd: Path, port: int) -> Served:
        cwd.mkdir(parents=True, exist_ok=True)
        stderr = cwd.parent / f"stderr-{port}.log"
        process = subprocess.Popen(
            argv,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr.open("wb"),
        )
        served = Served(process, port, stderr)
        started.append(served)
        return served

    yield start
    for served in started:
        if served.process.poll() is None:
            served.process.kill()
            served.process.wait()


def expect_clean_exit(code: int) -> None:
    """Exit 0 after SIGTERM (issue 19: finish the current item, commit, exit 0), not death by
    the signal: uvicorn re-raises the signal it caught once it has shut down, and with the
    default handler back the process died (-15, status 143) before stopping its watcher."""
    assert code == 0, f"exit status {code}"


def with_port(argv: list[str], port: int) -> list[str]:
    assert "--port" in argv
    i = argv.index("--port") + 1
    return [*argv[:i], str(port), *argv[i + 1 :]]


def json_log_lines(stderr: Path) -> list[dict[str, Any]]:
    """Every line of the process's stderr, each one JSON (NEWSDESK_LOG_FORMAT=json)."""
    return [json.loads(line) for line in stderr.read_text().splitlines() if line.strip()]


# The Dockerfile and compose.yaml


def test_the_dockerfile_builds_the_image_the_docs_describe() -> None:
    docker = Dockerfile.read()
    assert docker.instructions[0] == ("FROM", "python:3.11-slim")
    user = docker.last("USER")
    assert user not in ("root", "0") and user in " ".join(docker.all("RUN"))  # created, non-root
    env = docker.env()
    assert sorted(docker.volumes()) == sorted([env["NEWSDESK_DATA_DIR"], env["NEWSDESK_OUT"]])
    assert docker.last("STOPSIGNAL") == "SIGTERM"
    assert "/healthz" in " ".join(docker.exec_form("HEALTHCHECK"))
    assert docker.exec_form("CMD")[:3] == ["newsdesk", "serve", "--watch"]


def test_compose_runs_the_image_on_postgresql_15_with_volumes() -> None:
    compose = read_compose()
    docker = Dockerfile.read()
    db, desk = compose["services"]["db"], compose["services"]["desk"]
    assert db["image"] == "postgres:15"
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])
    assert desk["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert desk["depends_on"]["db"]["condition"] == "service_healthy"
    mounted = {v.split(":")[1] for v in desk["volumes"]}
    assert mounted == set(docker.volumes())
    assert desk["stop_signal"] == docker.last("STOPSIGNAL")
    named = {v.split(":")[0] for v in [*db["volumes"], *desk["volumes"]]}
    assert named <= set(compose["volumes"])


@pytest.mark.postgres
def test_the_image_command_serves_watches_and_stops_on_postgresql(
    installed: Path, serve: Any, tmp_path: Path
) -> None:
    from store.pg_server import PgServer, unavailable_reason

    needs_serve_watch(installed)
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    docker, compose = Dockerfile.read(), read_compose()
    dotenv = read_env_file(DEPLOY / "newsdesk.env.example")  # as deploy/.env
    db_service = compose["services"]["db"]["environment"]
    desk_service = compose["services"]["desk"]
    server = PgServer.start()
    try:
        import psycopg

        user = interpolate(db_service["POSTGRES_USER"], dotenv)
        password = interpolate(db_service["POSTGRES_PASSWORD"], dotenv)
        name = interpolate(db_service["POSTGRES_DB"], dotenv)
        with psycopg.connect(server.admin_url, autocommit=True) as admin:  # the image's init
            admin.execute(f"CREATE ROLE \"{user}\" LOGIN PASSWORD '{password}'")
            admin.execute(f'CREATE DATABASE "{name}" OWNER "{user}"')
        port = free_port()
        home = tmp_path / "var-lib-newsdesk"
        env = clean_environ(installed)
        for key, value in {**docker.env(), **desk_service["environment"]}.items():
            env[key] = interpolate(str(value), dotenv).replace(IMAGE_HOME, str(home))
        assert env["NEWSDESK_DB"].startswith(f"postgresql://{user}:{password}@db:5432/{name}")
        env["NEWSDESK_DB"] = env["NEWSDESK_DB"].replace("@db:5432/", f"@127.0.0.1:{server.port}/")
        cwd = Path(docker.last("WORKDIR").replace(IMAGE_HOME, str(home)))
        served = serve(with_port(docker.exec_form("CMD"), port), env, cwd, port)

        body = served.wait_for_a_cycle()
        assert body["database"]["reachable"] and body["last_cycle"]["result"] == "ok"
        healthcheck = [a.replace(":8000/", f":{port}/") for a in docker.exec_form("HEALTHCHECK")]
        assert (
            subprocess.run(healthcheck, env=env, capture_output=True, check=False).returncode == 0
        )
        metrics = served.get("/metrics")
        assert "newsdesk_database_up 1.0" in metrics
        published = re.search(r'newsdesk_pages\{status="published"\} (\S+)', metrics)
        assert published and float(published.group(1)) > 0
        # The raw bytes went to the data volume; the pages to the site volume.
        assert any((home / "data").rglob("*")) and (home / "site" / "index.html").is_file()

        grace = float(desk_service["stop_grace_period"].rstrip("s"))
        code = served.stop(docker.last("STOPSIGNAL"), within=grace)
        lines = json_log_lines(served.stderr)
        assert lines and all({"timestamp", "level", "event"} <= set(line) for line in lines)
        assert (
            subprocess.run(healthcheck, env=env, capture_output=True, check=False).returncode != 0
        )
    finally:
        server.stop()
    expect_clean_exit(code)


# The systemd unit


def unit_here(unit_text: str, bin_dir: Path, root: Path, port: int) -> str:
    """The unit with its paths moved into `root` and the test install, and its port."""
    venv = bin_dir.parent
    text = unit_text.replace("/opt/newsdesk/venv", str(venv))
    text = text.replace("/var/lib/newsdesk", str(root / "var-lib-newsdesk"))
    text = text.replace("/etc/newsdesk", str(root / "etc-newsdesk"))
    return text.replace("--port 8000", f"--port {port}")


def test_the_unit_restarts_on_failure_stops_gently_and_is_sandboxed() -> None:
    unit = Unit.read()
    service = "Service"
    assert unit.get(service, "Restart") == "on-failure"
    assert unit.get(service, "KillSignal") == "SIGTERM"
    assert float(unit.get(service, "TimeoutStopSec")) > 0
    assert unit.get(service, "User") not in ("root", "0")
    assert unit.get(service, "NoNewPrivileges") == "yes"
    assert unit.get(service, "ProtectSystem") == "strict"
    writable = unit.get(service, "ReadWritePaths").split()
    env = unit.environment()
    for folder in (env["NEWSDESK_DATA_DIR"], env["NEWSDESK_OUT"]):
        assert any(folder == w or folder.startswith(w.rstrip("/") + "/") for w in writable)
    argv = shlex.split(unit.get(service, "ExecStart"))
    assert argv[1:3] == ["serve", "--watch"]
    assert unit.get("Install", "WantedBy") == "multi-user.target"


def test_systemd_analyze_finds_nothing_to_say(installed: Path, tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    unit = tmp_path / "newsdesk.service"
    unit.write_text(unit_here((DEPLOY / "newsdesk.service").read_text(), installed, tmp_path, 8000))
    verify = subprocess.run(
        [analyze, "verify", str(unit)], capture_output=True, text=True, check=False
    )
    assert verify.returncode == 0 and not verify.stderr.strip() and not verify.stdout.strip(), (
        verify.stderr
    )
    security = subprocess.run(
        [analyze, "security", "--offline=true", "--no-pager", str(unit)],
        capture_output=True,
        text=True,
        check=False,
    )
    level = re.search(r"Overall exposure level for \S+: ([\d.]+)", security.stdout)
    assert level, security.stdout[-2000:] + security.stderr[-2000:]
    # 1.9 when written ("OK" is below 3.0); hardening may only improve it.
    assert float(level.group(1)) <= 2.0


def test_the_unit_command_serves_watches_and_stops_within_its_timeout(
    installed: Path, serve: Any, tmp_path: Path
) -> None:
    needs_serve_watch(installed)
    port = free_port()
    unit_file = tmp_path / "newsdesk.service"
    unit_file.write_text(
        unit_here((DEPLOY / "newsdesk.service").read_text(), installed, tmp_path, port)
    )
    unit = Unit.read(unit_file)
    service = "Service"
    # What an operator does before starting it (docs/deploy.md): the settings and secrets.
    argv = shlex.split(unit.get(service, "ExecStart"))
    config = Path(argv[argv.index("--config") + 1])
    config.parent.mkdir(parents=True)
    config.write_text("# no [[sources]]: the bundled samples\n")
    env_file = unit.get(service, "EnvironmentFile").lstrip("-")
    shutil.copy(DEPLOY / "newsdesk.env.example", env_file)
    env = clean_environ(installed)
    env.update(unit.environment())  # systemd: Environment= first, EnvironmentFile= overrides
    env.update(read_env_file(Path(env_file)))
    served = serve(argv, env, Path(unit.get(service, "WorkingDirectory")), port)

    body = served.wait_for_a_cycle()
    assert body["last_cycle"]["result"] == "ok" and body["database"]["reachable"]
    home = Path(unit.get(service, "WorkingDirectory"))
    assert (home / "data" / "newsdesk.sqlite").is_file() and (
        home / "site" / "index.html"
    ).is_file()
    timeout = float(unit.get(service, "TimeoutStopSec"))
    code = served.stop(unit.get(service, "KillSignal"), within=timeout)
    lines = json_log_lines(served.stderr)
    assert all({"timestamp", "level", "event"} <= set(line) for line in lines)
    expect_clean_exit(code)


def test_every_newsdesk_variable_the_files_set_is_a_setting() -> None:
    """A misspelt variable (NEWSDESK_DESK_PASSWORD_HASH, one underscore) would be ignored without
    a word: every NEWSDESK_* name in deploy/ must be a setting, the log format, or the
    compose-only database password."""
    from newsdesk.config import ENV_PREFIX, iter_settings

    known = {ENV_PREFIX + name.upper().replace(".", "__") for name, _ in iter_settings()}
    known |= {"NEWSDESK_LOG_FORMAT", "NEWSDESK_DB_PASSWORD"}
    used = set(Dockerfile.read().env())
    used |= set(read_compose()["services"]["desk"]["environment"])
    used |= set(Unit.read().environment())
    used |= set(read_env_file(DEPLOY / "newsdesk.env.example"))
    used = {name for name in used if name.startswith(ENV_PREFIX)}
    assert used - known == set()
    assert {"NEWSDESK_DB", "NEWSDESK_DATA_DIR", "NEWSDESK_OUT"} <= used
