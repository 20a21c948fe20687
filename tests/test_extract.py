"""extract_claims on sentences written in the spirit of the seed articles (our own wording)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.errors import InputError
from extractor.extract import extract_claims, extract_doc
from extractor.model import Record, Streak
from extractor.nlp import PIPELINE, build_nlp, paragraphs
from extractor.periods import Period

PUB = dt.date(2025, 4, 17)


def claims(text: str, published: dt.date | None = PUB):
    out = extract_claims(text, published)
    for c in out:
        assert text[c.start : c.end] == c.text
        assert c.sentence is not None and c.sentence[0] <= c.start < c.end <= c.sentence[1]
    assert [c.start for c in out] == sorted(c.start for c in out)
    return out


def find(cs, text, kind=None, metric=None):
    hits = [
        c
        for c in cs
        if c.text == text
        and (kind is None or c.kind == kind)
        and (metric is None or c.metric == metric)
    ]
    assert len(hits) == 1, [(c.text, c.kind, c.metric) for c in cs]
    return hits[0]


def test_direction_and_two_levels_each_on_their_own_words():
    cs = claims(
        "Japan's surplus with the United States jumped to 8 trillion yen ($56 billion) "
        "in the fiscal year ending March 2025."
    )
    assert [(c.text, c.kind) for c in cs] == [
        ("jumped", "direction"),
        ("8 trillion yen", "level"),
        ("$56 billion", "level"),
    ]
    for c in cs:
        assert (c.metric, c.partner, c.period) == (
            "balance",
            "United States",
            Period.fiscal_year(2024),
        )
    assert (
        cs[0].direction == "up"
        and cs[1].normalized.value == 8e12
        and cs[2].normalized.unit == "USD"
    )


def test_a_deficit_of_is_negative():
    cs = claims("Japan posted a trade deficit of 4.1 trillion yen for fiscal 2023.")
    c = find(cs, "4.1 trillion yen")
    assert (c.metric, c.sign, c.normalized.value, c.period) == (
        "balance",
        "deficit",
        -4.1e12,
        Period.fiscal_year(2023),
    )


@pytest.mark.parametrize(
    "sentence,text,value,direction",
    [
        ("The deficit shrank 44% in 2024.", "44%", -44.0, "up"),
        ("The deficit widened 12% in 2024.", "12%", 12.0, "down"),
        ("The surplus narrowed 3% in 2024.", "3%", -3.0, "down"),
        ("Imports fell 1.3% in 2024.", "1.3%", -1.3, "down"),
        ("Exports were up 2.4% year-on-year in 2024.", "2.4%", 2.4, "up"),
        ("It marked a 21.5% increase in exports in 2024.", "21.5%", 21.5, "up"),
    ],
)
def test_change_signs(sentence, text, value, direction):
    c = find(claims(sentence), text)
    assert (c.kind, c.normalized.value, c.direction, c.basis) == ("change", value, direction, "yoy")


def test_narrowing_deficit_is_a_rising_balance():
    cs = claims("Economists pointed to a narrowing deficit in 2024.")
    c = find(cs, "narrowing")
    assert (c.kind, c.metric, c.direction, c.sign) == ("direction", "balance", "up", "deficit")


def test_red_and_black_and_shortfall_are_signs():
    cs = claims(
        "Trade stayed in the red at 1.2 trillion yen in 2023, after a 0.9 trillion yen shortfall in 2022."
    )
    assert find(cs, "1.2 trillion yen").sign == "deficit"
    c = find(cs, "0.9 trillion yen")
    assert (
        c.sign == "deficit"
        and c.normalized.value == -0.9e12
        and c.period == Period.calendar_year(2022)
    )


def test_month_on_month_basis():
    c = find(claims("Exports rose 1.1% from the previous month in March 2025."), "1.1%")
    assert c.basis == "mom" and c.period == Period.month(2025, 3)


def test_same_month_last_year_is_a_level_for_the_month_a_year_earlier():
    cs = claims(
        "In February 2025, the surplus was 590.5 billion yen, up from 410.2 billion yen "
        "in the same month last year."
    )
    assert find(cs, "590.5 billion yen").period == Period.month(2025, 2)
    assert find(cs, "410.2 billion yen").period == Period.month(2024, 2)
    assert find(cs, "up").kind == "direction"


def test_year_earlier_after_from_is_the_base_of_a_change():
    c = find(
        claims("In March 2025 the surplus grew 18.5% over the same period last year."), "18.5%"
    )
    assert c.period == Period.month(2025, 3) and c.basis == "yoy"


def test_previous_years_level():
    cs = claims("In 2025 the deficit fell 40.1% from the previous year's ¥5.63 trillion shortfall.")
    assert find(cs, "¥5.63 trillion").period == Period.calendar_year(2024)
    assert find(cs, "40.1%").period == Period.calendar_year(2025)


def test_period_inheritance_and_headline_from_body():
    text = (
        "Surplus hits record\n"
        "Exports rose 4.4% in fiscal 2024. Imports rose 2.1%.\n"
        "For the month of March alone, exports climbed 1.8%."
    )
    cs = claims(text)
    assert find(cs, "record").period == Period.fiscal_year(2024)
    assert find(cs, "2.1%").period == Period.fiscal_year(2024)
    assert find(cs, "1.8%").period == Period.month(2025, 3)


def test_in_march_without_publication_date_uses_the_article_period():
    cs = claims("Exports rose 4.4% in fiscal 2024. In March, exports climbed 1.8%.", published=None)
    assert find(cs, "1.8%").period == Period.month(2025, 3)


def test_excluded_sentences_do_not_move_the_current_period():
    text = (
        "Exports reached 100 trillion yen in 2025. A 25% tariff on cars started in April 2025.\n"
        "Meanwhile the surplus with the US shrank by 9%."
    )
    cs = claims(text, dt.date(2026, 1, 23))
    assert find(cs, "25%").excluded == "tariff"
    assert find(cs, "9%").period == Period.calendar_year(2025)


def test_wrong_fiscal_definition_is_a_claim_with_a_note():
    cs = claims("The ministry reported an overall deficit for the March-April fiscal year.")
    c = find(cs, "March-April fiscal year")
    assert c.notes[0] == "period.fiscal_definition: March-April"
    assert c.period == Period.fiscal_year(2024) and c.metric == "balance" and c.sign == "deficit"


@pytest.mark.parametrize(
    "sentence,text,record",
    [
        ("Exports hit a record high in 2024.", "record high", Record("high")),
        (
            "Imports were the highest since 1985 in 2024.",
            "highest since 1985",
            Record("high", since=1985),
        ),
        (
            "Exports reached a four-month high in March 2025.",
            "four-month high",
            Record("high", window=4, window_unit="month"),
        ),
        ("Exports touched an all-time peak in 2024.", "all-time peak", Record("high")),
        ("Japan posted a record $70B deficit in 2024.", "record", Record("low")),
        (
            "The surplus was the largest in 12 years in 2024.",
            "largest in 12 years",
            Record("high", window=12, window_unit="year"),
        ),
    ],
)
def test_records(sentence, text, record):
    c = find(claims(sentence), text, kind="record")
    assert c.record == record and c.metric in ("exports", "imports", "balance")


def test_plural_record_applies_to_both_flows():
    cs = claims("Both exports and imports with Vietnam hit record highs in 2024.")
    recs = [c for c in cs if c.kind == "record"]
    assert sorted(c.metric for c in recs) == ["exports", "imports"]
    assert all(c.partner == "Vietnam" for c in recs)


@pytest.mark.parametrize(
    "sentence,text,streak,metric",
    [
        (
            "It was the third consecutive year of deficits in 2024.",
            "third consecutive year",
            Streak(3, "year", "deficit"),
            "balance",
        ),
        (
            "Exports rose 2% in March 2025, a seventh straight month of growth.",
            "seventh straight month",
            Streak(7, "month", "up"),
            "exports",
        ),
        (
            "The deficit was a fifth straight year in the red in 2024.",
            "fifth straight year",
            Streak(5, "year", "deficit"),
            "balance",
        ),
        (
            "Imports fell for the first time in six months in March 2025.",
            "the first time in six months",
            Streak(6, "month", "down", first=True),
            "imports",
        ),
        (
            "Japan had a surplus for three consecutive months in March 2025.",
            "three consecutive months",
            Streak(3, "month", "surplus"),
            "balance",
        ),
    ],
)
def test_streaks(sentence, text, streak, metric):
    c = find(claims(sentence), text, kind="streak")
    assert c.streak == streak and c.metric == metric
    assert c.normalized.value == streak.count and c.normalized.unit == "count"


def test_ranking_streak_is_excluded():
    c = find(
        claims("China was the largest export market for four consecutive years in 2024."),
        "four consecutive years",
    )
    assert c.excluded == "ranking" and c.streak is None


@pytest.mark.parametrize(
    "sentence,text,reason",
    [
        ("Washington set a 30% tariff on imports from Japan.", "30%", "tariff"),
        ("Steel faces 50% duties, while a 15% levy covers other goods.", "15%", "tariff"),
        (
            "Exports rose 2.1%, below the 3.3% economists had expected in March 2025.",
            "3.3%",
            "forecast",
        ),
        (
            "Analysts projected 1.9 percent growth in exports in March 2025.",
            "1.9 percent",
            "forecast",
        ),
        ("The consensus anticipated a 2.8 percent increase in imports.", "2.8 percent", "forecast"),
        ("The Nikkei stock index rose 1.4% on exports optimism.", "1.4%", "stock_index"),
        ("The digital deficit reached ¥7.1 trillion in 2024.", "¥7.1 trillion", "services"),
        ("Car exports to the US fell 11.2% in May 2025.", "11.2%", "commodity"),
        ("The plan aims to lift farm exports to ¥5 trillion by 2030.", "¥5 trillion", "target"),
        ("China's exports rose 5.4% in March 2025.", "5.4%", "other_country"),
        ("Vietnam's exports rose 5.4% in March 2025.", "5.4%", "other_country"),
        ("The U.S.'s trade deficit widened 5.4% in March 2025.", "5.4%", "other_country"),
        ("Toyota's exports to the US fell 5.4% in March 2025.", "5.4%", "company"),
        ("Japan Tobacco's overseas sales rose 5.4% in March 2025.", "5.4%", "company"),
        ("The company's exports rose 5.4% in March 2025.", "5.4%", "company"),
        (
            "Honda assumes a rate of 145 yen to the dollar for the year.",
            "145 yen to the dollar",
            "forecast",
        ),
    ],
)
def test_exclusions(sentence, text, reason):
    assert find(claims(sentence), text).excluded == reason


def test_exclusion_does_not_leak_to_the_actual_figure():
    cs = claims("Exports rose 2.1% in March 2025, below the 3.3% economists had expected.")
    assert find(cs, "2.1%").excluded is None and find(cs, "3.3%").excluded == "forecast"


def test_commodity_words_after_the_claim_do_not_exclude_it():
    c = find(claims("Overall exports rose 5.9% in fiscal 2024, helped by cars and chips."), "5.9%")
    assert c.excluded is None and c.partner == "World"


def test_halved():
    c = find(claims("The trade deficit nearly halved in 2025."), "nearly halved")
    assert (c.kind, c.normalized.value, c.hedge, c.direction) == ("change", -50.0, "nearly", "up")


def test_negated_and_noun_directions_are_not_claims():
    cs = claims("Exports have not grown much in 2025. Export increases were modest in 2025.")
    assert [c for c in cs if c.kind == "direction"] == []


def test_fell_short_is_not_a_direction():
    cs = claims("Exports fell short of forecasts in March 2025.")
    assert [c for c in cs if c.kind == "direction"] == []


def test_same_figure_later_keeps_its_partner():
    text = (
        "Japan ran a surplus of $58 billion with the United States in fiscal 2024.\n\n"
        "The $58 billion surplus will be discussed in the talks."
    )
    cs = claims(text)
    later = [c for c in cs if c.text == "$58 billion"][1]
    assert later.partner == "United States" and "attribution.same_figure" in later.notes


def test_counts_are_not_claims():
    assert claims("A 90-day pause was agreed. I agree 0. I disagree 0.") == []


def test_empty_and_bad_input():
    assert extract_claims("   ") == []
    with pytest.raises(InputError):
        extract_claims(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        extract_doc("Exports rose 2%.", published="2025-04-17")  # type: ignore[arg-type]


def test_pipeline_order_and_cache():
    nlp = build_nlp("en")
    assert tuple(nlp.pipe_names) == PIPELINE
    assert build_nlp("en") is nlp


def test_sentences_and_paragraphs():
    doc = extract_doc("Headline without a stop\nFirst one. Second one!\n\nThird (U.S.) one.")
    got = [(doc.text[s:e], p) for s, e, p in paragraphs(doc)]
    assert got == [
        ("Headline without a stop", 0),
        ("First one.", 1),
        ("Second one!", 1),
        ("Third (U.S.) one.", 2),
    ]


FRAGMENTS = [
    "Exports rose 3.9% to ¥9.8 trillion",
    "in March 2025",
    "the deficit narrowed",
    "(US$63 bn)",
    "a record high",
    "for the sixth straight month",
    "with the U.S.",
    ", while imports fell 2%",
    "in the same month last year",
    "economists had forecast 4.5%",
    "a 25% tariff",
    "—",
    "\n\n",
    "the March-April fiscal year",
    "It exceeded 100 trillion yen for two consecutive years",
    "the first deficit in 23 months",
    "Nikkei",
    "halved",
    "up from 349.9 billion yen",
    ".",
    "!",
    "“quoted.”",
    "fiscal 2024",
    "the year to March",
    "January-June",
    "  ",
    "I agree 0",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14), st.sampled_from([None, PUB]))
def test_any_mix_of_phrases_gives_exact_offsets(parts, published):
    text = " ".join(parts)
    for c in extract_claims(text, published):
        assert text[c.start : c.end] == c.text
        assert c.kind in ("level", "change", "direction", "record", "streak", "share", "rate")
        assert c.partner and c.metric in ("exports", "imports", "balance", "usd_jpy_rate", "other")


# -- behaviours learnt from the annotated corpus (our own sentences) ---------------------------


def test_base_of_a_comparison_is_not_the_period():
    cs = claims(
        "Exports totalled 8.1 trillion yen in July 2024, an increase of 4.4% on July 2023. "
        "Imports rose 1.9%.",
        dt.date(2024, 8, 20),
    )
    assert find(cs, "4.4%").period == Period.month(2024, 7)
    assert find(cs, "1.9%").period == Period.month(2024, 7)  # the base did not move the period


def test_level_of_the_base_keeps_its_own_period():
    cs = claims(
        "In November 2024 exports rose 3.1% to 9.2 trillion yen, from 8.9 trillion yen "
        "in November 2023, while imports fell 2%.",
        dt.date(2024, 12, 20),
    )
    assert find(cs, "8.9 trillion yen").period == Period.month(2023, 11)
    assert find(cs, "2%").period == Period.month(2024, 11)


def test_smaller_than_is_a_fall_in_size():
    cs = claims(
        "The 2025 deficit of 2.1 trillion yen was 41.2% smaller than in 2024.", dt.date(2026, 1, 25)
    )
    c = find(cs, "41.2%")
    assert (c.normalized.value, c.direction, c.period) == (-41.2, "up", Period.calendar_year(2025))


def test_gerund_and_comma_by():
    cs = claims(
        "Exports slid for a second month in June 2025, slipping 0.6%. "
        "Imports dropped even more, by 4.2%.",
        dt.date(2025, 7, 20),
    )
    assert find(cs, "0.6%").normalized.value == -0.6
    assert find(cs, "4.2%").normalized.value == -4.2


@pytest.mark.parametrize(
    "sentence,text,streak",
    [
        (
            "In fiscal 2024 the deficit was the third consecutive fiscal year of deficit.",
            "third consecutive fiscal year",
            Streak(3, "year", "deficit"),
        ),
        (
            "Exports rose in May 2025, the fifth month in a row.",
            "fifth month in a row",
            Streak(5, "month", "up"),
        ),
        (
            "Exports rose 1% in May 2025, a ninth consecutive monthly increase.",
            "ninth consecutive monthly increase",
            Streak(9, "month", "up"),
        ),
        (
            "Japan logged a deficit in 2024, its second straight annual deficit.",
            "second straight annual deficit",
            Streak(2, "year", "deficit"),
        ),
    ],
)
def test_more_streak_forms(sentence, text, streak):
    assert find(claims(sentence, dt.date(2025, 6, 20)), text, kind="streak").streak == streak


def test_bare_record_and_on_record():
    cs = claims(
        "Imports rose 9% in 2024 to 112 trillion yen, a record. The deficit was the "
        "largest on record in 2022.",
        dt.date(2025, 1, 25),
    )
    assert find(cs, "record", kind="record").metric == "imports"
    c = find(cs, "largest on record", kind="record")
    assert c.metric == "balance" and c.record == Record("low")


def test_threshold_is_a_level_with_a_hedge():
    cs = claims(
        "Exports topped 100 trillion yen for a second straight year in 2024.", dt.date(2025, 1, 25)
    )
    assert find(cs, "100 trillion yen").hedge == "more than"
    assert find(cs, "second straight year", kind="streak").streak.condition == "above"


def test_tariff_word_elsewhere_does_not_exclude_a_trade_change():
    cs = claims("Exports to the US fell 4.1% in 2025 as US tariffs hit cars.", dt.date(2026, 1, 25))
    assert find(cs, "4.1%").excluded is None


def test_unfinished_period_is_a_forecast():
    c = find(
        claims(
            "Looking ahead, the deficit may reach 3 trillion yen in 2026.", dt.date(2026, 1, 25)
        ),
        "3 trillion yen",
    )
    assert c.excluded == "forecast"


def test_stock_index_only_in_its_clause():
    cs = claims(
        "Tokyo shares rose, with the benchmark index closing up 0.4%, after exports fell 0.2% "
        "in August 2025.",
        dt.date(2025, 9, 17),
    )
    assert find(cs, "0.4%").excluded == "stock_index" and find(cs, "0.2%").excluded is None


def test_half_and_month_last_year():
    cs = claims(
        "Exports rose 2% in June 2024 from 9.0 trillion yen in June last year. For the first "
        "half of the year, the deficit came to 3.2 trillion yen.",
        dt.date(2024, 7, 18),
    )
    assert find(cs, "9.0 trillion yen").period == Period.month(2023, 6)
    assert find(cs, "3.2 trillion yen").period == Period.half("CY", 2024, 1)


# -- background sentences do not carry their period -----------------------------------------

BG_PUB = dt.date(2024, 8, 21)


def _find(claims, surface):
    found = [c for c in claims if c.text == surface]
    assert found, [c.text for c in claims]
    return found[0]


@pytest.mark.parametrize(
    "background",
    [
        "The June figures, revised at the end of July, showed a surplus of 224 billion yen.",
        "Every June the ministry reports a surplus of 224 billion yen.",
        "In June the balance had been a surplus of 224 billion yen.",
    ],
)
def test_a_background_period_holds_only_in_its_sentence(background):
    text = f"Japan's exports rose 10.3% in July 2024.\n\n{background}\n\nImports from China rose 20.8%."
    claims = extract_claims(text, BG_PUB)
    assert _find(claims, "224 billion yen").period.code == "2024-06"
    after = _find(claims, "20.8%")
    assert after.period.code == "2024-07"
    assert "attr.period:inherited" in after.notes


def test_a_foreground_period_still_carries():
    text = "Exports rose 10.3% in July 2024.\n\nIn June exports rose 5.4%.\n\nImports rose 2%."
    assert _find(extract_claims(text, BG_PUB), "2%").period.code == "2024-06"


def test_over_the_second_half_opens_the_sentence_and_is_its_period():
    text = (
        "In the first half of 2025 the gap had been 2.2 trillion yen.\n\n"
        "Over the second half, Taiwan bought 14.6% more Japanese goods."
    )
    c = _find(extract_claims(text, dt.date(2026, 1, 23)), "14.6%")
    assert (c.period.code, c.metric, c.partner) == ("CY2025H2", "exports", "Taiwan")


def test_the_previous_fiscal_years_deficit_is_the_sentences_period():
    text = (
        "Japan posted a deficit of 5.9 trillion yen in fiscal 2023. For context: the previous "
        "fiscal year's deficit, 21.73 trillion yen, was the largest on record."
    )
    claims = extract_claims(text, dt.date(2024, 4, 17))
    assert _find(claims, "21.73 trillion yen").period.code == "FY2022"
    assert _find(claims, "largest on record").period.code == "FY2022"


def test_when_it_stood_at_is_the_base_period():
    text = (
        "Japan posted a deficit of 1.4 trillion yen in fiscal 2025. The gap was trimmed by 72.7% "
        "from the year before, when it stood at 5.3 trillion yen."
    )
    claims = extract_claims(text, dt.date(2026, 4, 22))
    assert _find(claims, "5.3 trillion yen").period.code == "FY2024"
    assert _find(claims, "72.7%").period.code == "FY2025"


def test_pluperfect_history_does_not_carry():
    text = (
        "Japan ran a deficit of 1.4 trillion yen in fiscal 2025.\n\nSome history puts this in "
        "perspective. In fiscal 2022 the deficit had swelled to some 22 trillion yen.\n\n"
        "The surplus with the United States for the year was 7.07 trillion yen."
    )
    claims = extract_claims(text, dt.date(2026, 4, 22))
    assert _find(claims, "some 22 trillion yen").period.code == "FY2022"
    assert _find(claims, "7.07 trillion yen").period.code == "FY2025"


def test_an_opening_relative_period_is_the_sentences():
    text = (
        "Japan ran a deficit of 1.1 trillion yen in the first half of 2026. A year ago the "
        "deficit was 2.34 trillion yen."
    )
    c = _find(extract_claims(text, dt.date(2026, 7, 22)), "2.34 trillion yen")
    assert c.period.code == "CY2025H1" and "attr.period:stated" in c.notes


def test_a_misdefined_half_is_the_half_the_article_is_about():
    text = (
        "Exports rose 3% in the first half of 2026. Calling this the January-June first half "
        "of the fiscal year misses the point."
    )
    (c,) = [c for c in extract_claims(text, dt.date(2026, 7, 22)) if "fiscal year" in c.text]
    assert c.period.code == "CY2026H1"
    assert "period.fiscal_definition: January-June" in c.notes


def test_japan_bought_from_a_partner_is_imports():
    text = "Q: And the Middle East?\n\nA: Japan bought 1.21 trillion yen of goods from the Mideast in January 2025."
    c = _find(extract_claims(text, dt.date(2025, 2, 19)), "1.21 trillion yen")
    assert (c.metric, c.partner) == ("imports", "Middle East")


def test_percentage_points_are_a_change_of_a_rate_not_a_percent_change() -> None:
    """ "Its share fell 0.8 percentage points" is a change claim in points, signed by its verb,
    and the full check neither confirms nor contradicts it with MOF's percent change."""
    from extractor.pipeline import check_text

    text = (
        "Japan's exports rose 3.9% in March 2025. Their share of shipments to Asia fell 0.8 "
        "percentage points, and the growth rate was 1.5 pct points above February's."
    )
    cs = [c for c in claims(text) if c.kind == "change"]
    assert [(c.text, c.normalized.unit, c.normalized.value) for c in cs if c.normalized] == [
        ("3.9%", "percent", 3.9),
        ("0.8 percentage points", "percentage_point", -0.8),
        ("1.5 pct points", "percentage_point", 1.5),
    ]
    verdicts = {f.claim.text: (f.verdict, f.rule) for f in check_text(text, published=PUB).findings}
    assert verdicts["0.8 percentage points"] == ("unverifiable", "change.points")
    assert verdicts["1.5 pct points"] == ("unverifiable", "change.points")


