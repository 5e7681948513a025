"""FastAPI app: thin routes over the Pipeline, which loads in the background at start-up.

Routes translate HTTP to ``Pipeline.extract_many`` calls through an inference
runner (service.inference) and back; limits, auth, metrics and errors live in
the middleware and handlers here, settings in service.settings.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from models.entity import Entity
from models.pipeline import Pipeline
from service.inference import MicroBatcher, Overloaded, ThreadRunner
from service.loading import load_pipeline
from service.metrics import CONTENT_TYPE, Metrics
from service.schemas import (
    BatchRequest,
    BatchResponse,
    DocumentIn,
    DocumentOut,
    EntityOut,
    ErrorOut,
    ExtractResponse,
    ModelInfo,
)
from service.settings import Settings, get_settings

log = logging.getLogger("banglaner.service")
STATIC = Path(__file__).parent / "static"
PUBLIC_PATHS = {"/health", "/", "/favicon.ico"}  # no data behind them: no API key needed
ROUTES = {"/extract", "/extract/batch", "/health", "/ready", "/metrics", "/"}
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (401, 413, 422, 503, 504)
}


class SafeJSONResponse(JSONResponse):
    """UTF-8 JSON; falls back to \\u escapes when the content holds a lone surrogate
    (valid in JSON, impossible in UTF-8), so odd input never turns into a 500."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def ready_pipeline(request: Request) -> Pipeline:
    state = request.app.state
    if state.pipeline is None:
        detail = (
            f"model failed to load: {state.load_error}" if state.load_error else "model is loading"
        )
        raise HTTPException(status_code=503, detail=detail, headers={"Retry-After": "5"})
    return state.pipeline


PipelineDep = Annotated[Pipeline, Depends(ready_pipeline)]
router = APIRouter()


def _entities(entities: list[Entity]) -> list[EntityOut]:
    return [EntityOut(**e.to_dict()) for e in entities]


async def _run(request: Request, texts: list[str], dates: list[date]) -> list[list[Entity]]:
    """Through the runner, within the time limit, mapping overload/timeouts to 503/504."""
    state = request.app.state
    settings: Settings = state.settings
    try:
        results = await asyncio.wait_for(
            state.runner.extract(texts, dates), settings.request_timeout_s
        )
    except Overloaded as exc:
        raise HTTPException(
            status_code=503,
            detail=f"busy: {settings.max_queue} requests are already waiting; retry shortly",
            headers={"Retry-After": "1"},
        ) from exc
    except TimeoutError as exc:
        raise HTTPException(
            status_code=504,
            detail=f"extraction took longer than {settings.request_timeout_s:g} s "
            "(BANGLANER_REQUEST_TIMEOUT_S); send shorter texts or fewer documents",
        ) from exc
    state.metrics.count(results)
    return results


def _document_out(doc: DocumentIn, doc_date: date, entities: list[Entity]) -> DocumentOut:
    return DocumentOut(
        id=doc.id,
        date=doc_date,
        date_source="request" if doc.date else "today",
        entities=_entities(entities),
    )


@router.post("/extract", response_model=ExtractResponse, responses=ERRORS)
async def extract(doc: DocumentIn, request: Request, pipe: PipelineDep) -> ExtractResponse:
    """Entities of one document, offsets into its text exactly as sent."""
    settings: Settings = request.app.state.settings
    if len(doc.text) > settings.max_text_chars:
        raise HTTPException(
            status_code=413,
            detail=f"text has {len(doc.text)} characters; the limit is "
            f"{settings.max_text_chars} (BANGLANER_MAX_TEXT_CHARS)",
        )
    t0 = time.perf_counter()
    doc_date = pipe.document_date(doc.date)
    (entities,) = await _run(request, [doc.text], [doc_date])
    out = _document_out(doc, doc_date, entities)
    return ExtractResponse(
        **out.model_dump(),
        model=ModelInfo(name=pipe.name, version=pipe.version),
        timing_ms=round((time.perf_counter() - t0) * 1000, 2),
    )


