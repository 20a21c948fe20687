"""Anchored scanning: the matches of a big pattern, tried only where one can begin.

The quantity pattern (``extractor.components.quantities.QUANTITY``) is a long IGNORECASE
alternation with look-behinds. ``pattern.finditer`` tries it at every position of a text, and
each try walks the whole alternation, so most of the time went on positions where no match can
begin (the middle of a word, a space). Every match of it begins with one of a few things (a
digit, a currency sign, a number or hedge word at a word start ...): a small *starts* pattern
finds those positions cheaply, and :func:`anchored_finditer` runs the big pattern's ``match``
only there.

It yields exactly what ``pattern.finditer(text)`` yields: ``finditer`` takes the leftmost
position where ``pattern`` matches, then goes on from the end of that match; positions that
``starts`` rejects are positions where ``pattern`` cannot match, so skipping them changes
nothing (``tests/test_fast_paths.py`` and ``tests/test_speed_quantities.py`` compare both).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


def finditer_from(
    pattern: Any, text: str, next_start: Callable[[int], int | None]
) -> Iterator[Any]:
    """``pattern.finditer(text)``, trying ``pattern`` only at ``next_start(pos)``: the first
    position at or after ``pos`` where a match may begin (None: there is none).

    ``pattern`` must never match the empty string, and every position where it can match must be
    one ``next_start`` gives. ``match`` at an offset sees the whole text, so look-behinds read the
    characters before it. The one loop of the anchored finders (:func:`anchored_finditer`, and
    :func:`extractor.components.starts.matches_at` for the claim and period rules)."""
    match = pattern.match
    pos = 0
    while (at := next_start(pos)) is not None:
        m = match(text, at)
        if m is None:
            pos = at + 1
        else:
            yield m
            pos = m.end()


def anchored_finditer(pattern: Any, starts: Any, text: str) -> Iterator[Any]:
    """``pattern.finditer(text)``, trying ``pattern`` only where the pattern ``starts`` matches
    (it must match at every position where ``pattern`` can; it may match at more)."""
    search = starts.search

    def next_start(pos: int) -> int | None:
        found = search(text, pos)
        return None if found is None else found.start()

    return finditer_from(pattern, text, next_start)
