"""Where the heads of rules start in one text, and the matches of a rule there.

The heads come from :mod:`extractor.components.heads`; finding them in a text is shared by every
rule of a finder (:class:`Starts`), and :func:`matches_at` tries a rule only where it can match.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

import regex

from extractor.components.anchored import finditer_from
from extractor.components.heads import DIGIT, ELEMENTS, SPACE

_DIGIT = regex.compile(DIGIT)
_DIGIT_RUNS = regex.compile(r"\d+")
_SPACES = regex.compile(r"[^\S ]")  # white space but the plain space


class Starts:
    """Where heads start in one text (each search done once, shared by the rules).

    A head is searched by its *key*, what it opens with up to its first ``\\d``, in the text, or
    in the case-folded text for a case-insensitive rule (whose offsets must be the text's); each
    ``\\s`` of a key stands for each white space the text holds, so a key is a few plain strings.
    What follows the key is matched at each place found. A head that opens with digits is looked
    for at the runs of digits of the text.
    """

    def __init__(self, text: str, folded: str) -> None:
        self.text, self.folded = text, folded
        self.keys: dict[tuple[str, bool], list[int]] = {}
        self.heads: dict[tuple[str, bool], list[int]] = {}
        self.merged: dict[tuple[tuple[str, ...], bool], list[int]] = {}
        self.digits: dict[tuple[int, bool], list[int]] = {}
        self._runs: list[tuple[int, int]] | None = None
        self._spaces: tuple[str, ...] | None = None

    def of(self, heads: tuple[str, ...], ignore_case: bool) -> list[int]:
        """The sorted offsets where one of ``heads`` starts (``ignore_case``: the rule's)."""
        merged = self.merged.get((heads, ignore_case))
        if merged is None:
            plain, other = _plan(heads)
            offsets: set[int] = set()
            for key in plain:
                offsets.update(self._key(key, ignore_case))
            for head in other:
                found = self.heads.get((head, ignore_case))
                if found is None:
                    found = self.heads[head, ignore_case] = self._head(head, ignore_case)
                offsets.update(found)
            merged = self.merged[heads, ignore_case] = sorted(offsets)
        return merged

    def _head(self, head: str, ignore_case: bool) -> list[int]:
        key, digits, tail = split_head(head)
        text = self.folded if ignore_case else self.text
        if digits:
            found = self._digit_starts(digits, bool(tail) and _DIGIT.match(tail[0]) is None)
        else:
            keys = _spelled(key, self._white())
            found = self._key(keys[0], ignore_case) if len(keys) == 1 else sorted(
                p for k in keys for p in self._key(k, ignore_case)
            )  # fmt: skip
        if not tail:
            return found
        at = digits or len(keys[0])
        if DIGIT in tail:
            rest = _pattern(tail)
            return [p for p in found if rest.match(text, p + at)]
        rests = _spelled(tail, self._white())
        return [p for p in found if text.startswith(rests, p + at)]

    def _white(self) -> tuple[str, ...]:
        """The white space characters of the text (the plain space always)."""
        if self._spaces is None:
            self._spaces = tuple(sorted({" ", *_SPACES.findall(self.text)}))
        return self._spaces

    def _key(self, key: str, ignore_case: bool) -> list[int]:
        found = self.keys.get((key, ignore_case))
        if found is None:
            text = self.folded if ignore_case else self.text
            found = self.keys[key, ignore_case] = []
            i = text.find(key)
            while i >= 0:
                found.append(i)
                i = text.find(key, i + 1)
        return found

    def _digit_starts(self, n: int, last: bool) -> list[int]:
        """Offsets where ``n`` digits begin; only a run's last ``n`` when ``last`` (the head
        goes on with what cannot be a digit)."""
        found = self.digits.get((n, last))
        if found is None:
            if self._runs is None:
                self._runs = [m.span() for m in _DIGIT_RUNS.finditer(self.text)]
            runs = [(start, end) for start, end in self._runs if end - start >= n]
            if last:
                found = [end - n for _, end in runs]
            else:
                found = [p for start, end in runs for p in range(start, end - n + 1)]
            self.digits[n, last] = found
        return found


@lru_cache(maxsize=256)
def _plan(heads: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``heads`` split into plain strings (most heads: searched as they are) and the others."""
    plain = tuple(h for h in heads if DIGIT not in h and SPACE not in h)
    return plain, tuple(h for h in heads if h not in plain)


@lru_cache(maxsize=4096)
def split_head(head: str) -> tuple[tuple[str, ...], int, tuple[str, ...]]:
    r"""How ``head`` is searched: (its key: the runs of characters and ``\s`` before its first
    ``\d``, each ``\s`` alone; the number of ``\d`` it opens with; the elements after the key or
    the digits). "in\s" -> (("in", "\s"), 0, ()); "20\d\d" -> (("20",), 0, ("\d", "\d"))."""
    elements = ELEMENTS.findall(head)
    n = next((k for k, e in enumerate(elements) if (e == DIGIT) != (elements[0] == DIGIT)),
             len(elements))  # fmt: skip
    if elements[0] == DIGIT:
        return (), n, tuple(elements[n:])
    key: list[str] = []
    for e in elements[:n]:
        if e != SPACE and key and key[-1] != SPACE:
            key[-1] += e
        else:
            key.append(e)
    return tuple(key), 0, tuple(elements[n:])


@lru_cache(maxsize=4096)
def _spelled(parts: tuple[str, ...], spaces: tuple[str, ...]) -> tuple[str, ...]:
    """The plain strings that ``parts`` (strings and ``\\s``) can be, given the white space."""
    strings = [""]
    for part in parts:
        strings = [a + b for a in strings for b in (spaces if part == SPACE else (part,))]
    return tuple(strings)


@lru_cache(maxsize=4096)
def _pattern(elements: tuple[str, ...]) -> Any:
    r"""``elements`` as a pattern: literal characters (escaped), ``\d`` and ``\s``; it matches
    exactly what the same elements of the rule match."""
    return regex.compile("".join(e if e in (DIGIT, SPACE) else regex.escape(e) for e in elements))


def matches_at(pattern: Any, text: str, starts: Sequence[int]) -> Iterator[Any]:
    """``pattern.finditer(text)`` for a pattern whose every match is non-empty and starts at one
    of ``starts`` (ascending): tried there only (see :func:`anchored.finditer_from`)."""

    def next_start(pos: int) -> int | None:
        i = bisect_left(starts, pos)
        return starts[i] if i < len(starts) else None

    return finditer_from(pattern, text, next_start)
