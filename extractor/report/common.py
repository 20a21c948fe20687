"""What every renderer shares: options, which findings to show, the batch summary, positions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from extractor.model import SCHEMA_VERSION, SEVERITIES, VERDICTS, ArticleReport, Finding, line_col

SCHEMA_ID = f"factcheck/{SCHEMA_VERSION}"
TOOL_NAME = "factcheck"
ERROR_RULE = "input.error"  # the rule id under which an article that could not be checked shows
INTERNAL_RULE = "internal.error"  # ... when the cause was a bug rather than the input


@dataclass(frozen=True)
class RenderOptions:
    """``level``: the lowest severity shown by the formats that filter (text, markdown, sarif);
    ``show_all``: show every finding, consistent ones included; ``title``: of md/html reports."""

    level: str = "warning"
    show_all: bool = False
    title: str = "factcheck report"


def rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def shown(f: Finding, opts: RenderOptions) -> bool:
    """A finding is shown at or above ``opts.level``; consistent claims only with --show-all or
    at level ``info``."""
    if opts.show_all:
        return True
    if f.verdict == "consistent" and opts.level != "info":
        return False
    return rank(f.severity) >= rank(opts.level)


def position(report: ArticleReport, f: Finding) -> tuple[int, int]:
    """1-based (line, column) of a finding in the article's file."""
    return line_col(report.text, f.claim.start, report.line_base)


def end_position(report: ArticleReport, f: Finding) -> tuple[int, int]:
    """1-based (line, column) just past the claim's last character."""
    return line_col(report.text, f.claim.end, report.line_base)


def failed(reports: Iterable[ArticleReport], fail_on: str) -> bool:
    """True when any finding is at or above ``fail_on`` or any article could not be checked."""
    return any(
        r.error or any(rank(f.severity) >= rank(fail_on) for f in r.findings) for r in reports
    )


def _sorted_counts(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def summary(reports: Sequence[ArticleReport]) -> dict[str, Any]:
    """Counts over a batch: articles, errors, claims, flagged; by verdict, severity, rule, outlet
    and period. Every verdict and severity is present (zero when absent), the rest sorted by count."""
    by_verdict = Counter({v: 0 for v in VERDICTS})
    by_severity = Counter({s: 0 for s in SEVERITIES})
    by_rule: Counter[str] = Counter()
    by_outlet: Counter[str] = Counter()
    by_period: Counter[str] = Counter()
    for r in reports:
        by_outlet[str(r.meta.get("outlet") or "unknown")] += 1
        for f in r.findings:
            by_verdict[f.verdict] += 1
            by_severity[f.severity] += 1
            by_rule[f.rule] += 1
            by_period[f.claim.period.code if f.claim.period else "none"] += 1
    return {
        "articles": len(reports),
        "errors": sum(1 for r in reports if r.error),
        "claims": sum(len(r.findings) for r in reports),
        "flagged": sum(len(r.flagged) for r in reports),
        "by_verdict": dict(by_verdict),
        "by_severity": dict(by_severity),
        "by_rule": _sorted_counts(by_rule),
        "by_outlet": _sorted_counts(by_outlet),
        "by_period": dict(sorted(by_period.items())),
    }


def error_rule(report: ArticleReport) -> str:
    """``internal.error`` for a crash of the checker, ``input.error`` for anything else."""
    return INTERNAL_RULE if (report.error or "").startswith("internal error") else ERROR_RULE


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_value(value: float, unit: str) -> str:
    """A figure as a reader writes it: ``¥9.0053 trillion``, ``$63.2 billion``, ``-1.3%``."""
    sign, size = ("-" if value < 0 else ""), abs(value)
    if unit in ("JPY", "USD"):
        symbol = "¥" if unit == "JPY" else "$"
        for factor, word in _SCALES:
            if size >= factor:
                return f"{sign}{symbol}{size / factor:.6g} {word}"
        return f"{sign}{symbol}{size:,.0f}"
    if unit == "percent":
        return f"{value:.6g}%"
    if unit == "JPY_per_USD":
        return f"{value:.6g} yen per dollar"
    return f"{value:.6g} {unit}"


def display_path(report: ArticleReport) -> str:
    return report.path if report.path not in (None, "") else "<text>"
