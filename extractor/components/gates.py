"""Literal gates: the words a rule's every match must contain, to skip rules a text cannot match.

A claim or period rule is a ``regex`` pattern run over the whole text; most texts hold none of
most rules' words, yet each ``finditer`` still tries the pattern at every position. The gate of a
pattern is a tuple of case-folded literals such that every match contains one of them: when none
occurs in the case-folded text (:func:`fold`), the rule cannot match and is skipped.

:func:`literal_gate` derives a gate from the pattern text only where it can prove one. For each
top-level branch it reads the items left to right (plain literals of letters, digits, spaces,
``-`` and ``'``; groups; classes; simple escapes; ``{NAME}`` placeholders; look-arounds, which are
zero-width) and keeps the *required* ones that have a gate: a literal of at least
``MIN_LITERAL`` characters (a quantifier after it drops its last character: ``exports?`` ->
``export``), or a group that is not optional and whose own alternation has a gate. The branch's
gate is the best of these (the one whose shortest word is longest); the pattern's gate is the
union over its branches, and None as soon as one branch has none. Reading stops at anything it
does not know (inline flags, back-references, numeric escapes): what was proved before stays
proved; a pattern with inline flags gets no gate at all (``(?x)`` would change what a space is).

:func:`branch_gates` keeps every gate of each branch, not only the best: a branch can match only
when the text holds a literal of each. Where a match can *start* is proved by
:mod:`extractor.components.heads`.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

MIN_LITERAL = 3
_FLAGS = regex.compile(r"\(\?[a-zA-Z^-]+[:)]")  # inline flags: (?i) (?x) (?-i:...)
_CLASS_ESCAPES = frozenset("sSdDwW")
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -'")
_QUANTIFIERS = frozenset("?*+{")


def _class_end(pattern: str, i: int) -> int:
    """The index after the ``]`` closing the class opened at ``pattern[i]``."""
    j = i + 1
    j += pattern[j : j + 1] == "^"
    j += pattern[j : j + 1] == "]"  # "[]...]", "[^]...]": a literal "]" first
    while pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _structure(pattern: str, i: int = 0) -> Iterator[tuple[int, str, int]]:
    """Yield ``(index, char, depth)`` for every character of ``pattern`` from ``i`` that is not
    inside an escape or a character class; ``depth`` counts the groups open after the character."""
    depth = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        depth += (c == "(") - (c == ")")
        yield i, c, depth
        i += 1


def top_level_branches(pattern: str) -> list[str]:
    """``pattern`` split at the ``|`` that are outside groups and character classes."""
    cuts = [i for i, c, depth in _structure(pattern) if c == "|" and depth == 0]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[x + 1 : y] for x, y in zip(bounds, bounds[1:], strict=False)]


def _group_end(pattern: str, i: int) -> int:
    """The index of the ``)`` closing the group opened at ``pattern[i]``."""
    for j, c, depth in _structure(pattern, i):
        if c == ")" and depth == 0:
            return j
    raise ValueError(f"unbalanced group in {pattern!r}")


def _quantifier(pattern: str, i: int) -> tuple[bool, int]:
    """(whether the item before ``pattern[i]`` may be absent, index after its quantifier)."""
    c = pattern[i : i + 1]
    optional = c in ("?", "*") or pattern.startswith(("{0,", "{,", "{0}"), i)
    if c in ("?", "*", "+"):
        i += 1
    elif c == "{" and pattern[i + 1 : i + 2].isdigit() or pattern.startswith("{,", i):
        i = pattern.index("}", i) + 1
    else:
        return False, i
    return optional, i + (pattern[i : i + 1] in ("?", "+"))  # lazy / possessive


def _item_end(seq: str, i: int) -> int | None:
    """The end of the one-character item (escape, class, ``.``, ``{NAME}``) at ``i``, or None."""
    c = seq[i]
    if c == "\\":
        e = seq[i + 1 : i + 2]
        if e in ("p", "P") and seq[i + 2 : i + 3] == "{":
            return seq.index("}", i) + 1
        # \s \d \w and escaped punctuation are one character; \x41, \u00a0, \1, \N{...} are not
        return i + 2 if e in _CLASS_ESCAPES or (e and not e.isalnum()) else None
    if c == "[":
        return _class_end(seq, i)
    if c == "{" and seq[i + 1 : i + 2].isalpha():
        return seq.index("}", i) + 1  # a placeholder ({PARTNER}, {MONTH}): expanded later
    return i + 1 if c == "." else None


def _group(seq: str, i: int) -> tuple[set[str] | None, int]:
    """The gate of the group opened at ``i`` (None when it may be absent) and where it ends."""
    end = _group_end(seq, i)
    named = seq.startswith("(?P<", i)
    inner = seq[seq.index(">", i) + 1 if named else i + 1 + 2 * (seq[i + 1] == "?") : end]
    optional, after = _quantifier(seq, end + 1)
    return (None if optional else alternation_gate(inner)), after


def _literal(seq: str, i: int) -> tuple[set[str] | None, int]:
    """The gate of the plain literal starting at ``i`` (None when too short) and its end."""
    j = i
    while j < len(seq) and seq[j] in _PLAIN:
        j += 1
    after = _quantifier(seq, j)[1]
    literal = seq[i : j - 1] if after > j else seq[i:j]  # "exports?": the "s" may be absent
    return ({literal.casefold()} if len(literal.strip()) >= MIN_LITERAL else None), after


def _candidates(seq: str) -> list[set[str]]:
    """The gates of items that every match of ``seq`` holds, from left to right."""
    found: list[set[str]] = []
    i = 0
    while i < len(seq):
        gate = None
        if seq.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            i = _group_end(seq, i) + 1  # zero-width: says nothing about the match
            if seq[i : i + 1] in _QUANTIFIERS:
                break
        elif seq.startswith(("(?:", "(?P<"), i) or seq[i] == "(" and seq[i + 1 : i + 2] != "?":
            gate, i = _group(seq, i)
        elif seq[i] in _PLAIN:
            gate, i = _literal(seq, i)
        elif seq[i] == "^" or seq.startswith(("\\b", "\\B"), i):
            i += 1 if seq[i] == "^" else 2
        else:
            end = _item_end(seq, i)
            if end is None:
                break  # something this reader does not know: stop, keep what was proved
            i = _quantifier(seq, end)[1]
        if gate is not None:
            found.append(gate)
    return found


def _sequence_gate(seq: str) -> set[str] | None:
    """The best gate among the items every match of ``seq`` holds: the one whose shortest
    literal is longest (the rarest words), or None."""
    candidates = _candidates(seq)
    if not candidates:
        return None
    return max(candidates, key=lambda gate: min(len(w) for w in gate))


def alternation_gate(pattern: str) -> set[str] | None:
    """The case-folded literals one of which every match of ``pattern`` holds, or None."""
    literals: set[str] = set()
    for branch in top_level_branches(pattern):
        gate = _sequence_gate(branch)
        if gate is None:
            return None
        literals |= gate
    return literals


def literal_gate(pattern: str) -> tuple[str, ...] | None:
    """:func:`alternation_gate` as a sorted tuple (None: no gate can be proved)."""
    gate = None if _FLAGS.search(pattern) else alternation_gate(pattern)
    return None if gate is None else tuple(sorted(gate))


def branch_gates(pattern: str) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
    """Per top-level branch of ``pattern``, *every* gate its matches hold (smallest first), or
    None when a branch has none: a text may match only when, for some branch, it holds a
    literal of each of that branch's gates (:func:`may_match_all`). Sharper than
    :func:`literal_gate`, which keeps one gate per branch, at the price of more look-ups."""
    if _FLAGS.search(pattern):
        return None
    branches = []
    for branch in top_level_branches(pattern):
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
