"""Guard rails of the web app: a request size limit, a per-request time limit, safe headers.

``BodyLimit`` is a plain ASGI middleware: a request whose ``Content-Length`` or streamed body is
larger than the limit gets ``413`` with a JSON message before the app sees a byte of it.
``ThreadRunner`` runs cheap blocking work (reference questions) in a small thread pool with a
timeout; work that outlives it is answered with ``504``, and a pool already full of waiting work
with ``503``. Checks run in worker processes instead (:mod:`extractor.web.workers`), which raise
the same ``Busy`` and ``TimedOut``, and ``WorkerFailed`` when a worker process dies.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

T = TypeVar("T")

# Same-origin only: the page loads nothing from elsewhere and sends nothing elsewhere.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Swagger UI sets inline styles; everything else stays local.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


def human_bytes(n: int) -> str:
    """``1048576`` -> ``'1 MiB'``; ``1536`` -> ``'1.5 KiB'``."""
    for unit, size in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{n} bytes"


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


def too_large_body(limit: int, size: int | None = None) -> dict[str, Any]:
    got = f"The request is {human_bytes(size)}; " if size is not None else "The request is "
    tail = "the limit" if size is not None else "larger than the limit"
    return {
        "error": "too_large",
        "message": f"{got}{tail} is {human_bytes(limit)}. Check a shorter draft, or one article at a time.",
        "limit_bytes": limit,
    }


class BodyLimit:
    """Refuse request bodies larger than ``max_bytes`` with 413 and a JSON message."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _send_json(send, 413, too_large_body(self.max_bytes, declared))
            return
        chunks: list[bytes] = []
        total = 0
        while True:  # buffer the body (it is small by construction) and count it
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.max_bytes:
                await _send_json(send, 413, too_large_body(self.max_bytes))
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class SecurityHeaders:
    """Add the content security policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = DOCS_CSP if path.startswith("/docs") else PAGE_CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {n.lower() for n, _ in headers}
                extra = [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                headers += [(n, v) for n, v in extra if n not in names]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class Busy(Exception):
    """Every worker is taken and the queue is full."""


class TimedOut(Exception):
    """The work outlived the time limit."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"took longer than {seconds:g} s")


class WorkerFailed(Exception):
    """The worker process running a check died (crash, out of memory) or could not start."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class ThreadRunner:
    """Run blocking work in ``workers`` threads, at most ``queue`` more waiting, each bounded
    by ``timeout`` seconds. A timed-out thread cannot be killed: it finishes in the background
    and keeps its slot until then, so a flood of slow work turns into 503s, not a pile-up. Meant
    for cheap work (reference questions); checks run in killable processes (``CheckRunner``)."""

    def __init__(self, workers: int = 2, queue: int = 16, timeout: float = 20.0) -> None:
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="factcheck-web")
        self._slots = threading.BoundedSemaphore(workers + queue)

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if not self._slots.acquire(blocking=False):
            raise Busy()
        try:
            future = self._pool.submit(fn, *args, **kwargs)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _f: self._slots.release())
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            future.cancel()  # only helps when it has not started yet
            raise TimedOut(self.timeout) from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
