"""The library's settings: where models, the knowledge base and the corpora live, and how
to run the encoder. Read from ``BANGLANER_*`` environment variables.

Every front door (HTTP service, CLI, spaCy component, batch job) resolves paths
through this one object; the HTTP server adds its own fields on top of it
(service.settings). Defaults suit one 2-core machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from models.encoders import Runtime

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# Named models `BANGLANER_MODEL` / `--model NAME` selects; a path selects a folder.
MODEL_NAMES: dict[str, str] = {
    "default": "banglaner-e5-small-v1",
    "fast": "banglaner-e5-small-fast-v2",  # v1 was the 6-layer student
}
ModelName = Literal["default", "fast"]


class CoreSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BANGLANER_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path("~/.cache/banglaner").expanduser())
    data_dir: Path = PROJECT_ROOT.parent / "shared" / "data"
    model: ModelName = "default"  # which built model to load when model_dir is unset
    model_dir: Path | None = None
    kb_path: Path | None = None  # default: <home>/kb/banglaner-kb.sqlite, built when missing
    link_entities: bool = True  # canonical IDs and names; off returns id/name null
    device: str = "auto"
    runtime: Runtime = "auto"  # auto = ONNX Runtime int8 on a CPU, torch on a GPU
    timezone: str = "Asia/Dhaka"  # "today" for documents sent without a date

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (e.g. Asia/Dhaka, UTC)") from exc
        return value

    @property
    def resolved_model_dir(self) -> Path:
        return self.model_dir or self.home / "models" / MODEL_NAMES[self.model]

    @property
    def resolved_kb_path(self) -> Path:
        return self.kb_path or self.home / "kb" / "banglaner-kb.sqlite"

    def with_model(self, model: str | None) -> Self:
        """A copy that loads ``model``: a name from MODEL_NAMES or a model folder."""
        if not model:
            return self
        if model in MODEL_NAMES:
            return self.model_copy(update={"model": model, "model_dir": None})
        return self.model_copy(update={"model_dir": Path(model)})
