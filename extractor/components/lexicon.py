"""The claim layer's rule data, compiled once per language, and the pure finder of mentions.

Language-specific words live in ``extractor.patterns.claims_<lang>``; this module only compiles
them (:func:`lexicon`) and finds them (:func:`find_mentions`). A :class:`Mention` is one match
of one rule: a metric word, a partner name, a direction word, a record or streak phrase, an
exclusion cue, a basis cue, a "total" cue or a ranking cue.

A rule is not run over the whole text: every match of a rule starts at a word that begins with
one of the rule's *word starts* (proved from the pattern by :func:`heads.word_starts`), so one
pass over the words of a text (:class:`StartIndex`) says where each rule may match, and the rule
is tried only there, which yields what ``finditer`` over the whole text yields. A rule without
proved word starts is run over the whole text when its literal gate allows. A rule's pattern is
compiled on its first use: most rules never run on most texts.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate, chain, compress
from types import ModuleType
from typing import Any, cast

import regex

from extractor.components.gates import branch_gates, fold, literal_gate, may_match, may_match_all
from extractor.components.heads import DIGIT, word_starts
from extractor.components.periods_text import resolve_overlaps
from extractor.components.starts import matches_at
from extractor.errors import ConfigError

TABLES = ("METRICS", "DIRECTIONS", "RECORDS", "STREAKS", "CONDITIONS", "EXCLUSIONS", "BASES",
          "TOTALS", "RANKING", "THRESHOLDS", "BACKGROUND")  # fmt: skip


@dataclass(frozen=True)
class Rule:
    """One rule: its ``pattern`` (placeholders expanded, word boundaries added) and ``flags``,
    compiled on first use, and where it can match (see :mod:`extractor.components.gates`)."""

    id: str
    table: str
    pattern: str
    flags: int
    data: dict[str, Any]
    gate: tuple[str, ...] | None = None  # literals one of which every match holds
    starts: frozenset[str] | None = None  # how the first word of every match begins
    gates: tuple[tuple[tuple[str, ...], ...], ...] | None = None  # every gate, per branch

    @cached_property
    def regex(self) -> Any:
        return regex.compile(self.pattern, self.flags)

    @cached_property
    def lookups(self) -> int:
        """How many literals checking ``gates`` may look up (each about one match attempt)."""
        return sum(len(gate) for branch in self.gates or () for gate in branch)


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


CACHED_WORDS = 1 << 16  # words whose rules StartIndex remembers (then it starts over)
_WORDS = regex.compile(r"(\w+)")  # split keeps the words


class StartIndex:
    """Which rules may match at a word, from how the word begins.

    ``rules`` are numbered in order; :meth:`positions` maps a rule's number to the starts of
    the words of a text where it may match. A rule without proved word starts never appears.
    Words that open the same rules share a *kind* (a number; 0: no rule), so a pass over a text
    only files each word under its kind, remembered per word.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        # a beginning (case-folded for case-insensitive rules) -> rules; whole words apart
        self.prefixes: dict[tuple[str, bool], set[int]] = {}
        self.words: dict[tuple[str, bool], set[int]] = {}
        self.digit: set[int] = set()  # rules whose match may open with a digit
        self.any_case: set[int] = set()  # every case-insensitive anchored rule
        for n, rule in enumerate(rules):
            caseless = bool(rule.flags & regex.IGNORECASE)
            for start in rule.starts or ():
                key = (start.strip().casefold() if caseless else start.strip(), caseless)
                if start == DIGIT:
                    self.digit.add(n)
                else:
                    (self.words if start.endswith(" ") else self.prefixes).setdefault(
                        key, set()
                    ).add(n)
            if caseless and rule.starts is not None:
                self.any_case.add(n)
        self._lengths = sorted({len(s) for s, _ in self.prefixes})
        self._kinds: dict[tuple[int, ...], int] = {(): 0}  # rules -> kind
        self._rules: list[tuple[int, ...]] = [()]  # kind -> rules
        self._words: dict[str, int] = {}  # word -> kind
        self._new_kind = threading.Lock()  # the lexicon is shared by the threads of a process

    def rules_at(self, word: str) -> tuple[int, ...]:
        """The rules that may match at ``word`` (a whole run of ``\\w``), in order."""
        folded = word.casefold()
        # "İ" folds to two characters, and regex's IGNORECASE matches it for "i": try them all
        found = set(self.any_case) if len(folded) != len(word) else set()
        none: set[int] = set()
        for key in ((folded, True), (word, False)):
            found |= self.words.get(key, none)
            for n in self._lengths:
                found |= self.prefixes.get((key[0][:n], key[1]), none)
        if not (word[0].isascii() and word[0].isalpha()):
            found |= self.digit  # any decimal digit regex knows, and more
        return tuple(sorted(found))

    def _kind(self, word: str) -> int:
        """The kind of ``word``, remembered (the memory starts over past ``CACHED_WORDS``)."""
        rules = self.rules_at(word)
        kind = self._kinds.get(rules)
        if kind is None:
            with self._new_kind:
                kind = self._kinds.get(rules)
                if kind is None:
                    self._rules.append(rules)
                    kind = self._kinds[rules] = len(self._rules) - 1
        if len(self._words) >= CACHED_WORDS:
            self._words.clear()
        self._words[word] = kind
        return kind

    def positions(self, text: str) -> dict[int, list[list[int]]]:
        """Rule number -> ascending runs of word starts of ``text`` where the rule may match
        (one run per kind of word; together, every such start once).

        The words and their offsets come from one split of the text (the offsets summed from
        the lengths of the pieces), so only the words that open a rule are visited one by one.
        """
        parts = _WORDS.split(text)  # separator, word, separator, ..., word, separator
        words = parts[1::2]
        get = self._words.get
        known = list(map(get, words))
        if None in known:
            new = {w: self._kind(w) for w in set(words) if get(w) is None}
            known = [new[w] if k is None else k for w, k in zip(words, known, strict=True)]
        kinds = cast("list[int]", known)  # every word's kind is known now
        starts = list(accumulate(map(len, parts)))[0::2]  # word i starts after piece 2i
        by_kind: dict[int, list[int]] = {}
        for kind, start in zip(compress(kinds, kinds), compress(starts, kinds), strict=True):
            by_kind.setdefault(kind, []).append(start)
        out: dict[int, list[list[int]]] = {}
        for kind, found in by_kind.items():
            for n in self._rules[kind]:
                out.setdefault(n, []).append(found)
        return out


