"""Watching a running ``stationwatch run`` from outside: its cycles, CPU and memory.

The daemon forks its crawls from a fork server (``scheduler.warm``), so its
process tree is: the daemon, the fork server (and multiprocessing's resource
tracker), and one crawl process per running batch under the fork server.

- CPU of the tree: for each live process its own time plus what it has
  reaped (``children_*``), so a finished crawl counts once, in the fork
  server that reaped it.
- Memory: RSS of the daemon alone (the "idle daemon" figure), and of the
  whole tree two ways: the sum of RSS, which counts every page a forked
  crawl shares with the fork server twice, and the sum of PSS (each shared
  page split between the processes that map it), which is what the tree
  costs the machine.
- Cycles: the daemon logs one line per batch, ``crawled N source(s) in Xs``;
  batches that started within a second of each other form one cycle.
"""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psutil

from bench.measure import child_env

MB = 2**20
BATCH = re.compile(r"^(\S+ \S+) INFO scheduler\.daemon\.jobs: crawled (\d+) source\(s\) in ([\d.]+)s", re.M)


@dataclass
class Batch:
    start: float  # epoch seconds
    end: float
    sources: int


@dataclass
class Cycle:
    start: float
    end: float
    sources: int

    @property
    def wall(self) -> float:
        return self.end - self.start


def batches(log_text: str) -> list[Batch]:
    out = []
    for stamp, n, secs in BATCH.findall(log_text):
        end = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f").timestamp()
        out.append(Batch(end - float(secs), end, int(n)))
    return sorted(out, key=lambda b: b.start)


def cycles(log_text: str, gap: float = 1.0) -> list[Cycle]:
    """Batches started within ``gap`` seconds of the cycle's first one belong to it."""
    out: list[Cycle] = []
    for b in batches(log_text):
        if out and b.start - out[-1].start <= gap:
            last = out[-1]
            out[-1] = Cycle(last.start, max(last.end, b.end), last.sources + b.sources)
        else:
            out.append(Cycle(b.start, b.end, b.sources))
    return out


@dataclass
class TreeWatch:
    """Samples a daemon's process tree every ``interval`` seconds in a thread."""

    pid: int
    interval: float = 0.1
    daemon_rss: list[float] = field(default_factory=list)  # MB, every sample
    idle_daemon_rss: list[float] = field(default_factory=list)  # MB, samples with no crawl running
    server_rss: float = 0.0  # MB, the fork server, last idle sample
    tree_rss_peak: float = 0.0
    tree_pss_peak: float = 0.0
    busy_pss_peak: float = 0.0  # during crawls only
    samples: int = 0

    def __post_init__(self) -> None:
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> TreeWatch:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._done.set()
        self._thread.join(5)

    def _run(self) -> None:
        root = psutil.Process(self.pid)
        while not self._done.is_set():
            try:
                self._sample(root)
            except psutil.Error:
                pass
            self._done.wait(self.interval)

    def _sample(self, root: psutil.Process) -> None:
        below = root.children(recursive=True)
        crawling = any(p.ppid() != self.pid for p in below)
        rss = pss = 0.0
        for p in [root, *below]:
            try:
                mem = p.memory_full_info()
            except psutil.Error:
                continue
            rss += mem.rss / MB
            pss += mem.pss / MB
            if p.pid == self.pid:
                self.daemon_rss.append(mem.rss / MB)
                if not crawling:
                    self.idle_daemon_rss.append(mem.rss / MB)
            elif not crawling and "forkserver" in " ".join(p.cmdline()):
                self.server_rss = mem.rss / MB
        self.tree_rss_peak = max(self.tree_rss_peak, rss)
        self.tree_pss_peak = max(self.tree_pss_peak, pss)
        if crawling:
            self.busy_pss_peak = max(self.busy_pss_peak, pss)
        self.samples += 1


def tree_cpu(pid: int) -> float:
    """CPU seconds used so far by the process ``pid`` and everything under it."""
    total = 0.0
    root = psutil.Process(pid)
    for p in [root, *root.children(recursive=True)]:
        try:
            t = p.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def crawling(pid: int) -> bool:
    try:
        return any(p.ppid() != pid for p in psutil.Process(pid).children(recursive=True))
    except psutil.Error:
        return False


class RunningDaemon:
    """``python -m scheduler --config C run`` with its log in the config's folder."""

    def __init__(self, cmd: list[str], cwd: Path) -> None:
        self.log_path = cwd / "daemon.log"
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=child_env(), stdout=self._log, stderr=subprocess.STDOUT)

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def wait_cycles(self, n: int, sources: int, timeout: float) -> list[Cycle]:
        """Wait until ``n`` full cycles (each covering ``sources``) are logged."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the daemon exited with {self.proc.returncode}: {self.log()[-800:]}")
            done = [c for c in cycles(self.log()) if c.sources >= sources]
            if len(done) >= n:
                return done
            time.sleep(0.2)
        raise RuntimeError(f"fewer than {n} cycles of {sources} sources in {timeout:.0f}s: {self.log()[-800:]}")

    def wait_idle(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while crawling(self.proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> int | None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(10)
        finally:
            self._log.close()
