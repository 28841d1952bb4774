"""The dashboard's Starlette application: pages, feeds and the JSON API over one store.

``create_app`` receives the loaded config and an engine that can only read
(see ``server.read_only_engine``); nothing here writes to the store. Pages are
Jinja2 templates with autoescaping on, styles and the one script come from
``static/``, and every answer carries the headers of ``security.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import sqlalchemy as sa
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from scheduler.config import LoadedConfig
from scheduler.web import api, feeds, login, pages
from scheduler.web.app_state import Clock, WebState
from scheduler.web.auth import TokenGate
from scheduler.web.security import SecurityHeaders, allowed_hosts
from storage.figures import QUALIFIER_WORDS, describe, place_name

HERE = Path(__file__).parent

def _as_datetime(value: datetime | str | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def when(value: datetime | str | None) -> str:
    moment = _as_datetime(value)
    return moment.strftime("%-d %b %Y %H:%M UTC") if moment else "–"


def day(value: datetime | str | None) -> str:
    moment = _as_datetime(value)
    return moment.strftime("%-d %b %Y") if moment else "–"


def sort_key(value: datetime | str | None) -> str:
    moment = _as_datetime(value)
    return moment.isoformat() if moment else ""


def qualified(claim: Mapping[str, Any] | object) -> str:
    """``more than 102``: the figure with its qualifier, as a reporter says it (a claim's
    mapping or a stored figure row)."""
    def field(name: str) -> Any:
        return claim.get(name) if isinstance(claim, Mapping) else getattr(claim, name, None)

    words = QUALIFIER_WORDS.get(str(field("qualifier") or "exact"), "")
    return f"{words} {'+' if field('added') else ''}{field('count')}".strip()


def phrase(claim: Mapping[str, Any] | object) -> str:
    """The figure in words after its leading number: ``overseas police stations in 53
    countries`` (shown after ``qualified``, which carries the number)."""
    def field(name: str) -> Any:
        return claim.get(name) if isinstance(claim, Mapping) else getattr(claim, name, None)

    text = describe({k: field(k) for k in ("count", "qualifier", "place", "city", "added",
                                           "countries", "cities")})
    lead = qualified(claim).lstrip("+")
    return text[len(lead):].strip() if text.startswith(lead) else text


def highlight(text: object, words: list[str]) -> Markup:
    """``text`` escaped, with every occurrence of ``words`` (any case) marked."""
    value = "" if text is None else str(text)
    if not words:
        return Markup.escape(value)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(value):
        out += [Markup.escape(value[last:match.start()]), Markup("<mark>"), Markup.escape(match.group()),
                Markup("</mark>")]
        last = match.end()
    out.append(Markup.escape(value[last:]))
    return Markup("").join(out)


@jinja2.pass_context
def path_for(context: Mapping[str, Any], name: str, /, **params: Any) -> str:
    """A route's path on this server: pages link relatively, never to a Host header's name."""
    return str(context["request"].app.url_path_for(name, **params))


def templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(when=when, day=day, sort_key=sort_key, place=place_name, figure=describe,
                       qualified=qualified, phrase=phrase, highlight=highlight)
    env.globals["path_for"] = path_for
    return Jinja2Templates(env=env)


def create_app(cfg: LoadedConfig, engine: sa.Engine, *, host: str, token: str = "",
               clock: Clock | None = None) -> Starlette:
    """The dashboard over ``engine`` (read-only), answering as a server bound to ``host``."""
    state = WebState(cfg, engine, templates(), token, clock or (lambda: datetime.now(UTC)))
    routes = [
        Route("/", pages.figures, name="figures"),
        Route("/stories", pages.stories, name="stories"),
        Route("/sources", pages.sources, name="sources"),
        Route("/alerts", pages.alerts, name="alerts"),
        Route("/feeds/alerts.atom", feeds.alerts_feed, name="alerts_feed"),
        Route("/feeds/coverage.atom", feeds.coverage_feed, name="coverage_feed"),
        Route("/api/counts", api.counts, name="api_counts"),
        Route("/api/coverage", api.coverage, name="api_coverage"),
        Route("/api/status", api.status, name="api_status"),
        Route("/api/alerts", api.alerts, name="api_alerts"),
        Route("/login", login.login_form, methods=["GET"], name="login"),
        Route("/login", login.login_submit, methods=["POST"]),
        Route("/logout", login.logout, methods=["POST"], name="logout"),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    loopback = cfg.app.web.is_loopback(host)
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host, loopback=loopback)),
        Middleware(TokenGate, token=token),
    ]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=pages.ERROR_HANDLERS)
    app.state.web = state
    return app
