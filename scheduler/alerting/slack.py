"""The Slack channel: one JSON POST to an incoming webhook per alert.

slack_sdk's ``WebhookClient`` does the HTTP (with a timeout); its own retry
handlers are switched off, because retries belong to the drain: a 429's
``Retry-After`` comes back as ``TemporaryDeliveryError.retry_after`` and the
drain waits (up to 30 s) or schedules. The client gets a logger of its own
held at CRITICAL: at DEBUG it would log the webhook URL (a secret), and its errors
come back to us as exceptions anyway.
"""

from __future__ import annotations

import http.client
import logging
import math
import time
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.error import URLError

from slack_sdk.errors import SlackRequestError
from slack_sdk.webhook import WebhookClient

from scheduler.alerting.config import SlackConfig
from scheduler.alerting.exceptions import (
    ChannelConfigError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
)
from scheduler.alerting.render import RenderError, clean, render_slack
from storage.outbox import AlertMessage

PERMANENT = frozenset({400, 403, 404, 410})
TEMPORARY_4XX = frozenset({408, 425, 429})


def retry_after_seconds(value: str | None, *, now_ts: float | None = None) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date (needs ``now_ts``)."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if now_ts is None:
            return None
        seconds = when.timestamp() - now_ts
    if math.isnan(seconds) or math.isinf(seconds):
        return None
    return max(0.0, seconds)


def _header(headers: Any, name: str) -> str | None:
    if headers is None:
        return None
    for key in (name, name.lower()):
        value = headers.get(key)
        if value:
            return value[0] if isinstance(value, list) else str(value)
    return None


class SlackChannel:
    name = "slack"

    def __init__(self, cfg: SlackConfig, *, client: WebhookClient | None = None) -> None:
        self.cfg = cfg
        if client is None:
            sdk_log = logging.getLogger(__name__ + ".sdk")
            sdk_log.setLevel(logging.CRITICAL)  # its errors come back to us as exceptions
            client = WebhookClient(
                cfg.webhook_url,
                timeout=max(1, math.ceil(cfg.timeout.total_seconds())),
                retry_handlers=[],
                logger=sdk_log,
            )
        self._client = client

    def send(self, alert: AlertMessage) -> None:
        try:
            if alert.kind == "digest":
                from scheduler.alerting.digest_render import render_digest_slack

                body = render_digest_slack(alert)
            else:
                body = render_slack(alert)
        except RenderError as exc:
            raise PermanentDeliveryError(str(exc)) from exc
        self.post(body)

    def post(self, body: dict[str, Any]) -> None:
        try:
            resp = self._client.send_dict(body)
        except SlackRequestError as exc:
            raise ChannelConfigError("alerts.slack.webhook_url is not a usable http(s) URL") from exc
        except (URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise TemporaryDeliveryError(f"cannot reach the Slack webhook: {reason}") from exc
        status = resp.status_code
        detail = clean(resp.body, 200) if isinstance(resp.body, str) else ""
        if 200 <= status < 300:
            if detail == "ok":
                return
            # Slack says "ok" when it took the message; anything else (a proxy's
            # sign-in page, an error text) means it did not
            raise TemporaryDeliveryError(
                f"Slack answered HTTP {status} without 'ok'" + (f": {detail}" if detail else " (empty body)")
            )
        reason = f"Slack answered HTTP {status}" + (f": {detail}" if detail else "")
        if status == 429:
            raise TemporaryDeliveryError(
                reason, retry_after=retry_after_seconds(_header(resp.headers, "Retry-After"), now_ts=time.time())
            )
        if status in PERMANENT:
            raise PermanentDeliveryError(reason)
        if status >= 500 or status in TEMPORARY_4XX or status < 400:
            raise TemporaryDeliveryError(reason)
        raise PermanentDeliveryError(reason)
