"""Near-duplicate articles: MinHash signatures of word 5-gram shingles, in an LSH index.

Exact duplicates are the caller's (equal ``sha256``); this finds the same story
re-published with small edits (another headline, a trailing paragraph, a
different byline). Signatures are bytes, so a store can keep them and rebuild
the index at start-up without re-reading any text. They are datasketch's
``affine32`` scheme (uint32 little-endian, 4 bytes per permutation): keep
``num_perm`` and the scheme unchanged for stored signatures to stay comparable.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

from dossier.ingest.normalize import normalize_text

SCHEME = "affine32"
_DTYPE = np.dtype("<u4")
_WORD = re.compile(r"\w+")


class NearDuplicateIndex:
    """Articles by MinHash; :meth:`find` returns the first-added article a text near-duplicates."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle_words: int = 5) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._permutations = MinHash(num_perm=num_perm, scheme=SCHEME).permutations
        self._order: dict[str, int] = {}
        self._hashes: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._order

    def shingles(self, text: str) -> set[bytes]:
        """Word n-grams of the lower-cased normalised text (the whole text when shorter)."""
        words = _WORD.findall(normalize_text(text).lower())
        size = min(self.shingle_words, len(words))
        return (
            {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}
            if words
            else set()
        )

    def signature(self, text: str) -> bytes:
        return self._minhash(text).hashvalues.astype(_DTYPE).tobytes()

    def add(self, article_id: str, text: str) -> bytes:
        """Index ``text`` under ``article_id``; returns its signature for the store."""
        signature = self.signature(text)
        self.add_signature(article_id, signature)
        return signature

    def add_signature(self, article_id: str, signature: bytes) -> None:
        """Index a stored signature. Adding an id twice, or an empty text's signature, does nothing."""
        minhash = self._from_bytes(signature)
        if article_id in self._order or minhash.is_empty():
            return
        self._lsh.insert(article_id, minhash)
        self._order[article_id] = len(self._order)
        self._hashes[article_id] = minhash

    def find(self, text: str) -> str | None:
        """The earliest-added indexed article whose estimated Jaccard similarity reaches the threshold."""
        return self.find_signature(self.signature(text))

    def find_signature(self, signature: bytes) -> str | None:
        minhash = self._from_bytes(signature)
        if minhash.is_empty():
            return None
        matches = [
            article_id
            for article_id in self._lsh.query(minhash)
            if self._hashes[article_id].jaccard(minhash) >= self.threshold
        ]
        return min(matches, key=self._order.__getitem__, default=None)

    def _minhash(self, text: str) -> MinHash:
        minhash = MinHash(num_perm=self.num_perm, permutations=self._permutations, scheme=SCHEME)
        minhash.update_batch(sorted(self.shingles(text)))
        return minhash

    def _from_bytes(self, signature: bytes) -> MinHash:
        values = np.frombuffer(signature, dtype=_DTYPE)
        if len(values) != self.num_perm:
            raise ValueError(f"signature has {len(values)} values, the index uses {self.num_perm}")
        return MinHash(
            hashvalues=values.astype(np.uint64), permutations=self._permutations, scheme=SCHEME
        )
