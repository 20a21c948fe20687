"""Assemble Claims from quantities, mentions and period phrases, sentence by sentence.

Each sentence yields, in text order: quantity claims (level, change, share, rate), standalone
direction claims ("surged to ..."), record and streak claims, and one claim per wrong fiscal-year
definition. Attribution is in :mod:`extractor.components.attribution`, exclusions in
:mod:`extractor.components.exclusions`, records and streaks in :mod:`extractor.components.records`.

The article's current period moves on when a sentence names a period for a claim that is in
scope (a sentence about tariffs "starting April 2025" does not move it); a sentence before any
period (a headline) takes the first period of the body.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

from extractor.components.attribution import (
    ArticleState,
    MetricHit,
    PeriodHit,
    metric_at,
    partner_hit,
    period_at,
)  # fmt: skip
from extractor.components.context import SentenceView
from extractor.components.exclusions import exclusion_for, qualifies
from extractor.components.lexicon import Lexicon, Mention
from extractor.components.periods_text import FROM_PREVIOUS_MONTH
from extractor.model import ADJUSTED_NOTE, Claim, Normalized, Quantity

_DIR = {1: "up", -1: "down", 0: "flat"}
_TIGHT_BEFORE = 3  # words allowed between a direction word and its figure ("increased by over")
_TIGHT_AFTER = 2  # words allowed between a figure and its direction noun ("4% year-on-year rise")
# "fell even faster, by 13.8%": the verb governs a figure after a comma and "by"
# "trimming Japan's surplus with America by 33.6%": the verb, its object, then "by" and the figure
_OBJECT_BY = regex.compile(
    r"^\s+(?:[\w'’.-]+\s+){0,3}?(?:surplus|deficit|gap|exports|imports|shipments)\s+"
    r"(?:(?:with|to|from)\s+(?:the\s+)?[\w.'’-]+(?:\s+[A-Z][\w.-]*)?\s+)?by\s+$",
    regex.IGNORECASE,
)
_MORE = regex.compile(r"\s+(?:more|less|fewer)\b", regex.IGNORECASE)
_BY = regex.compile(r"^(?:\s*[\w-]+){0,3}\s*,\s*by\s+$", regex.IGNORECASE)
# Units of a percentage: a rise or fall gives them their sign, and a cue for rates that are not
# trade flows ("a 4.5% interest rate", "unemployment rose 0.2 percentage points") excludes them.
_PERCENTAGES = frozenset({"percent", "percentage_point"})


def signed_direction(size_dir: int, metric: str, sign: str | None) -> str:
    """The direction of the signed series: a deficit that grows is a balance going down."""
    if metric == "balance" and sign == "deficit":
        size_dir = -size_dir
    return _DIR[size_dir]


Fields = dict[str, Any]  # the fields of a Claim being assembled (the Claim is built once)


def base_claim(sv: SentenceView, a: int, b: int, kind: str, **kw: Any) -> Fields:
    """The fields of a claim at ``[a, b)`` of kind ``kind`` (see :func:`finish`)."""
    return {"text": sv.text[a:b], "start": a, "end": b, "kind": kind, "sentence": sv.span, **kw}


def attribute(
    sv: SentenceView,
    a: int,
    b: int,
    hits: list[PeriodHit],
    state: ArticleState,
    *,
    change: bool = False,
    metric: MetricHit | None = None,
    percent: bool = False,
    quantity: bool = True,
) -> dict[str, Any]:
    """The shared fields of a claim at ``[a, b)``: metric, sign, partner, period, notes, excluded."""
    mh = metric or metric_at(sv, a, b, state)
    hit, period, base = period_at(sv, a, b, hits, change, state)
    excluded = exclusion_for(sv, a, b, percent, quantity)
    if not excluded and period is not None and state.ref is not None and period.end > state.ref:
        excluded = "forecast"  # a period that had not ended when the article was written
    notes = tuple(
        n for n in (hit.notes if hit else ()) if not n.startswith("period.fiscal_definition")
    )
    if seasonally_adjusted(sv, a):
        notes += (ADJUSTED_NOTE,)
    if mh.source == "none":
        notes += ("metric.unresolved",)
    partner, partner_how = partner_hit(sv, a, b, state)
    return {
        "metric": mh.metric,
        "sign": mh.sign if mh.metric == "balance" else None,
        "partner": partner,
        "period": period,
        "notes": notes,
        "excluded": excluded,
        "_explicit": hit is not None and not hit.phrase.relative and not hit.base,
        "_base": base,
        "_attr_period": "stated" if hit is not None else "inherited" if period else "published",
        "_attr_partner": partner_how,
        "_attr_metric": "stated" if mh.source == "mention" else "inherited",
    }


def attr_notes(extra: dict[str, Any]) -> tuple[str, ...]:
    """The ``attr.<what>:<how>`` notes of a claim (see :mod:`extractor.extract`)."""
    return _attr_notes(extra["_attr_period"], extra["_attr_partner"], extra["_attr_metric"])


@cache
def _attr_notes(period: str, partner: str, metric: str) -> tuple[str, ...]:
    """The notes of one way of resolving (a few dozen at most: written once each)."""
    return (f"attr.period:{period}", f"attr.partner:{partner}", f"attr.metric:{metric}")


def finish(claim: Fields, extra: dict[str, Any]) -> Claim:
    """The Claim of ``claim``'s fields with the attribution in ``extra`` (which wins)."""
    fields = {k: v for k, v in extra.items() if not k.startswith("_")}
    notes = fields.get("notes", ())
    kept = tuple(n for n in notes if not n.startswith("attr.")) if notes else ()
    fields["notes"] = kept + attr_notes(extra)
    if fields.get("partner") == "Other" and not fields.get("excluded"):
        fields["excluded"] = "unnamed_partner"
    return Claim(**{**claim, **fields})


