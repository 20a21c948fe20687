"""Intervals: what a written figure can mean, and what an official figure can be.

A claim of "9.8 trillion" is consistent with any true value that rounds *or truncates* to it:
news desks do both (108,934.6 billion yen is written "108.9345 trillion"). A hedge widens the
interval in its own direction: "nearly 4%" admits 3.9, "more than 10%" admits 12.6 and "about"
admits a few percent either way. (statcheck, R/error_test.R, compares intervals the same way.)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: hedge word -> kind of interval it makes. Keys are lower-case, spaces normalised.
HEDGES: dict[str, str] = {
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "almost": "below",
    "nearly": "below",
    "close to": "below",
    "just under": "below",
    "just shy of": "below",
    "more than": "above",
    "over": "above",
    "above": "above",
    "exceeding": "above",
    "just over": "above",
    "at least": "above",
    "upwards of": "above",
    "less than": "under",
    "under": "under",
    "below": "under",
    "at most": "under",
    "up to": "under",
}

APPROX_SLACK = 0.05  # "about X" admits X +- 5%
NEARLY_SLACK = 0.08  # "nearly X" admits X - 8% .. X
TRUNCATION_DIGITS = 200  # |value| / precision at or above this: truncation is admitted


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    def contains(self, x: float) -> bool:
        return self.lo <= x <= self.hi

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def scaled(self, factor: float) -> Interval:
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def widened(self, rel: float) -> Interval:
        if rel <= 0:
            return self
        pad = rel * max(abs(self.lo), abs(self.hi))
        return Interval(self.lo - pad, self.hi + pad)


def default_precision(value: float) -> float:
    """Half a unit of the last written digit when the recognizer did not say."""
    text = f"{value:.10g}"
    if "e" in text:
        return abs(value) * 0.005
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0**-decimals


def claim_interval(
    value: float, precision: float | None, hedge: str | None, tolerance: float = 0.0
) -> Interval:
    """The true values a written (magnitude) ``value`` admits, given its rounding and hedge.

    Works on magnitudes: pass ``abs(value)`` and compare with magnitudes.
    """
    p = precision if precision is not None and precision > 0 else default_precision(value)
    # rounding either way; truncation (a whole unit above) only for figures written with three
    # or more significant digits, where desks copy digits rather than round
    lo, hi = value - p, value + (2 * p if abs(value) >= TRUNCATION_DIGITS * p else p)
    kind = HEDGES.get(" ".join((hedge or "").lower().split()))
    if kind == "approx":
        lo, hi = value * (1 - APPROX_SLACK) - p, value * (1 + APPROX_SLACK) + p
    elif kind == "below":
        lo, hi = value * (1 - NEARLY_SLACK) - p, value + p
    elif kind == "above":
        lo, hi = value - p, math.inf
    elif kind == "under":
        lo, hi = -math.inf, value + p
    return Interval(lo, hi).widened(tolerance)


def official_interval(value: float, precision: float | None) -> Interval:
    p = abs(precision or 0.0)
    return Interval(value - p, value + p)
