"""Levels (yen and dollar amounts), exchange rates and shares against the reference figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from extractor.model import Claim, Finding
from extractor.periods import Period
from extractor.verify import messages as msg
from extractor.verify.context import (
    Figures,
    VerifyContext,
    finding,
    not_held,
    official,
    revision_only,
    vintage_note,
)
from extractor.verify.intervals import Interval, claim_interval, official_interval

PARENT_REGION = {
    "China": "Asia",
    "South Korea": "Asia",
    "Taiwan": "Asia",
    "Hong Kong": "Asia",
    "United States": "North America",
    "Germany": "EU",
    "France": "EU",
}
RATE_SLACK = 0.02  # a stated or implied rate within 2% of a plausible one is plausible


def _matches(claim_iv: Interval, fig: Any) -> bool:
    return claim_iv.overlaps(official_interval(abs(fig.value), getattr(fig, "value_precision", 0)))


def _claimed_sign(claim: Claim) -> int | None:
    if claim.metric != "balance":
        return None
    if claim.sign == "deficit" or (claim.normalized and claim.normalized.value < 0):
        return -1
    if claim.sign == "surplus":
        return 1
    return None


def _sign_conflict(claim: Claim, ref: Any, note: str) -> Finding | None:
    """A surplus where MOF reported a deficit (or the reverse), whatever the amount."""
    sign = _claimed_sign(claim)
    if sign is None or ref.value == 0 or (ref.value > 0) == (sign > 0):
        return None
    return finding(
        claim,
        "wrong_sign",
        "sign.surplus_deficit",
        f"MOF reported {msg.balance_phrase(ref.value)}{msg.partner_phrase(claim.partner)} for "
        f"{claim.period}, not a {'deficit' if sign < 0 else 'surplus'} {msg.provenance(ref)}{note}",
        official_fig=official(ref),
        suggestion=msg.balance_phrase(ref.value),
    )


def _series(claim: Claim, ctx: VerifyContext) -> tuple[Figures, str]:
    """The vintages of the claim's series point, and how to name it in a message."""
    assert claim.normalized is not None and claim.period is not None
    figs = ctx.figures(claim.metric, claim.partner, claim.period)
    return figs, f"{msg.series_phrase(claim.metric, claim.partner)} in {claim.period}"


def check_level_jpy(claim: Claim, ctx: VerifyContext) -> Finding:
    figs, where = _series(claim, ctx)
    ref = figs.reference
    if ref is None or claim.normalized is None:
        return not_held(claim, f"figure for {where}")
    civ = claim_interval(abs(claim.normalized.value), claim.precision, claim.hedge, ctx.tolerance)
    note = vintage_note(figs, ref, ctx.published)
    off = official(ref)
    swapped = _sign_conflict(claim, ref, note)
    if swapped is not None:
        return swapped
    if _matches(civ, ref):
        return finding(
            claim,
            "consistent",
            "value.match",
            f"matches MOF: {msg.level_phrase(claim.metric, ref.value)} for {where} "
            f"{msg.provenance(ref)}{note}",
            official_fig=off,
        )
    for other in figs.others():
        if _matches(civ, other):
            return finding(
                claim,
                "consistent",
                "value.other_vintage",
                f"matches the {other.status} figure released {_date(other)} "
                f"({msg.yen(other.value)}), not the one current at publication "
                f"({msg.yen(ref.value)}, {ref.status}, released {_date(ref)}) for {where}",
                official_fig=official(other),
            )
    hint = _diagnose(claim, civ, ctx)
    gap = abs(abs(claim.normalized.value) - abs(ref.value)) / abs(ref.value) if ref.value else 1.0
    revised = revision_only(claim, ctx, gap, relative=True)
    if revised is not None and not hint:
        return revised
    return finding(
        claim,
        "contradicted",
        "value.mismatch",
        f"MOF reported {msg.level_phrase(claim.metric, ref.value)} for {where} "
        f"{msg.provenance(ref)}; the claim says {claim.text!r}{hint}{note}",
        official_fig=off,
        suggestion=_suggest(claim, ref.value, rescale="scale slip" in hint),
    )


