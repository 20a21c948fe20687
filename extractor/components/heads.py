"""Where the matches of a rule can start, proved from its pattern: one reader for both finders.

A period or claim rule is a ``regex`` pattern; trying it at every position of a text is most of
its cost. :func:`pattern_heads` reads a pattern once and proves *heads*: short strings one of
which every match starts with. A head is written like a tiny pattern: literal characters
(case-folded for a case-insensitive rule), :data:`DIGIT` (``\\d``) and :data:`SPACE` (``\\s``),
so "a year earlier" gives ``a\\s`` and "17 April" gives ``\\d\\s`` and ``\\d\\d\\s``.

The pattern is read by :func:`extractor.components.regex_syntax.parse` into branches of items
(a node, its least and most count), the tree the literal gates are proved from too. A sequence's heads are those of its first item that consumes a character, through
zero-width items (look-arounds, anchors); an item that may be absent adds the heads of what
follows. An item whose every string is known and few (literals, short alternations, classes of
a few characters, ``\\d{4}``, ``\\d{1,2}``) is continued by the heads of what follows, so a head
goes on through what the pattern requires next. Syntax the reader does not know (inline flags,
back-references, ``\\N{...}``) proves nothing: no heads.

Two finders use the heads: the period finder searches each text for them
(:class:`extractor.components.starts.Starts`), the claim finder files a text's words by how they
begin (:func:`word_starts`, read from the same heads, for rules whose matches open a word). Both
then try the rule only at those positions (:func:`extractor.components.starts.matches_at`),
which yields what ``finditer`` over the whole text yields.
"""

from __future__ import annotations

import unicodedata

from extractor.components.regex_syntax import DIGIT, ELEMENTS, SPACE, Item, Node, parse

HEAD_LEN = 4  # heads are cut to this many elements: few searches, rare enough places
MAX_HEADS = 64  # an item is continued by what follows only while the product is this small
MAX_REPEAT = 4  # ``x{m,n}`` spells out its strings only up to this many repeats
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_NOT_WORD = frozenset({"Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Zs"})  # categories outside ``\w``


def pattern_heads(pattern: str, folded: bool = True) -> tuple[str, ...] | None:
    """The heads (cut to ``HEAD_LEN`` elements) one of which every match of ``pattern`` starts
    with, case-folded when ``folded``; None when that cannot be proved (a match may be empty or
    open with something else, or the syntax is not known here)."""
    parsed = _parse_pattern(pattern)
    heads = None if parsed is None else _group_heads(parsed)
    if heads is None or any(h.startswith(SPACE) for h in heads):
        return None
    cut = {"".join(ELEMENTS.findall(h)[:HEAD_LEN]) for h in heads}
    return _shortest({_fold(h) for h in cut} if folded else cut)


def _shortest(heads: set[str]) -> tuple[str, ...]:
    """``heads`` without those another head begins (where they start, the shorter one does)."""
    return tuple(sorted(h for h in heads if not any(h != o and h.startswith(o) for o in heads)))


def _fold(head: str) -> str:
    return "".join(e if len(e) == 2 else e.casefold() for e in ELEMENTS.findall(head))


def _parse_pattern(pattern: str) -> list[list[Item]] | None:
    """The tree of ``pattern``, or None when it is unbalanced or holds unknown syntax."""
    try:
        tree = parse(pattern)
    except ValueError:
        return None
    return tree.branches if tree.known else None


def _group_heads(branches: list[list[Item]]) -> set[str] | None:
    heads: set[str] = set()
    for branch in branches:
        found = _sequence_heads(branch)
        if found is None:
            return None
        heads |= found
    return heads


def _sequence_heads(seq: list[Item]) -> set[str] | None:
    """The heads of every match of ``seq`` (None: unknown, or the match may be empty)."""
    for k, (node, least, most) in enumerate(seq):
        if node[0] == "zero":
            continue
        rest = _sequence_heads(seq[k + 1 :])
        whole = _strings(node, least, most)
        if whole is not None and (rest is None or len(whole) * len(rest) <= MAX_HEADS):
            if rest is None:
                return None if "" in whole else whole
            return {a + b for a in whole for b in rest}
        first = _node_heads(node)
        if first is None or least > 0:
            return first
        return None if rest is None else first | rest
    return None


