"""Loading the config file: TOML → one validated model per section.

The file is read only here, at the entry points. Each package owns the model
of its own table; this module composes them, applies the environment's
secrets, resolves the SQLite path against the config's folder, and turns
every problem into one ``ConfigError`` naming the file, the key and the
problem.
"""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from crawler.config import CrawlConfig, SourceConfig, TopicConfig, unique_names
from scheduler.alerting.config import AlertsConfig
from storage.config import StorageConfig
from storage.engine import resolve_url

log = logging.getLogger(__name__)

ENV_CONFIG = "STATIONWATCH_CONFIG"
ENV_SECRETS = {
    "STATIONWATCH_SMTP_PASSWORD": ("alerts", "email", "password"),
    "STATIONWATCH_SLACK_WEBHOOK_URL": ("alerts", "slack", "webhook_url"),
}


class ConfigError(Exception):
    """The config file is missing, unreadable or invalid. Exit status 2."""

    def __init__(self, path: Path, key: str | None, problem: str) -> None:
        self.path, self.key, self.problem = path, key, problem
        where = f"{path}: {key}: " if key else f"{path}: "
        super().__init__(where + problem)


class AppConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    storage: StorageConfig = Field(default_factory=StorageConfig)
    crawl: CrawlConfig = Field(default_factory=CrawlConfig)
    topic: TopicConfig = Field(default_factory=TopicConfig)
    sources: list[SourceConfig] = Field(default_factory=list)
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)

    @field_validator("sources")
    @classmethod
    def _unique(cls, value: list[SourceConfig]) -> list[SourceConfig]:
        return unique_names(value)


@dataclass(frozen=True)
class LoadedConfig:
    path: Path
    app: AppConfig
    database_url: str  # storage.url with a relative SQLite path resolved

    def source(self, name: str) -> SourceConfig:
        for src in self.app.sources:
            if src.name == name:
                return src
        raise KeyError(name)


def config_path(cli_value: str | None) -> Path:
    if cli_value:
        return Path(cli_value)
    if os.environ.get(ENV_CONFIG):
        return Path(os.environ[ENV_CONFIG])
    return Path("config.toml")


def _key(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _apply_env(raw: dict[str, Any]) -> None:
    for var, (section, sub, key) in ENV_SECRETS.items():
        value = os.environ.get(var)
        if value:
            table = raw.setdefault(section, {})
            if isinstance(table, dict):
                inner = table.setdefault(sub, {})
                if isinstance(inner, dict):
                    inner[key] = value


def load_config(path: Path) -> LoadedConfig:
    """Read and validate ``path``; raise ``ConfigError`` on any problem."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(path, None, "no such file (give --config PATH or set STATIONWATCH_CONFIG)") from None
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read: {exc.strerror}") from None
    try:
        raw = tomllib.loads(data.decode("utf-8-sig"))  # a byte order mark is not an error
    except UnicodeDecodeError:
        raise ConfigError(path, None, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, None, f"not valid TOML: {exc}") from None
    _apply_env(raw)
    try:
        app = AppConfig.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        if "input" in err and err["type"] != "extra_forbidden" and not isinstance(err["input"], dict | list):
            if loc and loc[-1] not in {"password", "webhook_url"}:
                msg += f" (got {err['input']!r})"
        extra = len(exc.errors()) - 1
        if extra:
            msg += f" (and {extra} more problem{'s' if extra > 1 else ''})"
        raise ConfigError(path, _key(loc) or None, msg) from None
    base = path.resolve().parent
    email = app.alerts.email
    if email.ca_file and not Path(email.ca_file).expanduser().is_absolute():
        email = email.model_copy(update={"ca_file": str(base / email.ca_file)})
        app = app.model_copy(update={"alerts": app.alerts.model_copy(update={"email": email})})
    return LoadedConfig(path=path, app=app, database_url=resolve_url(app.storage.url, base))
