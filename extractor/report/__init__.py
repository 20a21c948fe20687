"""One renderer per output format. Each module exposes ``render(reports, opts) -> str``; the
streaming ones (text, jsonl, csv) also ``render_header(opts)`` and ``render_article(report, opts)``
so a batch can be written as it goes.

============  ===============================================  ==========
format        what                                             streams
============  ===============================================  ==========
text          linter lines ``path:line:col: severity rule: m``  yes
json          ``{"schema": "factcheck/1.0", "articles", ...}``  no
jsonl         one article object per line                       yes
csv           one row per claim                                 yes
markdown      a readable discrepancy report                     no
sarif         SARIF 2.1.0                                       no
html          a self-contained page with highlights             no
============  ===============================================  ==========
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType

from extractor.model import ArticleReport
from extractor.report.common import SCHEMA_ID, RenderOptions, failed, shown, summary

FORMATS: tuple[str, ...] = ("text", "json", "jsonl", "csv", "markdown", "sarif", "html")
STREAMING = frozenset({"text", "jsonl", "csv"})
_MODULES = {"json": "jsonfmt", "csv": "csvfmt", "html": "htmlfmt"}

__all__ = [
    "FORMATS",
    "SCHEMA_ID",
    "STREAMING",
    "RenderOptions",
    "failed",
    "renderer",
    "render",
    "shown",
    "summary",
]


def renderer(fmt: str) -> ModuleType:
    """The module rendering ``fmt``; ValueError for an unknown format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return importlib.import_module(f"extractor.report.{_MODULES.get(fmt, fmt)}")


def render(fmt: str, reports: Sequence[ArticleReport], opts: RenderOptions | None = None) -> str:
    """The whole output of a batch in ``fmt``."""
    return str(renderer(fmt).render(list(reports), opts or RenderOptions()))
