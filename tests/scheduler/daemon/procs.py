"""Which processes under a stationwatch process are crawls, and whether any survive it."""

from __future__ import annotations

import psutil


def crawls(root_pid: int) -> list[psutil.Process]:
    """Crawl processes under ``root_pid``: children started as ``python -m scheduler.cycle``,
    or processes forked by a fork server (they carry its command line) below it."""
    try:
        root = psutil.Process(root_pid)
        below = root.children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    out = []
    for proc in below:
        try:
            cmd = " ".join(proc.cmdline())
            if "scheduler.cycle" in cmd or ("forkserver" in cmd and proc.ppid() != root_pid):
                out.append(proc)
        except psutil.Error:
            continue
    return out


def alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    out = []
    for proc in procs:
        try:
            if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                out.append(proc)
        except psutil.NoSuchProcess:
            continue
    return out
