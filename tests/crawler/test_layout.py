"""Spiders download and parse only; Scrapy's settings are one table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

CRAWLER = Path(__file__).resolve().parents[2] / "crawler"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_spiders_import_nothing_from_storage() -> None:
    for path in sorted((CRAWLER / "spiders").glob("*.py")):
        storage = {name for name in _imports(path) if name == "storage" or name.startswith("storage.")}
        assert not storage, f"{path.name} imports {sorted(storage)}"


def test_each_bound_is_set_once_in_one_settings_table() -> None:
    for key in ("DOWNLOAD_TIMEOUT", "DOWNLOAD_MAXSIZE", "REDIRECT_MAX_TIMES", "DOWNLOADER_MIDDLEWARES",
                "ITEM_PIPELINES"):
        setters = [(path.relative_to(CRAWLER).as_posix(), len(re.findall(rf'"{key}"\s*:', text)))
                   for path in CRAWLER.rglob("*.py") if (text := path.read_text(encoding="utf-8"))]
        assert [(p, n) for p, n in setters if n] == [("settings.py", 1)], key
