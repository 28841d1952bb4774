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


# Bidi embeddings, overrides and isolates, and the marks that steer them: removed,
# so a title cannot reverse the text after it (a "txt.exe" that reads "exe.txt").
_BIDI = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                 "\u2066\u2067\u2068\u2069"))
_JOINERS = "\u200c\u200d"  # needed by Persian, Indic scripts and emoji


def safe_text(value: object) -> str:
    """Text for a terminal: bidi controls removed; other control characters (escape
    sequences, bells, line breaks) shown as U+FFFD, never obeyed."""
    text = "" if value is None else str(value).translate(_BIDI)
    return "".join(ch if ch.isprintable() or ch == " " or ch in _JOINERS else "\ufffd" for ch in text)


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
