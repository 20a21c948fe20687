"""Acceptance on the five real seed articles in ../shared/seeds (skipped when absent).

What must be flagged, what must be found consistent, and what must never be called an error
(issue 3, "Done when"). The seeds are read at test time and never copied into the project.
"""

from __future__ import annotations

import functools

import pytest

from extractor.model import FLAGGED_VERDICTS, ArticleReport, Finding

SEEDS = {
    "000": ("000_068f4e4bbc842b06.txt", "2025-04-17"),
    "001": ("001_ba26f6c355feb7e3.txt", "2025-04-17"),
    "002": ("002_41f1715120e950b9.txt", "2025-04-17"),
    "003": ("003_936d003705f734d7.txt", "2025-04-17"),
    "004": ("004_5a3e488583234eb3.txt", "2026-01-22"),
}
CALM = {"consistent", "unverifiable", "not_checked"}
OFF = {"unverifiable", "not_checked"}


@functools.cache
def _report(seed: str, root: str) -> ArticleReport:
    from pathlib import Path

    from extractor.pipeline import check_text

    name, published = SEEDS[seed]
    text = (Path(root) / "seeds" / name).read_text(encoding="utf-8")
    return check_text(text, published=published, path=name)


@pytest.fixture()
def report(shared_dir):
    return lambda seed: _report(seed, str(shared_dir))


def find(rep: ArticleReport, surface: str, *, after: str | None = None, kind: str | None = None) -> Finding:
    """The finding whose claim text contains ``surface`` (the first one after ``after``)."""
    start = rep.text.index(after) if after else 0
    for f in rep.findings:
        if f.claim.start >= start and surface in f.claim.text and (kind is None or f.claim.kind == kind):
            return f
    got = [(f.claim.text, f.claim.kind) for f in rep.findings if f.claim.start >= start][:12]
    raise AssertionError(f"no claim {surface!r} after {after!r}; claims there: {got}")


def verdicts(rep: ArticleReport) -> list[tuple[str, str, str]]:
    return [(f.claim.text, f.verdict, f.rule) for f in rep.findings]


def test_000_surged_is_wrong_and_the_figures_are_right(report):
    rep = report("000")
    assert rep.error is None
    assert find(rep, "surged", kind="direction").verdict == "wrong_direction"
    after = "has surged to"
    assert find(rep, "9 trillion", after=after).verdict == "consistent"
    assert find(rep, "63 billion", after=after).verdict == "consistent"
    assert find(rep, "544.1 billion").verdict == "consistent"
    assert find(rep, "3.9 percent").verdict == "consistent"
    assert find(rep, "9.8 trillion").verdict == "consistent"
    assert find(rep, "sixth consecutive month", kind="streak").verdict == "consistent"
    assert find(rep, "2 percent", after="slower growth rate").verdict == "consistent"
    assert find(rep, "9.3 trillion").verdict == "consistent"
    assert find(rep, "5.2 trillion").verdict == "consistent"
    assert find(rep, "37 billion").verdict == "consistent"
    assert find(rep, "fourth consecutive year", kind="streak").verdict == "consistent"
    assert find(rep, "4.5 percent").verdict in OFF
    assert find(rep, "3.1 percent").verdict in OFF


def test_001_surged_and_the_false_record(report):
    rep = report("001")
    assert find(rep, "surged", kind="direction").verdict == "wrong_direction"
    headline_end = rep.text.index("\n")
    rec = [f for f in rep.findings if f.claim.kind == "record" and f.claim.start < headline_end]
    assert rec and rec[0].verdict == "false_record", verdicts(rep)[:6]
    assert find(rep, "5.2 trillion").verdict == "consistent"
    assert find(rep, "fourth consecutive year", kind="streak").verdict == "consistent"
    assert find(rep, "9 trillion").verdict == "consistent"
    assert find(rep, "544 billion").verdict == "consistent"
    assert find(rep, "sixth consecutive month", kind="streak").verdict == "consistent"
    for tariff in ("24%", "145%", "10%", "25%"):
        assert find(rep, tariff).verdict in OFF, tariff


def test_002_wrong_fiscal_year_definition(report):
    rep = report("002")
    wrong = [f for f in rep.findings if f.verdict == "wrong_period"]
    assert wrong and all(f.rule == "period.fiscal_definition" for f in wrong)
    assert "March-April" in rep.text[wrong[0].claim.start - 40 : wrong[0].claim.end + 40]
    assert find(rep, "63 billion").verdict in {"consistent", "wrong_period"}


def test_003_every_held_figure_is_consistent(report):
    rep = report("003")
    for surface in ("5.2216 trillion", "108.9345 trillion", "152.60", "114.1562 trillion",
                    "21.6482 trillion", "12.6429 trillion", "9.0053 trillion", "19.9%",
                    "9.8478 trillion", "9.3037 trillion", "544 billion"):
        assert find(rep, surface).verdict in {"consistent", "unverifiable"}, (surface, verdicts(rep))
    assert find(rep, "108.9345 trillion").verdict == "consistent"
    assert find(rep, "9.0053 trillion").verdict == "consistent"
    assert find(rep, "152.60").verdict == "consistent"


def test_004_calendar_2025(report):
    rep = report("004")
    assert find(rep, "2.65 trillion").verdict == "consistent"
    assert find(rep, "fifth consecutive year", kind="streak").verdict == "consistent"
    assert find(rep, "52.9%").verdict == "consistent"
    assert find(rep, "5.63 trillion").verdict == "consistent"
    assert find(rep, "110.4 trillion").verdict == "consistent"
    assert find(rep, "3.1%").verdict == "consistent"
    assert find(rep, "10%", after="United States contracted").verdict == "consistent"
    assert find(rep, "6.6 trillion").verdict in OFF
    assert find(rep, "24.7%").verdict in OFF
    assert find(rep, "25%").verdict in OFF


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_nothing_else_is_flagged(report, seed):
    """Only the planted, real errors are flagged; every other claim is calm."""
    expected = {"000": {"wrong_direction"}, "001": {"wrong_direction", "false_record"},
                "002": {"wrong_period"}, "003": set(), "004": set()}[seed]
    rep = report(seed)
    flagged = [(f.claim.text, f.verdict, f.message) for f in rep.findings if f.verdict in FLAGGED_VERDICTS]
    assert {v for _, v, _ in flagged} <= expected, flagged
    assert all(f.verdict in CALM | expected for f in rep.findings)
