"""The one unit registry: yen and dollars, percent, multiples, counts and scale words.

News spellings ("bn", "tn", "per cent", "¥", "US$", "dollars", "yen per dollar") are normalised
here and only here, before pint sees them::

    >>> to_canonical("9.8", "trillion yen")
    (Decimal('9.8E+12'), 'JPY')
    >>> to_canonical("63", "US$ bn")
    (Decimal('6.3E+10'), 'USD')
    >>> convert_currency(63e9, "USD", "JPY", rate=142.857)  # doctest: +ELLIPSIS
    8999991000000.0...

Canonical units (see ``extractor.model.Quantity``): ``JPY``, ``USD``, ``percent``,
``percentage_point`` (a change of a rate or share: "up 1.2 percentage points"), ``times``,
``count``, ``JPY_per_USD``; currencies other than yen and dollars come out as ``unknown`` (they
are recognised so that a euro amount is never taken for a count). The registry is built once,
lazily, with ``Decimal`` magnitudes so that "9.8 trillion" is exactly 9.8e12; callers never
mutate it.

Importing pint takes a quarter of a second, a tenth of a cold ``factcheck check``, so the factors
pint works out for written units are remembered in the user cache folder (see
:class:`_FactorFile`): a later start reads them back and imports pint only for a spelling it has
not seen. Pint stays the only source of factors; the file only keeps its answers.
"""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from extractor.cache import cache_file, write_entry
from extractor.errors import ExtractorError
from extractor.patterns import numbers as P

if TYPE_CHECKING:
    import pint

CANONICAL_UNITS: tuple[str, ...] = (
    "JPY", "USD", "percent", "percentage_point", "times", "count", "JPY_per_USD",
)  # fmt: skip

_DEFINITIONS = """
JPY = [currency_jpy]
USD = [currency_usd]
unknown_currency = [currency_other]
JPY_per_USD = JPY / USD
count = []
times = count
percent = 0.01 * count
percentage_point = 0.01 * count
thousand = 1e3 * count
million = 1e6 * count
billion = 1e9 * count
trillion = 1e12 * count
"""


class UnitError(ExtractorError, ValueError):
    """A unit spelling the registry does not know, or a conversion that makes no sense."""


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The shared registry (built on first use; do not mutate it)."""
    import pint

    ureg: pint.UnitRegistry = pint.UnitRegistry(None, non_int_type=Decimal)
    for line in _DEFINITIONS.strip().splitlines():
        ureg.define(line)
    fx = pint.Context("fx", defaults={"rate": Decimal(1)})
    fx.add_transformation("[currency_usd]", "[currency_jpy]", _usd_to_jpy)
    fx.add_transformation("[currency_jpy]", "[currency_usd]", _jpy_to_usd)
    ureg.add_context(fx)
    return ureg


def _usd_to_jpy(ureg: Any, value: Any, **kwargs: Any) -> Any:
    return value * kwargs["rate"] * ureg.JPY / ureg.USD


def _jpy_to_usd(ureg: Any, value: Any, **kwargs: Any) -> Any:
    return value / kwargs["rate"] * ureg.USD / ureg.JPY


def _spelling_table() -> dict[str, tuple[str, str]]:
    """lower-case spelling -> (role, pint term). Roles: scale, currency, percent, points, times,
    rate."""
    table: dict[str, tuple[str, str]] = {}
    for spelling, scale in P.SCALE_WORDS.items():
        table[spelling.lower()] = ("scale", scale)
    for spelling, scale in P.SHORT_SCALES.items():
        table[spelling.lower()] = ("scale", scale)
    for spellings in (P.CURRENCY_PREFIXES, P.CURRENCY_SUFFIXES):
        for spelling, code in spellings.items():
            table[spelling.lower()] = (
                "currency",
                "unknown_currency" if code == "unknown" else code,
            )
    for spelling in P.PERCENT_SUFFIXES:
        table[spelling.lower()] = ("percent", "percent")
    for spelling in P.PERCENT_POINT_SUFFIXES:
        table[spelling.lower()] = ("points", "percentage_point")
    for spelling in P.TIMES_SUFFIXES:
        table[spelling.lower()] = ("times", "times")
    for spelling in P.RATE_SUFFIXES:
        table[spelling.lower()] = ("rate", "USD")
    return table


_TABLE = _spelling_table()


@lru_cache(maxsize=1)
def _spelling() -> regex.Pattern[str]:
    """One spelling of the table, longest first (compiled on first use: with the factors
    remembered, a cold start never needs it)."""
    return regex.compile(
        r"\s*("
        + "|".join(
            regex.escape(s).replace(r"\ ", r"\s+") for s in sorted(_TABLE, key=len, reverse=True)
        )
        + r")\s*",
        regex.IGNORECASE,
    )


def normalize_unit(written: str) -> tuple[str, str]:
    """A unit as written in the news -> (pint expression, canonical unit).

    ``"bn yen"`` -> ``("billion * JPY", "JPY")``; ``"per cent"`` -> ``("percent", "percent")``;
    ``"yen per dollar"`` -> ``("JPY / USD", "JPY_per_USD")``; ``""`` -> ``("count", "count")``.
    Raises :class:`UnitError` for a spelling it does not know.
    """
    terms: list[str] = []
    roles: list[str] = []
    pos = 0
    text = " ".join(written.split())
    while pos < len(text):
        m = _spelling().match(text, pos)
        if m is None or m.end() == pos:
            raise UnitError(f"unknown unit spelling {written!r}", detail=f"at {text[pos:]!r}")
        role, term = _lookup(m.group(1))
        terms.append(f"/ {term}" if role == "rate" else f"* {term}")
        roles.append(role)
        pos = m.end()
    return _expression(terms, roles, written)


def _lookup(spelling: str) -> tuple[str, str]:
    return _TABLE[" ".join(spelling.split()).lower()]


def _expression(terms: list[str], roles: list[str], written: str) -> tuple[str, str]:
    currencies = [t for t, r in zip(terms, roles, strict=True) if r == "currency"]
    if "rate" in roles:
        if currencies and currencies != ["* JPY"]:
            raise UnitError(f"a rate must be yen per dollar: {written!r}")
        if not currencies:
            terms.append("* JPY")  # "152.60 to the dollar": yen are implied
        canonical = "JPY_per_USD"
    elif len(set(currencies)) > 1:
        raise UnitError(f"two currencies in one unit: {written!r}")
    elif currencies:
        canonical = {"* JPY": "JPY", "* USD": "USD"}.get(currencies[0], "unknown")
    elif "points" in roles:
        canonical = "percentage_point"
    elif "percent" in roles:
        canonical = "percent"
    elif "times" in roles:
        canonical = "times"
    else:
        canonical = "count"
    body = " ".join(terms).removeprefix("* ").strip() if terms else "count"
    if body.startswith("/"):
        body = "1 " + body
    return body, canonical


@lru_cache(maxsize=512)
def _factor(written: str) -> tuple[Decimal, str]:
    """(canonical units per written unit, canonical unit): pint's answer, remembered."""
    remembered = _factor_file()
    known = remembered.get(written)
    if known is not None:
        return known
    found = pint_factor(written)
    remembered.add(written, found)
    return found


