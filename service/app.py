"""FastAPI app: thin routes over the Pipeline, which is loaded once at start-up."""

from __future__ import annotations

import time
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from models.pipeline import Pipeline
from service.schemas import EntityOut, ExtractRequest, ExtractResponse, ModelInfo
from service.settings import Settings, get_settings


def get_pipeline(request: Request) -> Pipeline:
    return request.app.state.pipeline


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
router = APIRouter()


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.post("/extract", response_model=ExtractResponse)
async def extract(req: ExtractRequest, pipe: PipelineDep, settings: SettingsDep) -> ExtractResponse:
    if len(req.text) > settings.max_text_chars:
        raise HTTPException(
            status_code=413,
            detail=f"text has {len(req.text)} characters; the limit is "
            f"{settings.max_text_chars} (BANGLANER_MAX_TEXT_CHARS)",
        )
    t0 = time.perf_counter()
    doc_date = pipe.document_date(req.date)
    entities = await run_in_threadpool(pipe.extract, req.text, doc_date)
    return ExtractResponse(
        id=req.id,
        date=doc_date,
        date_source="request" if req.date else "today",
        entities=[EntityOut(**e.to_dict()) for e in entities],
        model=ModelInfo(name=pipe.name, version=pipe.version),
        timing_ms=round((time.perf_counter() - t0) * 1000, 2),
    )


def create_app(settings: Settings | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """The app; ``pipeline`` is injected by tests, else loaded from settings at start-up."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.pipeline = pipeline or Pipeline.load(settings.resolved_model_dir, settings.device)
        yield

    app = FastAPI(
        title="banglaner",
        version="0.1.0",
        lifespan=lifespan,
        description="Bengali named-entity extraction with exact offsets",
    )
    app.state.settings = settings
    app.include_router(router)
    return app
