"""Named blobs of desk state: written together, checked on read, large ones whole, on both
databases."""

from __future__ import annotations

import os

from sqlalchemy import update

from newsdesk.store import Store
from newsdesk.store.models import StateBlobRow

# A large desk's link index: tens of MB (the brief's figure); random bytes, so no layer can
# shrink them, in a size above the 16 MiB where some drivers switch to streamed parameters.
LARGE = 40 * 1024 * 1024


def test_blobs_round_trip_and_share_a_generation(store: Store) -> None:
    assert store.state_blobs.get_many(["a", "b"]) == {}
    assert store.state_blobs.put_many({"a": b"\x00one", "b": b"two\xff"}, "g1") == 2
    blobs = store.state_blobs.get_many(["a", "b", "c"])
    assert {n: b.data for n, b in blobs.items()} == {"a": b"\x00one", "b": b"two\xff"}
    assert {b.generation for b in blobs.values()} == {"g1"}
    assert all(b.intact for b in blobs.values())
    assert store.state_blobs.sizes() == {"a": 4, "b": 4}


def test_unchanged_bytes_are_only_restamped(store: Store) -> None:
    store.state_blobs.put_many({"a": b"same", "b": b"old"}, "g1")
    assert store.state_blobs.put_many({"a": b"same", "b": b"new"}, "g2") == 1
    blobs = store.state_blobs.get_many(["a", "b"])
    assert blobs["a"].data == b"same" and blobs["b"].data == b"new"
    assert {b.generation for b in blobs.values()} == {"g2"}


def test_create_never_overwrites(store: Store) -> None:
    store.state_blobs.put_many({"a": b"database"}, "g1")
    assert store.state_blobs.create_many({"a": b"file", "b": b"file"}, "import") == ["b"]
    blobs = store.state_blobs.get_many(["a", "b"])
    assert blobs["a"].data == b"database" and blobs["a"].generation == "g1"
    assert blobs["b"].data == b"file" and blobs["b"].generation == "import"


def test_damaged_bytes_are_detected(store: Store) -> None:
    store.state_blobs.put_many({"a": b"whole"}, "g1")
    with store.engine.begin() as connection:
        connection.execute(update(StateBlobRow).values(data=b"whol"))
    blob = store.state_blobs.get("a")
    assert blob is not None and not blob.intact


def test_a_large_blob_is_stored_whole(store: Store) -> None:
    data = os.urandom(LARGE)
    store.state_blobs.put_many({"link-index.npz": data}, "g1")
    blob = store.state_blobs.get("link-index.npz")
    assert blob is not None and blob.intact
    assert isinstance(blob.data, bytes) and blob.data == data
    assert store.state_blobs.sizes() == {"link-index.npz": LARGE}
    assert store.state_blobs.remove(["link-index.npz"]) == 1
    assert store.state_blobs.get("link-index.npz") is None
