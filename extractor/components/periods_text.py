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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from extractor.components.gates import fold, literal_gate, may_match
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
    heads: tuple[str, ...] | None = None  # what every match starts with (see pattern_heads)


@lru_cache(maxsize=8)
def period_rules(lang: str = "en") -> tuple[tuple[_Rule, ...], dict[str, int]]:
    """The compiled period rules and month table for ``lang`` (compiled once)."""
    try:
        data = importlib.import_module(f"extractor.patterns.periods_{lang}")
    except ModuleNotFoundError as exc:
        raise PeriodError(f"no period patterns for language {lang!r}") from exc
    rules = []
    for r in data.RULES:
        flags = 0 if r.get("case") else regex.IGNORECASE
        pattern = r["pattern"].replace("{MONTH}", data.MONTH)
        gate = literal_gate(r["pattern"])
        heads = pattern_heads(pattern, folded=not r.get("case"))
        rules.append(_Rule(r["id"], r["kind"], regex.compile(pattern, flags), gate, heads))
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
    starts = _Starts(text, folded)
    for rule in rules:
        if not may_match(rule.gate, folded):
            continue
        if aligned and rule.heads is not None:
            matches = _matches_at(rule.regex, text, starts.of(rule.heads, rule.regex.flags))
        else:
            matches = rule.regex.finditer(text)
        for m in matches:
            if m.end() == m.start():
                continue
            found.append(_phrase(m, rule, months))
    return tuple(resolve_overlaps(found))


# -- anchoring: a rule is tried only where one of its heads starts ---------------------------

DIGIT = r"\d"  # the head "any decimal digit" (as ``regex`` reads ``\d``)
HEAD_LEN = 4  # heads are cut to this length: fewer words to look for, the same positions proved
_MAX_HEADS = 64  # a sequence's heads are lengthened only while there are at most this many
_DIGITS = regex.compile(DIGIT)
_QUANTIFIER = regex.compile(r"(?:[?*+]|\{(?:\d+(?:,\d*)?|,\d+)\})[?+]?")
_TOKENS = regex.compile(
    r"\\p\{[^}]*\}|\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\((?:\?(?:[:=!]|<[=!]|P<\w+>))?|"
    + _QUANTIFIER.pattern
    + "|.",
    regex.DOTALL,
)
_SIMPLE_CLASS = regex.compile(r"\[((?:[A-Za-z0-9](?:-[A-Za-z0-9])?)+)\]")
_ZERO_ESCAPES = frozenset("bBAZ")
_OTHER_ESCAPES = frozenset("sSwWDntrfv")
# ("lit", strings) | ("digit", None) | ("group", branches) | ("zero", None) | ("other", None)
Node = tuple[str, Any]
Item = tuple[Node, int, bool]  # a node, its least count and whether it is unquantified


class _Unknown(Exception):
    """The pattern holds syntax the head reader does not know: the rule is not anchored."""


def pattern_heads(pattern: str, folded: bool = True) -> tuple[str, ...] | None:
    """Strings (cut to ``HEAD_LEN``; :data:`DIGIT` for any digit) one of which every match of
    ``pattern`` starts with, case-folded when ``folded``; None when that cannot be proved (a
    match may be empty or open with something else, or the syntax is not known here).

    Read left to right through zero-width and optional items: an optional item adds its heads
    to those of what follows; a required one ends the reading, lengthened by what follows when
    it is a short list of plain literals ("(?:Jan|Feb)\\." -> "jan.", "feb.").
    """
    try:
        branches, end = _parse(_TOKENS.findall(pattern), 0)
    except _Unknown:
        return None
    heads = _group_heads(branches) if end < 0 else None
    if heads is None:
        return None
    cut = {h if h == DIGIT else h[:HEAD_LEN] for h in heads}
    cut = {h.casefold() for h in cut} if folded else cut
    return tuple(sorted(h for h in cut if not any(h != o and h.startswith(o) for o in cut)))


def _parse(tokens: list[str], i: int) -> tuple[list[list[Item]], int]:
    """The branches of the alternation from ``tokens[i]`` and the index after its ``)``
    (-1 at the end of the pattern)."""
    branches: list[list[Item]] = [[]]
    while i < len(tokens):
        t = tokens[i]
        if t == ")":
            return branches, i + 1
        if t == "|":
            branches.append([])
            i += 1
            continue
        if t.startswith("("):
            if t == "(" and tokens[i + 1 : i + 2] == ["?"]:
                raise _Unknown(t)  # inline flags, atomic groups, conditionals ...
            inner, i = _parse(tokens, i + 1)
            if i < 0:
                raise _Unknown("unbalanced group")
            zero = t in ("(?=", "(?!", "(?<=", "(?<!")
            node: Node = ("zero", None) if zero else ("group", inner)
        else:
            node, i = _atom(t), i + 1
        q = tokens[i] if i < len(tokens) and _QUANTIFIER.fullmatch(tokens[i]) else None
        i += q is not None
        least = 1 if q is None else 0 if q[0] in "?*" or q.startswith(("{0", "{,")) else 1
        branches[-1].append((node, least, q is None))
    return branches, -1


