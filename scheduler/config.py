"""Loading the config file: TOML → one validated model per section.

The file is read only here, at the entry points. Each package owns the model
of its own table; this module composes them, applies the environment's
secrets, resolves the SQLite path against the config's folder, and turns
every problem into one ``ConfigError`` naming the file, the key and the
problem.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from crawler.config import CrawlConfig, Duration, SourceConfig, TopicConfig, unique_names
from scheduler.alerting.config import AlertsConfig
from scheduler.web.config import WebConfig
from storage.config import EvidenceConfig, StorageConfig
from storage.engine import resolve_url

ENV_CONFIG = "STATIONWATCH_CONFIG"
ENV_SECRETS = {
    "STATIONWATCH_SMTP_PASSWORD": ("alerts", "email", "password"),
    "STATIONWATCH_SLACK_WEBHOOK_URL": ("alerts", "slack", "webhook_url"),
    "STATIONWATCH_WEBHOOK_URL": ("alerts", "webhook", "url"),
    "STATIONWATCH_WEBHOOK_SECRET": ("alerts", "webhook", "secret"),
    "STATIONWATCH_WEB_TOKEN": ("web", "token"),
}
ENV_APPRISE = "STATIONWATCH_APPRISE_"  # + the channel's name, upper case, '-' and '.' as '_'
SECRET_KEYS = frozenset({"password", "webhook_url", "url", "secret", "token"})


class ConfigError(Exception):
    """The config file is missing, unreadable or invalid. Exit status 2."""

    def __init__(self, path: Path, key: str | None, problem: str) -> None:
        self.path, self.key, self.problem = path, key, problem
        where = f"{path}: {key}: " if key else f"{path}: "
        super().__init__(where + problem)


class WorkersConfig(BaseModel):
    """``[workers]``: several ``run`` / ``run --worker`` processes on one PostgreSQL store."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # a source stays with the worker that took it while that worker's heartbeat (every
    # third of this) renews the lease; a worker that dies loses its sources after this long
    lease: Duration = timedelta(seconds=60)

    @field_validator("lease")
    @classmethod
    def _lease(cls, value: timedelta) -> timedelta:
        if not timedelta(seconds=3) <= value <= timedelta(hours=1):
            raise ValueError("must be between 3s and 1h")
        return value


class AppConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    storage: StorageConfig = Field(default_factory=StorageConfig)
    crawl: CrawlConfig = Field(default_factory=CrawlConfig)
    topic: TopicConfig = Field(default_factory=TopicConfig)
    sources: list[SourceConfig] = Field(default_factory=list)
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)
    web: WebConfig = Field(default_factory=WebConfig)
    evidence: EvidenceConfig = Field(default_factory=EvidenceConfig)
    workers: WorkersConfig = Field(default_factory=WorkersConfig)

    @field_validator("sources")
    @classmethod
    def _unique(cls, value: list[SourceConfig]) -> list[SourceConfig]:
        return unique_names(value)


@dataclass(frozen=True)
class LoadedConfig:
    path: Path
    app: AppConfig
    database_url: str  # storage.url with a relative SQLite path resolved

    @property
    def evidence_dir(self) -> Path:
        """``[evidence] path``, resolved against the config file's folder."""
        folder = Path(self.app.evidence.path).expanduser()
        return folder if folder.is_absolute() else self.path.resolve().parent / folder

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
    for var, path in ENV_SECRETS.items():
        value = os.environ.get(var)
        if not value:
            continue
        table: Any = raw
        for part in path[:-1]:
            table = table.setdefault(part, {}) if isinstance(table, dict) else None
        if isinstance(table, dict):
            table[path[-1]] = value
    alerts = raw.get("alerts")
    entries = alerts.get("apprise") if isinstance(alerts, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            var = ENV_APPRISE + entry["name"].replace("-", "_").replace(".", "_").upper()
            if os.environ.get(var):
                entry["url"] = os.environ[var]


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
            if not (loc and loc[0] in {"alerts", "web"} and loc[-1] in SECRET_KEYS):
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


def crawl_only(cfg: LoadedConfig) -> LoadedConfig:
    """``cfg`` without the channel secrets, for a crawl process (it never sends anything)."""
    import dataclasses

    alerts = cfg.app.alerts
    alerts = alerts.model_copy(update={
        "email": alerts.email.model_copy(update={"password": ""}),
        "slack": alerts.slack.model_copy(update={"webhook_url": ""}),
        "webhook": alerts.webhook.model_copy(update={"url": "", "secret": ""}),
        "apprise": [a.model_copy(update={"url": ""}) for a in alerts.apprise],
    })
    app = cfg.app.model_copy(update={"alerts": alerts,
                                      "web": cfg.app.web.model_copy(update={"token": ""})})
    return dataclasses.replace(cfg, app=app)
