"""Readers of the files in deploy/ (Dockerfile, compose.yaml, the systemd unit), so that tests
run the very commands those files hold instead of copies of them."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@dataclass
class Dockerfile:
    instructions: list[tuple[str, str]]  # (INSTRUCTION, arguments), continuation lines joined

    @classmethod
    def read(cls, path: Path = DEPLOY / "Dockerfile") -> Dockerfile:
        instructions: list[tuple[str, str]] = []
        pending = ""
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not pending and (not line or line.startswith("#")):
                continue
            if line.startswith("#"):  # a comment inside a continued instruction
                continue
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            pending += line
            name, _, args = pending.partition(" ")
            instructions.append((name.upper(), args.strip()))
            pending = ""
        assert not pending, "Dockerfile ends inside a continued instruction"
        return cls(instructions)

    def all(self, name: str) -> list[str]:
        return [args for n, args in self.instructions if n == name]

    def last(self, name: str) -> str:
        found = self.all(name)
        assert found, f"no {name} in the Dockerfile"
        return found[-1]

    def env(self) -> dict[str, str]:
        """Every ENV, in order (the `ENV k=v k2=v2` form)."""
        values: dict[str, str] = {}
        for args in self.all("ENV"):
            for pair in shlex.split(args):
                key, sep, value = pair.partition("=")
                assert sep, f"ENV {args!r}: use the key=value form"
                values[key] = value
        return values

    def exec_form(self, name: str) -> list[str]:
        """The JSON array of a CMD (or of the CMD after HEALTHCHECK's options)."""
        args = self.last(name)
        if name == "HEALTHCHECK":
            options, _, args = args.partition("CMD ")
            assert args, "HEALTHCHECK without CMD"
        value = json.loads(args)
        assert isinstance(value, list) and all(isinstance(v, str) for v in value), args
        return value

    def healthcheck_options(self) -> dict[str, str]:
        options = self.last("HEALTHCHECK").partition("CMD ")[0]
        return dict(re.findall(r"--([a-z-]+)=(\S+)", options))

    def volumes(self) -> list[str]:
        value = json.loads(self.last("VOLUME"))
        assert isinstance(value, list)
        return [str(v) for v in value]


@dataclass
class Unit:
    """A systemd unit: section -> key -> values (a key may repeat, like Environment=)."""

    sections: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path = DEPLOY / "newsdesk.service") -> Unit:
        unit = cls()
        section: dict[str, list[str]] | None = None
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith(("#", ";")):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = unit.sections.setdefault(line[1:-1], {})
                continue
            assert section is not None, f"{line!r} outside a section"
            key, sep, value = line.partition("=")
            assert sep, f"{line!r}: not key=value"
            section.setdefault(key.strip(), []).append(value.strip())
        return unit

    def get(self, section: str, key: str) -> str:
        values = self.sections.get(section, {}).get(key)
        assert values, f"[{section}] {key}= is missing"
        return values[-1]

    def environment(self) -> dict[str, str]:
        env: dict[str, str] = {}
        for value in self.sections["Service"].get("Environment", []):
            for pair in shlex.split(value):
                key, _, val = pair.partition("=")
                env[key] = val
        return env


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines, as compose's .env and systemd's EnvironmentFile= read them."""
    values = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


def interpolate(value: str, env: dict[str, str]) -> str:
    """compose's ${VAR}, ${VAR:-default} and ${VAR:?error} (an unset required one fails)."""

    def one(match: re.Match[str]) -> str:
        name, op, arg = match.group(1), match.group(2), match.group(3)
        current = env.get(name)
        if op in (":-", "-"):
            return current if current else (arg or "")
        if op in (":?", "?"):
            assert current, f"compose requires {name}: {arg}"
            return current
        return current or ""

    return _VARIABLE.sub(one, value)


def read_compose(path: Path = DEPLOY / "compose.yaml") -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data
