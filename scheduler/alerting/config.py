"""The ``[alerts]`` table and its channels.

Keys beyond the contract's example: ``alerts.drain_interval`` (how often the
daemon drains the outbox), ``alerts.email.timeout`` / ``alerts.slack.timeout``
(per connection), ``alerts.email.ca_file`` (PEM CA bundle trusted instead of
the system store, for an SMTP server with a private CA; an absolute path, or
relative to the working directory).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from crawler.config import Duration, Timeout

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
    webhook_url: str = Field(default="", repr=False)
    timeout: Timeout = timedelta(seconds=15)

    @field_validator("webhook_url")
    @classmethod
    def _http(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL")
        return value

    @model_validator(mode="after")
    def _needs_url(self) -> SlackConfig:
        if self.enabled and not self.webhook_url:
            raise ValueError("slack is enabled but webhook_url is empty")
        return self


class AlertsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    on_first_crawl: bool = False
    max_age: Duration = timedelta(days=30)
    source_down_after: Duration = timedelta(hours=24)
    drain_interval: Duration = timedelta(seconds=30)
    email: EmailConfig = Field(default_factory=EmailConfig)
    slack: SlackConfig = Field(default_factory=SlackConfig)

    def enabled_channels(self) -> list[str]:
        return [name for name, ch in (("email", self.email), ("slack", self.slack)) if ch.enabled]
