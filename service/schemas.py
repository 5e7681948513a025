"""Pydantic request/response schemas of the HTTP API."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, Field, StrictStr, field_validator

from banglaner.models.entity import Entity
from banglaner.models.labels import Label


class DocumentIn(BaseModel):
    text: StrictStr = Field(description="text exactly as it should be indexed")
    date: datetime.date | None = Field(
        default=None, description="document date (YYYY-MM-DD), resolves relative dates"
    )
    id: StrictStr | None = Field(default=None, description="echoed back")

    @field_validator("date", mode="before")
    @classmethod
    def _date_is_a_string(cls, value: object) -> object:
        """A date is "YYYY-MM-DD", never a number read as a Unix timestamp."""
        if value is not None and not isinstance(value, str):
            raise ValueError("date must be a string YYYY-MM-DD")
        return value


class EntityOut(BaseModel):
    start: int = Field(description="code-point offset into text as sent")
    end: int
    text: str = Field(description="text[start:end]")
    label: Label
    score: float
    id: str | None = Field(
        default=None,
        description="canonical entity ID: a Wikidata QID, else a local ID bn:LABEL:key",
    )
    name: str | None = Field(default=None, description="canonical display name (Bengali)")
    name_en: str | None = Field(default=None, description="English label, where known")
    value: str | None = Field(
        default=None,
        description="a DATE's value: ISO 8601 at the text's precision (2023-09-13, 2024-06, "
        "2023-W38, 2019) or an interval start/end (2008/2009; a fiscal year 2022-07/2023-06); "
        "null where the text does not fix it (docs/annotation.md, Dates)",
    )
    mod: Literal["START", "MID", "END", "APPROX"] | None = Field(
        default=None, description="TimeML mod: where in the period, or approximate"
    )
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

    @classmethod
    def of(
        cls, doc_id: str | None, doc_date: datetime.date, requested: bool, entities: list[Entity]
    ) -> DocumentOut:
        """The one shape of a document's result, for the HTTP service and the batch job."""
        return cls(
            id=doc_id,
            date=doc_date,
            date_source="request" if requested else "today",
            entities=[EntityOut(**e.to_dict()) for e in entities],
        )


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


class ValidationItem(BaseModel):
    loc: list[str | int] = Field(description="where in the request: body, field, list index")
    msg: str
    type: str


class ErrorOut(BaseModel):
    """The body of every error response (4xx and 5xx)."""

    detail: str = Field(description="what went wrong and how to fix it")
    request_id: str | None = Field(
        default=None, description="the X-Request-ID of the request (also in the response header)"
    )
    errors: list[ValidationItem] | None = Field(
        default=None, description="422 only: each invalid field"
    )
