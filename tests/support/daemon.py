"""``stationwatch run`` as a real subprocess, its output in a log file beside its config.

A daemon's config is ``tests.support.config.write_config(path, FAST_DRAIN + alerts +
sources, timeout=...)``: the loopback defaults, and alerts drained every second. Its
store is read with ``tests.support.store.query``/``scalar`` and ``missing_ok=True``
while the daemon may still be creating it.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from tests.support.cli import cli_env

FAST_DRAIN = '[alerts]\ndrain_interval = "1s"\n'  # the [alerts] table a daemon test starts from


class Daemon:
    """``stationwatch --config <config> run <args>`` (``args``: e.g. ``["--worker"]``); as a
    context manager, started on entry and killed on exit unless ``stop`` ended it."""

    def __init__(self, config: Path, log_name: str = "daemon.log", env: dict[str, str] | None = None,
                 *, args: Sequence[str] = ()) -> None:
        self.config = config
        self.log_path = config.parent / log_name
        self.env = env or {}
        self.args = list(args)
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Daemon:
        self._log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "scheduler", "--config", str(self.config), "run", *self.args],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            env=cli_env(self.env),
        )
        return self

    def __enter__(self) -> Daemon:
        return self.start()

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.kill()  # a no-op once stop() has ended it

    def stop(self, timeout: float = 10.0) -> tuple[int, float]:
        """SIGTERM (unless it has ended already); return (exit status, seconds it took)."""
        assert self.proc is not None
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)  # a no-op once the process has been reaped
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
