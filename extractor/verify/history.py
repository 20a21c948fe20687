"""Records ("highest since 1979", "three-month high") and streaks ("fourth consecutive year of
deficits", "first fall in five years") against the full history of a series.

Quiet by design: a record is false when an earlier period in scope beat it; it is confirmed only
when the history covers the whole scope; otherwise it is unverifiable. A streak is checked period
by period and is unverifiable as soon as a period it needs is missing.
"""

from __future__ import annotations

from typing import Any

from extractor.model import Claim, Finding
from extractor.periods import Period
from extractor.verify import messages as msg
from extractor.verify.context import VerifyContext, finding, not_held, official

FIRST_DATA_YEAR = 1979  # MOF's comparable monthly series starts in January 1979


def _history(ctx: VerifyContext, claim: Claim, basis: str) -> dict[Period, Any]:
    figs = ctx.store.history(claim.metric, claim.partner, basis, as_of=ctx.published)
    return {f.period: f for f in figs}


class _Periods:
    """The history of one series read period by period, as ``_history`` would hold it: a streak
    looks at a few periods, and the whole series (hundreds of months) need not be built."""

    def __init__(self, ctx: VerifyContext, claim: Claim, basis: str) -> None:
        self._ask = (ctx.store, claim.metric, claim.partner, ctx.published)
        self._basis = basis

    def get(self, p: Period) -> Any | None:
        store, flow, partner, as_of = self._ask
        return store.history_at(flow, partner, p, as_of) if p.kind == self._basis else None

    def __getitem__(self, p: Period) -> Any:
        found = self.get(p)
        if found is None:
            raise KeyError(p)
        return found


def check_record(claim: Claim, ctx: VerifyContext) -> Finding:
    rec, period = claim.record, claim.period
    assert rec is not None and period is not None
    hist = _history(ctx, claim, period.kind)
    cur = ctx.value(claim.metric, claim.partner, period) or hist.get(period)
    if cur is None:
        return not_held(claim, f"figure for {claim.metric} {claim.partner} {period}")
    if rec.window:
        steps = (
            rec.window - 1
            if rec.window_unit in (None, "month") or period.kind != "month"
            else 12 * rec.window - 1
        )
        scope = [period.shift(-k) for k in range(1, steps + 1)]
    else:
        since = rec.since or FIRST_DATA_YEAR
        scope = [p for p in hist if p < period and p.year > since]
    sign = 1 if rec.extreme == "high" else -1
    beaters = [hist[p] for p in scope if p in hist and sign * hist[p].value > sign * cur.value]
    word = "highest" if sign > 0 else "lowest"
    where = msg.series_phrase(claim.metric, claim.partner)
    if beaters:
        best = max(beaters, key=lambda f: sign * f.value)
        return finding(
            claim,
            "false_record",
            "record.false",
            f"not a record: {where} in {period} {_verb(claim)} {msg.level_phrase(claim.metric, cur.value)}, "
            f"but in {best.period} {'it' if claim.metric == 'balance' else 'they'} {_verb(claim)} "
            f"{msg.level_phrase(claim.metric, best.value)} "
            f"{msg.provenance(best)}",
            official_fig=official(best),
            suggestion=f"the {word} since {best.period}",
        )
    missing = [p for p in scope if p not in hist]
    covered = not missing and (rec.window or _starts_by(hist, rec.since or FIRST_DATA_YEAR, period))
    if not covered:
        return not_held(claim, f"complete history of {where} to confirm a record")
    return finding(
        claim,
        "consistent",
        "record.match",
        f"{where} in {period} ({msg.yen(cur.value)}) is the {word} in the scope claimed "
        f"({len(scope)} earlier periods checked) {msg.provenance(cur)}",
        official_fig=official(cur),
    )


def _verb(claim: Claim) -> str:
    return "was" if claim.metric == "balance" else "were"


def _starts_by(hist: dict[Period, Any], year: int, period: Period) -> bool:
    same = [p for p in hist if p.kind == period.kind]
    return bool(same) and min(same).year <= max(year, FIRST_DATA_YEAR) + 1


