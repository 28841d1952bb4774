"""Digests into words: email (text and HTML), and a short form for Slack and Apprise. PURE.

The digest's payload (``storage.digests.digest_content``, frozen when it was
queued) holds article text: every value goes through ``render.clean`` (no
control or bidi characters, capped) and links through ``render.safe_link``,
then the templates escape for HTML as the alert templates do.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scheduler.alerting.render import (
    EVIDENCE_CHARS,
    TITLE_CHARS,
    URL_CHARS,
    EmailContent,
    RenderError,
    clean,
    email_from,
    header_safe,
    safe_link,
    slack_escape,
    slack_url,
    truncate,
)
from storage.outbox import AlertMessage

SHORT_STORIES = 5
SHORT_FIGURES = 5
SHORT_CHARS = 1800  # the short form stays within what chat services take in one message
SLACK_SECTION_CHARS = 2900


def _date(value: object, zone: str = "UTC") -> str:
    """An ISO time as ``6 Dec 2022 08:00 Europe/Madrid`` (in ``zone``)."""
    try:
        when = datetime.fromisoformat(str(value))
        tz = ZoneInfo(zone)
    except (ValueError, ZoneInfoNotFoundError):
        return clean(value, 40)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(tz).strftime("%d %b %Y %H:%M ").lstrip("0") + clean(zone, 40)


def _list(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def digest_view(alert: AlertMessage) -> dict[str, Any]:
    """The digest's payload, cleaned for display."""
    digest = alert.payload.get("digest")
    if not isinstance(digest, Mapping):
        raise RenderError(f"alert #{alert.id} is not a digest")
    kind = "Weekly" if str(digest.get("schedule", "")).startswith("weekly") else "Daily"
    zone = str(digest.get("timezone") or "UTC")
    figures = []
    for f in _list(digest.get("figures")):
        raw = f.get("story")
        story: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        figures.append({
            "headline": clean(f.get("headline"), 200),
            "previous": clean(f.get("previous"), 200),
            "evidence": clean(f.get("evidence"), EVIDENCE_CHARS),
            "title": clean(story.get("title"), TITLE_CHARS) or "(untitled)",
            "url": safe_link(story.get("url")),
            "url_text": clean(story.get("url"), URL_CHARS),
        })
    stories = []
    for s in _list(digest.get("stories")):
        copies = _list(s.get("copies"))
        outlets = sorted({clean(c.get("outlet"), 100) for c in copies if c.get("outlet")})
        claims = [clean(c.get("headline"), 200) + (" (new)" if c.get("new") else "")
                  for c in _list(s.get("claims"))]
        stories.append({
            "title": clean(s.get("title"), TITLE_CHARS) or clean(s.get("url"), TITLE_CHARS) or "(untitled)",
            "url": safe_link(s.get("url")),
            "url_text": clean(s.get("url"), URL_CHARS),
            "new_story": bool(s.get("new_story")),
            "copies": len(copies) + _int(s.get("more_copies")),
            "outlets": ", ".join(outlets),
            "claims": claims[:10],
        })
    down = [{"name": clean(d.get("name"), 100), "since": _date(d.get("failing_since")),
             "failures": _int(d.get("consecutive_failures")), "error": clean(d.get("last_error"), 300) or "unknown"}
            for d in _list(digest.get("sources_down"))]
    return {
        "alert_id": alert.id,
        "subject": header_safe(alert.subject),
        "heading": f"{kind} digest: overseas police stations",
        "period": f"{_date(digest.get('period_start'), zone)} to {_date(digest.get('period_end'), zone)}",
        "figures": figures,
        "more_figures": _int(digest.get("more_figures")),
        "stories": stories,
        "more_stories": _int(digest.get("more_stories")),
        "sources_down": down,
        "empty": not (figures or stories or down),
        "created": _date(alert.created.isoformat()),
    }


def render_digest_email(alert: AlertMessage) -> EmailContent:
    return email_from(alert, digest_view, "digest", "digest")


def _short_lines(view: dict[str, Any]) -> list[str]:
    lines = [view["period"]]
    if view["figures"]:
        lines.append("")
        lines.append("New figures:")
        lines += [f"- {f['headline']} ({f['title']})" for f in view["figures"][:SHORT_FIGURES]]
        more = len(view["figures"]) - SHORT_FIGURES + view["more_figures"]
        if more > 0:
            lines.append(f"- ...and {more} more")
    if view["stories"]:
        lines.append("")
        lines.append("Stories:")
        lines += [f"- {s['title']} {s['url_text']}".rstrip() for s in view["stories"][:SHORT_STORIES]]
        more = len(view["stories"]) - SHORT_STORIES + view["more_stories"]
        if more > 0:
            lines.append(f"- ...and {more} more")
    if view["sources_down"]:
        lines.append("")
        lines.append("Sources down: " + ", ".join(d["name"] for d in view["sources_down"]))
    if view["empty"]:
        lines.append("Nothing new in this period.")
    return lines


def digest_short_text(alert: AlertMessage) -> tuple[str, str]:
    """(title, body) of the short form: counts, the top figures and stories, sources down."""
    view = digest_view(alert)
    return view["subject"], truncate("\n".join(_short_lines(view)), SHORT_CHARS)


def render_digest_slack(alert: AlertMessage) -> dict[str, Any]:
    """The short form as a Slack message: ``text`` fallback and a few ``blocks``."""
    try:
        view = digest_view(alert)
    except (KeyError, TypeError, ValueError) as exc:
        raise RenderError(f"cannot render digest #{alert.id}: {exc!r}") from exc
    esc = slack_escape
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": truncate(view["subject"], 150)}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": esc(view["period"])}]},
    ]
    if view["figures"]:
        body = "\n".join(f"• *{esc(f['headline'])}* ({esc(f['title'])})" for f in view["figures"][:SHORT_FIGURES])
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": truncate(
            "*New figures*\n" + body, SLACK_SECTION_CHARS)}})
    if view["stories"]:
        items = []
        for s in view["stories"][:SHORT_STORIES]:
            link = f"<{slack_url(s['url'])}|{esc(s['title'])}>" if s["url"] else esc(s["title"])
            items.append(f"• {link} ({s['copies']} cop{'y' if s['copies'] == 1 else 'ies'})")
        more = len(view["stories"]) - SHORT_STORIES + view["more_stories"]
        if more > 0:
            items.append(f"…and {more} more")
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": truncate(
            "*Stories*\n" + "\n".join(items), SLACK_SECTION_CHARS)}})
    if view["sources_down"]:
        names = ", ".join(esc(d["name"]) for d in view["sources_down"])
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": truncate(
            "*Sources down:* " + names, SLACK_SECTION_CHARS)}})
    if view["empty"]:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "Nothing new in this period."}})
    return {"text": esc(view["subject"]), "blocks": blocks}
