"""The content-addressed raw folder: layout, atomic writes, idempotence, corruption."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from newsdesk.errors import StoreError
from newsdesk.store.blobs import BlobStore


def test_layout_is_two_hex_folder_then_the_rest(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "raw")
    data = "Ceci n'est pas une pipe — 这不是烟斗".encode()
    digest = blobs.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    path = tmp_path / "raw" / digest[:2] / digest[2:]
    assert path.read_bytes() == data
    assert blobs.get(digest) == data
    assert [p.name for p in path.parent.iterdir()] == [digest[2:]]  # no temporary file left


def test_put_is_idempotent_and_does_not_rewrite(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    digest = blobs.put(b"same bytes")
    path = blobs.path(digest)
    before = path.stat().st_mtime_ns
    path.chmod(0o444)
    assert blobs.put(b"same bytes") == digest
    assert path.stat().st_mtime_ns == before


def test_a_truncated_blob_is_replaced(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    digest = blobs.put(b"0123456789")
    blobs.path(digest).write_bytes(b"01234")  # e.g. a copy interrupted by a full disk
    blobs.put(b"0123456789")
    assert blobs.get(digest) == b"0123456789"


def test_empty_content_is_a_valid_blob(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    assert blobs.get(blobs.put(b"")) == b""


def test_corrupt_and_missing_blobs_raise(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    digest = blobs.put(b"original")
    blobs.path(digest).write_bytes(b"tampered")
    with pytest.raises(StoreError, match="corrupt"):
        blobs.get(digest)
    blobs.path(digest).unlink()
    with pytest.raises(StoreError, match="missing"):
        blobs.get(digest)


def test_only_sha256_digests_name_blobs(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        BlobStore(tmp_path).path("../../etc/passwd")
