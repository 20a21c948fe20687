"""Acceptance on the five real seed articles in ../shared/seeds (skipped when absent).

Asserts that the claims listed under "Done when" in issue 3 come out with the right kind,
metric, partner, period and normalized value. Verdicts are the verifier's business.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pytest

from extractor.extract import extract_claims
from extractor.model import Claim, Record, Streak
from extractor.periods import Period

PUBLISHED = {
    "000": dt.date(2025, 4, 17),
    "001": dt.date(2025, 4, 17),
    "002": dt.date(2025, 4, 17),
    "003": dt.date(2025, 4, 18),
    "004": dt.date(2026, 1, 23),
}
FY24, MAR25 = "FY2024", "2025-03"
US = "United States"


@pytest.fixture(scope="module")
def seeds(shared_dir):
    out = {}
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        out[path.name[:3]] = path.read_text(encoding="utf-8")
    assert sorted(out) == sorted(PUBLISHED)
    return out


@lru_cache(maxsize=8)
def _claims(key: str, text: str) -> tuple[Claim, ...]:
    return tuple(extract_claims(text, PUBLISHED[key]))


def pick(seeds, key, text, kind, metric, partner="World", period=None, value=None, nth=0):
    cs = [
        c
        for c in _claims(key, seeds[key])
        if c.text == text and c.kind == kind and c.metric == metric
    ]
    assert len(cs) > nth, f"{key}: no {kind} {metric} claim {text!r}"
    c = cs[nth]
    assert c.partner == partner, (key, text, c.partner)
    if period is not None:
        assert c.period == Period.parse(period), (key, text, c.period)
    if value is not None:
        assert c.normalized is not None and c.normalized.value == pytest.approx(value), (
            key,
            text,
            c.normalized,
        )
    return c


# (seed, text, kind, metric, partner, period, normalized value)
IN_SCOPE = [
    ("000", "surged", "direction", "balance", US, FY24, None),
    ("001", "surged", "direction", "balance", US, FY24, None),
    ("001", "record", "record", "balance", US, FY24, None),
    ("000", "5.2 trillion yen", "level", "balance", "World", FY24, -5.2e12),
    ("000", "$37 billion", "level", "balance", "World", FY24, -3.7e10),
    ("001", "5.2 trillion yen", "level", "balance", "World", FY24, -5.2e12),
    ("001", "approximately $37 billion", "level", "balance", "World", FY24, -3.7e10),
    ("000", "9 trillion yen", "level", "balance", US, FY24, 9e12),
    ("000", "$63 billion", "level", "balance", US, FY24, 6.3e10),
    ("001", "9 trillion yen", "level", "balance", US, FY24, 9e12),
    ("001", "around $63 billion", "level", "balance", US, FY24, 6.3e10),
    ("002", "approximately $63 billion", "level", "balance", US, FY24, 6.3e10),
    ("000", "544.1 billion yen", "level", "balance", "World", MAR25, 5.441e11),
    ("000", "349.9 billion yen", "level", "balance", "World", "2024-03", 3.499e11),
    ("000", "3.9 percent", "change", "exports", "World", MAR25, 3.9),
    ("000", "9.8 trillion yen", "level", "exports", "World", MAR25, 9.8e12),
    ("000", "2 percent", "change", "imports", "World", MAR25, 2.0),
    ("000", "9.3 trillion yen", "level", "imports", "World", MAR25, 9.3e12),
    ("001", "544 billion yen", "level", "balance", "World", MAR25, 5.44e11),
    ("001", "nearly 4%", "change", "exports", "World", MAR25, 4.0),
    ("001", "3%", "change", "exports", US, MAR25, 3.0),
    ("001", "5.5%", "change", "exports", "Asia", MAR25, 5.5),
    ("003", "5.2216 trillion yen", "level", "balance", "World", FY24, -5.2216e12),
    ("003", "15%", "change", "balance", "World", FY24, -15.0),
    ("003", "5.9%", "change", "exports", "World", FY24, 5.9),
    ("003", "108.9345 trillion yen", "level", "exports", "World", FY24, 108.9345e12),
    ("003", "4.7%", "change", "imports", "World", FY24, 4.7),
    ("003", "114.1562 trillion yen", "level", "imports", "World", FY24, 114.1562e12),
    ("003", "152.60 yen per dollar", "rate", "usd_jpy_rate", "World", FY24, 152.6),
    ("003", "3.8%", "change", "exports", US, FY24, 3.8),
    ("003", "21.6482 trillion yen", "level", "exports", US, FY24, 21.6482e12),
    ("003", "7.7%", "change", "imports", US, FY24, 7.7),
    ("003", "12.6429 trillion yen", "level", "imports", US, FY24, 12.6429e12),
    ("003", "1.3%", "change", "balance", US, FY24, -1.3),
    ("003", "9.0053 trillion yen", "level", "balance", US, FY24, 9.0053e12),
    ("003", "19.9%", "share", "exports", US, FY24, 19.9),
    ("003", "8.8%", "change", "exports", "Asia", FY24, 8.8),
    ("003", "3.4%", "change", "exports", "China", FY24, 3.4),
    ("003", "25.9392 trillion yen", "level", "imports", "China", FY24, 25.9392e12),
    ("003", "7.0474 trillion yen", "level", "balance", "China", FY24, -7.0474e12),
    ("003", "7.8%", "change", "exports", "EU", FY24, -7.8),
    ("003", "544 billion yen", "level", "balance", "World", MAR25, 5.44e11),
    ("003", "55.5%", "change", "balance", "World", MAR25, 55.5),
    ("003", "9.8478 trillion yen", "level", "exports", "World", MAR25, 9.8478e12),
    ("003", "9.3037 trillion yen", "level", "imports", "World", MAR25, 9.3037e12),
    ("004", "¥2.65 trillion", "level", "balance", "World", "CY2025", -2.65e12),
    ("004", "52.9%", "change", "balance", "World", "CY2025", -52.9),
    ("004", "¥5.63 trillion", "level", "balance", "World", "CY2024", -5.63e12),
    ("004", "¥110.4 trillion", "level", "exports", "World", "CY2025", 110.4e12),
    ("004", "3.1%", "change", "exports", "World", "CY2025", 3.1),
    ("004", "record", "record", "exports", "World", "CY2025", None),
    ("004", "over 10%", "change", "balance", US, "CY2025", -10.0),
]


@pytest.mark.parametrize("row", IN_SCOPE, ids=lambda r: f"{r[0]}:{r[1]}:{r[2]}")
def test_in_scope_claims(seeds, row):
    key, text, kind, metric, partner, period, value = row
    c = pick(seeds, key, text, kind, metric, partner, period, value)
    assert c.excluded is None, (key, text, c.excluded)
    assert not any(n.startswith("period.fiscal_definition") for n in c.notes)


def test_directions_and_records(seeds):
    for key in ("000", "001"):
        assert pick(seeds, key, "surged", "direction", "balance", US, FY24).direction == "up"
    assert pick(seeds, "001", "record", "record", "balance", US, FY24).record == Record("high")
    assert pick(
        seeds, "003", "record high since 1979", "record", "exports", period=FY24
    ).record == Record("high", since=1979)
    assert pick(seeds, "004", "over 10%", "change", "balance", US).hedge == "over"
    assert pick(seeds, "004", "52.9%", "change", "balance").direction == "up"


@pytest.mark.parametrize(
    "key,text,metric,period,streak",
    [
        ("000", "fourth consecutive year", "balance", FY24, Streak(4, "year", "deficit")),
        ("001", "fourth consecutive year", "balance", FY24, Streak(4, "year", "deficit")),
        ("003", "fourth consecutive year", "balance", FY24, Streak(4, "year", "deficit")),
        ("000", "sixth consecutive month", "exports", MAR25, Streak(6, "month", "up")),
        ("001", "sixth consecutive month", "exports", MAR25, Streak(6, "month", "up")),
        ("004", "fifth consecutive year", "balance", "CY2025", Streak(5, "year", "deficit")),
    ],
)
def test_streaks(seeds, key, text, metric, period, streak):
    c = pick(seeds, key, text, "streak", metric, period=period)
    assert c.streak == streak and c.excluded is None


def test_wrong_fiscal_definition(seeds):
    cs = [c for c in _claims("002", seeds["002"]) if c.text == "March-April fiscal period"]
    assert len(cs) == 1
    assert cs[0].notes[0] == "period.fiscal_definition: March-April"
    assert cs[0].period == Period.fiscal_year(2024)


@pytest.mark.parametrize(
    "key,text,reason",
    [
        ("001", "24%", "tariff"),
        ("001", "up to 145%", "tariff"),
        ("001", "10%", "tariff"),
        ("001", "25%", "tariff"),
        ("004", "25%", "tariff"),
        ("000", "4.5 percent", "forecast"),
        ("000", "3.1 percent", "forecast"),
        ("004", "approximately ¥6.6 trillion", "services"),
        ("004", "¥6.6 trillion", "services"),
        ("004", "24.7%", "commodity"),
        ("004", "¥5 trillion", "target"),
    ],
)
def test_out_of_scope_claims_are_kept_and_excluded(seeds, key, text, reason):
    cs = [c for c in _claims(key, seeds[key]) if c.text == text]
    assert cs, f"{key}: {text!r} was dropped"
    assert all(c.excluded == reason for c in cs), [(c.text, c.excluded) for c in cs]


def test_offsets_are_exact(seeds):
    for key, text in seeds.items():
        for c in _claims(key, text):
            assert text[c.start : c.end] == c.text


def test_restated_record_keeps_the_paragraph_partner(seeds):
    recs = [c for c in _claims("003", seeds["003"]) if c.kind == "record" and c.metric == "imports"]
    assert {c.partner for c in recs} >= {"China", "United States", "EU"}
    assert "World" not in {c.partner for c in recs}
