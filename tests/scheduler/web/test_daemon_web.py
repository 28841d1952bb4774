"""``run`` with ``[web] enabled = true`` serves the dashboard from the daemon process and
still stops within its budget on SIGTERM."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.support.config import write_config
from tests.support.daemon import FAST_DRAIN, Daemon
from tests.support.wait import wait_for
from tests.support.web import free_port


def _get(url: str) -> httpx.Response | None:
    """The answer, or None while the daemon is still starting."""
    try:
        return httpx.get(url, timeout=2)
    except httpx.TransportError:
        return None


@pytest.mark.slow
def test_the_daemon_serves_the_dashboard(tmp_path: Path) -> None:
    port = free_port()
    config = write_config(tmp_path / "config.toml", FAST_DRAIN + f"[web]\nenabled = true\nport = {port}\n")
    daemon = Daemon(config).start()
    try:
        answer = wait_for(lambda: _get(f"http://127.0.0.1:{port}/api/status"), 30,
                          what="the dashboard to answer")
        assert answer is not None and answer.status_code == 200, daemon.log()
        assert answer.json()["sources"] == []
        assert "dashboard on http://127.0.0.1:" in daemon.log()
    finally:
        code, seconds = daemon.stop()
    assert code == 0 and seconds < 10
