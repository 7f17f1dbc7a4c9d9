"""The story index as plain records, so the desk can keep it in its database between runs.

A record is a JSON-compatible dict: one "index" record (document frequencies, counters) and one
"story" record per story (members, titles, times, and — for stories that can still be joined —
their recent members' vectors). Floats survive exactly (vectors as base64 float32 bytes, weights
as JSON numbers, which Python writes with round-trip precision), so an index restored from its
records places the next articles exactly as the original would have.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from newsdesk.cluster.index import StoryIndex, _Member, _StoryState

RECORD_VERSION = 1

Record = dict[str, Any]


def _b64(array: np.ndarray, dtype: type) -> str:
    return base64.b64encode(np.ascontiguousarray(array, dtype=dtype).tobytes()).decode("ascii")


def _array(text: str, dtype: type) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=dtype).copy()


def to_records(index: StoryIndex) -> list[Record]:
    records: list[Record] = [
        {
            "kind": "index",
            "version": RECORD_VERSION,
            "n_docs": index._n_docs,
            "df": dict(sorted(index._df.items())),
            "primed": sorted(index._primed),
            "newest_ts": index._newest_ts,
            "since_sweep": index._since_sweep,
            "next_seq": index._next_seq,
            "aliases": dict(sorted(index._aliases.items())),
        }
    ]
    for state in sorted(index._stories.values(), key=lambda s: s.seq):
        records.append(
            {
                "kind": "story",
                "id": state.id,
                "seq": state.seq,
                "founder": state.founder,
                "members": list(state.members),
                "titles": dict(state.titles),
                "languages": sorted(state.languages),
                "first_ts": state.first_ts,
                "last_ts": state.last_ts,
                "centroid_sum": _b64(state.centroid_sum, np.float64),
                "posted": sorted(state.posted),
                "recent": [
                    {
                        "id": m.id,
                        "language": m.language,
                        "ts": m.ts,
                        "vector": _b64(m.vector, np.float32),
                        "lex": list(m.lex.items()),  # order matters: heaviest first
                    }
                    for m in state.recent
                ],
            }
        )
    return records


def from_records(records: Iterable[Mapping[str, Any]]) -> StoryIndex:
    index = StoryIndex()
    stories: list[Mapping[str, Any]] = []
    for record in records:
        if record.get("kind") == "index":
            if record.get("version") != RECORD_VERSION:
                raise ValueError(f"unsupported story index record version {record.get('version')}")
            index._n_docs = int(record["n_docs"])
            index._df = Counter({k: int(v) for k, v in record["df"].items()})
            index._primed = set(record["primed"])
            index._newest_ts = float(record["newest_ts"])
            index._since_sweep = int(record["since_sweep"])
            index._next_seq = int(record["next_seq"])
            index._aliases = dict(record["aliases"])
        elif record.get("kind") == "story":
            stories.append(record)
        else:
            raise ValueError(f"unknown story index record kind {record.get('kind')!r}")
    for record in sorted(stories, key=lambda r: int(r["seq"])):
        state = _StoryState(
            id=record["id"],
            seq=int(record["seq"]),
            founder=record["founder"],
            members=list(record["members"]),
            titles=dict(record["titles"]),
            languages=set(record["languages"]),
            first_ts=float(record["first_ts"]),
            last_ts=float(record["last_ts"]),
            centroid_sum=_array(record["centroid_sum"], np.float64),
            recent=[
                _Member(
                    id=m["id"],
                    language=m["language"],
                    ts=float(m["ts"]),
                    vector=_array(m["vector"], np.float32),
                    lex={t: float(w) for t, w in m["lex"]},
                )
                for m in record["recent"]
            ],
        )
        index._stories[state.id] = state
        for member in state.members:
            index._story_of[member] = state.id
        if state.recent:
            index._live[state.id] = None
            for key in record["posted"]:  # rebuilt in founding order, as they were built
                state.posted.add(key)
                index._postings.setdefault(key, []).append(state.id)
            index._place_centroid(state)
    return index


def to_bytes(index: StoryIndex) -> bytes:
    """The records as one compressed JSON blob (for a single BLOB column)."""
    return zlib.compress(json.dumps(to_records(index), separators=(",", ":")).encode(), 6)


def from_bytes(data: bytes) -> StoryIndex:
    return from_records(json.loads(zlib.decompress(data)))
