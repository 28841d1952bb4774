from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.config import MakeConfig
from tests.support.web import LoopbackWeb


@pytest.fixture
def web() -> Iterator[LoopbackWeb]:
    server = LoopbackWeb().start()
    try:
        yield server
    finally:
        server.stop()


def write_config(tmp_path: Path, body: str, name: str = "config.toml") -> Path:
    """A config file with the test defaults a loopback crawl needs, plus ``body``."""
    path = tmp_path / name
    head = (
        '[storage]\nurl = "sqlite:///store.db"\n\n'
        "[crawl]\nallow_private_networks = true\nobey_robots_txt = false\n"
        'timeout = "10s"\n\n'
    )
    path.write_text(head + body, encoding="utf-8")
    return path


@pytest.fixture
def make_config(tmp_path: Path) -> MakeConfig:
    def _make(body: str, name: str = "config.toml") -> Path:
        return write_config(tmp_path, body, name)

    return _make
