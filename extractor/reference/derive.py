"""Figures the tool derives from published ones: balances, period totals and yoy rates.

Every derived Figure has ``status="derived"``, ``source_kind="derived"`` and names the vintages it
came from in ``derived_from``; its precision is the sum of the precisions it was built from.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from extractor.periods import Period
from extractor.reference.figure import Figure

TIME_SERIES_MARK = "(time series)"  # in the source of figures derived from one time-series vintage
TOTAL_KINDS: tuple[str, ...] = ("CY", "FY", "CYH", "FYH")


def yoy_change(flow: str, value: float, base: float) -> float | None:
    """The yoy % MOF would print: for a balance, the change in the SIZE of the surplus or deficit
    (None when the sign flips or the base is zero, where MOF prints no rate)."""
    if flow == "balance":
        if base == 0 or (value < 0) != (base < 0) or value == 0:
            return None
        return round((abs(value) / abs(base) - 1) * 100, 1)
    if base == 0:
        return None
    return round((value / base - 1) * 100, 1)


def complete_periods(months: Iterable[Period]) -> list[Period]:
    """Every CY, FY, CY half and FY half whose months are all in ``months``."""
    have = set(months)
    years = sorted({m.year for m in have})
    out: list[Period] = []
    for year in years:
        for kind in TOTAL_KINDS:
            indexes = (1, 2) if kind.endswith("H") else (0,)
            for index in indexes:
                p = Period(kind, year, index)  # type: ignore[arg-type]
                if all(m in have for m in p.months()):
                    out.append(p)
    return out


def vintage_label(f: Figure) -> str:
    day = f.release_date.isoformat() if f.release_date else "undated"
    return f"{f.period.code}@{day}"


def sum_figures(period: Period, parts: list[Figure], release: dt.date | None, what: str) -> Figure:
    """One derived total of ``parts`` (one Figure per month of ``period``, same flow and partner)."""
    first = parts[0]
    labels = sorted({vintage_label(p) for p in parts})
    compact = _compact(labels)
    return Figure(
        period=period,
        partner=first.partner,
        flow=first.flow,
        value=float(sum(p.value or 0.0 for p in parts)),
        value_precision=sum(p.value_precision for p in parts),
        yoy_pct=None,
        status="derived",
        release_date=release,
        source=f"derived: sum of {len(parts)} monthly figures ({what})",
        source_kind="derived",
        derived_from=compact,
    )


def _compact(labels: list[str]) -> str:
    """``2025-01@2026-09-29;...`` shortened: months sharing one release date are listed once."""
    by_day: dict[str, list[str]] = defaultdict(list)
    for label in labels:
        month, day = label.split("@")
        by_day[day].append(month)
    parts = []
    for day, months in sorted(by_day.items()):
        span = months[0] if len(months) == 1 else f"{months[0]}..{months[-1]}"
        parts.append(f"{span}@{day}")
    return ";".join(parts)


def balance_of(exports: Figure, imports: Figure, what: str) -> Figure:
    """Exports minus imports of the same vintage, marked derived."""
    assert exports.value is not None and imports.value is not None
    return Figure(
        period=exports.period,
        partner=exports.partner,
        flow="balance",
        value=exports.value - imports.value,
        value_precision=exports.value_precision + imports.value_precision,
        yoy_pct=None,
        status="derived",
        release_date=exports.release_date,
        source=f"derived: exports - imports ({what})",
        source_kind="derived",
        derived_from=f"exports {exports.source}; imports {imports.source}",
    )


def with_derived_yoy(figures: list[Figure]) -> list[Figure]:
    """Fill ``yoy_pct`` (basis ``derived``) where a figure has none and the same series (same flow,
    partner and source kind) holds the period a year earlier: the latest base vintage released on
    or before the figure, else the earliest one (the base as it was known when the figure came out)."""
    bases: dict[tuple[str, str, Period, str], list[Figure]] = defaultdict(list)
    for f in figures:
        if f.value is not None:
            bases[(f.flow, f.partner, f.period, f.source_kind)].append(f)
    for vs in bases.values():
        vs.sort(key=lambda f: f.release_date or dt.date.min)
    out = []
    for f in figures:
        if f.yoy_pct is None and f.value is not None and f.flow != "usd_jpy_rate":
            candidates = bases.get((f.flow, f.partner, f.period.year_earlier(), f.source_kind), [])
            prev = _known_by(candidates, f.release_date)
            if prev is not None and prev.value is not None:
                rate = yoy_change(f.flow, f.value, prev.value)
                if rate is not None:
                    f = replace(f, yoy_pct=rate, yoy_basis="derived")
        out.append(f)
    return out


def _known_by(vintages: list[Figure], day: dt.date | None) -> Figure | None:
    """The latest of ``vintages`` (sorted by release) out by ``day``, else the earliest."""
    if not vintages:
        return None
    known = [v for v in vintages if day is None or (v.release_date or dt.date.min) <= day]
    return known[-1] if known else vintages[0]


def d41ma_totals(months: list[Figure]) -> list[Figure]:
    """CY, FY and half-year totals of one time-series vintage (all months share a release date)."""
    by_key: dict[tuple[str, str], dict[Period, Figure]] = defaultdict(dict)
    for f in months:
        by_key[(f.flow, f.partner)][f.period] = f
    out: list[Figure] = []
    for series in by_key.values():
        for period in complete_periods(series):
            parts = [series[m] for m in period.months()]
            out.append(sum_figures(period, parts, parts[-1].release_date, TIME_SERIES_MARK[1:-1]))
    return out


def vintage_totals(months: list[Figure], what: str) -> list[Figure]:
    """Period totals of monthly figures that come in several vintages (press releases).

    For each complete period and each release date D from the first date every month of the
    period is known, the total uses the latest vintage of each month released on or before D;
    a new derived row is written whenever one of the monthly values changes.
    """
    series: dict[tuple[str, str], dict[Period, list[Figure]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for f in months:
        if f.value is not None and f.release_date is not None:
            series[(f.flow, f.partner)][f.period].append(f)
    out: list[Figure] = []
    for by_month in series.values():
        for vs in by_month.values():
            vs.sort(key=lambda f: f.release_date or dt.date.min)
        for period in complete_periods(by_month):
            out.extend(_period_vintages(period, by_month, what))
    return out


def _period_vintages(
    period: Period, by_month: dict[Period, list[Figure]], what: str
) -> list[Figure]:
    months = period.months()
    known_from = max(by_month[m][0].release_date or dt.date.min for m in months)
    days = sorted(
        {
            f.release_date
            for m in months
            for f in by_month[m]
            if f.release_date and f.release_date >= known_from
        }
    )
    out: list[Figure] = []
    previous: list[Figure] | None = None
    for day in days:
        parts = [
            [f for f in by_month[m] if f.release_date and f.release_date <= day][-1] for m in months
        ]
        if previous is not None and [p.value for p in parts] == [p.value for p in previous]:
            continue  # a re-print of the same figures is not a new vintage
        previous = parts
        out.append(sum_figures(period, parts, day, what))
    return out
