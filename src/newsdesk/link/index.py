"""The desk's incremental form: link new articles against an index of those already seen.

`LinkIndex` keeps, for every indexed document, its fingerprints (MinHash signature, band keys,
shingle hashes) and the keys of its cheaper features (template lines, quotation word runs,
names/numbers/stems), each in a posting list. A query fingerprints only the new documents,
looks their keys up, and runs the same link stages as `link_corpus` on the new documents plus
the indexed documents they share a key with. Nothing is re-clustered.

It persists as bytes (`to_bytes`/`from_bytes`: an ``.npz`` archive of plain arrays and a
JSON record per document, no pickle), so the desk can keep it in a file or a database blob.

Difference from `link_corpus`: rarity weights for translation candidates are computed on the
documents a query touches, not on the whole index.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import datetime

import numpy as np

from newsdesk.link.candidates import MIN_SHARED, TOP_K, cheap_features
from newsdesk.link.corpus import Embedder, LinkResult, link_documents
from newsdesk.link.docs import LinkDoc, check_doc
from newsdesk.link.fingerprints import Fingerprints, concat, fingerprint
from newsdesk.link.quotes import extract_quotes, quote_words, run_keys
from newsdesk.link.templates import template_lines
from newsdesk.types import Rejection

FORMAT_VERSION = 1


def _feature_keys(doc: LinkDoc) -> list[str]:
    """Keys under which an indexed document can be found again (besides its band keys)."""
    keys = [f"t:{line.key}" for line in template_lines(doc.text, doc.title)]
    for q in extract_quotes(doc.text):
        keys += [f"q:{k}" for k in run_keys(q)]
        keys += [f"w:{w}" for w in quote_words(q)]
    keys += [f"c:{f}" for f in cheap_features(f"{doc.title}\n{doc.text}").all]
    return sorted(set(keys))


class LinkIndex:
    """Documents already linked, searchable by the keys of every link type."""

    def __init__(self) -> None:
        self._docs: list[LinkDoc] = []
        self._keys: list[list[str]] = []
        self._fp: Fingerprints = fingerprint([], [])
        self._bands: dict[int, list[int]] = {}
        self._postings: dict[str, list[int]] = {}
        self._ids: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._ids

    # ------------------------------------------------------------------ query / add

    def query(
        self, docs: Sequence[LinkDoc], embed: Embedder | None = None, workers: int = 1
    ) -> LinkResult:
        """Links of `docs` with the indexed documents and among themselves (index unchanged)."""
        new, rejections = self._usable(docs)
        if not new:
            return LinkResult((), tuple(rejections))
        fp = fingerprint([d.id for d in new], [d.text for d in new])
        related = self._related_rows(new, fp)
        subset = [self._docs[r] for r in related] + new
        result = link_documents(subset, workers=workers, embed=embed)
        new_ids = {d.id for d in new}
        links = tuple(x for x in result.links if x.source in new_ids or x.target in new_ids)
        return LinkResult(links, tuple(rejections) + result.rejections)

    def add(self, docs: Sequence[LinkDoc]) -> list[Rejection]:
        """Index `docs` (after a query, usually); returns the documents that were refused."""
        new, rejections = self._usable(docs)
        if not new:
            return rejections
        fp = fingerprint([d.id for d in new], [d.text for d in new])
        self._append(new, fp, [_feature_keys(d) for d in new])
        return rejections

    def _usable(self, docs: Sequence[LinkDoc]) -> tuple[list[LinkDoc], list[Rejection]]:
        usable: list[LinkDoc] = []
        rejections: list[Rejection] = []
        seen: set[str] = set()
        for d in docs:
            r = check_doc(d)
            if r is None and (d.id in self._ids or d.id in seen):
                r = Rejection(item=d.id, stage="link", reason="duplicate_id", detail="id indexed")
            if r is None:
                seen.add(d.id)
                usable.append(d)
            else:
                rejections.append(r)
        return usable, rejections

    def _append(self, docs: list[LinkDoc], fp: Fingerprints, keys: list[list[str]]) -> None:
        start = len(self._docs)
        self._docs.extend(docs)
        self._keys.extend(keys)
        self._fp = concat([self._fp, fp])
        for i, d in enumerate(docs):
            row = start + i
            self._ids[d.id] = row
            for band in fp.bands[i].tolist():
                self._bands.setdefault(band, []).append(row)
            for k in keys[i]:
                self._postings.setdefault(k, []).append(row)

    def _related_rows(self, docs: list[LinkDoc], fp: Fingerprints) -> list[int]:
        """Indexed rows that share a band key, a template line, a quotation key, or enough
        names/numbers/stems (best TOP_K * 2 per new document) with one of `docs`."""
        rows: set[int] = set()
        n = max(len(self._docs), 1)
        for i, d in enumerate(docs):
            for band in fp.bands[i].tolist():
                rows.update(self._bands.get(band, ()))
            weights: dict[int, float] = {}
            shared: dict[int, int] = {}
            for k in _feature_keys(d):
                posting = self._postings.get(k, ())
                if k.startswith(("t:", "q:")):
                    rows.update(posting)
                elif posting and len(posting) <= max(2, n // 3):
                    w = float(np.log(n / len(posting))) if n > 1 else 1.0
                    for r in posting:
                        weights[r] = weights.get(r, 0.0) + w
                        shared[r] = shared.get(r, 0) + 1
            best = sorted(
                (r for r in weights if shared[r] >= MIN_SHARED), key=lambda r: -weights[r]
            )
            rows.update(best[: TOP_K * 2])
        return sorted(rows)

    # ------------------------------------------------------------------ persistence

    def to_bytes(self) -> bytes:
        """The index as an ``.npz`` archive (plain arrays and UTF-8 JSON, no pickle)."""
        records = [
            {
                "id": d.id,
                "text": d.text,
                "language": d.language,
                "published": d.published.isoformat() if d.published else None,
                "title": d.title,
                "keys": k,
            }
            for d, k in zip(self._docs, self._keys, strict=True)
        ]
        meta = json.dumps({"version": FORMAT_VERSION, "docs": records}, ensure_ascii=False)
        buf = io.BytesIO()
        np.savez_compressed(
            buf,
            meta=np.frombuffer(meta.encode("utf-8"), dtype=np.uint8),
            text_hash=self._fp.text_hash,
            word_counts=self._fp.word_counts,
            sigs=self._fp.sigs,
            bands=self._fp.bands,
            shingles=self._fp.shingles,
            offsets=self._fp.offsets,
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LinkIndex:
        """An index saved by `to_bytes` (raises ValueError for another format version)."""
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode("utf-8"))
            if meta.get("version") != FORMAT_VERSION:
                raise ValueError(f"link index format {meta.get('version')} is not supported")
            records = meta["docs"]
            fp = Fingerprints(
                ids=tuple(r["id"] for r in records),
                text_hash=z["text_hash"],
                word_counts=z["word_counts"],
                sigs=z["sigs"],
                bands=z["bands"],
                shingles=z["shingles"],
                offsets=z["offsets"],
            )
        docs = [
            LinkDoc(
                id=r["id"],
                text=r["text"],
                language=r["language"],
                published=datetime.fromisoformat(r["published"]) if r["published"] else None,
                title=r["title"],
            )
            for r in records
        ]
        index = cls()
        index._append(docs, fp, [r["keys"] for r in records])
        return index
