"""Config files for tests: what a loopback crawl needs, the sources, then the test's own tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class MakeConfig(Protocol):
    """The ``make_config`` fixture: writes a config file (with the loopback test defaults)."""

    def __call__(self, body: str, name: str = "config.toml") -> Path: ...


@dataclass
class Source:
    name: str
    url: str
    kind: str = "feed"
    follow_links: bool = True

    def toml(self) -> str:
        return (f'[[sources]]\nname = "{self.name}"\nkind = "{self.kind}"\nurl = "{self.url}"\n'
                f"follow_links = {_toml(self.follow_links)}\n")


def write_config(path: Path, body: str = "", *, sources: Sequence[Source] = (), db: str = "store.db",
                 timeout: str = "10s", allow_private: bool = True, **crawl: int) -> Path:
    """``[storage]`` on ``db`` beside the file, ``[crawl]`` for loopback (private addresses
    allowed, no robots.txt, ``timeout``, any other ``crawl`` keys), ``sources``, then ``body``."""
    lines = [
        f'[storage]\nurl = "sqlite:///{db}"\n',
        "[crawl]",
        f"allow_private_networks = {_toml(allow_private)}",
        "obey_robots_txt = false",
        f'timeout = "{timeout}"',
        *(f"{key} = {value}" for key, value in crawl.items()),
        "",
        *(source.toml() for source in sources),
    ]
    path.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
    return path


def _toml(flag: bool) -> str:
    return "true" if flag else "false"
