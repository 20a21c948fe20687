"""Who and what a claim is about: metric (with the surplus/deficit word), partner and period.

Pure functions over a :class:`SentenceView` and the article state carried between sentences:

- :func:`metric_at`: "a 3.9% rise *in exports*", "*exports* rose 5.9%", "*¥5.63 trillion
  shortfall*", else the nearest metric word before, then after, then the previous sentence's;
- :func:`partner_at`: "a surplus of $63 billion *with the United States*", "exports *to China*
  rose ...", "*overall* exports" (World), else the partner carried within the paragraph;
- :func:`period_at`: a period phrase right after the figure ("349.9 billion yen *in the same
  month last year*") or right before it ("*the previous year's* ¥5.63 trillion"), else the nearest
  one before in the sentence, then after, then the article's current period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import regex

from extractor.components.context import SentenceView
from extractor.components.lexicon import Mention
from extractor.components.periods_text import PeriodPhrase
from extractor.periods import Period

_IN_OF = regex.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:in|of)\s+(?:(?:annual|total|overall|Japanese|Japan['’]s|the|its)\s+){0,2}$",
    regex.IGNORECASE,
)
_NEXT_BALANCE = regex.compile(
    r"^\s+(?:(?!(?:and|or|but|while|the|as)\b)[\w.'’-]+\s+){0,2}?$", regex.IGNORECASE
)
# a period phrase that is the base of a comparison, not the period of the sentence:
# "5.6% on August 2023", "smaller than in 2022", "from 8.82 trillion yen in November 2023"
_BASE_DIRECT = regex.compile(
    r"\b(?:from|on|over|than|compar(?:ed|es|ing)\s+(?:with|to)|against|versus|vs\.?|relative\s+to|after)\s+"
    r"(?:in\s+)?(?:the\s+)?$",
    regex.IGNORECASE,
)
_BASE_LEVEL = regex.compile(
    r"\b(?:from|than|after|versus|compar(?:ed|es|ing)\s+(?:with|to)|against)\s+(?:(?:a|an|the)\s+)?"
    r"(?P<mid>(?:[\w$¥.,%-]+\s+){0,6}?)(?:in|for|during|of)\s+(?:the\s+)?$",
    regex.IGNORECASE,
)
_BASE_MID = regex.compile(r"year|month|previous|[,;]")  # "than a year earlier in": not a base
_OPENER = regex.compile(
    r"(?:^|[\n.;:!?]\s*)[\W]*(?:over|from|after|on)\s+(?:the\s+)?$", regex.IGNORECASE
)
_POSSESSED = regex.compile(
    r"^\s*(?:(?:trade\s+)?(?:surplus|deficit|gap|exports|imports),?\s*)?$", regex.IGNORECASE
)
_WHEN_BASE = regex.compile(
    r"^\s*,?\s*when\s+(?:it|they|the\s+\w+)\s+(?:stood|was|were|came|totall?ed|reached|hit)\s+(?:at\s+|to\s+)?$",
    regex.IGNORECASE,
)
# a relative period that opens the sentence is its own: "A year ago, ...", "In the previous month, ..."
_LEAD = regex.compile(r"^[\W]*(?:(?:Q|A)\s*:\s*)?(?:(?:In|During|For|Over)\s+)?$")
_SINCE = regex.compile(r"\bsince\b[^,;.]{0,40}$", regex.IGNORECASE)
_HARD_BREAK = regex.compile(r"\b(?:while|whereas|but|although|though)\b", regex.IGNORECASE)
_AFTER_GAP = regex.compile(
    r"^[\s,)]*(?:(?:trade\s+)?(?:surplus|deficit|shortfall|exports|imports|shipments)\s+)?"
    # "slowing from an 11.4% gain in February": the change's own noun, then its period
    r"(?:(?:gain|rise|increase|jump|surge|climb|advance|growth|drop|decline|fall|slide|slump"
    r"|decrease|dip|contraction)\s+)?"
    r"(?:(?:recorded|reported|posted|registered|logged|seen)\s+)?"
    r"(?:(?:in|for|during|of|over|through|at|from|than|compared\s+(?:with|to)|against)\s+)?$",
    regex.IGNORECASE,
)
_BASE_GAP = regex.compile(
    r"(?:from|over|than|compared\s+(?:with|to)|against|versus)\s+$", regex.IGNORECASE
)
_PARTNER_GAP = regex.compile(
    r"^[\s)]*(?:(?:[\w-]+\s+){0,2}?(?:in|of)\s+)?(?:(?:trade\s+)?(?:surplus|deficit|exports|imports|shipments|goods)\s+)?"
    r"(?:with|to|from|toward|towards)?\s*(?:the\s+)?"
    r"(?:(?:other|broader|wider|greater|rest\s+of(?:\s+the)?)\s+)?$",
    regex.IGNORECASE,
)
_REGION = regex.compile(r"\b(?:the\s+(?:region|bloc)|there)\b", regex.IGNORECASE)
PRONOUN = regex.compile(r"^\W*(?:it|they|this|these|which|that|both|each)\b", regex.IGNORECASE)


@dataclass(frozen=True)
class PeriodHit:
    """A period phrase of the sentence with the Period it resolved to."""

    phrase: PeriodPhrase
    period: Period | None
    notes: tuple[str, ...] = ()
    base: bool = False  # the base of a comparison ("than in 2022"): not the sentence's period


def is_base(text: str, lo: int, p: PeriodPhrase) -> bool:
    """Whether a period phrase names the base of a comparison rather than the claim's period."""
    before = text[max(lo, p.start - 80) : p.start]
    if _OPENER.search(text[lo : p.start]):  # "Over the second half, ...": the sentence's own
        return False
    if _BASE_DIRECT.search(before) or _SINCE.search(before):
        return True
    m = _BASE_LEVEL.search(before)
    return bool(m) and not _BASE_MID.search(m.group("mid"))


