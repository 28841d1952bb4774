"""The registry of commands: one module per command, listed here in the order ``--help`` shows.

To add a command, write ``scheduler/commands/<module>.py`` with a ``Command`` class
(see ``base.py``) and add its module name below.
"""

from __future__ import annotations

import importlib

from scheduler.commands.base import Command

MODULES: tuple[str, ...] = (
    "init",
    "crawl",
    "run",
    "extract",
    "counts",
    "coverage",
    "status",
    "alerts",
    "sources",
    "evidence",
    "serve",
)


def load_commands() -> dict[str, Command]:
    """Every registered command, by name, in the registry's order."""
    commands: dict[str, Command] = {}
    for module_name in MODULES:
        module = importlib.import_module(f"scheduler.commands.{module_name}")
        command: Command = module.Command()
        commands[command.name] = command
    return commands
