"""Period phrases: every rule's examples, and resolution in context."""

from __future__ import annotations

import datetime as dt

import pytest
import regex

from extractor.components.periods_text import (
    PeriodContext,
    find_period_phrases,
    fiscal_reading,
    latest_full_fiscal_year,
    latest_month,
    period_rules,
    resolve_overlaps,
    resolve_period,
)
from extractor.patterns import periods_en
from extractor.periods import Period

APRIL = dt.date(2025, 4, 17)


def _rule_examples():
    rules = {r.id: r for r in period_rules("en")[0]}
    for data in periods_en.RULES:
        for s in data["match"]:
            yield rules[data["id"]], s, True
        for s in data.get("no_match", []):
            yield rules[data["id"]], s, False


@pytest.mark.parametrize("rule,example,fires", list(_rule_examples()), ids=lambda x: str(x)[:40])
def test_rule_examples(rule, example, fires):
    assert bool(rule.regex.fullmatch(example)) is fires


def test_every_rule_has_examples():
    for data in periods_en.RULES:
        assert data["match"], data["id"]


def one(text: str, ref: dt.date | None = APRIL, anchor: Period | None = None):
    phrases = [p for p in find_period_phrases(text) if p.kind != "date"]
    assert len(phrases) == 1, phrases
    p = phrases[0]
    assert text[p.start : p.end] == p.text
    return resolve_period(p, PeriodContext(ref=ref, anchor=anchor))


@pytest.mark.parametrize(
    "text,code",
    [
        ("Shipments climbed in March 2025.", "2025-03"),
        ("Shipments climbed in March.", "2025-03"),
        ("Shipments climbed in November.", "2024-11"),
        ("for the fiscal year ending March 2025", "FY2024"),
        ("for the fiscal year ending in March", "FY2024"),
        ("in fiscal 2023", "FY2023"),
        ("in FY2022", "FY2022"),
        ("in the fiscal year through March", "FY2024"),
        ("in the year to March 2024", "FY2023"),
        ("a tally for 2024", "CY2024"),
        ("for January-June 2025", "CY2025H1"),
        ("in the first half of 2025", "CY2025H1"),
        ("in the first half of fiscal 2025", "FY2025H1"),
        ("in April-September", "FY2024H1"),
        ("for the month of March alone", "2025-03"),
        ("last year", "CY2024"),
    ],
)
def test_resolution(text, code):
    assert one(text).period == Period.parse(code)


def test_year_from_context_without_publication_date():
    assert one("in March", ref=None, anchor=Period.fiscal_year(2024)).period == Period.month(
        2025, 3
    )
    r = one("in March", ref=None, anchor=None)
    assert r.period is None and r.notes and r.notes[0].startswith("period.year_unknown")


def test_relative_phrases_resolve_against_the_current_period():
    march = Period.month(2025, 3)
    assert one("in the same month last year", anchor=march).period == Period.month(2024, 3)
    assert one(
        "from the previous year's level", anchor=Period.calendar_year(2025)
    ).period == Period.calendar_year(2024)
    assert one("from the previous month", anchor=march).period == Period.month(2025, 2)
    assert one("the same month last year", anchor=None).period is None


def test_wrong_fiscal_definition_is_the_fiscal_year_meant_with_a_note():
    r = one("a gap for the March-April fiscal period")
    assert r.period == Period.fiscal_year(2024)
    assert r.notes == ("period.fiscal_definition: March-April",)


def test_dates_are_not_periods():
    phrases = find_period_phrases("Figures released on Thursday, April 17, 2025 and on May 2.")
    assert [p.kind for p in phrases] == ["date", "date"]


def test_years_after_since_and_by_are_not_periods():
    kinds = [
        p.kind
        for p in find_period_phrases("the highest since 1979, a goal for 2030 reached by 2030")
    ]
    assert kinds == ["year"]  # only "for 2030"


def test_may_needs_a_preposition():
    assert [p.text for p in find_period_phrases("Officials May act. Exports fell in May.")] == [
        "May"
    ]


def test_fiscal_reading_of_a_bare_year():
    text = "The 2024 trade statistics released on April 17 showed a deficit."
    p = find_period_phrases(text)[0]
    assert fiscal_reading(p, text, None)
    assert fiscal_reading(p, text, dt.date(2025, 4, 18))
    assert not fiscal_reading(p, text, dt.date(2025, 1, 23))
    other = "Exports in 2024 rose."
    assert not fiscal_reading(find_period_phrases(other)[0], other, dt.date(2025, 4, 18))