def pint_factor(written: str) -> tuple[Decimal, str]:
    """:func:`_factor` worked out by pint, every time (the remembered factors are its answers)."""
    expression, canonical = normalize_unit(written)
    ureg = registry()
    target = "unknown_currency" if canonical == "unknown" else canonical
    factor = ureg.Quantity(Decimal(1), expression).to(target).magnitude
    return Decimal(factor), canonical


class _FactorFile:
    """The factors pint gave in earlier runs: ``units-<key>.json`` in the user cache folder
    (:mod:`extractor.cache`; none when caching is off), a mapping of written unit to
    ``[factor, canonical unit]``. The key is made from the files that decide a factor (this
    module, the spelling tables, pint's own package), so a change to any of them starts a new
    file. A file that cannot be read counts as empty; one that cannot be written is not kept."""

    LIMIT = 2048  # spellings kept, the first seen: a long tail of oddities stops growing it
    KEEP = 2  # files kept (one per version of the code in use)

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.factors: dict[str, tuple[Decimal, str]] = {}
        if path is None:
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            self.factors = {k: (Decimal(f), c) for k, (f, c) in data.items()}
        except (OSError, ValueError, TypeError, AttributeError, ArithmeticError):
            self.factors = {}  # not ours, or damaged: pint answers again

    def get(self, written: str) -> tuple[Decimal, str] | None:
        return self.factors.get(written)

    def add(self, written: str, found: tuple[Decimal, str]) -> None:
        if self.path is None or len(self.factors) >= self.LIMIT:
            return
        self.factors[written] = found
        data = {k: [str(f), c] for k, (f, c) in self.factors.items()}
        write_entry(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"), self.KEEP)


@lru_cache(maxsize=1)
def _factor_file() -> _FactorFile:
    spec = importlib.util.find_spec("pint")
    pint_init = spec.origin if spec is not None else None
    sources = [Path(name) for name in (__file__, P.__file__, pint_init) if name]
    return _FactorFile(cache_file("units", ".json", 1, sources))


def to_canonical(number: Decimal | str | int, written_unit: str) -> tuple[Decimal, str]:
    """``(number, unit as written)`` -> ``(value in the canonical unit, canonical unit)``."""
    try:
        value = Decimal(str(number).replace(",", ""))
    except ArithmeticError as exc:
        raise UnitError(f"not a number: {number!r}") from exc
    factor, canonical = _factor(" ".join(written_unit.split()))
    return value * factor, canonical


def scale_factor(written_unit: str) -> Decimal:
    """How many canonical units one written unit is ("trillion yen" -> 1e12)."""
    return _factor(" ".join(written_unit.split()))[0]


def convert_currency(value: float, from_unit: str, to_unit: str, *, rate: float) -> float:
    """Convert between ``JPY`` and ``USD`` at ``rate`` yen per dollar (pint's ``fx`` context)."""
    for unit in (from_unit, to_unit):
        if unit not in ("JPY", "USD"):
            raise UnitError(f"can only convert JPY and USD, not {unit!r}")
    if not rate > 0:
        raise UnitError(f"exchange rate must be positive, got {rate!r}")
    ureg = registry()
    q = ureg.Quantity(Decimal(str(value)), from_unit)
    return float(q.to(to_unit, "fx", rate=Decimal(str(rate))).magnitude)
