"""Config errors exit 2 with one line naming the file, the key and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.config import ConfigError, load_config
from tests.support.cli import run_cli

CASES = [
    ("[crawl]\nintervall = \"5m\"\n", "crawl.intervall", "unknown key"),
    ("[crawl]\nconcurrency = \"eight\"\n", "crawl.concurrency", "valid integer"),
    ("[crawl]\ninterval = \"-5m\"\n", "crawl.interval", "duration"),
    ("[crawl]\ntimeout = \"5 parsecs\"\n", "crawl.timeout", "duration"),
    ("[[sources]]\nname = \"a\"\nkind = \"rss\"\nurl = \"https://example.org/\"\n", "sources[0].kind", "'feed'"),
    ("[[sources]]\nname = \"a\"\nkind = \"feed\"\nurl = \"not a url\"\n", "sources[0].url", "URL"),
    ("[[sources]]\nname = \"Bad Name\"\nkind = \"feed\"\nurl = \"https://example.org/\"\n", "sources[0].name", "pattern"),
    ("[alerts.email]\nenabled = true\nrecipients = [\"nobody\"]\n", "alerts.email.recipients", "not an email address"),
    ("[alerts.email]\nsecurity = \"tls1\"\n", "alerts.email.security", "'starttls'"),
    ("[alerts.slack]\nenabled = true\n", "alerts.slack", "webhook_url is empty"),
    ("[storage]\nurl = \"mysql://x\"\n", "storage.url", "sqlite"),
    ("[topic]\nname = 3\n", "topic.name", "string"),
    ("[crawl\n", None, "not valid TOML"),
]


@pytest.mark.parametrize(("body", "key", "problem"), CASES)
def test_invalid_config_names_key_and_problem(tmp_path: Path, body: str, key: str | None, problem: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(str(path))
    if key:
        assert f": {key}:" in message
    assert problem in message


@pytest.mark.slow
def test_cli_misspelt_key_exits_2_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[storage]\nurl = "sqlite:///x.db"\n[crawl]\nuser_agnet = "me"\n')
    out = run_cli("status", config=path)
    assert out.returncode == 2
    assert "crawl.user_agnet" in out.stderr and "unknown key" in out.stderr
    assert str(path) in out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_cli_missing_config_exits_2(tmp_path: Path) -> None:
    out = run_cli("status", config=tmp_path / "nope.toml")
    assert out.returncode == 2
    assert "nope.toml" in out.stderr and "no such file" in out.stderr


@pytest.mark.slow
def test_config_from_environment_variable(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text('[storage]\nurl = "sqlite:///data/sw.db"\n')
    out = run_cli("init", env={"STATIONWATCH_CONFIG": str(path)}, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "data" / "sw.db").exists()  # relative to the config's folder


def test_sqlite_path_resolves_against_config_folder(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    path = tmp_path / "conf" / "c.toml"
    path.write_text('[storage]\nurl = "sqlite:///state/sw.db"\n')
    cfg = load_config(path)
    assert cfg.database_url.endswith(str(tmp_path / "conf" / "state" / "sw.db"))


def test_secrets_from_environment_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[alerts.slack]\nenabled = true\nwebhook_url = "https://hooks.example.org/file"\n'
        '[alerts.email]\npassword = "from-file"\n'
    )
    monkeypatch.setenv("STATIONWATCH_SLACK_WEBHOOK_URL", "https://hooks.example.org/env")
    monkeypatch.setenv("STATIONWATCH_SMTP_PASSWORD", "from-env")
    cfg = load_config(path)
    assert cfg.app.alerts.slack.webhook_url == "https://hooks.example.org/env"
    assert cfg.app.alerts.email.password == "from-env"


def test_durations_parse() -> None:
    from datetime import timedelta

    from crawler.config import parse_duration

    assert parse_duration("90s") == timedelta(seconds=90)
    assert parse_duration("15m") == timedelta(minutes=15)
    assert parse_duration("6h") == timedelta(hours=6)
    assert parse_duration("1d") == timedelta(days=1)
    for bad in ("0s", "-1m", "5", "m", "1w", True, "99999999999d", "365001d", float("inf"),
                float("nan"), 1e300):
        with pytest.raises(ValueError):
            parse_duration(bad)
    assert parse_duration("365000d") == timedelta(days=365000)
    with pytest.raises(ValueError, match="at most 1d"):
        parse_duration("2d", maximum=timedelta(days=1))


@pytest.mark.slow
def test_bad_usage_exits_2(tmp_path: Path) -> None:
    out = run_cli("frobnicate")
    assert out.returncode == 2
    out = run_cli("coverage", "--limit", "zero")
    assert out.returncode == 2


def test_relative_ca_file_resolves_against_config_folder(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[alerts.email]\nca_file = "certs/ca.pem"\n')
    assert load_config(path).app.alerts.email.ca_file == str(tmp_path.resolve() / "certs" / "ca.pem")
