"""``run`` with ``[web] enabled = true`` serves the dashboard from the daemon process and
still stops within its budget on SIGTERM."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import pytest

from tests.daemon.harness import Daemon, write_config


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_the_daemon_serves_the_dashboard(tmp_path: Path) -> None:
    port = _free_port()
    config = write_config(tmp_path / "config.toml", f"[web]\nenabled = true\nport = {port}\n")
    daemon = Daemon(config).start()
    try:
        deadline = time.monotonic() + 30
        answer = None
        while time.monotonic() < deadline and answer is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/status", timeout=2)
            except httpx.TransportError:
                time.sleep(0.1)  # the daemon is still starting: poll, no fixed wait
        assert answer is not None and answer.status_code == 200, daemon.log()
        assert answer.json()["sources"] == []
        assert "dashboard on http://127.0.0.1:" in daemon.log()
    finally:
        code, seconds = daemon.stop()
    assert code == 0 and seconds < 10
