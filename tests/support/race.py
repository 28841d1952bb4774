"""Run one callable from several threads released at the same instant (a race, on purpose)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def race(n: int, call: Callable[[], T], *, timeout: float = 30) -> list[T]:
    """``call()`` in ``n`` threads that start together; their results, in finishing order."""
    results: list[T] = []
    lock = threading.Lock()
    start = threading.Barrier(n)

    def run() -> None:
        start.wait()
        value = call()
        with lock:
            results.append(value)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    return results
