"""The unit registry: news spellings, canonical units, scale words and the yen/dollar conversion."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.errors import ExtractorError
from extractor.units import (
    CANONICAL_UNITS,
    UnitError,
    convert_currency,
    normalize_unit,
    registry,
    scale_factor,
    to_canonical,
)

SPELLINGS = [
    # (number, written unit, canonical value, canonical unit)
    ("9", "trillion yen", Decimal("9e12"), "JPY"),
    ("9", "¥ tn", Decimal("9e12"), "JPY"),
    ("9", "JPY trillion", Decimal("9e12"), "JPY"),
    ("544.1", "billion yen", Decimal("544.1e9"), "JPY"),
    ("9,847.8", "billion yen", Decimal("9847.8e9"), "JPY"),
    ("79,083", "yen", Decimal("79083"), "JPY"),
    ("63", "$ billion", Decimal("63e9"), "USD"),
    ("63", "US$ bn", Decimal("63e9"), "USD"),
    ("63", "$ B", Decimal("63e9"), "USD"),
    ("63", "USD billion", Decimal("63e9"), "USD"),
    ("63", "billion dollars", Decimal("63e9"), "USD"),
    ("63", "billion U.S. dollars", Decimal("63e9"), "USD"),
    ("5", "$ mn", Decimal("5e6"), "USD"),
    ("3.9", "%", Decimal("3.9"), "percent"),
    ("3.9", "percent", Decimal("3.9"), "percent"),
    ("3.9", "per cent", Decimal("3.9"), "percent"),
    ("3.9", "per  cent", Decimal("3.9"), "percent"),
    ("1.2", "percentage points", Decimal("1.2"), "percentage_point"),
    ("0.5", "pct point", Decimal("0.5"), "percentage_point"),
    ("2.9", "times", Decimal("2.9"), "times"),
    ("152.60", "yen per dollar", Decimal("152.60"), "JPY_per_USD"),
    ("152.60", "yen to the dollar", Decimal("152.60"), "JPY_per_USD"),
    ("142.6", "¥ /$", Decimal("142.6"), "JPY_per_USD"),
    ("23", "", Decimal("23"), "count"),
    ("1.5", "million", Decimal("1.5e6"), "count"),
    ("420", "million euros", Decimal("420e6"), "unknown"),
]


@pytest.mark.parametrize(("number", "written", "value", "unit"), SPELLINGS)
def test_news_spellings_reach_the_canonical_unit(
    number: str, written: str, value: Decimal, unit: str
) -> None:
    assert to_canonical(number, written) == (value, unit)


def test_canonical_units_are_those_of_the_model() -> None:
    seen = {unit for *_, unit in SPELLINGS} - {"unknown"}
    assert seen == set(CANONICAL_UNITS)


def test_decimal_arithmetic_is_exact() -> None:
    # 108.9345 trillion is exactly 108934500000000, not 108934499999999.98
    value, _ = to_canonical("108.9345", "trillion yen")
    assert value == Decimal("108934500000000")
    assert float(to_canonical("9.8", "trillion yen")[0]) == 9.8e12


def test_normalize_unit_gives_a_pint_expression() -> None:
    assert normalize_unit("bn yen") == ("billion * JPY", "JPY")
    assert normalize_unit("per cent") == ("percent", "percent")
    assert normalize_unit("yen per dollar") == ("JPY / USD", "JPY_per_USD")
    assert normalize_unit("") == ("count", "count")


def test_scale_factor() -> None:
    assert scale_factor("trillion yen") == Decimal("1e12")
    assert scale_factor("%") == 1


@pytest.mark.parametrize("written", ["furlongs", "billion yen dollars", "dollars per dollar"])
def test_bad_units_raise_a_clear_error(written: str) -> None:
    with pytest.raises(UnitError) as info:
        to_canonical("1", written)
    assert isinstance(info.value, ExtractorError)
    assert repr(written) in str(info.value)


def test_not_a_number_raises() -> None:
    with pytest.raises(UnitError):
        to_canonical("nine", "yen")


def test_convert_currency_with_pint_context() -> None:
    assert convert_currency(63e9, "USD", "JPY", rate=142.857) == pytest.approx(8.999991e12)
    assert convert_currency(9e12, "JPY", "USD", rate=150) == pytest.approx(60e9)
    assert convert_currency(5, "USD", "USD", rate=150) == 5


def test_convert_currency_round_trips() -> None:
    there = convert_currency(37e9, "USD", "JPY", rate=152.6)
    assert convert_currency(there, "JPY", "USD", rate=152.6) == pytest.approx(37e9)


@pytest.mark.parametrize(
    ("value", "src", "dst", "rate"),
    [
        (1, "EUR", "JPY", 150),
        (1, "USD", "percent", 150),
        (1, "USD", "JPY", 0),
        (1, "USD", "JPY", -3),
    ],
)
def test_convert_currency_rejects_nonsense(value: float, src: str, dst: str, rate: float) -> None:
    with pytest.raises(UnitError):
        convert_currency(value, src, dst, rate=rate)


def test_registry_is_built_once() -> None:
    assert registry() is registry()
    ureg = registry()
    assert ureg.Quantity(Decimal(1), "trillion * JPY").to("JPY").magnitude == Decimal("1e12")
