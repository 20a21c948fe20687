"""Peer suite: our quantity recogniser against Microsoft Recognizers-Text's English specs (MIT).

The specs live in ``../shared/external/recognizers-text`` (skipped when absent). Each expected
result becomes one case, id ``<model>-<input index>-<result index>``; inputs with no expected
result become a negative case ``<model>-<input index>-none``.

In scope, and why: we recognise quantities *as news about trade statistics writes them*, so a
case is in scope when its expected text is written the way such news writes numbers:

- currency: unit Dollar / United States dollar / Japanese yen (the two currencies we resolve)
  with a value, written ``[currency sign or code] number [scale word] [currency word]`` where
  the number is digits (comma-grouped, decimals) or a number word up to ninety-nine. Out: cents
  and compound money ("3 dollars 50 cents", "15 dollars and 15"), fractions ("half million"),
  a scale after the currency ("75 usd million"), "musd", other currencies, bare currency words;
- percent: ``[minus] number (% | percent | per cent)`` with the same numbers. Out: "percentage"
  as a unit, inverted forms ("per cent of 210"), words past ninety-nine, null values;
- number: an optionally signed number in digits or a number word up to ninety-nine, optionally
  with a scale word. Out: fractions, spoken compounds ("one hundred and six"), exponents,
  dozens, lakh/crore, space- or Indian-grouped digits, and bare years (1900-2100), which we
  treat as periods by design;
- by design, digits inside structured tokens are not quantities: IP-like dotted sequences,
  slash dates, phone numbers, label codes ("SCP-173") and comma lists without spaces
  ("22,24,26"). They are out of scope, and ``test_structured_tokens_are_reported`` checks that
  ``skipped_numbers`` reports every one of their digits instead of dropping them;
- negatives (inputs with no expected result) of the number and percent models: we must find
  no quantity there (ordinals are counts for the claim layer and are not held against us).

A case passes when some quantity overlaps the expected span with the same value (and, for
currency and percent, the same unit). Known misses are STRICT xfails listed in ``KNOWN_MISSES``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex

from extractor.components.quantities import match_quantities, skipped_numbers
from extractor.model import Quantity
from extractor.patterns.numbers import NUMBER_WORDS

SPECS = {
    "currency": "NumberWithUnit_English_CurrencyModel.json",
    "number": "Number_English_NumberModel.json",
    "percent": "Number_English_PercentModel.json",
}
UNITS = {"Dollar": "USD", "United States dollar": "USD", "Japanese yen": "JPY"}

_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|(?:" + _WORD + r"))"
_SCALE = r"(?:\s*(?:thousand|million|billion|trillion|bn|bln|mln|tln|trn|tn|mn))"
_CURRENCY = regex.compile(
    r"(?:(?:us|u\.s\.?)?\s*\$|usd\$?)?\s*" + _NUMBER + _SCALE + r"?"
    r"(?:[\s-]*(?:(?:us\s+|u\.s\.\s+)?dollars?|usd|yen))?",
    regex.IGNORECASE,
)
_PERCENT = regex.compile(r"(?:minus\s+)?" + _NUMBER + r"\s*(?:%|percent|per cent)", regex.I)
_PLAIN = regex.compile(r"-?\s*" + _NUMBER + _SCALE + r"?", regex.IGNORECASE)
_YEAR = regex.compile(r"(?:19|20)\d\d")
_STRUCTURED = regex.compile(
    r"\d+(?:\.\d+){2,}"  # 192.168.1.2
    r"|\d{1,2}/\d{1,2}/\d{2,4}"  # 5/17/2018
    r"|\+\d[\d\-/() ]{6,}\d"  # +1-222-2222/2222
    r"|\p{L}+-\d+"  # SCP-173
    r"|\d+(?:,\d{1,2}(?!\d))+(?:,\d+)*"  # 22,24,26,31
)


def _structured_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The structured token (see the module docstring) holding ``text[start:end]``, if any."""
    for m in _STRUCTURED.finditer(text):
        if m.start() <= start and end <= m.end():
            return m.start(), m.end()
    return None


@dataclass(frozen=True)
class Case:
    id: str
    model: str
    input: str
    text: str | None  # expected surface; None for a negative case
    start: int
    end: int  # exclusive
    value: float | None
    unit: str | None  # USD, JPY, percent; None when the model has no unit


def _in_scope(model: str, text: str, resolution: dict[str, object]) -> bool:
    value = resolution.get("value")
    if value in (None, "null"):
        return False
    if model == "currency":
        return resolution.get("unit") in UNITS and bool(_CURRENCY.fullmatch(text.strip()))
    if model == "percent":
        return bool(_PERCENT.fullmatch(text.strip()))
    return bool(_PLAIN.fullmatch(text.strip())) and not _YEAR.fullmatch(text.strip())


