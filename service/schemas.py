"""Pydantic request/response schemas of the HTTP API."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, Field


class DocumentIn(BaseModel):
    text: str = Field(description="text exactly as it should be indexed")
    date: datetime.date | None = Field(
        default=None, description="document date (YYYY-MM-DD), resolves relative dates"
    )
    id: str | None = Field(default=None, description="echoed back")


class EntityOut(BaseModel):
    start: int = Field(description="code-point offset into text as sent")
    end: int
    text: str = Field(description="text[start:end]")
    label: Literal["PER", "LOC", "ORG", "DATE"]
    score: float
    id: str | None = Field(
        default=None,
        description="canonical entity ID: a Wikidata QID, else a local ID bn:LABEL:key",
    )
    name: str | None = Field(default=None, description="canonical display name (Bengali)")
    name_en: str | None = Field(default=None, description="English label, where known")
    value: str | None = Field(default=None, description="ISO 8601 value of a DATE")
    note: str | None = Field(
        default=None, description="e.g. a weekday that disagrees with its date"
    )


class DocumentOut(BaseModel):
    id: str | None
    date: datetime.date = Field(
        description="the document date relative dates were resolved against"
    )
    date_source: Literal["request", "today"]
    entities: list[EntityOut]


class ModelInfo(BaseModel):
    name: str
    version: str


class ExtractResponse(DocumentOut):
    model: ModelInfo
    timing_ms: float


class BatchRequest(BaseModel):
    documents: list[DocumentIn]


class BatchResponse(BaseModel):
    results: list[DocumentOut] = Field(description="one per document, in request order")
    model: ModelInfo
    timing_ms: float


class ErrorOut(BaseModel):
    detail: str
