"""Cross-checks of the bundled reference data: sources agree where they must, disagreements are
reported, and the tidy store is exactly what the raw layer builds."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.periods import Period
from extractor.reference import load_store
from extractor.reference.build import build_figures
from extractor.reference.conflicts import find_conflicts
from extractor.reference.store import bundled_dir, read_store_file

RAW = bundled_dir()


@pytest.fixture(scope="module")
def store():
    return load_store(use_overlay=False)


def _time_series(vintages):
    return [
        v
        for v in vintages
        if v.source.startswith("official/d41ma.csv") or "(time series)" in v.source
    ]


@pytest.mark.parametrize("flow", ["exports", "imports", "balance"])
def test_d41ma_annual_sums_match_confirmed_calendar_years(store, flow):
    checked = 0
    for year in range(1979, 2025):
        vintages = store.vintages(flow, "World", Period.calendar_year(year))
        (summed,) = _time_series(vintages)
        (confirmed,) = [
            v for v in vintages if v.status == "confirmed" and v.source_kind == "dataset"
        ]
        assert abs(summed.value - confirmed.value) <= 1e8, (year, summed.value, confirmed.value)
        checked += 1
    assert checked == 46


def test_unrevised_second_release_exports_match_d41ma(store):
    # official/README.md: suffix-5 exports for 2026-01..08 were not revised in the d41ma vintage
    for month in range(1, 9):
        vintages = store.vintages("exports", "World", Period.month(2026, month))
        (press,) = [v for v in vintages if v.status == "second_release"]
        (series,) = [v for v in vintages if v.source.startswith("official/d41ma.csv")]
        assert abs(press.value - series.value) <= press.value_precision + series.value_precision


def test_revised_months_are_kept_as_separate_vintages(store):
    vintages = store.vintages("imports", "World", Period.month(2025, 8))
    official = [
        (v.release_date.isoformat(), v.status, v.value)
        for v in vintages
        if v.source_kind == "official"
    ]
    assert official == [
        ("2025-09-17", "provisional", 8667684e6),
        ("2025-09-26", "second_release", 8668585e6),
        ("2026-09-16", "revised", 8714168e6),  # the year-earlier figure of the Aug 2026 release
        ("2026-09-29", "revised", 8714168e6),  # the Aug 2026 second release
        ("2026-09-29", "revised", 8714167807e3),  # d41ma, finer: ranked last
    ]
    later = store.lookup("imports", "World", "2025-08")
    assert later.value == 8714167807e3
    assert store.lookup("imports", "World", "2025-08", dt.date(2025, 9, 20)).value == 8667684e6


def test_conflicts_are_reported_not_resolved(store):
    conflicts = find_conflicts(store)
    kinds = {(c.kind, c.flow, c.partner, c.period) for c in conflicts}
    assert ("noted", "exports", "World", "CY2024") in kinds  # 107.09 vs the "107.9 trillion" typo
    assert ("same_release", "balance", "World", "2025-11") in kinds  # 322.3 (wire) vs 322,226 m
    for c in conflicts:
        assert all(f in store.vintages(f.flow, f.partner, f.period) for f in c.figures)


def test_issue_example_us_balance_fy2024(store):
    then = store.lookup("balance", "United States", "FY2024", as_of=dt.date(2025, 4, 20))
    assert then.value == 9.0053e12 and then.release_date == dt.date(2025, 4, 17)
    assert then.source_kind == "wire" and then.status == "provisional"
    assert store.lookup("balance", "United States", "FY2024", as_of=dt.date(2025, 4, 16)) is None
    # "and since": the calendar-year series that followed, with its vintages
    cy2025 = store.lookup("balance", "United States", "CY2025")
    assert cy2025.value == 7.5214e12 and cy2025.release_date == dt.date(2026, 1, 22)


def test_every_row_traces_to_a_file_row_or_url(store):
    for f in store:
        if f.source_kind == "derived":
            assert f.source.startswith("derived:") and f.derived_from, f
        else:
            assert ".csv:" in f.source or ".xml:" in f.source or "http" in f.source, f


def test_record_and_streak_history(store):
    months = store.history("balance", "World", "month")
    assert months[0].period.code == "1979-01" and months[-1].period.code == "2026-08"
    assert [m.period for m in months] == sorted(m.period for m in months)
    record = min(months, key=lambda f: f.value)
    assert record.period.code == "2023-01"  # the record monthly deficit in the latest vintage
    years = store.history("balance", "World", "CY")
    deficits = [f.period.year for f in years if f.value < 0 and f.period.year >= 2021]
    assert deficits == [2021, 2022, 2023, 2024, 2025]


def test_store_size_is_reasonable():
    assert (RAW / "store" / "figures.csv").stat().st_size < 5_000_000


@pytest.mark.slow
def test_bundled_store_is_what_the_raw_layer_builds():
    built, skipped = build_figures(RAW)
    stored = read_store_file(RAW / "store" / "figures.csv")
    assert [f.to_row() for f in built] == [f.to_row() for f in stored]
    assert len(skipped) == 4
