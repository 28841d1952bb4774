"""The ``[alerts]`` table and its channels.

Keys beyond the contract's example: ``alerts.drain_interval`` (how often the
daemon drains the outbox), ``alerts.email.timeout`` / ``alerts.slack.timeout``
(per connection), ``alerts.email.ca_file`` (PEM CA bundle trusted instead of
the system store, for an SMTP server with a private CA; an absolute path, or
relative to the working directory).
"""

from __future__ import annotations

import re
from datetime import time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from crawler.config import Duration, HttpUrlText, Timeout, unique_names

_EMAIL = r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+$"


class EmailConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = False
    host: str = "localhost"
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["none", "starttls", "ssl"] = "starttls"
    username: str = ""
    password: str = Field(default="", repr=False)
    sender: str = "stationwatch@localhost"
    recipients: list[str] = Field(default_factory=list)
    timeout: Timeout = timedelta(seconds=30)
    # PEM file of CA certificates to trust instead of the system store (a private
    # CA in front of the SMTP server). Verification itself cannot be switched off.
    ca_file: str = ""

    @field_validator("sender")
    @classmethod
    def _sender(cls, value: str) -> str:
        if not re.fullmatch(_EMAIL, value):
            raise ValueError(f"{value!r} is not an email address")
        return value

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        for address in value:
            if not re.fullmatch(_EMAIL, address):
                raise ValueError(f"{address!r} is not an email address")
        return value

    @model_validator(mode="after")
    def _needs_recipients(self) -> EmailConfig:
        if self.enabled and not self.recipients:
            raise ValueError("email is enabled but has no recipients")
        return self


class SlackConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = False
    webhook_url: HttpUrlText = Field(default="", repr=False)
    timeout: Timeout = timedelta(seconds=15)

    @model_validator(mode="after")
    def _needs_url(self) -> SlackConfig:
        if self.enabled and not self.webhook_url:
            raise ValueError("slack is enabled but webhook_url is empty")
        return self


_NAME = re.compile(r"^[a-z0-9._-]+$")
BUILTIN_CHANNELS = ("email", "slack", "webhook")
_RESERVED = (*BUILTIN_CHANNELS, "log")  # "log": where alerts go with no channel enabled
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SCHEDULE = re.compile(r"^(daily|weekly (mon|tue|wed|thu|fri|sat|sun)) ([01]\d|2[0-3]):([0-5]\d)$")


class WebhookConfig(BaseModel):
    """``[alerts.webhook]``: one signed JSON POST per alert."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = False
    url: HttpUrlText = Field(default="", repr=False)
    secret: str = Field(default="", repr=False)
    timeout: Duration = timedelta(seconds=15)

    @model_validator(mode="after")
    def _complete(self) -> WebhookConfig:
        if self.enabled and not self.url:
            raise ValueError("webhook is enabled but url is empty")
        if self.enabled and not self.secret:
            raise ValueError("webhook is enabled but secret is empty (it signs every request)")
        return self


class AppriseConfig(BaseModel):
    """One ``[[alerts.apprise]]`` entry: a channel of its own behind an Apprise URL."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    url: str = Field(default="", repr=False)
    enabled: bool = True

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if len(value) > 64:
            raise ValueError("is longer than 64 characters")
        if not _NAME.fullmatch(value):
            raise ValueError(f"{value!r} is not a valid name (use a-z, 0-9, '.', '_', '-')")
        if value in _RESERVED:
            raise ValueError(f"{value!r} is the name of a built-in channel")
        return value

    @property
    def env_var(self) -> str:
        """Where the URL may come from instead: STATIONWATCH_APPRISE_<NAME>."""
        return "STATIONWATCH_APPRISE_" + re.sub(r"[-.]", "_", self.name).upper()

    @model_validator(mode="after")
    def _needs_url(self) -> AppriseConfig:
        if self.enabled and not self.url:
            raise ValueError(f"apprise channel {self.name!r} has no url (set it or ${self.env_var})")
        return self


class DigestConfig(BaseModel):
    """``[alerts.digest]``: a daily or weekly summary through the chosen channels."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = False
    schedule: str = "daily 08:00"
    timezone: str = "UTC"
    send_when_empty: bool = False
    channels: list[str] = Field(default_factory=lambda: ["email"])

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        value = " ".join(value.lower().split())
        if not _SCHEDULE.fullmatch(value):
            raise ValueError(f"{value!r} is not 'daily HH:MM' or 'weekly mon HH:MM'")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone name (e.g. 'Europe/Madrid')") from None
        return value

    @property
    def weekday(self) -> str | None:
        """The day of a weekly digest (``mon`` ... ``sun``), None for a daily one."""
        parts = self.schedule.split()
        return parts[1] if parts[0] == "weekly" else None

    @property
    def at(self) -> time:
        hour, minute = self.schedule.split()[-1].split(":")
        return time(int(hour), int(minute))


class AlertsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    on_first_crawl: bool = False
    max_age: Duration = timedelta(days=30)
    source_down_after: Duration = timedelta(hours=24)
    drain_interval: Duration = timedelta(seconds=30)
    email: EmailConfig = Field(default_factory=EmailConfig)
    slack: SlackConfig = Field(default_factory=SlackConfig)
    webhook: WebhookConfig = Field(default_factory=WebhookConfig)
    apprise: list[AppriseConfig] = Field(default_factory=list)
    digest: DigestConfig = Field(default_factory=DigestConfig)

    @field_validator("apprise")
    @classmethod
    def _unique_apprise(cls, value: list[AppriseConfig]) -> list[AppriseConfig]:
        return unique_names(value, "apprise channel name")

    @model_validator(mode="after")
    def _digest_channels(self) -> AlertsConfig:
        known = set(BUILTIN_CHANNELS) | {a.name for a in self.apprise}
        for name in self.digest.channels:
            if name not in known:
                raise ValueError(f"digest channel {name!r} is not a channel (known: {', '.join(sorted(known))})")
        return self

    def enabled_channels(self) -> list[str]:
        """Every enabled channel's name: each gets its own delivery of every alert."""
        builtin = (("email", self.email), ("slack", self.slack), ("webhook", self.webhook))
        return [name for name, ch in builtin if ch.enabled] + [a.name for a in self.apprise if a.enabled]
