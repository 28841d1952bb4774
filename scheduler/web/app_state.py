"""The state every route reads: the config, the read-only engine, the templates, the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from scheduler.config import LoadedConfig

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class WebState:
    cfg: LoadedConfig
    engine: sa.Engine
    templates: Jinja2Templates
    token: str
    clock: Clock


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state
