"""SECURITY.md's table lists exactly the fault suite's cases."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # subprocesses, real crawls

ROOT = Path(__file__).resolve().parents[2]


def test_security_table_matches_the_fault_suite() -> None:
    done = subprocess.run([sys.executable, "-m", "pytest", "tests/faults", "--collect-only", "-q"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    collected = {line.strip() for line in done.stdout.splitlines() if "::" in line}
    collected = {nid for nid in collected if "test_security_md.py" not in nid}
    table = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\|[^\n]*\| `(tests/faults/[^`]+)` \|$", table, re.MULTILINE))
    assert len(collected) >= 30
    assert listed == collected, {"missing from SECURITY.md": sorted(collected - listed),
                                 "not in the suite": sorted(listed - collected)}
