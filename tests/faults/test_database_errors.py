"""Fault suite, item 6: a store that cannot be used says which file, what is wrong, what to do.

A read-only file, a damaged file (not a database, or cut short) and a file
whose schema a newer stationwatch wrote: every command exits 1 with one line
naming the file, the problem and the remedy; no traceback; the file is left
exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.cli import run_cli

pytestmark = pytest.mark.slow


def _config(folder: Path, db: Path) -> Path:
    cfg = folder / "config.toml"
    cfg.write_text(f'[storage]\nurl = "sqlite:///{db}"\n', encoding="utf-8")
    return cfg


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fails_clearly(cfg: Path, db: Path, *words: str, command: str = "status") -> str:
    before = _digest(db)
    out = run_cli(command, config=cfg)
    assert out.returncode == 1, (out.returncode, out.stderr[-2000:])
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert str(db) in lines[0], lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    assert _digest(db) == before  # untouched
    return lines[0]


def _made_store(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "store.db"
    cfg = _config(tmp_path, db)
    assert run_cli("init", config=cfg).returncode == 0
    return cfg, db


@pytest.mark.parametrize("command", ["status", "crawl"])
def test_newer_schema_is_refused_untouched(tmp_path: Path, command: str) -> None:
    cfg, db = _made_store(tmp_path)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999_future'")
        conn.commit()
    _fails_clearly(cfg, db, "created by a newer stationwatch", "0999_future", command=command)


@pytest.mark.parametrize("command", ["status", "crawl"])
def test_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, command: str) -> None:
    db = tmp_path / "store.db"
    db.write_bytes(b"these are the minutes of the 3 May meeting, not a database\n" * 200)
    line = _fails_clearly(_config(tmp_path, db), db, "damaged", command=command)
    assert "backup" in line


def test_database_cut_short_is_refused_untouched(tmp_path: Path) -> None:
    cfg, db = _made_store(tmp_path)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])  # the header survives, most pages do not
    line = _fails_clearly(cfg, db, "damaged")
    assert "backup" in line


@pytest.fixture
def read_only_store(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """An initialised store whose folder is read-only: a read-only bind mount as root, modes otherwise."""
    home = tmp_path / "home"
    home.mkdir()
    _, made = _made_store(home)
    view = tmp_path / "ro"
    view.mkdir()
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "--bind", str(home), str(view)], capture_output=True, check=False)
        if mounted.returncode != 0:
            pytest.skip(f"cannot bind-mount here: {mounted.stderr.decode().strip()}")
        subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], check=True)
        try:
            yield _config(tmp_path, view / made.name), view / made.name
        finally:
            subprocess.run(["umount", "-l", str(view)], check=False)
    else:
        view.rmdir()
        home.rename(view)
        (view / made.name).chmod(0o444)
        view.chmod(0o555)
        try:
            yield _config(tmp_path, view / made.name), view / made.name
        finally:
            view.chmod(0o755)


def test_read_only_database_names_the_file_and_the_fix(read_only_store: tuple[Path, Path]) -> None:
    cfg, db = read_only_store
    _fails_clearly(cfg, db, "read-only", "check permissions")
