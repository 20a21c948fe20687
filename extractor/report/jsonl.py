"""JSON Lines: one article object per line (the objects of the JSON document's ``articles``, each
with a leading ``"schema": "factcheck/1.0"`` key), written as each article is finished. No summary
line: a stream has no end to put it at."""

from __future__ import annotations

import json
from collections.abc import Sequence

from extractor.model import ArticleReport
from extractor.report.common import SCHEMA_ID, RenderOptions


def render_header(opts: RenderOptions) -> str:
    return ""


def render_article(report: ArticleReport, opts: RenderOptions) -> str:
    obj = {"schema": SCHEMA_ID, **report.to_dict()}
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"


def render(reports: Sequence[ArticleReport], opts: RenderOptions) -> str:
    return "".join(render_article(r, opts) for r in reports)
