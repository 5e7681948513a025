"""FastAPI app: thin routes over the Pipeline, which loads in the background at start-up.

Routes translate HTTP to ``Pipeline.extract_many`` calls through an inference
runner (service.inference) and back. Checks live in dependencies (the model is
ready, the sizes are within the limits), auth and metrics in two middlewares,
error bodies in the handlers; every status the server answers is in the
OpenAPI document with its body (``ErrorOut``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
import uuid
from collections.abc import Mapping
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from banglaner import __version__
from banglaner.models.entity import Entity
from banglaner.models.errors import BanglanerError
from banglaner.models.kb.store import read_build_record
from banglaner.models.loading import load_linker, load_pipeline
from banglaner.models.pipeline import Pipeline
from banglaner.service.inference import (
    DocumentFailed,
    MicroBatcher,
    Overloaded,
    Runner,
    ThreadRunner,
)
from banglaner.service.metrics import CONTENT_TYPE, Metrics
from banglaner.service.schemas import (
    BatchRequest,
    BatchResponse,
    DocumentIn,
    DocumentOut,
    ErrorOut,
    ExtractResponse,
    ModelInfo,
)
from banglaner.service.settings import Settings, get_settings

log = logging.getLogger("banglaner.service")
STATIC = Path(__file__).parent / "static"
PUBLIC_PATHS = {"/health", "/", "/favicon.ico"}  # no data behind them: no API key needed
ROUTES = {"/extract", "/extract/batch", "/health", "/ready", "/metrics", "/admin/reload-kb", "/"}
REQUEST_ID = "X-Request-ID"


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorOut} for code in codes}


EXTRACT_ERRORS = _errors(401, 413, 422, 500, 503, 504)


class SafeJSONResponse(JSONResponse):
    """UTF-8 JSON; falls back to \\u escapes when the content holds a lone surrogate
    (valid in JSON, impossible in UTF-8), so odd input never turns into a 500."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def error_response(
    request: Request,
    status: int,
    detail: str,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> SafeJSONResponse:
    """Every error body: ``{"detail", "request_id", ...}`` (ErrorOut)."""
    body = {"detail": detail, "request_id": getattr(request.state, "request_id", None), **extra}
    return SafeJSONResponse(jsonable_encoder(body), status_code=status, headers=headers)


# --- dependencies -------------------------------------------------------------------
def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def ready_pipeline(request: Request) -> Pipeline:
    state = request.app.state
    if state.pipeline is None:
        detail = (
            f"model failed to load: {state.load_error}" if state.load_error else "model is loading"
        )
        raise HTTPException(status_code=503, detail=detail, headers={"Retry-After": "5"})
    return state.pipeline


PipelineDep = Annotated[Pipeline, Depends(ready_pipeline)]


def text_within_limit(doc: DocumentIn, settings: SettingsDep) -> DocumentIn:
    if len(doc.text) > settings.max_text_chars:
        raise HTTPException(
            status_code=413,
            detail=f"text has {len(doc.text)} characters; the limit is "
            f"{settings.max_text_chars} (BANGLANER_MAX_TEXT_CHARS)",
        )
    return doc


def batch_within_limits(batch: BatchRequest, settings: SettingsDep) -> BatchRequest:
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
    return batch


# --- routes -------------------------------------------------------------------------
router = APIRouter()


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


def _model(pipe: Pipeline) -> ModelInfo:
    return ModelInfo(name=pipe.name, version=pipe.version)


def _ms_since(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 2)


@router.post("/extract", response_model=ExtractResponse, responses=EXTRACT_ERRORS)
async def extract(
    doc: Annotated[DocumentIn, Depends(text_within_limit)], request: Request, pipe: PipelineDep
) -> ExtractResponse:
    """Entities of one document, offsets into its text exactly as sent."""
    t0 = time.perf_counter()
    doc_date = pipe.document_date(doc.date)
    (entities,) = await _run(request, [doc.text], [doc_date])
    out = DocumentOut.of(doc.id, doc_date, doc.date is not None, entities)
    return ExtractResponse(**dict(out), model=_model(pipe), timing_ms=_ms_since(t0))


