"""Running ``stationwatch`` as a real subprocess, from the repo under test."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STATIONWATCH_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra or {})
    return env


def _command(config: Path | None, args: tuple[str, ...]) -> list[str]:
    cmd = [sys.executable, "-m", "scheduler"]
    if config is not None:
        cmd += ["--config", str(config)]
    return cmd + list(args)


def run_cli(
    *args: str,
    config: Path | None = None,
    input: str | None = None,  # noqa: A002
    env: dict[str, str] | None = None,
    timeout: float = 120,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(config, args),
        input=input,
        capture_output=True,
        text=True,
        env=cli_env(env),
        timeout=timeout,
        cwd=cwd,
    )


def start_cli(config: Path, *args: str) -> subprocess.Popen[str]:
    """``stationwatch --config config <args>`` in the background (to be killed or raced)."""
    return subprocess.Popen(_command(config, args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=cli_env())


def kill_hard(proc: subprocess.Popen[str], *, then: threading.Event | None = None) -> None:
    """SIGKILL ``proc`` (no handler of its runs) and reap it; then set ``then`` (e.g. let a held
    page go). ``proc.returncode`` is ``-SIGKILL`` unless it had ended before."""
    try:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if then is not None:
            then.set()
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def crawl(config: Path, *args: str, env: dict[str, str] | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``stationwatch crawl``, which must exit 0."""
    done = run_cli("crawl", *args, config=config, env=env, timeout=timeout)
    assert done.returncode == 0, f"crawl exited {done.returncode}: {done.stderr[-3000:]}"
    return done


def cli_json(config: Path, *args: str) -> Any:
    """The parsed output of ``stationwatch <args> --json``, which must exit 0."""
    done = run_cli(*args, "--json", config=config)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def status(config: Path) -> dict[str, dict[str, Any]]:
    """``status --json``: each source's row by name, and the totals under ``_totals``."""
    data = cli_json(config, "status")
    by_name = {s["name"]: s for s in data["sources"]}
    by_name["_totals"] = {k: v for k, v in data.items() if k != "sources"}
    return by_name
