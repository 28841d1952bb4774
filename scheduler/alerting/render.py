"""Alerts into words: email subject, plain text and HTML; Slack text and blocks. PURE.

Everything that comes from an article (titles, evidence, URLs, outlets) is
treated as hostile text: control characters and bidi overrides are removed,
whitespace collapsed, lengths capped, then it is escaped for its target
(Jinja2's sandboxed environment with autoescaping for HTML; ``&``, ``<``,
``>`` for Slack mrkdwn, so ``<!channel>`` never pings and no link is forged).
Values are passed to templates as data, never compiled, so ``{{ … }}`` in an
article is shown as written. Only http(s) URLs become links.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import PackageLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from storage.figures import describe, previous
from storage.outbox import AlertMessage

SUBJECT_CHARS = 200
TITLE_CHARS = 300
EVIDENCE_CHARS = 1000
SLACK_EVIDENCE_CHARS = 600
URL_CHARS = 2000
EMAIL_FIGURES = 20
SLACK_FIGURES = 10
SLACK_HEADER_CHARS = 150
SLACK_TEXT_CHARS = 3000  # a section's text may hold at most 3000 characters

_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))
_SPACE = re.compile(r"\s+")


class RenderError(ValueError):
    """An alert's stored payload cannot be rendered (a bug or a damaged row)."""


@dataclass(frozen=True)
class EmailContent:
    subject: str
    text: str
    html: str


def _strip_controls(text: str) -> str:
    text = text.translate(_BIDI)
    return "".join(ch if ch in "\n\t" or unicodedata.category(ch) != "Cc" else " " for ch in text)


def clean(value: object, limit: int | None = None) -> str:
    """One line of display text: no control characters, whitespace collapsed, capped."""
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit * 4:
        text = text[: limit * 4]  # cheap pre-cut before the per-character work
    text = _SPACE.sub(" ", _strip_controls(text)).strip()
    return truncate(text, limit) if limit is not None else text


