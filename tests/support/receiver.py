"""A Slack-like incoming webhook on the loopback server: it answers each POST from a
script (``200 ok`` once the script is empty) and reads what came from the server's record."""

from __future__ import annotations

import json
import threading
from collections import deque
from typing import Any

from tests.support.wait import wait_for
from tests.support.web import LoopbackWeb, RequestHandler, Resource

SLACK_PATH = "/services/T000/B000/secrettoken123"


def reply(status: int = 200, body: str = "ok", headers: dict[str, str] | None = None, *,
          hold: threading.Event | None = None) -> Resource:
    """A receiver's answer (``hold``: only once that event is set)."""
    return Resource(body, "text/plain; charset=utf-8", status, dict(headers or {}), hold=hold)


class Webhook:
    def __init__(self) -> None:
        self.web = LoopbackWeb()
        self.script: deque[Resource] = deque()
        self.web.add("/", self._answer, prefix=True)

    def _answer(self, h: RequestHandler) -> None:
        try:
            answer = self.script.popleft()
        except IndexError:
            answer = reply()
        h.send(answer)

    @property
    def url(self) -> str:
        """A Slack incoming-webhook URL on this receiver."""
        return self.web.url(SLACK_PATH)

    @property
    def port(self) -> int:
        return self.web.port

    def start(self) -> Webhook:
        self.web.start()
        return self

    def stop(self) -> None:
        self.web.stop()

    @property
    def requests(self) -> list[dict[str, Any]]:
        """The POSTs so far: path, body (parsed JSON), content_type, status, raw, headers."""
        return [{"path": r.target, "body": _json(r.body), "content_type": r.headers.get("Content-Type"),
                 "status": r.status, "raw": r.body, "headers": r.headers}
                for r in list(self.web.requests) if r.method == "POST"]

    def accepted(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["status"] is not None and 200 <= r["status"] < 300]

    def wait_for(self, n: int, timeout: float = 10.0) -> bool:
        """Wait until ``n`` POSTs have arrived (answered or not)."""
        return bool(wait_for(lambda: len(self.requests) >= n, timeout, what=f"{n} webhook posts"))


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw or b"null")
    except ValueError:
        return None
