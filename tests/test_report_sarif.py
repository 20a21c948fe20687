from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from sample_reports import assert_golden, sample_reports

from extractor.report import RenderOptions, render
from extractor.report.sarif import artifact_uri

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def validate(doc: object) -> None:
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(doc)


def test_golden() -> None:
    assert_golden("report.sarif", render("sarif", sample_reports()))


def test_validates_against_the_oasis_schema() -> None:
    for opts in (RenderOptions(), RenderOptions(show_all=True), RenderOptions(level="info")):
        validate(json.loads(render("sarif", sample_reports(), opts)))
    validate(json.loads(render("sarif", [])))


def test_schema_catches_a_broken_log() -> None:
    doc = json.loads(render("sarif", sample_reports()))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    try:
        validate(doc)
    except jsonschema.ValidationError:
        return
    raise AssertionError("the vendored schema accepted an invalid level")


def test_results_levels_and_regions() -> None:
    run = json.loads(render("sarif", sample_reports()))["runs"][0]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("value.mismatch", "error"),
        ("direction.mismatch", "warning"),
        ("value.mismatch", "error"),
    ]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (5, 17, 26)
    assert run["tool"]["driver"]["rules"][results[0]["ruleIndex"]]["id"] == "value.mismatch"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "binary" in notes[0]["message"]["text"]


def test_consistent_is_a_pass_with_show_all() -> None:
    results = json.loads(render("sarif", sample_reports(), RenderOptions(show_all=True)))["runs"][
        0
    ]["results"]
    passes = [r for r in results if r.get("kind") == "pass"]
    assert len(passes) == 1 and passes[0]["level"] == "none"


def test_artifact_uris() -> None:
    assert artifact_uri("news/a b.md") == "news/a%20b.md"
    assert artifact_uri("/tmp/x.md") == "file:///tmp/x.md"
    assert artifact_uri("-") == "stdin" and artifact_uri(None) == "text"


def test_real_pipeline_output_validates(shared_dir: Path) -> None:
    import pytest

    from extractor.batch import check_paths

    reports = list(check_paths(sorted((shared_dir / "seeds").glob("*.txt")), jobs=1))
    if any("No module named 'extractor." in (r.error or "") for r in reports):
        pytest.skip("the pipeline is not complete yet")
    for opts in (RenderOptions(), RenderOptions(show_all=True)):
        validate(json.loads(render("sarif", reports, opts)))
