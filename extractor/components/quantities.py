"""Quantity recognition: every number in a text, with its unit, precision and hedge.

The core is one compiled regular expression (built once from ``extractor.patterns.numbers``)
and a single pass over the text:

- :func:`match_quantities` (pure) -> the :class:`~extractor.model.Quantity` list;
- :func:`skipped_numbers` (pure) -> every digit run that is *not* a quantity, with the reason
  (a year, a date, a time of day, a code such as ``FY2024``/``H1``, something unparseable), so
  that nothing numeric is dropped silently;
- :func:`scan` -> both at once;
- the spaCy component ``extractor_quantities`` writes them to ``doc.spans["quantities"]``
  (each span's ``span._.quantity`` is the Quantity, whose offsets stay exact even when the span
  had to expand to token boundaries) and ``doc.spans["skipped_numbers"]`` (label = reason).

A Quantity's span covers the hedge and the sign when written ("nearly 4%", "minus 1.3 percent");
``value`` is signed (``-1.3%`` -> -1.3 percent, ``negative=True``). Years (1979, 2024) and day
numbers of dates ("April 17") are not quantities. Counts: bare numbers, number words ("two")
and ordinals ("fourth", "4th") are ``count`` quantities (written_unit ``ordinal`` for ordinals);
what they count is the claim layer's business.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

import regex

from extractor.components.anchored import anchor_pattern, anchored_finditer
from extractor.model import Quantity
from extractor.patterns import numbers as P
from extractor.units import UnitError, scale_factor, to_canonical

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# -- the pattern, compiled once ---------------------------------------------------------------


def fold(spelling: str) -> str:
    """Lower-case with single spaces: the key of the spelling tables."""
    return " ".join(spelling.split()).lower()


def _alternation(spellings: object) -> str:
    """A longest-first alternation; a space in a spelling matches any whitespace."""
    words = sorted({str(s) for s in spellings}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words)


# Structured tokens holding digits that are not quantities: name -> (pattern, reason).
_STRUCTURED: dict[str, tuple[str, str]] = {
    "url": (r"\b(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+\.[\w.-]+", "inside a URL or e-mail"),
    "sdate": (r"(?<![\p{N}/])\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)(?![\p{N}/])", "a date"),
    "phone": (
        r"(?<![\p{N}\p{Latin}])\+\d{1,3}(?:[-\s.]\(?\d{2,4}\)?){2,}(?:/\d{2,4})*(?!\p{N})",
        "a phone number",
    ),
}


def _build() -> regex.Pattern[str]:
    latin = r"[\p{Latin}\p{N}_]"
    sep = r"(?:\s{1,3}|-)?"
    pre = _alternation(P.CURRENCY_PREFIXES)
    short = "".join(sorted(P.SHORT_SCALES))
    times = _alternation(s for s in P.TIMES_SUFFIXES if s != "x")
    rate_only = r"(?P<rate>\s*(?:" + _alternation(P.RATE_SUFFIXES) + r")(?!\p{Latin}))"
    # a rate ("per dollar") follows a currency word or nothing: "6.1% against the dollar" is not one
    post_currency = (
        sep + r"(?P<post>" + _alternation(P.CURRENCY_SUFFIXES) + r")(?!\p{Latin})" + rate_only + "?"
    )
    others = "|".join([_alternation(P.PERCENT_SUFFIXES), times, r"(?<![\s-])x"])
    post_other = sep + r"(?P<post>" + others + r")(?!\p{Latin})"
    number = (
        r"(?(pre)|(?<!" + latin + r"|\p{N}[.,/:]|\p{Latin}[-‐–/:]))"
        r"(?:(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?![.,]?\d)"
        r"|(?P<numword>\b(?:" + _alternation(P.NUMBER_WORDS) + r")\b))"
    )
    ja_num = r"\d+(?:,\d{3})*(?:\.\d+)?"
    ja = (
        r"(?P<ja>(?<!\p{N})(?=\d)(?:(?P<cho>" + ja_num + r")兆)?(?:(?P<oku>" + ja_num + r")億)?"
        r"(?:(?P<man>" + ja_num + r")万)?(?P<ones>" + ja_num + r")?"
        r"(?<=[兆億万\d])(?P<jcur>" + "|".join(P.JAPANESE_CURRENCIES) + r"))"
    )
    main = (
        r"(?P<main>(?:(?<!" + latin + r")(?P<hedge>" + _alternation(P.HEDGES) + r")\s+)?"
        r"(?P<sign>(?<![\p{Latin}\p{N}_.,)\]%-])[-−–](?=[$¥.\d])|\bminus\s+)?"
        r"(?:(?<![\p{Latin}\p{N}])(?P<pre>" + pre + r")[ \u00a0]?)?"
        r"(?P<core>(?<!" + latin + r")(?P<ordnum>\d+(?:st|nd|rd|th))"
        r"|\b(?P<ordword>" + _alternation(P.ORDINAL_WORDS) + r")\b"
        r"|"
        + number
        + r"(?:"
        + sep
        + r"(?P<scale>"
        + _alternation(P.SCALE_WORDS)
        + r")(?!\p{Latin})"
        r"|(?(pre)(?-i:(?P<sscale>[" + short + r"])))(?![\p{Latin}\p{N}]))?"
        r"(?(pre)"
        + rate_only
        + r"?|(?:"
        + post_currency
        + "|"
        + post_other
        + "|"
        + rate_only
        + r")?))"
        r"(?![\p{Latin}\p{N}]))"
    )
    yrange = (
        r"(?P<yrange>(?<!" + latin + r")(?:19|20)\d\d\s?[-–/]\s?(?:(?:19|20)\d\d|\d\d)(?![\p{N}]))"
    )
    clock = r"(?P<clock>(?<!" + latin + r")\d{1,2}:\d\d(?::\d\d)?(?!\p{N}))"
    structured = [yrange, clock, *(f"(?P<{name}>{rx})" for name, (rx, _) in _STRUCTURED.items())]
    return regex.compile("|".join([*structured, ja, main]), regex.IGNORECASE)


QUANTITY = _build()
ANCHORS = anchor_pattern([*P.NUMBER_WORDS, *P.ORDINAL_WORDS])  # every QUANTITY match holds one
DIGITS = regex.compile(r"\d+(?:[.,:]\d+)*")
LATIN = regex.compile(r"\p{Latin}")
_MONTHS = _alternation(P.MONTHS)
RANGE_JOIN = regex.compile(r"\s*[-–]\s*|\s+to\s+")
PRONOUN_ONE = regex.compile(
    r"\b(?:" + _alternation(P.PRONOUN_ONE_AFTER) + r")\s+$", regex.IGNORECASE
)
MONTH_BEFORE = regex.compile(r"\b(?:" + _MONTHS + r")\.?\s+$", regex.IGNORECASE)
MONTH_AFTER = regex.compile(
    r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MONTHS + r")\b", regex.IGNORECASE
)


REASON_YEAR = "year"
REASON_YEAR_RANGE = "year range or period code"
REASON_DATE = "day of a date"
REASON_TIME = "time of day"
REASON_ATTACHED = "attached to letters (a code, label or decade such as FY2024, H1, G7, 1990s)"
REASON_PRONOUN = "the pronoun 'one' (this one, the one)"
REASON_UNPARSED = "a numeric-looking string the recogniser does not understand"


@dataclass(frozen=True)
class Skipped:
    """A numeric-looking string that did not become a Quantity, and why."""

    text: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Scan:
    """The result of one pass: the quantities and everything numeric that was skipped."""

    quantities: tuple[Quantity, ...]
    skipped: tuple[Skipped, ...]


def match_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order. Pure; ``text[q.start:q.end] == q.text``."""
    return list(scan(text).quantities)


