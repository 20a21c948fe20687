from __future__ import annotations

from sample_reports import assert_golden, sample_reports

from extractor.report import RenderOptions, render
from extractor.report.markdown import cell


def test_golden() -> None:
    assert_golden("report.md", render("markdown", sample_reports()))


def test_golden_show_all() -> None:
    assert_golden(
        "report-all.md", render("markdown", sample_reports(), RenderOptions(show_all=True))
    )


def test_cells_escape_pipes_and_markup() -> None:
    assert cell("a | b\nc") == "a \\| b c"
    assert cell("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    out = render("markdown", sample_reports())
    assert "<script>" not in out and "<img" not in out and "<b " not in out
    assert "Trade \\| March" in out