def test_helpers():
    assert latest_month(4, APRIL) == Period.month(2025, 4)
    assert latest_month(5, APRIL) == Period.month(2024, 5)
    assert latest_full_fiscal_year(APRIL) == Period.fiscal_year(2024)
    assert latest_full_fiscal_year(dt.date(2025, 3, 30)) == Period.fiscal_year(2023)


def test_resolve_overlaps_keeps_the_longest():
    class It:
        def __init__(self, s, e):
            self.start, self.end = s, e

    kept = resolve_overlaps([It(0, 5), It(0, 10), It(8, 12), It(12, 14)])
    assert [(i.start, i.end) for i in kept] == [(0, 10), (12, 14)]


def test_no_patterns_for_unknown_language():
    from extractor.errors import PeriodError

    with pytest.raises(PeriodError):
        period_rules("xx")


def test_phrase_offsets_are_exact():
    text = "In fiscal 2024 and in the year to March 2025, versus January-June."
    for p in find_period_phrases(text):
        assert text[p.start : p.end] == p.text
        assert regex.search(r"\w", p.text)


@pytest.mark.parametrize(
    "text,ref,code",
    [
        ("From July to December, the deficit shrank.", dt.date(2026, 1, 23), "CY2025H2"),
        ("From April through September, the surplus grew.", dt.date(2025, 10, 23), "FY2025H1"),
        ("In the six months to September, exports rose.", dt.date(2025, 10, 23), "FY2025H1"),
        ("In the six months to March, exports rose.", dt.date(2025, 4, 23), "FY2024H2"),
        ("Halfway through the fiscal year, exports rose.", dt.date(2025, 10, 23), "FY2025H1"),
        ("In the first six months of the year the gap was big.", dt.date(2026, 1, 23), "CY2025H1"),
    ],
)
def test_ranges_and_halves_in_words(text, ref, code):
    assert one(text, ref=ref).period.code == code


def test_a_point_in_time_is_not_a_period():
    phrases = find_period_phrases("The June figures, revised at the end of July, showed")
    assert [(p.text, p.kind) for p in phrases] == [
        ("June", "month"),
        ("at the end of July", "date"),
    ]


def test_a_misdefined_fiscal_half_is_flagged_and_a_correct_one_is_not():
    ref = dt.date(2025, 10, 23)
    wrong = one("the January-to-June first fiscal half", ref=ref)
    assert wrong.period.code == "FY2025H1"
    assert wrong.notes == ("period.fiscal_definition: January-June",)
    right = one("the April-September first fiscal half", ref=ref)
    assert right.period.code == "FY2025H1" and right.notes == ()


def test_a_rise_from_one_month_to_another_is_not_a_range():
    phrases = find_period_phrases("Exports rose 5% from January to June levels.")
    assert all(p.kind != "month_range" for p in phrases)


@pytest.mark.parametrize(
    "text",
    [
        "Exports rose in the April-June quarter of 2025.",
        "Exports rose in the second quarter of 2025.",
        "Exports rose in Q2 2025.",
        "Exports rose in the three months to June 2025.",
        "Exports rose from April to June 2025.",
        "Exports rose between April and June 2025.",
        "Exports rose 5% from January to June 2025.",  # a change between two months, or H1
        "The deficit widened from February to April.",
    ],
)
def test_a_quarter_or_a_span_of_months_is_no_period_mof_prints(text):
    r = one(text, ref=dt.date(2025, 8, 20))
    assert r.period is None and r.notes[0].startswith("period.unsupported: ")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The deficit widened from March to April.", "2025-04"),
        ("Exports fell between December and January.", "2025-01"),
        ("Exports fell from March to April 2024.", "2024-04"),
    ],
)
def test_a_month_and_the_next_are_the_later_months_change(text, code):
    r = one(text, ref=dt.date(2025, 8, 20))
    assert r.period.code == code and r.notes[0].startswith("period.from_previous_month: ")


def test_between_the_months_of_a_half_is_that_half():
    assert one("between January and June 2025", ref=dt.date(2025, 8, 20)).period.code == "CY2025H1"
