from __future__ import annotations

import csv
import io

from sample_reports import assert_golden, sample_reports

from extractor.report import render
from extractor.report.csvfmt import COLUMNS, _safe


def test_golden() -> None:
    assert_golden("report.csv", render("csv", sample_reports()))


def test_one_row_per_claim_and_one_per_empty_article() -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv", sample_reports()))))
    assert tuple(rows[0]) == COLUMNS
    assert [r["path"] for r in rows] == ["news/a.md"] * 4 + ["news/broken.txt", "news/<evil>.html"]
    assert rows[0]["official_value"] == "5.0" and rows[0]["line"] == "5"
    assert rows[4]["error"].startswith("binary") and rows[4]["verdict"] == ""


def test_formula_cells_are_defused_numbers_are_not() -> None:
    assert _safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _safe("@SUM") == "'@SUM" and _safe("+1") == "'+1"
    assert _safe("-1.3") == "-1.3" and _safe("-.5") == "-.5"
    assert _safe("-x") == "'-x" and _safe(None) == "" and _safe(3.5) == "3.5"
