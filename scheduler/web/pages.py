"""The four HTML pages: figures (``/``), stories, sources and alerts."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from scheduler.commands.status import status_data
from scheduler.web.app_state import web_state
from scheduler.web.figures import place_views
from storage.browse import delivery_states, recent_articles
from storage.engine import read_session
from storage.outbox import list_alerts
from storage.search import search_story_ids, terms
from storage.stories import list_stories, stories_by_ids

PER_PAGE = 25
ALERTS_SHOWN = 100
MAX_PAGE = 10_000


def _render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    state = web_state(request)
    context = {"active": name.removesuffix(".html"), "generated": state.clock(),
               "locked": bool(state.token), **context}
    return state.templates.TemplateResponse(request, name, context, status_code=status_code)


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise HTTPException(400, "page must be a whole number from 1")
    return int(raw)


def figures(request: Request) -> Response:
    state = web_state(request)
    places = place_views(state.engine)
    return _render(request, "figures.html", {"places": places,
                                             "claims": sum(p.claims for p in places)})


def stories(request: Request) -> Response:
    state = web_state(request)
    query = request.query_params.get("q", "").strip()
    page = _page_number(request)
    offset = (page - 1) * PER_PAGE
    with read_session(state.engine) as session:
        if query:
            ids = search_story_ids(session, query, limit=PER_PAGE + 1, offset=offset)
            found = stories_by_ids(session, ids)
        else:
            found = list_stories(session, PER_PAGE + 1, offset)
    def link(number: int) -> str:
        params = {"q": query} if query else {}
        return f"{request.app.url_path_for('stories')}?{urlencode({**params, 'page': number})}"

    return _render(request, "stories.html", {
        "stories": found[:PER_PAGE], "query": query, "terms": terms(query), "page": page,
        "newer": link(page - 1) if page > 1 else None,
        "older": link(page + 1) if len(found) > PER_PAGE else None,
    })


def sources(request: Request) -> Response:
    state = web_state(request)
    data = status_data(state.cfg, state.engine)
    with read_session(state.engine) as session:
        recent = recent_articles(session, [s["name"] for s in data["sources"]])
    return _render(request, "sources.html", {"status": data, "recent": recent})


def alerts(request: Request) -> Response:
    state = web_state(request)
    with read_session(state.engine) as session:
        shown = list_alerts(session, limit=ALERTS_SHOWN)
        channels = delivery_states(session)
    return _render(request, "alerts.html", {"alerts": shown, "channels": channels,
                                            "limit": ALERTS_SHOWN})


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    state = web_state(request)
    context = {"active": "", "generated": state.clock(), "locked": bool(state.token),
               "status": exc.status_code, "detail": exc.detail}
    return state.templates.TemplateResponse(request, "error.html", context, status_code=exc.status_code)


ERROR_HANDLERS: dict[Any, Any] = {HTTPException: _http_error}
