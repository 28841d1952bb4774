"""Run one crawl cycle in a child process, with a hard time limit.

Scrapy's reactor cannot be restarted, and a crawl may hang, leak or crash, so
the daemon never crawls in its own process: it starts
``python -m scheduler.cycle --config PATH --source NAME... --json`` and reads
the cycle summary it prints. The child runs in its own session (process
group), so a Ctrl-C on the terminal reaches only the daemon, which decides
what to do with its children; on timeout or shutdown the whole group is
terminated, then killed.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

POLL_SECONDS = 0.1


def supervise(wait: Callable[[float], bool], stop: Callable[[], None], *, deadline: float,
              stopping: threading.Event) -> tuple[bool, bool]:
    """Wait for a child until it ends, the deadline passes or ``stopping`` is set; the
    last two stop it. ``wait(timeout)`` says whether it has ended. Returns
    ``(timed_out, stopped)``."""
    while not wait(POLL_SECONDS):
        if stopping.is_set():
            stop()
            return False, True
        if time.monotonic() >= deadline:
            stop()
            return True, False
    return False, False


def _finished(proc: subprocess.Popen[bytes], timeout: float) -> bool:
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    return True
TERM_GRACE_SECONDS = 2.0
STDERR_TAIL_BYTES = 4000
WEBHOOK_PLACEHOLDER = "https://crawler-holds-no-secrets.invalid/"
PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass(slots=True)
class ChildResult:
    returncode: int | None
    duration: float
    summary: dict[str, Any] | None = None
    error: str | None = None
    timed_out: bool = False
    stopped: bool = False  # terminated because the daemon is shutting down
    stderr_tail: str = ""
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    def settle(self, summary: dict[str, Any] | None, time_limit: float) -> None:
        """Say how the crawl ended: stopped, over time, or with (or without) its summary."""
        if self.stopped:
            self.error = "stopped: the daemon is shutting down"
        elif self.timed_out:
            self.error = f"crawl process killed after its time limit of {time_limit:.0f}s"
        elif summary is None:
            last = self.stderr_tail.strip().splitlines()[-1:] or [""]
            self.error = (f"crawl process exited with status {self.returncode} "
                          f"without a summary: {last[0][:300]}").rstrip(": ")
        else:
            self.summary, self.sources = summary, sources_of(summary)


class ChildRunner:
    """Starts crawl children and can stop every running one (daemon shutdown)."""

    def __init__(self, config_path: Path, *, python: str = sys.executable,
                 module: str = "scheduler.cycle", extra_env: dict[str, str] | None = None,
                 extra_args: Sequence[str] = ()) -> None:
        self.config_path = config_path.resolve()
        self.extra_args = list(extra_args)
        self.python = python
        self.module = module
        self.extra_env = dict(extra_env or {})
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[bytes]] = set()
        self._stopping = threading.Event()

    def command(self, sources: Sequence[str], extra_args: Sequence[str] = ()) -> list[str]:
        cmd = [self.python, "-m", self.module, "--config", str(self.config_path)]
        for name in sources:
            cmd += ["--source", name]
        cmd.append("--json")
        return cmd + self.extra_args + list(extra_args)

    @property
    def running(self) -> int:
        with self._lock:
            return len(self._running)

    def run(self, sources: Sequence[str], *, time_limit: float, alerts: str | None = None,
            extra_args: Sequence[str] = ()) -> ChildResult:
        """Run one cycle over ``sources``; never raises for what the child does.

        ``alerts``: auto, on or off (whether the cycle's new figures may alert).
        """
        if alerts is not None:
            extra_args = [*extra_args, "--alerts", alerts]
        if self._stopping.is_set():
            return ChildResult(returncode=None, duration=0.0, stopped=True,
                               error="daemon is stopping")
        env = child_env({**os.environ, **self.extra_env})
        started = time.monotonic()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            try:
                proc = subprocess.Popen(
                    self.command(sources, extra_args), stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                    env=env, start_new_session=True, close_fds=True,
                )
            except OSError as exc:
                return ChildResult(returncode=None, duration=0.0,
                                   error=f"cannot start the crawl process: {exc}")
            with self._lock:
                self._running.add(proc)
            try:
                timed_out, stopped = supervise(
                    lambda timeout: _finished(proc, timeout), lambda: _stop_group(proc),
                    deadline=started + time_limit, stopping=self._stopping)
            finally:
                with self._lock:
                    self._running.discard(proc)
            if not timed_out and self._stopping.is_set() and proc.returncode != 0:
                stopped = True  # stop_all() ended it while we were waiting
            duration = time.monotonic() - started
            out.seek(0)
            stdout = out.read()
            err.seek(0, os.SEEK_END)
            size = err.tell()
            err.seek(max(0, size - STDERR_TAIL_BYTES))
            tail = err.read().decode("utf-8", "replace")
        result = ChildResult(returncode=proc.returncode, duration=duration,
                             timed_out=timed_out, stopped=stopped, stderr_tail=tail)
        result.settle(None if stopped or timed_out else _parse_summary(stdout), time_limit)
        return result

    def stop_all(self) -> None:
        """Stop every running child now and refuse to start new ones."""
        self._stopping.set()
        with self._lock:
            procs = list(self._running)
        for proc in procs:
            _stop_group(proc)


def die_with_parent() -> None:
    """End this process when its parent ends, however the parent ends (even ``kill -9``).

    Linux: the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``);
    elsewhere a watcher thread notices the parent is gone. Called first thing in
    every crawl child: no crawl outlives the process that started it.
    """
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):  # not Linux
        armed = False
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
    if parent == 1 or os.getppid() != parent:  # the parent was already gone
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def child_env(env: dict[str, str]) -> dict[str, str]:
    """The crawl child's environment, without the channel secrets (it never sends anything).

    The SMTP password is dropped; the Slack and webhook URLs, the webhook's
    signing secret and Apprise URLs from the environment are replaced by
    placeholders, so that a config with those channels enabled still validates
    in the child (which writes a delivery row per enabled channel).
    """
    out = dict(env)
    out.pop("STATIONWATCH_SMTP_PASSWORD", None)
    placeholders = {
        "STATIONWATCH_SLACK_WEBHOOK_URL": WEBHOOK_PLACEHOLDER,
        "STATIONWATCH_WEBHOOK_URL": WEBHOOK_PLACEHOLDER,
        "STATIONWATCH_WEBHOOK_SECRET": "crawler-holds-no-secrets",
    }
    for key in out:
        if key.startswith("STATIONWATCH_APPRISE_"):
            placeholders[key] = "json://crawler-holds-no-secrets.invalid/"
    for key, placeholder in placeholders.items():
        if out.get(key):
            out[key] = placeholder
    return out


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the child's process group, SIGKILL it when it lingers; always reap."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=TERM_GRACE_SECONDS)
        return
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _parse_summary(stdout: bytes) -> dict[str, Any] | None:
    """The JSON object the child printed (the last line that parses as one)."""
    text = stdout.decode("utf-8", "replace").strip()
    if not text:
        return None
    try:
        value = json.loads(text)
        return value if isinstance(value, dict) else None
    except json.JSONDecodeError:
        pass
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return value
    return None


def sources_of(summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per-source results of a cycle summary: ``{"sources": {name: {...}}}`` or a list of them."""
    sources = summary.get("sources")
    if isinstance(sources, dict):
        return {str(k): v for k, v in sources.items() if isinstance(v, dict)}
    if isinstance(sources, list):
        return {str(v["name"]): v for v in sources if isinstance(v, dict) and "name" in v}
    return {}
