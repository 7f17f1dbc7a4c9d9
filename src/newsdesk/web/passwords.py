"""Password hashes for the desk's login (hashlib.scrypt, no extra dependency) and API tokens.

Produce a hash:   python -m newsdesk.web.passwords            (asks for the password)
                  python -m newsdesk.web.passwords --token    (makes an API token and its hash)
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import secrets
import sys

# scrypt cost: n=2**14, r=8, p=1 is the interactive-login setting recommended by the scrypt
# paper and OWASP's minimum; one verification takes ~50 ms here and 16 MiB of memory.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, *, n: int = SCRYPT_N, salt: bytes | None = None) -> str:
    """'scrypt$n$r$p$salt$key' (base64url), safe to keep in configuration."""
    salt = salt or secrets.token_bytes(SALT_BYTES)
    key = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=KEY_BYTES
    )
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, encoded: str) -> bool:
    """True when `password` matches `encoded`; False for any malformed hash."""
    try:
        scheme, n, r, p, salt, key = encoded.split("$")
        if scheme != "scrypt":
            return False
        expected = _unb64(key)
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=_unb64(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=256 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def token_hash(token: str) -> str:
    """sha256 hex of an API token (tokens are long random strings: no slow hash needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Hash the desk password, or make an API token.")
    parser.add_argument("--token", action="store_true", help="make a random API token and its hash")
    args = parser.parse_args(argv)
    if args.token:
        token = secrets.token_urlsafe(32)
        print(f"token (give it to the API client): {token}")
        print(f"NEWSDESK_DESK__API_TOKEN_HASH={token_hash(token)}")
        return 0
    password = getpass.getpass("Mot de passe : ") if sys.stdin.isatty() else sys.stdin.readline()
    password = password.rstrip("\n")
    if len(password) < 12:
        print("refused: use at least 12 characters", file=sys.stderr)
        return 1
    print(f"NEWSDESK_DESK__PASSWORD_HASH='{hash_password(password)}'")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
