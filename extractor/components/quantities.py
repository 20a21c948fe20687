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

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

import regex

from extractor.components.anchored import anchored_finditer
from extractor.model import Quantity
from extractor.patterns import numbers as P
from extractor.units import UnitError, scale_factor, to_canonical

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

T = TypeVar("T")

# -- the pattern, compiled once ---------------------------------------------------------------


def fold(spelling: str) -> str:
    """Lower-case with single spaces: the key of the spelling tables."""
    return " ".join(spelling.split()).lower()


def spelled(table: Mapping[str, T], written: str) -> T:
    """``table``'s entry for a matched spelling. The pattern matches case-insensitively, which
    also lets "ſ" stand for "s" and the Kelvin sign for "k": those keys are found case-folded."""
    key = fold(written)
    return table[key] if key in table else table[key.casefold()]


def _alternation(spellings: object) -> str:
    """A longest-first alternation; a space in a spelling matches any whitespace.

    A look-ahead for the first characters of the spellings goes before it: it fails at once
    where no spelling can begin, where the ``regex`` module would try every branch in turn
    (the alternations of number words and suffixes are most of the cost of a QUANTITY match).
    """
    words = sorted({str(s) for s in spellings}, key=len, reverse=True)  # type: ignore[attr-defined]
    firsts = sorted({r"\s" if w[0].isspace() else regex.escape(w[0]) for w in words})
    alternation = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words)
    return "(?=[" + "".join(firsts) + "])(?:" + alternation + ")"


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
    percent = _alternation((*P.PERCENT_POINT_SUFFIXES, *P.PERCENT_SUFFIXES))
    others = "|".join([percent, times, r"(?<![\s-])x"])
    post_other = sep + r"(?P<post>" + others + r")(?!\p{Latin})"
    number = (
        r"(?(pre)|(?<!" + latin + r"|\p{N}[.,/:]|\p{Latin}[-‐–/:]))"
        r"(?:(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?![.,]?\d)"
        r"|(?P<numword>\b(?:" + _alternation(P.NUMBER_WORDS) + r")\b))"
    )
    ja_num = r"\d+(?:,\d{3})*(?:\.\d+)?"
    jcur = "|".join(P.JAPANESE_CURRENCIES)
    ja = (
        r"(?P<ja>(?<!\p{N})(?=\d[\d,.兆億万]*(?:" + jcur + r"))"  # fails fast without 円, ドル
        r"(?:(?P<cho>" + ja_num + r")兆)?(?:(?P<oku>" + ja_num + r")億)?"
        r"(?:(?P<man>" + ja_num + r")万)?(?P<ones>" + ja_num + r")?"
        r"(?<=[兆億万\d])(?P<jcur>" + jcur + r"))"
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


def _starts(mail: bool) -> regex.Pattern[str]:
    r"""Where a ``QUANTITY`` match can begin (and a few more places), read off :func:`_build`.

    A match begins with a digit (a year range, a clock time, a date, a Japanese amount, a
    number, "4th"), ``.5``, ``+`` and a digit (a phone number), a sign ``-−–`` before ``$ ¥ .``
    or a digit, a currency prefix written with a symbol (``$``, ``€``), ``minus``, or a word
    from the tables at a word start (no Latin letter or no ``\w`` before it; its part before a
    space or hyphen is enough): a hedge, a currency prefix, a number or ordinal word, ``http``,
    ``www.``. An e-mail address can begin at any character of the run before its ``@``, which
    ``mail`` adds. Built with QUANTITY's engine and flags, so words fold alike ("ſome")."""
    spellings = [*P.HEDGES, *P.CURRENCY_PREFIXES, *P.NUMBER_WORDS, *P.ORDINAL_WORDS]
    firsts = {regex.split(r"[\s-]", s)[0] for s in [*spellings, "minus", "http", "www."]}
    symbols = {w for w in firsts if not regex.match(r"\w", w)}  # "$", "€"
    by_letter: dict[str, set[str]] = {}
    for word in firsts - symbols:  # grouped by first letter: one comparison skips a group
        by_letter.setdefault(word[0].lower(), set()).add(regex.escape(word[1:]))
    words = "|".join(
        regex.escape(letter) + "(?:" + "|".join(sorted(rests, key=lambda r: (-len(r), r))) + ")"
        for letter, rests in sorted(by_letter.items())
    )
    branches = [
        r"\d|\.(?=\d)|\+(?=\d)|[-−–](?=[$¥.\d])",
        "[" + regex.escape("".join(sorted({w[0] for w in symbols}))) + "]",
        r"(?:(?<!\p{Latin})|\b)(?:" + words + ")",
    ]
    if mail:
        branches.append(r"[\w.+-](?=[\w.+-]*@)")
    return regex.compile("|".join(branches), regex.IGNORECASE)


QUANTITY = _build()
# The group names in group order: ``dict(zip(_NAMES, m.groups()))`` costs a tenth of
# ``m.groupdict()``, since the ``regex`` module resolves each group name slowly.
_NAME_OF = {number: name for name, number in QUANTITY.groupindex.items()}
_NAMES = tuple(_NAME_OF.get(number, "") for number in range(1, QUANTITY.groups + 1))
_CORE = QUANTITY.groupindex["core"]
STARTS = _starts(mail=False)  # every position where QUANTITY can match, in a text without "@"
MAIL_STARTS = _starts(mail=True)  # the same for any text
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
    starts = MAIL_STARTS if "@" in text else STARTS
    for m in anchored_finditer(QUANTITY, starts, text):
        g = dict(zip(_NAMES, m.groups(), strict=True))
        if g["url"] and not DIGITS.search(m.group()):
            continue  # a URL without digits: nothing numeric to report
        reason = _skip_reason(text, m, g)
        if reason:
            skipped.append(Skipped(m.group(), m.start(), m.end(), reason))
        elif g["ja"]:
            quantities.append(_japanese(m))
        else:
            quantities.append(_quantity(m, g))
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


def _skip_reason(text: str, m: regex.Match[str], g: dict[str, str | None]) -> str | None:
    """Why match ``m`` (with groups ``g``) is not a quantity, or None when it is one."""
    if g["yrange"]:
        return REASON_YEAR_RANGE
    if g["clock"]:
        return REASON_TIME
    for name, (_, reason) in _STRUCTURED.items():
        if g[name]:
            return reason
    if g["ja"]:
        return None
    bare = not (g["pre"] or g["scale"] or g["sscale"] or g["post"])
    bare = bare and not g["rate"] and not g["sign"]
    if not bare:
        return None
    if fold(g["numword"] or "").casefold() == "one" and not text.startswith("-", m.end()):
        if PRONOUN_ONE.search(text, max(0, m.start(_CORE) - 12), m.start(_CORE)):
            return REASON_PRONOUN
    digits = g["num"] or ""
    if len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100:
        return REASON_YEAR
    day = digits or (g["ordnum"] or "")[:-2]
    if day.isdigit() and 1 <= int(day) <= 31:
        if MONTH_BEFORE.search(
            text, max(0, m.start(_CORE) - 12), m.start(_CORE)
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


def _number(g: dict[str, str | None]) -> tuple[Decimal, str]:
    """The number as a Decimal, and as written."""
    if written := g["num"]:
        return Decimal(written.replace(",", "")), written
    if written := g["numword"]:
        return Decimal(spelled(P.NUMBER_WORDS, written)), written
    if written := g["ordnum"]:
        return Decimal(written[:-2]), written
    written = g["ordword"] or ""
    return Decimal(spelled(P.ORDINAL_WORDS, written)), written


_UNIT_GROUPS = ("pre", "scale", "sscale", "post", "rate")


@lru_cache(maxsize=1024)
def _unit(parts: tuple[str | None, ...], ordinal: bool) -> tuple[str, Decimal, str]:
    """``(written unit, factor to the canonical unit, canonical unit)`` of the unit groups
    ``parts`` (as in ``_UNIT_GROUPS``); cached, as a text repeats a few spellings many times."""
    if ordinal:
        written_unit = "ordinal"
    else:
        written_unit = " ".join(" ".join(p.split()) for p in parts if p)
    try:
        factor, unit = to_canonical(1, "" if ordinal else written_unit)
    except UnitError:
        factor, unit = Decimal(1), "unknown"
    return written_unit, factor, unit


def _quantity(m: regex.Match[str], g: dict[str, str | None]) -> Quantity:
    number, written_value = _number(g)
    ordinal = bool(g["ordnum"] or g["ordword"])
    written_unit, factor_value, unit = _unit(tuple(g[k] for k in _UNIT_GROUPS), ordinal)
    exponent = number.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    negative = bool(g["sign"])
    value = number * factor_value * (-1 if negative else 1)
    hedge = g["hedge"]
    return Quantity(
        text=m.group(),
        start=m.start(),
        end=m.end(),
        value=float(value),
        unit=unit,
        written_value=written_value,
        written_unit=written_unit,
        precision=float(step * factor_value / 2),
        hedge=spelled(P.HEDGES, hedge) if hedge else None,
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
