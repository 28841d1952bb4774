"""``sources check [NAME]... [--json] [--limit N]`` and ``sources import FILE.opml``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from scheduler.commands import base
from scheduler.commands.output import dump_json, safe_text, table

if TYPE_CHECKING:  # Scrapy and the crawler load only when a check runs
    from crawler.config import SourceConfig
    from scheduler.config import LoadedConfig
    from scheduler.sourcecheck import SourceCheck

DEFAULT_LIMIT = 10  # article pages per source a check fetches


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (no cap) or more")
    return value


class Command(base.Command):
    name = "sources"
    help = "check the configured sources, or import feeds from an OPML file"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="sources_command", metavar="ACTION", required=True)
        check = actions.add_parser(
            "check", help="fetch each enabled source (or the named ones) once and store nothing",
            description="Fetch each enabled source (or the named ones) once, as a crawl would, "
                        "and store nothing. Exit status 1 when a source yields no article.")
        check.add_argument("names", nargs="*", metavar="NAME", help="only these sources")
        check.add_argument("--json", action="store_true", help="print JSON")
        check.add_argument("--limit", type=_limit, default=DEFAULT_LIMIT, metavar="N",
                           help=f"article pages fetched per source (default {DEFAULT_LIMIT}; "
                                "0: every entry, as a crawl would)")
        opml = actions.add_parser(
            "import", help="print a [[sources]] block per feed of an OPML file; writes nothing")
        opml.add_argument("file", metavar="FILE.opml", help="an OPML subscription list")

    def run(self, ctx: base.Context) -> int:
        if ctx.args.sources_command == "check":
            return run_check(ctx, ctx.args.names, as_json=ctx.args.json, limit=ctx.args.limit)
        return run_import(ctx, Path(ctx.args.file), stdout=sys.stdout)


def _stops(check: SourceCheck) -> str:
    return ", ".join(f"{kind} ×{n}" if n > 1 else kind for kind, n in sorted(check.stopped.items()))


def print_checks(checks: Sequence[SourceCheck], stdout: TextIO) -> None:
    rows = []
    for c in checks:
        articles = f"{c.articles} ({c.headline_only} headline only)" if c.headline_only else str(c.articles)
        listing = f"HTTP {c.status}" if c.status is not None else "no response"
        if c.error:
            listing += ", failed"
        rows.append([c.name, listing, c.entries, c.resolved, articles, c.on_topic, c.figures,
                     _stops(c), "ok" if c.ok else "NO ARTICLE"])
    table(["source", "listing", "entries", "resolved", "articles", "on topic", "figures",
           "stopped by", "result"], rows, stdout)
    errors = [f"{c.name}: {safe_text(c.error)}\n" for c in checks if c.error]
    if errors:
        stdout.write("\n" + "".join(errors))
    failed = [c.name for c in checks if not c.ok]
    if failed:
        stdout.write(f"\n{len(failed)} of {len(checks)} sources yielded no article: "
                     f"{', '.join(failed)}\n")
    else:
        stdout.write(f"\nall {len(checks)} sources yielded articles\n")


def _run_with_progress(cfg: LoadedConfig, sources: Sequence[SourceConfig],
                       limit: int) -> list[SourceCheck]:
    from rich.console import Console
    from rich.progress import Progress as Bar
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    from crawler.progress import Progress
    from scheduler.sourcecheck import check_sources

    with Bar(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
             console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"checking {len(sources)} sources", total=None)

        def update(p: Progress) -> None:
            bar.update(task, description=f"checking {len(sources)} sources: {p.responses} "
                                         f"responses, {p.items} articles, {p.dropped} without text")

        return check_sources(cfg, sources, limit=limit, progress=update)


def run_check(ctx: base.Context, names: Sequence[str], *, as_json: bool, limit: int) -> int:
    from scheduler.cycle import UnknownSource, choose_sources
    from scheduler.sourcecheck import check_sources

    cfg = ctx.config
    try:
        sources = choose_sources(cfg, names or None)
    except UnknownSource as exc:
        raise base.UsageError(str(exc)) from None
    if not sources:
        raise base.UsageError(f"no enabled source in {cfg.path}")
    if sys.stderr.isatty():
        checks = _run_with_progress(cfg, sources, limit)
    else:
        checks = check_sources(cfg, sources, limit=limit)
    if as_json:
        dump_json([c.to_dict() for c in checks], sys.stdout)
    else:
        print_checks(checks, sys.stdout)
    return 0 if all(c.ok for c in checks) else 1


def run_import(ctx: base.Context, path: Path, *, stdout: TextIO) -> int:
    from scheduler.opml import OpmlError, read_opml, toml_blocks

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise base.UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    cfg = ctx.config_if_any()
    sources = cfg.app.sources if cfg is not None else []
    try:
        result = read_opml(data, names=[s.name for s in sources], urls=[s.url_str for s in sources])
    except OpmlError as exc:
        raise base.CommandError(f"{path}: {exc}") from None
    for line in result.skipped:
        print(f"stationwatch: skipped {line}", file=sys.stderr)
    stdout.write(f"# {len(result.feeds)} feeds from {path.name}\n\n" + toml_blocks(result.feeds))
    return 0