@dataclass
class ArticleState:
    """What carries from sentence to sentence (internal to one extraction run)."""

    ref: dt.date | None
    main: Period | None
    anchor: Period | None = None
    paragraph: int = -1
    metric: tuple[str, str | None] | None = None  # (metric, sign) of the previous sentence
    partner: str | None = None  # partner carried within the paragraph
    last_partner: str | None = None  # the partner of the previous paragraph ("the region")
    figures: dict[tuple[float, str], tuple[str, Period | None]] = field(default_factory=dict)
    anaphora: Any = None  # the language's pattern for "there", "the region" ...

    @property
    def current(self) -> Period | None:
        return self.anchor or self.main


@dataclass(frozen=True)
class MetricHit:
    metric: str
    sign: str | None
    source: str  # mention, carried, none


def metric_at(sv: SentenceView, a: int, b: int, state: ArticleState) -> MetricHit:
    """The metric a figure at ``[a, b)`` is about."""
    metrics = sv.of("METRICS")
    after = [m for m in metrics if m.start >= b]
    for m in after[:1]:
        if _IN_OF.match(sv.text[b : m.start]) or (
            m.get("metric") == "balance" and _NEXT_BALANCE.match(sv.text[b : m.start])
        ):
            return _hit(m, metrics)
    before = [m for m in metrics if m.end <= a]
    if before:
        return _hit(before[-1], metrics)
    if after:
        return _hit(after[0], metrics)
    if state.metric is not None:
        return MetricHit(state.metric[0], state.metric[1], "carried")
    return MetricHit("other", None, "none")


def _hit(m: Mention, metrics: list[Mention]) -> MetricHit:
    metric, sign = str(m.get("metric")), m.get("sign")
    if metric == "balance" and sign is None:  # "the trade balance was a deficit of ..."
        signed = [x for x in metrics if x.get("sign") and abs(x.start - m.end) < 40]
        sign = signed[0].get("sign") if signed else m.get("weak_sign")  # "the gap": a deficit
    return MetricHit(metric, sign, "mention")


def subject_metric(sv: SentenceView, pos: int, state: ArticleState) -> MetricHit | None:
    """The metric a verb at ``pos`` is said of: a metric word earlier in its clause, or a
    pronoun subject ("It exceeded ...") standing for the previous metric."""
    cs, _ = sv.clause(pos)
    inside = sv.of("METRICS", cs, pos)
    if inside:
        last = inside[-1]
        if sv.quantity_in(last.end, pos) or sv.of("DIRECTIONS", last.end, pos):
            return None  # "Imports fell 14.8% as crude prices eased": not the subject of "eased"
        return _hit(last, sv.of("METRICS"))
    if PRONOUN.match(sv.text[cs:pos]):
        return metric_at(sv, pos, pos, state)
    earlier = sv.of("METRICS", sv.start, cs)  # "Exports to the US, however, slipped"
    if (
        earlier
        and not sv.quantity_in(earlier[-1].end, pos)
        and not sv.of("DIRECTIONS", earlier[-1].end, pos)
    ):
        return _hit(earlier[-1], sv.of("METRICS"))
    return None


def partner_at(sv: SentenceView, a: int, b: int, state: ArticleState) -> str:
    """The partner of a figure at ``[a, b)`` (canonical name; World when none is named)."""
    return partner_hit(sv, a, b, state)[0]


