"""Warm crawl workers: each crawl forked from a server that has imported everything once.

A cold crawl child pays for Python, Scrapy, trafilatura and the analysis'
language data (about 2.5 s of CPU) before its first request. The daemon
instead starts multiprocessing's fork server once, with ``scheduler.warmup``
preloaded, and forks every crawl from it: the crawl starts in milliseconds
with the imports already in memory (shared copy-on-write).

Each crawl is still a process of its own, as Scrapy's reactor cannot restart
and a crawl may hang, leak or crash: it runs in its own session, so the
whole group is stopped on a time limit or at shutdown, and it dies with the
fork server (which exits when the daemon does, however it ends). The fork
server never crawls itself, so its memory stays what the warm-up left: there
is nothing to recycle. The child gets the daemon's config (without the
channel secrets) as an object, so every crawl follows the config the daemon
last loaded (SIGHUP), and writes its summary to a file the parent reads.

Where the fork server cannot start, ``WarmPool`` falls back to a fresh
``python -m scheduler.cycle`` per crawl (``ChildRunner``).
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from scheduler.child import (
    STDERR_TAIL_BYTES,
    TERM_GRACE_SECONDS,
    ChildResult,
    ChildRunner,
    die_with_parent,
    supervise,
)
from scheduler.config import LoadedConfig, crawl_only

log = logging.getLogger(__name__)

# how long the fork server has to end by itself at shutdown before it is sent SIGTERM
SERVER_GRACE_SECONDS = 3.0

PRELOAD = ("scheduler.warmup",)
ALERTS = {"auto": None, "on": True, "off": False}


def crawl_child(cfg: LoadedConfig, names: list[str], alerts: str, out_path: str, log_path: str) -> None:
    """The crawl, in the forked child: one cycle over ``names``, its summary to ``out_path``."""
    warm = bool(getattr(sys.modules.get("scheduler.warmup"), "READY", False))
    os.setsid()
    die_with_parent()  # the fork server
    _die_with_daemon()
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    from scheduler.cycle import UnknownSource, run_cycle
    from scheduler.logs import setup_logging
    from storage.engine import StorageError

    setup_logging()
    try:
        summary = run_cycle(cfg, names, alert=ALERTS[alerts])
    except UnknownSource as exc:
        logging.getLogger("scheduler.cycle").error("%s", exc)
        sys.exit(2)
    except StorageError as exc:
        logging.getLogger("scheduler.cycle").error("%s", exc)
        sys.exit(1)
    part = out_path + ".part"
    with open(part, "w", encoding="utf-8") as out:
        json.dump({**summary.to_dict(), "warm": warm}, out)
    os.replace(part, out_path)


def _die_with_daemon() -> None:
    """End this crawl when the process that asked for it ends, however it ends.

    A forked child holds a copy of the fork server's "alive" pipe, so the
    server outlives a killed daemon for as long as any child runs; the
    child therefore watches the daemon itself, through the sentinel
    multiprocessing gives it (``parent_process().sentinel``, readable once
    the daemon's end of the connection is gone).
    """
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    if sentinel is None:
        return

    def watch() -> None:
        wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="daemon-watch", daemon=True).start()


class WarmPool:
    """Runs crawls forked from a warm fork server; ``ChildRunner``'s interface."""

    def __init__(self, cfg: LoadedConfig, *, preload: Sequence[str] = PRELOAD,
                 target: Callable[..., None] = crawl_child) -> None:
        self.cfg = crawl_only(cfg)
        self.target = target  # called in the child as target(cfg, names, alerts, out_path, log_path)
        self._mp = multiprocessing.get_context("forkserver")
        self._mp.set_forkserver_preload(list(preload))
        self._dir = Path(tempfile.mkdtemp(prefix="stationwatch-crawls-"))
        self._lock = threading.Lock()
        self._running: dict[int, Any] = {}
        self._stopping = threading.Event()
        self._fallback: ChildRunner | None = None
        self._seq = 0
        self._cold_noted = False

    def start(self) -> None:
        """Start the fork server now, so that its warm-up overlaps the daemon's start."""
        from multiprocessing import forkserver

        try:
            forkserver.ensure_running()
        except OSError as exc:
            self._fall_back(exc)

    def update_config(self, cfg: LoadedConfig) -> None:
        self.cfg = crawl_only(cfg)
        if self._fallback is not None:
            self._fallback = ChildRunner(cfg.path)

    @property
    def running(self) -> int:
        with self._lock:
            return len(self._running) + (self._fallback.running if self._fallback else 0)

    @property
    def server_pid(self) -> int | None:
        from multiprocessing import forkserver

        pid: int | None = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
        return pid

    def run(self, sources: Sequence[str], *, time_limit: float, alerts: str = "auto") -> ChildResult:
        """One cycle over ``sources`` in a forked child; never raises for what the child does."""
        if self._stopping.is_set():
            return ChildResult(returncode=None, duration=0.0, stopped=True, error="daemon is stopping")
        if self._fallback is not None:
            return self._fallback.run(sources, time_limit=time_limit, extra_args=["--alerts", alerts])
        with self._lock:
            self._seq += 1
            stem = self._dir / f"crawl-{self._seq}"
        out, err = f"{stem}.json", f"{stem}.log"
        started = time.monotonic()
        proc = self._mp.Process(target=self.target, args=(self.cfg, list(sources), alerts, out, err),
                                name="stationwatch-crawl", daemon=True)
        try:
            proc.start()
        except (OSError, EOFError) as exc:
            self._fall_back(exc)
            return self.run(sources, time_limit=time_limit, alerts=alerts)
        pid = proc.pid
        assert pid is not None  # started
        with self._lock:
            self._running[pid] = proc
        try:
            timed_out, stopped = supervise(
                lambda timeout: _joined(proc, timeout), lambda: _stop(proc), deadline=started + time_limit, stopping=self._stopping)
        finally:
            with self._lock:
                self._running.pop(pid, None)
        if not timed_out and self._stopping.is_set() and proc.exitcode != 0:
            stopped = True
        code = proc.exitcode
        proc.close()
        result = ChildResult(returncode=code, duration=time.monotonic() - started,
                             timed_out=timed_out, stopped=stopped, stderr_tail=_tail(err))
        result.settle(None if stopped or timed_out else _read_summary(out), time_limit)
        if result.summary is not None and result.summary.get("warm") is False and not self._cold_noted:
            self._cold_noted = True
            log.warning("crawls start cold: the fork server's warm-up did not complete "
                        "(its error is logged above); they work, paying the imports each time")
        for path in (out, err):
            Path(path).unlink(missing_ok=True)
        return result

    def stop_all(self) -> None:
        """Stop every running crawl now and refuse to start new ones."""
        self._stopping.set()
        if self._fallback is not None:
            self._fallback.stop_all()
        with self._lock:
            procs = list(self._running.values())
        for proc in procs:  # the thread that runs each one waits for it and escalates
            _signal(proc, signal.SIGTERM)

    def close(self) -> None:
        """Stop every crawl, then the fork server (waited for, so that its CPU time and
        its crawls' count as this process's children's, as a cold child's would)."""
        self.stop_all()
        _stop_server(SERVER_GRACE_SECONDS)
        shutil.rmtree(self._dir, ignore_errors=True)

    def _fall_back(self, exc: BaseException) -> None:
        if self._fallback is None:
            log.warning("warm crawl workers unavailable (%s: %s); each crawl starts afresh",
                        type(exc).__name__, exc)
            self._fallback = ChildRunner(self.cfg.path)


def _stop_server(grace: float) -> None:
    """Stop the fork server and reap it. It ends when it reads end-of-file from us, but
    only once its preload has finished: a daemon stopped during a slow warm-up would wait
    for the whole import, so after ``grace`` seconds the server is sent SIGTERM."""
    from multiprocessing import forkserver

    server = forkserver._forkserver
    stop = getattr(server, "_stop", None)  # documented for tests only
    if not callable(stop):
        return
    pid: int | None = getattr(server, "_forkserver_pid", None)
    stopping = threading.Thread(target=stop, name="forkserver-stop", daemon=True)
    stopping.start()
    stopping.join(grace)
    if stopping.is_alive() and pid is not None:
        log.info("fork server (pid %d) still warming up: stopping it", pid)
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        stopping.join(grace)


def _joined(proc: multiprocessing.process.BaseProcess, timeout: float) -> bool:
    proc.join(timeout)
    return proc.exitcode is not None


def _stop(proc: Any) -> None:
    """SIGTERM the crawl's process group, SIGKILL it when it lingers; always reaped.
    Only the thread that started ``proc`` waits for it."""
    for sig, wait in ((signal.SIGTERM, TERM_GRACE_SECONDS), (signal.SIGKILL, None)):
        if proc.exitcode is not None:
            return
        _signal(proc, sig)
        proc.join(wait)


def _signal(proc: Any, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:  # not its own group yet (it has just been forked), or gone
        try:
            os.kill(proc.pid, sig)
        except ProcessLookupError:
            pass


def _read_summary(path: str) -> dict[str, Any] | None:
    try:
        with open(path, encoding="utf-8") as f:
            value = json.load(f)
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _tail(path: str) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - STDERR_TAIL_BYTES))
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""
