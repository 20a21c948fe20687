"""Property test: write a figure, a change and a period the ways news writes them, extract the
claims back, and get the same value, unit and period (issue 4)."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.extract import extract_claims
from extractor.periods import Period

MONTHS = list(calendar.month_name)[1:]


def period_phrases(p: Period) -> list[str]:
    y = p.year
    if p.kind == "month":
        return [f"{MONTHS[p.index - 1]} {y}"]
    if p.kind == "CY":
        return [f"calendar {y}", f"calendar year {y}", f"the {y} calendar year"]
    if p.kind == "FY":
        return [f"fiscal {y}", f"FY{y}", f"fiscal year {y}", f"the fiscal year ending March {y + 1}",
                f"the fiscal year through March {y + 1}", f"the year to March {y + 1}"]
    if p.kind == "CYH":
        first = p.index == 1
        span = "January-June" if first else "July-December"
        return [f"{span} {y}", f"the {'first' if first else 'second'} half of {y}"]
    first = p.index == 1
    return [f"the {'first' if first else 'second'} half of fiscal {y}",
            f"the {'April-September' if first else 'October-March'} half of fiscal {y}"]


periods = st.one_of(
    st.builds(Period.month, st.integers(2019, 2026), st.integers(1, 12)),
    st.builds(Period.calendar_year, st.integers(2019, 2025)),
    st.builds(Period.fiscal_year, st.integers(2019, 2025)),
    st.builds(lambda y, h: Period.half("CY", y, h), st.integers(2019, 2025), st.integers(1, 2)),
    st.builds(lambda y, h: Period.half("FY", y, h), st.integers(2019, 2025), st.integers(1, 2)),
)
amounts = st.decimals(min_value=Decimal("1.0"), max_value=Decimal("99.9"), places=1)
pcts = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("49.9"), places=1)


def amount_text(style: int, x: Decimal) -> tuple[str, float]:
    value = float(x) * 1e12
    forms = [f"¥{x} trillion", f"{x} trillion yen", f"{x * 1000:,.0f} billion yen", f"JPY {x} trillion"]
    return forms[style % len(forms)], value


def pct_text(style: int, x: Decimal) -> str:
    return [f"{x}%", f"{x} percent", f"{x} per cent"][style % 3]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(periods, st.integers(0, 50), amounts, pcts, st.integers(0, 11), st.sampled_from(["exports", "imports", "deficit"]))
def test_figures_and_periods_round_trip(period, which, amount, pct, style, what):
    phrase = period_phrases(period)[which % len(period_phrases(period))]
    amount_str, value = amount_text(style, amount)
    pct_str = pct_text(style // 4, pct)
    if what == "deficit":
        sentence = f"Japan's trade deficit narrowed {pct_str} to {amount_str} in {phrase}."
        metric, signed = "balance", -value
    else:
        verb = "rose" if style % 2 else "fell"
        sentence = f"In {phrase}, Japan's {what} {verb} {pct_str} to {amount_str}."
        metric, signed = what, value
    published = period.end + dt.timedelta(days=60)
    claims = extract_claims(sentence, published=published)
    levels = [c for c in claims if c.kind == "level"]
    changes = [c for c in claims if c.kind == "change"]
    assert len(levels) == 1 and len(changes) == 1, (sentence, claims)
    level, change = levels[0], changes[0]
    assert sentence[level.start:level.end] == level.text
    assert (level.metric, level.period, level.normalized.unit) == (metric, period, "JPY"), sentence
    assert abs(level.normalized.value - signed) < 1e-6 * value, (sentence, level.normalized)
    assert (change.metric, change.period, change.normalized.unit) == (metric, period, "percent"), sentence
    expected_pct = float(pct) if (what == "deficit" or style % 2) else -float(pct)
    if what == "deficit":
        expected_pct = -float(pct)  # a narrowing deficit: its size shrank
    assert abs(change.normalized.value - expected_pct) < 1e-9, (sentence, change.normalized)


PARTNER_NAMES = {
    "United States": ["the United States", "the U.S.", "the US"],
    "China": ["China"],
    "EU": ["the European Union", "the EU"],
    "Asia": ["Asia"],
    "ASEAN": ["ASEAN", "Southeast Asia"],
    "Middle East": ["the Middle East"],
}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(periods, st.sampled_from(sorted(PARTNER_NAMES)), st.integers(0, 5), pcts, st.booleans())
def test_partners_round_trip(period, partner, which, pct, exports):
    name = PARTNER_NAMES[partner][which % len(PARTNER_NAMES[partner])]
    phrase = period_phrases(period)[which % len(period_phrases(period))]
    flow, prep = ("exports", "to") if exports else ("imports", "from")
    sentence = f"In {phrase}, Japan's {flow} {prep} {name} grew {pct}% from a year earlier."
    claims = extract_claims(sentence, published=period.end + dt.timedelta(days=60))
    changes = [c for c in claims if c.kind == "change"]
    assert len(changes) == 1, (sentence, claims)
    c = changes[0]
    assert (c.metric, c.partner, c.period) == (flow, partner, period), (sentence, c)
    assert c.normalized is not None and abs(c.normalized.value - float(pct)) < 1e-9
