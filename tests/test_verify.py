"""Verification rules on a tiny in-memory store with made-up figures (not MOF's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from extractor.model import Claim, Normalized, Record, Streak
from extractor.periods import Period
from extractor.verify import VerifyContext, verify_claim
from extractor.verify.intervals import claim_interval

D = dt.date


@dataclass(frozen=True)
class Fig:
    period: Period
    partner: str
    flow: str
    value: float
    status: str = "provisional"
    release_date: dt.date | None = None
    source: str = "test"
    source_kind: str = "official"
    yoy_pct: float | None = None
    value_precision: float = 0.5e6


class FakeStore:
    def __init__(self, figs, fx=()):
        self.figs = list(figs)
        self.fx = list(fx)

    def vintages(self, flow, partner, period):
        out = [f for f in self.figs if (f.flow, f.partner, f.period) == (flow, partner, period)]
        return sorted(out, key=lambda f: f.release_date or D(1900, 1, 1))

    def lookup(self, flow, partner, period, as_of=None):
        vs = [f for f in self.vintages(flow, partner, period)
              if as_of is None or (f.release_date and f.release_date <= as_of)]
        return vs[-1] if vs else None

    def history(self, flow, partner, basis, as_of=None):
        periods = sorted({f.period for f in self.figs
                          if f.flow == flow and f.partner == partner and f.period.kind == basis})
        out = []
        for p in periods:
            fig = self.lookup(flow, partner, p, as_of) or self.vintages(flow, partner, p)[0]
            out.append(fig)
        return out

    def history_at(self, flow, partner, period, as_of=None):
        return next((f for f in self.history(flow, partner, period.kind, as_of) if f.period == period), None)

    def fx_market(self, day, window_days=7):
        return [(d, r) for d, r in self.fx if day - dt.timedelta(days=window_days) <= d <= day]

    def fx_average(self, period, as_of=None):
        return [f for f in self.figs if f.flow == "usd_jpy_rate" and f.period == period]


FY = Period.parse
REL = D(2030, 4, 17)


def annual(flow, partner, values, **kw):
    return [Fig(FY(f"FY{y}"), partner, flow, v, release_date=D(y + 1, 4, 20), **kw)
            for y, v in values.items()]


@pytest.fixture()
def store():
    figs = [
        *annual("balance", "World", {2026: 1e12, 2027: -2e12, 2028: -3e12, 2029: -4e12}),
        *annual("balance", "United States", {2028: 9.2e12}),
        Fig(FY("FY2029"), "United States", "balance", 9.0053e12, release_date=REL, yoy_pct=-1.3),
        Fig(FY("FY2029"), "World", "exports", 108.9346e12, release_date=REL, yoy_pct=5.9),
        Fig(FY("FY2029"), "World", "imports", 114.1562e12, release_date=REL, yoy_pct=4.7),
        Fig(FY("FY2029"), "United States", "exports", 21.6482e12, release_date=REL),
        Fig(FY("FY2029"), "World", "usd_jpy_rate", 152.60, release_date=REL),
        Fig(FY("2030-03"), "World", "balance", 544.1e9, release_date=REL),
        Fig(FY("2030-03"), "World", "balance", 559.4e9, release_date=D(2030, 5, 20), status="confirmed"),
    ]
    fx = [(D(2030, 4, 14) + dt.timedelta(days=i), 142.0 + 0.3 * i) for i in range(4)]
    return FakeStore(figs, fx)


def ctx(store, published=REL, **kw):
    return VerifyContext(store=store, published=published, **kw)


def level(text, value, unit="JPY", metric="balance", partner="World", period="FY2029", **kw):
    return Claim(text=text, start=0, end=len(text), kind="level", metric=metric, partner=partner,
                 period=FY(period), normalized=Normalized(value, unit), **kw)


def test_level_rounded_and_truncated_match(store):
    f = verify_claim(level("9 trillion yen", 9e12, partner="United States", precision=0.5e12,
                           sign="surplus"), ctx(store))
    assert (f.verdict, f.rule) == ("consistent", "value.match")
    # truncation: 108.9345 for 108.9346
    f = verify_claim(level("108.9345 trillion yen", 108.9345e12, metric="exports", precision=0.00005e12),
                     ctx(store))
    assert f.verdict == "consistent"
    assert f.official is not None and f.official.release_date == REL


def test_wrong_value_and_scale_slip_are_flagged(store):
    f = verify_claim(level("9 billion yen", 9e9, partner="United States", precision=0.5e9), ctx(store))
    assert f.verdict == "contradicted" and "scale slip" in f.message
    f = verify_claim(level("114.2 trillion yen", 114.2e12, metric="exports", precision=0.05e12), ctx(store))
    assert f.verdict == "contradicted" and "swapped" in f.message


def test_sign_swap(store):
    f = verify_claim(level("a surplus of 4 trillion yen", 4e12, sign="surplus", precision=0.5e12), ctx(store))
    assert (f.verdict, f.rule) == ("wrong_sign", "sign.surplus_deficit")
    assert f.severity == "error" and f.suggestion and "deficit" in f.suggestion


def test_other_vintage_is_not_an_error(store):
    c = level("559.4 billion yen", 559.4e9, period="2030-03", precision=0.05e9)
    f = verify_claim(c, ctx(store, published=D(2030, 4, 18)))
    assert (f.verdict, f.rule) == ("consistent", "value.other_vintage")
    assert verify_claim(c, ctx(store, published=D(2030, 6, 1))).rule == "value.match"


def test_dollars_at_market_rate_and_impossible_rate(store):
    ok = level("$63 billion", 63e9, "USD", partner="United States", precision=0.5e9)
    assert verify_claim(ok, ctx(store)).verdict == "consistent"
    bad = level("$93 billion", 93e9, "USD", partner="United States", precision=0.5e9)
    f = verify_claim(bad, ctx(store))
    assert (f.verdict, f.rule) == ("contradicted", "fx.implausible_rate")


def test_direction_and_change(store):
    surged = Claim(text="surged", start=0, end=6, kind="direction", metric="balance",
                   partner="United States", period=FY("FY2029"), direction="up")
    f = verify_claim(surged, ctx(store))
    assert f.verdict == "wrong_direction" and "fell" in (f.suggestion or "")
    fell = Claim(text="fell 1.3%", start=0, end=9, kind="change", metric="balance",
                 partner="United States", period=FY("FY2029"), direction="down",
                 normalized=Normalized(-1.3, "percent"), precision=0.05)
    assert verify_claim(fell, ctx(store)).verdict == "consistent"
    rose = Claim(text="rose 5.9%", start=0, end=9, kind="change", metric="exports",
                 period=FY("FY2029"), normalized=Normalized(-5.9, "percent"), precision=0.05)
    assert verify_claim(rose, ctx(store)).verdict == "wrong_direction"
    dropped_digit = Claim(text="up 59%", start=0, end=6, kind="change", metric="exports",
                          period=FY("FY2029"), normalized=Normalized(59, "percent"), precision=0.5)
    assert verify_claim(dropped_digit, ctx(store)).verdict == "contradicted"


def test_a_change_in_percentage_points_is_not_compared_with_a_percent_change(store):
    """ "Its share rose 5.9 percentage points" is no 5.9% rise of exports: never a match, never a
    contradiction, whatever MOF's percent change was (here 5.9% and 4.7%)."""
    for metric, value in (("exports", 5.9), ("imports", 1.2)):
        points = Claim(text=f"rose {value} percentage points", start=0, end=20, kind="change",
                       metric=metric, period=FY("FY2029"), direction="up", precision=0.05,
                       normalized=Normalized(value, "percentage_point"))
        f = verify_claim(points, ctx(store))
        assert (f.verdict, f.rule) == ("unverifiable", "change.points"), f
        assert "percentage points" in f.message and not f.flagged


