"""The ASGI app behind ``factcheck serve``: the editors' page, the JSON API and its docs.

Routes: ``GET /`` the page; ``POST /api/check`` (JSON ``{text, published?, filename?}`` or a
multipart upload; ``?format=json|page|html``); ``GET /api/reference``;
``GET /health``; ``GET /docs`` and ``/openapi.json``. Everything is served from this machine.

Checks (check and render) run in worker processes (:mod:`extractor.web.workers`) that are
killed when a check outlives the time limit; reference questions, which are cheap, run in a
thread of this process.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources import files
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from extractor import __version__
from extractor.errors import ExtractorError, InputError, PeriodError, UsageError
from extractor.web import service
from extractor.web.docs import add_docs
from extractor.web.guards import (
    BodyLimit,
    Busy,
    SecurityHeaders,
    ThreadRunner,
    TimedOut,
    WorkerFailed,
)
from extractor.web.workers import CheckRunner

STATIC = files("extractor.web") / "static"


@dataclass(frozen=True)
class WebSettings:
    """Limits of the web app. ``workers``: check processes; ``queue``: checks that may wait for
    one (more get 503); ``timeout``: seconds one check may run before it gets 504 and its process
    is killed. ``checker`` replaces the pipeline (tests; it runs in the worker processes, so it
    must be a module-level function, and so must ``config`` pickle); ``store_loader`` the
    reference store loader (it runs in this process)."""

    max_bytes: int = 2 * 1024 * 1024
    timeout: float = 30.0
    workers: int = max(1, min(4, os.cpu_count() or 1))
    queue: int = 32
    checker: service.Checker | None = None
    store_loader: Callable[[], Any] | None = None
    # start the workers at startup, each checking a one-line draft, in the background
    # (False: a worker starts when a check first needs it)
    warm_up: bool = True


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status)


def create_app(config: Any = None, *, settings: WebSettings | None = None) -> FastAPI:
    """The app. ``config`` is handed to the pipeline as is; ``settings`` sets the guard rails."""
    s = settings or WebSettings()
    runner = CheckRunner(workers=s.workers, queue=s.queue, timeout=s.timeout)
    lookups = ThreadRunner(workers=s.workers, queue=s.queue, timeout=s.timeout)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if s.warm_up:
            runner.start(service.warm_up, config, s.checker)
        try:
            yield
        finally:
            await asyncio.to_thread(runner.close)  # stops every worker process
            lookups.close()

    app = FastAPI(
        title="factcheck",
        version=__version__,
        description="Check numeric claims about Japan's trade statistics against official MOF figures.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = s
    app.state.runner = runner
    app.state.reference_runner = lookups
    _add_error_handlers(app)
    _add_page(app)
    _add_check(app, config, s, runner)
    _add_reference(app, s, lookups)
    add_docs(app)
    app.add_middleware(BodyLimit, max_bytes=s.max_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg')}"
            for e in exc.errors()
        )
        return _error(422, "invalid_request", f"invalid request: {problems}")

    @app.exception_handler(ExtractorError)
    async def extractor_error(_request: Request, exc: ExtractorError) -> JSONResponse:
        if isinstance(exc, UsageError | PeriodError):
            return _error(400, "bad_request", str(exc))
        if isinstance(exc, InputError):
            return _error(400, "bad_input", str(exc))
        return _error(500, type(exc).__name__, str(exc))

    @app.exception_handler(Busy)
    async def busy(_request: Request, _exc: Busy) -> JSONResponse:
        return _error(503, "busy", "The server is busy with other checks; try again shortly.")

    @app.exception_handler(TimedOut)
    async def timed_out(_request: Request, exc: TimedOut) -> JSONResponse:
        return _error(
            504,
            "timeout",
            f"The check took longer than {exc.seconds:g} s and was abandoned; try a shorter draft.",
        )

    @app.exception_handler(WorkerFailed)
    async def worker_failed(_request: Request, exc: WorkerFailed) -> JSONResponse:
        return _error(
            500,
            "worker_failed",
            f"The check stopped unexpectedly ({exc.reason}); try again. If it happens again "
            "with this draft, please report it.",
        )


def _add_page(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(str(STATIC / "index.html"), media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> FileResponse:
        return FileResponse(str(STATIC / "favicon.svg"), media_type="image/svg+xml")

    @app.get("/health", tags=["service"])
    async def health() -> dict[str, str]:
        """Liveness: answers at once, without running a check."""
        return {"status": "ok", "version": __version__}


_CHECK_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {
                        "text": {
                            "type": "string",
                            "description": "the draft (text, Markdown or HTML)",
                        },
                        "published": {"type": "string", "format": "date", "nullable": True},
                        "filename": {
                            "type": "string",
                            "nullable": True,
                            "description": "tells the reader the format (.txt, .md, .html)",
                        },
                    },
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "text": {"type": "string"},
                        "published": {"type": "string", "format": "date"},
                    },
                }
            },
        },
    }
}


async def _read_check_request(request: Request) -> tuple[str, dt.date | None, str | None]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        async with request.form() as form:  # closes the spooled upload files
            upload = form.get("file")
            published = service.parse_date(_str(form.get("published")))
            if upload is not None and not isinstance(upload, str):
                name = service.safe_filename(upload.filename)
                data = await upload.read()
                return service.decode_upload(data, name), published, name
            text = _str(form.get("text")) or ""
            return text, published, service.safe_filename(_str(form.get("filename")))
    if ctype not in ("application/json", ""):
        raise UsageError(f"send JSON or a multipart upload, not {ctype!r}")
    try:
        body = await request.json()
    except ValueError:
        raise UsageError("the body is not valid JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        raise UsageError('the body must be a JSON object with a "text" string')
    published = body.get("published")
    filename = body.get("filename")
    if published is not None and not isinstance(published, str):
        raise UsageError("published must be a date string like 2025-04-17")
    if filename is not None and not isinstance(filename, str):
        raise UsageError("filename must be a string")
    return body["text"], service.parse_date(published), service.safe_filename(filename)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _add_check(app: FastAPI, config: Any, s: WebSettings, runner: CheckRunner) -> None:
    @app.post("/api/check", tags=["check"], openapi_extra=_CHECK_BODY)
    async def check(request: Request, format: Literal["json", "page", "html"] = "json") -> Response:
        """Check one draft. ``format=json`` (default): the document ``factcheck check --format
        json`` prints (docs/schema.json). ``format=page``: ``{"document": <that document>,
        "texts": [the analysed text of each article]}``, what the page needs to mark claims by
        their offsets. ``format=html``: the self-contained HTML report, as a download."""
        text, published, filename = await _read_check_request(request)
        answer = await runner.run(
            service.answer, format, text, published, filename, config, s.checker
        )
        if format == "html":
            name = service.download_name(filename, ".factcheck.html")
            disposition = f'attachment; filename="{name}"'
            return HTMLResponse(answer, headers={"content-disposition": disposition})
        return JSONResponse(answer)


def _add_reference(app: FastAPI, s: WebSettings, runner: ThreadRunner) -> None:
    cache: dict[str, Any] = {}

    def store() -> Any:
        if "store" not in cache:
            if s.store_loader is not None:
                cache["store"] = s.store_loader()
            else:
                from extractor.reference import load_store

                cache["store"] = load_store()
        return cache["store"]

    def answer(**query: Any) -> Any:
        return service.reference_answer(store(), **query)

    @app.get("/api/reference", tags=["reference"])
    async def reference(
        flow: Annotated[str, Query(description="exports, imports, balance or usd_jpy_rate")],
        partner: Annotated[
            str, Query(description="a country or area: World, United States ...")
        ] = "World",
        period: Annotated[
            str | None, Query(description="2025-03, CY2024, FY2024, CY2025H1 ...")
        ] = None,
        as_of: Annotated[
            dt.date | None, Query(description="the figures as known on this date")
        ] = None,
        basis: Annotated[
            str | None, Query(description="without period: month, CY, FY, CYH or FYH")
        ] = None,
    ) -> JSONResponse:
        """The official figure of one series and period as known on ``as_of`` (default: the
        latest), with every vintage (status, release date, source); or, with ``basis`` instead
        of ``period``, the history of the series."""
        query = dict(flow=flow, partner=partner, period=period, as_of=as_of, basis=basis)
        return JSONResponse(await runner.run(answer, **query))