def partner_hit(sv: SentenceView, a: int, b: int, state: ArticleState) -> tuple[str, str]:
    """(partner, how it was resolved: stated | inherited | default) of a figure at ``[a, b)``.

    A partner named earlier in the sentence holds unless a "total" cue or a contrast
    ("while imports fell ...") comes between; a partner of the previous sentence of the same
    paragraph holds only when the sentence points back to it ("exports *there* fell").
    """
    partners = sv.of("PARTNERS")
    for p in partners:
        if b <= p.start <= b + 40 and _PARTNER_GAP.match(sv.text[b : p.start]):
            return str(p.get("partner")), "stated"
    before = [p for p in partners if p.end <= a]
    totals = sv.of("TOTALS", sv.start, a)
    if before:
        last = before[-1]
        between = sv.text[last.end : a]
        hard = _HARD_BREAK.search(between)
        # "exports to the US slid, though less steeply: the decline was 3.1%" keeps the partner;
        # "..., while imports fell 2%" (a new subject after the contrast) does not
        contrast = (
            hard
            and sv.of("METRICS", last.end + hard.end(), a)
            and not (state.anaphora and state.anaphora.search(between))
        )
        blocked = any(t.start >= last.end for t in totals) or contrast
        return ("World", "stated") if blocked else (str(last.get("partner")), "stated")
    if totals:
        return "World", "stated"
    if (
        state.partner
        and state.anaphora is not None
        and state.anaphora.search(sv.text[sv.start : min(sv.end, b + 30)])
    ):
        return state.partner, "inherited"
    if state.partner is None and state.last_partner and _REGION.search(sv.text[sv.start : b + 30]):
        return state.last_partner, "inherited"  # "A: It did: a surplus ... with the bloc."
    if state.partner not in (None, "World", "Other"):
        return "World", "default"  # the paragraph was about a partner the sentence does not name
    return "World", "stated"  # an unmarked figure in a paragraph about Japan's total trade


def _inside_base(sv: SentenceView, a: int, p: PeriodPhrase) -> bool:
    """Whether the claim at ``a`` is the figure of a base phrase that ends in period ``p``
    ("from an 11.4% gain in February", "after rising 11.4% in February"): ``p`` is its own."""
    lo = max(sv.start, p.start - 80)
    m = _BASE_LEVEL.search(sv.text, lo, p.start)
    return m is not None and m.start("mid") <= a


def _explicit(h: PeriodHit) -> bool:
    return not h.phrase.relative and not h.base and h.phrase.kind != "last_month"


def _compared_with(sv: SentenceView, a: int, b: int, h: PeriodHit) -> bool:
    """Whether base phrase ``h`` is what the figure at ``[a, b)`` is compared with: after it in
    its clause, with no other percentage between ("fell 7.1% to 9.16 trillion yen in April
    *from March*"; not "rose 3.9%, slowing from an 11.4% gain *in February*")."""
    if h.phrase.start < b or sv.clause(h.phrase.start) != sv.clause(a):
        return False
    return not any(b <= q.start < h.phrase.start and q.unit == "percent" for q in sv.quantities)


def period_at(
    sv: SentenceView, a: int, b: int, hits: list[PeriodHit], change: bool, state: ArticleState
) -> tuple[PeriodHit | None, Period | None, PeriodHit | None]:
    """(the phrase used or None, the period, the base phrase the figure is compared with:
    "rose 2% *from March*", "up 5% *on a year earlier*", or None)."""
    usable = [h for h in hits if h.phrase.kind != "date"]
    if any(h.phrase.kind == "last_month" for h in usable) and any(_explicit(h) for h in usable):
        # "the deficit for 2024 came in at 5.33 trillion yen last month": the release, not the period
        usable = [h for h in usable if h.phrase.kind != "last_month"]
    base = next((h for h in usable if h.base and _compared_with(sv, a, b, h)), None)
    for h in usable:
        gap = sv.text[b : h.phrase.start]
        if (
            b <= h.phrase.start <= b + 40
            and not sv.quantity_in(b, h.phrase.start)
            and _AFTER_GAP.match(gap)
        ):
            if h.base and not h.phrase.relative and _inside_base(sv, a, h.phrase):
                return h, h.period, None  # "slowing from an 11.4% gain in February"
            if (h.phrase.relative or h.base) and change and (_BASE_GAP.search(gap) or h.base):
                base = h
                continue
            return h, h.period, base  # "fell 5.1% in April *from March*" keeps its base
        if (
            h.phrase.end <= a
            and h.phrase.text[-2:] in ("'s", "’s")
            and _POSSESSED.match(sv.text[h.phrase.end : a])
        ):  # "the previous year's ¥5.63 trillion", "the previous fiscal year's deficit, 21.73"
            return h, h.period, None
        if h.base and h.phrase.end <= a and _WHEN_BASE.match(sv.text[h.phrase.end : a]):
            return h, h.period, None  # "from the year before, when it stood at 5.3 trillion yen"
    explicit = [
        h
        for h in usable
        if (
            not h.phrase.relative
            or h.phrase.text[-2:] in ("'s", "’s")  # "the previous year's deficit, ..."
            or _LEAD.match(sv.text[sv.start : h.phrase.start])  # "A year ago, the deficit ..."
        )
        and not h.base
        and h.period is not None
    ]
    before = [h for h in explicit if h.phrase.end <= a]
    if before:
        return before[-1], before[-1].period, base
    clause = sv.clause(a)
    after = [h for h in explicit if h.phrase.start >= b and sv.clause(h.phrase.start) == clause]
    if after:
        return after[0], after[0].period, base
    return None, state.current, base
