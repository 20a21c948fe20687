"""Round trip (hypothesis): write amounts and percentages the ways news writes them, parse back."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.components.quantities import match_quantities, scan

SCALES = {"trillion": 10**12, "billion": 10**9, "million": 10**6}
SHORT = {"trillion": "tn", "billion": "bn", "million": "mn"}

# (template, canonical unit, takes a scale word); {n} is the number, {s} the scale, {t} its short form
AMOUNT_FORMATS = [
    ("¥{n} {s}", "JPY"),
    ("¥{n}{t}", "JPY"),
    ("{n} {s} yen", "JPY"),
    ("{n}-{s}-yen", "JPY"),
    ("JPY {n} {s}", "JPY"),
    ("${n} {s}", "USD"),
    ("${n} {t}", "USD"),
    ("US${n}{t}", "USD"),
    ("USD {n} {s}", "USD"),
    ("{n} {s} dollars", "USD"),
    ("{n} {s} U.S. dollars", "USD"),
]
PERCENT_FORMATS = ["{n}%", "{n} percent", "{n} per cent", "{n} pct"]
HEDGES = ["", "about ", "nearly ", "more than ", "some ", "just over ", "almost "]
FILLER = st.sampled_from(
    [
        "Exports rose to",
        "The surplus was",
        "a deficit of",
        "Japan's imports from China totalled",
        "up",
        "(",
        "In March,",
    ]
)


def decimals(max_int: int, places: int) -> st.SearchStrategy[Decimal]:
    return st.builds(
        lambda whole, frac, n: Decimal(f"{whole}.{frac:0{n}d}") if n else Decimal(whole),
        st.integers(0, max_int),
        st.integers(0, 10**places - 1),
        st.integers(0, places),
    ).filter(lambda d: d > 0)


def written(number: Decimal, commas: bool) -> str:
    return f"{number:,}" if commas else f"{number}"


def precision_of(number: Decimal, factor: int) -> float:
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    return float(Decimal(1).scaleb(exponent) * factor / 2)


@settings(max_examples=300, deadline=None)
@given(
    number=decimals(99_999, 4),
    commas=st.booleans(),
    scale=st.sampled_from(sorted(SCALES)),
    fmt=st.sampled_from(AMOUNT_FORMATS),
    hedge=st.sampled_from(HEDGES),
    before=FILLER,
)
def test_amounts_round_trip(
    number: Decimal, commas: bool, scale: str, fmt: tuple[str, str], hedge: str, before: str
) -> None:
    template, unit = fmt
    surface = hedge + template.format(n=written(number, commas), s=scale, t=SHORT[scale])
    text = f"{before} {surface} in fiscal 2024."
    (q,) = match_quantities(text)
    assert text[q.start : q.end] == q.text == surface
    assert q.unit == unit
    assert q.value == float(number * SCALES[scale])
    assert q.precision == precision_of(number, SCALES[scale])
    assert q.hedge == (hedge.strip() or None)
    assert q.written_value == written(number, commas)


@settings(max_examples=300, deadline=None)
@given(
    number=decimals(999, 2),
    fmt=st.sampled_from(PERCENT_FORMATS),
    negative=st.sampled_from(["", "-", "minus "]),
    hedge=st.sampled_from(HEDGES),
)
def test_percentages_round_trip(number: Decimal, fmt: str, negative: str, hedge: str) -> None:
    surface = hedge + negative + fmt.format(n=number)
    text = f"Exports changed {surface} year-on-year in March 2025."
    (q,) = match_quantities(text)
    assert text[q.start : q.end] == q.text == surface
    assert q.unit == "percent"
    assert q.negative == bool(negative)
    assert q.value == float(-number if negative else number)
    assert q.precision == precision_of(number, 1)


@settings(max_examples=200, deadline=None)
@given(yen=st.integers(1, 10**9), commas=st.booleans())
def test_plain_yen_amounts_round_trip(yen: int, commas: bool) -> None:
    surface = f"{yen:,} yen" if commas else f"{yen} yen"
    (q,) = match_quantities(f"The average wage was {surface}.")
    assert (q.text, q.value, q.unit, q.precision) == (surface, float(yen), "JPY", 0.5)


@settings(max_examples=100, deadline=None)
@given(year=st.integers(1900, 2100), month=st.sampled_from(["March", "April", "December"]))
def test_years_never_become_amounts(year: int, month: str) -> None:
    result = scan(f"in {month} {year}, the highest since {year}")
    assert result.quantities == ()
    assert [s.text for s in result.skipped] == [str(year), str(year)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-%$¥abcyen/:+")), max_size=40))
def test_every_digit_is_accounted_for(text: str) -> None:
    result = scan(text)
    spans = [(q.start, q.end) for q in result.quantities] + [
        (s.start, s.end) for s in result.skipped
    ]
    for q in result.quantities:
        assert text[q.start : q.end] == q.text
    for i, ch in enumerate(text):
        if ch.isdigit():
            assert any(a <= i < b for a, b in spans), (text, i)