@router.post("/extract/batch", response_model=BatchResponse, responses=ERRORS)
async def extract_batch(batch: BatchRequest, request: Request, pipe: PipelineDep) -> BatchResponse:
    """Entities of several documents, results in request order."""
    settings: Settings = request.app.state.settings
    docs = batch.documents
    total = sum(len(d.text) for d in docs)
    if len(docs) > settings.max_batch_docs or total > settings.max_batch_chars:
        raise HTTPException(
            status_code=413,
            detail=f"{len(docs)} documents, {total} characters; the limits are "
            f"{settings.max_batch_docs} documents (BANGLANER_MAX_BATCH_DOCS) and "
            f"{settings.max_batch_chars} characters (BANGLANER_MAX_BATCH_CHARS)",
        )
    too_long = [i for i, d in enumerate(docs) if len(d.text) > settings.max_text_chars]
    if too_long:
        raise HTTPException(
            status_code=413,
            detail=f"documents {too_long[:10]} exceed {settings.max_text_chars} characters",
        )
    t0 = time.perf_counter()
    dates = [pipe.document_date(d.date) for d in docs]
    results = await _run(request, [d.text for d in docs], dates) if docs else []
    return BatchResponse(
        results=[
            _document_out(d, dd, ents) for d, dd, ents in zip(docs, dates, results, strict=True)
        ],
        model=ModelInfo(name=pipe.name, version=pipe.version),
        timing_ms=round((time.perf_counter() - t0) * 1000, 2),
    )


@router.get("/health")
def health() -> dict[str, str]:
    """The process is alive (says nothing about the model)."""
    return {"status": "ok"}


@router.get("/ready", responses={503: {"model": ErrorOut}})
def ready(pipe: PipelineDep) -> dict[str, str]:
    """The model is loaded and requests will be served."""
    return {"status": "ready", "model": pipe.name, "version": pipe.version}


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Prometheus text format."""
    return Response(request.app.state.metrics.render(), media_type=CONTENT_TYPE)


@router.get("/", include_in_schema=False)
def demo_page() -> FileResponse:
    return FileResponse(STATIC / "index.html")


def _authorised(request: Request, key: str) -> bool:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and secrets.compare_digest(token.encode(), key.encode())


def create_app(settings: Settings | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """The app; ``pipeline`` is injected by tests, else loaded from settings in the background."""
    settings = settings or get_settings()
    metrics_ = Metrics()

    async def load() -> None:
        state = app.state
        try:
            pipe = pipeline or await asyncio.to_thread(load_pipeline, settings)
        except Exception as exc:  # reported by /ready; the process stays up
            log.exception("model failed to load")
            state.load_error = str(exc)
            return
        if settings.batching == "micro":
            runner = MicroBatcher(
                pipe, settings.max_queue, settings.micro_batch_docs, settings.micro_batch_wait_ms
            )
        else:
            runner = ThreadRunner(pipe, settings.max_queue)
        await runner.start()
        state.runner = runner
        metrics_.model.info(
            {"name": pipe.name, "version": pipe.version, "batching": settings.batching}
        )
        state.pipeline = pipe
        log.info("model %s v%s ready", pipe.name, pipe.version)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        loader = asyncio.create_task(load())
        yield
        loader.cancel()
        if app.state.runner is not None:
            await app.state.runner.stop()

    app = FastAPI(
        title="banglaner",
        version="0.1.0",
        lifespan=lifespan,
        default_response_class=SafeJSONResponse,
        description="Bengali named-entity extraction (PER, LOC, ORG, DATE) with exact offsets.",
    )
    app.state.settings = settings
    app.state.metrics = metrics_
    app.state.pipeline = None
    app.state.runner = None
    app.state.load_error = None
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    api_key = settings.api_key.get_secret_value() if settings.api_key else None

    @app.middleware("http")
    async def auth_and_metrics(request: Request, call_next):
        t0 = time.perf_counter()
        path = request.url.path
        if (
            api_key
            and path not in PUBLIC_PATHS
            and not path.startswith("/static/")
            and not _authorised(request, api_key)
        ):
            response: Response = SafeJSONResponse(
                {"detail": "missing or wrong API key: send Authorization: Bearer <key>"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        else:
            try:
                response = await call_next(request)
            except Exception:  # never a bare 500 page
                log.exception("unhandled error on %s", path)
                response = SafeJSONResponse(
                    {"detail": "internal error; see the server log"}, status_code=500
                )
        metrics_.observe(
            path if path in ROUTES else "other", response.status_code, time.perf_counter() - t0
        )
        return response

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    return app
