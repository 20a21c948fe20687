"""Changes (percentages, multiples) and directions (rose, fell, narrowed ...) against MOF.

The year-on-year change of a balance is the change in the *size* of the surplus or deficit, as
MOF prints it; it has no meaning when the sign flipped. The direction of a balance is the
direction of the signed value: a narrowing deficit is a rise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extractor.model import Claim, Finding, Metric
from extractor.periods import Period
from extractor.verify import messages as msg
from extractor.verify.context import VerifyContext, finding, not_held, official, revision_only
from extractor.verify.intervals import claim_interval

FLAT = 0.05  # percent: below this a change reads as flat (MOF prints 0.0)


@dataclass(frozen=True)
class Change:
    pct: float | None  # as MOF prints it (size change for a balance)
    delta: float  # signed current - base
    current: Any
    base: Any | None
    published: bool  # pct taken from the release rather than computed

    @property
    def direction(self) -> str:
        if self.pct is not None and abs(self.pct) < FLAT:
            return "flat"
        if self.delta == 0:
            return "flat"
        return "up" if self.delta > 0 else "down"


def base_period(claim: Claim) -> Period:
    assert claim.period is not None
    return claim.period.previous() if claim.basis == "mom" else claim.period.year_earlier()


def size_change(current: float, base: float) -> float | None:
    """MOF's % change: of the value, or of the size of a surplus/deficit; None on a sign flip."""
    if base == 0 or (current < 0) != (base < 0):
        return None
    return (abs(current) - abs(base)) / abs(base) * 100.0


def official_change(ctx: VerifyContext, claim: Claim) -> Change | None:
    assert claim.period is not None
    cur = ctx.value(claim.metric, claim.partner, claim.period)
    printed = (
        ctx.published_changes(claim.metric, claim.partner, claim.period)
        if claim.basis != "mom"
        else ()
    )
    if cur is None:
        # some sources print only the % (no level): enough for a flow, not for a balance's sign
        if not printed or claim.metric == "balance":
            return None
        return Change(
            float(printed[-1].yoy_pct), float(printed[-1].yoy_pct), printed[-1], None, True
        )
    base = ctx.value(claim.metric, claim.partner, base_period(claim))
    published_pct = None
    if claim.basis != "mom":
        published_pct = (
            cur.yoy_pct if cur.yoy_pct is not None else (printed[-1].yoy_pct if printed else None)
        )
    if published_pct is not None and base is None:
        delta = (
            published_pct
            if claim.metric != "balance"
            else published_pct * (1 if cur.value > 0 else -1)
        )
        return Change(float(published_pct), delta, cur, None, True)
    if base is None:
        return None
    pct = float(published_pct) if published_pct is not None else size_change(cur.value, base.value)
    as_printed = published_pct is not None and getattr(cur, "source_kind", "") != "derived"
    return Change(pct, cur.value - base.value, cur, base, as_printed)


def _official(ch: Change) -> Any:
    """The official change itself (percent) when there is one, else the current level."""
    if ch.pct is not None:
        return official(ch.current, "percent", ch.pct)
    return official(ch.current)


def _describe(claim: Claim, ch: Change) -> str:
    what = msg.series_phrase(claim.metric, claim.partner)
    now = (
        msg.level_phrase(claim.metric, ch.current.value)
        if ch.current.value is not None
        else "not given"
    )
    pct = (
        f" ({msg.pct(ch.pct)}{' as published' if ch.published else ''})"
        if ch.pct is not None
        else ""
    )
    base = ""
    if ch.base is not None:
        base = f" against {msg.yen(ch.base.value)} in {ch.base.period}"
    verb = "was" if claim.metric == "balance" else "were"
    return (
        f"MOF: {what} in {claim.period} {verb} {now}{base}{pct}, "
        f"{ {'up': 'a rise', 'down': 'a fall', 'flat': 'flat'}[ch.direction] } "
        f"{msg.provenance(ch.current)}"
    )


def check_direction(claim: Claim, ctx: VerifyContext) -> Finding:
    ch = official_change(ctx, claim)
    if ch is None:
        return not_held(
            claim, f"pair of figures to tell the direction of {claim.metric} in {claim.period}"
        )
    said = claim.direction
    if said is None or ch.direction == "flat" or said == ch.direction:
        return finding(
            claim, "consistent", "direction.match", _describe(claim, ch), official_fig=_official(ch)
        )
    word = {"up": "rose", "down": "fell"}[ch.direction]
    return finding(
        claim,
        "wrong_direction",
        "direction.rise_fall",
        f"the claim says {claim.text!r}, but {_describe(claim, ch)}",
        official_fig=_official(ch),
        suggestion=f"{word} {msg.pct(ch.pct, signed=False)}" if ch.pct is not None else word,
    )


