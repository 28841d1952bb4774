"""``stationwatch serve``: a real process that serves the dashboard and stops cleanly on SIGTERM."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.support.cli import ROOT, cli_env
from tests.support.config import write_config


@pytest.mark.slow
def test_serve_answers_and_exits_0_on_sigterm(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.toml", "")
    proc = subprocess.Popen([sys.executable, "-m", "scheduler", "--config", str(config), "serve", "--port", "0"],
                            cwd=ROOT, env=cli_env(), stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        line = ""
        for line in proc.stderr:
            if "dashboard on" in line:
                break
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        assert match, line
        r = httpx.get(match.group(1) + "api/counts", timeout=10)
        assert r.status_code == 200 and r.json() == []
        assert "No figures recorded yet" in httpx.get(match.group(1), timeout=10).text
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_refuses_a_bad_port(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scheduler.cli import main

    config = write_config(tmp_path / "config.toml", "")
    with pytest.raises(SystemExit) as exc:
        main(["--config", str(config), "serve", "--port", "70000"])
    assert exc.value.code == 2
