"""Benchmark: duplicate lookup for a new article against a large store.

Builds a SQLite store under /tmp with the real schema and N stored articles
(N = 100,000 and 1,000,000 by default): N - PLANTED background articles with
random signatures and random band hashes (inserted in bulk, band rows in
index order), plus PLANTED articles made from generated text with real
fingerprints. Then, in a fresh child process (so its memory is not the
builder's), it looks up QUERIES new articles: half are near copies of planted
articles (a sentence dropped, one added, a credit line), half are new text.

Reported per size: the median and 95th percentile of ``match_story`` (canonical
URL, content hash, LSH bands and verification), the same inside a fresh
read session per lookup (as the pipeline does), the signature time, how many
near copies were found and how many new texts were wrongly matched, the
child's resident memory after the lookups, and the size of the database.

Run by hand: ``python -m bench.bench_dedupe [--sizes 100000 1000000] [--keep]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing as mp
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

WORKDIR = Path("/tmp/stationwatch-bench")
PLANTED = 1_000
QUERIES = 1_000
VOCAB = 20_000
SEED = 20221205
BATCH = 50_000


# -- text --------------------------------------------------------------------


def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(2, 10))) for _ in range(VOCAB)}
    ordered = sorted(words)
    rng.shuffle(ordered)
    weights = [1.0 / (rank + 1) for rank in range(len(ordered))]  # Zipf-like, as in prose
    return ordered, weights


def _sentence(rng: random.Random, vocab: tuple[list[str], list[float]]) -> str:
    words, weights = vocab
    return " ".join(rng.choices(words, weights, k=rng.randint(8, 24))).capitalize() + "."


def _article(rng: random.Random, vocab: tuple[list[str], list[float]]) -> list[str]:
    return [_sentence(rng, vocab) for _ in range(rng.randint(15, 45))]


def _near_copy(rng: random.Random, vocab: tuple[list[str], list[float]], sentences: list[str]) -> str:
    copy = list(sentences)
    del copy[rng.randrange(1, len(copy))]
    copy.insert(rng.randrange(len(copy)), _sentence(rng, vocab))
    copy.append("This story first appeared on another site and is republished with permission.")
    return " ".join(copy)


# -- building the store ----------------------------------------------------------


def _build(path: Path, size: int) -> dict[str, Any]:
    from crawler.analysis import fingerprints as fp
    from storage.engine import make_engine
    from storage.schema import ensure_schema

    if path.exists():
        path.unlink()
    engine = make_engine(f"sqlite:///{path}")
    ensure_schema(engine)
    engine.dispose()

    rng = random.Random(SEED)
    nrng = np.random.default_rng(SEED)
    vocab = _vocabulary(rng)
    background = size - PLANTED
    started = time.perf_counter()
    con = sqlite3.connect(path)
    con.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;"
        "PRAGMA foreign_keys=OFF;"
    )
    fetched = "2024-01-01 00:00:00.000000"
    article_sql = (
        "INSERT INTO article (id, canonical_url, url, fetched_at, content_hash, minhash,"
        " relevant, score, story_id) VALUES (?, ?, ?, ?, ?, ?, 1, 0.5, ?)"
    )
    for lo in range(1, background + 1, BATCH):
        hi = min(lo + BATCH, background + 1)
        sigs = nrng.integers(0, 2**32, size=(hi - lo, fp.NUM_PERM), dtype=np.uint32).astype("<u4")
        hashes = nrng.bytes(32 * (hi - lo))
        con.executemany(
            article_sql,
            (
                (i, f"https://bg.example/{i:09d}", f"https://bg.example/{i:09d}", fetched,
                 hashes[(i - lo) * 32 : (i - lo + 1) * 32].hex(), sigs[i - lo].tobytes(), None)
                for i in range(lo, hi)
            ),
        )
        con.commit()
    ids = np.arange(1, background + 1, dtype=np.int64)
    for band in range(fp.BANDS):  # random band hashes, inserted in primary-key order
        values = nrng.integers(-(2**63), 2**63 - 1, size=background, dtype=np.int64)
        order = np.argsort(values, kind="stable")
        con.executemany(
            "INSERT INTO minhash_band (band, hash, article_id) VALUES (?, ?, ?)",
            ((band, int(values[j]), int(ids[j])) for j in order),
        )
        con.commit()
    planted: list[list[str]] = []
    for k in range(PLANTED):
        art_id = background + 1 + k
        sentences = _article(rng, vocab)
        planted.append(sentences)
        text = " ".join(sentences)
        sig = fp.signature(text)
        con.execute(
            "INSERT INTO story (id, title, url, first_seen, relevant, score) VALUES (?, ?, ?, ?, 1, 0.5)",
            (k + 1, f"Planted {k}", f"https://planted.example/{k}", fetched),
        )
        con.execute(article_sql, (art_id, f"https://planted.example/{k}", f"https://planted.example/{k}",
                                  fetched, fp.content_hash(text), sig, k + 1))
        con.executemany(
            "INSERT INTO minhash_band (band, hash, article_id) VALUES (?, ?, ?)",
            [(b, h, art_id) for b, h in enumerate(fp.band_hashes(sig))],
        )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    build_s = time.perf_counter() - started
    queries: list[tuple[str, str, int | None]] = []
    for q in range(QUERIES):
        if q % 2 == 0:
            k = rng.randrange(PLANTED)
            queries.append((f"https://copy.example/{q}", _near_copy(rng, vocab, planted[k]), k + 1))
        else:
            queries.append((f"https://fresh.example/{q}", " ".join(_article(rng, vocab)), None))
    return {"build_s": round(build_s, 1), "queries": queries}


# -- looking up (in a child process) ---------------------------------------------


def _rss_mb() -> float:
    import psutil

    rss: int = psutil.Process().memory_info().rss
    return rss / 2**20


def _lookups(path: str, queries: list[tuple[str, str, int | None]]) -> dict[str, Any]:
    from crawler.analysis import fingerprints as fp
    from storage.dedupe import match_story
    from storage.engine import make_engine, read_session

    engine = make_engine(f"sqlite:///{path}")
    prints = []
    sig_times = []
    for url, text, expected in queries:
        t0 = time.perf_counter()
        sig = fp.signature(text)
        sig_times.append(time.perf_counter() - t0)
        prints.append((url, fp.content_hash(text), sig, fp.band_hashes(sig), expected))
    with read_session(engine) as session:  # warm the connection, not the data
        match_story(session, canonical_url="https://warm.example/", content_hash="0" * 64,
                    signature=None, bands=[])
    rss_start = _rss_mb()
    bare, in_session = [], []
    found = missed = false_matches = 0
    with read_session(engine) as session:
        for url, chash, sig, bands, expected in prints:
            t0 = time.perf_counter()
            got = match_story(session, canonical_url=url, content_hash=chash, signature=sig, bands=bands)
            bare.append(time.perf_counter() - t0)
            if expected is None:
                false_matches += got.kind != "new"
            elif got.kind == "near" and got.story_id == expected:
                found += 1
            else:
                missed += 1
    for url, chash, sig, bands, _ in prints:
        t0 = time.perf_counter()
        with read_session(engine) as session:
            match_story(session, canonical_url=url, content_hash=chash, signature=sig, bands=bands)
        in_session.append(time.perf_counter() - t0)
    engine.dispose()

    def ms(values: list[float], q: float = 0.5) -> float:
        return round(float(np.quantile(values, q)) * 1000, 3)

    return {
        "lookup_median_ms": ms(bare),
        "lookup_p95_ms": ms(bare, 0.95),
        "lookup_in_session_median_ms": ms(in_session),
        "signature_median_ms": round(statistics.median(sig_times) * 1000, 3),
        "near_found": found,
        "near_missed": missed,
        "false_matches": false_matches,
        "rss_mb_start": round(rss_start, 1),
        "rss_mb_end": round(_rss_mb(), 1),
    }


def _child(path: str, queries: list[tuple[str, str, int | None]], out: Any) -> None:
    out.put(_lookups(path, queries))


def bench_size(size: int, *, keep: bool = False) -> dict[str, Any]:
    WORKDIR.mkdir(parents=True, exist_ok=True)
    path = WORKDIR / f"dedupe-{size}.db"
    built = _build(path, size)
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    proc = ctx.Process(target=_child, args=(str(path), built["queries"], out))
    proc.start()
    result: dict[str, Any] = out.get()
    proc.join()
    result.update(size=size, build_s=built["build_s"], db_mb=round(path.stat().st_size / 2**20))
    if not keep:
        path.unlink()
    return result


def signature_speed(words: int = 1_000, rounds: int = 200) -> dict[str, float]:
    """Median time to sign one article of ``words`` words: ours (numpy) and datasketch's MinHash."""
    from datasketch import MinHash

    from crawler.analysis import fingerprints as fp

    rng = random.Random(SEED)
    vocab = _vocabulary(rng)
    text = " ".join(rng.choices(vocab[0], vocab[1], k=words))

    def ours() -> None:
        fp.signature(text)

    def datasketch() -> None:
        tokens = fp.tokens(text)
        shingles = {" ".join(tokens[i : i + fp.SHINGLE]).encode() for i in range(len(tokens) - 2)}
        MinHash(num_perm=fp.NUM_PERM).update_batch(list(shingles))

    out = {}
    for name, fn in (("numpy_ms", ours), ("datasketch_ms", datasketch)):
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        out[name] = round(statistics.median(times) * 1000, 3)
    return out


def run(sizes: tuple[int, ...] = (100_000, 1_000_000), *, keep: bool = False) -> dict[str, Any]:
    """Build and measure each size; returns {size: figures, "signature_1000_words": ...}."""
    if max(sizes) > 200_000 and shutil.disk_usage("/tmp").free < 4 * 2**30:
        raise RuntimeError("the 1,000,000-article store needs about 2 GB free under /tmp")
    result: dict[str, Any] = {"signature_1000_words": signature_speed()}
    result.update({str(size): bench_size(size, keep=keep) for size in sizes})
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_dedupe", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--keep", action="store_true", help="keep the databases under /tmp")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    json.dump(run(tuple(args.sizes), keep=args.keep), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
