"""Run a command and measure it: wall, CPU of the child tree, peak resident memory.

CPU comes from ``RUSAGE_CHILDREN`` deltas around the wait (it covers every
waited-for descendant); memory from psutil polling of the child's process
tree (the peak of the largest single process and of the tree's sum).
"""

from __future__ import annotations

import logging
import os
import resource
import shlex
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Measured:
    cmd: list[str]
    returncode: int
    wall: float
    cpu_user: float
    cpu_sys: float
    peak_rss: int  # bytes, largest single process of the tree
    peak_rss_tree: int  # bytes, largest sum over the tree
    stdout: str = ""
    stderr: str = ""
    samples: list[tuple[float, int]] = field(default_factory=list)  # (t, rss of the root)

    @property
    def cpu(self) -> float:
        return self.cpu_user + self.cpu_sys

    def tail(self, n: int = 800) -> str:
        return (self.stderr or self.stdout)[-n:]


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("PYTHONHASHSEED", "0")
    if extra:
        env.update(extra)
    return env


def display(cmd: Sequence[str]) -> str:
    """The command as a user would type it (the venv's python shown as ``python``)."""
    bindir = str(Path(sys.executable).parent) + os.sep

    def one(c: str) -> str:
        if c == sys.executable:
            return "python"
        return shlex.quote(c[len(bindir):] if c.startswith(bindir) else c)

    return " ".join(one(c) for c in cmd)


class _Poller(threading.Thread):
    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = self.peak_tree = 0
        self.samples: list[tuple[float, int]] = []
        self.done = threading.Event()

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        t0 = time.perf_counter()
        while not self.done.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            total = 0
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
                if p.pid == self.pid:
                    self.samples.append((time.perf_counter() - t0, rss))
                total += rss
                self.peak = max(self.peak, rss)
            self.peak_tree = max(self.peak_tree, total)
            self.done.wait(self.interval)


def run_measured(cmd: Sequence[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None,
                 timeout: float = 900.0, cpus: set[int] | None = None, poll: float = 0.05,
                 during: Callable[[subprocess.Popen[str]], None] | None = None) -> Measured:
    """Run ``cmd`` to completion; ``cpus`` pins it (and its children) to those cores."""
    preexec = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(list(cmd), cwd=cwd or REPO, env=dict(env) if env else child_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=preexec)
    poller = _Poller(proc.pid, poll)
    poller.start()
    try:
        if during is not None:
            during(proc)
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        err += f"\n[bench] killed after {timeout:.0f} s"
    wall = time.perf_counter() - t0
    poller.done.set()
    poller.join(5)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    m = Measured(list(cmd), proc.returncode, wall, after.ru_utime - before.ru_utime,
                 after.ru_stime - before.ru_stime, poller.peak, poller.peak_tree, out, err, poller.samples)
    log.info("%s: rc=%d wall=%.2fs cpu=%.2fs peak=%.0fMB", display(cmd)[:120], m.returncode, m.wall, m.cpu,
             m.peak_rss / 2**20)
    return m


def repeat_timing(cmd: Sequence[str], runs: int, *, env: Mapping[str, str] | None = None,
                  warmup: int = 1) -> dict[str, float]:
    """Hyperfine-like: ``warmup`` untimed runs, then ``runs`` timed; mean, median, min, stdev."""
    import statistics

    for _ in range(warmup):
        subprocess.run(list(cmd), cwd=REPO, env=dict(env) if env else child_env(), capture_output=True,
                       check=False)
    times: list[float] = []
    rc = 0
    err = ""
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(list(cmd), cwd=REPO, env=dict(env) if env else child_env(), capture_output=True,
                           text=True, check=False)
        times.append(time.perf_counter() - t0)
        rc = rc or p.returncode
        err = err or (p.stderr[-500:] if p.returncode else "")
    return {"mean": statistics.fmean(times), "median": statistics.median(times), "min": min(times),
            "stdev": statistics.stdev(times) if len(times) > 1 else 0.0, "runs": runs, "returncode": rc,
            "error": err}
