"""What every command module provides, and what it is given to run.

A command is one module in ``scheduler/commands/`` holding a ``Command`` class
(Scrapy's ``commands/`` shape): its name and help, the options it adds to its
own sub-parser, and ``run``. Modules import only light things at the top; what
a command needs to do its work (Scrapy, trafilatura, the analysis models) is
imported inside ``run``, so ``stationwatch status`` never pays for a crawl.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from scheduler.config import LoadedConfig, config_path, load_config

if TYPE_CHECKING:
    import sqlalchemy as sa


class CommandError(Exception):
    """A command failed in a way the user can act on: one line on stderr, exit status 1."""


class UsageError(Exception):
    """The command line asks for something impossible: one line on stderr, exit status 2."""


@dataclass
class Context:
    """The parsed command line, with the config and the store loaded on first use."""

    args: argparse.Namespace
    _engines: list[sa.Engine] = field(default_factory=list)

    @property
    def config_file(self) -> Path:
        return config_path(self.args.config)

    @cached_property
    def config(self) -> LoadedConfig:
        """The validated config; a ``ConfigError`` (exit 2) when it is missing or wrong."""
        cfg = load_config(self.config_file)
        from scheduler.logs import redact_secrets

        redact_secrets(cfg.app)
        return cfg

    def config_if_any(self) -> LoadedConfig | None:
        """The config when one was named or ``./config.toml`` exists; else None."""
        if self.args.config or self.config_file.exists():
            return self.config
        return None

    def engine(self) -> sa.Engine:
        """The store, its schema created or upgraded when needed."""
        from storage.engine import make_engine
        from storage.schema import ensure_schema

        engine = make_engine(self.config.database_url)
        self._engines.append(engine)
        ensure_schema(engine)
        return engine

    def close(self) -> None:
        for engine in self._engines:
            engine.dispose()
        self._engines.clear()


class Command:
    """Base of every command: override ``name``, ``help``, ``add_options`` and ``run``."""

    name: ClassVar[str]
    help: ClassVar[str]

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """Add this command's own options and arguments to its sub-parser."""

    def run(self, ctx: Context) -> int:
        """Do the work; return the exit status."""
        raise NotImplementedError


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
