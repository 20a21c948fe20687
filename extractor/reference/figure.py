"""The ``Figure`` record (one official figure, one vintage) and its row form in the tidy store.

The tidy store is a CSV with one row per figure per vintage and the columns in :data:`COLUMNS`.
Values are in yen (``usd_jpy_rate`` rows: yen per dollar); ``value_precision`` is the half-width of
the published rounding in the same unit; ``yoy_basis`` says whether ``yoy_pct`` was printed by the
source (``published``) or recomputed by this tool (``derived``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from extractor.errors import PeriodError, ReferenceDataError
from extractor.model import Official
from extractor.periods import Period

FLOWS: tuple[str, ...] = ("exports", "imports", "balance", "usd_jpy_rate")
STATUSES: tuple[str, ...] = (
    "provisional",
    "second_release",
    "confirmed",
    "revised",
    "derived",
    "unknown",
)
SOURCE_KINDS: tuple[str, ...] = ("official", "wire", "dataset", "derived")

COLUMNS: tuple[str, ...] = (
    "period",
    "partner",
    "flow",
    "value",
    "value_precision",
    "yoy_pct",
    "yoy_basis",
    "status",
    "release_date",
    "source",
    "source_kind",
    "derived_from",
    "note",
)

# yen per unit of each unit name used by the sources (``yen_per_usd`` is a rate, not scaled)
UNIT_SCALE: dict[str, int] = {
    "yen": 1,
    "yen_thousand": 10**3,
    "yen_million": 10**6,
    "yen_billion": 10**9,
    "yen_trillion": 10**12,
    "yen_per_usd": 1,
}


@dataclass(frozen=True)
class Figure:
    """One official figure as published on ``release_date`` (one vintage).

    ``value`` is None only for rows that carry just a published yoy % (a wire report of a
    revised growth rate with no level); :meth:`Store.lookup` skips those unless asked for yoy.
    """

    period: Period
    partner: str
    flow: str
    value: float | None
    value_precision: float
    yoy_pct: float | None
    status: str
    release_date: dt.date | None
    source: str
    source_kind: str
    note: str = ""
    derived_from: str = ""
    yoy_basis: str = ""

    @property
    def key(self) -> tuple[str, str, Period]:
        return (self.flow, self.partner, self.period)

    @property
    def unit(self) -> str:
        return "JPY_per_USD" if self.flow == "usd_jpy_rate" else "JPY"

    @property
    def interval(self) -> tuple[float, float] | None:
        """The range of true values the published rounding allows."""
        if self.value is None:
            return None
        return (self.value - self.value_precision, self.value + self.value_precision)

    def identity(self) -> tuple[object, ...]:
        """What makes two rows the same vintage (the source text and note are not part of it)."""
        return (
            self.flow,
            self.partner,
            self.period,
            self.value,
            self.yoy_pct,
            self.status,
            self.release_date,
            self.source_kind,
        )

    def to_official(self) -> Official:
        """This figure as the ``Official`` record a ``Finding`` carries."""
        if self.value is None:
            raise ReferenceDataError(f"{self.source}: figure has no level, only a yoy %")
        return Official(
            value=self.value,
            unit=self.unit,
            period=self.period.code,
            partner=self.partner,
            flow=self.flow,
            status=self.status,
            release_date=self.release_date,
            source=self.source,
            source_kind=self.source_kind,
        )

    def to_row(self) -> dict[str, str]:
        return {
            "period": self.period.code,
            "partner": self.partner,
            "flow": self.flow,
            "value": _fmt(self.value),
            "value_precision": _fmt(self.value_precision),
            "yoy_pct": _fmt(self.yoy_pct),
            "yoy_basis": self.yoy_basis,
            "status": self.status,
            "release_date": self.release_date.isoformat() if self.release_date else "",
            "source": self.source,
            "source_kind": self.source_kind,
            "derived_from": self.derived_from,
            "note": self.note,
        }

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = dict(self.to_row())
        d["value"], d["value_precision"], d["yoy_pct"] = (
            self.value,
            self.value_precision,
            self.yoy_pct,
        )
        return d


def _fmt(x: float | None) -> str:
    if x is None:
        return ""
    if float(x).is_integer() and abs(x) < 1e17:
        return str(int(x))
    return repr(round(x, 6))


@lru_cache(maxsize=4096)
def parse_period(code: str) -> Period:
    return Period.parse(code)


def figure_from_row(row: dict[str, str], where: str) -> Figure:
    """A Figure from one tidy-store row; ``where`` (file:line) names the row in errors."""
    try:
        period = parse_period(row["period"])
        flow = _choice(row, "flow", FLOWS)
        status = _choice(row, "status", STATUSES)
        kind = _choice(row, "source_kind", SOURCE_KINDS)
        release = row.get("release_date") or ""
        return Figure(
            period=period,
            partner=row["partner"],
            flow=flow,
            value=parse_number(row.get("value", ""), "value"),
            value_precision=parse_number(row.get("value_precision", ""), "value_precision") or 0.0,
            yoy_pct=parse_number(row.get("yoy_pct", ""), "yoy_pct"),
            status=status,
            release_date=dt.date.fromisoformat(release) if release else None,
            source=row.get("source") or where,
            source_kind=kind,
            note=row.get("note") or "",
            derived_from=row.get("derived_from") or "",
            yoy_basis=row.get("yoy_basis") or "",
        )
    except (KeyError, ValueError, PeriodError) as exc:
        raise ReferenceDataError(f"{where}: bad row: {exc}") from exc


def _choice(row: dict[str, str], column: str, allowed: tuple[str, ...]) -> str:
    value = row[column]
    if value not in allowed:
        raise ValueError(f"{column} {value!r} is not one of {', '.join(allowed)}")
    return value


def parse_number(text: str | None, column: str) -> float | None:
    """A plain decimal number (thousands separators allowed) or None for an empty cell."""
    s = (text or "").strip().replace(",", "")
    if not s:
        return None
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise ValueError(f"{column} {text!r} is not a number") from None
    if not d.is_finite():
        raise ValueError(f"{column} {text!r} is not a finite number")
    return float(d)


def half_unit(text: str, scale: float) -> float:
    """Half of the last written digit: ``"9005.3"`` in billions -> 0.05e9."""
    s = text.strip().replace(",", "")
    decimals = len(s.split(".", 1)[1]) if "." in s else 0
    return 0.5 * scale / 10**decimals


def is_close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-6 * max(1.0, abs(a), abs(b)))