def test_record_and_streak(store):
    rec = Claim(text="record", start=0, end=6, kind="record", metric="balance",
                partner="United States", period=FY("FY2029"), record=Record("high"))
    f = verify_claim(rec, ctx(store))
    assert f.verdict == "false_record" and "FY2028" in f.message
    streak = Claim(text="third consecutive year", start=0, end=22, kind="streak", metric="balance",
                   period=FY("FY2029"), streak=Streak(3, "year", "deficit"),
                   normalized=Normalized(3, "count"))
    assert verify_claim(streak, ctx(store)).verdict == "consistent"
    wrong = Claim(text="fourth consecutive year", start=0, end=23, kind="streak", metric="balance",
                  period=FY("FY2029"), streak=Streak(4, "year", "deficit"))
    f = verify_claim(wrong, ctx(store))
    assert f.verdict == "wrong_streak" and "3rd" in f.message


def test_rate_share_and_scope(store):
    rate = Claim(text="152.60 yen per dollar", start=0, end=21, kind="rate", metric="usd_jpy_rate",
                 period=FY("FY2029"), normalized=Normalized(152.60, "JPY_per_USD"), precision=0.005)
    assert verify_claim(rate, ctx(store)).rule == "rate.match"
    share = Claim(text="19.9%", start=0, end=5, kind="share", metric="exports", partner="United States",
                  period=FY("FY2029"), normalized=Normalized(19.9, "percent"), precision=0.05)
    assert verify_claim(share, ctx(store)).verdict == "consistent"
    tariff = Claim(text="24%", start=0, end=3, kind="level", excluded="tariff")
    assert verify_claim(tariff, ctx(store)).verdict == "not_checked"
    nothing = level("5 trillion yen", 5e12, partner="Chile", precision=0.5e12)
    assert verify_claim(nothing, ctx(store)).verdict == "unverifiable"