def _atom(t: str) -> Node:
    if t.startswith("\\") and len(t) == 2:
        e = t[1]
        if e == "d":
            return ("digit", None)
        if e in _ZERO_ESCAPES:
            return ("zero", None)
        if e.isalnum() and e not in _OTHER_ESCAPES:
            raise _Unknown(t)  # \x41, \1, \N{...}, \G: not one plain item
        return ("lit", {e}) if e.isascii() and not e.isalnum() else ("other", None)
    if t.startswith("["):
        simple = _SIMPLE_CLASS.fullmatch(t)
        chars = regex.findall(r".-.|.", simple.group(1)) if simple else []
        expanded = {chr(c) for r in chars for c in range(ord(r[0]), ord(r[-1]) + 1)}
        return ("lit", expanded) if simple and len(expanded) <= 16 else ("other", None)
    if t in ("^", "$"):
        return ("zero", None)
    plain = len(t) == 1 and t.isascii() and t.isprintable() and t != "."
    return ("lit", {t}) if plain else ("other", None)


def _group_heads(branches: list[list[Item]]) -> set[str] | None:
    heads: set[str] = set()
    for branch in branches:
        found = _sequence_heads(branch)
        if found is None:
            return None
        heads |= found
    return heads


def _sequence_heads(seq: list[Item]) -> set[str] | None:
    """The heads of every match of ``seq`` (None: unknown, or the match may be empty)."""
    for k, (node, least, once) in enumerate(seq):
        if node[0] == "zero":
            continue
        first = _node_heads(node)
        if first is None:
            return None
        rest = _sequence_heads(seq[k + 1 :])
        if least == 0:
            return None if rest is None else first | rest
        whole = _literals(node) if once else None
        if (
            whole is not None
            and rest
            and DIGIT not in rest
            and len(whole) * len(rest) <= _MAX_HEADS
        ):
            return {a + b for a in whole for b in rest}
        return first
    return None


def _node_heads(node: Node) -> set[str] | None:
    kind, value = node
    if kind == "lit":
        return set(value)
    if kind == "digit":
        return {DIGIT}
    return _group_heads(value) if kind == "group" else None


def _literals(node: Node) -> set[str] | None:
    """Every string ``node`` can match, when it is a short list of plain literals."""
    kind, value = node
    if kind == "lit":
        return set(value)
    if kind != "group":
        return None
    strings: set[str] = set()
    for branch in value:
        words = {""}
        for item, least, once in branch:
            part = _literals(item) if least == 1 and once else None
            if part is None or len(words) * len(part) > _MAX_HEADS:
                return None
            words = {a + b for a in words for b in part}
        strings |= words
    return strings


class _Starts:
    """Where each head starts in one text (found once, shared by the rules)."""

    def __init__(self, text: str, folded: str) -> None:
        self.text, self.folded = text, folded
        self.found: dict[tuple[str, bool], list[int]] = {}
        self.merged: dict[tuple[tuple[str, ...], bool], list[int]] = {}

    def of(self, heads: tuple[str, ...], flags: int) -> list[int]:
        """The sorted offsets where one of ``heads`` starts (``flags``: the rule's)."""
        ignore = bool(flags & regex.IGNORECASE)
        merged = self.merged.get((heads, ignore))
        if merged is None:
            offsets: set[int] = set()
            for head in heads:
                key = (head, ignore)
                if key not in self.found:
                    self.found[key] = self._find(head, self.folded if ignore else self.text)
                offsets.update(self.found[key])
            merged = self.merged[heads, ignore] = sorted(offsets)
        return merged

    def _find(self, head: str, text: str) -> list[int]:
        if head == DIGIT:
            return [m.start() for m in _DIGITS.finditer(self.text)]
        found = []
        i = text.find(head)
        while i >= 0:
            found.append(i)
            i = text.find(head, i + 1)
        return found


def _matches_at(pattern: Any, text: str, starts: list[int]) -> Iterator[Any]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts``: the pattern is
    tried there only (``match`` at an offset sees the text before it, for look-behinds)."""
    pos = 0
    for start in starts:
        if start >= pos:
            m = pattern.match(text, start)
            if m is not None:
                yield m
                pos = m.end()


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
        if k in ("year_earlier", "month_earlier", "last_year"):
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


def _relative(phrase: PeriodPhrase, ctx: PeriodContext) -> Resolved:
    if phrase.kind == "last_year" and ctx.ref is not None:
        return Resolved(Period.calendar_year(ctx.ref.year - 1))
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
    last = phrase.month2 if phrase.kind in ("month_range", "fiscal_definition") else phrase.month
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