# -- quantities -----------------------------------------------------------------------------


def direction_for(sv: SentenceView, q: Quantity, lex: Lexicon) -> Mention | None:
    """The direction word that governs a percentage: "rose 5.9%", "a 55.5% increase"."""
    dirs = [
        m for m in sv.of("DIRECTIONS") if m.get("form") in ("verb", "noun", "adverb", "comparative")
    ]
    clause = sv.clause(q.start)
    for m in reversed([m for m in dirs if m.end <= q.start and m.get("form") != "comparative"]):
        gap = sv.text[m.end : q.start]
        same = sv.clause(m.start) == clause or _BY.match(gap)
        if same and (len(gap.split()) <= _TIGHT_BEFORE or _OBJECT_BY.match(gap)):
            return m
        break
    for m in [m for m in dirs if m.start >= q.end][:1]:
        gap = sv.text[q.end : m.start]
        if sv.clause(m.start) == clause and len(gap.split()) <= _TIGHT_AFTER:
            return m
    return None


def quantity_kind(sv: SentenceView, q: Quantity, lex: Lexicon) -> tuple[str | None, str | None]:
    """(kind, metric forced by a share cue) of a quantity; kind None for counts."""
    if q.unit == "percent":
        for r in lex.shares:
            if r.data["side"] == "after":
                m = r.regex.match(sv.text[q.end : q.end + 60])
                if m:
                    g = {k: v for k, v in m.groupdict().items() if v}
                    metric = g.get("metric", "imports" if "imports" in g else "exports").lower()
                    return "share", {"shipments": "exports", "trade": None}.get(metric, metric)
            elif r.regex.search(sv.text[max(sv.start, q.start - 40) : q.start]) and not _MORE.match(
                sv.text[q.end : q.end + 12]
            ):
                return "share", None
        return "change", None
    return {"times": "change", "percentage_point": "change", "JPY": "level", "USD": "level",
            "JPY_per_USD": "rate", "unknown": "level"}.get(q.unit), None  # fmt: skip


def _unit_from_header(q: Quantity) -> bool:
    """A bare table or list cell ("469.7") that took its unit from a header or caption."""
    return q.unit in ("JPY", "USD") and not any(ch.isalpha() or ch in "¥$" for ch in q.text)


