"""Verification: pure functions from a Claim and the reference store to a Finding.

Rule ids (dotted; configuration switches them off by prefix):

=========================  ===================================================================
scope.excluded             out of scope (tariffs, forecasts, services ...): not checked
scope.unresolved           metric, partner or period not resolved: unverifiable
attribution.uncertain      flagged as attributed, but consistent under another reading of a period,
                           partner or metric that was carried over from elsewhere: unverifiable
reference.not_held         the reference holds no figure to compare with: unverifiable
period.fiscal_definition   a wrong definition of Japan's fiscal year (it runs April-March)
value.match                a level matches the figure current at publication
value.other_vintage        a level matches another vintage (said so, not an error)
value.mismatch             a level contradicts every vintage (scale slips, swaps are named)
sign.surplus_deficit       a surplus where MOF reported a deficit, or the reverse
fx.plausible_rate          a dollar amount matches at a plausible market or average rate
fx.implausible_rate        a dollar amount implies an impossible exchange rate
rate.match / rate.plausible / rate.mismatch   a stated yen-dollar rate
share.match / share.mismatch                  "19.9% of total exports"
change.match / change.mismatch / change.undefined   a percentage or multiple change
change.points              a change in percentage points (of a share or a growth rate): MOF
                           publishes neither, so it is not compared with a percent change
direction.match / direction.rise_fall         rose/fell, narrowed/widened
record.match / record.false                   "record high", "highest since 1979"
streak.match / streak.wrong                   "fourth consecutive year", "first ... in N"
=========================  ===================================================================
"""

from __future__ import annotations

from dataclasses import replace

from extractor.model import ADJUSTED_NOTE, Claim, Finding, Metric
from extractor.verify.changes import check_change, check_direction
from extractor.verify.context import VerifyContext, finding, not_held
from extractor.verify.history import check_record, check_streak
from extractor.verify.levels import check_level_jpy, check_level_usd, check_rate, check_share

__all__ = ["VerifyContext", "verify_claim", "RULES"]

RULES = (
    "scope.excluded", "scope.unresolved", "attribution.uncertain", "reference.not_held", "period.fiscal_definition",
    "value.match", "value.other_vintage", "value.mismatch", "sign.surplus_deficit",
    "fx.plausible_rate", "fx.implausible_rate", "rate.match", "rate.plausible", "rate.mismatch",
    "share.match", "share.mismatch", "change.match", "change.mismatch", "change.undefined", "change.points",
    "direction.match", "direction.rise_fall", "record.match", "record.false", "streak.match",
    "streak.wrong",
)

FISCAL_NOTE = "period.fiscal_definition"
TRADE_METRICS: tuple[Metric, ...] = ("exports", "imports", "balance")


def verify_claim(claim: Claim, ctx: VerifyContext) -> Finding:
    """The verdict on one claim. Never raises for a claim it cannot judge: says why instead."""
    if claim.excluded:
        return finding(claim, "not_checked", "scope.excluded",
                       f"not checked: {claim.excluded.replace('_', ' ')} (outside MOF's goods-trade figures)")
    bad_def = next((n for n in claim.notes if n.startswith(FISCAL_NOTE)), None)
    if bad_def:
        detail = bad_def.split(":", 1)[1].strip() if ":" in bad_def else "a wrong definition"
        return finding(claim, "wrong_period", FISCAL_NOTE,
                       f"Japan's fiscal year runs from April to March, not {detail!r}"
                       + (f"; {claim.period} is April {claim.period.year} to March {claim.period.year + 1}"
                          if claim.period and claim.period.kind == "FY" else ""),
                       suggestion="the fiscal year ending March" + (
                           f" {claim.period.year + 1}" if claim.period and claim.period.kind == "FY" else ""))
    if claim.kind == "rate" or claim.metric == "usd_jpy_rate":
        if claim.kind == "rate" and claim.normalized is not None:
            return check_rate(claim, ctx)
        return _unresolved(claim, "changes in the exchange rate are not checked")
    if claim.metric not in TRADE_METRICS or claim.period is None:
        missing = "metric" if claim.metric not in TRADE_METRICS else "period"
        return _unresolved(claim, f"its {missing} could not be resolved")
    if ADJUSTED_NOTE in claim.notes:
        return not_held(claim, "seasonally adjusted figures (only MOF's unadjusted ones)")
    found = _dispatch(claim, ctx)
    if found.flagged and found.verdict != "wrong_period":
        found = _second_opinion(claim, ctx, found)
    if found.flagged and claim.basis == "mom":
        return finding(
            claim, "unverifiable", "reference.not_held",
            "not flagged: a month-on-month change is usually quoted seasonally adjusted, and the "
            f"reference data holds only MOF's unadjusted figures; unadjusted, {found.message}",
            official_fig=found.official,
        )
    return found


def _alternatives(claim: Claim, ctx: VerifyContext) -> list[tuple[str, Claim]]:
    """Other readings of a claim whose attributes were not stated next to it."""
    notes = set(claim.notes)
    alts: list[tuple[str, Claim]] = []
    if notes & {"attr.period:inherited", "attr.period:published"}:
        alts += [(f"period {p}", replace(claim, period=p)) for p in ctx.periods if p != claim.period]
    if notes & {"attr.partner:inherited", "attr.partner:default"}:
        alts += [(f"partner {x}", replace(claim, partner=x))
                 for x in ("World", *ctx.partners) if x != claim.partner]
    if "attr.metric:inherited" in notes:
        alts += [(f"metric {m}", replace(claim, metric=m)) for m in TRADE_METRICS if m != claim.metric]
    return alts


def _second_opinion(claim: Claim, ctx: VerifyContext, found: Finding) -> Finding:
    """Quiet beats loud: a flag on a claim whose period, partner or metric was carried over from
    elsewhere is withdrawn when another reading from the same article makes it consistent."""
    for what, alt in _alternatives(claim, ctx):
        other = _dispatch(alt, ctx)
        if other.verdict == "consistent":
            return finding(
                claim, "unverifiable", "attribution.uncertain",
                f"not flagged: read with the {what} (carried over from elsewhere in the article) it is "
                f"consistent ({other.message}); as attributed: {found.message}",
                official_fig=found.official,
            )
    return found


def _dispatch(claim: Claim, ctx: VerifyContext) -> Finding:
    norm = claim.normalized
    if claim.kind == "level" and norm is not None:
        if norm.unit == "JPY":
            return check_level_jpy(claim, ctx)
        if norm.unit == "USD":
            return check_level_usd(claim, ctx)
    if claim.kind == "change" and norm is not None:
        return check_change(claim, ctx)
    if claim.kind == "direction":
        return check_direction(claim, ctx)
    if claim.kind == "share" and norm is not None:
        return check_share(claim, ctx)
    if claim.kind == "record" and claim.record is not None:
        return check_record(claim, ctx)
    if claim.kind == "streak" and claim.streak is not None:
        return check_streak(claim, ctx)
    return _unresolved(claim, f"a {claim.kind} claim without a usable value")


def _unresolved(claim: Claim, why: str) -> Finding:
    return finding(claim, "unverifiable", "scope.unresolved", f"not verified: {why}")
