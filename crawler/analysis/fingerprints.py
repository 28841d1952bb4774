"""Text fingerprints for dedupe: an exact content hash and a MinHash signature.

Pure functions, no I/O.

- ``content_hash``: SHA-256 of the text normalised (NFKC, case-folded,
  whitespace collapsed), so re-encoded or re-spaced copies hash the same.
- ``signature``: a MinHash signature of the text's shingles, ``NUM_PERM``
  unsigned 32-bit minima, little-endian (``NUM_PERM * 4`` bytes). Shingles
  are ``SHINGLE`` consecutive tokens, where a token is a word, or a single
  character in scripts written without spaces (Chinese, Japanese kana), so
  CJK text gets character shingles and Korean (spaced) gets word shingles.
  Text without any token gets the empty signature ``b""``, which has no
  bands and is similar to nothing.
- ``band_hashes``: LSH bands of ``ROWS`` minima each, ``BANDS`` of them, each
  hashed to a signed 64-bit int (fits a BIGINT column). With 16 bands of 8
  rows, two texts share at least one band with probability 1-(1-J^8)^16:
  about 0.5 at Jaccard 0.71, 0.92 at 0.8, 0.996 at 0.9 and 0.02 at 0.5, so
  the candidate threshold is about 0.7; ``similarity`` then verifies a
  candidate on the whole signature.

Why not datasketch's ``MinHash``: it hashes each shingle with SHA-1 in a
Python loop and permutes modulo a Mersenne prime; this module hashes each
distinct word once (CRC-32), builds shingle hashes and applies all
permutations as one vectorised multiply-shift in numpy, which is several
times faster on a 1,000-word article (see bench/bench_dedupe.py). The
signature format is this module's own; signatures from datasketch are not
comparable with it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib

import numpy as np

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 3
SIGNATURE_BYTES = NUM_PERM * 4

_NO_SPACE_SCRIPTS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_TOKEN = re.compile(f"[{_NO_SPACE_SCRIPTS}]|[^\\W{_NO_SPACE_SCRIPTS}]+")
_SPACE = re.compile(r"\s+")

_rng = np.random.default_rng(0x5EED_57A7)
# Multiply-shift hash family: h(x) = ((a*x + b) mod 2**64) >> 32, a odd.
_PERM_A = (_rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_PERM_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64) << np.uint64(1)
_PERM_A.setflags(write=False)
_PERM_B.setflags(write=False)
# Odd multipliers that mix the tokens of one shingle into one 64-bit value.
_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93],
    dtype=np.uint64,
)[:SHINGLE]
_MIX.setflags(write=False)


def normalise(text: str) -> str:
    """NFKC, case-folded, runs of whitespace as one space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_hash(text: str) -> str:
    """Hex SHA-256 of the normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def tokens(text: str) -> list[str]:
    """Words, and single characters of scripts written without spaces, of the normalised text."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def _token_ids(words: list[str]) -> np.ndarray:
    ids: dict[str, int] = {}
    return np.array(
        [ids[w] if w in ids else ids.setdefault(w, zlib.crc32(w.encode("utf-8"))) for w in words],
        dtype=np.uint64,
    )


def _splitmix(x: np.ndarray) -> np.ndarray:
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    mixed: np.ndarray = x ^ (x >> np.uint64(31))
    return mixed


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 64-bit hashes of the text's shingles (empty when it has no token)."""
    ids = _token_ids(tokens(text))
    if ids.size == 0:
        return ids
    k = min(SHINGLE, ids.size)
    n = ids.size - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc += ids[j : j + n] * _MIX[j]
        unique: np.ndarray = np.unique(_splitmix(acc + np.uint64(k)))
        return unique


def signature(text: str) -> bytes:
    """MinHash signature of the text (``SIGNATURE_BYTES`` bytes, or ``b""`` for no tokens)."""
    shingles = shingle_hashes(text)
    if shingles.size == 0:
        return b""
    with np.errstate(over="ignore"):
        permuted = np.multiply.outer(_PERM_A, shingles)
        permuted += _PERM_B[:, None]
    # x >> 32 is monotonic, so the minimum can be taken before the shift
    packed: bytes = (permuted.min(axis=1) >> np.uint64(32)).astype("<u4").tobytes()
    return packed


def _values(sig: bytes) -> np.ndarray:
    if len(sig) != SIGNATURE_BYTES:
        raise ValueError(f"not a signature: {len(sig)} bytes, expected {SIGNATURE_BYTES}")
    return np.frombuffer(sig, dtype="<u4")


def band_hashes(sig: bytes) -> list[int]:
    """One signed 64-bit hash per LSH band (``BANDS`` of them; none for ``b""``)."""
    if not sig:
        return []
    _values(sig)
    width = ROWS * 4
    return [
        int.from_bytes(
            hashlib.blake2b(sig[i * width : (i + 1) * width], digest_size=8).digest(),
            "little",
            signed=True,
        )
        for i in range(BANDS)
    ]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets (0.0 when either is empty)."""
    if not a or not b:
        return 0.0
    return float(np.count_nonzero(_values(a) == _values(b))) / NUM_PERM


def jaccard(text_a: str, text_b: str) -> float:
    """Exact Jaccard similarity of the shingle sets (for tests and tuning)."""
    a, b = shingle_hashes(text_a), shingle_hashes(text_b)
    if a.size == 0 or b.size == 0:
        return 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)
