"""Where the matches of a rule can start, proved from its pattern: one reader for both finders.

A period or claim rule is a ``regex`` pattern; trying it at every position of a text is most of
its cost. :func:`pattern_heads` reads a pattern once and proves *heads*: short strings one of
which every match starts with. A head is written like a tiny pattern: literal characters
(case-folded for a case-insensitive rule), :data:`DIGIT` (``\\d``) and :data:`SPACE` (``\\s``),
so "a year earlier" gives ``a\\s`` and "17 April" gives ``\\d\\s`` and ``\\d\\d\\s``.

The reader tokenizes the pattern and parses it into branches of items (a node, its least and
most count). A sequence's heads are those of its first item that consumes a character, through
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
from typing import Any

import regex

DIGIT = r"\d"  # a head element: any decimal digit (as ``regex`` reads ``\d``)
SPACE = r"\s"  # a head element: any white space (as ``regex`` reads ``\s``)
HEAD_LEN = 4  # heads are cut to this many elements: few searches, rare enough places
MAX_HEADS = 64  # an item is continued by what follows only while the product is this small
MAX_REPEAT = 4  # ``x{m,n}`` spells out its strings only up to this many repeats
_QUANTIFIER = regex.compile(r"(?:[?*+]|\{(?:\d+(?:,\d*)?|,\d+)\})[?+]?")
_TOKENS = regex.compile(
    r"\\p\{[^}]*\}|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\((?:\?(?:[:=!]|<[=!]|P<\w+>))?|"
    + _QUANTIFIER.pattern
    + "|.",
    regex.DOTALL,
)
ELEMENTS = regex.compile(r"\\[ds]|.", regex.DOTALL)
_RANGE = regex.compile(r"[A-Za-z0-9]-[A-Za-z0-9]")
_CLASS_ITEMS = regex.compile(r"\\.|.-[^\]]|.", regex.DOTALL)
_ZERO_ESCAPES = frozenset("bBAZ")
_OTHER_ESCAPES = frozenset("SwWDntrfv")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_NOT_WORD = frozenset({"Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Zs"})  # categories outside ``\w``
# ("lit", element strings) | ("group", branches) | ("zero", source) | ("other", None)
Node = tuple[str, Any]
Item = tuple[Node, int, int | None]  # a node, its least and most count (None: no limit)


class _Unknown(Exception):
    """The pattern holds syntax the reader does not know: nothing is proved."""


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
    try:
        branches, end = _parse(_TOKENS.findall(pattern), 0)
    except _Unknown:
        return None
    return branches if end < 0 else None


def _parse(tokens: list[str], i: int) -> tuple[list[list[Item]], int]:
    """The branches of the alternation from ``tokens[i]`` and the index after its ``)``
    (-1 at the end of the pattern)."""
    branches: list[list[Item]] = [[]]
    while i < len(tokens):
        t = tokens[i]
        if t == ")":
            return branches, i + 1
        if t == "|":
            branches.append([])
            i += 1
            continue
        if t.startswith("("):
            if t == "(" and tokens[i + 1 : i + 2] == ["?"]:
                raise _Unknown(t)  # inline flags, atomic groups, conditionals ...
            inner, end = _parse(tokens, i + 1)
            if end < 0:
                raise _Unknown("unbalanced group")
            zero = t in ("(?=", "(?!", "(?<=", "(?<!")
            node: Node = ("zero", "".join(tokens[i:end])) if zero else ("group", inner)
            i = end
        else:
            node, i = _atom(t), i + 1
        q = tokens[i] if i < len(tokens) and _QUANTIFIER.fullmatch(tokens[i]) else None
        if q is not None and node[0] == "zero":
            raise _Unknown(q)  # a repeated look-around
        i += q is not None
        branches[-1].append((node, *_counts(q)))
    return branches, -1


def _counts(q: str | None) -> tuple[int, int | None]:
    """The least and most count of quantifier ``q`` (None: an item without one)."""
    if q is None:
        return 1, 1
    if q[0] in "?*+":
        return (0 if q[0] in "?*" else 1), (1 if q[0] == "?" else None)
    low, _, high = q[1 : q.index("}")].partition(",")
    least = int(low or 0)
    return least, (least if "," not in q else int(high) if high else None)


def _literal(c: str) -> bool:
    """Whether ``c`` is a character a head may hold: printable ASCII but ``\\``, or a
    punctuation mark, symbol or space without case (its matches are itself)."""
    if c.isascii():
        return c.isprintable() and c != "\\"
    return unicodedata.category(c)[0] in "PSZ" and c.casefold() == c == c.upper()


def _atom(t: str) -> Node:
    if t[:2] in ("\\x", "\\u", "\\U") and len(t) > 2:  # a character by its code: \u2019
        c = chr(int(t[2:], 16))
        return ("lit", {c}) if _literal(c) and not c.isalnum() else ("other", None)
    if t.startswith("\\") and len(t) == 2:
        e = t[1]
        if e in "ds":
            return ("lit", {t})
        if e in _ZERO_ESCAPES:
            return ("zero", t)
        if e.isalnum() and e not in _OTHER_ESCAPES:
            raise _Unknown(t)  # \x41, \1, \N{...}, \G: not one plain item
        return ("lit", {e}) if not e.isalnum() and _literal(e) else ("other", None)
    if t.startswith("["):
        return _class(t)
    if t in ("^", "$"):
        return ("zero", t)
    return ("lit", {t}) if len(t) == 1 and t != "." and _literal(t) else ("other", None)


def _class(t: str) -> Node:
    """A class of at most 16 head elements (characters, ranges of letters or digits, ``\\d``,
    ``\\s``, escaped punctuation) as a literal node; any other class is "other"."""
    body = t[1:-1]
    if body.startswith("^") or not body:
        return ("other", None)
    elements: set[str] = set()
    for part in _CLASS_ITEMS.findall(body):
        if len(part) == 3 and part[1] == "-":
            if not _RANGE.fullmatch(part):
                return ("other", None)
            elements.update(chr(c) for c in range(ord(part[0]), ord(part[2]) + 1))
        elif part in (DIGIT, SPACE):
            elements.add(part)
        elif part[-1].isalnum() and len(part) == 2 or not _literal(part[-1]):
            return ("other", None)  # \w, \S, \p{..}, or a character with case outside ASCII
        else:
            elements.add(part[-1])
    return ("lit", elements) if len(elements) <= 16 else ("other", None)


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
    kind, value = node
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
    kind, value = node
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
        kind, value = node
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
