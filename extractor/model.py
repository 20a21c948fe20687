"""The small frozen records that flow through the pipeline.

``Claim``   what an article says (surface text, offsets, what it is about, the value normalised)
``Finding`` the verdict on one claim, with the official figure it was compared with
``ArticleReport`` every finding of one article, with its publication date and any error

Offsets are character offsets into ``ArticleReport.text`` (the text that was analysed):
``text[claim.start:claim.end] == claim.text`` always holds.

Sign conventions of ``Claim.normalized``:
- a level of the balance is negative for a deficit (``a deficit of 5.2 trillion yen`` -> -5.2e12 JPY);
- a change is negative for a fall (``fell 1.3%`` -> -1.3 percent);
- the change of a balance is the change in the *size* of the surplus or deficit, as MOF prints it
  (``the deficit shrank 44%`` -> -44 percent), while ``direction`` is the direction of the signed
  balance (a narrowing deficit is ``up``).

``normalized`` by kind: level -> JPY or USD (signed); change -> percent (or times for "2.9 times");
share -> percent; rate -> JPY_per_USD; streak -> count (the N of "Nth consecutive");
direction and record -> None (what they assert is in ``direction`` / ``record``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

from extractor.periods import Period

SCHEMA_VERSION = "1.0"

Metric = Literal["exports", "imports", "balance", "usd_jpy_rate", "other"]
Kind = Literal["level", "change", "direction", "record", "streak", "share", "rate"]
Verdict = Literal[
    "consistent",
    "contradicted",
    "wrong_sign",
    "wrong_direction",
    "false_record",
    "wrong_streak",
    "wrong_period",
    "unverifiable",
    "not_checked",
]
Severity = Literal["error", "warning", "info"]

METRICS: tuple[str, ...] = get_args(Metric)
KINDS: tuple[str, ...] = get_args(Kind)
VERDICTS: tuple[str, ...] = get_args(Verdict)
FLAGGED_VERDICTS = frozenset(
    {"contradicted", "wrong_sign", "wrong_direction", "false_record", "wrong_streak", "wrong_period"}
)
SEVERITIES: tuple[str, ...] = ("info", "warning", "error")  # in increasing order


@dataclass(frozen=True)
class Normalized:
    """A value in a canonical unit: JPY, USD, percent, percentage_point, count, times or
    JPY_per_USD."""

    value: float
    unit: str


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as found in text, before it is tied to a metric.

    ``value`` is the magnitude in the canonical ``unit`` (JPY, USD, percent, percentage_point,
    times, count, JPY_per_USD): "9 trillion yen" -> 9e12 JPY; "$63 billion" -> 6.3e10 USD;
    "3.9%" -> 3.9 percent; "1.2 percentage points" -> 1.2 percentage_point.
    ``precision`` is the half-width of the rounding interval implied by the digits written
    ("9.8 trillion" -> 0.05e12). ``negative`` is True for written negatives ("-1.3%", "minus",
    "a deficit of" is NOT a negative: that is the claim layer's business).
    """

    text: str
    start: int
    end: int
    value: float
    unit: str
    written_value: str
    written_unit: str
    precision: float
    hedge: str | None = None
    negative: bool = False


@dataclass(frozen=True)
class Record:
    """A record claim: ``record high`` (extreme='high'), ``highest since 1979`` (since=1979),
    ``three-month high`` (window=3, window_unit='month'), ``record deficit`` (extreme='low':
    the signed balance at its lowest)."""

    extreme: Literal["high", "low"]
    since: int | None = None
    window: int | None = None
    window_unit: Literal["month", "year"] | None = None


@dataclass(frozen=True)
class Streak:
    """A streak claim: ``fourth consecutive year of deficits`` (count=4, unit='year',
    condition='deficit'); ``sixth straight month of export growth`` (condition='up');
    ``first deficit in 23 months`` (first=True, count=23); ``exceeded 100 trillion yen for two
    consecutive years`` (condition='above', threshold=1e14)."""

    count: int
    unit: Literal["month", "year"]
    condition: Literal["surplus", "deficit", "up", "down", "above", "below"]
    first: bool = False
    threshold: float | None = None


