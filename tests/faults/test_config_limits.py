"""Fault suite, item 6: config values that would overflow a date later are config errors.

A duration too large for a date (``now + interval`` past year 9999), for a
socket timeout or for a timedelta at all is refused when the config is read:
exit 2, one line naming the file and the key, nothing run. A file saved with
a UTF-8 byte order mark (as some Windows editors do) is read as usual.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run_cli

pytestmark = pytest.mark.slow

HEAD = '[storage]\nurl = "sqlite:///store.db"\n'
SOURCE = '[[sources]]\nname = "x"\nkind = "feed"\nurl = "https://example.org/feed.xml"\n'

OVERFLOWS = {
    "days-beyond-timedelta": ('[crawl]\ninterval = "99999999999d"\n', "crawl.interval"),
    "infinite-interval": ("[crawl]\ninterval = inf\n", "crawl.interval"),
    "nan-interval": ("[crawl]\ninterval = nan\n", "crawl.interval"),
    "huge-float-timeout": ("[crawl]\ntimeout = 1e300\n", "crawl.timeout"),
    "source-interval-past-9999": (SOURCE + 'interval = "3000000d"\n', "sources[0].interval"),
    "email-timeout": ('[alerts.email]\ntimeout = "9999999d"\n', "alerts.email.timeout"),
    "drain-interval": ('[alerts]\ndrain_interval = "99999999d"\n', "alerts.drain_interval"),
}


@pytest.mark.parametrize("case", list(OVERFLOWS))
def test_overflowing_duration_is_a_config_error(tmp_path: Path, case: str) -> None:
    body, key = OVERFLOWS[case]
    cfg = tmp_path / "config.toml"
    cfg.write_text(HEAD + body, encoding="utf-8")
    out = run_cli("crawl", config=cfg)
    assert out.returncode == 2, (out.returncode, out.stderr[-2000:])
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert str(cfg) in lines[0] and f": {key}: " in lines[0], lines[0]
    assert not (tmp_path / "store.db").exists()  # nothing ran


def test_config_with_a_utf8_bom_is_read(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_bytes(b"\xef\xbb\xbf" + (HEAD + '[crawl]\ninterval = "15m"\n').encode())
    out = run_cli("status", "--json", config=cfg)
    assert out.returncode == 0, out.stderr[-2000:]
    assert (tmp_path / "store.db").exists()
