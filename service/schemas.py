"""Pydantic request/response schemas of the HTTP API."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, Field


class ExtractRequest(BaseModel):
    text: str = Field(description="Bengali text exactly as it should be indexed")
    date: datetime.date | None = Field(
        default=None, description="document date (YYYY-MM-DD), resolves relative dates"
    )
    id: str | None = Field(default=None, description="echoed back")


class EntityOut(BaseModel):
    start: int = Field(description="code-point offset into text as sent")
    end: int
    text: str
    label: str
    score: float
    id: str | None = None
    name: str | None = None
    value: str | None = Field(default=None, description="ISO 8601 value of a DATE")
    note: str | None = Field(
        default=None, description="e.g. a weekday that disagrees with its date"
    )


class ModelInfo(BaseModel):
    name: str
    version: str


class ExtractResponse(BaseModel):
    id: str | None
    date: datetime.date = Field(
        description="the document date relative dates were resolved against"
    )
    date_source: Literal["request", "today"]
    entities: list[EntityOut]
    model: ModelInfo
    timing_ms: float
