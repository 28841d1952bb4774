"""A small keep-alive load generator, to show the news web is not the bottleneck.

Run in its own process (``python -m bench.loadgen URLFILE --seconds S``) so
that client and server each get a core; prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent


async def _worker(urls: list[str], start: int, stop_at: float, out: dict[str, int]) -> None:
    first = urlsplit(urls[0])
    reader, writer = await asyncio.open_connection(first.hostname, first.port)
    i = start
    while time.perf_counter() < stop_at:
        u = urlsplit(urls[i % len(urls)])
        i += 1
        writer.write(f"GET {u.path} HTTP/1.1\r\nHost: {u.netloc}\r\nUser-Agent: loadgen\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await reader.readexactly(length)
        out["requests"] += 1
        out["bytes"] += length + len(head)
    writer.close()


async def _run(urls: list[str], seconds: float, connections: int) -> dict[str, float]:
    out = {"requests": 0, "bytes": 0}
    t0 = time.perf_counter()
    await asyncio.gather(*(_worker(urls, k * 97, t0 + seconds, out) for k in range(connections)))
    wall = time.perf_counter() - t0
    return {"requests": out["requests"], "bytes": out["bytes"], "seconds": wall,
            "req_per_s": out["requests"] / wall, "mb_per_s": out["bytes"] / wall / 1e6,
            "avg_kb": out["bytes"] / max(out["requests"], 1) / 1024, "connections": connections}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.loadgen")
    ap.add_argument("urlfile")
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--connections", type=int, default=8)
    args = ap.parse_args(argv)
    urls = [u for u in Path(args.urlfile).read_text().split() if u]
    print(json.dumps(asyncio.run(_run(urls, args.seconds, args.connections))), flush=True)


def measure(urls: list[str], workdir: Path, *, seconds: float = 3.0, connections: int = 8) -> dict[str, float]:
    """Hit ``urls`` (all on one host:port) from a child process; returns its JSON figures."""
    urlfile = workdir / "loadgen-urls.txt"
    urlfile.write_text("\n".join(urls))
    proc = subprocess.run([sys.executable, "-m", "bench.loadgen", str(urlfile), "--seconds", str(seconds),
                           "--connections", str(connections)], cwd=REPO, capture_output=True, text=True,
                          timeout=seconds + 60, check=True)
    figures: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


if __name__ == "__main__":
    main()
