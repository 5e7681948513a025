"""The HTTP server's settings: the library's (models.settings) plus how to serve.

One typed object read from ``BANGLANER_*`` environment variables; a wrong value
fails at start-up with the variable's name, not on the first request. The
README's settings table lists every field.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import NoDecode

from models.settings import CoreSettings


class Settings(CoreSettings):
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    api_key: SecretStr | None = None  # when set, all but /health and the demo page need it
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_text_chars: int = Field(default=100_000, gt=0)
    max_batch_docs: int = Field(default=64, gt=0)
    max_batch_chars: int = Field(default=1_000_000, gt=0)
    request_timeout_s: float = Field(default=30.0, gt=0)
    max_queue: int = Field(default=64, gt=0)  # waiting requests; beyond it the service answers 503
    batching: Literal["micro", "threads"] = "micro"
    micro_batch_docs: int = Field(default=16, gt=0)
    micro_batch_wait_ms: float = Field(default=4.0, ge=0)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
