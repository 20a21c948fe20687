"""Quantity recognition: what must fire, what must not, offsets, and the spaCy component."""

from __future__ import annotations

import pytest
import spacy

from extractor.components.quantities import (
    REASON_ATTACHED,
    REASON_DATE,
    REASON_TIME,
    REASON_UNPARSED,
    REASON_YEAR,
    REASON_YEAR_RANGE,
    Skipped,
    match_quantities,
    scan,
    skipped_numbers,
)
from extractor.model import Quantity
from extractor.patterns import numbers as P

T, B, M = 1e12, 1e9, 1e6

# (text, surface, value, unit, precision)
MUST_FIRE = [
    ("¥9 trillion", "¥9 trillion", 9 * T, "JPY", 0.5 * T),
    ("9 trillion yen", "9 trillion yen", 9 * T, "JPY", 0.5 * T),
    ("¥9tn", "¥9tn", 9 * T, "JPY", 0.5 * T),
    ("JPY 9 trillion", "JPY 9 trillion", 9 * T, "JPY", 0.5 * T),
    ("a 5.2-trillion-yen deficit", "5.2-trillion-yen", 5.2 * T, "JPY", 0.05 * T),
    ("544.1 billion yen", "544.1 billion yen", 544.1 * B, "JPY", 0.05 * B),
    ("9,847.8 billion yen", "9,847.8 billion yen", 9847.8 * B, "JPY", 0.05 * B),
    ("108.9345 trillion yen", "108.9345 trillion yen", 108.9345 * T, "JPY", 0.00005 * T),
    ("79,083 yen", "79,083 yen", 79083, "JPY", 0.5),
    ("¥2.65 trillion", "¥2.65 trillion", 2.65 * T, "JPY", 0.005 * T),
    ("$63 billion", "$63 billion", 63 * B, "USD", 0.5 * B),
    ("US$63bn", "US$63bn", 63 * B, "USD", 0.5 * B),
    ("$63B", "$63B", 63 * B, "USD", 0.5 * B),
    ("USD 63 billion", "USD 63 billion", 63 * B, "USD", 0.5 * B),
    ("63 billion dollars", "63 billion dollars", 63 * B, "USD", 0.5 * B),
    ("63 billion U.S. dollars", "63 billion U.S. dollars", 63 * B, "USD", 0.5 * B),
    ("$4 billion", "$4 billion", 4 * B, "USD", 0.5 * B),
    ("$ 75 million", "$ 75 million", 75 * M, "USD", 0.5 * M),
    ("$94,000", "$94,000", 94000, "USD", 0.5),
    ("3.9 percent", "3.9 percent", 3.9, "percent", 0.05),
    ("3.9 per cent", "3.9 per cent", 3.9, "percent", 0.05),
    ("3.9%", "3.9%", 3.9, "percent", 0.05),
    ("52.9%", "52.9%", 52.9, "percent", 0.05),
    ("2%", "2%", 2, "percent", 0.5),
    ("up 0.4 percentage points", "0.4 percentage points", 0.4, "percentage_point", 0.05),
    ("down 1 pct point", "1 pct point", 1, "percentage_point", 0.5),
    ("2.9 times", "2.9 times", 2.9, "times", 0.05),
    ("a 3-fold rise", "3-fold", 3, "times", 0.5),
    ("152.60 yen per dollar", "152.60 yen per dollar", 152.6, "JPY_per_USD", 0.005),
    ("152.60 yen to the dollar", "152.60 yen to the dollar", 152.6, "JPY_per_USD", 0.005),
    ("¥142.6/$", "¥142.6/$", 142.6, "JPY_per_USD", 0.05),
    ("fourth", "fourth", 4, "count", 0.5),
    ("the 4th straight", "4th", 4, "count", 0.5),
    ("twenty-first", "twenty-first", 21, "count", 0.5),
    ("two", "two", 2, "count", 0.5),
    ("23 months", "23", 23, "count", 0.5),
    ("1.5 million cars", "1.5 million", 1.5 * M, "count", 0.05 * M),
    ("5兆2217億円", "5兆2217億円", 5.2217 * T, "JPY", 0.5e8),
    ("420 million euros", "420 million euros", 420 * M, "unknown", 0.5 * M),
    ("€5bn", "€5bn", 5 * B, "unknown", 0.5 * B),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit", "precision"), MUST_FIRE)
def test_must_fire(text: str, surface: str, value: float, unit: str, precision: float) -> None:
    (q,) = match_quantities(text)
    assert text[q.start : q.end] == q.text == surface
    assert q.value == pytest.approx(value, rel=1e-12)
    assert q.unit == unit
    assert q.precision == pytest.approx(precision, rel=1e-9)
    assert q.hedge is None and not q.negative


def test_written_value_and_unit_are_kept() -> None:
    (q,) = match_quantities("a surplus of ¥9.8tn")
    assert (q.written_value, q.written_unit) == ("9.8", "¥ tn")
    (q,) = match_quantities("9,847.8 billion yen")
    assert (q.written_value, q.written_unit) == ("9,847.8", "billion yen")
    (q,) = match_quantities("the fourth year")
    assert (q.written_value, q.written_unit) == ("fourth", "ordinal")


@pytest.mark.parametrize(
    ("text", "hedge", "surface"),
    [
        ("nearly 4%", "nearly", "nearly 4%"),
        ("about $4 billion", "about", "about $4 billion"),
        ("more than 10%", "more than", "more than 10%"),
        ("over 10%", "over", "over 10%"),
        ("just over ¥9 trillion", "just over", "just over ¥9 trillion"),
        ("some 9 trillion yen", "some", "some 9 trillion yen"),
        ("Almost 5%", "almost", "Almost 5%"),
        ("approx. 5%", "approximately", "approx. 5%"),
    ],
)
def test_hedges_attach_when_they_precede(text: str, hedge: str, surface: str) -> None:
    (q,) = match_quantities(text)
    assert (q.hedge, q.text) == (hedge, surface)


def test_hedge_does_not_attach_from_afar() -> None:
    (q,) = match_quantities("about the 4% rise")
    assert q.hedge is None and q.text == "4%"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("-1.3%", -1.3, "percent"),
        ("fell (-1.3%)", -1.3, "percent"),
        ("minus 1.3 percent", -1.3, "percent"),
        ("\u22121.3%", -1.3, "percent"),
        ("-$4 billion", -4 * B, "USD"),
    ],
)
def test_written_negatives(text: str, value: float, unit: str) -> None:
    (q,) = match_quantities(text)
    assert q.negative and q.value == pytest.approx(value) and q.unit == unit


