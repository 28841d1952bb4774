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
    peak_pss_tree: int = 0  # bytes, largest sum of PSS over the tree (shared pages counted once)

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
        self.peak = self.peak_tree = self.peak_pss_tree = 0
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
            if len(procs) > 1:  # PSS: pages shared by forked processes count once (smaps_rollup)
                pss = 0
                for p in procs:
                    try:
                        pss += p.memory_full_info().pss
                    except psutil.Error:
                        continue
                self.peak_pss_tree = max(self.peak_pss_tree, pss)
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
                 after.ru_stime - before.ru_stime, poller.peak, poller.peak_tree, out, err, poller.samples,
                 poller.peak_pss_tree)
    log.info("%s: rc=%d wall=%.2fs cpu=%.2fs peak=%.0fMB", display(cmd)[:120], m.returncode, m.wall, m.cpu,
             m.peak_rss / 2**20)
    return m


def repeat_timing(cmds: Mapping[str, Sequence[str]], runs: int, *, env: Mapping[str, str] | None = None,
                  warmup: int = 1) -> dict[str, dict[str, float | int | str]]:
    """Hyperfine-like timing of several commands, interleaved so that drift in the machine's load
    hits them alike: ``warmup`` untimed rounds, then ``runs`` timed rounds; mean, median, min, stdev."""
    import statistics

    env = dict(env) if env else child_env()
    times: dict[str, list[float]] = {name: [] for name in cmds}
    rcs: dict[str, int] = dict.fromkeys(cmds, 0)
    errs: dict[str, str] = dict.fromkeys(cmds, "")
    for i in range(warmup + runs):
        for name, cmd in cmds.items():
            t0 = time.perf_counter()
            p = subprocess.run(list(cmd), cwd=REPO, env=env, capture_output=True, text=True, check=False)
            if i >= warmup:
                times[name].append(time.perf_counter() - t0)
            if p.returncode and not rcs[name]:
                rcs[name], errs[name] = p.returncode, p.stderr[-500:]
    return {name: {"mean": statistics.fmean(ts), "median": statistics.median(ts), "min": min(ts),
                   "stdev": statistics.stdev(ts) if len(ts) > 1 else 0.0, "runs": runs,
                   "returncode": rcs[name], "error": errs[name]} for name, ts in times.items()}
