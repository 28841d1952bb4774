"""The ``[web]`` table."""

from __future__ import annotations

import ipaddress

from pydantic import BaseModel, ConfigDict, Field, model_validator


class WebConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = False  # true: `run` serves the dashboard too
    host: str = "127.0.0.1"
    port: int = Field(default=8470, ge=1, le=65535)
    token: str = Field(default="", repr=False)  # or $STATIONWATCH_WEB_TOKEN

    @model_validator(mode="after")
    def _token_beyond_loopback(self) -> WebConfig:
        if self.enabled and not self.token and not self.is_loopback():
            raise ValueError(f"a token is required to serve the dashboard on {self.host} "
                             "(set [web] token or STATIONWATCH_WEB_TOKEN, or use 127.0.0.1)")
        return self

    def is_loopback(self, host: str | None = None) -> bool:
        """True when ``host`` (default: the configured one) only listens on this machine."""
        name = (host or self.host).strip("[]")
        if name == "localhost":
            return True
        try:
            return ipaddress.ip_address(name).is_loopback
        except ValueError:
            return False
