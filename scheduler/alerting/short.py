"""The short form of any alert, for chat-like channels (Apprise): a title and a few lines. PURE.

A figures alert: the story, its link and date, then each new figure with what
it beats and its evidence; a notice or test: its message; a digest: its short
form (``digest_render.digest_short_text``). Everything is cleaned by ``render``.
"""

from __future__ import annotations

from scheduler.alerting.digest_render import SHORT_CHARS, digest_short_text
from scheduler.alerting.render import RenderError, alert_view, truncate
from storage.outbox import AlertMessage

SHORT_EVIDENCE_CHARS = 300
SHORT_FIGURES = 5


def render_short(alert: AlertMessage) -> tuple[str, str]:
    """(title, body) in plain text."""
    try:
        if alert.kind == "digest":
            return digest_short_text(alert)
        view = alert_view(alert, evidence_chars=SHORT_EVIDENCE_CHARS, max_figures=SHORT_FIGURES)
    except (KeyError, TypeError, ValueError) as exc:
        raise RenderError(f"cannot render alert #{alert.id}: {exc!r}") from exc
    if view["kind"] != "figures":
        lines = [view["message"] or view["subject"]]
        if view["url_text"]:
            lines.append(view["url_text"])
        return view["subject"], truncate("\n".join(lines), SHORT_CHARS)
    lines = [view["title"], view["url_text"], f"Published {view['published']} · {view['outlet']}"]
    for fig in view["figures"]:
        lines.append("")
        lines.append(f"{fig['headline']} ({fig['previous']})")
        if fig["evidence"]:
            lines.append(f"“{fig['evidence']}”")
    if view["more_figures"]:
        lines.append(f"...and {view['more_figures']} more")
    lines.append("")
    lines.append(f"stationwatch alert #{view['alert_id']}")
    return view["subject"], truncate("\n".join(line for line in lines if line is not None), SHORT_CHARS)
