"""``stationwatch extract``: relevance and facility-count claims of documents.

One document (plain text, or HTML with ``--html``) from a path or stdin, printed for a
person or as JSON; or ``--jsonl`` batch mode for archives: one JSON object per input
line ({"text"|"html", "id"?, "lang"?}), one result per output line in input order, a
bad line answered with {"id", "error"} while the rest go on. The analysis models load
once per process, so thousands of documents cost one start-up.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from scheduler.commands import base
from scheduler.commands.output import dump_json, safe_text

if TYPE_CHECKING:  # the analysis models load only when a document is read
    from crawler.analysis.types import Analysis

log = logging.getLogger(__name__)


class Command(base.Command):
    name = "extract"
    help = "analyse one document and print its relevance and claims"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("path", nargs="?", default=None, metavar="PATH|-")
        parser.add_argument("--html", action="store_true", help="the input is HTML")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--jsonl", action="store_true", help="batch mode: one JSON object per line")

    def run(self, ctx: base.Context) -> int:
        # extract needs no store; the config (for topic keywords) is optional
        cfg = ctx.config_if_any()
        args = ctx.args
        return run_extract(
            args.path, html=args.html, as_json=args.json, jsonl=args.jsonl,
            keywords=cfg.app.topic.keywords if cfg else None,
            stdin=sys.stdin, stdout=sys.stdout,
        )

_QUALIFIER_WORDS = {
    "exact": "", "at_least": "at least ", "more_than": "more than ", "about": "about ",
    "up_to": "up to ",
}


class ExtractInputError(Exception):
    """The input could not be read (missing file, unreadable stdin)."""


def run_extract(
    path: str | None,
    *,
    html: bool,
    as_json: bool,
    jsonl: bool,
    keywords: Mapping[str, Sequence[str]] | None,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO | None = None,
) -> int:
    """Run the command; returns the exit status (0 ok, 1 unreadable input)."""
    from crawler.analysis.document import analyse, analyse_html

    err = stderr if stderr is not None else sys.stderr
    try:
        if jsonl:
            with _open_text(path, stdin) as lines:
                run_batch(lines, stdout, keywords=keywords)
            return 0
        data = _read(path, stdin)
    except ExtractInputError as exc:
        err.write(f"stationwatch: {exc}\n")
        return 1
    if html:
        result = analyse_html(data, keywords=keywords)
    else:
        result = analyse(_plain_text(data, path), keywords=keywords)
    if as_json:
        dump_json(result.to_dict(), stdout)
    else:
        print_human(result, stdout)
    return 0


def run_batch(lines: Iterable[str], stdout: TextIO, *,
              keywords: Mapping[str, Sequence[str]] | None = None) -> tuple[int, int]:
    """Analyse each JSON line; returns (documents analysed, lines refused)."""
    done = refused = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        doc_id: Any = None
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("a line must be a JSON object")
            doc_id = obj.get("id")
            out = _analyse_object(obj, keywords).to_dict()
            out = {"id": doc_id, **out}
            done += 1
        except (ValueError, TypeError) as exc:  # JSONDecodeError is a ValueError
            log.debug("jsonl line %d refused: %s", number, exc)
            out = {"id": doc_id, "error": f"line {number}: {exc}"}
            refused += 1
        except RecursionError:  # the json module's answer to "[[[[..." thousands deep
            log.debug("jsonl line %d refused: nested too deeply", number)
            out = {"id": doc_id, "error": f"line {number}: JSON nested too deeply"}
            refused += 1
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return done, refused


def _analyse_object(obj: dict[str, Any], keywords: Mapping[str, Sequence[str]] | None) -> Analysis:
    from crawler.analysis.document import analyse, analyse_html

    lang = obj.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise ValueError('"lang" must be a string')
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str):
        return analyse(text, lang_hint=lang, keywords=keywords)
    if isinstance(html, str):
        return analyse_html(html, lang_hint=lang, keywords=keywords)
    raise ValueError('needs "text" or "html" as a string')


def print_human(result: Analysis, stdout: TextIO) -> None:
    verdict = "yes" if result.relevant else "no"
    stdout.write(f"relevant: {verdict} (score {result.score:.2f})\n")
    stdout.write(f"language: {result.lang or 'unknown'}\n")
    if not result.claims:
        stdout.write("claims: none\n")
        return
    stdout.write(f"claims: {len(result.claims)}\n")
    for c in result.claims:
        where = f"in {c.city}, {c.place}" if c.city else (f"in {c.place}" if c.place else "worldwide")
        parts = [f"{_QUALIFIER_WORDS.get(c.qualifier, '')}{c.count}"]
        if c.added:
            parts.append("added")
        parts.append(where)
        if c.countries is not None:
            parts.append(f"across {c.countries} countries")
        if c.cities is not None:
            parts.append(f"in {c.cities} cities")
        stdout.write(f"  - {' '.join(parts)}\n")
        stdout.write(f"    evidence: {safe_text(c.evidence)}\n")


def _plain_text(data: str | bytes, path: str | None) -> str:
    """A plain-text document's text: bytes are decoded as a page without a declared charset
    is (a byte order mark, else UTF-8 when valid, else a guess: an archive saved as EUC-KR,
    Shift_JIS, GB18030 or UTF-16 is read, not turned into U+FFFD)."""
    if isinstance(data, str):
        return data
    from crawler.safety.encodings import decode

    text, choice = decode(data, url=path if path not in (None, "-") else "stdin")
    if choice.source not in ("bom", "utf-8"):
        log.info("%s: not UTF-8; read as %s (%s)", path or "stdin", choice.encoding, choice.source)
    return text


def _read(path: str | None, stdin: TextIO) -> str | bytes:
    """The document's bytes (its text when stdin offers no bytes): HTML and plain text
    alike are decoded by what reads them."""
    if path in (None, "-"):
        try:
            buf = getattr(stdin, "buffer", None)
            if buf is not None:
                return bytes(buf.read())
            return stdin.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise ExtractInputError(f"cannot read stdin: {exc}") from exc
    try:
        with open(path, "rb") as fh:  # noqa: PTH123 — a plain path from the command line
            return fh.read()
    except OSError as exc:
        raise ExtractInputError(f"cannot read {path}: {exc.strerror or exc}") from exc


class _open_text:
    """Context manager over the lines of PATH (or stdin for None / "-")."""

    def __init__(self, path: str | None, stdin: TextIO) -> None:
        self.path, self.stdin = path, stdin
        self.fh: TextIO | None = None

    def __enter__(self) -> Iterable[str]:
        if self.path is None or self.path == "-":
            return self.stdin
        try:
            fh = open(self.path, encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError as exc:
            raise ExtractInputError(f"cannot read {self.path}: {exc.strerror or exc}") from exc
        self.fh = fh
        return fh

    def __exit__(self, *exc: object) -> None:
        if self.fh is not None:
            self.fh.close()
