"""The claim layer's rule data, compiled once per language, and the pure finder of mentions.

Language-specific words live in ``extractor.patterns.claims_<lang>``; this module only compiles
them (:func:`lexicon`) and finds them (:func:`find_mentions`). A :class:`Mention` is one match
of one rule: a metric word, a partner name, a direction word, a record or streak phrase, an
exclusion cue, a basis cue, a "total" cue or a ranking cue.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import Any

import regex

from extractor.components.gates import fold, literal_gate, may_match
from extractor.components.periods_text import resolve_overlaps
from extractor.errors import ConfigError

TABLES = ("METRICS", "DIRECTIONS", "RECORDS", "STREAKS", "CONDITIONS", "EXCLUSIONS", "BASES",
          "TOTALS", "RANKING", "THRESHOLDS", "BACKGROUND")  # fmt: skip


@dataclass(frozen=True)
class Rule:
    id: str
    table: str
    regex: Any
    data: dict[str, Any]
    gate: tuple[str, ...] | None = None  # literals one of which every match holds (see gates)


@dataclass(frozen=True)
class Mention:
    """One match of one rule: where, what it says (``data`` of the rule) and its named groups."""

    table: str
    rule: str
    start: int
    end: int
    text: str
    data: dict[str, Any] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(frozen=True)
class Lexicon:
    lang: str
    rules: dict[str, tuple[Rule, ...]]
    partner_re: Any
    partner_names: dict[str, str]
    partner_before: Any
    partner_after: Any
    partner_not_after: Any
    partner_subject: Any
    anaphora: Any
    shares: tuple[Rule, ...]
    clause_break: Any
    ordinals: dict[str, int]
    cardinals: dict[str, int]


def _module(lang: str) -> ModuleType:
    try:
        return importlib.import_module(f"extractor.patterns.claims_{lang}")
    except ModuleNotFoundError as exc:
        raise ConfigError(f"no claim patterns for language {lang!r}") from exc


def compile_rule(table: str, r: dict[str, Any], words: dict[str, str]) -> Rule:
    pattern = r["pattern"]
    for key, alternation in words.items():
        pattern = pattern.replace("{" + key + "}", alternation)
    if not r.get("raw"):
        pattern = rf"(?<![\w])(?:{pattern})(?![\w])"
    flags = 0 if r.get("case") else regex.IGNORECASE
    data = {k: v for k, v in r.items() if k not in ("pattern", "match", "no_match")}
    return Rule(r["id"], table, regex.compile(pattern, flags), data, literal_gate(r["pattern"]))


@lru_cache(maxsize=8)
def lexicon(lang: str = "en") -> Lexicon:
    """The compiled claim rules of ``lang`` (cached: compiled once per process)."""
    mod = _module(lang)
    words = {
        "ORD": "|".join(sorted(mod.ORDINALS, key=len, reverse=True)),
        "CARD": "|".join(sorted(mod.CARDINALS, key=len, reverse=True)),
        "MONTHS": "January|February|March|April|May|June|July|August|September|October"
        "|November|December",
    }
    table = {**{k.upper(): v for k, v in mod.PARTNERS.items() if len(k) > 3}, **mod.PARTNERS}
    spellings = sorted(table, key=len, reverse=True)
    alternation = "|".join(regex.escape(s) for s in spellings)
    words["PARTNER"] = alternation
    rules = {t: tuple(compile_rule(t, r, words) for r in getattr(mod, t)) for t in TABLES}
    return Lexicon(
        lang=lang,
        rules=rules,
        partner_re=regex.compile(rf"(?<![\w.])(?:{alternation})(?![\w])"),
        partner_names=_canonical_names(table),  # headlines: "EXPORTS TO MIDEAST"
        partner_before=regex.compile(mod.PARTNER_CUES_BEFORE, regex.IGNORECASE),
        partner_after=regex.compile(mod.PARTNER_CUES_AFTER, regex.IGNORECASE),
        partner_not_after=regex.compile(mod.PARTNER_NOT_AFTER, regex.IGNORECASE),
        partner_subject=regex.compile(mod.PARTNER_SUBJECT, regex.IGNORECASE),
        anaphora=regex.compile(mod.ANAPHORA, regex.IGNORECASE),
        shares=tuple(compile_rule("SHARES", r, words) for r in mod.SHARES),
        clause_break=regex.compile(mod.CLAUSE_BREAK, regex.IGNORECASE),
        ordinals=dict(mod.ORDINALS),
        cardinals=dict(mod.CARDINALS),
    )


def _canonical_names(table: dict[str, str]) -> dict[str, str]:
    """Spelling -> canonical name, deferring to the reference store's names when it has them."""
    try:
        from extractor.reference.partners import canonical_partner
    except ImportError:  # pragma: no cover - the store ships with the package
        return dict(table)
    return {s: canonical_partner(s) or canonical_partner(c) or c for s, c in table.items()}


def find_mentions(text: str, lex: Lexicon) -> dict[str, list[Mention]]:
    """Every mention in ``text`` by table (plus ``PARTNERS``); overlaps resolved per table."""
    out: dict[str, list[Mention]] = {}
    folded = fold(text)  # a rule none of whose gate literals occurs cannot match: skipped
    for table, rules in lex.rules.items():
        found = [
            Mention(
                table,
                r.id,
                m.start(),
                m.end(),
                m.group(),
                r.data,
                {k: v for k, v in m.groupdict().items() if v},
            )
            for r in rules
            if may_match(r.gate, folded)
            for m in r.regex.finditer(text)
            if m.end() > m.start()
        ]
        out[table] = resolve_overlaps(found)
    out["PARTNERS"] = find_partners(text, lex)
    return out


def find_partners(text: str, lex: Lexicon) -> list[Mention]:
    """Partner names used as trade partners ("exports to China", "US-bound", "with the U.S.").

    A name without such a cue ("US President", "U.S.-Japan talks") is not a partner mention.
    ``data['partner']`` is the canonical name, or ``Other`` for "other Asian economies".
    """
    out: list[Mention] = []
    for m in lex.partner_re.finditer(text):
        window = text[max(0, m.start() - 40) : m.start()]
        before = lex.partner_before.search(window)
        after = lex.partner_after.match(text[m.end() : m.end() + 40])
        subject = lex.partner_subject.search(("\n" if m.start() <= 40 else "") + window)
        if not (before or after or subject) or lex.partner_not_after.match(
            text[m.end() : m.end() + 40]
        ):
            continue
        name = lex.partner_names[m.group()]
        other = bool(before and before.group("other") and "other" in before.group("other").lower())
        out.append(
            Mention(
                "PARTNERS",
                "partner.name",
                m.start(),
                m.end(),
                m.group(),
                {"partner": "Other" if other else name},
            )
        )
    return out


def count_word(word: str, lex: Lexicon) -> int | None:
    """The number in "fourth", "4th", "five", "23" (None when it is not a count)."""
    w = word.lower().strip()
    if w in lex.ordinals:
        return lex.ordinals[w]
    if w in lex.cardinals:
        return lex.cardinals[w]
    digits = regex.match(r"(\d+)(?:st|nd|rd|th)?$", w)
    return int(digits.group(1)) if digits else None
