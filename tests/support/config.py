"""Config files for tests: what a loopback crawl needs, the sources, then the test's own tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class MakeConfig(Protocol):
    """The ``make_config`` fixture: writes a config file (with the loopback test defaults)."""

    def __call__(self, body: str, name: str = "config.toml") -> Path: ...


@dataclass
class Source:
    """One ``[[sources]]`` entry; the optional keys are written only when set."""

    name: str
    url: str
    kind: str = "feed"
    follow_links: bool = True
    lang: str | None = None
    interval: str | None = None  # "1s", "1h"...
    link_selector: str | None = None
    link_pattern: str | None = None

    def toml(self) -> str:
        optional = {"lang": self.lang, "interval": self.interval,
                    "link_selector": self.link_selector, "link_pattern": self.link_pattern}
        return (f'[[sources]]\nname = "{self.name}"\nkind = "{self.kind}"\nurl = "{self.url}"\n'
                f"follow_links = {_toml(self.follow_links)}\n"
                + "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n"
                          for key, value in optional.items() if value is not None))


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
