"""Headers every answer carries, and which Host names the server answers to.

The Content-Security-Policy allows nothing from another host and no inline
script or style: pages load only their own ``/static`` files. The Host check
stops DNS rebinding: a page on another site whose name is made to resolve to
127.0.0.1 cannot read a dashboard that listens on loopback only.
"""

from __future__ import annotations

import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # links out to news sites do not tell them about the dashboard
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def allowed_hosts(host: str, *, loopback: bool) -> list[str]:
    """The Host names to answer: loopback names when listening on loopback, else any (a
    token guards the server then)."""
    if not loopback:
        return ["*"]
    return sorted({*LOOPBACK_NAMES, host.strip("[]").lower()})


class SecurityHeaders:
    """Adds ``HEADERS`` to every response, and ``Server-Timing`` (the time until the
    response started, in milliseconds) for the bench and the curious."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in HEADERS.items():
                    headers.setdefault(key, value)
                headers.setdefault("Cache-Control", "no-store")
                headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
            await send(message)

        await self.app(scope, receive, send_with_headers)
