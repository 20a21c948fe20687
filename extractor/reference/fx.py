"""The daily USD/JPY market rate (FRED series DEXJPUS, Federal Reserve H.10, yen per dollar).

Loaded lazily on first use: most checks never need it. Blank values are days without a quote
(holidays) and are not rates.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
from pathlib import Path

from extractor.errors import ReferenceDataError
from extractor.periods import Period
from extractor.reference.figure import Figure


class FxSeries:
    """Daily rates, sorted by date."""

    def __init__(self, path: Path | None, name: str = "fx/DEXJPUS.csv") -> None:
        self._path = path
        self._name = name
        self._days: list[dt.date] | None = None
        self._rates: list[float] = []

    @classmethod
    def empty(cls) -> FxSeries:
        return cls(None)

    def _load(self) -> None:
        if self._days is not None:
            return
        days: list[dt.date] = []
        rates: list[float] = []
        if self._path is not None and self._path.exists():
            days, rates = read_fred_csv(self._path)
        self._days, self._rates = days, rates

    def __len__(self) -> int:
        self._load()
        return len(self._days or [])

    def window(self, day: dt.date, window_days: int = 7) -> list[tuple[dt.date, float]]:
        """Quotes in [day - window_days, day], oldest first."""
        self._load()
        days = self._days or []
        lo = bisect.bisect_left(days, day - dt.timedelta(days=window_days))
        hi = bisect.bisect_right(days, day)
        return list(zip(days[lo:hi], self._rates[lo:hi], strict=True))

    def period_mean(self, period: Period, as_of: dt.date | None = None) -> Figure | None:
        """The mean daily rate over the period, as a derived Figure; None when the series does not
        cover the whole period or the period had not ended by ``as_of``."""
        self._load()
        days = self._days or []
        if not days or days[0] > period.start or days[-1] < period.end:
            return None
        if as_of is not None and as_of <= period.end:
            return None
        lo = bisect.bisect_left(days, period.start)
        hi = bisect.bisect_right(days, period.end)
        quotes = self._rates[lo:hi]
        if not quotes:
            return None
        return Figure(
            period=period,
            partner="World",
            flow="usd_jpy_rate",
            value=round(sum(quotes) / len(quotes), 4),
            value_precision=0.00005,
            yoy_pct=None,
            status="derived",
            release_date=period.end + dt.timedelta(days=1),
            source=f"derived: mean of {len(quotes)} daily quotes {days[lo]}..{days[hi - 1]} ({self._name})",
            source_kind="derived",
            note="market rate (FRED DEXJPUS), not the customs average rate MOF prints",
            derived_from=f"{self._name}:{period.start}..{period.end}",
        )


def read_fred_csv(path: Path) -> tuple[list[dt.date], list[float]]:
    """``DATE,DEXJPUS`` rows; blank or ``.`` values are days without a quote."""
    days: list[dt.date] = []
    rates: list[float] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        if len(header) < 2 or header[0].strip().upper() not in ("DATE", "OBSERVATION_DATE"):
            raise ReferenceDataError(
                f"expected a DATE,<series> header, found {header!r}", path=str(path), line=1
            )
        for row in reader:
            if not row:
                continue
            try:
                day = dt.date.fromisoformat(row[0].strip())
                cell = row[1].strip() if len(row) > 1 else ""
                if cell in ("", "."):
                    continue
                rate = float(cell)
            except ValueError as exc:
                raise ReferenceDataError(
                    f"bad row: {exc}", path=str(path), line=reader.line_num
                ) from None
            if days and day <= days[-1]:
                raise ReferenceDataError(
                    "dates are not increasing", path=str(path), line=reader.line_num
                )
            days.append(day)
            rates.append(rate)
    return days, rates