def _date(fig: Any) -> str:
    return fig.release_date.isoformat() if getattr(fig, "release_date", None) else "(date unknown)"


def _diagnose(claim: Claim, civ: Interval, ctx: VerifyContext) -> str:
    """Name the usual slip when one explains the number: scale, swapped flows, parent region."""
    assert claim.period is not None
    for factor, what in (
        (1e3, "a scale slip (million/billion/trillion)"),
        (1e-3, "a scale slip (million/billion/trillion)"),
    ):
        fig = ctx.value(claim.metric, claim.partner, claim.period)
        if fig is not None and _matches(civ.scaled(factor), fig):
            return f"; it looks like {what}"
    swap = {"exports": "imports", "imports": "exports"}.get(claim.metric)
    if swap:
        fig = ctx.value(swap, claim.partner, claim.period)
        if fig is not None and _matches(civ, fig):
            return (
                f"; that is the {swap} figure ({msg.yen(fig.value)}): exports and imports swapped?"
            )
    parent = PARENT_REGION.get(claim.partner)
    if parent:
        fig = ctx.value(claim.metric, parent, claim.period)
        if fig is not None and _matches(civ, fig):
            return f"; that is the figure for {parent}, not {claim.partner}"
    return ""


def _suggest(claim: Claim, value: float, rescale: bool = False) -> str:
    """The official figure written the way the claim wrote its own number ("9.0 trillion yen",
    "¥9.0tn"); after a scale slip, at the scale MOF's figure calls for."""
    written = (claim.value or "").replace(",", "")
    try:
        number = float(written.split()[-1])
    except (ValueError, IndexError):
        number = 0.0
    decimals = len(written.split(".")[1]) if "." in written else 0
    if rescale or not (claim.normalized and number):
        return msg.yen(value, digits=max(decimals, 1))
    shown = f"{abs(value) / (abs(claim.normalized.value) / number):,.{decimals}f}"
    unit = (claim.unit or "").strip()
    if unit[:1] in ("¥", "$"):  # "¥ bn" -> "¥9.0bn", "US$ bn" -> "US$9.0bn"
        return f"{unit[:1]}{shown}{unit[1:].strip()}"
    return f"{shown} {unit}".strip()


# -- dollars --------------------------------------------------------------------------------
def plausible_rates(ctx: VerifyContext, period: Period) -> tuple[list[float], list[str]]:
    """Rates a writer could have used: the market around publication, the period's average,
    and any rate the article states. Returns the rates and where they come from."""
    rates: list[float] = []
    why: list[str] = []
    day = ctx.published or (period.end + dt.timedelta(days=25))
    market = [r for _, r in ctx.store.fx_market(day, window_days=10)]
    if market:
        rates += market
        why.append(f"market {min(market):.2f}-{max(market):.2f} around {day.isoformat()}")
    for fig in ctx.store.fx_average(period, as_of=None):
        rates.append(float(fig.value))
        why.append(f"{period} average {fig.value:.2f} ({fig.source_kind})")
    for r in ctx.stated_rates:
        rates.append(r)
        why.append(f"stated in the article {r:.2f}")
    return rates, why


