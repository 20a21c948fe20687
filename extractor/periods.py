"""Reporting periods: months, calendar years, fiscal years (April-March) and halves.

A :class:`Period` is a small frozen value with a canonical code:

==========  ==========================================  =====================
code        meaning                                     months
==========  ==========================================  =====================
2025-03     the month of March 2025                     2025-03
CY2024      calendar year 2024                          2024-01 .. 2024-12
FY2024      fiscal year 2024 (April 2024 - March 2025)  2024-04 .. 2025-03
CY2025H1    first half of calendar 2025                 2025-01 .. 2025-06
CY2025H2    second half of calendar 2025                2025-07 .. 2025-12
FY2025H1    first half of fiscal 2025                   2025-04 .. 2025-09
FY2025H2    second half of fiscal 2025                  2025-10 .. 2026-03
==========  ==========================================  =====================

Codes parse back with :meth:`Period.parse`; ``str(period)`` gives the code.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

import regex

from extractor.errors import PeriodError

PeriodKind = Literal["month", "CY", "FY", "CYH", "FYH"]

_CODE = regex.compile(
    r"^(?:(?P<y>\d{4})-(?P<m>\d{2})|(?P<k>CY|FY)(?P<yy>\d{4})(?:H(?P<h>[12]))?)$"
)


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period. ``index`` is the month (1-12) or the half (1-2); 0 for whole years."""

    kind: PeriodKind
    year: int
    index: int = 0

    def __post_init__(self) -> None:
        valid = {
            "month": range(1, 13),
            "CY": range(0, 1),
            "FY": range(0, 1),
            "CYH": range(1, 3),
            "FYH": range(1, 3),
        }
        if self.kind not in valid:
            raise PeriodError(f"unknown period kind {self.kind!r}")
        if self.index not in valid[self.kind]:
            raise PeriodError(f"bad index {self.index} for a {self.kind} period")
        if not 1900 <= self.year <= 2100:
            raise PeriodError(f"year {self.year} out of range")

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls("month", year, month)

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls("CY", year)

    @classmethod
    def fiscal_year(cls, year: int) -> Period:
        return cls("FY", year)

    @classmethod
    def half(cls, basis: Literal["CY", "FY"], year: int, half: int) -> Period:
        return cls("CYH" if basis == "CY" else "FYH", year, half)

    @classmethod
    def parse(cls, code: str) -> Period:
        """Parse a canonical code (``2025-03``, ``CY2024``, ``FY2024``, ``CY2025H1``)."""
        m = _CODE.match(code.strip())
        if not m:
            raise PeriodError(f"not a period code: {code!r}")
        if m["y"]:
            return cls.month(int(m["y"]), int(m["m"]))
        kind = m["k"]
        if m["h"]:
            return cls(f"{kind}H", int(m["yy"]), int(m["h"]))  # type: ignore[arg-type]
        return cls(kind, int(m["yy"]))

    @classmethod
    def fiscal_year_of(cls, day: dt.date) -> Period:
        return cls.fiscal_year(day.year if day.month >= 4 else day.year - 1)

    # -- views ----------------------------------------------------------------------------
    @property
    def code(self) -> str:
        if self.kind == "month":
            return f"{self.year:04d}-{self.index:02d}"
        if self.kind in ("CY", "FY"):
            return f"{self.kind}{self.year}"
        return f"{self.kind[:2]}{self.year}H{self.index}"

    def __str__(self) -> str:
        return self.code

    @property
    def is_month(self) -> bool:
        return self.kind == "month"

    @property
    def basis(self) -> str:
        """'month', 'CY', 'FY', 'CYH' or 'FYH': periods of the same basis form one series."""
        return self.kind

    def months(self) -> list[Period]:
        """The months this period covers, in order."""
        if self.kind == "month":
            return [self]
        if self.kind == "CY":
            first, n = (self.year, 1), 12
        elif self.kind == "FY":
            first, n = (self.year, 4), 12
        elif self.kind == "CYH":
            first, n = (self.year, 1 + 6 * (self.index - 1)), 6
        else:
            first, n = (self.year, 4 + 6 * (self.index - 1)), 6
        return [_add_months(Period.month(*first), i) for i in range(n)]

    @property
    def start(self) -> dt.date:
        first = self.months()[0]
        return dt.date(first.year, first.index, 1)

    @property
    def end(self) -> dt.date:
        last = self.months()[-1]
        return dt.date(last.year, last.index, calendar.monthrange(last.year, last.index)[1])

    # -- arithmetic -----------------------------------------------------------------------
    def shift(self, steps: int) -> Period:
        """The period ``steps`` periods later (earlier when negative) in the same series."""
        if self.kind == "month":
            return _add_months(self, steps)
        if self.kind in ("CY", "FY"):
            return Period(self.kind, self.year + steps)
        n = (self.year * 2 + self.index - 1) + steps
        return Period(self.kind, n // 2, n % 2 + 1)

    def year_earlier(self) -> Period:
        """The same period one year before (the base of a year-on-year change)."""
        return Period(self.kind, self.year - 1, self.index)

    def previous(self) -> Period:
        return self.shift(-1)

    def contains(self, other: Period) -> bool:
        mine = set(self.months())
        return all(m in mine for m in other.months())


def _add_months(p: Period, n: int) -> Period:
    total = p.year * 12 + (p.index - 1) + n
    return Period.month(total // 12, total % 12 + 1)


def month_range(first: Period, last: Period) -> list[Period]:
    """All months from ``first`` to ``last`` inclusive."""
    if not (first.is_month and last.is_month):
        raise PeriodError("month_range takes two months")
    out: list[Period] = []
    cur = first
    while cur <= last:
        out.append(cur)
        cur = cur.shift(1)
    return out
