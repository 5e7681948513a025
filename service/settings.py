"""The HTTP server's settings: the library's (models.settings) plus how to serve.

One typed object read from ``BANGLANER_*`` environment variables; a wrong value
fails at start-up with the variable's name, not on the first request. The settings
table of docs/usage.md is generated from these fields (``python -m banglaner.service.settings``);
a test fails when the two drift apart.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import SecretStr, field_validator
from pydantic_settings import NoDecode

from banglaner.models.settings import CoreSettings, setting


class Settings(CoreSettings):
    host: str = setting("127.0.0.1", "where serve listens")
    port: int = setting(8000, "where serve listens", ge=1, le=65535)
    api_key: SecretStr | None = setting(
        None,
        "when set, every route but /health and the demo page needs Authorization: Bearer <key>",
    )
    cors_origins: Annotated[list[str], NoDecode] = setting(
        list, "comma-separated origins allowed to call the API from a browser", "none"
    )
    max_text_chars: int = setting(100_000, "longer texts get 413", gt=0)
    max_batch_docs: int = setting(64, "larger batches get 413", gt=0)
    max_batch_chars: int = setting(1_000_000, "larger batches get 413", gt=0)
    request_timeout_s: float = setting(30.0, "slower requests get 504", gt=0)
    max_queue: int = setting(64, "requests waiting for the model; beyond it 503", gt=0)
    batching: Literal["micro", "threads"] = setting(
        "micro", "micro (concurrent requests share forward passes) or threads"
    )
    micro_batch_docs: int = setting(16, "documents per micro-batch", gt=0)
    micro_batch_wait_ms: float = setting(4.0, "how long a micro-batch gathers", ge=0)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()


def settings_table() -> str:
    """The Markdown table of every setting: variable, default, meaning."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        default = extra.get("shown_default")
        if default is None:
            value = field.get_default(call_default_factory=True)
            default = (
                "unset"
                if value is None
                else str(value).lower()
                if isinstance(value, bool)
                else str(value)
            )
        rows.append(f"| `BANGLANER_{name.upper()}` | `{default}` | {field.description} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(settings_table())
