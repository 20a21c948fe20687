"""Scoring the checker against the annotated corpus: pure functions over gold and predictions.

A gold file (``corpus/NNN-slug.gold.yaml``, format in ``docs/annotation.md``) lists every claim of
one article with its offsets into the article BODY (everything after the closing ``---`` line of
the front matter), what it is about, its normalized value and the expected verdict.

``gold_from_data(data)``           a parsed gold file as a :class:`GoldArticle`
``validate_gold(gold, body)``      problems with a gold file against its article body (list of str)
``fill_offsets(entries, body)``    compute ``start``/``end`` from ``text`` (+ ``occurrence``)
``align_claims(claims, text)``     re-anchor gold offsets onto the text the checker analysed
``match_claims(gold, pred)``       one-to-one matching of predicted to gold claims
``score(pairs)``                   every score of :class:`Scores` over (gold, predictions) pairs
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from extractor.errors import InputError
from extractor.model import FLAGGED_VERDICTS, KINDS, METRICS, VERDICTS, Finding, Normalized
from extractor.periods import Period
from extractor.reference.partners import PARTNERS as REFERENCE_PARTNERS

UNITS_BY_KIND: dict[str, frozenset[str | None]] = {
    "level": frozenset({"JPY", "USD"}),
    "change": frozenset({"percent", "percentage_point", "times"}),
    "share": frozenset({"percent"}),
    "rate": frozenset({"JPY_per_USD"}),
    "streak": frozenset({"count"}),
    "direction": frozenset({None}),
    "record": frozenset({None}),
}
PARTNERS: frozenset[str] = frozenset(REFERENCE_PARTNERS)  # the store's canonical names
REL_TOL = 1e-3  # "within rounding": both sides normalise the same written number


@dataclass(frozen=True)
class EvalClaim:
    """A claim as the scorer sees it, gold or predicted."""

    text: str
    start: int
    end: int
    kind: str
    metric: str
    partner: str
    period: str | None
    normalized: Normalized | None
    verdict: str
    planted: str | None = None  # gold only: the error type planted on purpose


@dataclass(frozen=True)
class GoldArticle:
    path: str  # the gold file
    article: str  # the article file it annotates (relative to the gold file)
    claims: tuple[EvalClaim, ...]


# -- reading and validating gold ---------------------------------------------------------------
def _normalized(raw: Any, where: str) -> Normalized | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != {"value", "unit"}:
        raise InputError("normalized must be null or {value, unit}", path=where)
    return Normalized(float(raw["value"]), str(raw["unit"]))


def claim_from_entry(entry: dict[str, Any], where: str = "") -> EvalClaim:
    """One gold entry (a dict from YAML) as an :class:`EvalClaim`; offsets must be filled."""
    missing = [k for k in ("text", "start", "end", "kind", "metric", "verdict") if k not in entry]
    if missing:
        raise InputError(f"gold claim lacks {', '.join(missing)}", path=where, detail=str(entry))
    return EvalClaim(
        text=str(entry["text"]),
        start=int(entry["start"]),
        end=int(entry["end"]),
        kind=str(entry["kind"]),
        metric=str(entry["metric"]),
        partner=str(entry.get("partner") or "World"),
        period=None if entry.get("period") is None else str(entry["period"]),
        normalized=_normalized(entry.get("normalized"), where),
        verdict=str(entry["verdict"]),
        planted=entry.get("planted"),
    )


def gold_from_data(data: Any, where: str = "") -> GoldArticle:
    """A gold file's parsed YAML as a :class:`GoldArticle`; InputError when misshapen."""
    if not isinstance(data, dict) or "article" not in data or "claims" not in data:
        raise InputError("a gold file is a mapping with 'article' and 'claims'", path=where)
    entries = data["claims"] or []
    claims = tuple(claim_from_entry(e, f"{where}#{i}") for i, e in enumerate(entries))
    return GoldArticle(path=where, article=str(data["article"]), claims=claims)


def fill_offsets(entries: Sequence[dict[str, Any]], body: str) -> list[dict[str, Any]]:
    """Entries with ``start``/``end`` computed from ``text`` and ``occurrence`` (1-based, the
    n-th occurrence of ``text`` in ``body``; default 1). Raises InputError when not found."""
    out = []
    for entry in entries:
        n = int(entry.get("occurrence", 1))
        pos = -1
        for _ in range(n):
            pos = body.find(entry["text"], pos + 1)
            if pos < 0:
                raise InputError(f"gold text {entry['text']!r} (occurrence {n}) not in the body")
        out.append({**entry, "start": pos, "end": pos + len(entry["text"])})
    return out


