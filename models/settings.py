"""The library's settings: where models, the knowledge base and the corpora live, and how
to run the encoder. Read from ``BANGLANER_*`` environment variables.

Every front door (HTTP service, CLI, spaCy component, batch job) resolves paths
through this one object; the HTTP server adds its own fields on top of it
(service.settings). Defaults suit one 2-core machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, JsonValue, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from banglaner.models.encoders import Runtime

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# The named models' releases, the one place their numbers live (training writes them into
# the model cards); `BANGLANER_MODEL` / `--model NAME` selects one, a path selects a folder.
RELEASES: dict[str, tuple[str, str]] = {
    # v1 learnt from Rifat and banglakit only, v2 from every corpus by its convention,
    # v3 also from 2,000 real sentences annotated to ours (training/data), v4 from 7,400
    # (karim2019, neon, MultiCoNER II) taken as written
    "default": ("banglaner-e5-small", "4"),
    # 5: the 5-layer student of the default v4 (4 was that of v3, 3 of v2, 2 of v1, 1 a
    # 6-layer one), so `make model-fast` builds the new one beside an old install
    "fast": ("banglaner-e5-small-fast", "5"),
}
MODEL_NAMES: dict[str, str] = {model: f"{name}-v{v}" for model, (name, v) in RELEASES.items()}
ModelName = Literal["default", "fast"]
NEWS_TIMEZONE = "Asia/Dhaka"  # where "today" is for a text sent without a date


def setting(default: object, meaning: str, shown: str | None = None, **kw: Any) -> Any:
    """A field with the meaning (and, for a computed default, the default) the settings
    table in docs/usage.md shows: the table is generated from these (service.settings).
    Returns what pydantic's ``Field`` returns: ``Any``, so that it stands as any field's value."""
    extra: dict[str, JsonValue] | None = {"shown_default": shown} if shown else None
    if callable(default):
        return Field(default_factory=default, description=meaning, json_schema_extra=extra, **kw)
    return Field(default=default, description=meaning, json_schema_extra=extra, **kw)


class CoreSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BANGLANER_", extra="ignore")

    home: Path = setting(
        lambda: Path("~/.cache/banglaner").expanduser(),
        "trained models, converted base encoders, the knowledge base, distillation caches",
        "~/.cache/banglaner",
    )
    data_dir: Path = setting(
        PROJECT_ROOT.parent / "shared" / "data",
        "licensed corpora (read by training, evaluation and the KB build)",
        "../shared/data (beside the checkout)",
    )
    model: ModelName = setting("default", "which built model: default or fast")
    model_dir: Path | None = setting(None, "a model folder, instead of a named model")
    kb_path: Path | None = setting(
        None,
        "knowledge base; built (seconds) when missing or built by older code",
        "$BANGLANER_HOME/kb/banglaner-kb.sqlite",
    )
    kb_extra: Annotated[list[Path], NoDecode] = setting(
        list,
        "comma-separated user entity files (JSONL or CSV) the knowledge base takes in, besides "
        "those `banglaner kb add` keeps in $BANGLANER_HOME/kb/user (docs/linking.md)",
        "none",
    )
    link_entities: bool = setting(True, "false returns id/name null (no knowledge base loaded)")
    device: str = setting("auto", "auto, cpu or cuda")
    runtime: Runtime = setting(
        "auto",
        "encoder engine: auto (on a CPU the batch-independent runtime banglaner export measured "
        "fastest on this host; torch on a GPU), torch, torch-bf16, onnx, onnx-int8-static, "
        "onnx-int8 (docs/runtimes.md)",
    )
    timezone: str = setting(NEWS_TIMEZONE, "today for documents sent without a date")

    @field_validator("kb_extra", mode="before")
    @classmethod
    def _comma_separated_paths(cls, value: object) -> object:
        if isinstance(value, str):
            return [Path(v.strip()) for v in value.split(",") if v.strip()]
        return value

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

    @property
    def user_kb_dir(self) -> Path:
        """Where `banglaner kb add` keeps the user's entity files."""
        return self.home / "kb" / "user"

    @property
    def wikidata_import(self) -> Path:
        """The staged Wikidata import (`banglaner kb import-wikidata`), if one was made."""
        return self.home / "kb" / "wikidata.sqlite"

    def with_model(self, model: str | None) -> Self:
        """A copy that loads ``model``: a name from MODEL_NAMES or a model folder."""
        if not model:
            return self
        if model in MODEL_NAMES:
            return self.model_copy(update={"model": model, "model_dir": None})
        return self.model_copy(update={"model_dir": Path(model)})