@router.post("/extract/batch", response_model=BatchResponse, responses=EXTRACT_ERRORS)
async def extract_batch(
    batch: Annotated[BatchRequest, Depends(batch_within_limits)],
    request: Request,
    pipe: PipelineDep,
) -> BatchResponse:
    """Entities of several documents, results in request order."""
    t0 = time.perf_counter()
    docs = batch.documents
    dates = [pipe.document_date(d.date) for d in docs]
    results = await _run(request, [d.text for d in docs], dates) if docs else []
    return BatchResponse(
        results=[
            DocumentOut.of(d.id, dd, d.date is not None, ents)
            for d, dd, ents in zip(docs, dates, results, strict=True)
        ],
        model=_model(pipe),
        timing_ms=_ms_since(t0),
    )


@router.get("/health")
def health() -> dict[str, str]:
    """The process is alive (says nothing about the model)."""
    return {"status": "ok"}


@router.get("/ready", responses=_errors(401, 503))
def ready(pipe: PipelineDep) -> dict[str, str | None]:
    """The model is loaded and requests will be served."""
    runtime = pipe.runtime
    return {
        "status": "ready",
        "model": pipe.name,
        "version": pipe.version,
        "runtime": runtime.runtime if runtime else None,
        "runtime_reason": runtime.reason if runtime else None,
    }


@router.post("/admin/reload-kb", responses=_errors(401, 422, 503))
async def reload_kb(pipe: PipelineDep, settings: SettingsDep) -> dict[str, object]:
    """Rebuild the knowledge base if its sources or the user's entity files changed
    (`banglaner kb add`, BANGLANER_KB_EXTRA, a Wikidata import) and link with it from the
    next request on, without a restart. The new KB is built and loaded whole first; a
    user file with a problem is refused (422, each problem with its line) and the
    previous KB keeps serving."""
    try:
        linker = await asyncio.to_thread(load_linker, settings)
    except BanglanerError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    pipe.linker = linker
    record = read_build_record(settings.resolved_kb_path)
    return {"status": "reloaded", "entities_by_tier": record.get("entities_by_tier", {})}


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Prometheus text format."""
    return Response(request.app.state.metrics.render(), media_type=CONTENT_TYPE)


@router.get("/", include_in_schema=False)
def demo_page() -> FileResponse:
    return FileResponse(STATIC / "index.html")


# --- errors ---------------------------------------------------------------------------
def _validation_message(exc: RequestValidationError) -> str:
    """One readable line: which field is wrong and why (malformed JSON says where)."""
    parts = []
    for err in exc.errors():
        loc = [p for p in err.get("loc", ()) if p != "body"]
        if err.get("type") == "json_invalid":
            at = f" at character {loc[0]}" if loc else ""
            parts.append(f"malformed JSON{at}: {err.get('ctx', {}).get('error', 'cannot parse')}")
            continue
        where = ".".join(str(p) for p in loc) or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    """Every error as ErrorOut: a readable ``detail`` string (422 adds the field ``errors``)."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return error_response(request, 422, _validation_message(exc), errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400:  # a body that is not UTF-8: malformed, like bad JSON
            return error_response(request, 422, "malformed body: not UTF-8 JSON")
        return error_response(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(DocumentFailed)
    async def failed(request: Request, exc: DocumentFailed) -> Response:
        request_id = request.state.request_id
        log.error("request %s failed", request_id, exc_info=exc.__cause__)
        request.app.state.metrics.failures.inc()
        return error_response(
            request, 500, f"extraction failed for this request (id {request_id}); see the log"
        )


# --- middleware -------------------------------------------------------------------------
def _authorised(request: Request, key: str) -> bool:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and secrets.compare_digest(token.encode(), key.encode())


def install_middleware(app: FastAPI, settings: Settings, metrics_: Metrics) -> None:
    """Request ids, the API key (all but PUBLIC_PATHS and /static), metrics, and never a
    bare 500 page."""
    api_key = settings.api_key.get_secret_value() if settings.api_key else None

    @app.middleware("http")
    async def every_request(request: Request, call_next):
        t0 = time.perf_counter()
        request.state.request_id = request.headers.get(REQUEST_ID) or uuid.uuid4().hex
        path = request.url.path
        public = path in PUBLIC_PATHS or path.startswith("/static/")
        if api_key and not public and not _authorised(request, api_key):
            response: Response = error_response(
                request,
                401,
                "missing or wrong API key: send Authorization: Bearer <key>",
                {"WWW-Authenticate": "Bearer"},
            )
        else:
            try:
                response = await call_next(request)
            except Exception:
                log.exception("unhandled error on %s", path)
                response = error_response(request, 500, "internal error; see the server log")
        response.headers[REQUEST_ID] = request.state.request_id
        metrics_.observe(
            path if path in ROUTES else "other", response.status_code, time.perf_counter() - t0
        )
        return response

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", REQUEST_ID],
        )


