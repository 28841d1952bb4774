"""Atom feeds, written with feedgen: every alert, and the on-topic stories.

Feed readers keep an entry by its id and mostly ignore later changes to it, so
each alert is an entry of its own whose id never changes; ids carry the
record's creation time too, so a store built afresh (ids counting from 1
again) does not collide with what a reader has already seen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from feedgen.feed import FeedGenerator
from starlette.requests import Request
from starlette.responses import Response

from scheduler.web.app_state import web_state
from storage.engine import read_session
from storage.figures import describe, previous
from storage.outbox import list_alerts
from storage.stories import list_stories

ENTRIES = 50
ATOM = "application/atom+xml; charset=utf-8"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text lxml accepts: control characters XML cannot hold are dropped."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def entry_id(kind: str, record_id: object, created: datetime | str | None) -> str:
    stamp = created if isinstance(created, str) else created.isoformat() if created else ""
    stamp = re.sub(r"[^0-9TZ]", "", stamp.split("+")[0])
    return f"urn:stationwatch:{kind}:{record_id}:{stamp}"


def _feed(request: Request, path: str, title: str, subtitle: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(str(request.url_for(path)))
    fg.title(title)
    fg.subtitle(subtitle)
    fg.link(href=str(request.url_for(path)), rel="self")
    fg.link(href=str(request.base_url), rel="alternate")
    fg.generator("stationwatch")
    return fg


def _answer(fg: FeedGenerator, newest: datetime | None, now: datetime) -> Response:
    fg.updated(newest or now)
    return Response(fg.atom_str(pretty=True), media_type=ATOM)


def _figure_lines(figures: list[Mapping[str, Any]]) -> list[str]:
    lines = []
    for fig in figures:
        lines.append(f"{fig.get('headline') or describe(fig)} ({fig.get('previous') or previous(fig)})")
        if fig.get("evidence"):
            lines.append(f"  “{fig['evidence']}”")
    return lines


def alerts_feed(request: Request) -> Response:
    state = web_state(request)
    with read_session(state.engine) as session:
        alerts = list_alerts(session, limit=ENTRIES)
    fg = _feed(request, "alerts_feed", "stationwatch: alerts",
               "New facility counts and source notices, one entry per alert")
    newest = None
    for alert in reversed(alerts):  # feedgen puts each new entry first: oldest in, newest on top
        created = datetime.fromisoformat(alert["created"])
        newest = max(newest or created, created)
        entry = fg.add_entry()
        entry.id(entry_id("alert", alert["id"], alert["created"]))
        entry.title(xml_text(alert["subject"]))
        entry.updated(created)
        entry.published(created)
        story = alert.get("story") or {}
        home = f"{request.url_for('alerts')}#alert-{alert['id']}"
        entry.link(href=xml_text(story.get("url") or home), rel="alternate")
        lines = [xml_text(story.get("title") or "")] if story.get("title") else []
        lines += [xml_text(line) for line in _figure_lines(alert.get("figures") or [])]
        entry.content("\n".join(lines) or xml_text(alert["subject"]), type="text")
    return _answer(fg, newest, state.clock())


def coverage_feed(request: Request) -> Response:
    state = web_state(request)
    with read_session(state.engine) as session:
        stories = list_stories(session, ENTRIES)
    fg = _feed(request, "coverage_feed", "stationwatch: coverage",
               "On-topic stories, newest first, with the figures they report")
    newest = None
    for story in reversed(stories):
        newest = max(newest or story.first_seen, story.first_seen)
        entry = fg.add_entry()
        entry.id(entry_id("story", story.id, story.first_seen))
        entry.title(xml_text(story.title or story.url))
        entry.link(href=xml_text(story.url), rel="alternate")
        entry.updated(story.first_seen)
        entry.published(story.published or story.first_seen)
        outlets = sorted({c.outlet for c in story.copies if c.outlet})
        lines = [f"Carried by {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}: {', '.join(outlets)}"]
        lines += [xml_text(describe(claim)) for claim in story.claims]
        entry.content("\n".join(lines), type="text")
    return _answer(fg, newest, state.clock())