@dataclass(frozen=True)
class Lexicon:
    lang: str
    rules: dict[str, tuple[Rule, ...]]
    partner: Rule
    partner_names: dict[str, str]
    partner_before: Any
    partner_after: Any
    partner_not_after: Any
    partner_subject: Any
    # places the partner table does not list ("exports to Poland"): see UNLISTED_PARTNER
    unlisted: Any
    unlisted_not_names: frozenset[str]
    unlisted_not_after: Any
    anaphora: Any
    shares: tuple[Rule, ...]
    clause_break: Any
    ordinals: dict[str, int]
    cardinals: dict[str, int]
    # the rules of every table in order, then the partner rule: StartIndex's rule numbers
    numbered: tuple[Rule, ...] = field(init=False, repr=False, compare=False)
    index: StartIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        numbered = (*(r for rules in self.rules.values() for r in rules), self.partner)
        object.__setattr__(self, "numbered", numbered)
        object.__setattr__(self, "index", StartIndex(numbered))


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
    raw = r["pattern"]
    return Rule(
        r["id"],
        table,
        pattern,
        flags,
        data,
        literal_gate(raw),
        word_starts(pattern),
        branch_gates(raw),
    )


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
        partner=_partner_rule(rf"(?<![\w.])(?:{alternation})(?![\w])"),
        partner_names=_canonical_names(table),  # headlines: "EXPORTS TO MIDEAST"
        partner_before=regex.compile(mod.PARTNER_CUES_BEFORE, regex.IGNORECASE),
        partner_after=regex.compile(mod.PARTNER_CUES_AFTER, regex.IGNORECASE),
        partner_not_after=regex.compile(mod.PARTNER_NOT_AFTER, regex.IGNORECASE),
        partner_subject=regex.compile(mod.PARTNER_SUBJECT, regex.IGNORECASE),
        unlisted=_optional(getattr(mod, "UNLISTED_PARTNER", None), 0),
        unlisted_not_names=frozenset(getattr(mod, "UNLISTED_NOT_NAMES", ())),
        unlisted_not_after=_optional(getattr(mod, "UNLISTED_NOT_AFTER", None), regex.IGNORECASE),
        anaphora=regex.compile(mod.ANAPHORA, regex.IGNORECASE),
        shares=tuple(compile_rule("SHARES", r, words) for r in mod.SHARES),
        clause_break=regex.compile(mod.CLAUSE_BREAK, regex.IGNORECASE),
        ordinals=dict(mod.ORDINALS),
        cardinals=dict(mod.CARDINALS),
    )


def _optional(pattern: str | None, flags: int) -> Any:
    return regex.compile(pattern, flags) if pattern else None


def _partner_rule(pattern: str) -> Rule:
    """The rule that finds partner names (case-sensitive: "US", not "us")."""
    return Rule("partner.name", "PARTNERS", pattern, 0, {}, None, word_starts(pattern))


