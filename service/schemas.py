"""Pydantic request/response schemas of the HTTP API."""

from __future__ import annotations

import datetime

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
    value: str | None = None


class ModelInfo(BaseModel):
    name: str
    version: str


class ExtractResponse(BaseModel):
    id: str | None
    entities: list[EntityOut]
    model: ModelInfo
    timing_ms: float
