"""The signed webhook: one JSON POST per alert, the alert's ``alerts list --json`` object.

Headers: ``X-Stationwatch-Timestamp`` (Unix seconds) and
``X-Stationwatch-Signature: sha256=<hex HMAC-SHA256 of "timestamp.body">``
with the configured secret, so a receiver can check who sent it and refuse a
replay (README: a receiver in a few lines). Any 2xx is delivered. A redirect is
not followed (the signature is for the configured URL): it is a config problem,
kept pending. 408, 425, 429 and 5xx are retried (429 with its Retry-After);
any other 4xx is refused for good (``alerts deliver --failed`` retries it).

Errors name the host only: the URL's path and query may hold a token.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import requests

from scheduler.alerting.config import WebhookConfig
from scheduler.alerting.exceptions import (
    ChannelConfigError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
)
from scheduler.alerting.render import clean
from scheduler.alerting.slack import retry_after_seconds
from storage.outbox import AlertMessage, alert_json

TIMESTAMP_HEADER = "X-Stationwatch-Timestamp"
SIGNATURE_HEADER = "X-Stationwatch-Signature"
TEMPORARY_4XX = frozenset({408, 425, 429})


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=`` and the hex HMAC-SHA256 of ``timestamp.body`` keyed with ``secret``."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def body_of(alert: AlertMessage) -> bytes:
    return json.dumps(alert_json(alert), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class WebhookChannel:
    name = "webhook"

    def __init__(self, cfg: WebhookConfig, *, clock: Callable[[], float] = time.time,
                 session: requests.Session | None = None) -> None:
        self.cfg = cfg
        self._clock = clock
        self._session = session or requests.Session()
        self._host = urlsplit(cfg.url).netloc.rpartition("@")[2] or "the webhook"

    def send(self, alert: AlertMessage) -> None:
        body = body_of(alert)
        stamp = str(int(self._clock()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "stationwatch",
            TIMESTAMP_HEADER: stamp,
            SIGNATURE_HEADER: signature(self.cfg.secret, stamp, body),
            "X-Stationwatch-Alert": str(alert.id),
        }
        try:
            resp = self._session.post(self.cfg.url, data=body, headers=headers, allow_redirects=False,
                                      timeout=self.cfg.timeout.total_seconds())
        except requests.Timeout as exc:
            raise TemporaryDeliveryError(
                f"webhook {self._host}: no answer within {self.cfg.timeout.total_seconds():g}s"
            ) from exc
        except requests.exceptions.InvalidURL as exc:
            raise ChannelConfigError("alerts.webhook.url is not a usable http(s) URL") from exc
        except requests.RequestException as exc:
            raise TemporaryDeliveryError(f"cannot reach the webhook at {self._host}: {_reason(exc)}") from exc
        with resp:
            status = resp.status_code
            if 200 <= status < 300:
                return
            detail = clean(resp.text, 200) if resp.content else ""
            reason = f"webhook {self._host} answered HTTP {status}" + (f": {detail}" if detail else "")
            if 300 <= status < 400:
                raise ChannelConfigError(f"{reason} (a redirect is not followed: set alerts.webhook.url "
                                         "to the address that answers)")
            if status >= 500 or status in TEMPORARY_4XX or status < 200:
                wait = retry_after_seconds(resp.headers.get("Retry-After"), now_ts=time.time())
                raise TemporaryDeliveryError(reason, retry_after=wait if status in (429, 503) else None)
            raise PermanentDeliveryError(reason)


def _reason(exc: requests.RequestException) -> str:
    """What went wrong, without the URL that requests puts in its messages."""
    text = str(exc).lower()
    for marker in ("Connection refused", "Name or service not known", "No route to host",
                   "Connection reset", "certificate verify failed", "timed out"):
        if marker.lower() in text:
            return marker
    return type(exc).__name__
