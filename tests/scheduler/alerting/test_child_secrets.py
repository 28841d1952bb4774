"""The crawl child holds no channel secret, yet sees the same channels (each alert gets a
delivery row per enabled channel, decided in the child)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.child import child_env
from scheduler.config import load_config

SECRETS = {
    "STATIONWATCH_WEBHOOK_URL": "https://hooks.example/in/tok-9f8e7d6c5b4a",
    "STATIONWATCH_WEBHOOK_SECRET": "whsec-0a1b2c3d4e5f",
    "STATIONWATCH_APPRISE_DESK_CHAT": "tgram://123456789:AAHsecretbottoken/-100200300",
    "STATIONWATCH_SMTP_PASSWORD": "smtp-pass-123",
}


def test_child_env_replaces_every_channel_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = child_env({"PATH": "/bin", **SECRETS})
    for secret in SECRETS.values():
        assert secret not in env.values()
    config = tmp_path / "config.toml"
    config.write_text('[alerts.webhook]\nenabled = true\n\n[[alerts.apprise]]\nname = "desk.chat"\n', encoding="utf-8")
    for key in SECRETS:
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        if key.startswith("STATIONWATCH_"):
            monkeypatch.setenv(key, value)
    assert load_config(config).app.alerts.enabled_channels() == ["webhook", "desk.chat"]
