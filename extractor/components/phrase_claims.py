"""Claims made by words rather than figures: directions ("surged", "a narrowing deficit",
"halved"), records ("record high", "highest since 1979"), streaks ("fourth consecutive year of
deficits") and wrong fiscal-year definitions ("the March-April fiscal period").
"""

from __future__ import annotations

from typing import Any

import regex

from extractor.components.attribution import (
    ArticleState,
    MetricHit,
    PeriodHit,
    metric_at,
    subject_metric,
)
from extractor.components.claims import (
    HALVE_HEDGE,
    Fields,
    attribute,
    base_claim,
    basis_near,
    signed_direction,
)
from extractor.components.context import SentenceView
from extractor.components.lexicon import Lexicon, Mention
from extractor.components.records import StreakParse, make_streak, parse_record, parse_streak
from extractor.model import Normalized, Quantity

Built = tuple[Fields, dict[str, Any]]  # a claim's fields and its attribution
_HALVES = ("CYH", "FYH")
_BOTH = regex.compile(r"\bboth\b", regex.IGNORECASE)
_GAP = regex.compile(r"^[^,;:.—–()]*$")
NEGATION = regex.compile(r"(?:\bnot|n['’]t|\bnever)\s+$", regex.IGNORECASE)
_JOIN = regex.compile(r"^\s*(?:,|and|,\s*and)\s*$", regex.IGNORECASE)


def direction_claims(
    sv: SentenceView, hits: list[PeriodHit], state: ArticleState, used: set[int]
) -> list[Built]:
    out: list[Built] = []
    for m in sv.of("DIRECTIONS"):
        form = m.get("form")
        if m.start in used or form in ("noun", "comparative"):
            continue
        if NEGATION.search(sv.text[max(sv.start, m.start - 12) : m.start]):
            continue  # "hasn't grown": not a claim we can check
        mh, b = _direction_metric(sv, m, state)
        if mh is None or mh.metric not in ("exports", "imports", "balance"):
            continue
        extra = attribute(sv, m.start, b, hits, state, metric=mh, quantity=False, change=True)
        size_dir = -1 if m.groups.get("down") else int(m.get("dir"))
        claim = base_claim(
            sv,
            m.start,
            m.end,
            "direction",
            direction=signed_direction(size_dir, mh.metric, extra["sign"]),
            basis=basis_near(sv, m.start, m.end, extra),
        )
        if form == "halve":
            hedge = HALVE_HEDGE.match(m.text)
            claim.update(
                kind="change",
                value=m.text,
                normalized=Normalized(float(m.get("change", -50.0)), "percent"),
                precision=0.2 * abs(float(m.get("change", -50.0))),  # "halved": 40-60% down
                hedge=hedge.group(1).lower() if hedge else None,
            )
        out.append((claim, extra))
    return out


def _direction_metric(
    sv: SentenceView, m: Mention, state: ArticleState
) -> tuple[MetricHit | None, int]:
    """The metric of a direction word, and where its phrase ends ("a ballooning *surplus*")."""
    form = m.get("form")
    if form == "adjective":
        nxt = [x for x in sv.of("METRICS", m.end) if x.start - m.end < 12 and x.get("sign")]
        return (metric_at(sv, m.end, m.end, state), nxt[0].end) if nxt else (None, m.end)
    if form == "adverb":
        return metric_at(sv, m.start, m.end, state), m.end
    return subject_metric(sv, m.start, state), m.end


def record_claims(
    sv: SentenceView, hits: list[PeriodHit], state: ArticleState, lex: Lexicon
) -> list[Built]:
    out: list[Built] = []
    for m in sv.of("RECORDS"):
        for mh, region in _record_metrics(sv, m, state):
            extra = attribute(sv, m.start, m.end, hits, state, metric=mh, quantity=False)
            if region is not None:
                named = sv.of("PARTNERS", *region)
                if named:
                    extra["partner"] = str(named[0].get("partner"))
                    extra["_attr_partner"] = "stated"
            record = parse_record(m, lex, extra["sign"])
            if record.window_unit == "month":
                _monthly(extra)
            out.append((base_claim(sv, m.start, m.end, "record", record=record), extra))
    return out


def _record_metrics(
    sv: SentenceView, m: Mention, state: ArticleState
) -> list[tuple[MetricHit, tuple[int, int] | None]]:
    """The metric(s) a record phrase is about ("record exports", "both of which hit record highs")."""
    nxt = [x for x in sv.of("METRICS", m.end) if x.start - m.end <= 30][:1]
    if nxt and _GAP.match(sv.text[m.end : nxt[0].start]):
        if m.rule == "record.adjective" or not sv.quantity_in(m.end, nxt[0].start):
            return [(metric_at(sv, nxt[0].end, nxt[0].end, state), (m.end, nxt[0].end))]
    before = sv.of("METRICS", sv.start, m.start)
    plural = m.text.lower().endswith("s") or _BOTH.search(
        sv.text[max(sv.start, m.start - 60) : m.start]
    )
    chain = _joined(sv, before)
    if plural and len(chain) < 2:
        chain = list(
            {str(x.get("metric")): x for x in before if x.get("metric") != "balance"}.values()
        )
    if len(chain) >= 2:
        return [(MetricHit(str(x.get("metric")), x.get("sign"), "mention"), None) for x in chain]
    return [(metric_at(sv, m.start, m.end, state), None)]


