"""``stationwatch coverage``: JSON shape, text table, and the real CLI."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest

from scheduler.commands.coverage import run_coverage
from tests.storage.test_stories import populate
from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.store import open_store

STORY_KEYS = {"id", "title", "first_seen", "published", "url", "copies", "claims"}


def _aware(value: str) -> bool:
    return datetime.fromisoformat(value).tzinfo is not None


def test_json_has_the_contract_shape(tmp_path):
    engine = open_store(tmp_path / "store.db")
    first, toronto = populate(engine)
    out = io.StringIO()
    assert run_coverage(engine, as_json=True, limit=None, stdout=out) == 0
    engine.dispose()
    data = json.loads(out.getvalue())
    assert [s["id"] for s in data] == [toronto.story_id, first.story_id]
    for story in data:
        assert STORY_KEYS <= set(story)
        assert _aware(story["first_seen"])
        for copy in story["copies"]:
            assert {"url", "outlet", "first_seen"} <= set(copy)
            assert _aware(copy["first_seen"])
    dublin = data[1]
    assert dublin["url"] == dublin["copies"][0]["url"] == "https://dublin-ledger.ie/news/capel-street-office"
    assert [c["outlet"] for c in dublin["copies"]] == ["dublin-ledger.ie", "wire-daily.com", "mirror.example.net"]
    assert dublin["claims"][0]["count"] == 54 and dublin["claims"][0]["countries"] == 21
    assert dublin["published"] == "2022-11-01T07:00:00+00:00"


def test_text_table_lists_every_copy(tmp_path):
    engine = open_store(tmp_path / "store.db")
    populate(engine)
    out = io.StringIO()
    assert run_coverage(engine, as_json=False, limit=1, stdout=out) == 0
    engine.dispose()
    text = out.getvalue()
    assert "Toronto sites probed" in text
    assert "Dublin office" not in text  # --limit 1
    assert "news-a.example.com" in text
    assert "3 (CA)" in text
    assert "\x1b[" not in text  # plain when not a terminal


def test_empty_store(tmp_path):
    engine = open_store(tmp_path / "store.db")
    out = io.StringIO()
    assert run_coverage(engine, as_json=True, limit=None, stdout=out) == 0
    assert json.loads(out.getvalue()) == []
    out = io.StringIO()
    run_coverage(engine, as_json=False, limit=None, stdout=out)
    engine.dispose()
    assert "no stories" in out.getvalue()


@pytest.mark.slow
def test_cli(tmp_path):
    engine = open_store(tmp_path / "store.db")
    first, toronto = populate(engine)
    engine.dispose()
    config = write_config(tmp_path / "config.toml", "")
    done = run_cli("coverage", "--json", "--limit", "5", config=config)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [s["id"] for s in data] == [toronto.story_id, first.story_id]
    assert len(data[1]["copies"]) == 3
    plain = run_cli("coverage", config=config)
    assert plain.returncode == 0, plain.stderr
    assert "wire-daily.com" in plain.stdout
    bad = run_cli("coverage", "--limit", "-1", config=config)
    assert bad.returncode == 2


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_gets_a_rich_table(tmp_path):
    engine = open_store(tmp_path / "store.db")
    populate(engine)
    out = _Terminal()
    assert run_coverage(engine, as_json=False, limit=None, stdout=out) == 0
    engine.dispose()
    text = out.getvalue()
    assert "Dublin office told to close" in text
    assert "wire-daily.com" in text
    assert "┃" in text or "│" in text  # drawn by rich
