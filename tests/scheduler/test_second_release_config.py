"""The second release's config tables: [web], [evidence], [alerts.webhook],
[[alerts.apprise]] and [alerts.digest]; their secrets from the environment."""

from __future__ import annotations

import pytest

from scheduler.config import ConfigError, load_config
from tests.support.config import write_config


def test_defaults_follow_the_contract(tmp_path):
    cfg = load_config(write_config(tmp_path / "config.toml", ""))
    app = cfg.app
    assert (app.web.enabled, app.web.host, app.web.port, app.web.token) == (False, "127.0.0.1", 8470, "")
    assert app.evidence.archive is True
    assert cfg.evidence_dir == tmp_path / "evidence"
    digest = app.alerts.digest
    assert (digest.enabled, digest.schedule, digest.timezone, digest.channels) == (False, "daily 08:00", "UTC", ["email"])
    assert app.alerts.webhook.enabled is False and app.alerts.apprise == []


def test_full_tables_are_read(tmp_path, monkeypatch):
    monkeypatch.setenv("STATIONWATCH_APPRISE_TELEGRAM_DESK", "json://127.0.0.1:9/")
    monkeypatch.setenv("STATIONWATCH_WEBHOOK_SECRET", "from-env")
    monkeypatch.setenv("STATIONWATCH_WEB_TOKEN", "tok")
    cfg = load_config(write_config(tmp_path / "config.toml", """
[web]
enabled = true
port = 9000

[evidence]
path = "/var/lib/sw/evidence"

[alerts.digest]
enabled = true
schedule = "weekly MON 07:30"
timezone = "Europe/Madrid"
channels = ["email", "telegram.desk"]

[alerts.webhook]
enabled = true
url = "http://127.0.0.1:9/hook"

[[alerts.apprise]]
name = "telegram.desk"
"""))
    app = cfg.app
    assert app.web.token == "tok" and app.web.port == 9000
    assert str(cfg.evidence_dir) == "/var/lib/sw/evidence"
    assert app.alerts.digest.weekday == "mon" and app.alerts.digest.at.hour == 7
    assert app.alerts.webhook.secret == "from-env"
    assert app.alerts.apprise[0].url == "json://127.0.0.1:9/"


@pytest.mark.parametrize(("body", "key", "words"), [
    ('[alerts.digest]\nschedule = "hourly"\n', "alerts.digest.schedule", "daily HH:MM"),
    ('[alerts.digest]\ntimezone = "Mars/Olympus"\n', "alerts.digest.timezone", "IANA"),
    ('[alerts.digest]\nchannels = ["pager"]\n', "alerts", "not a channel"),
    ('[[alerts.apprise]]\nname = "Bad Name"\nurl = "json://x/"\n', "alerts.apprise[0].name", "not a valid name"),
    ('[[alerts.apprise]]\nname = "slack"\nurl = "json://x/"\n', "alerts.apprise[0].name", "built-in"),
    ('[[alerts.apprise]]\nname = "a"\n', "alerts.apprise[0]", "has no url"),
    ('[[alerts.apprise]]\nname = "a"\nurl = "json://x/"\n[[alerts.apprise]]\nname = "a"\nurl = "json://y/"\n',
     "alerts.apprise", "apprise channel name 'a' is used twice"),
    ('[alerts.webhook]\nenabled = true\nurl = "http://h/"\n', "alerts.webhook", "secret is empty"),
    ('[web]\nport = 0\n', "web.port", "greater than or equal"),
    ('[web]\nsecret = 1\n', "web.secret", "unknown key"),
])
def test_bad_values_are_config_errors(tmp_path, body, key, words):
    with pytest.raises(ConfigError) as exc:
        load_config(write_config(tmp_path / "config.toml", body))
    assert exc.value.key == key
    assert words in exc.value.problem


def test_a_secret_is_never_echoed_in_an_error(tmp_path):
    with pytest.raises(ConfigError) as exc:
        load_config(write_config(tmp_path / "config.toml", '[alerts.webhook]\nurl = "ftp://user:hunter2@h/"\n'))
    assert "hunter2" not in str(exc.value)