def skipped_numbers(text: str) -> list[Skipped]:
    """Every digit run in ``text`` that is not part of a quantity, with the reason."""
    return list(scan(text).skipped)


def scan(text: str) -> Scan:
    """One pass over ``text``: quantities, and the numeric strings skipped with their reasons."""
    quantities: list[Quantity] = []
    skipped: list[Skipped] = []
    for m in anchored_finditer(QUANTITY, ANCHORS, text):
        reason = _skip_reason(text, m)
        if m.group("url") and not DIGITS.search(m.group()):
            continue  # a URL without digits: nothing numeric to report
        if reason:
            skipped.append(Skipped(m.group(), m.start(), m.end(), reason))
        elif m.group("ja"):
            quantities.append(_japanese(m))
        else:
            quantities.append(_quantity(m))
    skipped.extend(_leftover_digits(text, quantities, skipped))
    skipped.sort(key=lambda s: s.start)
    return Scan(tuple(inherit_range_units(text, quantities)), tuple(skipped))


def inherit_range_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Share the unit across a range ("3-4%", "3 to 4 trillion yen", "$3-4 billion"): the bare
    first number takes the second's unit; a currency sign on the first and a scale word on the
    second go to both. ``written_unit`` says what each was read with."""
    out = list(quantities)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if not RANGE_JOIN.fullmatch(text, first.end, second.start):
            continue
        if first.unit == "count" and not first.written_unit and second.unit != "count":
            out[i] = _reread(first, second.written_unit)
        elif first.written_unit in P.CURRENCY_PREFIXES and second.unit == "count":
            shared = f"{first.written_unit} {second.written_unit}"
            out[i], out[i + 1] = _reread(first, shared), _reread(second, shared)
    return out


def _reread(q: Quantity, written_unit: str) -> Quantity:
    """``q`` read again with another written unit (unchanged if that unit makes no sense)."""
    try:
        value, unit = to_canonical(q.written_value, written_unit)
        factor = scale_factor(written_unit)
    except UnitError:
        return q
    step = Decimal(q.written_value.replace(",", "")).as_tuple().exponent
    half = Decimal(1).scaleb(step if isinstance(step, int) else 0) * factor / 2
    signed = -value if q.negative else value
    return replace(
        q, value=float(signed), unit=unit, written_unit=written_unit, precision=float(half)
    )


# -- classification -------------------------------------------------------------------------


def _skip_reason(text: str, m: regex.Match[str]) -> str | None:
    if m.group("yrange"):
        return REASON_YEAR_RANGE
    if m.group("clock"):
        return REASON_TIME
    for name, (_, reason) in _STRUCTURED.items():
        if m.group(name):
            return reason
    if m.group("ja"):
        return None
    bare = not (m.group("pre") or m.group("scale") or m.group("sscale") or m.group("post"))
    bare = bare and not m.group("rate") and not m.group("sign")
    if not bare:
        return None
    if fold(m.group("numword") or "") == "one" and not text.startswith("-", m.end()):
        if PRONOUN_ONE.search(text, max(0, m.start("core") - 12), m.start("core")):
            return REASON_PRONOUN
    digits = m.group("num") or ""
    if len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100:
        return REASON_YEAR
    day = digits or (m.group("ordnum") or "")[:-2]
    if day.isdigit() and 1 <= int(day) <= 31:
        if MONTH_BEFORE.search(
            text, max(0, m.start("core") - 12), m.start("core")
        ) or MONTH_AFTER.match(text, m.end()):
            return REASON_DATE
    return None


def _leftover_digits(
    text: str, quantities: list[Quantity], skipped: list[Skipped]
) -> list[Skipped]:
    """Digit runs outside every quantity and skipped entry (so none is dropped silently)."""
    masked = list(text)
    for a, b in [(q.start, q.end) for q in quantities] + [(s.start, s.end) for s in skipped]:
        masked[a:b] = " " * (b - a)
    out: list[Skipped] = []
    for d in DIGITS.finditer("".join(masked)):
        before = text[d.start() - 1] if d.start() else ""
        after = text[d.end()] if d.end() < len(text) else ""
        attached = bool(LATIN.match(before) or LATIN.match(after))
        if not attached and before in "-–/" and d.start() >= 2:
            attached = bool(LATIN.match(text[d.start() - 2]))
        reason = REASON_ATTACHED if attached else REASON_UNPARSED
        out.append(Skipped(text[d.start() : d.end()], d.start(), d.end(), reason))
    return out


# -- building Quantity records --------------------------------------------------------------


def _number(m: regex.Match[str]) -> tuple[Decimal, str]:
    """The number as a Decimal, and as written."""
    if m.group("num"):
        written = m.group("num")
        return Decimal(written.replace(",", "")), written
    if m.group("numword"):
        written = m.group("numword")
        return Decimal(P.NUMBER_WORDS[fold(written)]), written
    if m.group("ordnum"):
        written = m.group("ordnum")
        return Decimal(written[:-2]), written
    written = m.group("ordword")
    return Decimal(P.ORDINAL_WORDS[fold(written)]), written


def _written_unit(m: regex.Match[str]) -> str:
    if m.group("ordnum") or m.group("ordword"):
        return "ordinal"
    parts = [m.group(g) for g in ("pre", "scale", "sscale", "post", "rate")]
    return " ".join(" ".join(p.split()) for p in parts if p)


def _quantity(m: regex.Match[str]) -> Quantity:
    number, written_value = _number(m)
    written_unit = _written_unit(m)
    try:
        factor_value, unit = to_canonical(1, "" if written_unit == "ordinal" else written_unit)
    except UnitError:
        factor_value, unit = Decimal(1), "unknown"
    exponent = number.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    negative = bool(m.group("sign"))
    value = number * factor_value * (-1 if negative else 1)
    hedge = m.group("hedge")
    return Quantity(
        text=m.group(),
        start=m.start(),
        end=m.end(),
        value=float(value),
        unit=unit,
        written_value=written_value,
        written_unit=written_unit,
        precision=float(step * factor_value / 2),
        hedge=P.HEDGES[fold(hedge)] if hedge else None,
        negative=negative,
    )


def _japanese(m: regex.Match[str]) -> Quantity:
    """``5兆2217億円`` -> 5.2217e12 JPY; precision from the smallest part written."""
    total = Decimal(0)
    smallest = Decimal(1)
    for group, factor in (("cho", 10**12), ("oku", 10**8), ("man", 10**4), ("ones", 1)):
        part = m.group(group)
        if part:
            digits = Decimal(part.replace(",", ""))
            total += digits * factor
            exponent = digits.as_tuple().exponent
            smallest = Decimal(factor).scaleb(exponent if isinstance(exponent, int) else 0)
    unit = P.JAPANESE_CURRENCIES[m.group("jcur")]
    return Quantity(
        text=m.group(),
        start=m.start(),
        end=m.end(),
        value=float(total),
        unit=unit,
        written_value=m.group()[: -len(m.group("jcur"))],
        written_unit=m.group("jcur"),
        precision=float(smallest / 2),
    )


# -- spaCy ----------------------------------------------------------------------------------

_USER_DATA_KEY = "extractor.quantities"


def _quantity_of(span: Span) -> Quantity | None:
    table = span.doc.user_data.get(_USER_DATA_KEY, {})
    return table.get((span.start_char, span.end_char, span.id_))


def set_annotations(doc: Doc, result: Scan) -> Doc:
    """Write ``doc.spans["quantities"]`` (with ``span._.quantity``) and ``["skipped_numbers"]``."""
    from spacy.tokens import Span

    table: dict[tuple[int, int, str], Quantity] = {}
    spans = []
    for i, q in enumerate(result.quantities):
        span = doc.char_span(q.start, q.end, label=q.unit, alignment_mode="expand")
        if span is None:  # only when the text is not the doc's text
            raise ValueError(f"quantity {q.text!r} at {q.start} is outside the Doc")
        span = Span(doc, span.start, span.end, label=q.unit, span_id=f"q{i}")
        table[(span.start_char, span.end_char, span.id_)] = q
        spans.append(span)
    doc.user_data[_USER_DATA_KEY] = table
    doc.spans["quantities"] = spans
    skipped = []
    for s in result.skipped:
        span = doc.char_span(s.start, s.end, label=s.reason, alignment_mode="expand")
        if span is not None:
            skipped.append(span)
    doc.spans["skipped_numbers"] = skipped
    return doc


def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Span

    if not Span.has_extension("quantity"):
        Span.set_extension("quantity", getter=_quantity_of)

    @Language.component(
        "extractor_quantities",
        requires=[],
        assigns=["doc.spans"],
    )
    def extractor_quantities(doc: Doc) -> Doc:
        """Find every quantity in the Doc's text (see :func:`scan`)."""
        from extractor.nlp import text_of

        return set_annotations(doc, scan(text_of(doc)))


_register()