def _joined(sv: SentenceView, before: list[Mention]) -> list[Mention]:
    """ "imports and exports" right before a phrase: both metrics."""
    if not before:
        return []
    chain = [before[-1]]
    for x in reversed(before[:-1]):
        if _JOIN.match(sv.text[x.end : chain[-1].start]) and x.get("metric") != chain[-1].get(
            "metric"
        ):
            chain.append(x)
        else:
            break
    return chain if len(chain) > 1 else []


def streak_claims(
    sv: SentenceView, hits: list[PeriodHit], state: ArticleState, lex: Lexicon, consumed: set[int]
) -> list[Built]:
    out: list[Built] = []
    for m in sv.of("STREAKS"):
        cs, _ = sv.clause(m.start)
        p = parse_streak(m, sv.text, cs, lex)
        if p is None:
            continue
        out.append(_streak(sv, m, p, hits, state, consumed))
    return out


def _streak(
    sv: SentenceView,
    m: Mention,
    p: StreakParse,
    hits: list[PeriodHit],
    state: ArticleState,
    consumed: set[int],
) -> Built:
    condition = p.condition or _direction_before(sv, m.start) or _sign_in(sv)
    threshold_q = _threshold(sv, m) if condition in ("above", "below") else None
    a = m.start
    if condition in ("deficit", "surplus"):
        mh: MetricHit | None = MetricHit("balance", condition, "mention")
    else:
        mh = subject_metric(sv, m.start, state) or metric_at(sv, m.start, m.end, state)
    extra = attribute(sv, a, m.end, hits, state, metric=mh, quantity=False)
    claim = base_claim(sv, a, m.end, "streak")
    period = extra["period"]
    unit = p.unit or ("month" if period is not None and period.is_month else "year")
    if unit == "month":
        _monthly(extra)
    if p.ranking:
        extra["excluded"] = extra["excluded"] or "ranking"
    elif condition is None:
        extra["notes"] += ("streak.condition_unknown",)
    else:
        thr = abs(threshold_q.value) if threshold_q else None
        claim.update(
            streak=make_streak(p, condition, thr, unit),
            normalized=Normalized(float(p.count), "count"),
        )
    return claim, extra


def _monthly(extra: dict[str, Any]) -> None:
    """A month-by-month record or streak said of a longer period is about its last month."""
    period = extra["period"]
    if period is not None and not period.is_month:
        extra["period"] = period.months()[-1]
        extra["notes"] += (f"period.last_month_of: {period}",)


def _direction_before(sv: SentenceView, pos: int) -> str | None:
    """ "Exports rose in May, the fifth month in a row": the streak is of rises."""
    verbs = [d for d in sv.of("DIRECTIONS", sv.start, pos) if d.get("form") in ("verb", "adverb")]
    if not verbs:
        return None
    d = verbs[-1]
    size = -1 if d.groups.get("down") else int(d.get("dir"))
    return {1: "up", -1: "down"}.get(size)


def _sign_in(sv: SentenceView) -> str | None:
    signs = [m.get("sign") for m in sv.of("METRICS") if m.get("sign")]
    return signs[0] if len(set(signs)) == 1 else None


def _threshold(sv: SentenceView, m: Mention) -> Quantity | None:
    cs, _ = sv.clause(m.start)
    qs = [
        q for q in sv.quantities if cs <= q.start and q.end <= m.start and q.unit in ("JPY", "USD")
    ]
    return qs[-1] if qs else None


def definition_claims(sv: SentenceView, hits: list[PeriodHit], state: ArticleState) -> list[Built]:
    """A claim on the phrase itself for a wrong fiscal-year definition (see extractor.extract)."""
    out: list[Built] = []
    for h in hits:
        notes = tuple(n for n in h.notes if n.startswith("period.fiscal_definition"))
        if not notes:
            continue
        a, b = h.phrase.start, h.phrase.end
        rate = any(
            q.unit == "JPY_per_USD" for q in sv.quantities
        )  # "averaged 135.05 per dollar over ..."
        mh = MetricHit("usd_jpy_rate", None, "mention") if rate else None
        extra = attribute(sv, a, b, hits, state, metric=mh, quantity=False)
        period = h.period
        if h.phrase.unit == "half" and state.current is not None and state.current.kind in _HALVES:
            period = state.current  # the half the article is about is the one the writer meant
        extra.update(period=period, notes=notes + extra["notes"], excluded=None)
        extra["_attr_period"] = "stated"
        out.append((base_claim(sv, a, b, "rate" if rate else "level"), extra))
    return out
