"""The JSON document: ``{"schema": "factcheck/1.0", "articles": [...], "summary": {...}}``.

Articles are :meth:`ArticleReport.to_dict`, claims :func:`extractor.model.finding_to_dict`; every
claim of every article is included whatever the display level (docs/schema.md, docs/schema.json).
Keys keep their order and the output is pretty-printed UTF-8, so equal batches give equal bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from extractor.model import ArticleReport
from extractor.report.common import SCHEMA_ID, RenderOptions, summary


def document(reports: Sequence[ArticleReport]) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "articles": [r.to_dict() for r in reports],
        "summary": summary(reports),
    }


def render(reports: Sequence[ArticleReport], opts: RenderOptions) -> str:
    return json.dumps(document(reports), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