@pytest.mark.parametrize(
    "sentence",
    [
        "While Japan's exports rose 5.4% in March 2025, imports fell.",
        "Toyota's chairman said Japan's exports rose 5.4% in March 2025.",
        "March's exports rose 5.4% from a year earlier.",
    ],
)
def test_possessives_that_are_not_a_company(sentence):
    assert find(claims(sentence), "5.4%").excluded is None


@pytest.mark.parametrize(
    ("sentence", "text", "partner"),
    [
        ("Exports to Spain rose 5.4% in March 2025.", "5.4%", "Spain"),
        ("Japan's surplus with Chile was ¥10 billion in March 2025.", "¥10 billion", "Chile"),
        ("Exports to Poland rose 5.4% in March 2025.", "5.4%", "Poland"),
        ("Exports to Europe rose 5.4% in March 2025.", "5.4%", "Europe"),
        ("Imports from Sri Lanka rose 5.4% in March 2025.", "5.4%", "Sri Lanka"),
        ("Exports To Europe Surge 5.4% In March 2025", "5.4%", "Europe"),  # a headline
        ("Exports to the United States rose 5.4% in March 2025.", "5.4%", "United States"),
        ("Exports to Chinese customers rose 5.4% in March 2025.", "5.4%", "World"),  # an adjective
        ("Exports from April rose 5.4% in 2025.", "5.4%", "World"),  # a month is no place
    ],
)
def test_a_partner_the_table_does_not_list_is_not_world(sentence, text, partner):
    assert find(claims(sentence), text).partner == partner


