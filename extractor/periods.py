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
from functools import cached_property
from operator import attrgetter
from typing import Literal

import regex

from extractor.errors import PeriodError

PeriodKind = Literal["month", "CY", "FY", "CYH", "FYH"]

_CODE = regex.compile(r"^(?:(?P<y>\d{4})-(?P<m>\d{2})|(?P<k>CY|FY)(?P<yy>\d{4})(?:H(?P<h>[12]))?)$")


_VALID_INDEX = {
    "month": range(1, 13),
    "CY": range(0, 1),
    "FY": range(0, 1),
    "CYH": range(1, 3),
    "FYH": range(1, 3),
}
# kinds in the order of their names, as the field-wise order (kind, year, index) sorts them
_KIND_RANK = {"CY": 0, "CYH": 1, "FY": 2, "FYH": 3, "month": 4}
_INTERNED: dict[tuple[str, int, int], Period] = {}  # every period made so far (a few thousand)


@dataclass(frozen=True, eq=False, init=False)
class Period:
    """A reporting period. ``index`` is the month (1-12) or the half (1-2); 0 for whole years.

    Periods key every reference lookup, so they are interned: constructing a period that exists
    returns the existing object, which makes equality identity and the hash the object's own
    (both without a Python call). An integer made at construction orders periods as the tuple
    (kind, year, index) would. The derived views (``code``, ``start``, ``end``) are computed on
    first use and kept; a pickle holds the three fields and is rebuilt through the constructor."""

    kind: PeriodKind
    year: int
    index: int = 0

    def __new__(cls, kind: PeriodKind, year: int, index: int = 0) -> Period:
        found = _INTERNED.get((kind, year, index))
        if found is None:
            valid = _VALID_INDEX.get(kind)
            if valid is None:
                raise PeriodError(f"unknown period kind {kind!r}")
            if index not in valid:
                raise PeriodError(f"bad index {index} for a {kind} period")
            if not 1900 <= year <= 2100:
                raise PeriodError(f"year {year} out of range")
            found = object.__new__(cls)
            for name, value in (("kind", kind), ("year", year), ("index", index)):
                object.__setattr__(found, name, value)
            object.__setattr__(found, "_rank", (_KIND_RANK[kind] * 10000 + year) * 16 + index)
            found = _INTERNED.setdefault((kind, year, index), found)
        return found

    def __lt__(self, other: Period) -> bool:
        if other.__class__ is not Period:
            return NotImplemented
        return self._rank < other._rank  # type: ignore[attr-defined, no-any-return]

    def __le__(self, other: Period) -> bool:
        if other.__class__ is not Period:
            return NotImplemented
        return self._rank <= other._rank  # type: ignore[attr-defined, no-any-return]

    def __gt__(self, other: Period) -> bool:
        if other.__class__ is not Period:
            return NotImplemented
        return self._rank > other._rank  # type: ignore[attr-defined, no-any-return]

    def __ge__(self, other: Period) -> bool:
        if other.__class__ is not Period:
            return NotImplemented
        return self._rank >= other._rank  # type: ignore[attr-defined, no-any-return]

    def __reduce__(self) -> tuple[type[Period], tuple[str, int, int]]:
        return Period, (self.kind, self.year, self.index)

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
    @cached_property
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

    def _span(self) -> tuple[int, int, int]:
        """The first month (year, month) and the number of months the period covers."""
        if self.kind == "month":
            return self.year, self.index, 1
        if self.kind == "CY":
            return self.year, 1, 12
        if self.kind == "FY":
            return self.year, 4, 12
        if self.kind == "CYH":
            return self.year, 1 + 6 * (self.index - 1), 6
        return self.year, 4 + 6 * (self.index - 1), 6

    def months(self) -> list[Period]:
        """The months this period covers, in order."""
        if self.kind == "month":
            return [self]
        year, month, n = self._span()
        return [_add_months(Period.month(year, month), i) for i in range(n)]

    @cached_property
    def start(self) -> dt.date:
        year, month, _ = self._span()
        return dt.date(year, month, 1)

    @cached_property
    def end(self) -> dt.date:
        year, month, n = self._span()
        total = year * 12 + month - 1 + n - 1
        year, month = total // 12, total % 12 + 1
        return dt.date(year, month, calendar.monthrange(year, month)[1])

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


ORDER = attrgetter("_rank")
"""A sort key that orders periods as ``<`` does, read in C (no Python call per comparison)."""


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
