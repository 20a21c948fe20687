"""The scorer on tiny hand-made gold and predictions (no checker involved)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.commands.eval import evaluate_corpus, format_text, load_corpus, split_front_matter
from extractor.errors import InputError
from extractor.evaluate import (
    EvalClaim,
    align_claims,
    below_floor,
    claim_from_entry,
    claims_match,
    fill_offsets,
    gold_from_data,
    match_claims,
    score,
    validate_gold,
)
from extractor.model import ArticleReport, Claim, Finding, Normalized
from extractor.periods import Period

BODY = "Exports rose 3.9% to 9.8 trillion yen in March, a surplus of 544.1 billion yen.\n"


def claim(text: str, kind: str, metric: str, value: float | None, unit: str | None,
          verdict: str = "consistent", period: str | None = "2025-03", planted: str | None = None,
          body: str = BODY, partner: str = "World") -> EvalClaim:  # fmt: skip
    start = body.index(text)
    norm = None if value is None else Normalized(value, unit or "")
    return EvalClaim(text, start, start + len(text), kind, metric, partner, period, norm,
                     verdict, planted)  # fmt: skip


GOLD = [
    claim("rose", "direction", "exports", None, None),
    claim("3.9%", "change", "exports", 3.9, "percent"),
    claim("9.8 trillion yen", "level", "exports", 9.8e12, "JPY"),
    claim("544.1 billion yen", "level", "balance", 5.441e11, "JPY"),
]


def test_perfect_prediction_scores_one() -> None:
    s = score([("a", GOLD, GOLD)])
    assert (s.extraction.precision, s.extraction.recall, s.extraction.f1) == (1.0, 1.0, 1.0)
    assert s.verdict_accuracy == 1.0
    assert s.by_kind["level"].tp == 2
    assert s.misses == ()


def test_missing_and_spurious_claims_lower_recall_and_precision() -> None:
    spurious = claim("March", "level", "exports", 3.0, "JPY")
    s = score([("a", GOLD, GOLD[:2] + [spurious])])
    assert s.extraction.tp == 2
    assert s.extraction.recall == pytest.approx(0.5)
    assert s.extraction.precision == pytest.approx(2 / 3)
    assert s.extraction.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert {m.text for m in s.misses} == {"9.8 trillion yen", "544.1 billion yen"}
    assert all(m.got is None for m in s.misses)


@pytest.mark.parametrize(
    "change",
    [
        {"metric": "imports"},
        {"partner": "China"},
        {"period": "2025-02"},
        {"normalized": Normalized(9.9e12, "JPY")},
        {"normalized": Normalized(9.8e12, "USD")},
        {"start": 0, "end": 3},
    ],
)
def test_a_claim_matches_only_when_span_metric_partner_period_and_value_agree(change) -> None:
    from dataclasses import replace

    gold = GOLD[2]
    assert claims_match(gold, gold)
    assert not claims_match(gold, replace(gold, **change))


def test_value_matches_within_rounding_but_not_beyond() -> None:
    from dataclasses import replace

    gold = GOLD[2]
    assert claims_match(gold, replace(gold, normalized=Normalized(9.8000001e12, "JPY")))
    assert not claims_match(gold, replace(gold, normalized=Normalized(9.7e12, "JPY")))


def test_not_checked_gold_ignores_attribution_but_not_value() -> None:
    from dataclasses import replace

    gold = replace(GOLD[1], verdict="not_checked", metric="other", period=None)
    pred = replace(GOLD[1], verdict="not_checked")
    assert claims_match(gold, pred)
    assert not claims_match(gold, replace(pred, normalized=Normalized(4.0, "percent")))


def test_matching_is_one_to_one_by_largest_overlap() -> None:
    from dataclasses import replace

    gold = [GOLD[2]]
    partial = replace(GOLD[2], start=GOLD[2].start + 4)  # "trillion yen": a smaller overlap
    assert match_claims(gold, [partial, GOLD[2]]) == [(0, 1)]
    assert match_claims(gold + gold, [partial]) == [(0, 0)]


def test_verdict_confusion_error_recall_and_false_alarms() -> None:
    from dataclasses import replace

    gold = [
        replace(GOLD[0], verdict="wrong_direction", planted="rose_fell_swapped"),
        GOLD[1],
        GOLD[2],
        replace(GOLD[3], verdict="wrong_sign", planted="surplus_deficit_swapped"),
    ]
    pred = [
        GOLD[0],  # planted error missed: judged consistent
        replace(GOLD[1], verdict="contradicted"),  # a false alarm
        GOLD[2],
        replace(GOLD[3], verdict="wrong_sign"),  # planted error caught
        replace(claim("March", "level", "exports", 1.0, "JPY"), verdict="contradicted"),
    ]
    s = score([("a", gold, pred)])
    assert s.confusion[("wrong_direction", "consistent")] == 1
    assert s.confusion[("consistent", "contradicted")] == 1
    assert s.confusion[("wrong_sign", "wrong_sign")] == 1
    assert s.verdict_accuracy == pytest.approx(2 / 4)
    assert (s.planted, s.planted_flagged, s.error_recall) == (2, 1, 0.5)
    assert (s.correct_claims, s.false_alarms) == (2, 1)
    assert s.false_alarm_rate == pytest.approx(0.5)
    assert s.unmatched_flags == 1
    head = s.headline()
    assert head["error_recall"] == 0.5 and head["f1_level"] == pytest.approx(0.8)


def test_empty_input_gives_neutral_scores() -> None:
    s = score([])
    assert s.articles == 0 and s.extraction.f1 == 1.0 and s.false_alarm_rate == 0.0


def test_below_floor_names_every_broken_score() -> None:
    floor = {"min": {"extraction_f1": 0.9, "error_recall": 0.5}, "max": {"false_alarm_rate": 0.1}}
    assert below_floor({"extraction_f1": 0.95, "error_recall": 0.5, "false_alarm_rate": 0.1},
                       floor) == []  # fmt: skip
    broken = below_floor({"extraction_f1": 0.89, "false_alarm_rate": 0.2}, floor)
    assert len(broken) == 3
    assert any("error_recall = None" in b for b in broken)


def test_fill_offsets_uses_the_nth_occurrence() -> None:
    body = "up 2% in May, up 2% in June"
    [first, second] = fill_offsets([{"text": "2%"}, {"text": "2%", "occurrence": 2}], body)
    assert (first["start"], second["start"]) == (3, 17)
    assert body[second["start"] : second["end"]] == "2%"
    with pytest.raises(InputError):
        fill_offsets([{"text": "2%", "occurrence": 3}], body)


def _entry(**over):  # a well-formed gold entry
    base = {"text": "9.8 trillion yen", "kind": "level", "metric": "exports",
            "partner": "World", "period": "2025-03",
            "normalized": {"value": 9.8e12, "unit": "JPY"}, "verdict": "consistent"}  # fmt: skip
    return fill_offsets([{**base, **over}], BODY)[0]


def test_validate_accepts_a_good_gold_file_and_names_each_problem() -> None:
    good = gold_from_data({"article": "x.md", "claims": [_entry()]})
    assert validate_gold(good, BODY) == []
    bad_entries = [
        {**_entry(), "start": 0},
        _entry(kind="amount"),
        _entry(metric="gdp"),
        _entry(partner="Narnia"),
        _entry(period="2025-13"),
        _entry(verdict="maybe"),
        _entry(normalized={"value": 3, "unit": "percent"}),
        _entry(verdict="contradicted"),  # flagged but not planted
        _entry(planted="slip"),  # planted but consistent
    ]
    for e in bad_entries:
        problems = validate_gold(gold_from_data({"article": "x.md", "claims": [e]}), BODY)
        assert len(problems) == 1, (e, problems)


def test_a_wrong_fiscal_year_phrase_may_have_no_value() -> None:
    body = "a deficit for the February-January fiscal period"
    entry = {"text": "February-January fiscal period", "kind": "level", "metric": "balance",
             "period": "FY2024", "normalized": None, "verdict": "wrong_period",
             "planted": "wrong_fiscal_year"}  # fmt: skip
    gold = gold_from_data({"article": "x.md", "claims": fill_offsets([entry], body)})
    assert validate_gold(gold, body) == []
    consistent = {**entry, "verdict": "consistent", "planted": None}
    gold = gold_from_data({"article": "x.md", "claims": fill_offsets([consistent], body)})
    assert validate_gold(gold, body) != []


def test_validate_rejects_overlapping_spans() -> None:
    entries = [_entry(), _entry(text="trillion yen", kind="level")]
    entries = fill_offsets(entries, BODY)
    problems = validate_gold(gold_from_data({"article": "x.md", "claims": entries}), BODY)
    assert any("overlapping" in p for p in problems)


def test_misshapen_gold_is_an_input_error() -> None:
    with pytest.raises(InputError):
        gold_from_data({"claims": []})
    with pytest.raises(InputError):
        claim_from_entry({"text": "x"})
    with pytest.raises(InputError):
        claim_from_entry({**_entry(), "normalized": 5})


def test_align_moves_gold_onto_the_checkers_text() -> None:
    shifted = "\n" + BODY
    aligned = align_claims(GOLD, shifted)
    assert all(shifted[c.start : c.end] == c.text for c in aligned)
    assert align_claims(GOLD, BODY) == tuple(GOLD)


def test_front_matter_split_gives_the_body_after_the_closing_line() -> None:
    meta, body = split_front_matter("---\ntitle: T\npublished: 2025-04-17\n---\nBody here.\n")
    assert meta["title"] == "T" and body == "Body here.\n"
    assert split_front_matter("No front matter") == ({}, "No front matter")
    with pytest.raises(InputError):
        split_front_matter("---\ntitle: T\nBody")


def _write_corpus(tmp_path: Path) -> Path:
    import yaml

    (tmp_path / "001-x.md").write_text("---\ntitle: T\npublished: 2025-04-17\n---\n" + BODY)
    entries = [_entry(), _entry(text="544.1 billion yen", metric="balance",
                               normalized={"value": 5.441e11, "unit": "JPY"})]  # fmt: skip
    (tmp_path / "001-x.gold.yaml").write_text(
        yaml.safe_dump({"article": "001-x.md", "claims": entries})
    )
    return tmp_path


def test_evaluate_corpus_with_a_fake_checker(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path)
    [(gold, path, body)] = load_corpus(corpus)
    assert body == BODY and path.name == "001-x.md"

    def fake_checker(p: Path) -> ArticleReport:
        c = Claim("9.8 trillion yen", 23, 39, "level", "exports", "World", Period.month(2025, 3),
                  normalized=Normalized(9.8e12, "JPY"))  # fmt: skip
        return ArticleReport(str(p), BODY, findings=(Finding(c, "consistent", "info", "r", "m"),))

    s = evaluate_corpus(corpus, fake_checker)
    assert (s.extraction.tp, s.extraction.n_gold, s.extraction.n_pred) == (1, 2, 1)
    text = format_text(s, ["extraction_f1 = 0.5 is below the floor 0.9"])
    assert "extraction: P 1.000  R 0.500" in text and "RATCHET: extraction_f1" in text
    assert "'544.1 billion yen' expected consistent, got not extracted" in text
    json.dumps(s.to_dict())  # serialisable


def test_load_corpus_reports_bad_gold(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path)
    gold = corpus / "001-x.gold.yaml"
    gold.write_text(gold.read_text().replace("kind: level", "kind: amount", 1))
    with pytest.raises(InputError, match="gold problem"):
        load_corpus(corpus)


def test_eval_command_wiring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.commands.eval as eval_cmd
    from extractor.cli import main

    (tmp_path / "corpus").mkdir()
    corpus = _write_corpus(tmp_path / "corpus")
    monkeypatch.setattr(eval_cmd, "default_checker", lambda: lambda p: ArticleReport(str(p), BODY))
    floor = tmp_path / "floor.json"
    floor.write_text(json.dumps({"min": {"extraction_recall": 0.5}, "max": {}}))
    out = tmp_path / "scores.json"
    args = ["eval", str(corpus), "--format", "json", "--output", str(out), "--floor", str(floor)]
    assert main(args) == 1  # nothing extracted: recall 0 breaks the floor
    data = json.loads(out.read_text())
    assert data["scores"]["extraction_recall"] == 0.0
    assert data["ratchet"] == ["extraction_recall = 0.0 is below the floor 0.5"]
    assert main(args) == 2  # the report exists: --force needed
    floor.write_text(json.dumps({"min": {"extraction_precision": 1.0}, "max": {}}))
    assert main([*args, "--force"]) == 0
