"""The bench never rots: ``python -m bench --tiny`` runs and writes its report (no time assertions)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_tiny_bench_writes_its_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-m", "bench", "--tiny", "--out", str(out)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=280, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]

    md = (out / "report.md").read_text()
    assert "| stage | figure | value | floor | ratio | target | met | command |" in md
    assert "Machine:" in md

    report = json.loads((out / "report.json").read_text())
    rows = report["rows"]
    stages = {r["stage"] for r in rows}
    assert {"server", "floors", "full cycle", "quiet cycle", "peer", "responsiveness"} <= stages
    for row in rows:
        assert row["figure"] and (row["skipped"] or row["value"] is not None), row
        assert not (row["skipped"] or "").startswith("failed"), row
    # the parts that need nothing of stationwatch always measure something
    by_figure = {r["figure"]: r for r in rows}
    served = by_figure["news web: article pages served (keep-alive, 8 connections)"]
    assert served["value"] > 0
    assert by_figure["floor A: trafilatura alone, one process"]["value"] > 0
    assert by_figure["floor B: bare Scrapy fetching the same URLs"]["value"] > 0
