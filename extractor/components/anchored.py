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

from collections.abc import Iterator
from typing import Any


def anchored_finditer(pattern: Any, starts: Any, text: str) -> Iterator[Any]:
    """``pattern.finditer(text)``, trying ``pattern`` only where ``starts`` matches.

    ``pattern`` must never match the empty string, and ``starts`` must match at every position
    where ``pattern`` can match (it may match at more). Both see the whole text, so their
    look-behinds read the characters before the position tried."""
    search, match = starts.search, pattern.match
    pos = 0
    while (start := search(text, pos)) is not None:
        at = start.start()
        m = match(text, at)
        if m is None:
            pos = at + 1
        else:
            yield m
            pos = m.end()
