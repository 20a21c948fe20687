from __future__ import annotations

import json

from sample_reports import assert_golden, sample_reports
from test_report_json import SCHEMA, validate

from extractor.report import render
from extractor.report.jsonl import render_article


def test_golden() -> None:
    assert_golden("report.jsonl", render("jsonl", sample_reports()))


def test_one_article_per_line_same_objects_as_json() -> None:
    reports = sample_reports()
    lines = render("jsonl", reports).splitlines()
    doc = json.loads(render("json", reports))
    assert len(lines) == len(reports)
    for line, article in zip(lines, doc["articles"], strict=True):
        obj = json.loads(line)
        assert obj.pop("schema") == SCHEMA["properties"]["schema"]["const"]
        assert obj == article


def test_each_line_validates_against_the_article_schema() -> None:
    for r in sample_reports():
        line = render_article(r, None)  # type: ignore[arg-type]
        assert line.endswith("\n") and "\n" not in line[:-1]
        doc = {
            "schema": "factcheck/1.0",
            "articles": [json.loads(line)],
            "summary": json.loads(render("json", []))["summary"],
        }
        validate(doc)
