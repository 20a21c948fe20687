"""API docs served from this machine: Swagger UI 5 from the ``swagger-ui-py`` package (its static
files only; the package is not imported) when it is installed, else a plain local page listing the endpoints; ``/openapi.json`` either way.
FastAPI's own ``/docs`` would load Swagger UI from a CDN, which this app must not do."""

from __future__ import annotations

import importlib.util
from html import escape
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

_SWAGGER_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>factcheck API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/static/docs-init.js"></script>
</body>
</html>
"""


def swagger_dir() -> Path | None:
    """Where the vendored Swagger UI lives, or None when ``swagger-ui-py`` is not installed."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "static"
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def plain_docs(openapi: dict[str, Any]) -> str:
    """A local page listing every operation of the OpenAPI document (all text escaped)."""
    rows = []
    for path, ops in sorted(openapi.get("paths", {}).items()):
        for method, op in ops.items():
            summary = op.get("summary", "")
            desc = (op.get("description") or "").strip()
            rows.append(
                f"<dt><code>{escape(method.upper())} {escape(path)}</code> {escape(summary)}</dt>"
                f"<dd>{escape(desc)}</dd>"
            )
    title = escape(str(openapi.get("info", {}).get("title", "API")))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} API</title>'
        f'<link rel="stylesheet" href="/static/app.css"></head><body class="docs">'
        f"<h1>{title} API</h1><p>The machine-readable description: "
        f'<a href="/openapi.json">/openapi.json</a>.</p><dl>{"".join(rows)}</dl></body></html>'
    )


def add_docs(app: FastAPI) -> None:
    found = swagger_dir()
    if found is not None:
        app.mount("/docs/assets", StaticFiles(directory=str(found)), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        if found is None:
            return HTMLResponse(plain_docs(app.openapi()))
        return HTMLResponse(_SWAGGER_PAGE)
