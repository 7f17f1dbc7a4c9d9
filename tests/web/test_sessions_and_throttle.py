"""Sessions end server-side, and login throttling slows guessers without locking the editor out
(issue 20, probe 9: a cookie still opened the desk after logout; the throttle locked out the
real editor from a shared address and a new X-Forwarded-For per try escaped it)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from starlette.testclient import TestClient

from newsdesk.web.app import UVICORN_OPTIONS, create_app
from newsdesk.web.desk_state import SESSION_RECHECK_S
from newsdesk.web.passwords import hash_password
from newsdesk.web.security import LoginThrottle
from tests.web.conftest import PASSWORD, DeskFixture, make_desk
from tests.web.test_desk import csrf_of, login


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_cookie_copied_before_logout_opens_nothing_after(desk: DeskFixture) -> None:
    assert login(desk.client) == 303
    stolen = dict(desk.client.cookies)
    assert desk.client.get("/desk/", follow_redirects=False).status_code == 200
    token = csrf_of(desk.client.get("/desk/").text)
    out = desk.client.post("/desk/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    replay = TestClient(desk.client.app, cookies=stolen)
    response = replay.get("/desk/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/desk/login")
    assert replay.get("/desk/sources", follow_redirects=False).status_code == 303


def test_a_password_change_ends_the_open_sessions(desk: DeskFixture) -> None:
    assert login(desk.client) == 303
    cookies = dict(desk.client.cookies)
    app = desk.client.app
    changed = create_app(
        desk.settings,
        desk=app.state.desk.desk.model_copy(update={"password_hash": hash_password("new one")}),
        store=desk.store,
    )
    response = TestClient(changed, cookies=cookies).get("/desk/", follow_redirects=False)
    assert response.status_code == 303


def test_sessions_of_an_account_can_be_revoked(desk: DeskFixture) -> None:
    assert login(desk.client) == 303
    assert desk.store.desk_sessions.revoke_all("redaction") == 1
    assert desk.client.get("/desk/", follow_redirects=False).status_code == 303


def test_a_session_revoked_elsewhere_closes_within_the_recheck_delay(desk: DeskFixture) -> None:
    """The server trusts a session it found live for SESSION_RECHECK_S (the queue is read on
    every request, the session table need not be); a revocation it did not see itself (another
    process, the command line) takes effect once that delay has passed."""
    state = desk.client.app.state.desk
    now = [0.0]
    state.monotonic = lambda: now[0]
    assert login(desk.client) == 303
    assert desk.client.get("/desk/", follow_redirects=False).status_code == 200
    assert desk.store.desk_sessions.revoke_all("redaction") == 1
    now[0] += SESSION_RECHECK_S / 2
    assert desk.client.get("/desk/", follow_redirects=False).status_code == 200
    now[0] += SESSION_RECHECK_S
    assert desk.client.get("/desk/", follow_redirects=False).status_code == 303


def _throttled_desk(tmp_path: Path, clock: Clock) -> DeskFixture:
    desk = make_desk(tmp_path)
    desk.client = TestClient(
        create_app(
            desk.settings,
            desk=desk.client.app.state.desk.desk,
            store=desk.store,
            throttle=LoginThrottle(clock=clock),
        )
    )
    return desk


def test_a_guesser_on_the_editors_address_delays_but_never_locks_out(tmp_path: Path) -> None:
    clock = Clock()
    desk = _throttled_desk(tmp_path, clock)
    refused = 0
    for _ in range(12):  # a colleague's compromised machine behind the same address
        status = login(desk.client, "guess")
        refused += status == 429
        assert status in (401, 429)
        clock.now += 0.5
    assert refused  # slowed: attempts during the wait are not even examined
    response_status = login(desk.client)  # the editor, right now: asked to wait…
    assert response_status == 429
    clock.now += 5 * 60  # …a bounded time (the cap of a client's wait)
    assert login(desk.client) == 303
    desk.store.close()


def test_refused_attempts_do_not_lengthen_the_wait() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(6):
        throttle.failed("10.0.0.1", "editor")
    first = throttle.wait("10.0.0.1", "editor")
    assert 0 < first <= 2
    for _ in range(50):  # refused while waiting: not counted
        assert throttle.wait("10.0.0.1", "editor") > 0
    clock.now += first
    assert throttle.wait("10.0.0.1", "editor") == 0


def test_guesses_from_many_addresses_slow_the_account_for_at_most_a_minute() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for n in range(200):
        throttle.failed(f"10.0.{n // 250}.{n % 250}", "editor")
    wait = throttle.wait("192.0.2.7", "editor")  # the editor, from a fresh address
    assert 0 < wait <= 60
    clock.now += wait
    assert throttle.wait("192.0.2.7", "editor") == 0
    assert throttle.wait("192.0.2.7", "someone-else") == 0  # other accounts untouched


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The desk app under uvicorn with the options `newsdesk serve` uses."""
    proxies = getattr(request, "param", [])
    desk = make_desk(tmp_path)
    settings = desk.client.app.state.desk.desk.model_copy(update={"trusted_proxies": proxies})
    app = create_app(desk.settings, desk=settings, store=desk.store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, **UVICORN_OPTIONS))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        desk.store.close()


def _attempt(client: httpx.Client, password: str, forwarded: str) -> int:
    token = csrf_of(client.get("/desk/login").text)
    return client.post(
        "/desk/login",
        data={"user": "redaction", "password": password, "csrf_token": token},
        headers={"X-Forwarded-For": forwarded},
    ).status_code


def test_a_new_forwarded_for_per_try_does_not_escape_the_throttle(served: str) -> None:
    with httpx.Client(base_url=served) as client:
        statuses = [_attempt(client, "guess", f"203.0.113.{n}") for n in range(8)]
    assert statuses[:5] == [401] * 5 and 429 in statuses[5:]


@pytest.mark.parametrize("served", [["127.0.0.1"]], indirect=True)
def test_behind_a_trusted_proxy_each_forwarded_client_is_throttled_alone(served: str) -> None:
    with httpx.Client(base_url=served) as client:
        statuses = [_attempt(client, "guess", "203.0.113.9") for _ in range(7)]
        assert statuses[:5] == [401] * 5 and statuses[-1] == 429
        assert _attempt(client, PASSWORD, "198.51.100.4") == 303  # another client: not held
