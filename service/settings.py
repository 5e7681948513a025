"""All settings in one typed object, read from ``BANGLANER_*`` environment variables.

| variable | default | meaning |
|---|---|---|
| BANGLANER_HOME | ~/.cache/banglaner | trained models, converted bases, build lock |
| BANGLANER_DATA_DIR | ../shared/data (beside the checkout) | licensed corpora and KB sources |
| BANGLANER_MODEL_DIR | $BANGLANER_HOME/models/<default> | the model the service and CLI load |
| BANGLANER_DEVICE | auto | auto, cpu or cuda |
| BANGLANER_HOST / BANGLANER_PORT | 127.0.0.1 / 8000 | where `banglaner serve` listens |
| BANGLANER_MAX_TEXT_CHARS | 100000 | longer texts are refused with 413 |
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL_NAME = "banglaner-e5-small-v1"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BANGLANER_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path("~/.cache/banglaner").expanduser())
    data_dir: Path = PROJECT_ROOT.parent / "shared" / "data"
    model_dir: Path | None = None
    device: str = "auto"
    host: str = "127.0.0.1"
    port: int = 8000
    max_text_chars: int = 100_000

    @property
    def resolved_model_dir(self) -> Path:
        return self.model_dir or self.home / "models" / DEFAULT_MODEL_NAME


@lru_cache
def get_settings() -> Settings:
    return Settings()
