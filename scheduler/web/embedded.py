"""The dashboard inside the daemon (``run`` with ``[web] enabled = true``).

Kept apart from ``server.py`` so that a daemon without the dashboard never
imports uvicorn or Starlette. A dashboard that cannot start (its port taken) is
logged and the daemon crawls on: the alerts matter more than the pages.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scheduler.config import LoadedConfig

if TYPE_CHECKING:
    from scheduler.web.server import WebHandle

log = logging.getLogger(__name__)


def start_if_enabled(cfg: LoadedConfig) -> WebHandle | None:
    """Serve the dashboard from a thread of this process when ``[web] enabled``; else None."""
    if not cfg.app.web.enabled:
        return None
    from scheduler.web.server import WebError, start_in_thread

    try:
        return start_in_thread(cfg)
    except WebError as exc:
        log.error("the dashboard is not served: %s", exc)
        return None


def stop(handle: WebHandle | None) -> None:
    if handle is not None:
        handle.stop()
