"""Linter lines, one per finding shown: ``path:line:col: severity rule.id: message``.

An article that could not be checked gives one line at 1:1 with rule ``input.error`` (or
``internal.error`` when the checker crashed on it). Findings come
in text order; newlines inside messages are folded so every finding stays on one greppable line.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.model import ArticleReport
from extractor.report.common import RenderOptions, display_path, error_rule, position, shown


def _one_line(s: str) -> str:
    return " ".join(s.split())


def render_header(opts: RenderOptions) -> str:
    return ""


def render_article(report: ArticleReport, opts: RenderOptions) -> str:
    path = display_path(report)
    lines = []
    if report.error:
        lines.append(f"{path}:1:1: error {error_rule(report)}: {_one_line(report.error)}")
    for f in sorted(report.findings, key=lambda f: (f.claim.start, f.claim.end)):
        if not shown(f, opts):
            continue
        line, col = position(report, f)
        message = _one_line(f.message)
        if f.suggestion:
            message += f" (suggestion: {_one_line(f.suggestion)})"
        lines.append(f"{path}:{line}:{col}: {f.severity} {f.rule}: {message}")
    return "".join(line + "\n" for line in lines)


def render(reports: Sequence[ArticleReport], opts: RenderOptions) -> str:
    return render_header(opts) + "".join(render_article(r, opts) for r in reports)
