"""The dashboard reads the store through storage/ and imports nothing from crawler/:
serving a page loads neither Scrapy nor the analysis models."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import ROOT, cli_env

WEB = ROOT / "scheduler" / "web"


def test_no_web_module_imports_the_crawler() -> None:
    for path in WEB.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n == "crawler" or n.startswith("crawler.") for n in names), (path.name, names)


@pytest.mark.slow
def test_a_served_page_loads_neither_scrapy_nor_the_analysis(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[storage]\nurl = "sqlite:///store.db"\n', encoding="utf-8")
    probe = (
        "import sys, httpx\n"
        "from pathlib import Path\n"
        "from scheduler.config import load_config\n"
        "from storage.engine import make_engine\n"
        "from storage.schema import ensure_schema\n"
        "from scheduler.web.server import start_in_thread\n"
        f"cfg = load_config(Path({str(config)!r}))\n"
        "ensure_schema(make_engine(cfg.database_url))\n"
        "h = start_in_thread(cfg, port=0)\n"
        "for p in ('', 'stories?q=x', 'sources', 'alerts', 'api/status', 'feeds/alerts.atom'):\n"
        "    assert httpx.get(h.url + p).status_code == 200, p\n"
        "h.stop()\n"
        "heavy = [m for m in ('scrapy', 'twisted', 'trafilatura', 'lingua', 'crawler.analysis')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=cli_env(), cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == ""