def quantity_claim(
    sv: SentenceView,
    q: Quantity,
    hits: list[PeriodHit],
    state: ArticleState,
    lex: Lexicon,
    used: set[int],
) -> tuple[Fields, dict[str, Any]] | None:
    kind, share_metric = quantity_kind(sv, q, lex)
    if kind is None:
        return None
    mh = MetricHit(share_metric, None, "mention") if share_metric else None
    if kind == "rate":
        mh = MetricHit("usd_jpy_rate", None, "mention")
    extra = attribute(
        sv,
        q.start,
        q.end,
        hits,
        state,
        change=kind == "change",
        metric=mh,
        percent=q.unit in _PERCENTAGES,
    )
    if extra["_attr_metric"] == "inherited" and extra["metric"] != "other" and _unit_from_header(q):
        extra["_attr_metric"] = "stated"  # a table's or list's caption states its cells' metric
    if kind == "rate":
        extra["partner"], extra["_attr_partner"] = "World", "stated"
        if extra["excluded"] == "commodity":  # "Blame oil, gas and a yen that averaged 111.91"
            extra["excluded"] = None
    if q.unit == "unknown" and not extra["excluded"]:
        extra["excluded"] = "other_currency"
    claim = base_claim(
        sv,
        q.start,
        q.end,
        kind,
        value=q.written_value,
        unit=q.written_unit,
        precision=q.precision,
        hedge=q.hedge or threshold_hedge(sv, q, lex),
    )
    if kind == "change":
        claim.update(_change_fields(sv, q, extra, lex, used))
        if claim["direction"] is None and not extra["excluded"] and _tariff_in_clause(sv, q):
            extra["excluded"] = "tariff"  # "a 10% baseline tariff on most goods and 25% on cars"
    elif kind == "level" and q.unit in ("JPY", "USD"):
        negative = extra["sign"] == "deficit" or (q.negative and extra["metric"] != "balance")
        negative = negative or (q.negative and extra["sign"] is None)
        claim["normalized"] = Normalized(-abs(q.value) if negative else abs(q.value), q.unit)
    else:
        claim["normalized"] = Normalized(q.value, q.unit)
    return claim, extra


def _change_fields(
    sv: SentenceView, q: Quantity, extra: dict[str, Any], lex: Lexicon, used: set[int]
) -> Fields:
    d = direction_for(sv, q, lex)
    value = q.value
    direction = None
    if d is not None:
        used.add(d.start)
        size_dir = -1 if d.groups.get("down") else int(d.get("dir"))
        if d.get("signed") and extra["sign"] == "deficit":  # "an 81.3% improvement" of a deficit
            size_dir = -size_dir
        if q.unit in _PERCENTAGES:
            value = size_dir * abs(q.value)
        direction = signed_direction(size_dir, extra["metric"], extra["sign"])
    elif q.negative:
        direction = signed_direction(-1, extra["metric"], extra["sign"])
    return {
        "normalized": Normalized(value, q.unit),
        "direction": direction,
        "basis": basis_near(sv, q.start, q.end, extra),
    }


def _tariff_in_clause(sv: SentenceView, q: Quantity) -> bool:
    clause = sv.clause(q.start)
    return any(
        m.get("reason") == "tariff" and sv.clause(m.start) == clause for m in sv.of("EXCLUSIONS")
    )


def threshold_hedge(sv: SentenceView, q: Quantity, lex: Lexicon) -> str | None:
    """ "topped 100 trillion yen": the amount is a bound ("more than"), not a level."""
    before = sv.text[max(sv.start, q.start - 30) : q.start]
    for r in lex.rules["THRESHOLDS"]:
        if r.regex.search(before):
            return str(r.data["hedge"])
    return None


def seasonally_adjusted(sv: SentenceView, a: int) -> bool:
    """Whether the claim at ``a`` is of a seasonally adjusted series (a ``series`` cue of
    ``BASES`` that qualifies it: see :func:`extractor.components.exclusions.qualifies`)."""
    return any(m.get("series") and qualifies(sv, m, a) for m in sv.of("BASES"))


def basis_near(sv: SentenceView, a: int, b: int, extra: dict[str, Any]) -> str:
    """'mom' when a month-on-month cue is near the figure, or the figure is compared with the
    month before its own ("rose 2% *from March*" of April, "fell 7.1% *from March to April*",
    given the claim's attribution ``extra``), else 'yoy' (the default)."""
    cs, ce = sv.clause(a)
    for m in sv.of("BASES", cs, ce):
        if m.get("basis") == "mom":
            return "mom"
    if any(n.startswith(FROM_PREVIOUS_MONTH) for n in extra["notes"]):
        return "mom"
    base, period = extra["_base"], extra["period"]
    if base is not None and period is not None and period.is_month and not base.phrase.relative:
        if base.period is not None and base.period == period.previous():
            return "mom"
    return "yoy"


HALVE_HEDGE = regex.compile(r"^(nearly|almost|roughly|about|more\s+than)\s+", regex.IGNORECASE)
