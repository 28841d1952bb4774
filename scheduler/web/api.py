"""``/api/*``: the JSON of ``counts``, ``coverage``, ``status`` and ``alerts list``, in
the same shapes, built by the same functions the commands use."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

from scheduler.commands.counts import counts_data
from scheduler.commands.coverage import story_json
from scheduler.commands.status import status_data
from scheduler.web.app_state import web_state
from storage.engine import read_session
from storage.outbox import list_alerts
from storage.stories import list_stories

COVERAGE_LIMIT = 100  # stories per answer unless ?limit=N says otherwise
MAX_LIMIT = 100_000


def _flag(request: Request, name: str) -> bool:
    return request.query_params.get(name, "").lower() in {"1", "true", "yes"}


def _limit(request: Request, default: int | None) -> int | None:
    raw = request.query_params.get("limit")
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise HTTPException(400, f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return int(raw)


def counts(request: Request) -> JSONResponse:
    """``counts --json``; ``?history=1`` for ``counts --json --history``."""
    return JSONResponse(counts_data(web_state(request).engine, history=_flag(request, "history")))


def coverage(request: Request) -> JSONResponse:
    """``coverage --json --limit N`` (N from ``?limit=``, 100 unless given)."""
    limit = _limit(request, COVERAGE_LIMIT)
    with read_session(web_state(request).engine) as session:
        stories = list_stories(session, limit)
    return JSONResponse([story_json(s) for s in stories])


def status(request: Request) -> JSONResponse:
    state = web_state(request)
    return JSONResponse(status_data(state.cfg, state.engine))


def alerts(request: Request) -> JSONResponse:
    """``alerts list --json`` (``?limit=N`` for the newest N only)."""
    limit = _limit(request, None)
    with read_session(web_state(request).engine) as session:
        return JSONResponse(list_alerts(session, limit=limit))