def check_level_usd(claim: Claim, ctx: VerifyContext) -> Finding:
    figs, where = _series(claim, ctx)
    ref = figs.reference
    if ref is None or claim.normalized is None or claim.period is None:
        return not_held(claim, f"figure for {where}")
    rates, why = plausible_rates(ctx, claim.period)
    if not rates:
        return not_held(claim, f"exchange rate around {ctx.published or claim.period}")
    swapped = _sign_conflict(claim, ref, "")
    if swapped is not None:
        return swapped
    lo, hi = min(rates) * (1 - RATE_SLACK), max(rates) * (1 + RATE_SLACK)
    civ = claim_interval(abs(claim.normalized.value), claim.precision, claim.hedge, ctx.tolerance)
    candidates = [ref, *figs.others()]
    for fig in candidates:
        yen_iv = official_interval(abs(fig.value), getattr(fig, "value_precision", 0))
        usd_iv = Interval(yen_iv.lo / hi, yen_iv.hi / lo)
        if civ.overlaps(usd_iv):
            implied = abs(fig.value) / abs(claim.normalized.value)
            return finding(
                claim,
                "consistent",
                "fx.plausible_rate",
                f"{msg.yen(fig.value)} ({where}, {fig.status}) is {claim.text!r} at about "
                f"¥{implied:.1f} per dollar, a plausible rate ({'; '.join(why)})",
                official_fig=official(fig),
            )
    implied = abs(ref.value) / abs(claim.normalized.value)
    return finding(
        claim,
        "contradicted",
        "fx.implausible_rate",
        f"MOF reported {msg.level_phrase(claim.metric, ref.value)} for {where} "
        f"{msg.provenance(ref)}; {claim.text!r} implies ¥{implied:.1f} per dollar, outside any "
        f"plausible rate ({'; '.join(why)})",
        official_fig=official(ref),
        suggestion=f"about {msg.usd(abs(ref.value) / (sum(rates) / len(rates)))}",
    )


# -- exchange rates and shares ---------------------------------------------------------------
def check_rate(claim: Claim, ctx: VerifyContext) -> Finding:
    assert claim.normalized is not None
    value = claim.normalized.value
    civ = claim_interval(value, claim.precision, claim.hedge, ctx.tolerance)
    averages: list[Any] = (
        list(ctx.store.fx_average(claim.period, as_of=None)) if claim.period else []
    )
    for fig in averages:
        if civ.overlaps(official_interval(fig.value, getattr(fig, "value_precision", 0))):
            return finding(
                claim,
                "consistent",
                "rate.match",
                f"matches the {claim.period} average rate of ¥{fig.value:.2f} per dollar "
                f"{msg.provenance(fig)}",
                official_fig=official(fig, "JPY_per_USD"),
            )
    day = ctx.published or (claim.period.end if claim.period else None)
    market = [r for _, r in ctx.store.fx_market(day, window_days=10)] if day else []
    pool = [f.value for f in averages] + market
    if not pool:
        return not_held(claim, "exchange rate for that period")
    lo, hi = min(pool) * (1 - RATE_SLACK), max(pool) * (1 + RATE_SLACK)
    if civ.overlaps(Interval(lo, hi)):
        return finding(
            claim,
            "consistent",
            "rate.plausible",
            f"¥{value:.2f} per dollar is within the rates of the time "
            f"(¥{min(pool):.2f}-¥{max(pool):.2f})",
        )
    ref = averages[0] if averages else None
    return finding(
        claim,
        "contradicted",
        "rate.mismatch",
        f"¥{value:.2f} per dollar is far from the rates of the time (¥{min(pool):.2f}-¥{max(pool):.2f})",
        official_fig=official(ref, "JPY_per_USD") if ref else None,
        suggestion=f"¥{(ref.value if ref else sum(pool) / len(pool)):.2f} per dollar",
    )


def check_share(claim: Claim, ctx: VerifyContext) -> Finding:
    assert claim.normalized is not None and claim.period is not None
    part = ctx.value(claim.metric, claim.partner, claim.period)
    whole = ctx.value(claim.metric, "World", claim.period)
    if part is None or whole is None or not whole.value:
        return not_held(
            claim, f"{claim.metric} figures for {claim.partner} and the World in {claim.period}"
        )
    share = 100.0 * part.value / whole.value
    civ = claim_interval(abs(claim.normalized.value), claim.precision, claim.hedge, ctx.tolerance)
    detail = (
        f"{claim.partner} {msg.yen(part.value)} of {msg.yen(whole.value)} {claim.metric} in "
        f"{claim.period} is {share:.1f}% {msg.provenance(part)}"
    )
    if civ.widened(0.005).contains(share):
        return finding(
            claim,
            "consistent",
            "share.match",
            f"matches MOF: {detail}",
            official_fig=official(part, "percent", share),
        )
    return finding(
        claim,
        "contradicted",
        "share.mismatch",
        f"MOF figures give {detail}",
        official_fig=official(part, "percent", share),
        suggestion=f"{share:.1f}%",
    )