# --- the app ------------------------------------------------------------------------------
def limits_in_openapi(app: FastAPI) -> None:
    """Say the size limits of this server in the schema's descriptions. They are not schema
    constraints: a request past them is well-formed and answered 413, not 422."""
    settings: Settings = app.state.settings
    base = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = base()  # which caches it as app.openapi_schema: described once
        components = schema["components"]["schemas"]
        text = components["DocumentIn"]["properties"]["text"]
        text["description"] += f" (at most {settings.max_text_chars} characters, else 413)"
        components["BatchRequest"]["properties"]["documents"]["description"] = (
            f"at most {settings.max_batch_docs} documents and "
            f"{settings.max_batch_chars} characters in all (else 413)"
        )
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def make_runner(pipe: Pipeline, settings: Settings) -> Runner:
    if settings.batching == "micro":
        return MicroBatcher(
            pipe, settings.max_queue, settings.micro_batch_docs, settings.micro_batch_wait_ms
        )
    return ThreadRunner(pipe, settings.max_queue)


async def start_model(app: FastAPI, pipeline: Pipeline | None) -> None:
    """Load the pipeline (off the event loop) and start its runner; errors go to /ready."""
    state = app.state
    try:
        pipe = (
            pipeline
            if pipeline is not None
            else await asyncio.to_thread(load_pipeline, state.settings)
        )
    except Exception as exc:  # reported by /ready; the process stays up
        log.exception("model failed to load")
        state.load_error = str(exc)
        return
    runner = make_runner(pipe, state.settings)
    await runner.start()
    state.runner = runner
    state.metrics.model.info(
        {"name": pipe.name, "version": pipe.version, "batching": state.settings.batching}
    )
    state.pipeline = pipe
    log.info("model %s v%s ready", pipe.name, pipe.version)


def create_app(settings: Settings | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """The app; ``pipeline`` is injected by tests, else loaded from settings in the background."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        loader = asyncio.create_task(start_model(app, pipeline))
        yield
        loader.cancel()
        if app.state.runner is not None:
            await app.state.runner.stop()

    app = FastAPI(
        title="banglaner",
        version=__version__,
        lifespan=lifespan,
        default_response_class=SafeJSONResponse,
        description="Bengali named-entity extraction (PER, LOC, ORG, DATE) with exact offsets.",
    )
    app.state.settings = settings or get_settings()
    app.state.metrics = Metrics()
    app.state.pipeline = None
    app.state.runner = None
    app.state.load_error = None
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_error_handlers(app)
    install_middleware(app, app.state.settings, app.state.metrics)
    limits_in_openapi(app)
    return app
