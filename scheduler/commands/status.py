"""``stationwatch status [--json]``."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

import sqlalchemy as sa

from crawler.safety.redact import redact
from scheduler.commands import base
from scheduler.commands.output import dump_json, iso, table
from scheduler.config import LoadedConfig
from storage.engine import read_session
from storage.stats import DAEMON_LAST_CYCLE, get_meta, source_state_rows, totals, worker_rows


def capped_note(capped: object) -> str:
    """" (capped: kept the newest 500 of 10000 entries)" for a capped listing, else ""."""
    if not isinstance(capped, dict):
        return ""
    return f" (capped: kept the newest {capped['kept']} of {capped['found']} entries)"


class Command(base.Command):
    name = "status"
    help = "sources, totals and pending deliveries"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")

    def run(self, ctx: base.Context) -> int:
        return run_status(ctx.config, ctx.engine(), as_json=ctx.args.json, stdout=sys.stdout)


def status_data(cfg: LoadedConfig, engine: sa.Engine) -> dict[str, Any]:
    with read_session(engine) as session:
        states = source_state_rows(session)
        data: dict[str, object] = dict(totals(session))
        daemon = get_meta(session, DAEMON_LAST_CYCLE)
        workers = _workers(session, engine)
    sources: list[dict[str, Any]] = []
    for src in cfg.app.sources:
        st = states.get(src.name)
        sources.append(
            {
                "name": src.name,
                "kind": src.kind,
                "url": redact(src.url_str),  # no user:password@ from the config
                "enabled": src.enabled,
                "last_fetch": iso(st.last_fetch) if st else None,
                "last_result": st.last_result if st else None,
                "next_due": iso(st.next_due) if st else None,
                "consecutive_failures": st.consecutive_failures if st else 0,
                "last_error": st.last_error if st else None,
                "last_new": st.last_new if st else 0,
                # the last listing named more entries than the cap: how many, how many kept
                "capped": ({"found": st.capped_found, "kept": st.capped_kept}
                           if st and st.capped_found is not None else None),
            }
        )
    return {"sources": sources, **data, "daemon": daemon, "workers": workers}


def _workers(session: Any, engine: sa.Engine) -> list[dict[str, Any]]:
    """The processes crawling a shared PostgreSQL store (none on SQLite)."""
    if engine.dialect.name != "postgresql":
        return []
    return [{"id": w["id"], "role": w["role"], "host": w["host"], "pid": w["pid"],
             "started": iso(w["started"]), "last_seen": iso(w["last_seen"]),
             "sources_leased": int(w["sources_leased"]), "delivers_alerts": bool(w["leader"])}
            for w in worker_rows(session, datetime.now(UTC))]


def run_status(cfg: LoadedConfig, engine: sa.Engine, *, as_json: bool, stdout: TextIO) -> int:
    data = status_data(cfg, engine)
    if as_json:
        dump_json(data, stdout)
        return 0
    rows = []
    for s in data["sources"]:
        state = (s["last_result"] or "never fetched") + capped_note(s["capped"])
        if s["consecutive_failures"]:
            state += f" ({s['consecutive_failures']}x: {s['last_error']})"
        rows.append(
            [s["name"], s["kind"], "yes" if s["enabled"] else "no", s["last_fetch"] or "-", s["next_due"] or "-", state]
        )
    table(["source", "kind", "enabled", "last fetch", "next due", "result"], rows, stdout)
    stdout.write(
        "\narticles {articles}  stories {stories}  claims {claims}  alerts {alerts}  "
        "pending deliveries {pending_deliveries}\n".format(**data)
    )
    if data["workers"]:
        stdout.write("\n")
        table(["worker", "role", "host", "pid", "last seen", "sources leased", "alerts"],
              [[w["id"], w["role"], w["host"], w["pid"], w["last_seen"] or "-", w["sources_leased"],
                "delivers" if w["delivers_alerts"] else ""] for w in data["workers"]], stdout)
    daemon = data["daemon"]
    if isinstance(daemon, dict):
        line = daemon.get("summary") or ", ".join(f"{k} {v}" for k, v in daemon.items())
        stdout.write(f"daemon: last cycle {line}\n")
    else:
        stdout.write("daemon: no cycle recorded\n")
    return 0
