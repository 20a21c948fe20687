"""Literal gates: the words a rule's every match must contain, to skip rules a text cannot match.

A claim or period rule is a ``regex`` pattern run over the whole text; most texts hold none of
most rules' words, yet each ``finditer`` still tries the pattern at every position. The gate of a
pattern is a tuple of case-folded literals such that every match contains one of them: when none
occurs in the case-folded text (:func:`fold`), the rule cannot match and is skipped.

:func:`literal_gate` derives a gate from the pattern only where it can prove one. The pattern,
``{NAME}`` placeholders and all, is read into a tree by
:func:`extractor.components.regex_syntax.parse`. For each top-level branch the items are read
left to right (plain literals of letters, digits, spaces, ``-`` and ``'``; groups; classes;
simple escapes; placeholders; look-arounds and ``^``, ``\\b``, which are zero-width) and the
*required* ones that have a gate are kept: a literal of at least ``MIN_LITERAL`` characters (a
quantifier after it drops its last character: ``exports?`` -> ``export``), or a group that is
not optional and whose own alternation has a gate. The branch's gate is the best of these (the
one whose shortest word is longest); the pattern's gate is the union over its branches, and None
as soon as one branch has none. Reading stops at anything else (other characters, ``$``,
back-references, numeric escapes, syntax the parser does not know): what was proved before
stays proved; a pattern with inline flags gets no gate at all (``(?x)`` would change what a
space is).

:func:`branch_gates` keeps every gate of each branch, not only the best: a branch can match only
when the text holds a literal of each. Where a match can *start* is proved from the same tree by
:mod:`extractor.components.heads`.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from extractor.components.regex_syntax import LOOKAROUNDS, Item, parse

MIN_LITERAL = 3
_FLAGS = regex.compile(r"\(\?[a-zA-Z^-]+[:)]")  # inline flags: (?i) (?x) (?-i:...)
_CLASS_ESCAPES = frozenset("sSdDwW")
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -'")
_ZERO = LOOKAROUNDS | {"^", "\\b", "\\B"}  # the zero-width items read over


def _steps_over(source: str) -> bool:
    """Whether the reader goes on past a one-character item written ``source``: ``.``, a class,
    ``\\p{..}``, ``\\s``, ``\\d``, ``\\w`` and their negations, escaped punctuation, or a
    ``{NAME}`` placeholder (not ``\\x41``, ``\\n``, ``\\1``, ``$`` or other punctuation)."""
    if source[0] != "\\":
        return source == "." or len(source) > 1 and source[0] in "[{"
    if source[1:3] in ("p{", "P{"):
        return True
    return len(source) == 2 and (source[1] in _CLASS_ESCAPES or not source[1].isalnum())


def _candidates(branch: list[Item]) -> list[set[str]]:
    """The gates of items that every match of ``branch`` holds, from left to right."""
    found: list[set[str]] = []
    literal = ""
    for (kind, value, source), least, most in branch:
        if source in _PLAIN and least == most == 1:
            literal += source
            continue
        if len(literal.strip()) >= MIN_LITERAL:  # "exports?": the "s" may be absent
            found.append({literal.casefold()})
        literal = ""
        if kind == "group":
            gate = _alternation_gate(value) if least > 0 else None
            if gate is not None:
                found.append(gate)
        elif not (source in _PLAIN or kind == "zero" and source in _ZERO or _steps_over(source)):
            break  # something this reader does not know: stop, keep what was proved
    if len(literal.strip()) >= MIN_LITERAL:
        found.append({literal.casefold()})
    return found


def _alternation_gate(branches: list[list[Item]]) -> set[str] | None:
    """The case-folded literals one of which every match of ``branches`` holds, or None. A
    branch's gate is the best among its candidates: the one whose shortest literal is longest
    (the rarest words)."""
    literals: set[str] = set()
    for branch in branches:
        candidates = _candidates(branch)
        if not candidates:
            return None
        literals |= max(candidates, key=lambda gate: min(len(w) for w in gate))
    return literals


@lru_cache(maxsize=512)
def _branches(pattern: str) -> list[list[Item]]:
    """The tree of ``pattern`` with placeholders, read once for both proofs (not mutated)."""
    return parse(pattern, True).branches


def literal_gate(pattern: str) -> tuple[str, ...] | None:
    """The literals one of which every match of ``pattern`` holds, sorted (None: no gate can
    be proved)."""
    gate = None if _FLAGS.search(pattern) else _alternation_gate(_branches(pattern))
    return None if gate is None else tuple(sorted(gate))


def branch_gates(pattern: str) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
    """Per top-level branch of ``pattern``, *every* gate its matches hold (smallest first), or
    None when a branch has none: a text may match only when, for some branch, it holds a
    literal of each of that branch's gates (:func:`may_match_all`). Sharper than
    :func:`literal_gate`, which keeps one gate per branch, at the price of more look-ups."""
    if _FLAGS.search(pattern):
        return None
    branches = []
    for branch in _branches(pattern):
        gates = sorted({tuple(sorted(gate)) for gate in _candidates(branch)}, key=len)
        if not gates:
            return None
        branches.append(tuple(gates))
    return tuple(branches)


def fold(text: str) -> str:
    """``text`` case-folded as the gates are: ``regex``'s IGNORECASE also matches "İ" for "i"."""
    folded = text.casefold()
    return folded.replace("i\u0307", "i") if "\u0130" in text else folded


def may_match(gate: tuple[str, ...] | None, folded: str) -> bool:
    """False only when no literal of ``gate`` occurs in ``folded`` (a :func:`fold` text)."""
    return gate is None or any(literal in folded for literal in gate)


def may_match_all(gates: tuple[tuple[tuple[str, ...], ...], ...] | None, folded: str) -> bool:
    """False only when every branch of :func:`branch_gates` misses one of its gates."""
    return gates is None or any(
        all(any(literal in folded for literal in gate) for gate in branch) for branch in gates
    )