def test_every_partner_of_the_reference_data_has_a_spelling():
    from extractor.components.lexicon import lexicon
    from extractor.reference import load_store

    spelled = set(lexicon("en").partner_names.values())
    assert sorted(set(load_store().partners()) - spelled - {"World"}) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Exports rose 5.4% in the April-June quarter of 2024.",  # not calendar 2024
        "Exports rose 5.4% from April to June 2024.",  # not June 2024
        "Exports rose 5.4% between April and June 2024.",  # not April
    ],
)
def test_a_quarter_is_not_the_year_or_month_it_names(sentence):
    c = find(claims(sentence), "5.4%")
    assert c.period is None and any(n.startswith("period.unsupported") for n in c.notes)


@pytest.mark.parametrize(
    "sentence",
    [
        "Exports rose 3.9% in March 2025, slowing from an 11.4% gain in February.",
        "Exports grew 3.9% in March 2025 after rising 11.4% in February.",
    ],
)
def test_the_figure_of_a_comparison_keeps_the_period_it_names(sentence):
    cs = claims(sentence, dt.date(2025, 4, 20))
    assert find(cs, "3.9%").period == Period.parse("2025-03")
    assert find(cs, "11.4%").period == Period.parse("2025-02")


def test_a_base_period_after_the_claim_is_still_a_base():
    c = find(
        claims("Exports rose to ¥9.8 trillion in March 2025 from a year earlier."), "¥9.8 trillion"
    )
    assert c.period == Period.parse("2025-03")