def _canonical_names(table: dict[str, str]) -> dict[str, str]:
    """Spelling -> canonical name, deferring to the reference store's names when it has them."""
    try:
        from extractor.reference.partners import canonical_partner
    except ImportError:  # pragma: no cover - the store ships with the package
        return dict(table)
    return {s: canonical_partner(s) or canonical_partner(c) or c for s, c in table.items()}


def find_mentions(text: str, lex: Lexicon) -> dict[str, list[Mention]]:
    """Every mention in ``text`` by table (plus ``PARTNERS``); overlaps resolved per table."""
    starts = lex.index.positions(text)  # rule number (in lex.numbered) -> where it may match
    folded = fold(text)  # a rule none of whose gate literals occurs cannot match: skipped
    out: dict[str, list[Mention]] = {}
    n = 0
    for table, rules in lex.rules.items():
        found: list[Mention] = []
        for r in rules:
            runs = starts.get(n)
            n += 1
            if runs is None and r.starts is not None:
                continue  # no word of the text can open a match
            found.extend(
                Mention(
                    table,
                    r.id,
                    m.start(),
                    m.end(),
                    m.group(),
                    r.data,
                    {k: v for k, v in m.groupdict().items() if v} if r.regex.groupindex else {},
                )
                for m in _matches(r, text, runs or (), folded)
                if m.end() > m.start()
            )
        out[table] = resolve_overlaps(found)
    out["PARTNERS"] = _partners(text, lex, starts.get(n, ()))
    return out


def _matches(rule: Rule, text: str, runs: Sequence[list[int]] | None, folded: str) -> Iterator[Any]:
    """The matches of ``rule`` in ``text``: tried only at the word starts of ``runs`` when the
    rule has proved word starts (see :class:`StartIndex`) and its gates allow, else over the
    whole text when its gate allows (or ``runs`` is None). Gates and starts are both proofs:
    either skips only what cannot match."""
    if rule.starts is None or runs is None:
        return rule.regex.finditer(text) if may_match(rule.gate, folded) else iter(())
    if not runs:
        return iter(())
    starts = runs[0] if len(runs) == 1 else sorted(chain.from_iterable(runs))
    if len(starts) > rule.lookups and not may_match_all(rule.gates, folded):
        return iter(())  # checked only where it is cheaper than trying the starts
    return matches_at(rule.regex, text, starts)


def find_partners(text: str, lex: Lexicon) -> list[Mention]:
    """Partner names used as trade partners ("exports to China", "US-bound", "with the U.S.").

    A name without such a cue ("US President", "U.S.-Japan talks") is not a partner mention.
    ``data['partner']`` is the canonical name, or ``Other`` for "other Asian economies".
    """
    return _partners(text, lex, None)  # alone, one search beats a pass over the words


def _partners(text: str, lex: Lexicon, runs: Sequence[list[int]] | None) -> list[Mention]:
    """:func:`find_partners`, given where the partner rule may match (``runs``, see
    :meth:`StartIndex.positions`; None: anywhere)."""
    out: list[Mention] = []
    for m in _matches(lex.partner, text, runs, folded=""):  # no gate: folded unused
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
    if lex.unlisted is not None:
        out.extend(_unlisted(text, lex))
        out.sort(key=lambda m: m.start)
    return out


def _unlisted(text: str, lex: Lexicon) -> Iterator[Mention]:
    """Places the partner table does not list, named as a trade flow's partner ("exports to
    Poland", "trade with Turkey"): ``data['partner']`` is the name as written, so the claim is
    about that place (the reference data will not hold it) and not about Japan's total trade.
    In a title-case line ("Exports To Poland Surge") only the first word is taken."""
    for m in lex.unlisted.finditer(text):
        at, name = m.start("name"), m.group("name")
        if lex.partner.regex.match(text, at):
            continue  # a listed spelling ("exports to the United States"): PARTNERS has it
        if _title_case_line(text, at):
            name = regex.split(r"[ -]", name, maxsplit=1)[0]
        not_after = lex.unlisted_not_after
        if name.split()[0] in lex.unlisted_not_names or (
            not_after is not None and not_after.match(text, at + len(name))
        ):
            continue
        yield Mention("PARTNERS", "partner.unlisted", at, at + len(name), name, {"partner": name})


def _title_case_line(text: str, at: int) -> bool:
    """Most words of the line around ``at`` are capitalised (a headline)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = regex.findall(r"[A-Za-z]{4,}", text[start : end if end >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def count_word(word: str, lex: Lexicon) -> int | None:
    """The number in "fourth", "4th", "five", "23" (None when it is not a count)."""
    w = word.lower().strip()
    if w in lex.ordinals:
        return lex.ordinals[w]
    if w in lex.cardinals:
        return lex.cardinals[w]
    digits = regex.match(r"(\d+)(?:st|nd|rd|th)?$", w)
    return int(digits.group(1)) if digits else None
