"""The content-addressed raw folder: layout, atomic writes, idempotence, corruption."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.errors import StoreError
from newsdesk.store import Store
from newsdesk.store.blobs import STALE_TEMPORARY_SECONDS, BlobStore


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


def _orphan(folder: Path, name: str, age: float) -> Path:
    """A temporary file as a writer killed between writing and renaming leaves it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"half a page")
    when = time.time() - age
    os.utime(path, (when, when))
    return path


def test_stale_temporary_files_are_removed_and_blobs_kept(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "raw")
    digests = [blobs.put(f"page {i}".encode()) for i in range(5)]
    hour = STALE_TEMPORARY_SECONDS
    old = [
        _orphan(blobs.path(digests[0]).parent, ".tmp-abc123", hour + 60),
        _orphan(tmp_path / "raw" / "ff", ".tmp-killed", 3 * hour),
    ]
    fresh = _orphan(blobs.path(digests[1]).parent, ".tmp-writing", 5)  # a live writer's
    other = _orphan(tmp_path / "raw" / "ff", "notes.txt", 3 * hour)  # not ours to judge
    assert blobs.remove_stale_temporaries() == 2
    assert not any(p.exists() for p in old)
    assert fresh.exists() and other.exists()
    assert [blobs.get(d) for d in digests] == [f"page {i}".encode() for i in range(5)]
    assert blobs.remove_stale_temporaries() == 0
    assert BlobStore(tmp_path / "absent").remove_stale_temporaries() == 0


def test_a_new_run_sweeps_what_a_killed_write_left(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'newsdesk.sqlite'}", tmp_path) as store:
        digest = store.blobs.put(b"<html>un article</html>")
        orphan = _orphan(
            store.blobs.path(digest).parent, ".tmp-x1y2z3", 2 * STALE_TEMPORARY_SECONDS
        )
        store.begin_run(datetime(2024, 6, 1, tzinfo=UTC))
        assert not orphan.exists()
        assert store.blobs.get(digest) == b"<html>un article</html>"