def _holds(claim: Claim, hist: _Periods, p: Period) -> bool | None:
    st = claim.streak
    assert st is not None
    fig = hist.get(p)
    if fig is None:
        return None
    v = fig.value
    if st.condition == "surplus":
        return v > 0
    if st.condition == "deficit":
        return v < 0
    if st.condition in ("above", "below"):
        if st.threshold is None:
            return None
        return v > st.threshold if st.condition == "above" else v < st.threshold
    base = hist.get(p.year_earlier())
    change = getattr(fig, "yoy_pct", None)
    if base is not None:
        change = v - base.value
    if change is None:
        return None
    return change > 0 if st.condition == "up" else change < 0


def _series_basis(claim: Claim) -> str | None:
    st, period = claim.streak, claim.period
    assert st is not None and period is not None
    if st.unit == "month":
        return "month" if period.kind == "month" else None
    return period.kind if period.kind in ("CY", "FY") else None


def check_streak(claim: Claim, ctx: VerifyContext) -> Finding:
    st, period = claim.streak, claim.period
    assert st is not None and period is not None
    basis = _series_basis(claim)
    if basis is None:
        return not_held(claim, f"{st.unit}ly series for a {period.kind} period")
    hist = _Periods(ctx, claim, basis)
    what = msg.series_phrase(claim.metric, claim.partner)
    cond = {"up": "a rise", "down": "a fall"}.get(st.condition, f"a {st.condition}")
    now = _holds(claim, hist, period)
    if now is None:
        return not_held(claim, f"history of {what} around {period}")
    if not now:
        return finding(
            claim,
            "wrong_streak",
            "streak.wrong",
            f"{what} in {period} was not {cond} at all "
            f"({msg.level_phrase(claim.metric, hist[period].value)})",
            official_fig=official(hist[period]),
        )
    run = 1
    while True:
        h = _holds(claim, hist, period.shift(-run))
        if h is None or not h:
            break
        run += 1
    known_end = _holds(claim, hist, period.shift(-run)) is not None
    if st.first:  # "the first decline in ten months": none in the nine months before
        return _first_in(claim, hist, period, what, cond)
    if run == st.count and known_end:
        return finding(
            claim,
            "consistent",
            "streak.match",
            f"{what}: {period} is the {run}th {st.unit} in a row of {cond} "
            f"{msg.provenance(hist[period])}",
            official_fig=official(hist[period]),
        )
    if run < st.count and not known_end:
        return not_held(claim, f"history of {what} before {period.shift(-run)}")
    if run > st.count or (run < st.count and known_end):
        return finding(
            claim,
            "wrong_streak",
            "streak.wrong",
            f"{what}: {period} is the {_ordinal(run)} {st.unit} in a row of {cond}, "
            f"not the {_ordinal(st.count)} {msg.provenance(hist[period])}",
            official_fig=official(hist[period]),
            suggestion=f"{_ordinal(run)} consecutive {st.unit}",
        )
    return finding(
        claim,
        "consistent",
        "streak.match",
        f"{what}: at least {run} {st.unit}s in a row of {cond} up to {period} "
        f"(earlier history not held)",
        official_fig=official(hist[period]),
    )


def _first_in(claim: Claim, hist: _Periods, period: Period, what: str, cond: str) -> Finding:
    """ "the first X in N periods": X in ``period`` (checked before) and in none of the N-1
    periods before it; the latest such period is named when there is one."""
    st = claim.streak
    assert st is not None
    earlier = [period.shift(-k) for k in range(1, st.count)]
    held = [(p, _holds(claim, hist, p)) for p in earlier]
    also = next((p for p, h in held if h), None)
    if also is not None:
        gap = earlier.index(also) + 1
        when = f"the {st.unit} before" if gap == 1 else f"{gap} {st.unit}s before"
        return finding(
            claim,
            "wrong_streak",
            "streak.wrong",
            f"{what}: {also} was {cond} too ({when} {period}), so {period} is not the first in "
            f"{st.count} {st.unit}s {msg.provenance(hist[also])}",
            official_fig=official(hist[also]),
            suggestion=f"the first {cond.removeprefix('a ')} in {gap} {st.unit}s" if gap > 1 else None,
        )
    if any(h is None for _, h in held):
        return not_held(claim, f"history of {what} over the {st.count} {st.unit}s before {period}")
    return finding(
        claim,
        "consistent",
        "streak.match",
        f"{what}: no {cond.removeprefix('a ')} in the {st.count - 1} {st.unit}"
        f"{'s' if st.count > 2 else ''} before {period}",
        official_fig=official(hist[period]),
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