def truncate(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary when one is near, with ``…``."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + "…"


def header_safe(value: object, limit: int = SUBJECT_CHARS) -> str:
    """A mail header value: one line, no CR/LF or other control characters."""
    return clean(value, limit)


def safe_link(url: object) -> str | None:
    """The URL when it is a plain http(s) URL fit to be a link, else None."""
    text = "" if url is None else str(url).strip()
    if not text or len(text) > URL_CHARS or any(unicodedata.category(c) in ("Cc", "Zs") for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text


def slack_escape(text: str) -> str:
    """Slack's three escapes; after them no ``<…>`` control sequence can be formed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_url(url: str) -> str:
    return slack_escape(quote(url, safe=":/?#[]@!$&'()*+,;=%~-._"))


def _date(value: object) -> str:
    if not value:
        return "unknown"
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return clean(value, 40)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _figure_view(fig: Mapping[str, Any], evidence_chars: int) -> dict[str, str]:
    return {
        "headline": clean(describe(fig), SUBJECT_CHARS),
        "previous": clean(previous(fig), SUBJECT_CHARS),
        "evidence": clean(fig.get("evidence"), evidence_chars),
    }


def alert_view(alert: AlertMessage, *, evidence_chars: int, max_figures: int) -> dict[str, Any]:
    payload = alert.payload
    found = payload.get("story")
    story: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    raw_url = story.get("url") or payload.get("url")
    figures = [f for f in payload.get("figures") or [] if isinstance(f, Mapping) and "count" in f]
    title = clean(story.get("title"), TITLE_CHARS) or clean(raw_url, TITLE_CHARS) or "(untitled)"
    copies = story.get("copies") if isinstance(story.get("copies"), int) else 1
    outlets = story.get("outlets") if isinstance(story.get("outlets"), int) else 1
    return {
        "alert_id": alert.id,
        "kind": alert.kind,
        "subject": header_safe(alert.subject),
        "title": title,
        "url": safe_link(raw_url),
        "url_text": clean(raw_url, URL_CHARS),
        "published": _date(story.get("published")),
        "outlet": clean(story.get("outlet"), 100) or "unknown",
        "copies": copies,
        "outlets": outlets,
        "figures": [_figure_view(f, evidence_chars) for f in figures[:max_figures]],
        "more_figures": max(0, len(figures) - max_figures),
        "message": clean(payload.get("message"), EVIDENCE_CHARS),
        "created": _date(alert.created.isoformat()),
    }


@lru_cache(maxsize=1)
def template_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=PackageLoader("scheduler.alerting", "templates"),
        autoescape=lambda name: bool(name) and name.endswith(".html.j2"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def email_from(alert: AlertMessage, view_of: Callable[[AlertMessage], dict[str, Any]],
               templates: str, what: str) -> EmailContent:
    """The email of ``alert``: ``view_of`` builds the view, ``templates`` names the pair of
    templates (``<templates>.txt.j2`` and ``.html.j2``); any failure is a RenderError."""
    try:
        view = view_of(alert)
        env = template_env()
        return EmailContent(
            subject=view["subject"],
            text=env.get_template(f"{templates}.txt.j2").render(view),
            html=env.get_template(f"{templates}.html.j2").render(view),
        )
    except (TemplateError, KeyError, TypeError, ValueError) as exc:
        raise RenderError(f"cannot render {what} #{alert.id}: {exc!r}") from exc


def render_email(alert: AlertMessage) -> EmailContent:
    return email_from(alert, lambda a: alert_view(a, evidence_chars=EVIDENCE_CHARS,
                                                  max_figures=EMAIL_FIGURES), "email", "alert")


def _mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": truncate(text, SLACK_TEXT_CHARS)}


def render_slack(alert: AlertMessage) -> dict[str, Any]:
    """The webhook body: ``text`` (fallback, figure and link) and Block Kit ``blocks``."""
    try:
        return _slack_body(alert)
    except (KeyError, TypeError, ValueError) as exc:
        raise RenderError(f"cannot render alert #{alert.id}: {exc!r}") from exc


def _slack_body(alert: AlertMessage) -> dict[str, Any]:
    view = alert_view(alert, evidence_chars=SLACK_EVIDENCE_CHARS, max_figures=SLACK_FIGURES)
    subject, url = view["subject"], view["url"]
    esc = slack_escape
    text = esc(subject) + (f" {slack_url(url)}" if url else "")
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": truncate(subject, SLACK_HEADER_CHARS)}}
    ]
    if view["kind"] == "figures":
        link = f"<{slack_url(url)}|{esc(view['title'])}>" if url else esc(view["title"])
        about = [f"Published {view['published']}", esc(view["outlet"])]
        if view["outlets"] > 1:
            about.append(f"carried by {view['outlets']} outlets")
        blocks.append({"type": "section", "text": _mrkdwn(f"*{link}*\n" + " · ".join(about))})
        for fig in view["figures"]:
            body = f"*{esc(fig['headline'])}*\n_{esc(fig['previous'])}_"
            if fig["evidence"]:
                body += f"\n>{esc(fig['evidence'])}"
            blocks.append({"type": "section", "text": _mrkdwn(body)})
        if view["more_figures"]:
            blocks.append({"type": "section", "text": _mrkdwn(f"…and {view['more_figures']} more")})
    else:
        body = esc(view["message"] or subject)
        if url:
            body += f"\n<{slack_url(url)}|{esc(view['url_text'])}>"
        blocks.append({"type": "section", "text": _mrkdwn(body)})
    blocks.append(
        {"type": "context", "elements": [_mrkdwn(f"stationwatch alert #{view['alert_id']} · {view['created']}")]}
    )
    return {"text": truncate(text, SLACK_TEXT_CHARS), "blocks": blocks}


def make_test_alert(now: datetime) -> AlertMessage:
    """The message ``alerts test`` sends (never stored)."""
    return AlertMessage(
        id=0,
        kind="test",
        created=now,
        subject="stationwatch test message",
        payload={"message": "This is a test of the stationwatch alert channel. No action is needed."},
    )
