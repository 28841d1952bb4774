"""Types the shared fixtures hand to tests."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


class MakeConfig(Protocol):
    """The ``make_config`` fixture: writes a config file (with the loopback test defaults)."""

    def __call__(self, body: str, name: str = "config.toml") -> Path: ...