def check_change(claim: Claim, ctx: VerifyContext) -> Finding:
    assert claim.normalized is not None
    if claim.normalized.unit == "percentage_point":
        return finding(
            claim,
            "unverifiable",
            "change.points",
            f"not verified: {claim.text!r} is a change of a share or a growth rate, not a "
            "percent change of the figure, so it is not compared with MOF's percent changes",
        )
    ch = official_change(ctx, claim)
    if ch is None:
        return not_held(
            claim, f"pair of figures for the change in {claim.metric} in {claim.period}"
        )
    value = claim.normalized.value
    if claim.normalized.unit == "times":
        if ch.base is None or not ch.base.value:
            return not_held(claim, "base figure for the multiple")
        ratio = ch.current.value / ch.base.value
        civ = claim_interval(abs(value), claim.precision, claim.hedge, ctx.tolerance)
        ok = civ.contains(ratio)
        return finding(
            claim,
            "consistent" if ok else "contradicted",
            "change.match" if ok else "change.mismatch",
            f"{_describe(claim, ch)}: {ratio:.2f} times",
            official_fig=_official(ch),
            suggestion=None if ok else f"{ratio:.1f} times",
        )
    if ch.pct is None:
        return finding(
            claim,
            "unverifiable",
            "change.undefined",
            f"no percentage change is defined (the balance changed sign); {_describe(claim, ch)}",
            official_fig=_official(ch),
        )
    said_dir = "up" if value > 0 else "down" if value < 0 else "flat"
    real_dir = "up" if ch.pct > FLAT else "down" if ch.pct < -FLAT else "flat"
    civ = claim_interval(abs(value), claim.precision, claim.hedge, ctx.tolerance)
    if civ.contains(abs(ch.pct)) or _other_vintage_matches(civ, claim, ctx, ch):
        if said_dir == real_dir or real_dir == "flat" or said_dir == "flat":
            return finding(
                claim,
                "consistent",
                "change.match",
                _describe(claim, ch),
                official_fig=_official(ch),
            )
    borrowed = _borrowed_change(claim, ctx, civ, value)
    if borrowed:
        return finding(
            claim,
            "contradicted",
            "change.mismatch",
            f"the claim says {claim.text!r}, but {_describe(claim, ch)}; {borrowed}",
            official_fig=_official(ch),
            suggestion=msg.pct(ch.pct),
        )
    if said_dir != real_dir and real_dir != "flat" and said_dir != "flat":
        rule, verdict = "direction.rise_fall", "wrong_direction"
    else:
        revised = revision_only(claim, ctx, abs(abs(value) - abs(ch.pct)), relative=False)
        if revised is not None:
            return revised
        rule, verdict = "change.mismatch", "contradicted"
    return finding(
        claim,
        verdict,
        rule,
        f"the claim says {claim.text!r}, but {_describe(claim, ch)}",
        official_fig=_official(ch),
        suggestion=msg.pct(ch.pct),
    )


def _other_vintage_matches(civ: Any, claim: Claim, ctx: VerifyContext, ch: Change) -> bool:
    assert claim.period is not None
    for fig in ctx.published_changes(claim.metric, claim.partner, claim.period):
        pct = fig.yoy_pct
        if pct is not None and civ.contains(abs(pct)) and (pct > 0) == ((ch.pct or 0) > 0):
            return True
    return False


def _borrowed_change(claim: Claim, ctx: VerifyContext, civ: Any, value: float) -> str:
    """Name the series whose change the claim gives: the parent region's, or the other flow's."""
    from dataclasses import replace

    from extractor.verify.levels import PARENT_REGION

    others = []
    if claim.partner in PARENT_REGION:
        others.append(
            (
                f"the figure for {PARENT_REGION[claim.partner]}",
                replace(claim, partner=PARENT_REGION[claim.partner]),
            )
        )
    swap: Metric | None = {"exports": "imports", "imports": "exports"}.get(claim.metric)  # type: ignore[assignment]
    if swap:
        others.append((f"the {swap} figure: exports and imports swapped?", replace(claim, metric=swap)))
    for label, alt in others:
        ch = official_change(ctx, alt)
        if (
            ch is not None
            and ch.pct is not None
            and civ.contains(abs(ch.pct))
            and (ch.pct > 0) == (value > 0)
        ):
            return f"{msg.pct(ch.pct)} is {label}"
    return ""