# sentences a probe of wire phrasings found misread (each failed before its fix)
@pytest.mark.parametrize(
    ("text", "figure", "period"),
    [
        ("Exports fell 0.5% in June. In May, exports dropped 1.7%.", "1.7%", "2025-05"),
        ("Exports fell 0.5% in June. During May, exports dropped 1.7%.", "1.7%", "2025-05"),
        ("Exports fell 0.5% in June. May exports had dropped 1.7%.", "1.7%", "2025-05"),
        ("Exports fell 0.5% in June. In the previous month, exports dropped 1.7%.", "1.7%", "2025-05"),
        ("Japan's exports fell 0.5% last month from a year earlier.", "0.5%", "2025-06"),
        # "last month" is when the figure came out, when the sentence names its period
        ("The deficit for 2024 came in at 5.33 trillion yen last month.", "5.33 trillion yen", "CY2024"),
    ],
)
def test_periods_that_open_a_sentence_or_say_last_month(text, figure, period):
    assert str(find(claims(text, dt.date(2025, 7, 17)), figure).period) == period


@pytest.mark.parametrize(
    ("text", "figure", "excluded"),
    [
        ("Japan's exports fell a larger-than-expected 5.5% in June.", "5.5%", None),
        ("Exports fell 5.5% in June, more than economists had expected.", "5.5%", None),
        ("Exports fell 0.5% in June, less than the 1.6% economists had expected.", "1.6%", "forecast"),
        ("Exports fell in June, down 0.5% from a year earlier, as U.S. tariffs weighed on cars.",
         "0.5%", None),
        ("Shipments to the U.S., which face a 25% tariff on cars, dropped 11.4% in June.", "11.4%", None),
        ("Shipments to the U.S., which face a 25% tariff on cars, dropped 11.4% in June.", "25%", "tariff"),
    ],
)
def test_expected_and_tariff_cues_leave_the_actual_figure(text, figure, excluded):
    assert find(claims(text, dt.date(2025, 7, 17)), figure).excluded == excluded


def test_make_up_is_no_rise():
    cs = claims("Exports to the U.S. make up about a fifth of the total.", dt.date(2025, 5, 21))
    assert [c for c in cs if c.kind == "direction"] == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Exports rose 2.0% in April. Core consumer prices rose 3.5% in April from a year earlier.", "3.5%"),
        ("Exports rose 2.0% in April. The Bank of Japan raised interest rates to 0.5% in January.", "0.5%"),
        ("Exports rose 2.0% in April. In volume terms, exports declined 1.4%.", "1.4%"),
        ("Exports rose 2.0% in April, while export volumes fell 1.4%.", "1.4%"),
        ("Exports rose 3% in April in dollar terms.", "3%"),
    ],
)
def test_other_statistics_are_not_the_trade_figures(text, figure):
    cs = claims(text, dt.date(2025, 5, 21))
    assert find(cs, figure).excluded == "other_statistic"
    assert all(c.excluded is None for c in cs if c.text == "2.0%")


def test_a_dollar_amount_in_dollar_terms_is_still_checked():
    cs = claims("The deficit was 115.8 billion yen in April. In dollar terms that is about $1.6 billion.",
                dt.date(2025, 5, 21))
    assert find(cs, "about $1.6 billion").excluded is None
