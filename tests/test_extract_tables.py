"""Tables and bullet lists whose unit is in a header: the cells are claims in that unit."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.components.tables import header_unit, table_quantities
from extractor.extract import extract_claims
from extractor.model import Quantity

PUB = dt.date(2025, 12, 17)
TABLE = """Japan's exports by destination, November 2025

Exports, ¥ billion, and change on a year earlier in %

| Destination | ¥ billion | y/y % |
|---|---|---|
| World | 9,710.0 | 6.1 |
| China | 1,622.2 | -2.4 |
"""
BULLETS = """Japan's imports, November 2025

Imports (billion yen, change on a year earlier):

- World: 9,392.4 (+1.3%)
- China: 2,400.1 (+2.3%)
"""


@pytest.mark.parametrize(
    "text,unit,scale",
    [
        ("¥ billion", "JPY", 1e9),
        ("Value, ¥bn", "JPY", 1e9),
        ("(billion yen, change on a year earlier)", "JPY", 1e9),
        ("US$ million", "USD", 1e6),
        ("y/y %", "percent", 1.0),
    ],
)
def test_header_units(text, unit, scale):
    u = header_unit(text)
    assert u is not None and (u.unit, u.scale) == (unit, scale)


def test_a_header_without_a_unit_gives_none():
    assert header_unit("Destination") is None


def _by_text(claims):
    return {c.text: c for c in claims}


def test_table_cells_are_claims_with_row_partner_and_column_unit():
    claims = _by_text(extract_claims(TABLE, PUB))
    world, china, change = claims["9,710.0"], claims["1,622.2"], claims["-2.4"]
    assert (world.kind, world.metric, world.partner) == ("level", "exports", "World")
    assert world.normalized.value == pytest.approx(9.71e12) and world.normalized.unit == "JPY"
    assert world.period.code == "2025-11"
    assert (china.partner, china.normalized.value) == ("China", pytest.approx(1.6222e12))
    assert (change.kind, change.partner, change.normalized.value) == ("change", "China", -2.4)
    assert TABLE[world.start : world.end] == "9,710.0"


def test_bullet_cells_take_the_caption_unit():
    claims = _by_text(extract_claims(BULLETS, PUB))
    c = claims["2,400.1"]
    assert (c.kind, c.metric, c.partner) == ("level", "imports", "China")
    assert c.normalized.value == pytest.approx(2.4001e12)
    assert claims["2.3%"].partner == "China"


def test_numbers_outside_unit_headed_blocks_stay_counts():
    text = "| Year | Ships |\n|---|---|\n| 2024 | 1,200 |\n\n- Ports: 12\n"
    q = Quantity("1,200", text.index("1,200"), text.index("1,200") + 5, 1200.0, "count",
                 "1,200", "", 0.5)  # fmt: skip
    assert table_quantities(text, [q]) == [q]


# -- amounts whose currency is implicit ------------------------------------------------------


def test_a_scaled_amount_among_yen_amounts_is_yen():
    text = "Exports topped 100 trillion in 2023, while imports were 110.2 trillion yen."
    c = _by_text(extract_claims(text, dt.date(2024, 5, 1)))["100 trillion"]
    assert (c.kind, c.metric, c.hedge) == ("level", "exports", "more than")
    assert c.normalized.unit == "JPY" and c.normalized.value == 1e14


def test_a_scaled_amount_with_no_currency_around_is_not_a_claim():
    text = "Exports topped 100 trillion in 2023."
    assert "100 trillion" not in _by_text(extract_claims(text, dt.date(2024, 5, 1)))


def test_a_fiscal_year_streak():
    text = "Japan logged its third consecutive fiscal-year deficit in fiscal 2023."
    (c,) = [c for c in extract_claims(text, dt.date(2024, 5, 1)) if c.kind == "streak"]
    assert (c.streak.count, c.streak.unit, c.streak.condition) == (3, "year", "deficit")
    assert c.period.code == "FY2023"


FISCAL = """Japan's trade, fiscal years (April to March), trillion yen unless stated

| | FY2021 | FY2022 | change, % |
|---|---|---|---|
| Exports | 85.88 | 99.23 | 15.5 |
| Balance | -5.37 | -2.173 | |
| Yen per dollar, average | 111.91 | 135.05 | |
"""


def test_period_columns_caption_units_and_rate_rows():
    claims = _by_text(extract_claims(FISCAL, dt.date(2023, 4, 20)))
    old, new = claims["85.88"], claims["99.23"]
    assert (old.metric, old.period.code, old.normalized.value) == ("exports", "FY2021", 85.88e12)
    assert new.period.code == "FY2022" and "attr.period:stated" in new.notes
    assert claims["15.5"].kind == "change"
    bal = claims["-2.173"]
    assert (bal.metric, bal.period.code) == ("balance", "FY2022")
    assert bal.normalized.value == pytest.approx(-2.173e12)
    rate = claims["135.05"]
    assert (rate.kind, rate.metric, rate.period.code) == ("rate", "usd_jpy_rate", "FY2022")


def test_a_relative_column_header_is_not_the_cells_period():
    text = (
        "Exports, December 2025\n\n| Destination | Exports | Change on a year earlier |\n"
        "|---|---|---|\n| China | 1,811.5 billion yen | +5.6% |\n"
    )
    (c,) = [c for c in extract_claims(text, dt.date(2026, 1, 23)) if c.kind == "change"]
    assert c.period.code == "2025-12"