def test_wrong_fiscal_definition():
    c = Claim(text="March-April fiscal period", start=0, end=25, kind="level", metric="balance",
              period=FY("FY2029"), notes=("period.fiscal_definition: March-April",))
    f = verify_claim(c, ctx(FakeStore([])))
    assert f.verdict == "wrong_period" and "April to March" in f.message


@pytest.mark.parametrize(("value", "prec", "hedge", "inside", "outside"), [
    (9.8, 0.05, None, 9.8478, 9.7),
    (4.0, 0.5, "nearly", 3.9, 4.6),
    (10.0, 0.5, "over", 12.6, 9.0),
    (4.0, 0.5, "about", 4.1, 5.0),
])
def test_claim_intervals(value, prec, hedge, inside, outside):
    iv = claim_interval(value, prec, hedge)
    assert iv.contains(inside) and not iv.contains(outside)



def test_carried_over_attribution_is_not_flagged_when_another_reading_fits(store):
    # 544.1 bn is March 2030's surplus; attributed to FY2029 by inheritance it would be a mismatch
    inherited = level("544.1 billion yen", 544.1e9, period="FY2029", precision=0.05e9,
                      notes=("attr.period:inherited",))
    c = ctx(store, periods=(FY("FY2029"), FY("2030-03")))
    f = verify_claim(inherited, c)
    assert (f.verdict, f.rule) == ("unverifiable", "attribution.uncertain")
    assert "period 2030-03" in f.message
    stated = level("544.1 billion yen", 544.1e9, period="FY2029", precision=0.05e9,
                   notes=("attr.period:stated",))
    assert verify_claim(stated, c).verdict == "contradicted"
    # a planted error that no reading explains stays flagged
    wrong = level("612.0 billion yen", 612.0e9, period="FY2029", precision=0.05e9,
                  notes=("attr.period:inherited",))
    assert verify_claim(wrong, c).verdict == "contradicted"


def test_small_gap_to_a_later_vintage_is_not_an_error(store):
    # only a vintage released after publication is held: a 0.5% gap may be a revision
    late = [Fig(FY("2030-06"), "World", "exports", 10.00e12, release_date=D(2031, 1, 5), status="revised")]
    s = FakeStore(late)
    c = level("9.95 trillion yen", 9.95e12, metric="exports", period="2030-06", precision=0.005e12)
    f = verify_claim(c, ctx(s, published=D(2030, 7, 20)))
    assert (f.verdict, f.rule) == ("unverifiable", "reference.later_vintage_only")
    far = level("9.5 trillion yen", 9.5e12, metric="exports", period="2030-06", precision=0.05e12)
    assert verify_claim(far, ctx(s, published=D(2030, 7, 20))).verdict == "contradicted"


def test_a_change_borrowed_from_the_parent_region_is_named(store):
    store.figs += [
        Fig(FY("2030-03"), "China", "exports", 1.6e12, release_date=REL, yoy_pct=-4.8),
        Fig(FY("2030-03"), "Asia", "exports", 5.3e12, release_date=REL, yoy_pct=5.5),
    ]
    c = Claim(text="5.5%", start=0, end=4, kind="change", metric="exports", partner="China",
              period=FY("2030-03"), normalized=Normalized(5.5, "percent"), precision=0.05)
    f = verify_claim(c, ctx(store))
    assert (f.verdict, f.rule) == ("contradicted", "change.mismatch") and "Asia" in f.message


