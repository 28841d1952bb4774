"""An Apprise channel: one ``[[alerts.apprise]]`` entry, any service Apprise knows.

Each entry is a channel of its own, named by ``name``, with its own delivery
rows in the outbox. The ``apprise`` library does the sending; it reports
success or failure but no status code, so every failure is kept pending and
retried with back-off (the reason comes from Apprise's own log lines, with
the URL's secrets masked). A URL Apprise cannot parse is a config problem,
kept pending too, so a fixed config still delivers. Apprise keeps nothing on
disk here (memory-only persistent store).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote, urlsplit

from scheduler.alerting.config import AppriseConfig
from scheduler.alerting.exceptions import (
    ChannelConfigError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
)
from scheduler.alerting.render import RenderError, clean
from scheduler.alerting.short import render_short
from storage.outbox import AlertMessage

_PIECES = re.compile(r"[/:@?&=#,;+]")


def url_secrets(url: str) -> list[str]:
    """The parts of an Apprise URL that may be tokens: every piece of 8 characters or more
    of its user, password, host and path (``tgram://123456:AAH.../chat`` → the bot token)."""
    if not url:
        return []
    try:
        parts = urlsplit(url)
    except ValueError:
        return [url]
    text = unquote(f"{parts.netloc}/{parts.path}?{parts.query}")
    return [p for p in _PIECES.split(text) if len(p) >= 8]


class AppriseChannel:
    def __init__(self, cfg: AppriseConfig) -> None:
        self.cfg = cfg
        self.name = cfg.name

    def send(self, alert: AlertMessage) -> None:
        import apprise  # here: loading its plugins costs every other command nothing

        try:
            title, body = render_short(alert)
        except RenderError as exc:
            raise PermanentDeliveryError(str(exc)) from exc
        notifier = apprise.Apprise(asset=apprise.AppriseAsset(storage_mode="memory"))
        scheme = self.cfg.url.split("://", 1)[0] if "://" in self.cfg.url else "?"
        if not notifier.add(self.cfg.url):
            raise ChannelConfigError(
                f"alerts.apprise {self.name!r}: Apprise does not understand this {scheme}:// URL"
            )
        with apprise.LogCapture(level=logging.WARNING) as captured:
            ok = notifier.notify(body=body, title=title, body_format=apprise.NotifyFormat.TEXT)
        if ok:
            return
        lines = [line.split(" - ", 2)[-1] for line in captured.getvalue().splitlines() if line.strip()]
        reason = clean(lines[-1], 300) if lines else "no reason given"
        raise TemporaryDeliveryError(f"Apprise ({scheme}://) did not deliver: {reason}")