def _node_heads(node: Node) -> set[str] | None:
    kind, value, _ = node
    if kind == "lit":
        return set(value)
    return _group_heads(value) if kind == "group" else None


def _strings(node: Node, least: int, most: int | None) -> set[str] | None:
    """Every string the item can match (heads' elements), when there are few of them."""
    if most is None or most > MAX_REPEAT:
        return None
    one = _node_strings(node)
    if one is None:
        return None
    found = {""} if least == 0 else set()
    words = {""}
    for count in range(1, most + 1):
        words = {a + b for a in words for b in one}
        if len(words) > MAX_HEADS:
            return None
        if count >= least:
            found |= words
    return found if len(found) <= MAX_HEADS else None


def _node_strings(node: Node) -> set[str] | None:
    kind, value, _ = node
    if kind == "lit":
        return set(value)
    if kind != "group":
        return {""} if kind == "zero" else None
    strings: set[str] = set()
    for branch in value:
        words = {""}
        for item in branch:
            part = _strings(*item)
            if part is None or len(words) * len(part) > MAX_HEADS:
                return None
            words = {a + b for a in words for b in part}
        strings |= words
    return strings


# -- word starts: the claim finder's view of the heads ----------------------------------------


def word_starts(pattern: str) -> frozenset[str] | None:
    r"""The beginnings of the word every match of ``pattern`` starts with, or None.

    Each beginning is a run of ASCII letters and digits as written in the pattern (not folded),
    or :data:`DIGIT`. Every match starts at a word start (a ``(?<![\w])`` look-behind before
    the first item that consumes, on every branch, proves that nothing of ``\w`` comes before
    it) and its first word, the longest run of ``\w`` there, begins with one of them. A
    beginning that ends in a space is the whole first word: its head goes on with a character
    surely outside ``\w`` ("the " from ``the\s+``: "there" cannot open a match).
    """
    parsed = _parse_pattern(pattern)
    heads = None if parsed is None or not _bounded(parsed) else _group_heads(parsed)
    if heads is None:
        return None
    starts = set()
    for head in _shortest(heads):
        elements = ELEMENTS.findall(head)
        if elements[0] == DIGIT:
            starts.add(DIGIT)
            continue
        n = next((k for k, e in enumerate(elements) if e not in _ALNUM), len(elements))
        if n == 0:
            return None  # the match may open with "-", "'" or another non-word character
        after = elements[n] if n < len(elements) else ""
        whole = after == SPACE or len(after) == 1 and _not_word(after)
        starts.add("".join(elements[:n]) + (" " if whole else ""))
    return frozenset(starts)


def _bounded(branches: list[list[Item]]) -> bool:
    """Whether a word-start look-behind comes before the first consuming item of every branch."""
    return all(_bounded_sequence(branch) for branch in branches)


def _bounded_sequence(seq: list[Item]) -> bool:
    for k, (node, least, most) in enumerate(seq):
        kind, value, _ = node
        if kind == "zero" and _word_start(value):
            return True
        if kind == "group" and least == most == 1:
            return all(_bounded_sequence(branch + seq[k + 1 :]) for branch in value)
        if kind != "zero":
            return False
    return False


def _word_start(lookaround: str) -> bool:
    r"""Whether ``lookaround`` is ``(?<![\w...])`` or ``(?<!\w)``: no word character before."""
    body = lookaround[4:-1]
    return lookaround.startswith("(?<!") and (body == r"\w" or body.startswith(r"[\w"))


def _not_word(c: str) -> bool:
    r"""Whether the character ``c`` is surely outside ``\w`` (a space or punctuation but "_")."""
    if c.isascii():
        return not c.isalnum() and c != "_"
    return unicodedata.category(c) in _NOT_WORD
