"""Amounts whose currency is left implicit: "exports topped 100 trillion" in a sentence (or the
sentence before it) about yen amounts is 100 trillion yen.

:func:`implicit_currency` is pure: quantities in, quantities out. A scaled count ("100
trillion", unit ``count`` with a scale word) takes the currency of the money amounts of its own
sentence, else of the previous sentence; when those disagree or there are none it stays a count
(and is not a claim).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from extractor.model import Quantity

_SCALE_WORDS = ("trillion", "billion", "million", "tn", "bn", "mn", "trn")
_WRITTEN = {"JPY": "yen", "USD": "dollars"}


def implicit_currency(
    sentences: Sequence[tuple[int, int, int]], quantities: Sequence[Quantity]
) -> list[Quantity]:
    """``quantities`` with scaled counts given the currency their context uses."""
    spans = [(s, e) for s, e, _ in sentences]
    out = list(quantities)
    for i, q in enumerate(out):
        if q.unit != "count" or q.written_unit.lower() not in _SCALE_WORDS:
            continue
        k = next((j for j, (s, e) in enumerate(spans) if s <= q.start < e), None)
        if k is None:
            continue
        currency = _currency(spans[k], quantities) or (
            _currency(spans[k - 1], quantities) if k > 0 else None
        )
        if currency is not None:
            out[i] = dataclasses.replace(
                q, unit=currency, written_unit=f"{q.written_unit} ({_WRITTEN[currency]})"
            )
    return out


def _currency(span: tuple[int, int], quantities: Sequence[Quantity]) -> str | None:
    units = {q.unit for q in quantities if span[0] <= q.start < span[1] and q.unit in _WRITTEN}
    return units.pop() if len(units) == 1 else None
