"""A rule's ``regex`` pattern read once into a tree: the one reader of pattern syntax.

Two proofs walk the tree :func:`parse` builds: the literal gates of
:mod:`extractor.components.gates` (words every match holds) and the heads of
:mod:`extractor.components.heads` (what every match starts with). The pattern is tokenized
(escapes, classes, group openings, quantifiers, single characters) and parsed into branches of
items: a node with its least and most count (None: no limit). A node is ``(kind, value, source)``:

- ``"lit"``: the characters it matches as head elements (a character, :data:`DIGIT` or
  :data:`SPACE`): a plain character, ``\\d``, ``\\s``, a class of a few of them;
- ``"group"``: its branches;
- ``"zero"``: a look-around (value: its source) or an anchor, which consume nothing;
- ``"other"``: anything else that consumes (``.``, ``\\w``, a class of many characters ...);
- ``"unknown"``: syntax this reader does not know (inline flags, atomic groups, back-references,
  ``\\N{...}``, a repeated look-around); an unknown group keeps its branches as value.

``source`` is the token as written (a group's: its opening), so a proof can tell ``-`` from
``\\-``. With ``placeholders``, ``{NAME}`` (a word list expanded later) is one "other" node.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

import regex

DIGIT = r"\d"  # a head element: any decimal digit (as ``regex`` reads ``\d``)
SPACE = r"\s"  # a head element: any white space (as ``regex`` reads ``\s``)
ELEMENTS = regex.compile(r"\\[ds]|.", regex.DOTALL)
LOOKAROUNDS = frozenset({"(?=", "(?!", "(?<=", "(?<!"})
_QUANTIFIER = regex.compile(r"(?:[?*+]|\{(?:\d+(?:,\d*)?|,\d+)\})[?+]?")
_TOKEN = (
    r"\\[pP]\{[^}]*\}|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\.|"
    r"\[\^?\]?(?:\\.|[^\]\\])*\]|\((?:\?(?:[:=!]|<[=!]|P<\w+>)?)?|" + _QUANTIFIER.pattern + "|."
)
_TOKENS = regex.compile(_TOKEN, regex.DOTALL)
_TOKENS_WITH_PLACEHOLDERS = regex.compile(r"\{[^\W\d_][^}]*\}|" + _TOKEN, regex.DOTALL)
_RANGE = regex.compile(r"[A-Za-z0-9]-[A-Za-z0-9]")
_CLASS_ITEMS = regex.compile(r"\\.|.-[^\]]|.", regex.DOTALL)
_QUANTIFIER_STARTS = frozenset("?*+{")
_ZERO_ESCAPES = frozenset("bBAZ")
_OTHER_ESCAPES = frozenset("SwWDntrfv")
Node = tuple[str, Any, str]  # (kind, value, source): see the module's docstring
Item = tuple[Node, int, int | None]  # a node, its least and most count (None: no limit)


class Tree(NamedTuple):
    """The branches of a pattern, and whether the reader knew all of its syntax."""

    branches: list[list[Item]]
    known: bool  # no syntax the reader does not know, at any depth (look-arounds too)


def parse(pattern: str, placeholders: bool = False) -> Tree:
    """The tree of ``pattern``; ValueError when its groups are unbalanced."""
    tokens = (_TOKENS_WITH_PLACEHOLDERS if placeholders else _TOKENS).findall(pattern)
    unknown: list[str] = []
    branches, end = _parse(tokens, 0, unknown)
    if end >= 0:
        raise ValueError(f"unbalanced group in {pattern!r}")
    return Tree(branches, not unknown)


def _parse(tokens: list[str], i: int, unknown: list[str]) -> tuple[list[list[Item]], int]:
    """The branches of the alternation from ``tokens[i]`` and the index after its ``)``
    (-1 at the end of the pattern); the source of every unknown node goes to ``unknown``."""
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
            inner, end = _parse(tokens, i + 1, unknown)
            if end < 0:
                raise ValueError("unbalanced group")
            if t in LOOKAROUNDS:
                node: Node = ("zero", "".join(tokens[i:end]), t)
            else:  # "(?": inline flags, atomic groups, conditionals ...
                node = ("unknown" if t == "(?" else "group", inner, t)
            i = end
        else:
            node, i = _atom(t), i + 1
        after = tokens[i] if i < len(tokens) else ""
        q = after if after[:1] in _QUANTIFIER_STARTS and _QUANTIFIER.fullmatch(after) else None
        if q is not None and node[0] == "zero":
            node = ("unknown", None, node[2])  # a repeated look-around or anchor
        i += q is not None
        if node[0] == "unknown":
            unknown.append(node[2])
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


@lru_cache(maxsize=1024)
def _atom(t: str) -> Node:
    """The node of the single token ``t`` (cached: patterns repeat most of their tokens)."""
    if t[:2] in ("\\x", "\\u", "\\U") and len(t) > 2:  # a character by its code: \u2019
        c = chr(int(t[2:], 16))
        return ("lit", frozenset({c}), t) if _literal(c) and not c.isalnum() else ("other", None, t)
    if t.startswith("\\P{"):
        return ("unknown", None, t)  # the heads never read \P{..}; kept so (the gates do)
    if t.startswith("\\") and len(t) == 2:
        e = t[1]
        if e in "ds":
            return ("lit", frozenset({t}), t)
        if e in _ZERO_ESCAPES:
            return ("zero", t, t)
        if e.isalnum() and e not in _OTHER_ESCAPES:
            return ("unknown", None, t)  # \1, \N{...}, \G: not one plain item
        return ("lit", frozenset({e}), t) if not e.isalnum() and _literal(e) else ("other", None, t)
    if t.startswith("["):
        return _class(t)
    if t in ("^", "$"):
        return ("zero", t, t)
    return (
        ("lit", frozenset({t}), t)
        if len(t) == 1 and t != "." and _literal(t)
        else ("other", None, t)
    )


def _class(t: str) -> Node:
    """A class of at most 16 head elements (characters, ranges of letters or digits, ``\\d``,
    ``\\s``, escaped punctuation) as a literal node; any other class is "other"."""
    body = t[1:-1]
    if body.startswith("^") or not body:
        return ("other", None, t)
    elements: set[str] = set()
    for part in _CLASS_ITEMS.findall(body):
        if len(part) == 3 and part[1] == "-":
            if not _RANGE.fullmatch(part):
                return ("other", None, t)
            elements.update(chr(c) for c in range(ord(part[0]), ord(part[2]) + 1))
        elif part in (DIGIT, SPACE):
            elements.add(part)
        elif part[-1].isalnum() and len(part) == 2 or not _literal(part[-1]):
            return ("other", None, t)  # \w, \S, \p{..}, or a character with case outside ASCII
        else:
            elements.add(part[-1])
    return ("lit", frozenset(elements), t) if len(elements) <= 16 else ("other", None, t)
