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
when the text holds a literal of each. The same reader proves where a match can *start*
(:func:`word_starts`): the beginnings of the first word of every match, when every match opens
at a word start (after a ``(?<![\\w])`` look-behind) with a literal or a digit. A finder then
runs the rule only at the words that begin so, instead of at every position of the text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

MIN_LITERAL = 3
_FLAGS = regex.compile(r"\(\?[a-zA-Z^-]+[:)]")  # inline flags: (?i) (?x) (?-i:...)
_CLASS_ESCAPES = frozenset("sSdDwW")
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -'")
_QUANTIFIERS = frozenset("?*+{")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
DIGIT = "\\d"  # the start of a match that opens with a digit (regex ``\d``: any decimal digit)
_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_NOT_WORD = frozenset({"Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Zs"})  # categories outside ``\w``


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


def word_starts(pattern: str) -> frozenset[str] | None:
    r"""The beginnings of the word every match of ``pattern`` starts with, or None.

    Each beginning is a run of ASCII letters and digits as written in the pattern (not folded),
    or :data:`DIGIT`. Every match starts at a word start (a ``(?<![\w])`` look-behind proves
    that nothing of ``\w`` comes before it), and its first word, the longest run of ``\w`` there,
    begins with one of them; a beginning that ends in a space is the whole first word ("the "
    from ``the\s+``: "there" cannot open a match). None when that cannot be proved: a match
    that may open with something else (a class, a space, a punctuation mark), may be empty, or
    a pattern that holds something the reader does not know.
    """
    if _FLAGS.search(pattern):
        return None
    found = _alternation_starts(pattern, bounded=False)
    return frozenset(found[0]) if found and found[1] else None


def _alternation_starts(pattern: str, bounded: bool) -> tuple[set[str], bool] | None:
    """The beginnings over the branches of ``pattern`` and whether every match consumes one
    (False: a branch may match nothing), or None; ``bounded``: a word start is proved here."""
    heads: set[str] = set()
    complete = True
    for branch in top_level_branches(pattern):
        found = _sequence_starts(branch, bounded)
        if found is None:
            return None
        heads |= found[0]
        complete &= found[1]
    return heads, complete


def _word_start(lookaround: str) -> bool:
    r"""Whether ``lookaround`` is ``(?<![\w...])`` or ``(?<!\w)``: no word character before."""
    body = lookaround[4:-1]
    return lookaround.startswith("(?<!") and (body == r"\w" or body.startswith(r"[\w"))


def _sequence_starts(seq: str, bounded: bool) -> tuple[set[str], bool] | None:
    """The beginnings of the first consumed item of ``seq``, through optional items, and whether
    a required one was reached (see :func:`_alternation_starts`)."""
    heads: set[str] = set()
    i = 0
    while i < len(seq):
        if seq.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            end = _group_end(seq, i) + 1
            bounded |= _word_start(seq[i:end])  # zero-width: only says where a match may start
            i = end
            if seq[i : i + 1] in _QUANTIFIERS:
                return None
            continue
        if seq[i] == "^" or seq.startswith(("\\b", "\\B"), i):
            i += 1 if seq[i] == "^" else 2
            continue
        item = _item_starts(seq, i, bounded)
        if item is None or item[0] and not bounded:
            return None
        item_heads, required, i = item
        heads |= item_heads
        if required:
            return heads, True
    return heads, False


def _item_starts(seq: str, i: int, bounded: bool) -> tuple[set[str], bool, int] | None:
    """(beginnings, whether the item is required and consumes one of them, where it ends) of the
    consuming item at ``i``, or None when a match may open with something else."""
    if seq.startswith(("(?:", "(?P<"), i) or seq[i] == "(" and seq[i + 1 : i + 2] != "?":
        end = _group_end(seq, i)
        named = seq.startswith("(?P<", i)
        inner = seq[seq.index(">", i) + 1 if named else i + 1 + 2 * (seq[i + 1] == "?") : end]
        optional, after = _quantifier(seq, end + 1)
        found = _alternation_starts(inner, bounded)
        return None if found is None else (found[0], found[1] and not optional, after)
    if seq.startswith("\\d", i):
        optional, after = _quantifier(seq, i + 2)
        return {DIGIT}, not optional, after
    if seq[i] not in _PLAIN:
        return None  # a class, an escape, "." or a construct the reader does not know
    j = i
    while j < len(seq) and seq[j] in _PLAIN:
        j += 1
    optional, after = _quantifier(seq, j)
    literal = seq[i : j - 1] if optional and j - i > 1 else seq[i:j]  # "exports?": "export"
    head = literal[: next((k for k, c in enumerate(literal) if c not in _ALNUM), len(literal))]
    if not head:
        return None  # the match may open with a space, "-" or "'"
    # the first word ends after the head: a space, "-" or "'" follows it, or a required item
    # that matches no word character ("the\s+", "m/m", "S&P")
    whole = head != literal or after == j and _not_word_item(seq, j)
    return {head + " " if whole else head}, not (optional and j - i == 1), after


def _not_word(c: str) -> bool:
    r"""Whether the character ``c`` is surely outside ``\w`` (a space or punctuation but "_")."""
    if c.isascii():
        return not c.isalnum() and c != "_"
    return unicodedata.category(c) in _NOT_WORD


def _not_word_item(seq: str, k: int) -> bool:
    r"""Whether the item at ``k`` is required and matches one character outside ``\w``
    (``\s``, ``\.``, ``[-\s]``, "/")."""
    if k >= len(seq):
        return False
    if seq[k] == "\\":
        e = seq[k + 1 : k + 2]
        ok, end = e == "s" or e != "" and _not_word(e), k + 2
    elif seq[k] == "[":
        end = _class_end(seq, k)
        ok = _not_word_class(seq[k + 1 : end - 1])
    else:
        ok, end = seq[k] not in _SPECIAL and _not_word(seq[k]), k + 1
    return ok and not _quantifier(seq, end)[0]


def _not_word_class(body: str) -> bool:
    """Whether the class ``[body]`` holds only characters outside ``\\w`` (no range, no
    negation, no class escape but ``\\s``)."""
    if not body or body.startswith("^"):
        return False
    k = 0
    while k < len(body):
        c = body[k]
        if c == "\\":
            e = body[k + 1 : k + 2]
            if not (e == "s" or e != "" and _not_word(e)):
                return False
            k += 2
        elif c == "-" and 0 < k < len(body) - 1 or not _not_word(c):
            return False  # a range, or a character that may be \w
        else:
            k += 1
    return True


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