def test_a_deficit_is_not_a_negative() -> None:
    (q,) = match_quantities("a deficit of 5.2 trillion yen")
    assert not q.negative and q.value > 0


def test_amount_with_conversion_gives_two_quantities() -> None:
    text = "a deficit of 5.2 trillion yen ($37 billion) in fiscal 2024"
    qs = match_quantities(text)
    assert [(q.text, q.unit) for q in qs] == [("5.2 trillion yen", "JPY"), ("$37 billion", "USD")]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("the highest since 1979", REASON_YEAR),
        ("in 2024", REASON_YEAR),
        ("March 2025", REASON_YEAR),
        ("on April 17", REASON_DATE),
        ("April 17th", REASON_DATE),
        ("17 April", REASON_DATE),
        ("at 8:50", REASON_TIME),
        ("fiscal 2024-25", REASON_YEAR_RANGE),
        ("FY2024", REASON_ATTACHED),
        ("H1", REASON_ATTACHED),
        ("COVID-19", REASON_ATTACHED),
        ("the 1990s", REASON_ATTACHED),
        ("192.168.1.2", REASON_UNPARSED),
        ("180.25ml", REASON_ATTACHED),
    ],
)
def test_must_not_fire_but_is_reported(text: str, reason: str) -> None:
    result = scan(text)
    assert result.quantities == ()
    assert result.skipped and {s.reason for s in result.skipped} == {reason}
    for s in result.skipped:
        assert text[s.start : s.end] == s.text


def test_a_year_with_a_unit_is_an_amount() -> None:
    (q,) = match_quantities("2024 yen")
    assert q.unit == "JPY" and q.value == 2024


def test_april_with_an_amount_is_not_a_date() -> None:
    (q,) = match_quantities("in April 9.8 trillion yen")
    assert q.value == pytest.approx(9.8 * T)


SENTENCE = (
    "Japan posted a trade deficit of 5.2 trillion yen ($37 billion) in fiscal 2024, the fourth "
    "consecutive year, as exports rose 3.9% to ¥9.8tn in March 2025 and the yen averaged 152.60 "
    "per dollar (April 17, 2025 release; FY2024 data; H1 figures; COVID-19; ¥142.6/$)."
)


def test_no_digit_is_dropped_silently() -> None:
    result = scan(SENTENCE)
    spans = [(q.start, q.end) for q in result.quantities] + [
        (s.start, s.end) for s in result.skipped
    ]
    for i, ch in enumerate(SENTENCE):
        if ch.isdigit():
            assert any(a <= i < b for a, b in spans), (
                f"digit at {i} dropped: {SENTENCE[i - 5 : i + 5]!r}"
            )


def test_offsets_and_order() -> None:
    qs = match_quantities(SENTENCE)
    assert all(SENTENCE[q.start : q.end] == q.text for q in qs)
    assert [q.start for q in qs] == sorted(q.start for q in qs)
    assert skipped_numbers(SENTENCE) == list(scan(SENTENCE).skipped)
    assert all(isinstance(s, Skipped) for s in skipped_numbers(SENTENCE))


def test_quantities_are_frozen_records() -> None:
    (q,) = match_quantities("3.9%")
    assert isinstance(q, Quantity)
    with pytest.raises(AttributeError):
        q.value = 4  # type: ignore[misc]


def test_empty_and_numberless_text() -> None:
    assert scan("").quantities == ()
    assert match_quantities("Exports rose sharply.") == []


