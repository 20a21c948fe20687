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


def test_official_figures_read_like_an_article() -> None:
    from extractor.report.common import format_value

    assert format_value(9.0053e12, "JPY") == "¥9.0053 trillion"
    assert format_value(-5.2e12, "JPY") == "-¥5.2 trillion"
    assert format_value(6.3e10, "USD") == "$63 billion"
    assert format_value(544.1e9, "JPY") == "¥544.1 billion"
    assert format_value(12_345, "JPY") == "¥12,345"
    assert format_value(-1.3, "percent") == "-1.3%"
    assert format_value(152.6, "JPY_per_USD") == "152.6 yen per dollar"
    assert format_value(4, "count") == "4 count"
