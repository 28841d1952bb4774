"""Issue 12.11: one daemon per database file, however the path to it is spelled."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scheduler.lock import DaemonLock, LockHeld


@pytest.fixture
def store(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    db = tmp_path / "data" / "sw.db"
    db.write_bytes(b"")
    return db


def test_symlinked_file_meets_the_same_lock(store: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(store)
    with DaemonLock(f"sqlite:///{store}"):
        with pytest.raises(LockHeld, match=f"pid {os.getpid()}"):
            DaemonLock(f"sqlite:///{link}").acquire()


def test_symlinked_folder_meets_the_same_lock(store: Path, tmp_path: Path) -> None:
    (tmp_path / "alias").symlink_to(store.parent, target_is_directory=True)
    with DaemonLock(f"sqlite:///{tmp_path / 'alias' / 'sw.db'}"):
        with pytest.raises(LockHeld):
            DaemonLock(f"sqlite:///{store}").acquire()


def test_differently_spelled_path_meets_the_same_lock(store: Path, tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    spelled = f"{tmp_path}/other/../data//./sw.db"
    with DaemonLock(f"sqlite:///{spelled}") as first:
        assert first.path == Path(f"{os.path.realpath(store)}.lock")
        with pytest.raises(LockHeld):
            DaemonLock(f"sqlite:///{store}").acquire()


def test_lock_for_a_file_not_created_yet(tmp_path: Path) -> None:
    (tmp_path / "alias").symlink_to(tmp_path, target_is_directory=True)
    with DaemonLock(f"sqlite:///{tmp_path / 'new.db'}"):
        with pytest.raises(LockHeld):
            DaemonLock(f"sqlite:///{tmp_path / 'alias' / 'new.db'}").acquire()
