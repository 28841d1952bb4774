"""Running ``stationwatch run`` as a real subprocess against loopback sources."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.support.cli import cli_env

HEAD = """[storage]
url = "sqlite:///store.db"

[crawl]
allow_private_networks = true
obey_robots_txt = false
timeout = "{timeout}"

[alerts]
drain_interval = "1s"
{alerts}
"""


def write_config(path: Path, sources: str, *, timeout: str = "10s", alerts: str = "") -> Path:
    path.write_text(HEAD.format(timeout=timeout, alerts=alerts) + "\n" + sources, encoding="utf-8")
    return path


class Daemon:
    def __init__(self, config: Path, log_name: str = "daemon.log", env: dict[str, str] | None = None) -> None:
        self.config = config
        self.log_path = config.parent / log_name
        self.env = env or {}
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Daemon:
        self._log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "scheduler", "--config", str(self.config), "run"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            env=cli_env(self.env),
        )
        return self

    def stop(self, timeout: float = 10.0) -> tuple[int, float]:
        """SIGTERM; return (exit status, seconds it took)."""
        assert self.proc is not None
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"daemon did not exit within {timeout}s of SIGTERM\n{self.log()}") from None
        finally:
            self._log.close()
        return code, time.monotonic() - started

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
            self._log.close()

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace") if self.log_path.exists() else ""

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


def query(db: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError:  # schema not there yet
        return []
    finally:
        conn.close()


def scalar(db: Path, sql: str, *args: Any) -> Any:
    rows = query(db, sql, *args)
    return rows[0][0] if rows else None
