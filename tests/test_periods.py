import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.errors import PeriodError
from extractor.periods import Period, month_range


def test_fiscal_year_runs_april_to_march():
    fy = Period.parse("FY2024")
    assert fy.start == dt.date(2024, 4, 1)
    assert fy.end == dt.date(2025, 3, 31)
    assert [m.code for m in fy.months()][:2] == ["2024-04", "2024-05"]
    assert fy.months()[-1].code == "2025-03"


def test_halves():
    assert [m.code for m in Period.parse("FY2025H2").months()] == [
        "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    assert Period.parse("CY2025H1").end == dt.date(2025, 6, 30)
    assert Period.parse("CY2025H2").shift(1).code == "CY2026H1"
    assert Period.parse("FY2025H1").previous().code == "FY2024H2"


def test_month_arithmetic_and_year_earlier():
    m = Period.parse("2025-01")
    assert m.previous().code == "2024-12"
    assert m.year_earlier().code == "2024-01"
    assert Period.parse("FY2024").year_earlier().code == "FY2023"
    assert [p.code for p in month_range(Period.parse("2024-11"), Period.parse("2025-02"))] == [
        "2024-11", "2024-12", "2025-01", "2025-02"]


def test_fiscal_year_of_a_day():
    assert Period.fiscal_year_of(dt.date(2025, 3, 31)).code == "FY2024"
    assert Period.fiscal_year_of(dt.date(2025, 4, 1)).code == "FY2025"


@pytest.mark.parametrize("bad", ["2025-13", "FY24", "CY2025H3", "March 2025", ""])
def test_bad_codes_are_rejected(bad):
    with pytest.raises(PeriodError):
        Period.parse(bad)


@given(st.sampled_from(["month", "CY", "FY", "CYH", "FYH"]), st.integers(1950, 2090), st.integers(1, 12))
def test_code_round_trip(kind, year, idx):
    index = {"month": idx, "CY": 0, "FY": 0}.get(kind, 1 + idx % 2)
    p = Period(kind, year, index)
    assert Period.parse(p.code) == p
    assert p.contains(p.months()[0])