def validate_claim(c: EvalClaim, body: str) -> list[str]:
    """What is wrong with one gold claim (empty when it is well-formed)."""
    where = f"{c.text!r}@{c.start}"
    problems = []
    if body[c.start : c.end] != c.text:
        problems.append(f"{where}: body[{c.start}:{c.end}] is {body[c.start : c.end]!r}")
    if c.kind not in KINDS:
        problems.append(f"{where}: unknown kind {c.kind!r}")
    if c.metric not in METRICS:
        problems.append(f"{where}: unknown metric {c.metric!r}")
    if c.verdict not in VERDICTS:
        problems.append(f"{where}: unknown verdict {c.verdict!r}")
    if c.partner not in PARTNERS:
        problems.append(f"{where}: unknown partner {c.partner!r}")
    if c.period is not None:
        try:
            Period.parse(c.period)
        except ValueError:
            problems.append(f"{where}: bad period {c.period!r}")
    unit = c.normalized.unit if c.normalized else None
    definition = c.verdict == "wrong_period" and unit is None  # a wrong fiscal-year phrase
    if c.kind in UNITS_BY_KIND and unit not in UNITS_BY_KIND[c.kind] and not definition:
        problems.append(f"{where}: unit {unit!r} does not fit kind {c.kind!r}")
    if (c.planted is not None) != (c.verdict in FLAGGED_VERDICTS):
        problems.append(f"{where}: planted errors, and only they, carry a flagged verdict")
    return problems


def validate_gold(gold: GoldArticle, body: str) -> list[str]:
    """Every problem of a gold file against its article body, including overlapping spans."""
    problems = [p for c in gold.claims for p in validate_claim(c, body)]
    spans = sorted((c.start, c.end, c.text) for c in gold.claims)
    for (s1, e1, t1), (s2, _e2, t2) in zip(spans, spans[1:], strict=False):
        if s2 < e1:
            problems.append(f"overlapping gold spans {t1!r}@{s1} and {t2!r}@{s2}")
    return problems


def align_claims(claims: Iterable[EvalClaim], text: str) -> tuple[EvalClaim, ...]:
    """Gold claims re-anchored onto ``text`` (the checker's ``ArticleReport.text``): a claim whose
    offsets still hold is kept; otherwise the occurrence of its surface nearest its old start is
    used. A surface that is not in ``text`` at all keeps its offsets (it will simply not match)."""
    out = []
    for c in claims:
        if text[c.start : c.end] == c.text:
            out.append(c)
            continue
        hits = [i for i in _occurrences(text, c.text)]
        if not hits:
            out.append(c)
            continue
        best = min(hits, key=lambda i: abs(i - c.start))
        out.append(replace(c, start=best, end=best + len(c.text)))
    return tuple(out)


def _occurrences(text: str, needle: str) -> Iterable[int]:
    pos = text.find(needle)
    while pos >= 0:
        yield pos
        pos = text.find(needle, pos + 1)


# -- predictions -------------------------------------------------------------------------------
def claim_from_finding(f: Finding) -> EvalClaim:
    c = f.claim
    return EvalClaim(
        text=c.text,
        start=c.start,
        end=c.end,
        kind=c.kind,
        metric=c.metric,
        partner=c.partner,
        period=c.period.code if c.period else None,
        normalized=c.normalized,
        verdict=f.verdict,
    )


# -- matching ----------------------------------------------------------------------------------
def overlap(a: EvalClaim, b: EvalClaim) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def values_match(gold: Normalized | None, pred: Normalized | None) -> bool:
    """Same unit and the same value within rounding (both None for directions and records)."""
    if gold is None or pred is None:
        return gold is None and pred is None
    if gold.unit != pred.unit:
        return False
    return math.isclose(gold.value, pred.value, rel_tol=REL_TOL, abs_tol=1e-9)


def claims_match(gold: EvalClaim, pred: EvalClaim) -> bool:
    """Spans overlap and value agrees; metric, partner and period must agree too, except for
    gold claims that are out of scope (``not_checked``), whose attribution is not judged."""
    if overlap(gold, pred) == 0 or not values_match(gold.normalized, pred.normalized):
        return False
    if gold.verdict == "not_checked":
        return True
    return (gold.metric, gold.partner, gold.period) == (pred.metric, pred.partner, pred.period)


