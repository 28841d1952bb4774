"""The ``[storage]`` and ``[evidence]`` tables."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


class StorageConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = "sqlite:///stationwatch.db"

    @field_validator("url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        scheme = value.split(":", 1)[0].split("+", 1)[0].lower()
        if scheme not in {"sqlite", "postgresql", "postgres"}:
            raise ValueError("must be a sqlite:/// or postgresql+psycopg:// URL")
        if scheme == "postgres":
            value = "postgresql" + value[len("postgres"):]
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value[len("postgresql://"):]
        return value


class EvidenceConfig(BaseModel):
    """``[evidence]``: WARC records of every response a claim was read from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    archive: bool = True
    path: str = "evidence"  # relative to the config file's folder
    # a WARC file is closed and a new one begun once it passes this size
    max_file_bytes: int = Field(default=100_000_000, ge=10_000)

    @field_validator("path")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must name a folder")
        return value
