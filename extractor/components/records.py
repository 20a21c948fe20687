"""Records and streaks: "record high", "highest since 1979", "three-month high", "fourth
consecutive year of deficits", "sixth straight month of growth", "the first ... in five years",
"exceeded 100 trillion yen for two consecutive years".

Pure functions over a :class:`~extractor.components.lexicon.Mention` of the ``RECORDS`` or
``STREAKS`` table and the text around it; the claim assembly calls them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from extractor.components.lexicon import Lexicon, Mention, count_word
from extractor.model import Record, Streak

_HIGH_WORDS = frozenset({"highest", "biggest", "largest", "strongest", "high", "peak"})
_SIZE_WORDS = frozenset({"biggest", "largest", "smallest"})


def parse_record(m: Mention, lex: Lexicon, sign: str | None) -> Record:
    """The Record a record phrase asserts; a record (or largest) deficit is the signed low."""
    since = int(m.groups["since"]) if "since" in m.groups else None
    window = count_word(m.groups["n"], lex) if "n" in m.groups else None
    unit: Literal["month", "year"] | None = None
    if window is not None:
        unit = "month" if m.groups.get("unit", "").lower().startswith("month") else "year"
    how = m.get("extreme")
    word = m.groups.get("word", "").lower()
    if how == "word":
        high = word in _HIGH_WORDS
        if sign == "deficit" and word in _SIZE_WORDS:
            high = not high
    elif how == "size":
        high = sign != "deficit"
    else:
        high = how == "high"
    return Record(extreme="high" if high else "low", since=since, window=window, window_unit=unit)


@dataclass(frozen=True)
class StreakParse:
    """What a streak phrase says before the metric is known."""

    count: int
    unit: Literal["month", "year"] | None  # None: "seventh consecutive increase" (the period says)
    first: bool
    condition: str | None  # deficit, surplus, up, down, above, below; None when not said
    ranking: bool = False


def parse_streak(m: Mention, text: str, clause_start: int, lex: Lexicon) -> StreakParse | None:
    """Count, unit and condition of a streak phrase (None when the count is not a number)."""
    count = count_word(m.groups.get("n", ""), lex)
    if count is None:
        return None
    word, adj = m.groups.get("unit", "").lower(), m.groups.get("adj", "").lower()
    unit: Literal["month", "year"] | None = None
    if word.startswith("month") or adj == "monthly":
        unit = "month"
    elif word.startswith("year") or adj in ("annual", "yearly", "fiscal", "calendar"):
        unit = "year"
    first = bool(m.get("first"))
    before = text[clause_start : m.start]
    ranking = any(r.regex.search(before) for r in lex.rules["RANKING"])
    condition = None if word.startswith(("month", "year")) else _condition_in(word, lex)
    condition = condition or _condition_in(m.groups.get("cond", ""), lex)
    condition = condition or _condition_after(text, m.end, lex)
    if condition is None and first:
        condition = _condition_in(m.groups.get("what", ""), lex)
    if condition is None:
        condition = _condition_before(before, lex)
    return StreakParse(count, unit, first, condition, ranking)


def _condition_in(s: str, lex: Lexicon) -> str | None:
    for r in lex.rules["CONDITIONS"]:
        if r.regex.search(s):
            return str(r.data["condition"])
    return None


def _condition_after(text: str, end: int, lex: Lexicon) -> str | None:
    """'of deficits', 'in the red', 'of export growth', 'the nation imported more'."""
    tail = text[end : end + 60]
    of = regex.match(
        r"\s+(?:of|in|with)\s+(?:(?:a|the|trade|its|export|import|overall|annual|monthly"
        r"|year[-\s]on[-\s]year)\s+)*\w+",
        tail,
        regex.IGNORECASE,
    )
    if of:
        hit = _condition_in(of.group(), lex)
        if hit in ("deficit", "surplus", "up", "down"):
            return hit
    who = regex.match(
        r"\s+(?:that\s+)?(?:the\s+)?(?:nation|country|Japan)\s+(?P<v>\w+\s+\w+)",
        tail,
        regex.IGNORECASE,
    )
    return _condition_in(who.group("v"), lex) if who else None


def _condition_before(before: str, lex: Lexicon) -> str | None:
    """'declined for the first time in five years', 'exceeded ... for two consecutive years'."""
    tail = before[-60:]
    hits = []
    for r in lex.rules["CONDITIONS"]:
        for m in r.regex.finditer(tail):
            hits.append((m.end(), str(r.data["condition"])))
    return max(hits)[1] if hits else None


def make_streak(
    p: StreakParse, condition: str, threshold: float | None = None, unit: str = "year"
) -> Streak:
    return Streak(
        count=p.count,
        unit=p.unit or unit,  # type: ignore[arg-type]
        condition=condition,  # type: ignore[arg-type]
        first=p.first,
        threshold=threshold,
    )