# the note of a claim about a seasonally adjusted series (set by the claim layer; the verifier
# reports it as not held: the reference data holds MOF's unadjusted figures)
ADJUSTED_NOTE = "series.seasonally_adjusted"


@dataclass(frozen=True)
class Claim:
    """One numeric (or directional) claim, tied to a metric, a partner and a period."""

    text: str
    start: int
    end: int
    kind: Kind
    metric: Metric = "other"
    partner: str = "World"
    period: Period | None = None
    value: str | None = None  # the number as written ("9", "544.1", "nearly 4")
    unit: str | None = None  # the unit as written ("trillion yen", "$ billion", "%")
    normalized: Normalized | None = None
    precision: float | None = None  # half-width of the rounding interval, in normalized units
    hedge: str | None = None  # about, nearly, more than, over, almost, some ...
    direction: Literal["up", "down", "flat"] | None = None
    sign: Literal["surplus", "deficit"] | None = None  # the word the article used
    basis: str | None = None  # for changes: "yoy" (default), "mom", "vs_period"
    record: Record | None = None
    streak: Streak | None = None
    excluded: str | None = None  # why the claim is out of scope (tariff, forecast, services ...)
    notes: tuple[str, ...] = ()
    sentence: tuple[int, int] | None = None  # offsets of the sentence holding the claim

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "metric": self.metric,
            "partner": self.partner,
            "period": self.period.code if self.period else None,
            "value": self.value,
            "unit": self.unit,
            "normalized": asdict(self.normalized) if self.normalized else None,
            "precision": self.precision,
            "hedge": self.hedge,
            "direction": self.direction,
            "sign": self.sign,
            "basis": self.basis,
            "record": asdict(self.record) if self.record else None,
            "streak": asdict(self.streak) if self.streak else None,
            "excluded": self.excluded,
            "notes": list(self.notes),
        }
        return d


@dataclass(frozen=True)
class Official:
    """The official figure a claim was compared with, and where it comes from."""

    value: float
    unit: str
    period: str
    partner: str
    flow: str
    status: str
    release_date: dt.date | None
    source: str
    source_kind: str = "official"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["release_date"] = self.release_date.isoformat() if self.release_date else None
        return d


@dataclass(frozen=True)
class Finding:
    """The verdict on one claim."""

    claim: Claim
    verdict: Verdict
    severity: Severity
    rule: str
    message: str
    official: Official | None = None
    suggestion: str | None = None

    @property
    def flagged(self) -> bool:
        return self.verdict in FLAGGED_VERDICTS


def line_col(text: str, offset: int, line_base: int = 0) -> tuple[int, int]:
    """1-based line and column of a character offset (``line_base`` lines precede the text)."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line + line_base, col


@dataclass(frozen=True)
class ArticleReport:
    """Everything found in one article (or the error that stopped it)."""

    path: str | None
    text: str
    published: dt.date | None = None
    published_source: str | None = None  # front_matter, html_meta, option, dateline, inferred
    language: str = "en"
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    line_base: int = 0  # lines of the file before ``text`` (front matter), for line numbers
    meta: dict[str, Any] = field(default_factory=dict)  # title, outlet ...

    @property
    def flagged(self) -> list[Finding]:
        return [f for f in self.findings if f.flagged]

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
            "language": self.language,
            "meta": dict(self.meta),
            "error": self.error,
            "claims": [finding_to_dict(f, self.text, self.line_base) for f in self.findings],
        }


def finding_to_dict(f: Finding, text: str, line_base: int = 0) -> dict[str, Any]:
    """One claim in the JSON schema: the claim's fields, its position, and the verdict."""
    d = f.claim.to_dict()
    line, col = line_col(text, f.claim.start, line_base)
    d["line"] = line
    d["col"] = col
    d.update(
        verdict=f.verdict,
        severity=f.severity,
        rule=f.rule,
        message=f.message,
        official=f.official.to_dict() if f.official else None,
        suggestion=f.suggestion,
    )
    return d


@dataclass(frozen=True)
class Article:
    """An article as read from a file, stdin or a string, before extraction."""

    text: str
    path: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # front_matter, html_meta, option, dateline
    language: str = "en"
    line_base: int = 0  # lines of the file before ``text`` (front matter)
    meta: dict[str, Any] = field(default_factory=dict)  # title, outlet, format ...
