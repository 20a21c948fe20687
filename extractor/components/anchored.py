"""Anchored scanning: the matches of a big pattern, found by running it only near anchors.

The quantity pattern (``extractor.components.quantities.QUANTITY``) is a long IGNORECASE
alternation with look-behinds, which the ``regex`` module tries at every position of a text.
Every match of it holds an *anchor* (a digit, a number or ordinal word, ``http``/``www.``, ``@``),
and starts at most ``BACK`` characters before its first anchor, so :func:`anchored_finditer`
finds the next anchor with a cheap pattern and searches the big one only in a window around it.

It yields exactly what ``pattern.finditer(text)`` yields (``tests/test_fast_paths.py`` compares
both on generated and corpus text). The window bounds rest on the shape of the pattern: a match
holds at most ~24 non-space characters before its anchor and ~200 after it, apart from runs
(digits, URLs, phone groups) that reach the window's end and send the search to the whole text.
Texts where those bounds do not hold (an ``@``, a whitespace run of ``_LONG_SPACE`` or more) are
scanned whole, as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

BACK = 192  # characters searched before an anchor when spaces crowd the near window
NEAR = 40  # the usual window before an anchor: enough when it holds > NEAR_TEXT non-space chars
NEAR_TEXT = 28  # a match holds at most 23 non-space characters before its first anchor
AHEAD = 512  # characters the bounded search may see after an anchor
MARGIN = 256  # a bounded match must end this far before the window's end to be trusted
_LONG_SPACE = regex.compile(r"\s{32}")


def anchor_pattern(words: list[str]) -> Any:
    """Digits, ``@``, URL starts and the given words at a word start (case-insensitive)."""
    firsts = {w.split("-")[0] for w in words}  # "twenty-first" is anchored by "twenty"
    alternation = "|".join(regex.escape(w) for w in sorted(firsts, key=len, reverse=True))
    return regex.compile(rf"[\d@]|\b(?:https?:|www\.|{alternation})", regex.IGNORECASE)


def anchored_finditer(pattern: Any, anchors: Any, text: str) -> Iterator[Any]:
    """``pattern.finditer(text)``, searching ``pattern`` only around ``anchors`` matches.

    ``pattern`` must never match the empty string, and every match of it must hold an anchor
    within ``BACK`` characters of its start (see the module docstring)."""
    if "@" in text or _LONG_SPACE.search(text):
        yield from pattern.finditer(text)
        return
    n = len(text)
    pos = 0
    while pos < n:
        anchor = anchors.search(text, pos)
        if anchor is None:
            return
        a = anchor.start()
        near = a - NEAR
        if near > pos and len("".join(text[near:a].split())) > NEAR_TEXT:
            start = near  # a match starting earlier would need more spaces here
        else:
            start = max(pos, a - BACK)
        end = a + AHEAD
        if end < n:
            m = pattern.search(text, start, end)
            if m is None:
                pos = end - MARGIN  # nothing starts before this point
                continue
            if m.end() > end - MARGIN:
                m = pattern.search(text, start)  # a long run: the whole text decides
        else:
            m = pattern.search(text, start)
        if m is None:
            return
        yield m
        pos = m.end()
