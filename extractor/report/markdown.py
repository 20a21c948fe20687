"""A readable discrepancy report in Markdown: a summary, then per article the findings shown
(flagged ones by default; all with --show-all) in a table, and a line counting the rest.

Article text and messages are escaped for Markdown tables: ``|`` and backslashes, ``<``/``>``/``&``
as entities (so planted markup stays text when the Markdown is turned into HTML), newlines folded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from extractor.model import ArticleReport, Finding
from extractor.report.common import (
    RenderOptions,
    display_path,
    format_value,
    position,
    shown,
    summary,
)


def cell(s: object) -> str:
    """Text made safe for one Markdown table cell."""
    text = " ".join(str(s).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    for ch in "`*_[]":
        text = text.replace(ch, "\\" + ch)
    return text


def _official(f: Finding) -> str:
    o = f.official
    if o is None:
        return ""
    return cell(
        f"{format_value(o.value, o.unit)}, {o.period}, {o.partner} ({o.status}, {o.source})"
    )


def _summary_lines(reports: Sequence[ArticleReport]) -> list[str]:
    s = summary(reports)
    lines = [
        f"{s['articles']} article(s), {s['claims']} claim(s), {s['flagged']} flagged, "
        f"{s['errors']} unreadable.",
        "",
        "| verdict | claims |",
        "| --- | ---: |",
    ]
    lines += [f"| {v} | {n} |" for v, n in s["by_verdict"].items() if n]
    return lines


def _article_lines(r: ArticleReport, opts: RenderOptions) -> list[str]:
    lines = [f"## {cell(display_path(r))}", ""]
    facts = []
    if r.meta.get("title"):
        facts.append(f"title: {cell(r.meta['title'])}")
    if r.meta.get("outlet"):
        facts.append(f"outlet: {cell(r.meta['outlet'])}")
    published = r.published.isoformat() if r.published else "unknown"
    facts.append(
        f"published: {published}" + (f" ({r.published_source})" if r.published_source else "")
    )
    lines += [f"- {fact}" for fact in facts] + [""]
    if r.error:
        return [*lines, f"**Could not be checked:** {cell(r.error)}", ""]
    shown_findings = [f for f in r.findings if shown(f, opts)]
    if shown_findings:
        lines += [
            "| line | claim | verdict | severity | rule | message | official | suggestion |",
            "| ---: | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for f in sorted(shown_findings, key=lambda f: f.claim.start):
            line, col = position(r, f)
            lines.append(
                f"| {line}:{col} | {cell(f.claim.text)} | {f.verdict} | {f.severity} | "
                f"{cell(f.rule)} | {cell(f.message)} | {_official(f)} | {cell(f.suggestion or '')} |"
            )
        lines.append("")
    rest = Counter(f.verdict for f in r.findings if not shown(f, opts))
    if rest:
        listed = ", ".join(f"{n} {v}" for v, n in sorted(rest.items()))
        lines += [f"Not listed: {listed}.", ""]
    elif not r.findings:
        lines += ["No claims found.", ""]
    return lines


def render(reports: Sequence[ArticleReport], opts: RenderOptions) -> str:
    lines = [f"# {cell(opts.title)}", "", *_summary_lines(reports), ""]
    for r in reports:
        lines += _article_lines(r, opts)
    return "\n".join(lines).rstrip("\n") + "\n"
