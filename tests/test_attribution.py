"""Claim rule data (every rule's examples) and metric / partner attribution."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.components.lexicon import TABLES, count_word, find_mentions, find_partners, lexicon
from extractor.extract import extract_claims
from extractor.patterns import claims_en

PUB = dt.date(2025, 4, 17)


def _examples():
    lex = lexicon("en")
    tables = {**lex.rules, "SHARES": lex.shares}
    for table in (*TABLES, "SHARES"):
        compiled = {r.id: r for r in tables[table]}
        for data in getattr(claims_en, table):
            rule = compiled[data["id"]]
            for s in data["match"]:
                yield rule, s, True
            for s in data.get("no_match", []):
                yield rule, s, False


@pytest.mark.parametrize("rule,example,fires", list(_examples()), ids=lambda x: str(x)[:40])
def test_rule_examples(rule, example, fires):
    assert bool(rule.regex.search(example)) is fires, (rule.id, example)


def test_every_rule_has_an_example():
    for table in (*TABLES, "SHARES"):
        for data in getattr(claims_en, table):
            assert data.get("match"), data["id"]


def test_rule_ids_are_unique_and_dotted():
    ids = [d["id"] for t in (*TABLES, "SHARES") for d in getattr(claims_en, t)]
    assert len(ids) == len(set(ids))
    assert all("." in i for i in ids)


def test_lexicon_is_cached():
    assert lexicon("en") is lexicon("en")


def test_unknown_language_is_a_config_error():
    from extractor.errors import ConfigError

    with pytest.raises(ConfigError):
        lexicon("xx")


@pytest.mark.parametrize(
    "text,partners",
    [
        ("Shipments to the U.S. rose.", ["United States"]),
        ("US-bound cargo fell.", ["United States"]),
        ("A surplus with the European Union (EU) grew.", ["EU"]),
        ("Sales to other Asian economies rose.", ["Other"]),
        ("US President Smith spoke about U.S.-Japan talks.", []),
        ("Exports to Southeast Asia climbed.", ["ASEAN"]),
        ("Sales rose 5% in US dollar terms.", []),
        ("Firms in the US-bound trade", ["United States"]),
    ],
)
def test_partner_mentions_need_a_trade_cue(text, partners):
    assert [m.get("partner") for m in find_partners(text, lexicon("en"))] == partners


def test_count_words():
    lex = lexicon("en")
    assert [count_word(w, lex) for w in ("fourth", "4th", "five", "23", "many")] == [
        4,
        4,
        5,
        23,
        None,
    ]


def test_mentions_are_exact_spans():
    text = (
        "Exports to China rose 3%, the deficit narrowed, a record high, a fourth consecutive year."
    )
    for ms in find_mentions(text, lexicon("en")).values():
        for m in ms:
            assert text[m.start : m.end] == m.text


def by_text(text: str, published: dt.date | None = PUB):
    claims = extract_claims(text, published)
    for c in claims:
        assert text[c.start : c.end] == c.text
    return {c.text: c for c in claims}


def test_partner_carries_to_the_second_flow_of_the_sentence():
    cs = by_text(
        "Within that, shipments to Korea gained 2.2% to 6.1 trillion yen, and imports gained 1.4% "
        "to 3.3 trillion yen in fiscal 2024."
    )
    assert (cs["2.2%"].metric, cs["2.2%"].partner) == ("exports", "South Korea")
    assert (cs["1.4%"].metric, cs["1.4%"].partner) == ("imports", "South Korea")
    assert cs["3.3 trillion yen"].partner == "South Korea"


def test_partner_carries_to_a_sentence_that_points_back_within_the_paragraph_only():
    text = (
        "Exports to India rose 4% in fiscal 2024. Imports from there climbed 2%. "
        "Imports climbed 1.5% overall.\n\n"
        "Shipments there climbed 3%."
    )
    cs = by_text(text)
    assert cs["2%"].partner == "India"
    assert cs["1.5%"].partner == "World"
    assert cs["3%"].partner == "World"


def test_subject_partner_and_contrast():
    cs = by_text(
        "Taiwan took 6.1% of Japan's exports in 2024.\n"
        "- ASEAN: exports 1,360.4 billion yen (+4.9%); imports 1,454.1 billion yen.\n"
        "Shipments to Brazil rose 8%, while imports fell 2%."
    )
    assert (cs["6.1%"].kind, cs["6.1%"].partner) == ("share", "Taiwan")
    assert cs["1,454.1 billion yen"].partner == "ASEAN"
    assert cs["8%"].partner == "Brazil" and cs["2%"].partner == "World"


def test_total_cue_resets_the_partner():
    cs = by_text("Shipments to Taiwan rose 5% while total exports rose 1% in March 2025.")
    assert cs["5%"].partner == "Taiwan" and cs["1%"].partner == "World"


def test_partner_written_after_the_figure():
    cs = by_text("Japan logged a surplus of $41 billion with Germany in fiscal 2024.")
    c = cs["$41 billion"]
    assert (c.metric, c.partner, c.sign, c.normalized.value) == (
        "balance",
        "Germany",
        "surplus",
        41e9,
    )


def test_balance_with_a_partner_is_balance_metric():
    cs = by_text("The trade surplus with the US fell 2.5% to 8.1 trillion yen in fiscal 2023.")
    assert cs["2.5%"].metric == "balance" and cs["2.5%"].partner == "United States"
    assert cs["2.5%"].normalized.value == -2.5 and cs["2.5%"].direction == "down"


def test_metric_after_the_figure():
    cs = by_text("Growth came from a 6.2 percent annual rise in imports in March 2025.")
    assert cs["6.2 percent"].metric == "imports"


def test_metric_carries_through_a_pronoun():
    cs = by_text("Exports rose 2% in 2024. It topped 100 trillion yen for three consecutive years.")
    streak = next(c for c in cs.values() if c.kind == "streak")
    assert streak.metric == "exports" and streak.streak.condition == "above"
    assert streak.streak.threshold == 1e14 and streak.streak.count == 3


def test_share_of_total_exports():
    cs = by_text("China accounted for 17.6% of Japan's total exports in fiscal 2024.")
    c = cs["17.6%"]
    assert (c.kind, c.metric, c.partner, c.normalized.value) == ("share", "exports", "China", 17.6)


def test_exchange_rate():
    cs = by_text("The average exchange rate was 151.20 yen per dollar in 2024.")
    c = next(iter(cs.values()))
    assert (c.kind, c.metric, c.normalized.unit) == ("rate", "usd_jpy_rate", "JPY_per_USD")


def test_a_sentence_restating_the_figure_keeps_the_partner():
    cs = extract_claims(
        "Imports from Canada rose 6.2% to 1.9 trillion yen in fiscal 2024. "
        "The record high imports reflect energy costs. The deficit narrowed.",
        PUB,
    )
    rec = next(c for c in cs if c.kind == "record")
    assert rec.partner == "Canada"
    assert next(c for c in cs if c.text == "narrowed").partner == "World"


# -- how each attribute was resolved (attr.* notes) -----------------------------------------


def _attrs(claim):
    return {n.split(":")[0]: n.split(":")[1] for n in claim.notes if n.startswith("attr.")}


def _claim(text, surface, published=PUB):
    found = [c for c in extract_claims(text, published) if c.text == surface]
    assert found, (surface, [c.text for c in extract_claims(text, published)])
    return found[0]


def test_every_claim_has_exactly_one_note_per_attribute():
    text = (
        "Exports to China rose 3.9% in March 2025. Imports there fell 2.0%.\n\n"
        "The trade balance swung to a surplus of 544.1 billion yen. It rose sharply."
    )
    for c in extract_claims(text, PUB):
        kinds = [n.split(":")[0] for n in c.notes if n.startswith("attr.")]
        assert sorted(kinds) == ["attr.metric", "attr.partner", "attr.period"], c


def test_attr_stated_in_own_sentence():
    c = _claim("Exports to China rose 3.9% in March 2025.", "3.9%")
    assert _attrs(c) == {"attr.period": "stated", "attr.partner": "stated", "attr.metric": "stated"}


def test_attr_period_and_partner_inherited():
    text = "Exports to China rose 3.9% in March 2025. Imports there fell 2.0%."
    c = _claim(text, "2.0%")
    assert c.partner == "China" and c.period is not None and c.period.code == "2025-03"
    assert _attrs(c)["attr.period"] == "inherited"
    assert _attrs(c)["attr.partner"] == "inherited"
    assert _attrs(c)["attr.metric"] == "stated"


def test_attr_partner_default_after_a_partner_paragraph():
    text = "Exports to China rose 3.9% in March 2025. Imports fell 2.0%."
    c = _claim(text, "2.0%")
    assert c.partner == "World" and _attrs(c)["attr.partner"] == "default"


def test_attr_metric_inherited_from_pronoun():
    text = "Exports rose 3.9% in March 2025. It was up 5% in value terms, officials said."
    c = _claim(text, "5%")
    assert c.metric == "exports" and _attrs(c)["attr.metric"] == "inherited"


def test_attr_period_published_when_nothing_names_one():
    c = _claim("Exports rose 3.9%.", "3.9%", published=None)
    assert c.period is None and _attrs(c)["attr.period"] == "published"


# -- generalised metric, partner and sign words ---------------------------------------------


@pytest.mark.parametrize(
    "text,surface,metric,partner",
    [
        ("Purchases from China grew 4.2% in March 2025.", "4.2%", "imports", "China"),
        ("Sales to the U.S. climbed 7.3% in March 2025.", "7.3%", "exports", "United States"),
        ("In March 2025 Taiwan bought 7.7% more Japanese goods, India about 4% more.", "7.7%",
         "exports", "Taiwan"),
        ("In March 2025 Taiwan bought 7.7% more Japanese goods, India about 4% more.", "about 4%",
         "exports", "India"),
        ("Mideast imports fell 6.3% in March 2025.", "6.3%", "imports", "Middle East"),
        ("Exports to the United States slid in March 2025, though less steeply: the decline was "
         "3.1%.", "3.1%", "exports", "United States"),
    ],
)  # fmt: skip
def test_metric_and_partner_words(text, surface, metric, partner):
    c = _claim(text, surface)
    assert (c.metric, c.partner) == (metric, partner)


def test_a_contrast_with_a_new_subject_still_resets_the_partner():
    c = _claim("Exports to China rose 3% in March 2025, while imports fell 2%.", "2%")
    assert c.partner == "World"


def test_the_bloc_in_the_next_paragraph_refers_back():
    text = "Q: Did Japan run a surplus with Southeast Asia in March 2025?\n\nA: Yes, 225.1 billion yen with the bloc."
    assert _claim(text, "225.1 billion yen").partner == "ASEAN"


@pytest.mark.parametrize(
    "text,surface,value,direction",
    [
        ("JAPAN'S EXPORTS SINK 11.4% IN MARCH 2025", "11.4%", -11.4, "down"),
        ("Exports fell 2% in March 2025 and imports fell even faster, by 13.8%.", "13.8%", -13.8,
         "down"),
        ("Exports collapsed 45.9% in March 2025.", "45.9%", -45.9, "down"),
        ("Imports from the U.S. jumped in March 2025, trimming the surplus with America by 33.6%.",
         "33.6%", -33.6, "down"),
    ],
)  # fmt: skip
def test_sign_from_separated_or_headline_verbs(text, surface, value, direction):
    c = _claim(text, surface)
    assert c.normalized.value == value and c.direction == direction


def test_the_gap_is_a_deficit():
    c = _claim("Japan's trade gap widens to ¥303.2bn in March 2025", "¥303.2bn")
    assert c.metric == "balance" and c.normalized.value < 0
    d = _claim("JAPAN'S TRADE GAP NARROWS TO ¥231.8BN IN MARCH 2025", "NARROWS")
    assert d.direction == "up"
    w = _claim("Japan's trade gap widens to ¥303.2bn in March 2025", "widens")
    assert w.direction == "down"


@pytest.mark.parametrize(
    "word,value", [("doubled", 100.0), ("quadrupled", 300.0), ("halved", -50.0)]
)
def test_multiples_are_changes(word, value):
    c = _claim(f"Exports to India {word} in March 2025.", word)
    assert c.kind == "change" and c.normalized.value == value


@pytest.mark.parametrize(
    "text,surface,metric,partner,kind",
    [
        ("EXPORTS TO MIDEAST COLLAPSE 55.5% IN MARCH 2025", "55.5%", "exports", "Middle East",
         "change"),
        ("CHINA SALES UP 5.5% IN MARCH 2025", "5.5%", "exports", "China", "change"),
        ("In March 2025 Mideast purchases sank 18.5%.", "18.5%", "imports", "Middle East",
         "change"),
        ("In March 2025 Middle East buyers took 29.0% more Japanese goods.", "29.0%", "exports",
         "Middle East", "change"),
        ("In March 2025 the US took 19.8% of Japan's exports.", "19.8%", "exports",
         "United States", "share"),
        ("In March 2025 the deficit with the EU widened, and the Mideast gap came to 643.8 "
         "billion yen.", "643.8 billion yen", "balance", "Middle East", "level"),
    ],
)  # fmt: skip
def test_headline_and_buyer_words(text, surface, metric, partner, kind):
    c = _claim(text, surface)
    assert (c.metric, c.partner, c.kind) == (metric, partner, kind)


def test_car_sales_are_not_exports():
    c = _claim("Car sales rose 3% in March 2025.", "3%")
    assert c.metric != "exports"


def test_a_multiple_from_a_year_earlier_is_about_the_current_period():
    text = "Japan's trade deficit quadrupled from a year earlier to 634.5 billion yen in July 2025."
    c = _claim(text, "quadrupled", published=dt.date(2025, 8, 20))
    assert c.period.code == "2025-07" and c.normalized.value == 300.0


def test_a_swelling_surplus_is_a_direction_claim():
    c = _claim("In March 2025, a swelling surplus with the US reached 700 billion yen.", "swelling")
    assert (c.kind, c.metric, c.partner, c.direction) == (
        "direction",
        "balance",
        "United States",
        "up",
    )


def test_halved_admits_roughly_half():
    c = _claim("Imports from the Middle East halved in March 2025.", "halved")
    assert c.normalized.value == -50.0 and c.precision == 10.0


def test_plural_headline_verb():
    c = _claim("EXPORTS TO MIDEAST COLLAPSE 55.5% IN MARCH 2025", "55.5%")
    assert c.normalized.value == -55.5
