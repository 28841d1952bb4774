"""``stationwatch evidence export [--place CC] [--since DATE] OUT.zip``: the evidence bundle.

The zip holds ``manifest.json`` (every chosen claim with its sentence, story,
URLs, fetch times and, when its response was archived, the record's place and
the SHA-256 of the response body) and, under ``warc/``, the WARC files
holding those responses, as written (each with its own SHA-256 in the
manifest). Each archived response is read back and its hash checked before it
goes in; a missing or altered one is reported in the manifest and on stderr,
and the command exits 1. The zip is written beside OUT and renamed into place,
so a failed export leaves no half-written bundle.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import zipfile
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scheduler.commands import base
from scheduler.commands.output import iso, safe_text

MANIFEST_VERSION = 1


def _place(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a two-letter country code (e.g. IT)")
    return text.upper()


def _since(text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD) or ISO time") from None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


class Command(base.Command):
    name = "evidence"
    help = "export the archived evidence of the figures"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)
        export = actions.add_parser("export", help="write a zip: manifest.json and the WARC files of the claims")
        export.add_argument("--place", type=_place, metavar="CC", help="only claims about this country")
        export.add_argument("--since", type=_since, metavar="DATE", help="only claims first seen on or after DATE")
        export.add_argument("out", metavar="OUT.zip", type=Path, help="the bundle to write")

    def run(self, ctx: base.Context) -> int:
        args = ctx.args
        if args.out.suffix.lower() != ".zip":
            raise base.UsageError(f"{args.out}: the bundle's name must end in .zip")
        if args.out.is_dir():
            raise base.UsageError(f"{args.out} is a folder; name the .zip file to write")
        try:
            return run_export(ctx.engine(), ctx.config.evidence_dir, args.out, place=args.place,
                              since=args.since, stderr=sys.stderr, stdout=sys.stdout)
        except OSError as exc:
            raise base.CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from exc


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check(folder: Path, record: Any) -> str | None:
    """None when the archived response is there and its body hashes as recorded; else why not."""
    from storage.evidence.warc import read_response

    path = folder / record.warc_file
    if not path.is_file():
        return f"WARC file {record.warc_file} is missing from {folder}"
    try:
        response = read_response(path, record.offset)
    except (OSError, ValueError) as exc:
        return f"cannot read the record at {record.warc_file}:{record.offset}: {exc}"
    if hashlib.sha256(response.body).hexdigest() != record.sha256:
        return f"the record at {record.warc_file}:{record.offset} does not match its SHA-256"
    return None


def _claim_entry(row: Any) -> dict[str, Any]:
    from storage.stories import claim_fields

    claim, story, article = row.claim, row.story, row.article
    return {
        "id": claim.id,
        **claim_fields(claim),
        "evidence": claim.evidence,
        "first_seen": iso(claim.first_seen),
        "published": iso(claim.published),
        "story": {"id": story.id, "title": story.title, "url": story.url},
        "article": {"url": article.url, "canonical_url": article.canonical_url, "outlet": article.outlet,
                    "fetched_at": iso(article.fetched_at)},
        "response": None,
    }


def run_export(engine: Any, folder: Path, out: Path, *, place: str | None, since: datetime | None,
               stdout: Any, stderr: Any) -> int:
    from storage.engine import read_session
    from storage.evidence.records import claims_with_evidence

    with read_session(engine) as session:
        rows = claims_with_evidence(session, place=place, since=since)
        session.expunge_all()
    claims: list[dict[str, Any]] = []
    files: dict[str, Path] = {}
    problems: list[str] = []
    checked: dict[int, str | None] = {}
    with _progress(stderr, f"checking the archived responses of {len(rows)} claims"):
        _collect(rows, folder, claims, files, problems, checked)
    manifest = {
        "stationwatch_evidence": MANIFEST_VERSION,
        "created": datetime.now(UTC).isoformat(),
        "filters": {"place": place, "since": iso(since)},
        "claims": claims,
        "warc_files": [{"name": f"warc/{name}", "sha256": _file_sha256(path), "bytes": path.stat().st_size}
                       for name, path in sorted(files.items())],
    }
    with _progress(stderr, f"writing {out}"):
        _write_zip(out, manifest, files)
    archived = sum(1 for c in claims if c["response"] and "problem" not in c["response"])
    stdout.write(safe_text(f"{out}: {len(claims)} claim{'s' if len(claims) != 1 else ''}, {archived} with "
                           f"archived responses in {len(files)} WARC file{'s' if len(files) != 1 else ''}")
                 + "\n")
    for problem in dict.fromkeys(problems):
        stderr.write(safe_text(f"stationwatch: {problem}") + "\n")
    return 1 if problems else 0


def _collect(rows: list[Any], folder: Path, claims: list[dict[str, Any]], files: dict[str, Path],
             problems: list[str], checked: dict[int, str | None]) -> None:
    for row in rows:
        entry = _claim_entry(row)
        record = row.record
        if record is not None:
            if record.id not in checked:
                checked[record.id] = _check(folder, record)
            problem = checked[record.id]
            entry["response"] = {
                "url": record.url, "status": record.status, "fetched_at": iso(record.fetched_at),
                "sha256": record.sha256, "warc_file": f"warc/{record.warc_file}", "offset": record.offset,
                "length": record.length, "record_id": record.record_id,
            }
            if problem is None:
                files[record.warc_file] = folder / record.warc_file
            else:
                entry["response"]["problem"] = problem
                problems.append(problem)
        claims.append(entry)


def _progress(stderr: Any, text: str) -> AbstractContextManager[Any]:
    """A spinner on a terminal; nothing otherwise."""
    if hasattr(stderr, "isatty") and stderr.isatty():
        from rich.console import Console

        return Console(file=stderr).status(text)
    return nullcontext()


def _write_zip(out: Path, manifest: dict[str, Any], files: dict[str, Path]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        with zipfile.ZipFile(partial, "w") as bundle:
            bundle.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2),
                            compress_type=zipfile.ZIP_DEFLATED)
            for name, path in sorted(files.items()):
                bundle.write(path, f"warc/{name}", compress_type=zipfile.ZIP_STORED)  # gzip already
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
