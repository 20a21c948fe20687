"""Claims that are out of scope and must be reported as not checked (never as errors):
tariff rates, forecasts and market expectations, targets, stock indices, services and digital
trade, other countries' own statistics, a company's own exports, other statistics (prices,
volumes, interest rates, output), commodity-level figures.

:func:`exclusion_for` is pure: a sentence, the claim's span and whether it is a percentage ->
the reason (``tariff``, ``forecast``, ``target``, ``stock_index``, ``services``,
``other_country``, ``company``, ``other_statistic``, ``commodity``) or None. The cues are data (``EXCLUSIONS`` in
``extractor.patterns.claims_<lang>``) with a scope:

- ``percent``: a percentage in the cue's clause, or with no metric word between it and the cue
  ("a potential 24% levy", "tariffs ... (increases up to 145%)"), unless the percentage is in
  another clause with a direction verb or adverb of its own ("..., down 0.5%, as U.S. tariffs
  weighed");
- ``clause``: the quantities after the cue in its clause, or, when none follows, the nearest one
  before it ("market expectations, which anticipated a 4.5 percent increase",
  "below the 4.5% economists had expected");
- ``sentence``: every claim of the sentence ("digital services ... reaching ¥6.6 trillion");
- ``subject``: the cue is in the clause before the claim ("auto exports fell 24.7%");
- ``qualifier``: see :func:`qualifies` ("In volume terms, exports fell 1.4%").
"""

from __future__ import annotations

from extractor.components.context import SentenceView
from extractor.components.lexicon import Mention

_STOP = frozenset(
    {"in", "as", "on", "for", "from", "by", "after", "since", "because", "while", "and", "but"}
)
ORDER = (
    "tariff", "forecast", "target", "stock_index", "services", "other_country", "company",
    "other_statistic", "commodity",
)  # fmt: skip


def exclusion_for(
    sv: SentenceView, a: int, b: int, is_percent: bool, is_quantity: bool = True
) -> str | None:
    """Why the claim at ``[a, b)`` is out of scope, or None."""
    cues = sv.of("EXCLUSIONS")
    if not cues:  # most sentences have none
        return None
    reasons = {m.get("reason") for m in cues if _applies(sv, m, a, b, is_percent, is_quantity)}
    return next((r for r in ORDER if r in reasons), None)


def _applies(
    sv: SentenceView, m: Mention, a: int, b: int, is_percent: bool, is_quantity: bool
) -> bool:
    scope = m.get("scope")
    if scope == "sentence":
        return True
    if scope == "percent":  # a rate next to the cue, or in a clause about no trade flow
        if not is_percent:
            return False
        gap = sv.text[b : m.start] if m.start >= b else sv.text[m.end : a]
        words = gap.split()
        if len(words) <= 2 and not _STOP.intersection(w.lower() for w in words):
            return True  # "a 24% levy", "a 10% baseline tariff", "tariffs of 25%"
        clause = sv.clause(a)
        if sv.clause(m.start) != clause and any(
            d.get("form") in ("verb", "adverb") for d in sv.of("DIRECTIONS", *clause)
        ):  # "..., down 0.5% from a year earlier, as U.S. tariffs weighed on ..."
            return False  # (not "China, which faced increases up to 145%": a noun)
        lo, hi = (m.end, a) if m.end <= a else (b, m.start)
        return not sv.of("METRICS", *sv.clause(a)) and not sv.of("METRICS", lo, hi)
    if scope == "clause":
        return is_quantity and _clause_cue(sv, m, a, b)
    if scope == "qualifier":  # "percent_only": "in dollar terms" qualifies a change, not an amount
        return (is_percent or not m.get("percent_only")) and qualifies(sv, m, a)
    if scope == "subject":  # "auto exports fell", "crude oil ... was X, up 1.5%, but down 7.1%"
        cs, _ = sv.clause(a)
        first_clause = sv.clause(sv.start)
        in_subject = first_clause[0] <= m.start < first_clause[1] and not sv.of("METRICS", m.end, a)
        return m.end <= a and (cs <= m.start or in_subject)
    return False


def qualifies(sv: SentenceView, m: Mention, a: int) -> bool:
    """Whether qualifier ``m`` ("seasonally adjusted", "in volume terms") applies to the claim at
    ``a``: it is in the claim's clause ("seasonally adjusted exports rose 1.3%"), or in a clause of
    its own (no figure in it) that opens the sentence ("On a seasonally adjusted basis, exports
    rose ... and imports fell ..."), closes it right after the claim's clause ("..., seasonally
    adjusted.") or comes right before the claim's clause ("..., while, in volume terms, ...")."""
    clause = sv.clause(a)
    cs, ce = sv.clause(m.start)
    if (cs, ce) == clause:
        return True
    if sv.quantity_in(cs, ce):
        return False  # the qualifier is about its own clause's figures
    if cs == sv.start:
        return True
    if not sv.text[ce : sv.end].strip(" .!?\"'”’)"):
        return any(bs == clause[1] and be == cs for bs, be in sv.breaks)
    return any(bs == ce and be == clause[0] for bs, be in sv.breaks)


def _clause_cue(sv: SentenceView, m: Mention, a: int, b: int) -> bool:
    if sv.clause(a) != sv.clause(m.start):
        return False
    if m.end <= a:
        return True
    _, ce = sv.clause(m.start)
    if sv.quantity_in(m.end, ce):
        return False  # the cue governs the quantity after it
    return not sv.quantity_in(b, m.start)  # the nearest quantity before the cue