@pytest.mark.parametrize(
    ("text", "verdict", "rule"),
    [
        # a place the reference data does not hold: unverifiable, never Japan's total exports
        ("Japan's exports to Poland rose 5% in March 2025.", "unverifiable", "reference.not_held"),
        # a company's own exports and its assumed rate are out of scope
        ("Toyota's exports to the US fell 5% in March 2025.", "not_checked", "scope.excluded"),
        ("The company assumes a rate of 120 yen to the dollar.", "not_checked", "scope.excluded"),
    ],
)
def test_claims_that_are_not_about_japans_total_trade(text: str, verdict: str, rule: str) -> None:
    from extractor.pipeline import check_text

    (finding,) = check_text(text, published="2025-04-20").findings
    assert (finding.verdict, finding.rule) == (verdict, rule)


# MOF's unadjusted figures for April 2025 as first released (2025-05-21): exports ¥9,157.2bn
# against ¥9,852.6bn in March (-7.1%), +2.0% on a year earlier; exports to China -5.1% on March
@pytest.mark.parametrize(
    ("text", "verdicts"),
    [
        # a seasonally adjusted figure is not MOF's unadjusted one: not held, never contradicted
        ("On a seasonally adjusted basis, exports rose 1.3% in April 2025 and imports fell 0.5%.",
         [("unverifiable", "reference.not_held")] * 2),
        ("Seasonally adjusted exports rose 1.3% in April 2025.", [("unverifiable", "reference.not_held")]),
        ("Exports rose 1.3% in April 2025, seasonally adjusted.", [("unverifiable", "reference.not_held")]),
        ("Exports rose 2% in April 2025 from a year earlier, while seasonally adjusted imports fell "
         "0.5%.", [("consistent", "change.match"), ("unverifiable", "reference.not_held")]),
        ("Unadjusted, exports rose 2% in April 2025 from a year earlier.", [("consistent", "change.match")]),
        ("Exports, not seasonally adjusted, fell 7.1% from March to April 2025.",
         [("consistent", "change.match")]),
        # a change from the month before is month-on-month, against the unadjusted figures
        ("Exports fell 7.1% from March to April 2025.", [("consistent", "change.match")]),
        ("Exports to China fell 5.1% in April 2025 from March.", [("consistent", "change.match")]),
        ("Exports fell 7.1% to 9.16 trillion yen in April 2025 from March.",
         [("consistent", "change.match"), ("consistent", "value.match")]),
        # ... and is never flagged: the writer may have quoted the seasonally adjusted change
        ("Exports rose 7.1% from March to April 2025.", [("unverifiable", "reference.not_held")]),
        ("Exports rose 3% in April 2025 from the previous month.", [("unverifiable", "reference.not_held")]),
        # months that are not consecutive: no figure to compare with
        ("Exports fell 5% from January to April 2025.", [("unverifiable", "scope.unresolved")]),
    ],
)
def test_seasonally_adjusted_and_month_on_month_changes(text: str, verdicts: list) -> None:
    from extractor.pipeline import check_text

    report = check_text(text, published="2025-05-25")
    assert [(f.verdict, f.rule) for f in report.findings] == verdicts


@pytest.mark.parametrize(
    ("text", "published", "verdict"),
    [
        # May 2025 exports fell 1.7%: June's fall was not the first in ten months
        ("Japan's exports fell 0.5% in June 2025, the first decline in 10 months.", "2025-07-17",
         "wrong_streak"),
        # exports fell from May to August 2025 and rose 2.0% in April
        ("Japan's exports rose 4.2% in September 2025, the first increase in five months.",
         "2025-10-22", "consistent"),
        ("Japan's exports rose 4.2% in September 2025, the first increase in six months.",
         "2025-10-22", "wrong_streak"),
    ],
)
def test_the_first_in_n_periods_means_none_in_the_periods_before(text, published, verdict):
    from extractor.pipeline import check_text

    report = check_text(text, published=published)
    assert [f.verdict for f in report.findings if f.claim.kind == "streak"] == [verdict]
