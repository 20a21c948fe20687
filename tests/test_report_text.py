from __future__ import annotations

from sample_reports import assert_golden, sample_reports

from extractor.report import RenderOptions, failed, render, shown
from extractor.report.text import render_article


def test_golden_default_level() -> None:
    assert_golden("report.txt", render("text", sample_reports()))


def test_golden_show_all() -> None:
    assert_golden("report-all.txt", render("text", sample_reports(), RenderOptions(show_all=True)))


def test_lines_are_linter_style_and_point_into_the_file() -> None:
    r1 = sample_reports()[0]
    lines = render_article(r1, RenderOptions(level="error")).splitlines()
    assert lines == [
        "news/a.md:5:17: error value.mismatch: exports rose 5% in March 2025 (test table), not 3.9% "
        "(suggestion: rose 5%)"
    ]  # line 5 of the file: 4 front-matter lines precede the text


def test_levels() -> None:
    r1 = sample_reports()[0]
    by_level = {
        level: [f.verdict for f in r1.findings if shown(f, RenderOptions(level=level))]
        for level in ("error", "warning", "info")
    }
    assert by_level == {
        "error": ["contradicted"],
        "warning": ["contradicted", "wrong_direction"],
        "info": ["contradicted", "wrong_direction", "consistent", "unverifiable"],
    }


def test_failed_by_level_and_errors() -> None:
    r1, r2, _ = sample_reports()
    assert failed([r1], "error") and failed([r2], "error")
    no_errors = r1.__class__(
        path="x", text="t", findings=tuple(f for f in r1.findings if f.severity != "error")
    )
    assert not failed([no_errors], "error") and failed([no_errors], "warning")
    assert not failed([], "info")


def test_internal_errors_have_their_own_rule() -> None:
    from extractor.model import ArticleReport

    crashed = ArticleReport(path="x.txt", text="", error="internal error: RuntimeError('bug')")
    unreadable = ArticleReport(path="y.txt", text="", error="empty file")
    assert render("text", [crashed, unreadable]).splitlines() == [
        "x.txt:1:1: error internal.error: internal error: RuntimeError('bug')",
        "y.txt:1:1: error input.error: empty file",
    ]