def match_claims(gold: Sequence[EvalClaim], pred: Sequence[EvalClaim]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, greedily by largest overlap."""
    candidates = sorted(
        (
            (-overlap(g, p), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if claims_match(g, p)
        )
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


# -- scores ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PRF:
    tp: int
    n_gold: int
    n_pred: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "gold": self.n_gold,
            "predicted": self.n_pred,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Miss:
    """A gold claim the checker got wrong, for the report: missed, or judged differently."""

    article: str
    text: str
    start: int
    expected: str
    got: str | None  # None when no predicted claim matched


@dataclass(frozen=True)
class Scores:
    articles: int
    extraction: PRF
    by_kind: dict[str, PRF]
    verdict_correct: int
    confusion: dict[tuple[str, str], int]  # (gold verdict, predicted verdict) -> count
    planted: int
    planted_flagged: int
    correct_claims: int  # gold claims not expected to be flagged
    false_alarms: int  # ... that a predicted claim overlapping them flags
    unmatched_flags: int  # flagged predictions overlapping no gold claim at all
    misses: tuple[Miss, ...] = field(default=())

    @property
    def verdict_accuracy(self) -> float:
        return self.verdict_correct / self.extraction.tp if self.extraction.tp else 1.0

    @property
    def error_recall(self) -> float:
        return self.planted_flagged / self.planted if self.planted else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.correct_claims if self.correct_claims else 0.0

    def headline(self) -> dict[str, float]:
        """The scores the ratchet guards (higher is better except ``false_alarm_rate``)."""
        d = {
            "extraction_precision": self.extraction.precision,
            "extraction_recall": self.extraction.recall,
            "extraction_f1": self.extraction.f1,
            "verdict_accuracy": self.verdict_accuracy,
            "error_recall": self.error_recall,
            "false_alarm_rate": self.false_alarm_rate,
        }
        d.update({f"f1_{k}": prf.f1 for k, prf in sorted(self.by_kind.items())})
        return {k: round(v, 4) for k, v in d.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "scores": self.headline(),
            "extraction": self.extraction.to_dict(),
            "by_kind": {k: v.to_dict() for k, v in sorted(self.by_kind.items())},
            "verdicts": {
                "matched": self.extraction.tp,
                "correct": self.verdict_correct,
                "confusion": [
                    {"gold": g, "predicted": p, "count": n}
                    for (g, p), n in sorted(self.confusion.items())
                ],
            },
            "errors": {
                "planted": self.planted,
                "flagged": self.planted_flagged,
                "correct_claims": self.correct_claims,
                "false_alarms": self.false_alarms,
                "unmatched_flags": self.unmatched_flags,
            },
            "misses": [m.__dict__ for m in self.misses],
        }


def _flag_counts(gold: Sequence[EvalClaim], pred: Sequence[EvalClaim]) -> tuple[int, int, int]:
    """(planted errors flagged, correct claims flagged, flags on no gold claim) of one article:
    a gold claim counts as flagged when a flagged prediction overlaps it."""
    flagged = [p for p in pred if p.verdict in FLAGGED_VERDICTS]
    near = [any(overlap(g, p) for p in flagged) for g in gold]
    hit = sum(n for g, n in zip(gold, near, strict=True) if g.planted)
    alarms = sum(n for g, n in zip(gold, near, strict=True) if not g.planted)
    return hit, alarms, sum(1 for p in flagged if not any(overlap(g, p) for g in gold))


def score(articles: Iterable[tuple[str, Sequence[EvalClaim], Sequence[EvalClaim]]]) -> Scores:
    """Score (name, gold claims, predicted claims) triples. Gold and predicted offsets must
    refer to the same text (see :func:`align_claims`)."""
    n: Counter[str] = Counter()
    kinds: Counter[tuple[str, str]] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    misses: list[Miss] = []
    for name, gold, pred in articles:
        pairs = dict(match_claims(gold, pred))
        n.update(articles=1, gold=len(gold), pred=len(pred), tp=len(pairs))
        kinds.update((g.kind, "gold") for g in gold)
        kinds.update((p.kind, "pred") for p in pred)
        for gi, g in enumerate(gold):
            got = pred[pairs[gi]].verdict if gi in pairs else None
            if got is not None:
                kinds[(g.kind, "tp")] += 1
                confusion[(g.verdict, got)] += 1
            if got != g.verdict:
                misses.append(Miss(name, g.text, g.start, g.verdict, got))
        hit, alarms, lone = _flag_counts(gold, pred)
        n.update(planted=sum(1 for g in gold if g.planted), hit=hit, alarms=alarms, lone=lone)
    by_kind = {
        k: PRF(kinds[(k, "tp")], kinds[(k, "gold")], kinds[(k, "pred")])
        for k in sorted({k for k, _ in kinds})
    }
    return Scores(
        articles=n["articles"],
        extraction=PRF(n["tp"], n["gold"], n["pred"]),
        by_kind=by_kind,
        verdict_correct=sum(c for (g, p), c in confusion.items() if g == p),
        confusion=dict(confusion),
        planted=n["planted"],
        planted_flagged=n["hit"],
        correct_claims=n["gold"] - n["planted"],
        false_alarms=n["alarms"],
        unmatched_flags=n["lone"],
        misses=tuple(misses),
    )


def below_floor(scores: dict[str, float], floor: dict[str, dict[str, float]]) -> list[str]:
    """Scores that break the ratchet: under ``floor['min']`` or over ``floor['max']``."""
    out = []
    for name, lo in sorted(floor.get("min", {}).items()):
        got = scores.get(name)
        if got is None or got < lo:
            out.append(f"{name} = {got} is below the floor {lo}")
    for name, hi in sorted(floor.get("max", {}).items()):
        got = scores.get(name)
        if got is None or got > hi:
            out.append(f"{name} = {got} is above the ceiling {hi}")
    return out
