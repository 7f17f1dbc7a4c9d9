"""A real WordPress for tests: Debian's `wordpress` package copied to a temp folder, a throwaway
MariaDB server on a Unix socket, and PHP's built-in web server on a free loopback port.

Available when `apt-get install -y wordpress mariadb-server php-cli php-mysql` has been run;
`wordpress_available()` says so, and tests skip with that reason otherwise.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

WORDPRESS = Path("/usr/share/wordpress")
TOOLS = ("mariadb-install-db", "mariadbd", "mariadb", "php")
START_TIMEOUT = 60.0  # seconds for MariaDB or PHP to accept connections on a loaded machine


def wordpress_available() -> bool:
    return (WORDPRESS / "wp-settings.php").is_file() and all(
        shutil.which(t) or Path(f"/usr/sbin/{t}").exists() for t in TOOLS
    )


@dataclass(frozen=True)
class WordPress:
    url: str  # site root, e.g. http://127.0.0.1:PORT/
    api_root: str  # REST root without pretty permalinks: URL/?rest_route=/
    user: str
    app_password: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tool(name: str) -> str:
    return shutil.which(name) or f"/usr/sbin/{name}"


def _wait(check: object, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start in {START_TIMEOUT:.0f} s")
        time.sleep(0.2)


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


CONFIG = """<?php
define('DB_NAME', 'wp');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{socket}');
define('DB_CHARSET', 'utf8mb4');
define('WP_ENVIRONMENT_TYPE', 'local');  // application passwords over plain http
define('WP_HOME', '{url}');
define('WP_SITEURL', '{url}');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
$table_prefix = 'wp_';
define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""

INSTALL = """<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1:{port}';
define('WP_INSTALLING', true);
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('newsdesk test', 'editor', 'editor@example.org', false, '', 'not-used-password-1');
list($password, $item) = WP_Application_Passwords::create_new_application_password(1, array('name' => 'newsdesk'));
echo $password;
"""


@contextmanager
def running_wordpress(work: Path) -> Iterator[WordPress]:
    """Start MariaDB and WordPress under `work`; stop both on exit."""
    data, sock, root = work / "db", work / "mysql.sock", work / "wp"
    processes: list[subprocess.Popen[bytes]] = []
    log = (work / "servers.log").open("wb")
    try:
        subprocess.run(
            [
                _tool("mariadb-install-db"),
                "--no-defaults",
                f"--datadir={data}",
                "--user=root",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ],
            check=True,
            stdout=log,
            stderr=log,
        )
        processes.append(
            subprocess.Popen(
                [
                    _tool("mariadbd"),
                    "--no-defaults",
                    f"--datadir={data}",
                    f"--socket={sock}",
                    "--skip-networking",
                    "--user=root",
                    f"--pid-file={work / 'mariadb.pid'}",
                    "--innodb-buffer-pool-size=32M",
                ],
                stdout=log,
                stderr=log,
            )
        )
        _wait(sock.exists, "MariaDB")
        subprocess.run(
            [
                _tool("mariadb"),
                "--no-defaults",
                f"--socket={sock}",
                "-u",
                "root",
                "-e",
                "CREATE DATABASE wp CHARACTER SET utf8mb4",
            ],
            check=True,
            stdout=log,
            stderr=log,
        )
        shutil.copytree(WORDPRESS, root, symlinks=True)
        (root / "wp-config.php").unlink()
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        (root / "wp-config.php").write_text(CONFIG.format(socket=sock, url=url))
        (root / "newsdesk-install.php").write_text(INSTALL.format(port=port))
        installed = subprocess.run(
            ["php", str(root / "newsdesk-install.php")], check=True, capture_output=True, text=True
        )
        app_password = installed.stdout.strip().splitlines()[-1]
        (root / "newsdesk-install.php").unlink()
        processes.append(
            subprocess.Popen(
                ["php", "-S", f"127.0.0.1:{port}", "-t", str(root)], stdout=log, stderr=log
            )
        )
        _wait(lambda: _listening(port), "PHP's web server")
        yield WordPress(f"{url}/", f"{url}/?rest_route=/", "editor", app_password)
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
