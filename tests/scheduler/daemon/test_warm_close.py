"""A daemon stopped while its fork server is still warming up exits at once: closing the
pool does not wait for the preload to finish (CI saw 10 s and more under load)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import ROOT, cli_env

pytestmark = pytest.mark.slow

PROBE = """
import json, os, sys, time
from pathlib import Path
from scheduler.config import load_config
from scheduler.warm import WarmPool

pool = WarmPool(load_config(Path(sys.argv[1])), preload=["tests.scheduler.daemon.slow_warmup"])
pool.start()
time.sleep(0.5)
pid = pool.server_pid
started = time.monotonic()
pool.close()
took = time.monotonic() - started
try:
    os.kill(pid, 0)
    alive = True
except ProcessLookupError:
    alive = False
print(json.dumps({"took": took, "alive": alive, "pid": pid}))
"""


def test_closing_the_pool_during_the_warm_up_is_quick(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('[storage]\nurl = "sqlite:///store.db"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PROBE, str(cfg)], capture_output=True, text=True,
                          env=cli_env(), cwd=ROOT, timeout=110, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["pid"] is not None
    assert seen["took"] < 8, seen
    assert not seen["alive"], seen
