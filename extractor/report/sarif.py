"""SARIF 2.1.0, so code-review tools (GitHub code scanning, VS Code) annotate a draft.

One run; the tool's rules are the rule ids of the results. A result per finding shown (levels:
error -> ``error``, warning -> ``warning``, info -> ``note``; a consistent claim shown with
--show-all is ``kind: "pass"``). Columns count Unicode code points (``columnKind``). An article
that could not be checked is a tool execution notification, not a result. The verdict, the
claim, the official figure and the suggestion ride in each result's ``properties``.

Positions point into the file for text and Markdown (front matter counted); for HTML pages they
point into the extracted main text, as for every other format.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from extractor import __version__
from extractor.model import ArticleReport, Finding
from extractor.report.common import TOOL_NAME, RenderOptions, end_position, position, shown

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str | None) -> str:
    """A URI reference for an article path (relative paths stay relative)."""
    if not path:
        return "text"
    if path == "-":
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(PurePosixPath(*p.parts).as_posix(), safe="/")


def _location(report: ArticleReport, f: Finding) -> dict[str, Any]:
    line, col = position(report, f)
    end_line, end_col = end_position(report, f)
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(report.path)},
            "region": {
                "startLine": line,
                "startColumn": col,
                "endLine": end_line,
                "endColumn": end_col,
                "snippet": {"text": f.claim.text},
            },
        }
    }


def _result(report: ArticleReport, f: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS.get(f.severity, "note"),
        "message": {"text": f.message},
        "locations": [_location(report, f)],
        "properties": {
            "verdict": f.verdict,
            "claim": f.claim.to_dict(),
            "official": f.official.to_dict() if f.official else None,
            "suggestion": f.suggestion,
        },
    }
    if f.verdict == "consistent":
        result.update(kind="pass", level="none")
    return result


def _notifications(reports: Sequence[ArticleReport]) -> list[dict[str, Any]]:
    return [
        {
            "level": "error",
            "message": {"text": f"could not be checked: {r.error}"},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}
            ],
        }
        for r in reports
        if r.error
    ]


def document(reports: Sequence[ArticleReport], opts: RenderOptions) -> dict[str, Any]:
    pairs = [
        (r, f)
        for r in reports
        for f in sorted(r.findings, key=lambda f: f.claim.start)
        if shown(f, opts)
    ]
    rule_ids = sorted({f.rule for _, f in pairs})
    index = {rule: i for i, rule in enumerate(rule_ids)}
    notes = _notifications(reports)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": __version__,
                        "rules": [
                            {"id": rule, "shortDescription": {"text": rule}} for rule in rule_ids
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {"executionSuccessful": not notes, "toolExecutionNotifications": notes}
                ],
                "results": [_result(r, f, index[f.rule]) for r, f in pairs],
            }
        ],
    }


def render(reports: Sequence[ArticleReport], opts: RenderOptions) -> str:
    return json.dumps(document(reports, opts), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
