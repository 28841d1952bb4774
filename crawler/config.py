"""The ``[crawl]``, ``[topic]`` and ``[[sources]]`` tables, and the duration types."""

from __future__ import annotations

import math
import re
from datetime import timedelta
from functools import partial
from typing import Annotated, Literal, Protocol, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    field_validator,
)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
_EXPECTED = "expected a duration like '30s', '15m', '6h' or '1d'"

# Upper bounds, so that ``now + duration`` and ``now - duration`` stay dates (Python's
# calendar runs from year 1 to 9999) and a timeout stays within what sockets and timers take.
MAX_DURATION = timedelta(days=365_000)  # about 1000 years: "never", in effect
MAX_TIMEOUT = timedelta(days=1)


def _spelled(limit: timedelta) -> str:
    return f"{limit.days}d" if limit.days else f"{int(limit.total_seconds())}s"


def parse_duration(value: object, *, maximum: timedelta = MAX_DURATION) -> timedelta:
    """``"90s"``, ``"15m"``, ``"6h"``, ``"1d"`` (or a number of seconds) as a timedelta.

    Zero, negative, infinite, not-a-number and anything above ``maximum`` are
    refused with a ``ValueError`` (a config error), never an ``OverflowError``
    later on.
    """
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, bool):
        raise ValueError(_EXPECTED)
    elif isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        match = _DURATION.match(value)
        if not match:
            raise ValueError(f"{value!r} is not a duration like '30s', '15m', '6h' or '1d'")
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
    else:
        raise ValueError(_EXPECTED)
    if math.isnan(seconds):
        raise ValueError(_EXPECTED)
    if seconds <= 0:
        raise ValueError("a duration must be positive")
    if seconds > maximum.total_seconds():
        raise ValueError(f"too long: at most {_spelled(maximum)}")
    return timedelta(seconds=seconds)


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
# A per-connection or per-request time limit: at most a day.
Timeout = Annotated[timedelta, BeforeValidator(partial(parse_duration, maximum=MAX_TIMEOUT))]


class CrawlConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    interval: Duration = timedelta(minutes=30)
    user_agent: str = "stationwatch/0.1 (+https://example.org/stationwatch)"
    concurrency: int = Field(default=8, ge=1, le=256)
    timeout: Timeout = timedelta(seconds=30)
    max_page_bytes: int = Field(default=5_000_000, ge=1024)
    obey_robots_txt: bool = True
    allow_private_networks: bool = False
    # crawl processes a `crawl` run splits its sources over: "auto" is one per
    # CPU this process may use (at most 4); each process needs ~150-250 MB
    processes: int | Literal["auto"] = "auto"

    @field_validator("processes")
    @classmethod
    def _processes(cls, value: int | str) -> int | str:
        if isinstance(value, int) and not 1 <= value <= 16:
            raise ValueError("must be 'auto' or a whole number from 1 to 16")
        return value

    def process_count(self) -> int:
        if self.processes != "auto":
            return int(self.processes)
        import os

        try:
            cpus = len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            cpus = os.cpu_count() or 1
        return max(1, min(cpus, 4))


class TopicConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "Chinese overseas police stations"
    keywords: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("keywords")
    @classmethod
    def _lang_codes(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for lang, phrases in value.items():
            if not re.fullmatch(r"[a-z]{2}(-[A-Za-z]{2,4})?", lang):
                raise ValueError(f"{lang!r} is not a language code like 'en' or 'zh'")
            if not all(p.strip() for p in phrases):
                raise ValueError(f"empty phrase in the list for {lang!r}")
        return value


class SourceConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9._-]+$", max_length=100)
    kind: Literal["feed", "page", "sitemap"]
    url: HttpUrl
    lang: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    interval: Duration | None = None
    enabled: bool = True
    follow_links: bool = True
    link_selector: str | None = None
    link_pattern: str | None = None

    @field_validator("link_pattern")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from exc
        return value

    @property
    def url_str(self) -> str:
        return str(self.url)


class Named(Protocol):
    name: str


NamedT = TypeVar("NamedT", bound=Named)


def unique_names(entries: list[NamedT], what: str = "source name") -> list[NamedT]:
    """``entries`` unchanged, or a ValueError naming the first name used twice."""
    seen: set[str] = set()
    for entry in entries:
        if entry.name in seen:
            raise ValueError(f"{what} {entry.name!r} is used twice")
        seen.add(entry.name)
    return entries


def http_url(value: str) -> str:
    """An empty string or an http(s) URL (a pydantic after-validator)."""
    if value and not value.startswith(("https://", "http://")):
        raise ValueError("must be an http(s) URL")
    return value


HttpUrlText = Annotated[str, AfterValidator(http_url)]

