from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from sample_reports import assert_golden, fake_checker, sample_reports

from extractor.batch import check_paths
from extractor.model import KINDS, METRICS, SCHEMA_VERSION, SEVERITIES, VERDICTS
from extractor.report import render

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "schema.json").read_text())


def validate(doc: object) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)


def test_golden() -> None:
    assert_golden("report.json", render("json", sample_reports()))


def test_document_shape_and_schema() -> None:
    doc = json.loads(render("json", sample_reports()))
    validate(doc)
    assert doc["schema"] == f"factcheck/{SCHEMA_VERSION}"
    assert [a["path"] for a in doc["articles"]] == [
        "news/a.md",
        "news/broken.txt",
        "news/<evil>.html",
    ]
    first = doc["articles"][0]["claims"][0]
    assert (first["line"], first["col"], first["official"]["release_date"]) == (5, 17, "2025-04-17")
    s = doc["summary"]
    assert (s["articles"], s["errors"], s["claims"], s["flagged"]) == (3, 1, 5, 3)
    assert s["by_outlet"] == {"<script>x</script>": 1, "Test Wire": 1, "unknown": 1}


def test_schema_enumerations_match_the_model() -> None:
    claim = SCHEMA["$defs"]["claim"]["properties"]
    assert claim["kind"]["enum"] == list(KINDS)
    assert claim["metric"]["enum"] == list(METRICS)
    assert claim["verdict"]["enum"] == list(VERDICTS)
    assert claim["severity"]["enum"] == list(SEVERITIES)
    assert SCHEMA["properties"]["schema"]["const"] == f"factcheck/{SCHEMA_VERSION}"


def test_schema_rejects_wrong_output() -> None:
    doc = json.loads(render("json", sample_reports()))
    doc["articles"][0]["claims"][0]["verdict"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        validate(doc)


def test_batch_output_validates(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ndate: 2025-04-17\n---\nExports rose 3.9% and imports fell 12%.\n"
    )
    (tmp_path / "b.txt").write_bytes(b"\x00")
    reports = list(check_paths([tmp_path], checker=fake_checker))
    validate(json.loads(render("json", reports)))


def test_real_pipeline_output_validates(shared_dir: Path) -> None:
    reports = list(check_paths(sorted((shared_dir / "seeds").glob("*.txt")), jobs=1))
    if any("No module named 'extractor." in (r.error or "") for r in reports):
        pytest.skip("the pipeline is not complete yet")
    validate(json.loads(render("json", reports)))
