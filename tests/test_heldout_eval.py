"""The held-out set (corpus/heldout/: articles the rules were never tuned on): its gold files are
well-formed and built from their sources (fast), and the real checker's scores on it do not fall
below accuracy/heldout_floor.json (slow)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extractor.commands.eval import evaluate_corpus, gold_files, load_gold, split_front_matter
from extractor.evaluate import below_floor, validate_gold

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "corpus" / "heldout"
FLOOR = ROOT / "accuracy" / "heldout_floor.json"
MAIN_CORPUS = ROOT / "corpus"


def _build_module():
    spec = importlib.util.spec_from_file_location(
        "corpus_build", MAIN_CORPUS / "tools" / "build.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_heldout_has_24_articles_with_valid_gold() -> None:
    files = gold_files(HELDOUT)
    assert len(files) >= 24
    for gp in files:
        gold = load_gold(gp)
        meta, body = split_front_matter((HELDOUT / gold.article).read_text(encoding="utf-8"))
        assert {"title", "outlet", "published", "style"} <= set(meta), gp.name
        assert validate_gold(gold, body) == [], gp.name
        for c in gold.claims:
            assert body[c.start : c.end] == c.text, (gp.name, c.text)


def test_heldout_plants_errors_in_about_one_claim_in_six() -> None:
    claims = [c for gp in gold_files(HELDOUT) for c in load_gold(gp).claims]
    planted = [c for c in claims if c.planted]
    assert 0.06 <= len(planted) / len(claims) <= 0.25, (len(planted), len(claims))
    assert len({c.planted for c in planted}) >= 10


def test_heldout_articles_are_not_in_the_main_corpus() -> None:
    main = {p.read_text(encoding="utf-8") for p in MAIN_CORPUS.glob("*.md")}
    held = [p for p in HELDOUT.glob("*.md") if p.name != "README.md"]
    assert held and not any(p.read_text(encoding="utf-8") in main for p in held)


def test_heldout_built_files_match_their_sources() -> None:
    build = _build_module()
    for src in sorted((HELDOUT / "src").glob("*.ann")):
        md, gold = build.build_one(src)
        assert (HELDOUT / f"{src.stem}.md").read_text(encoding="utf-8") == md, src.name
        assert (HELDOUT / f"{src.stem}.gold.yaml").read_text(encoding="utf-8") == gold, src.name


def test_heldout_floor_file_is_well_formed() -> None:
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    assert set(floor["max"]) == {"false_alarm_rate"}
    for section in ("min", "max"):
        assert all(0.0 <= v <= 1.0 for v in floor[section].values())


@pytest.mark.slow
def test_checker_scores_on_heldout_stay_at_or_above_the_floor() -> None:
    scores = evaluate_corpus(HELDOUT)
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    broken = below_floor(scores.headline(), floor)
    assert not broken, "\n".join(broken + [json.dumps(scores.headline(), indent=1)])