def test_spacy_component_writes_spans_with_exact_quantities() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_quantities")
    doc = nlp(SENTENCE)
    spans = list(doc.spans["quantities"])
    assert [s._.quantity for s in spans] == match_quantities(SENTENCE)
    for span in spans:
        q = span._.quantity
        assert span.start_char <= q.start and q.end <= span.end_char
        assert span.label_ == q.unit
    reasons = {s.label_ for s in doc.spans["skipped_numbers"]}
    assert REASON_YEAR in reasons and REASON_DATE in reasons


def test_spacy_quantity_extension_is_none_for_other_spans() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_quantities")
    doc = nlp("up 3.9% in March")
    assert doc[0:2]._.quantity is None
    assert doc.spans["quantities"][0]._.quantity.value == 3.9


def test_two_quantities_inside_one_token_keep_their_own_records() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_quantities")
    text = "rate: ¥142.6/$ (3%/4%)"
    doc = nlp(text)
    assert [s._.quantity for s in doc.spans["quantities"]] == match_quantities(text)


def test_component_declares_what_it_assigns() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_quantities")
    meta = nlp.get_pipe_meta("extractor_quantities")
    assert meta.assigns == ["doc.spans"]


def test_a_long_text_finds_every_repetition() -> None:
    text = SENTENCE * 400  # about 90 kB: speed is measured in benchmarks/, never asserted here
    assert len(scan(text).quantities) == 400 * len(match_quantities(SENTENCE))


def test_a_percent_against_the_dollar_is_not_a_rate() -> None:
    (q,) = match_quantities("the yen depreciated by 6.1% against the dollar")
    assert (q.text, q.unit) == ("6.1%", "percent")


def _one(text: str) -> Quantity:
    found = match_quantities(text)
    assert len(found) == 1, (text, found)
    return found[0]


def test_every_spelling_in_the_pattern_tables_fires() -> None:
    """Each spelling of extractor/patterns/numbers.py has an example that must fire."""
    units = {"JPY": "JPY", "USD": "USD", "unknown": "unknown"}
    for spelling, code in P.CURRENCY_PREFIXES.items():
        q = _one(f"worth {spelling}5 billion")
        assert (q.unit, q.value) == (units[code], 5e9), spelling
    for spelling, code in P.CURRENCY_SUFFIXES.items():
        assert _one(f"worth 5 billion {spelling}").unit == units[code], spelling
    for spelling in P.SCALE_WORDS:
        assert _one(f"worth 5 {spelling} yen").value >= 5e3, spelling
    for spelling in P.SHORT_SCALES:
        assert _one(f"worth $5{spelling}").value >= 5e3, spelling
    for spelling in P.PERCENT_SUFFIXES:
        assert _one(f"up 5 {spelling}").unit == "percent", spelling
    for spelling in P.PERCENT_POINT_SUFFIXES:
        assert _one(f"up 5 {spelling}").unit == "percentage_point", spelling
    for spelling in P.TIMES_SUFFIXES:
        sep = "" if spelling in ("x", "-fold") else " "
        assert _one(f"up 5{sep}{spelling}").unit == "times", spelling
    for spelling in P.RATE_SUFFIXES:
        sep = "" if spelling.startswith("/") else " "
        assert _one(f"at 150 yen{sep}{spelling}").unit == "JPY_per_USD", spelling
    for spelling, canonical in P.HEDGES.items():
        assert _one(f"up {spelling} 5%").hedge == canonical, spelling
    for word, value in P.NUMBER_WORDS.items():
        assert _one(f"up {word} percent").value == value, word
    for word, value in P.ORDINAL_WORDS.items():
        assert _one(f"the {word} year").value == value, word
    for month in P.MONTHS:
        assert scan(f"on {month} 17").quantities == (), month
    for word in P.PRONOUN_ONE_AFTER:
        assert scan(f"{word} one").quantities == (), word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rose 3-4%", [("3", 3, "percent", 0.5), ("4%", 4, "percent", 0.5)]),
        ("2–3.5 percent", [("2", 2, "percent", 0.5), ("3.5 percent", 3.5, "percent", 0.05)]),
        (
            "3 to 4 trillion yen",
            [("3", 3 * T, "JPY", 0.5 * T), ("4 trillion yen", 4 * T, "JPY", 0.5 * T)],
        ),
        ("$3-4 billion", [("$3", 3 * B, "USD", 0.5 * B), ("4 billion", 4 * B, "USD", 0.5 * B)]),
        ("-3 to -4%", [("-3", -3, "percent", 0.5), ("-4%", -4, "percent", 0.5)]),
        ("pages 1-2", [("1", 1, "count", 0.5), ("2", 2, "count", 0.5)]),
    ],
)
def test_ranges_share_their_unit(text: str, expected: list[tuple[str, float, str, float]]) -> None:
    got = [(q.text, q.value, q.unit, q.precision) for q in match_quantities(text)]
    assert got == [(s, pytest.approx(v), u, pytest.approx(p)) for s, v, u, p in expected]
