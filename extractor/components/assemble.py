"""The claim layer over a whole text: sentences in order, carrying the article's current period,
metric and partner from one sentence to the next.

:func:`assemble_claims` is pure (text, sentence offsets, quantities, publication date, language)
-> Claims sorted by start offset; the spaCy component ``extractor_claims`` calls it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

import regex

from extractor.components.attribution import ArticleState, PeriodHit, is_base
from extractor.components.claims import Fields, finish, quantity_claim
from extractor.components.context import SentenceView, SpanIndex, TableIndex, sentence_view
from extractor.components.implicit_units import implicit_currency
from extractor.components.lexicon import Lexicon, find_mentions, lexicon
from extractor.components.periods_text import (
    PeriodContext,
    PeriodPhrase,
    Resolved,
    find_period_phrases,
    fiscal_reading,
    resolve_period,
)  # fmt: skip
from extractor.components.phrase_claims import (
    Built,
    definition_claims,
    direction_claims,
    record_claims,
    streak_claims,
)  # fmt: skip
from extractor.components.tables import column_headers, table_quantities
from extractor.model import Claim, Quantity
from extractor.periods import Period

Sentence = tuple[int, int, int]  # start, end, paragraph
_DAY = regex.compile(r"(?<![\d])(\d{1,2})(?!\d)")


def assemble_claims(
    text: str,
    sentences: Sequence[Sentence],
    quantities: Sequence[Quantity],
    published: dt.date | None = None,
    lang: str = "en",
) -> list[Claim]:
    """Every claim of ``text``, sorted by start offset."""
    lex = lexicon(lang)
    quantities = table_quantities(text, quantities)  # "| China | 1,622.2 |" under "¥ billion"
    quantities = implicit_currency(sentences, quantities)  # "topped 100 trillion" among yen
    mentions = find_mentions(text, lex)
    phrases = find_period_phrases(text, lang)
    ref = published or stated_date(text, phrases)
    state = ArticleState(ref=ref, main=main_period(text, phrases, ref, lang), anaphora=lex.anaphora)
    claims: list[Claim] = []
    by_table = TableIndex(mentions)
    by_quantity, by_phrase = SpanIndex(quantities), SpanIndex(phrases)
    for start, end, paragraph in sentences:
        sv = sentence_view(text, start, end, paragraph, by_table, by_quantity, lex)
        claims.extend(_sentence(sv, by_phrase.within(start, end), state, lex, lang))
    claims = _column_periods(claims, text, phrases, state, lang)
    claims.sort(key=lambda c: (c.start, c.end, c.kind, c.metric))
    return claims


def _column_periods(
    claims: list[Claim], text: str, phrases: list[PeriodPhrase], state: ArticleState, lang: str
) -> list[Claim]:
    """A table cell under a period header ("| | FY2021 | FY2022 |") is about that period."""
    heads = column_headers(text)
    out = []
    for c in claims:
        span = heads.get(c.start)
        period = _header_period(span, text, phrases, state, lang) if span else None
        if period is not None and not c.excluded:
            notes = tuple(n for n in c.notes if not n.startswith("attr.period:"))
            c = dataclasses.replace(c, period=period, notes=(*notes, "attr.period:stated"))
        out.append(c)
    return out


def _header_period(
    span: tuple[int, int], text: str, phrases: list[PeriodPhrase], state: ArticleState, lang: str
) -> Period | None:
    """The period a column header names outright (not "Change on a year earlier")."""
    for p in phrases:
        if span[0] <= p.start and p.end <= span[1] and not p.relative and p.kind != "date":
            return _resolve(p, text, PeriodContext(ref=state.ref, anchor=state.main), lang).period
    return None


def reference_date(text: str, published: dt.date | None, lang: str = "en") -> dt.date | None:
    """The date relative periods are read against: ``published``, else the latest stated date."""
    return published or stated_date(text, find_period_phrases(text, lang))


def stated_date(text: str, phrases: list[PeriodPhrase]) -> dt.date | None:
    """The latest full date the text states ("Thursday, April 17, 2025"), as a fallback reference."""
    best: dt.date | None = None
    for p in phrases:
        if p.kind != "date" or not p.year or not p.month:
            continue
        day = _DAY.search(p.text)
        if day:
            try:
                d = dt.date(p.year, p.month, int(day.group(1)))
            except ValueError:
                continue
            best = d if best is None or d > best else best
    return best


def main_period(
    text: str, phrases: list[PeriodPhrase], ref: dt.date | None, lang: str
) -> Period | None:
    """The first period the text names outright (headlines before it take it)."""
    for p in phrases:
        if p.kind == "date" or p.relative:
            continue
        r = _resolve(p, text, PeriodContext(ref=ref), lang)
        if r.period is not None:
            return r.period
    return None


def _resolve(p: PeriodPhrase, text: str, ctx: PeriodContext, lang: str) -> Resolved:
    if fiscal_reading(p, text, ctx.ref, lang):
        return Resolved(Period.fiscal_year(p.year), (f"period.year_read_as_fiscal: {p.text}",))  # type: ignore[arg-type]
    return resolve_period(p, ctx)


def _period_hits(
    sv: SentenceView, phrases: list[PeriodPhrase], state: ArticleState, lang: str
) -> list[PeriodHit]:
    hits: list[PeriodHit] = []
    local = state.current
    for p in phrases:
        r = _resolve(p, sv.text, PeriodContext(ref=state.ref, anchor=local), lang)
        base = is_base(sv.text, sv.start, p)
        hits.append(PeriodHit(p, r.period, r.notes, base))
        if r.period is not None and not p.relative and p.kind != "date" and not base:
            local = r.period
    return hits


def _sentence(
    sv: SentenceView, phrases: list[PeriodPhrase], state: ArticleState, lex: Lexicon, lang: str
) -> list[Claim]:
    if sv.paragraph != state.paragraph:
        state.last_partner = state.partner if state.partner not in (None, "World") else None
        state.paragraph, state.partner = sv.paragraph, None
    if not (sv.mentions or sv.quantities or phrases):
        return []  # nothing to claim, and nothing that moves the article's state on
    hits = _period_hits(sv, phrases, state, lang)
    used: set[int] = set()
    consumed: set[int] = set()
    built: list[Built] = []
    streaks = streak_claims(sv, hits, state, lex, consumed)
    for q in sv.quantities:
        if q.start not in consumed:
            got = quantity_claim(sv, q, hits, state, lex, used)
            if got is not None:
                built.append(got)
    built += direction_claims(sv, hits, state, used)
    built += record_claims(sv, hits, state, lex)
    built += streaks
    built += definition_claims(sv, hits, state)
    built = [_same_figure(c, x, state, sv) for c, x in built]
    same = [x["period"] for _, x in built if "attribution.same_figure" in x["notes"]]
    if same:  # the sentence repeats a figure named earlier: its other claims share that period
        built = [
            (c, x if x["_explicit"] else {**x, "period": same[0], "_attr_period": "inherited"})
            for c, x in built
        ]
    _advance(sv, built, state)
    return [finish(c, x) for c, x in built]


def _same_figure(c: Fields, x: dict[str, Any], state: ArticleState, sv: SentenceView) -> Built:
    """ "The $63 billion surplus" later in an article is the figure named earlier: same partner."""
    n = c.get("normalized")
    key = (n.value, n.unit) if c["kind"] == "level" and n else None
    if key is None or x["excluded"]:
        return c, x
    if key in state.figures and not sv.of("TOTALS"):
        partner, period = state.figures[key]
        same_partner = x["partner"] == partner or (
            x["partner"] == "World" and not sv.of("PARTNERS")
        )
        if partner != "World" and same_partner and not x["_explicit"]:
            x = {
                **x,
                "partner": partner,
                "period": period,
                "notes": x["notes"] + ("attribution.same_figure",),
                "_attr_partner": "inherited",
                "_attr_period": "inherited",
            }
    state.figures.setdefault(key, (x["partner"], x["period"]))
    return c, x


def _advance(sv: SentenceView, built: list[Built], state: ArticleState) -> None:
    """Move the article's current period, metric and partner on after a sentence."""
    live = [(c, x) for c, x in built if not x["excluded"]]
    explicit = [
        x["period"]
        for c, x in sorted(live, key=lambda b: b[0]["start"])
        if x["_explicit"] and x["period"]
    ]
    # a sentence without claims does not move it ("April 2020 was the pits"), nor does a
    # background sentence ("the revised figure for June ...", "every April ...", "had been")
    if explicit and not sv.of("BACKGROUND"):
        state.anchor = explicit[-1]
    if live:
        last = max(live, key=lambda b: b[0]["start"])[1]
        if last["metric"] != "other":
            state.metric = (last["metric"], last["sign"])
        state.partner = last["partner"]
        return
    if sv.of("METRICS"):
        m = sv.of("METRICS")[-1]
        state.metric = (str(m.get("metric")), m.get("sign"))
    if sv.of("PARTNERS"):  # "Asia remained the anchor." ... "Shipments to the region rose 5.5%"
        state.partner = str(sv.of("PARTNERS")[-1].get("partner"))
