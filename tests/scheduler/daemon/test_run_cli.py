"""`run --worker` needs PostgreSQL; `status` on SQLite lists no workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.daemon import FAST_DRAIN

pytestmark = pytest.mark.slow


def test_worker_on_sqlite_is_refused_with_exit_2(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "config.toml", FAST_DRAIN)
    out = run_cli("run", "--worker", config=cfg, timeout=60)
    assert out.returncode == 2
    assert "PostgreSQL" in out.stderr and str(cfg) in out.stderr
    assert "Traceback" not in out.stderr


def test_status_on_sqlite_has_no_workers(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "config.toml", FAST_DRAIN)
    out = run_cli("status", "--json", config=cfg)
    assert out.returncode == 0 and json.loads(out.stdout)["workers"] == []
