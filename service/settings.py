"""All settings in one typed object, read from ``BANGLANER_*`` environment variables.

The README's settings table lists every field; defaults suit one 2-core
machine serving newsroom traffic.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL_NAME = "banglaner-e5-small-v1"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BANGLANER_", extra="ignore")

    # where things are
    home: Path = Field(default_factory=lambda: Path("~/.cache/banglaner").expanduser())
    data_dir: Path = PROJECT_ROOT.parent / "shared" / "data"
    model_dir: Path | None = None
    kb_path: Path | None = None  # default: <home>/kb/banglaner-kb.sqlite, built when missing
    link_entities: bool = True  # canonical IDs and names; off returns id/name null
    device: str = "auto"
    # encoder engine (models.encoders): auto = ONNX Runtime int8 on a CPU, torch on a GPU
    runtime: Literal["auto", "torch", "onnx", "onnx-int8"] = "auto"
    timezone: str = "Asia/Dhaka"  # "today" for documents sent without a date

    # the HTTP service
    host: str = "127.0.0.1"
    port: int = 8000
    api_key: SecretStr | None = None  # when set, every route but /health needs a Bearer token
    cors_origins: Annotated[list[str], NoDecode] = []
    max_text_chars: int = 100_000
    max_batch_docs: int = 64
    max_batch_chars: int = 1_000_000
    request_timeout_s: float = 30.0
    max_queue: int = 64  # requests waiting for the model; beyond it the service answers 503
    batching: Literal["micro", "threads"] = "micro"
    micro_batch_docs: int = 16
    micro_batch_wait_ms: float = 4.0

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value

    @property
    def resolved_model_dir(self) -> Path:
        return self.model_dir or self.home / "models" / DEFAULT_MODEL_NAME

    @property
    def resolved_kb_path(self) -> Path:
        return self.kb_path or self.home / "kb" / "banglaner-kb.sqlite"


@lru_cache
def get_settings() -> Settings:
    return Settings()
