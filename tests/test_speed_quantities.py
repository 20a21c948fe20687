"""Issue 6, the quantity scan: the fast scan finds exactly what the plain one found.

Three shortcuts, each compared with the plain way on generated number-dense strings, on the
examples of ``tests/test_quantities.py`` and on every corpus text (all of them under ``slow``):

- the look-aheads that ``QUANTITY`` puts before each alternation of spellings and before a
  Japanese amount change no match: compared position by position with the pattern built
  without them (``PLAIN``);
- ``STARTS`` / ``MAIL_STARTS`` match wherever ``QUANTITY`` can, so that ``anchored_finditer``
  yields what ``finditer`` yields;
- ``scan`` (one ``groups()`` call a match, unit readings cached) equals the plain scan of
  commit 1370c69, kept below as the oracle ``plain_scan``.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import regex
from generated import generated_dir
from hypothesis import given
from hypothesis import strategies as st
from test_quantities import MUST_FIRE

from extractor.components import quantities as Q
from extractor.components.anchored import anchored_finditer
from extractor.model import Quantity
from extractor.patterns import numbers as P
from extractor.units import UnitError, to_canonical

ROOT = Path(__file__).resolve().parent.parent


# -- the oracle: the pattern without its guards, and the scan of 1370c69 ------------------------
def _plain_alternation(spellings: Any) -> str:
    """``_alternation`` as it was: no look-ahead in front."""
    words = sorted({str(s) for s in spellings}, key=len, reverse=True)
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words)


def _plain_pattern() -> Any:
    with mock.patch.object(Q, "_alternation", _plain_alternation):
        pattern = Q._build().pattern
    ja_guard = r"(?=\d[\d,.兆億万]*(?:円|ドル))"
    assert pattern.count(ja_guard) == 1
    return regex.compile(pattern.replace(ja_guard, r"(?=\d)"), regex.IGNORECASE)


PLAIN = _plain_pattern()


def _plain_quantity(m: Any) -> Quantity:
    """``_quantity`` of 1370c69: every group read by name, the unit read by pint each time
    (spellings looked up as ``spelled`` does since "ſome" stopped raising KeyError)."""
    if m.group("num"):
        written_value = m.group("num")
        number = Decimal(written_value.replace(",", ""))
    elif m.group("numword"):
        written_value = m.group("numword")
        number = Decimal(Q.spelled(P.NUMBER_WORDS, written_value))
    elif m.group("ordnum"):
        written_value = m.group("ordnum")
        number = Decimal(written_value[:-2])
    else:
        written_value = m.group("ordword")
        number = Decimal(Q.spelled(P.ORDINAL_WORDS, written_value))
    if m.group("ordnum") or m.group("ordword"):
        written_unit = "ordinal"
    else:
        parts = [m.group(g) for g in ("pre", "scale", "sscale", "post", "rate")]
        written_unit = " ".join(" ".join(p.split()) for p in parts if p)
    try:
        factor_value, unit = to_canonical(1, "" if written_unit == "ordinal" else written_unit)
    except UnitError:
        factor_value, unit = Decimal(1), "unknown"
    exponent = number.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    negative = bool(m.group("sign"))
    hedge = m.group("hedge")
    return Quantity(
        text=m.group(),
        start=m.start(),
        end=m.end(),
        value=float(number * factor_value * (-1 if negative else 1)),
        unit=unit,
        written_value=written_value,
        written_unit=written_unit,
        precision=float(step * factor_value / 2),
        hedge=Q.spelled(P.HEDGES, hedge) if hedge else None,
        negative=negative,
    )


def plain_scan(text: str) -> Q.Scan:
    """``scan`` of 1370c69: ``PLAIN.finditer`` over the whole text, groups read by name."""
    quantities: list[Quantity] = []
    skipped: list[Q.Skipped] = []
    for m in PLAIN.finditer(text):
        reason = Q._skip_reason(text, m, m.groupdict())
        if m.group("url") and not Q.DIGITS.search(m.group()):
            continue
        if reason:
            skipped.append(Q.Skipped(m.group(), m.start(), m.end(), reason))
        elif m.group("ja"):
            quantities.append(Q._japanese(m))
        else:
            quantities.append(_plain_quantity(m))
    skipped.extend(Q._leftover_digits(text, quantities, skipped))
    skipped.sort(key=lambda s: s.start)
    return Q.Scan(tuple(Q.inherit_range_units(text, quantities)), tuple(skipped))


# -- the checks ---------------------------------------------------------------------------------
def _same_everywhere(text: str) -> None:
    """At every position: the same match (all group spans) with and without the guards, and a
    start wherever there is a match; then the same scan as the oracle."""
    starts = Q.MAIL_STARTS if "@" in text else Q.STARTS
    for at in range(len(text) + 1):
        fast, plain = Q.QUANTITY.match(text, at), PLAIN.match(text, at)
        assert (fast and fast.regs) == (plain and plain.regs), (text, at)
        if plain is not None:
            assert starts.match(text, at), (text, at, plain.group())
    _same_scan(text)


def _same_scan(text: str) -> None:
    spans = [m.regs for m in PLAIN.finditer(text)]
    starts = Q.MAIL_STARTS if "@" in text else Q.STARTS
    assert [m.regs for m in anchored_finditer(Q.QUANTITY, starts, text)] == spans
    assert [m.regs for m in anchored_finditer(Q.QUANTITY, Q.MAIL_STARTS, text)] == spans
    assert Q.scan(text) == plain_scan(text)


def test_a_spelling_matched_through_a_case_fold_is_read() -> None:
    # IGNORECASE lets "ſ" (long s) stand for "s"; the tables are keyed by lower-case spellings
    got = [(q.text, q.value, q.hedge) for q in Q.scan("ſome 3.5% and ſeven percent").quantities]
    assert got == [("ſome 3.5%", 3.5, "some"), ("ſeven percent", 7.0, None)]


def _texts() -> list[str]:
    paths = sorted(ROOT.glob("corpus/[0-9]*.md")) + sorted(ROOT.glob("corpus/heldout/*.md"))
    paths += sorted(generated_dir().glob("*.md"))
    return [p.read_text(encoding="utf-8") for p in paths]


_FRAGMENTS = [
    "about", "approx.", "just \n over", "some", "ſome", "minus", "-", "−", "–", "+", "US$", "U.S.$",
    "¥", "￥", "JP¥", "$", "€", "EUR", "Europe", "3.5", ".5", "1,234,567", "1,23", "2024", "2024-25",
    "10:30", "12/31/2024", "+81 3-1234-5678", "FY2024", "H1", "1990s", "4th", "twenty-first",
    "one", "someone", "fourth", "seventy-two", "x", "3-4%", "3 to 4", "trillion", "tn", "bn", "B",
    "K", "yen", "dollars", "per dollar", "/$", "percent", "per  cent", "%", "％", "-fold", "times",
    "5兆2217億円", "3万", "円", "ドル", "١٢٣", "१२", "www.mof.go.jp/a1", "http://x.jp", "a@mof.go.jp",
    "April", "17", ".", ",", "(", ")", "the", "at", "up",
]  # fmt: skip
_GLUE = st.sampled_from(["", " ", "  ", "\n", "\u00a0", "\u2009", "\u3000", "\t", "-", "/"])


@given(st.lists(st.tuples(st.sampled_from(_FRAGMENTS), _GLUE), max_size=30))
def test_fast_scan_on_number_dense_strings(parts: list[tuple[str, str]]) -> None:
    _same_everywhere("".join(f + g for f, g in parts))


@given(st.text(alphabet="0123456789 ,.-+%$¥€abmtx兆億万円\n\u00a0", max_size=200))
def test_fast_scan_on_digits_and_symbols(text: str) -> None:
    _same_everywhere(text)


def test_fast_scan_on_the_quantity_examples() -> None:
    for text, *_ in MUST_FIRE:
        _same_everywhere(text)
        _same_everywhere(f"up {text}, and then {text.upper()}.")


def test_group_names_line_up_with_groups() -> None:
    assert Q._NAMES == tuple(sorted(Q.QUANTITY.groupindex, key=Q.QUANTITY.groupindex.get))
    assert len(Q._NAMES) == Q.QUANTITY.groups
    assert PLAIN.groupindex == Q.QUANTITY.groupindex


def test_a_guard_class_folds_like_its_letter() -> None:
    """``[s]`` matches what ``s`` matches under IGNORECASE ("ſ" too), over all of Unicode."""
    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    tables = [
        P.CURRENCY_PREFIXES, P.CURRENCY_SUFFIXES, P.PERCENT_SUFFIXES, P.PERCENT_POINT_SUFFIXES,
        P.TIMES_SUFFIXES,
        P.RATE_SUFFIXES, P.HEDGES, P.NUMBER_WORDS, P.ORDINAL_WORDS, P.SCALE_WORDS, P.MONTHS,
        P.PRONOUN_ONE_AFTER,
    ]  # fmt: skip
    for first in sorted({str(s)[0] for table in tables for s in table}):
        assert not first.isspace()
        letter = [m.start() for m in regex.finditer(regex.escape(first), every, regex.I)]
        guard = [m.start() for m in regex.finditer(f"[{regex.escape(first)}]", every, regex.I)]
        assert letter == guard, first


def test_fast_scan_on_a_sample_of_the_corpus() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("corpus/[0-9]*.md"))]
    assert texts
    for text in texts[:: max(1, len(texts) // 6)]:
        _same_everywhere(text)


@pytest.mark.slow
def test_fast_scan_on_every_corpus_text() -> None:
    texts = _texts()
    assert texts
    for text in texts:
        _same_everywhere(text)