def _expected(model: str, resolution: dict[str, object]) -> tuple[float, str | None]:
    raw = str(resolution["value"])
    if model == "percent":
        return float(raw.rstrip("%")), "percent"
    if model == "currency":
        return float(raw), UNITS[str(resolution["unit"])]
    return float(raw), None


def load_cases(folder: Path, *, structured: bool = False) -> list[Case]:
    """Every in-scope case of the three English specs (or, with ``structured``, the cases left
    out because they sit in a structured token)."""
    cases: list[Case] = []
    for model, name in SPECS.items():
        for i, spec in enumerate(json.loads((folder / name).read_text(encoding="utf-8"))):
            results = spec["Results"]
            if not results and model != "currency" and not structured:
                cases.append(
                    Case(f"{model}-{i:03d}-none", model, spec["Input"], None, 0, 0, None, None)
                )
            for j, r in enumerate(results):
                if not _in_scope(model, r["Text"], r["Resolution"]):
                    continue
                inside = _structured_span(spec["Input"], r["Start"], r["End"] + 1) is not None
                if inside != structured:
                    continue
                value, unit = _expected(model, r["Resolution"])
                case_id = f"{model}-{i:03d}-{j}"
                cases.append(
                    Case(
                        case_id,
                        model,
                        spec["Input"],
                        r["Text"],
                        r["Start"],
                        r["End"] + 1,
                        value,
                        unit,
                    )
                )
    return cases


def passes(case: Case, found: list[Quantity]) -> bool:
    if case.text is None:
        return all(q.written_unit == "ordinal" for q in found)
    for q in found:
        overlaps = q.start < case.end and case.start < q.end
        same_value = q.value == pytest.approx(case.value, rel=1e-9)
        if overlaps and same_value and (case.unit is None or q.unit == case.unit):
            return True
    return False


# Known misses: a fix turns one green, and then it must leave this list (xfail_strict).
KNOWN_MISSES: dict[str, str] = {
    "currency-128-1": "'10 rmb 20 usd': 20 is read as 'rmb 20' (a prefix) instead of '20 usd'",
    "number-232-2": "'three-nought-four': a number word after a hyphen and a word is not read",
}

SPEC_DIR = Path(__file__).resolve().parents[2] / "shared" / "external" / "recognizers-text"
ALL_CASES = load_cases(SPEC_DIR) if SPEC_DIR.is_dir() else []


def _params() -> list[object]:
    params: list[object] = []
    for case in ALL_CASES:
        marks = []
        if case.id in KNOWN_MISSES:
            marks.append(pytest.mark.xfail(reason=KNOWN_MISSES[case.id], strict=True))
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_peer_case(case: Case, shared_dir: Path) -> None:
    assert shared_dir.is_dir()
    found = match_quantities(case.input)
    assert passes(case, found), (
        f"{case.input!r}: expected {case.text!r} -> {case.value} {case.unit}; got {found}"
    )


def pass_rate(cases: list[Case]) -> tuple[int, int]:
    ok = sum(passes(c, match_quantities(c.input)) for c in cases)
    return ok, len(cases)


def test_structured_tokens_are_reported(shared_dir: Path) -> None:
    cases = load_cases(shared_dir / "external" / "recognizers-text", structured=True)
    assert len(cases) >= 10
    for case in cases:
        skipped = skipped_numbers(case.input)
        assert not any(
            q.start < case.end and case.start < q.end for q in match_quantities(case.input)
        )
        assert any(s.start <= case.start and case.end <= s.end for s in skipped), case.id


def test_pass_rate_and_scope(shared_dir: Path) -> None:
    cases = load_cases(shared_dir / "external" / "recognizers-text")
    assert {c.id for c in cases} == {c.id for c in ALL_CASES}
    assert set(KNOWN_MISSES) <= {c.id for c in cases}, "a known miss is no longer in scope"
    ok, total = pass_rate(cases)
    by_model = {m: pass_rate([c for c in cases if c.model == m]) for m in SPECS}
    print(
        f"\npeer suite: {ok}/{total} in-scope cases pass ({ok / total:.1%}); by model: {by_model}"
    )
    assert total >= 100, "the in-scope selection shrank unexpectedly"
    assert ok / total >= 0.95
    assert total - ok == len(KNOWN_MISSES)


if __name__ == "__main__":  # a report: python tests/test_peer_recognizers.py
    for case in ALL_CASES:
        if not passes(case, match_quantities(case.input)):
            print(
                case.id,
                repr(case.input[:70]),
                case.text,
                case.value,
                case.unit,
                match_quantities(case.input),
            )
    print(pass_rate(ALL_CASES))
