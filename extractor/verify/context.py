"""What a verification needs besides the claim: the store, the publication date, the rates the
article states, the configuration; and the small shared steps (finding the figure that was current,
building Findings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from extractor.model import FLAGGED_VERDICTS, Claim, Finding, Official
from extractor.periods import Period

FLAGGED_SEVERITY = "error"


@dataclass(frozen=True)
class Figures:
    """The vintages of one series point: ``current`` is the one known at publication (None when
    nothing had been released by then, or the date is unknown); ``all`` oldest release first."""

    current: Any | None
    all: tuple[Any, ...]

    @property
    def reference(self) -> Any | None:
        """The figure to quote: the current one, else the earliest vintage the store holds."""
        if self.current is not None:
            return self.current
        return self.all[0] if self.all else None

    def others(self) -> list[Any]:
        return [f for f in self.all if f is not self.current]


@dataclass
class VerifyContext:
    store: Any
    published: dt.date | None = None
    stated_rates: tuple[float, ...] = ()
    tolerance: float = 0.0
    periods: tuple[Period, ...] = ()  # every period the article mentions (for second opinions)
    partners: tuple[str, ...] = ()  # every partner the article mentions
    _cache: dict[tuple[str, str, Period], Figures] = field(default_factory=dict)

    def figures(self, flow: str, partner: str, period: Period) -> Figures:
        key = (flow, partner, period)
        hit = self._cache.get(key)
        if hit is None:
            allv = tuple(f for f in self.store.vintages(flow, partner, period) if f.value is not None)
            current = None
            if self.published is not None and allv:
                current = self.store.lookup(flow, partner, period, as_of=self.published)
            hit = Figures(current, allv)
            self._cache[key] = hit
        return hit

    def published_changes(self, flow: str, partner: str, period: Period) -> tuple[Any, ...]:
        """Vintages that print a yoy % (some wire rows give only the %), oldest first; the one
        current at publication last when the date is known."""
        rows = [f for f in self.store.vintages(flow, partner, period) if f.yoy_pct is not None]
        if self.published is not None:
            known = [f for f in rows if f.release_date is not None and f.release_date <= self.published]
            if known:
                return tuple(f for f in rows if f is not known[-1]) + (known[-1],)
        return tuple(rows)

    def only_later(self, flow: str, partner: str, period: Period) -> bool:
        """True when every vintage held was released after publication (nothing that was current
        then is held): a small difference may then be a revision, not an error."""
        figs = self.figures(flow, partner, period)
        return self.published is not None and figs.current is None and bool(figs.all)

    def value(self, flow: str, partner: str, period: Period) -> Any | None:
        return self.figures(flow, partner, period).reference


def official(fig: Any, unit: str = "JPY", value: float | None = None) -> Official:
    return Official(
        value=float(fig.value if value is None else value),
        unit=unit,
        period=fig.period.code if hasattr(fig.period, "code") else str(fig.period),
        partner=fig.partner,
        flow=fig.flow,
        status=fig.status,
        release_date=fig.release_date,
        source=fig.source,
        source_kind=getattr(fig, "source_kind", "official"),
    )


def finding(
    claim: Claim,
    verdict: str,
    rule: str,
    message: str,
    *,
    official_fig: Official | None = None,
    suggestion: str | None = None,
    severity: str | None = None,
) -> Finding:
    if severity is None:
        severity = FLAGGED_SEVERITY if verdict in FLAGGED_VERDICTS else "info"
    return Finding(
        claim=claim,
        verdict=verdict,  # type: ignore[arg-type]
        severity=severity,  # type: ignore[arg-type]
        rule=rule,
        message=message,
        official=official_fig,
        suggestion=suggestion,
    )


def not_held(claim: Claim, what: str) -> Finding:
    return finding(
        claim,
        "unverifiable",
        "reference.not_held",
        f"the reference data holds no {what}; not checked against MOF",
    )


REVISION_LEVEL = 0.01  # relative: revisions of a month's or year's total stay within about 1%
REVISION_PCT = 0.5  # percentage points: revisions move a yoy % by a few tenths


def revision_only(claim: Claim, ctx: VerifyContext, gap: float, *, relative: bool) -> Finding | None:
    """Unverifiable instead of flagged when only later vintages are held and the gap is small."""
    assert claim.period is not None
    if not ctx.only_later(claim.metric, claim.partner, claim.period):
        return None
    if gap > (REVISION_LEVEL if relative else REVISION_PCT):
        return None
    size = f"{gap:.1%}" if relative else f"{gap:.1f} points"
    return finding(
        claim, "unverifiable", "reference.later_vintage_only",
        f"only vintages released after publication are held for {claim.metric} {claim.partner} "
        f"{claim.period}; the claim differs from them by {size}, within what revisions move",
    )


def vintage_note(figs: Figures, fig: Any, published: dt.date | None) -> str:
    """A clause saying which vintage ``fig`` is when it is not the one current at publication."""
    rel = fig.release_date.isoformat() if getattr(fig, "release_date", None) else "an unknown date"
    if figs.current is None:
        when = f"by {published.isoformat()}" if published else "(publication date unknown)"
        return f"; no figure released {when} is held, so the {fig.status} figure released {rel} was used"
    return ""
