"""The dashboard's token: required on every request whenever one is configured.

A client proves it holds the token with ``Authorization: Bearer <token>``
(scripts, feed readers that can send a header) or with the session cookie the
login form sets. The cookie holds an HMAC of the token, never the token; both
are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

COOKIE = "stationwatch_session"
OPEN_PATHS = ("/login", "/static/")


def session_value(token: str) -> str:
    """What the session cookie holds: derived from the token, useless without it."""
    return hmac.new(token.encode(), b"stationwatch dashboard session", hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    """Equal, compared in constant time (over digests, so lengths do not show either)."""
    return hmac.compare_digest(hashlib.sha256(a.encode()).digest(), hashlib.sha256(b.encode()).digest())


def authorised(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and given and same(given.strip(), token):
        return True
    cookie = request.cookies.get(COOKIE)
    return bool(cookie) and same(cookie or "", session_value(token))


def safe_next(target: str | None) -> str:
    """A path on this server to go to after logging in (never another host)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


class TokenGate:
    """Lets a request through only with the token (see the module docstring)."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.token:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        path = request.url.path
        if path.startswith(OPEN_PATHS) or authorised(request, self.token):
            await self.app(scope, receive, send)
            return
        response: Response
        wants_page = request.method == "GET" and "text/html" in request.headers.get("accept", "")
        if wants_page and not path.startswith(("/api/", "/feeds/")):
            target = path + (f"?{request.url.query}" if request.url.query else "")
            response = RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        else:
            response = PlainTextResponse("a token is required (Authorization: Bearer <token>)\n",
                                         status_code=401, headers={"WWW-Authenticate": "Bearer"})
        await response(scope, receive, send)
