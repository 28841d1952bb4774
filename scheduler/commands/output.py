"""Shared output helpers: ISO times, JSON, plain tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TextIO


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def dump_json(data: Any, stdout: TextIO) -> None:
    json.dump(data, stdout, ensure_ascii=False, indent=2)
    stdout.write("\n")


def safe_text(value: object) -> str:
    """Text for a terminal: control characters (escape sequences) shown, not obeyed."""
    text = "" if value is None else str(value)
    return "".join(ch if ch.isprintable() or ch == " " else "\ufffd" for ch in text)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], stdout: TextIO) -> None:
    cells = [[safe_text(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    line = "  ".join(h.ljust(widths[i]) for i, h in enumerate(headers))
    stdout.write(line.rstrip() + "\n")
    for row in cells:
        stdout.write("  ".join(c.ljust(widths[i]) for i, c in enumerate(row)).rstrip() + "\n")
