"""CSV: one row per claim, every claim whatever the display level.

An article with no claims, or one that could not be checked, still gets one row (claim columns
empty, ``error`` filled when it failed), so every input file appears. Cells a spreadsheet would
run as a formula (starting with ``=``, ``+``, ``@``, a tab or CR, or ``-`` not followed by a digit)
get a leading apostrophe; numbers like ``-1.3`` are left alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from extractor.model import ArticleReport, finding_to_dict
from extractor.report.common import RenderOptions

COLUMNS: tuple[str, ...] = (
    "path",
    "published",
    "published_source",
    "outlet",
    "line",
    "col",
    "start",
    "end",
    "text",
    "kind",
    "metric",
    "partner",
    "period",
    "value",
    "unit",
    "normalized_value",
    "normalized_unit",
    "hedge",
    "direction",
    "sign",
    "verdict",
    "severity",
    "rule",
    "message",
    "suggestion",
    "official_value",
    "official_unit",
    "official_period",
    "official_partner",
    "official_status",
    "official_release_date",
    "official_source",
    "error",
)


def _safe(value: Any) -> str:
    if value is None:
        return ""
    s = str(value)
    risky = s[:1] in ("=", "+", "@", "\t", "\r") or (
        s.startswith("-") and not (len(s) > 1 and (s[1].isdigit() or s[1] == "."))
    )
    return "'" + s if risky else s


def _rows(report: ArticleReport) -> list[dict[str, Any]]:
    base = {
        "path": report.path,
        "published": report.published.isoformat() if report.published else None,
        "published_source": report.published_source,
        "outlet": report.meta.get("outlet"),
        "error": report.error,
    }
    if not report.findings:
        return [base]
    rows = []
    for f in report.findings:
        d = finding_to_dict(f, report.text, report.line_base)
        row = {**base, **{k: d.get(k) for k in COLUMNS if k in d}}
        norm, official = d.get("normalized") or {}, d.get("official") or {}
        row.update(normalized_value=norm.get("value"), normalized_unit=norm.get("unit"))
        for key in ("value", "unit", "period", "partner", "status", "release_date", "source"):
            row[f"official_{key}"] = official.get(key)
        rows.append(row)
    return rows


def _write(rows: list[dict[str, Any]], header: bool) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_safe(row.get(c)) for c in COLUMNS])
    return buf.getvalue()


def render_header(opts: RenderOptions) -> str:
    return _write([], header=True)


def render_article(report: ArticleReport, opts: RenderOptions) -> str:
    return _write(_rows(report), header=False)


def render(reports: Sequence[ArticleReport], opts: RenderOptions) -> str:
    return render_header(opts) + "".join(render_article(r, opts) for r in reports)
