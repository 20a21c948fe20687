"""Period phrases in text -> :class:`~extractor.periods.Period`.

Two pure steps, so that tests can call each:

- :func:`find_period_phrases` (text, lang) -> every period phrase, overlaps resolved
  (the rules are data in ``extractor.patterns.periods_<lang>``);
- :func:`resolve_period` (phrase, context) -> the Period it means, with notes. A phrase without a
  year ("in March", "the fiscal year through March") takes the latest such period on or before
  the reference date (the publication date, else the end of the current period of the article).

Relative phrases ("the same month last year", "the previous year") resolve against the current
period of the article (``PeriodContext.anchor``) and never become the current period themselves.
A wrong definition ("the March-April fiscal period") resolves to the fiscal year the writer
meant, with the note ``period.fiscal_definition: March-April``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from extractor.components.gates import fold, literal_gate, may_match
from extractor.components.heads import pattern_heads
from extractor.components.starts import Starts, matches_at
from extractor.errors import PeriodError
from extractor.periods import Period

RELATIVE_KINDS = frozenset({"year_earlier", "month_earlier", "month_last_year"})
_HALF = {"first": 1, "second": 2, "1": 1, "2": 2, "last": 2, "final": 2}
_SPAN = {"six": 6, "6": 6, "twelve": 12, "12": 12}
# a correct definition is no error: "the April-September first fiscal half"
_CORRECT_DEFINITIONS = {(4, 9, "half"), (10, 3, "half"), (4, 3, "year"), (4, 3, "period")}
# (first month, last month) of a written range -> (period kind, half); the year is the year of
# the first month for CY ranges and of April for FY ranges.
_RANGES = {(1, 12): ("CY", 0), (4, 3): ("FY", 0), (1, 6): ("CYH", 1), (7, 12): ("CYH", 2),
           (4, 9): ("FYH", 1), (10, 3): ("FYH", 2)}  # fmt: skip


@dataclass(frozen=True)
class PeriodPhrase:
    """A period phrase as found: surface, offsets, the rule that matched and its parts."""

    text: str
    start: int
    end: int
    rule: str
    kind: str
    month: int | None = None
    month2: int | None = None
    year: int | None = None
    half: int | None = None
    same: bool = False
    unit: str | None = None  # year | period | half (of a wrong definition); "fiscal" for halves

    @property
    def relative(self) -> bool:
        return self.kind in RELATIVE_KINDS


@dataclass(frozen=True)
class PeriodContext:
    """What a phrase without a year is read against."""

    ref: dt.date | None = None  # the publication date (or a date the article states)
    anchor: Period | None = None  # the current period of the article at this point


@dataclass(frozen=True)
class Resolved:
    period: Period | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Rule:
    id: str
    kind: str
    regex: Any
    gate: tuple[str, ...] | None = None  # literals one of which every match holds (see gates)
    heads: tuple[str, ...] | None = None  # what every match starts with (see heads.pattern_heads)
    caseless: bool = True  # compiled with IGNORECASE: its heads are case-folded


@lru_cache(maxsize=8)
def period_rules(lang: str = "en") -> tuple[tuple[_Rule, ...], dict[str, int]]:
    """The compiled period rules and month table for ``lang`` (compiled once)."""
    try:
        data = importlib.import_module(f"extractor.patterns.periods_{lang}")
    except ModuleNotFoundError as exc:
        raise PeriodError(f"no period patterns for language {lang!r}") from exc
    rules = []
    for r in data.RULES:
        caseless = not r.get("case")
        pattern = r["pattern"].replace("{MONTH}", data.MONTH)
        compiled = regex.compile(pattern, regex.IGNORECASE if caseless else 0)
        heads = pattern_heads(pattern, folded=caseless)
        rules.append(
            _Rule(r["id"], r["kind"], compiled, literal_gate(r["pattern"]), heads, caseless)
        )
    return tuple(rules), dict(data.MONTHS)


def resolve_overlaps(items: list[Any]) -> list[Any]:
    """Keep the longest of overlapping items (ties: the earlier in the list), in text order.

    Items need ``start`` and ``end``; pure, used for periods and every other mention kind.
    """
    order = sorted(range(len(items)), key=lambda i: (-(items[i].end - items[i].start), i))
    taken: list[Any] = []
    for i in order:
        it = items[i]
        if all(it.end <= t.start or it.start >= t.end for t in taken):
            taken.append(it)
    return sorted(taken, key=lambda t: t.start)


def find_period_phrases(text: str, lang: str = "en") -> list[PeriodPhrase]:
    """Every period phrase of ``text`` (dates included, as kind ``date``), in text order."""
    return list(_period_phrases(text, lang))


@lru_cache(maxsize=16)
def _period_phrases(text: str, lang: str) -> tuple[PeriodPhrase, ...]:
    """:func:`find_period_phrases`, kept for the few texts last read: the claim layer and the
    reference date of a text (read up to three times per article) ask for the same phrases."""
    rules, months = period_rules(lang)
    found: list[PeriodPhrase] = []
    folded = fold(text)  # a rule none of whose gate literals occurs cannot match: skipped
    # offsets of the folded text are those of the text when folding kept every character one
    aligned = "\u0130" not in text and len(folded) == len(text)
    starts = Starts(text, folded)  # a rule is tried only where one of its heads starts
    for rule in rules:
        if not may_match(rule.gate, folded):
            continue
        if aligned and rule.heads is not None:
            matches = matches_at(rule.regex, text, starts.of(rule.heads, rule.caseless))
        else:
            matches = rule.regex.finditer(text)
        for m in matches:
            if m.end() == m.start():
                continue
            found.append(_phrase(m, rule, months))
    return tuple(resolve_overlaps(found))


def _phrase(m: Any, rule: _Rule, months: dict[str, int]) -> PeriodPhrase:
    g = {k: v for k, v in m.groupdict().items() if v}

    def month(key: str) -> int | None:
        return months.get(g[key].lower().rstrip(".")) if key in g else None

    year = int(g["year"]) if "year" in g else (2000 + int(g["yy"]) if "yy" in g else None)
    half = _HALF.get(g.get("half", "").lower())
    if "halfway" in m.group().lower():  # "halfway through the fiscal year": its first half
        half = 1
    first = month("m1")
    if first is None and "n" in g and "m2" in g:  # "the six months to September"
        first = (months[g["m2"].lower().rstrip(".")] - _SPAN[g["n"].lower()]) % 12 + 1
    if rule.kind == "fiscal_half" and half is None and "m1" in g:  # "the April-September half"
        half = 1 if month("m1") == 4 else 2
    return PeriodPhrase(
        text=m.group(),
        start=m.start(),
        end=m.end(),
        rule=rule.id,
        kind=rule.kind,
        month=month("month") or first,
        month2=month("m2"),
        year=year,
        half=half,
        same="same" in g,
        unit=g.get("unit", "fiscal" if "fy" in g else None),
    )


# -- resolution -----------------------------------------------------------------------------


# the note of a span of two consecutive months ("from March to April"): the later month, whose
# change is month-on-month (the claim layer sets the basis)
FROM_PREVIOUS_MONTH = "period.from_previous_month"


def reference_date(ctx: PeriodContext) -> dt.date | None:
    if ctx.ref is not None:
        return ctx.ref
    return ctx.anchor.end if ctx.anchor is not None else None


def latest_month(month: int, ref: dt.date) -> Period:
    """The latest month named ``month`` on or before ``ref``."""
    return Period.month(ref.year if month <= ref.month else ref.year - 1, month)


def latest_full_fiscal_year(ref: dt.date) -> Period:
    """The latest fiscal year that ended on or before ``ref``."""
    return Period.fiscal_year_of(ref).shift(-1)


def resolve_period(phrase: PeriodPhrase, ctx: PeriodContext) -> Resolved:
    """The Period a phrase means in context (None when it cannot be told, with a note why)."""
    k, ref = phrase.kind, reference_date(ctx)
    try:
        if k == "date":
            return Resolved(None)
        if k == "month_span" and _next_month(phrase):  # "from March to April": April's change
            r = _needs_year(dataclasses.replace(phrase, kind="month", month=phrase.month2), ref)
            return Resolved(r.period, (f"{FROM_PREVIOUS_MONTH}: {phrase.text}", *r.notes))
        if k == "quarter" or (k == "month_span" and not _between_half_or_year(phrase)):
            return Resolved(None, (f"period.unsupported: {phrase.text}",))
        if k == "month_year":
            return Resolved(Period.month(phrase.year, phrase.month))  # type: ignore[arg-type]
        if k == "fiscal_year":
            return Resolved(Period.fiscal_year(phrase.year))  # type: ignore[arg-type]
        if k == "fiscal_half":
            return Resolved(Period.half("FY", phrase.year, phrase.half))  # type: ignore[arg-type]
        if k == "calendar_half":
            return Resolved(Period.half("CY", phrase.year, phrase.half))  # type: ignore[arg-type]
        if k == "year":
            return Resolved(Period.calendar_year(phrase.year))  # type: ignore[arg-type]
        if k in ("year_earlier", "month_earlier", "last_year", "last_month"):
            return _relative(phrase, ctx)
        if k == "fiscal_definition" and _correct_definition(phrase):
            return _needs_year(phrase, ref)
        if k == "fiscal_definition" and phrase.unit == "half" and phrase.half is not None:
            r = _half_bare(dataclasses.replace(phrase, unit="fiscal"), PeriodContext(ref=ref), ref)
            return Resolved(r.period, (_definition_note(phrase), *r.notes))
        if k == "fiscal_definition" and phrase.unit == "half":
            r = _needs_year(phrase, ref)
            return Resolved(r.period, (_definition_note(phrase), *r.notes))
        if k in ("fiscal_bare", "fiscal_definition"):
            return _fiscal_bare(phrase, ctx, ref)
        if k == "half_bare":
            return _half_bare(phrase, ctx, ref)
        if k in ("month_last_year", "full_year"):
            return _in_current_year(phrase, ctx)
        return _needs_year(phrase, ref)
    except PeriodError as exc:
        return Resolved(None, (f"period.invalid: {phrase.text} ({exc.message})",))


def _next_month(phrase: PeriodPhrase) -> bool:
    """ "from March to April", "between December and January": a month and the one after it."""
    return phrase.month is not None and phrase.month2 == phrase.month % 12 + 1


def _between_half_or_year(phrase: PeriodPhrase) -> bool:
    """ "between January and June": a span MOF prints (a half or a year), read as a range."""
    return phrase.text[:1] in "bB" and (phrase.month or 0, phrase.month2 or 0) in _RANGES


def _relative(phrase: PeriodPhrase, ctx: PeriodContext) -> Resolved:
    if phrase.kind == "last_year" and ctx.ref is not None:
        return Resolved(Period.calendar_year(ctx.ref.year - 1))
    if phrase.kind == "last_month":  # the month before publication, not before the anchor
        if ctx.ref is None:
            return Resolved(None, (f"period.year_unknown: {phrase.text}",))
        return Resolved(Period.month(ctx.ref.year, ctx.ref.month).previous())
    if ctx.anchor is None:
        return Resolved(None, (f"period.no_context: {phrase.text}",))
    if phrase.kind == "month_earlier":
        if ctx.anchor.is_month:
            return Resolved(ctx.anchor.previous())
        return Resolved(None, (f"period.no_context: {phrase.text}",))
    return Resolved(ctx.anchor.year_earlier())


def _fiscal_bare(phrase: PeriodPhrase, ctx: PeriodContext, ref: dt.date | None) -> Resolved:
    notes = (_definition_note(phrase),) if phrase.kind == "fiscal_definition" else ()
    if ctx.anchor is not None and ctx.anchor.kind == "FY":
        return Resolved(ctx.anchor, notes)
    if ctx.ref is not None:
        return Resolved(latest_full_fiscal_year(ctx.ref), notes)
    if ctx.anchor is not None:
        return Resolved(Period.fiscal_year_of(ctx.anchor.end), notes)
    return Resolved(None, (*notes, f"period.year_unknown: {phrase.text}"))


def _correct_definition(phrase: PeriodPhrase) -> bool:
    return (phrase.month, phrase.month2, phrase.unit) in _CORRECT_DEFINITIONS


def _definition_note(phrase: PeriodPhrase) -> str:
    names = regex.findall(r"[A-Za-z]+\.?", phrase.text)
    skip = ("the", "fiscal", "period", "year", "half", "to", "through", "first", "second", "of")
    return "period.fiscal_definition: " + "-".join(n for n in names if n.lower() not in skip)


def _in_current_year(phrase: PeriodPhrase, ctx: PeriodContext) -> Resolved:
    """ "March last year" (the month a year before the current period's year), "the full
    calendar year" (the year of the current period)."""
    if ctx.anchor is None:
        if phrase.kind == "month_last_year" and ctx.ref is not None:
            return Resolved(Period.month(ctx.ref.year - 1, phrase.month or 1))
        return Resolved(None, (f"period.no_context: {phrase.text}",))
    a = ctx.anchor
    if phrase.kind == "month_last_year":
        return Resolved(Period.month(a.year - 1, phrase.month or 1))
    if (phrase.unit or "").startswith("fiscal") or a.kind in ("FY", "FYH"):
        return Resolved(
            Period.fiscal_year(a.year if a.kind != "month" else Period.fiscal_year_of(a.start).year)
        )
    return Resolved(Period.calendar_year(a.year))


def _half_bare(phrase: PeriodPhrase, ctx: PeriodContext, ref: dt.date | None) -> Resolved:
    """ "the first half (of the year)": the half of the current period's year, else the latest
    such half that ended on or before the reference date."""
    basis = (
        "FY"
        if phrase.unit == "fiscal" or (ctx.anchor and ctx.anchor.kind in ("FY", "FYH"))
        else "CY"
    )
    half = phrase.half or 1
    if ctx.anchor is not None:
        year = ctx.anchor.year
        if basis == "FY" and ctx.anchor.kind == "month":
            year = Period.fiscal_year_of(ctx.anchor.start).year
        return Resolved(Period.half(basis, year, half))  # type: ignore[arg-type]
    if ref is None:
        return Resolved(None, (f"period.year_unknown: {phrase.text}",))
    for year in (ref.year, ref.year - 1, ref.year - 2):
        p = Period.half(basis, year, half)  # type: ignore[arg-type]
        if p.end <= ref:
            return Resolved(p)
    return Resolved(None, (f"period.year_unknown: {phrase.text}",))  # pragma: no cover


def _needs_year(phrase: PeriodPhrase, ref: dt.date | None) -> Resolved:
    """month, month_range and fiscal_ending: the year comes from the phrase or the context."""
    last = (
        phrase.month2
        if phrase.kind in ("month_range", "month_span", "fiscal_definition")
        else phrase.month
    )
    if last is None:
        return Resolved(None, (f"period.unparsed: {phrase.text}",))
    if phrase.year is not None:
        end = Period.month(phrase.year, last)
    elif ref is not None:
        end = latest_month(last, ref)
    else:
        return Resolved(None, (f"period.year_unknown: {phrase.text}",))
    if phrase.kind == "month":
        return Resolved(end)
    if phrase.kind == "fiscal_ending":
        if last != 3:
            return Resolved(None, (f"period.unsupported: {phrase.text}",))
        return Resolved(Period.fiscal_year(end.year - 1))
    span = _RANGES.get((phrase.month or 0, last))
    if span is None:
        return Resolved(None, (f"period.unsupported: {phrase.text}",))
    kind, half = span
    first_year = end.year if (phrase.month or 0) <= last else end.year - 1
    return Resolved(Period(kind, first_year, half))  # type: ignore[arg-type]


def fiscal_reading(phrase: PeriodPhrase, text: str, ref: dt.date | None, lang: str = "en") -> bool:
    """True when a bare year names a fiscal year: "the 2024 trade statistics" in a release of
    April-June of the next year (MOF publishes fiscal-year results in mid-April; calendar-year
    results in January)."""
    if phrase.kind != "year" or phrase.year is None:
        return False
    after = text[phrase.end : phrase.end + 40]
    if not regex.match(r"\s+(?:annual\s+)?(?:trade\s+)?(?:statistics|data|figures|results)", after):
        return False
    if ref is not None:
        return ref.year == phrase.year + 1 and 4 <= ref.month <= 6
    return bool(
        regex.search(
            r"released.{0,60}\b(?:April|May)\s+\d{1,2}\b(?!,?\s*\d{4})",
            text[phrase.end : phrase.end + 200],
        )
    )
